import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApiRoutes, type OfficeMembershipDto, type OfficeOrganizationDto, type OfficePersonDto, ProblemType, StructureRoutes, type TenantSessionDto } from '@ratsinfo/contracts';
import { authBearerInterceptor } from '@ratsinfo/web-auth';
import { CLERK_USER, provideFakeAuth } from '@ratsinfo/web-auth/testing';
import { CLOCK, TranslatedTitleStrategy } from '@ratsinfo/web-ui';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { NOW, burg, problemJson, session } from '../../testing/fixtures';
import { officeRoutes } from '../office.routes';
import { settle } from '../../testing/harness';

/**
 * The clerk's structure pages as a clerk of a freshly onboarded authority uses them: empty
 * states that lead to the form, creating with validation in the browser, the server's field
 * errors at their fields, and a stale save (412) shown with the current state.
 */
const council: OfficeOrganizationDto = {
  id: '6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e',
  name: 'Gemeinderat',
  shortName: 'GR',
  organizationType: 'council',
  classification: null,
  startDate: '2024-07-01',
  endDate: null,
  website: null,
  parent: null,
  location: null,
  currentMemberCount: 0,
  version: 1,
  createdAt: '2026-03-02T09:00:00Z',
  modifiedAt: '2026-03-02T09:00:00Z',
};

const anna: OfficePersonDto = {
  id: '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d',
  name: 'Anna Arndt',
  formOfAddress: 'Frau',
  title: null,
  givenName: 'Anna',
  familyName: 'Arndt',
  affix: null,
  gender: null,
  email: null,
  phone: null,
  address: null,
  life: null,
  photoFileId: null,
  photoUrl: null,
  currentMemberships: [],
  version: 1,
  createdAt: '2026-03-02T09:00:00Z',
  modifiedAt: '2026-03-02T09:00:00Z',
};

describe('council structure pages', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  async function setup(): Promise<void> {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideRouter([{ path: ':tenant/verwaltung', loadChildren: () => officeRoutes }], withComponentInputBinding()),
        provideHttpClient(withInterceptors([authBearerInterceptor])),
        provideHttpClientTesting(),
        provideFakeAuth({ user: CLERK_USER }),
        { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
        { provide: CLOCK, useValue: () => NOW },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  }

  afterEach(() => http.verify());


  async function openAs(url: string, current: TenantSessionDto): Promise<void> {
    const navigation = harness.navigateByUrl(url);
    await settle(harness);
    http.expectOne(ApiRoutes.portalTenant('burg')).flush(burg);
    await navigation;
    await settle(harness);
    http.expectOne(ApiRoutes.officeSession('burg')).flush(current);
    await settle(harness);
  }

  const page = () => harness.routeNativeElement as HTMLElement;
  const text = () => page().textContent?.replace(/\s+/g, ' ') ?? '';
  const field = <T extends HTMLElement = HTMLInputElement>(form: string, name: string) => page().querySelector<T>(`[data-form="${form}"] [id$="-${form}-${name}"]`) as T;
  function type(form: string, name: string, value: string): void {
    const input = field(form, name);
    input.value = value;
    input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
  }
  async function submit(form: string): Promise<void> {
    page().querySelector<HTMLButtonElement>(`[data-form="${form}"] [data-submit]`)?.click();
    await settle(harness);
  }

  it('leads a clerk of an empty authority from the empty state to the first organization', async () => {
    await setup();
    await openAs('/burg/verwaltung/gremien', session(['clerk']));
    http.expectOne(StructureRoutes.organizations('burg')).flush({ data: [] });
    await settle(harness);

    expect(page().querySelector('h1')?.textContent).toContain('Gremien');
    expect(text()).toContain('Noch keine Gremien angelegt');
    page().querySelector<HTMLButtonElement>('[data-empty-action]')?.click();
    await settle(harness);
    expect(document.activeElement).toBe(field('organizations', 'name'));

    // Nothing is sent while required fields are empty; the summary names them and takes the focus.
    await submit('organizations');
    const summary = page().querySelector<HTMLElement>('[data-error-summary]');
    expect(summary?.textContent).toContain('Name: Bitte füllen Sie dieses Feld aus.');
    expect(summary?.textContent).toContain('Art des Gremiums: Bitte wählen Sie einen Eintrag aus.');
    expect(document.activeElement).toBe(summary);
    expect(field('organizations', 'name').getAttribute('aria-invalid')).toBe('true');
    http.expectNone(StructureRoutes.organizations('burg'));

    type('organizations', 'name', 'Gemeinderat');
    type('organizations', 'shortName', 'GR');
    type('organizations', 'organizationType', 'council');
    await settle(harness);
    await submit('organizations');
    const post = http.expectOne({ method: 'POST', url: StructureRoutes.organizations('burg') });
    expect(post.request.body).toEqual({ name: 'Gemeinderat', shortName: 'GR', organizationType: 'council', parentId: null });
    post.flush(council, { status: 201, statusText: 'Created' });
    await settle(harness);

    expect(page().querySelector('[data-list="organizations"]')?.textContent).toContain('Gemeinderat (GR)');
    const notice = page().querySelector('[data-notice]');
    expect(notice?.textContent).toContain('Gremium „Gemeinderat (GR)“ angelegt.');
    expect(notice?.querySelector('a')?.getAttribute('href')).toBe(`/burg/verwaltung/gremien/${council.id}`);
    expect(field('organizations', 'name').value).toBe('');
  });

  it('shows the server’s field errors at their fields', async () => {
    await setup();
    await openAs('/burg/verwaltung/personen', session(['clerk']));
    http.expectOne(StructureRoutes.persons('burg')).flush({ data: [anna] });
    await settle(harness);
    type('persons', 'givenName', 'Bernd');
    type('persons', 'familyName', 'Berger');
    await submit('persons');
    http
      .expectOne({ method: 'POST', url: StructureRoutes.persons('burg') })
      .flush({ type: ProblemType.validation, title: 'Invalid input', status: 400, errors: [{ name: 'familyName', reason: 'must not contain control characters' }] }, { status: 400, statusText: 'Bad Request', headers: problemJson });
    await settle(harness);
    expect(page().querySelector('[data-error-summary]')?.textContent).toContain('Nachname: Enthält unzulässige Steuerzeichen.');
    expect(field('persons', 'givenName').value).toBe('Bernd');
  });

  it('shows a stale save with the current state, and saves the clerk’s input over it on request', async () => {
    await setup();
    await openAs(`/burg/verwaltung/gremien/${council.id}`, session(['clerk']));
    http.expectOne(StructureRoutes.organizations('burg')).flush({ data: [council] });
    http.expectOne(StructureRoutes.locations('burg')).flush({ data: [] });
    http.expectOne(StructureRoutes.persons('burg')).flush({ data: [anna] });
    http.expectOne(StructureRoutes.organization('burg', council.id)).flush(council);
    await settle(harness);
    http.expectOne((req) => req.url === StructureRoutes.memberships('burg') && req.params.get('organizationId') === council.id).flush({ data: [] as OfficeMembershipDto[] });
    await settle(harness);
    expect(page().querySelector('h1')?.textContent).toContain('Gemeinderat (GR)');
    expect(text()).toContain('Noch keine Mitglieder');

    type('organization', 'classification', 'Hauptorgan');
    await submit('organization');
    const patch = http.expectOne({ method: 'PATCH', url: StructureRoutes.organization('burg', council.id) });
    expect(patch.request.headers.get('If-Match')).toBe('"1"');
    const current = { ...council, name: 'Stadtrat', version: 2 };
    patch.flush({ type: ProblemType.staleVersion, title: 'Precondition Failed', status: 412, current }, { status: 412, statusText: 'Precondition Failed', headers: problemJson });
    await settle(harness);

    const stale = page().querySelector<HTMLElement>('[data-stale]');
    expect(stale?.getAttribute('role')).toBe('alert');
    expect(stale?.textContent).toContain('Inzwischen von jemand anderem geändert');
    expect([...(stale?.querySelectorAll('[data-stale-field="name"] > *') ?? [])].map((cell) => cell.textContent?.trim())).toEqual(['Name', 'Stadtrat', 'Gemeinderat']);
    expect(stale?.querySelector('[data-stale-field="classification"]')?.textContent).toContain('Hauptorgan');
    // The clerk's input is still there.
    expect(field('organization', 'classification').value).toBe('Hauptorgan');

    stale?.querySelector<HTMLButtonElement>('[data-stale-overwrite]')?.click();
    await settle(harness);
    const again = http.expectOne({ method: 'PATCH', url: StructureRoutes.organization('burg', council.id) });
    expect(again.request.headers.get('If-Match')).toBe('"2"');
    expect(again.request.body).toMatchObject({ name: 'Gemeinderat', classification: 'Hauptorgan' });
    again.flush({ ...council, classification: 'Hauptorgan', version: 3 });
    await settle(harness);
    expect(page().querySelector('[data-stale]')).toBeNull();
    expect(page().querySelector('[data-notice]')?.textContent).toContain('Gremium „Gemeinderat (GR)“ gespeichert.');
  });

  it('adds a member to the organization shown, with the faction chosen', async () => {
    await setup();
    const faction: OfficeOrganizationDto = { ...council, id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', name: 'Fraktion BfN', shortName: 'BfN', organizationType: 'faction' };
    await openAs(`/burg/verwaltung/gremien/${council.id}`, session(['clerk']));
    http.expectOne(StructureRoutes.organizations('burg')).flush({ data: [council, faction] });
    http.expectOne(StructureRoutes.locations('burg')).flush({ data: [] });
    http.expectOne(StructureRoutes.persons('burg')).flush({ data: [anna] });
    http.expectOne(StructureRoutes.organization('burg', council.id)).flush(council);
    await settle(harness);
    http.expectOne((req) => req.url === StructureRoutes.memberships('burg')).flush({ data: [] as OfficeMembershipDto[] });
    await settle(harness);
    // Only factions are offered for "Für Fraktion"; a new member has the voting right.
    const factions = [...field<HTMLSelectElement>('memberships', 'onBehalfOfId').options].map((o) => o.textContent?.trim());
    expect(factions).toEqual(['Keiner Fraktion zugeordnet', 'Fraktion BfN (BfN)']);
    expect(field('memberships', 'votingRight').checked).toBe(true);
    type('memberships', 'personId', anna.id);
    type('memberships', 'role', 'Vorsitz');
    type('memberships', 'onBehalfOfId', faction.id);
    await settle(harness);
    await submit('memberships');
    const post = http.expectOne({ method: 'POST', url: StructureRoutes.memberships('burg') });
    expect(post.request.body).toEqual({ organizationId: council.id, personId: anna.id, role: 'Vorsitz', onBehalfOfId: faction.id, deputyForId: null, startDate: null, endDate: null, votingRight: true });
    const created: OfficeMembershipDto = {
      id: 'c0ffee00-0000-4000-8000-000000000001',
      person: { id: anna.id, name: 'Anna Arndt' },
      organization: { id: council.id, name: council.name, shortName: council.shortName },
      role: 'Vorsitz',
      votingRight: true,
      startDate: null,
      endDate: null,
      onBehalfOf: { id: faction.id, name: faction.name, shortName: 'BfN' },
      deputyFor: null,
      version: 1,
      createdAt: '',
      modifiedAt: '',
    };
    post.flush(created, { status: 201, statusText: 'Created' });
    await settle(harness);
    expect(page().querySelector('[data-list="memberships"]')?.textContent).toContain('Anna Arndt');
    // She can now be chosen as the one a deputy stands in for.
    expect([...field<HTMLSelectElement>('memberships', 'deputyForId').options].map((o) => o.textContent?.trim())).toContain('Anna Arndt');
  });

  it('shows members the structure without any form', async () => {
    await setup();
    await openAs('/burg/verwaltung/wahlperioden', session(['member']));
    http
      .expectOne(StructureRoutes.legislativeTerms('burg'))
      .flush({ data: [{ id: 't1', name: 'Wahlperiode 2024–2029', startDate: '2024-07-01', endDate: null, version: 1, createdAt: '', modifiedAt: '' }] });
    await settle(harness);
    expect(page().querySelector('[data-list="terms"]')?.textContent).toContain('01.07.2024');
    expect(page().querySelector('form')).toBeNull();
    expect(page().querySelector('[data-edit]')).toBeNull();
    const nav = [...page().ownerDocument.querySelectorAll<HTMLAnchorElement>('.ri-office-nav a')].map((a) => a.getAttribute('href'));
    expect(nav).toEqual(expect.arrayContaining(['/burg/verwaltung/vorlagen', '/burg/verwaltung/sitzungen', '/burg/verwaltung/gremien', '/burg/verwaltung/personen', '/burg/verwaltung/wahlperioden', '/burg/verwaltung/orte']));
  });
});

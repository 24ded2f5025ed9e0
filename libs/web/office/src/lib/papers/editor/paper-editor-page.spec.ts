import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { PaperRoutes, ProblemType, StructureRoutes, type PaperDto, type TenantRole } from '@ratsinfo/contracts';
import { CLOCK } from '@ratsinfo/web-ui';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { NOW } from '../../../testing/fixtures';
import { OfficeContext } from '../../office-context';
import { PaperEditorPage } from './paper-editor-page';
import { settle } from '../../../testing/harness';

const ID = 'c0000000-0000-4000-8000-000000000007';

const paper: PaperDto = {
  id: ID,
  reference: 'BV/0007/2026',
  name: 'Radweg an der Ihle',
  date: '2026-02-20',
  paperType: { id: 'a1111111-1111-4111-8111-111111111111', name: 'Beschlussvorlage', abbreviation: 'BV' },
  status: 'draft',
  public: true,
  responsibleDepartment: 'Bauamt',
  derivation: null,
  modifiedAt: '2026-02-20T10:00:00Z',
  version: 3,
  originatorPersons: [],
  originatorOrganizations: [],
  superordinatePaper: null,
  subordinatePapers: [],
  relatedPapers: [],
  originalPaper: null,
  derivatives: [],
  mainFile: null,
  files: [],
  consultations: [],
  deletable: true,
  createdAt: '2026-02-20T10:00:00Z',
};

describe('paper editor: a save refused because someone else saved first (412)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideRouter([{ path: ':tenant/verwaltung/vorlagen/:paperId', component: PaperEditorPage }], withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: CLOCK, useValue: () => NOW },
        {
          provide: OfficeContext,
          useValue: { slug: signal('burg'), tenantName: signal('Stadt Burg'), roles: signal<readonly TenantRole[]>(['clerk']), isAdmin: signal(false), session: signal(undefined) },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
    document.body.appendChild(harness.fixture.nativeElement);
    await harness.navigateByUrl(`/burg/verwaltung/vorlagen/${ID}`);
    await settle(harness);
    answerLookups();
    http.expectOne(PaperRoutes.paper('burg', ID)).flush(paper);
    await settle(harness);
  });

  afterEach(() => harness.fixture.nativeElement.remove());


  /** Types, bodies, persons and the file list: not what this test is about. */
  function answerLookups(): void {
    for (const request of http.match(PaperRoutes.paperTypes('burg'))) request.flush({ data: [] });
    for (const request of http.match(StructureRoutes.organizations('burg'))) request.flush({ data: [] });
    for (const request of http.match(StructureRoutes.persons('burg'))) request.flush({ data: [] });
    for (const request of http.match((req) => req.url.endsWith('/files'))) request.flush({ data: [] });
  }

  const page = () => harness.routeNativeElement as HTMLElement;
  const name = () => page().querySelector<HTMLInputElement>('#paper-name') as HTMLInputElement;

  it('keeps the edits, shows what is saved now, and saves only the changed field over it on request', async () => {
    name().value = 'Radweg an der Ihle, Abschnitt Nord';
    name().dispatchEvent(new Event('input'));
    await settle(harness);
    (page().querySelector('[data-save-paper]') as HTMLButtonElement).click();
    await settle(harness);

    const first = http.expectOne((req) => req.method === 'PATCH' && req.url === PaperRoutes.paper('burg', ID));
    expect(first.request.headers.get('If-Match')).toBe('"3"');
    expect(first.request.body).toEqual({ name: 'Radweg an der Ihle, Abschnitt Nord' });
    const current: PaperDto = { ...paper, version: 4, responsibleDepartment: 'Tiefbauamt', modifiedAt: '2026-03-02T08:30:00Z' };
    first.flush(
      { type: ProblemType.staleVersion, title: 'Precondition Failed', status: 412, current },
      { status: 412, statusText: 'Precondition Failed', headers: { 'Content-Type': 'application/problem+json' } },
    );
    await settle(harness);
    answerLookups();

    const stale = page().querySelector<HTMLElement>('[data-stale]') as HTMLElement;
    expect(stale.textContent).toContain('Inzwischen von jemand anderem geändert');
    expect(document.activeElement).toBe(stale);
    const differences = [...stale.querySelectorAll('[data-stale-differences] > div')].map((item) => [
      item.querySelector('dt')?.textContent?.trim(),
      item.querySelector('dd')?.textContent?.replace(/\s+/g, ' ').trim(),
    ]);
    expect(differences).toEqual([
      ['Betreff', 'Jetzt gespeichert: Radweg an der Ihle'],
      ['Federführendes Amt', 'Jetzt gespeichert: Tiefbauamt'],
    ]);
    // nothing typed is lost
    expect(name().value).toBe('Radweg an der Ihle, Abschnitt Nord');

    (stale.querySelector('[data-stale-overwrite]') as HTMLButtonElement).click();
    await settle(harness);
    const second = http.expectOne((req) => req.method === 'PATCH' && req.url === PaperRoutes.paper('burg', ID));
    expect(second.request.headers.get('If-Match')).toBe('"4"');
    // the other clerk's department stays: only the field this clerk changed is sent
    expect(second.request.body).toEqual({ name: 'Radweg an der Ihle, Abschnitt Nord' });
    second.flush({ ...current, version: 5, name: 'Radweg an der Ihle, Abschnitt Nord' });
    await settle(harness);
    answerLookups();

    expect(page().querySelector('[data-stale]')).toBeNull();
    expect(page().querySelector('[data-paper-message]')?.textContent).toContain('Die Änderungen an BV/0007/2026 wurden gespeichert.');
    expect(page().querySelector<HTMLInputElement>('#paper-department')?.value).toBe('Tiefbauamt');
  });

  it('takes the current state on request and drops the edits', async () => {
    name().value = 'Anderer Betreff';
    name().dispatchEvent(new Event('input'));
    await settle(harness);
    (page().querySelector('[data-save-paper]') as HTMLButtonElement).click();
    await settle(harness);
    const current: PaperDto = { ...paper, version: 4, name: 'Radweg an der Ihle (neu)' };
    http
      .expectOne((req) => req.method === 'PATCH')
      .flush({ type: ProblemType.staleVersion, title: 'Precondition Failed', status: 412, current }, { status: 412, statusText: 'Precondition Failed' });
    await settle(harness);
    answerLookups();

    (page().querySelector('[data-stale-take]') as HTMLButtonElement).click();
    await settle(harness);
    answerLookups();

    expect(name().value).toBe('Radweg an der Ihle (neu)');
    expect(page().querySelector('[data-form-unsaved]')).toBeNull();
    expect(page().querySelector('[data-paper-message]')?.textContent).toContain('Der aktuelle Stand wurde übernommen.');
  });
});

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { MemberRoutes, type MyDocumentDto, type MyMeetingDto } from '@ratsinfo/contracts';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { memberRoutes } from './member.routes';
import { officeContextOf, settle } from '../../../testing/harness';

const meeting = (over: Partial<MyMeetingDto>): MyMeetingDto => ({
  id: 'm1',
  name: 'Sitzung des Stadtrates',
  start: '2026-12-10T17:00:00.000Z',
  end: null,
  locationText: 'Rathaus, Ratssaal',
  meetingState: 'invited',
  cancelled: false,
  organization: { id: 'o1', name: 'Stadtrat Burg', shortName: null },
  absence: { state: 'open', noticedAt: null },
  itemCount: 7,
  fileCount: 3,
  ...over,
});
const doc = (over: Partial<MyDocumentDto>): MyDocumentDto => ({
  id: 'p1',
  reference: 'BV/0001/2026',
  name: 'Zebrastreifen am Schulweg',
  date: '2026-11-30',
  status: 'released',
  public: false,
  paperType: 'Beschlussvorlage',
  files: [{ id: 'f1', name: 'Lageplan', public: false, mimeType: 'application/pdf', size: 10 }],
  annotationCount: 2,
  ...over,
});

describe('members’ pages', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideRouter([{ path: ':tenant/verwaltung', children: memberRoutes }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        officeContextOf(['member']),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  const page = () => harness.routeNativeElement as HTMLElement;

  it('Meine Sitzungen: upcoming by default with my absence state in words, past on its tab, more pages appended', async () => {
    await harness.navigateByUrl('/burg/verwaltung/meine-sitzungen');
    await settle(harness);
    const first = http.expectOne((r) => r.url === MemberRoutes.meetings('burg'));
    expect(first.request.params.get('when')).toBe('upcoming');
    first.flush({ data: [meeting({}), meeting({ id: 'm2', absence: { state: 'noticed', noticedAt: '2026-12-01T10:00:00.000Z' } })], nextCursor: 'c1' });
    await settle(harness);
    expect(page().querySelector('h1')?.textContent).toContain('Meine Sitzungen');
    expect(page().querySelector('[data-tab-upcoming]')?.getAttribute('aria-current')).toBe('page');
    const states = Array.from(page().querySelectorAll('[data-absence-state]')).map((b) => b.textContent?.trim());
    expect(states).toEqual(['Keine Abmeldung', 'Sie haben sich abgemeldet']);
    expect(page().querySelector('[data-meeting-id="m1"] a')?.getAttribute('href')).toBe('/burg/verwaltung/sitzungen/m1');
    expect(page().querySelector('[data-meeting-id="m1"]')?.textContent).toContain('Tagesordnungspunkte: 7 · Dokumente: 3');

    page().querySelector<HTMLButtonElement>('[data-more]')!.click();
    const more = http.expectOne((r) => r.url === MemberRoutes.meetings('burg'));
    expect(more.request.params.get('cursor')).toBe('c1');
    more.flush({ data: [meeting({ id: 'm3' })], nextCursor: null });
    await settle(harness);
    expect(page().querySelectorAll('[data-meeting-id]')).toHaveLength(3);
    expect(page().querySelector('[data-more]')).toBeNull();

    await harness.navigateByUrl('/burg/verwaltung/meine-sitzungen?zeitraum=vergangen');
    await settle(harness);
    const past = http.expectOne((r) => r.url === MemberRoutes.meetings('burg'));
    expect(past.request.params.get('when')).toBe('past');
    past.flush({ data: [], nextCursor: null });
    await settle(harness);
    expect(page().querySelector('[data-tab-past]')?.getAttribute('aria-current')).toBe('page');
    expect(page().querySelector('[data-my-meetings-empty]')?.textContent).toContain('Keine vergangenen Sitzungen');
  });

  it('Meine Unterlagen: lists readable papers with my note count and searches with the typed words', async () => {
    await harness.navigateByUrl('/burg/verwaltung/meine-unterlagen');
    await settle(harness);
    http.expectOne((r) => r.url === MemberRoutes.documents('burg') && !r.params.has('q')).flush({ data: [doc({})], nextCursor: null });
    await settle(harness);
    const item = page().querySelector('[data-paper-id="p1"]')!;
    expect(item.textContent).toContain('Nichtöffentlich');
    expect(item.querySelector('[data-annotation-count]')?.textContent).toContain('Private Notizen: 2');
    expect(item.querySelector('a')?.getAttribute('href')).toBe('/burg/verwaltung/vorlagen/p1');
    const input = page().querySelector<HTMLInputElement>('[data-documents-q]')!;
    expect(page().querySelector(`label[for="${input.id}"]`)?.textContent).toContain('Unterlagen durchsuchen');
    input.value = ' 100% Schule ';
    input.dispatchEvent(new Event('input'));
    page().querySelector<HTMLButtonElement>('[data-documents-submit]')!.click();
    const search = http.expectOne((r) => r.url === MemberRoutes.documents('burg'));
    expect(search.request.params.get('q')).toBe('100% Schule');
    search.flush({ data: [], nextCursor: null });
    await settle(harness);
    expect(page().querySelector('h2#my-documents-heading')?.textContent).toContain('Ergebnisse für „100% Schule“');
    expect(page().querySelector('[data-my-documents-empty]')).not.toBeNull();
  });

  it('Meine Gremien: role and voting right in words, deputyship named', async () => {
    await harness.navigateByUrl('/burg/verwaltung/meine-gremien');
    await settle(harness);
    http.expectOne(MemberRoutes.bodies('burg')).flush({
      data: [
        { organizationId: 'o1', name: 'Stadtrat Burg', shortName: null, organizationType: 'council', role: 'Mitglied', votingRight: true, deputyFor: null, since: '2024-07-01', until: null },
        { organizationId: 'o2', name: 'Bauausschuss', shortName: null, organizationType: 'committee', role: 'Stellvertreter', votingRight: false, deputyFor: { personId: 'x', name: 'Maria Muster' }, since: null, until: null },
      ],
    });
    await settle(harness);
    const items = Array.from(page().querySelectorAll('[data-organization-id]')).map((i) => i.textContent?.replace(/\s+/g, ' ').trim());
    expect(items[0]).toContain('Mitglied · mit Stimmrecht');
    expect(items[1]).toContain('ohne Stimmrecht');
    expect(items[1]).toContain('Stellvertretung für Maria Muster');
  });
});

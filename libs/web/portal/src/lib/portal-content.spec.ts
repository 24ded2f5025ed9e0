import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router, TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  ApiRoutes,
  OrganizationDto,
  PersonDto,
  PortalContentRoutes,
  PortalFile,
  PortalOrganization,
  PortalPaper,
  PortalPaperRef,
  PortalPerson,
} from '@ratsinfo/contracts';
import { CLOCK, TranslatedTitleStrategy } from '@ratsinfo/web-ui';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { NOW, burg, councilMeeting, councilMeetingDetail, notFound, problemJson } from '../testing/fixtures';
import { portalRoutes } from './portal.routes';

const T1 = '11111111-aaaa-4aaa-8aaa-111111111111';
const T2 = '22222222-aaaa-4aaa-8aaa-222222222222';

const ref = (id: string, reference: string, name: string, extra: Partial<PortalPaperRef> = {}): PortalPaperRef => ({
  id,
  reference,
  name,
  date: '2026-02-10',
  paperType: { id: T1, name: 'Beschlussvorlage', abbreviation: 'BV' },
  status: 'released',
  derivation: null,
  ...extra,
});

const file = (id: string, name: string, size: number, mimeType = 'application/pdf'): PortalFile => ({
  id,
  name,
  fileName: `${name}.pdf`,
  mimeType,
  size,
  sha512Checksum: 'a'.repeat(128),
  modifiedAt: '2026-02-10T10:00:00Z',
  accessUrl: `/api/portal/burg/files/${id}/content`,
  downloadUrl: `/api/portal/burg/files/${id}/content?download=1`,
});

const committee = { id: 'org-bau', name: 'Bau- und Vergabeausschuss', shortName: 'BVA', organizationType: 'committee' as const };
const council = { id: 'org-rat', name: 'Stadtrat', shortName: 'SR', organizationType: 'council' as const };
const faction = { id: 'org-fraktion', name: 'Fraktion Bürgerliste', shortName: null, organizationType: 'faction' as const };

const paper: PortalPaper = {
  ...ref('p1', 'BV/0012/2026', 'Bebauungsplan Nr. 12 „Am Mühlenteich“'),
  responsibleDepartment: 'Amt für Stadtentwicklung',
  originatorPersons: [{ id: 'person-1', name: 'Dr. Anna Albrecht' }],
  originatorOrganizations: [faction],
  consultations: [
    {
      id: 'c1',
      position: 1,
      organization: committee,
      authoritative: false,
      role: 'Vorberatung',
      meeting: { id: 'm-past', name: '4. Sitzung des Bauausschusses', start: '2026-02-19T17:00:00+01:00', cancelled: false, meetingState: 'held' },
      agendaItem: { id: 'i1', number: 'Ö 3', result: 'empfohlen' },
    },
    {
      id: 'c2',
      position: 2,
      organization: council,
      authoritative: true,
      role: 'Entscheidung',
      meeting: { id: 'm-next', name: '12. Sitzung des Stadtrates', start: '2026-03-12T17:00:00+01:00', cancelled: false, meetingState: 'invited' },
      agendaItem: { id: 'i2', number: 'Ö 5', result: null },
    },
    { id: 'c3', position: 3, organization: committee, authoritative: false, role: 'Kenntnisnahme', meeting: null, agendaItem: null },
  ],
  mainFile: file('f-main', 'Vorlage', 1_234_567),
  auxiliaryFiles: [file('f-plan', 'Anlage 1 – Lageplan', 45_000, 'image/png')],
  originalPaper: null,
  derivativePapers: [ref('p2', 'AN/0003/2026', 'Änderungsantrag zum Bebauungsplan Nr. 12', { derivation: 'amendment', status: 'withdrawn', paperType: { id: T2, name: 'Antrag', abbreviation: 'AN' } })],
  superordinatePaper: null,
  subordinatePapers: [],
  relatedPapers: [ref('p3', 'BV/0002/2025', 'Erschließung Mühlenteich')],
  resolutions: [],
  createdAt: '2026-02-10T10:00:00Z',
  modifiedAt: '2026-02-10T10:00:00Z',
};

describe('portal content pages', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideRouter(portalRoutes, withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
        { provide: CLOCK, useValue: () => NOW },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      harness.detectChanges();
    }
  }

  /** Opens a page of Burg's portal and answers the authority's request. */
  async function open(url: string): Promise<HTMLElement> {
    await harness.navigateByUrl(url);
    await settle();
    http.expectOne(ApiRoutes.portalTenant('burg')).flush(burg);
    await settle();
    return page();
  }

  const page = () => harness.fixture.nativeElement as HTMLElement;
  const h1 = () => page().querySelector('h1')?.textContent?.trim();
  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();
  const documentTitle = () => TestBed.inject(Title).getTitle();

  describe('the tenant home', () => {
    it('links meetings, bodies, people and papers: what the card on the landing page promises', async () => {
      await open('/burg');
      http.expectOne((r) => r.url === ApiRoutes.portalMeetings('burg')).flush({ data: [] });
      await settle();
      const nav = page().querySelector('nav[data-portal-sections]');
      expect(nav?.getAttribute('aria-labelledby')).toBe('portal-sections-heading');
      const links = Array.from(nav?.querySelectorAll('a') ?? []).map((a) => [a.textContent?.trim(), a.getAttribute('href')]);
      expect(links).toEqual([
        ['Sitzungen und Tagesordnungen', '/burg/archiv'],
        ['Gremien und Fraktionen', '/burg/gremien'],
        ['Personen', '/burg/personen'],
        ['Vorlagen und Anträge', '/burg/vorlagen'],
      ]);
    });
  });

  describe('papers /:tenant/vorlagen', () => {
    it('lists the newest papers with reference, type, date and state, and offers the filter', async () => {
      await open('/burg/vorlagen');
      http.expectOne(PortalContentRoutes.paperTypes('burg')).flush({ data: [{ id: T1, name: 'Beschlussvorlage', abbreviation: 'BV' }, { id: T2, name: 'Antrag', abbreviation: 'AN' }] });
      const list = http.expectOne((r) => r.url === PortalContentRoutes.papers('burg'));
      expect(list.request.params.keys()).toEqual([]);
      list.flush({ data: [paper.derivativePapers[0], ref('p1', 'BV/0012/2026', paper.name)], nextCursor: null });
      await settle();

      expect(h1()).toBe('Vorlagen');
      expect(documentTitle()).toBe('Vorlagen – Stadt Burg – Ratsinfo');
      const items = Array.from(page().querySelectorAll('li[data-paper-id]'));
      expect(items.map((li) => li.querySelector('a')?.getAttribute('href'))).toEqual(['/burg/vorlagen/p2', '/burg/vorlagen/p1']);
      expect(text(items[0]?.querySelector('a'))).toBe('Änderungsantrag zum Bebauungsplan Nr. 12');
      expect(text(items[0]?.querySelector('.ri-paper__meta'))).toBe('AN/0003/2026 · Antrag · 10.02.2026 · Änderungsantrag · zurückgezogen');
      expect(Array.from(page().querySelectorAll('#paper-type option')).map((o) => o.textContent?.trim())).toEqual(['Alle Arten', 'Beschlussvorlage', 'Antrag']);
      expect(page().querySelector('label[for="paper-q"]')?.textContent?.trim()).toBe('Suchbegriff oder Aktenzeichen');
      expect(page().querySelector('[role="search"]')?.getAttribute('aria-label')).toBe('Vorlagen durchsuchen');
      expect(text(page().querySelector('.ri-more'))).toBe('Alle 2 passenden Vorlagen werden angezeigt.');
    });

    it('takes the filter from the address and puts a new search into it', async () => {
      await open(`/burg/vorlagen?q=Haushalt&typ=${T2}&jahr=2025`);
      http.expectOne(PortalContentRoutes.paperTypes('burg')).flush({ data: [{ id: T2, name: 'Antrag', abbreviation: 'AN' }] });
      const list = http.expectOne((r) => r.url === PortalContentRoutes.papers('burg'));
      expect([list.request.params.get('q'), list.request.params.get('type'), list.request.params.get('year')]).toEqual(['Haushalt', T2, '2025']);
      list.flush({ data: [], nextCursor: null });
      await settle();
      expect(page().querySelector('[role="status"]')?.textContent).toContain('Keine öffentliche Vorlage passt zu Ihrer Suche');
      expect((page().querySelector('#paper-q') as HTMLInputElement).value).toBe('Haushalt');

      const input = page().querySelector('#paper-q') as HTMLInputElement;
      input.value = 'Bebauungsplan 12';
      input.dispatchEvent(new Event('input'));
      const year = page().querySelector('#paper-year') as HTMLSelectElement;
      year.value = '';
      year.dispatchEvent(new Event('change'));
      (page().querySelector('form button[type="submit"]') as HTMLButtonElement).click();
      await settle();
      expect(TestBed.inject(Router).url).toBe(`/burg/vorlagen?q=Bebauungsplan%2012&typ=${T2}`);
      const next = http.expectOne((r) => r.url === PortalContentRoutes.papers('burg'));
      expect(next.request.params.get('q')).toBe('Bebauungsplan 12');
      expect(next.request.params.has('year')).toBe(false);
      next.flush({ data: [], nextCursor: null });
      await settle();
    });

    it('ignores a malformed type or year in the address instead of failing', async () => {
      await open('/burg/vorlagen?typ=BV&jahr=zwanzig');
      http.expectOne(PortalContentRoutes.paperTypes('burg')).flush({ data: [] });
      const list = http.expectOne((r) => r.url === PortalContentRoutes.papers('burg'));
      expect(list.request.params.keys()).toEqual([]);
      list.flush({ data: [], nextCursor: null });
      await settle();
    });

    it('loads further pages by the cursor, appends them and announces how many came', async () => {
      await open('/burg/vorlagen');
      http.expectOne(PortalContentRoutes.paperTypes('burg')).flush({ data: [] });
      http.expectOne((r) => r.url === PortalContentRoutes.papers('burg')).flush({ data: [ref('p1', 'BV/0012/2026', 'Erste')], nextCursor: 'CURSOR1' });
      await settle();
      (page().querySelector('[data-load-more]') as HTMLButtonElement).click();
      await settle();
      const more = http.expectOne((r) => r.url === PortalContentRoutes.papers('burg') && r.params.get('cursor') === 'CURSOR1');
      expect(text(page().querySelector('[data-load-more]'))).toBe('Weitere Vorlagen werden geladen …');
      more.flush({ data: [ref('p9', 'BV/0001/2025', 'Zweite'), ref('p8', 'BV/0002/2024', 'Dritte')], nextCursor: null });
      await settle();
      expect(Array.from(page().querySelectorAll('li[data-paper-id]')).map((li) => li.getAttribute('data-paper-id'))).toEqual(['p1', 'p9', 'p8']);
      expect(page().querySelector('[data-load-more]')).toBeNull();
      expect(text(page().querySelector('[aria-live="polite"]'))).toBe('2 weitere Vorlagen geladen.');
    });
  });

  describe('paper /:tenant/vorlagen/:paperId', () => {
    it('shows the facts, the consultation path in order with where it stands, the documents and the linked papers', async () => {
      await open('/burg/vorlagen/p1');
      http.expectOne(PortalContentRoutes.paper('burg', 'p1')).flush(paper);
      await settle();

      expect(h1()).toBe('Bebauungsplan Nr. 12 „Am Mühlenteich“');
      expect(documentTitle()).toBe('BV/0012/2026: Bebauungsplan Nr. 12 „Am Mühlenteich“ – Stadt Burg – Ratsinfo');
      expect(text(page().querySelector('.kern-preline'))).toBe('Beschlussvorlage BV/0012/2026');
      const facts = Array.from(page().querySelectorAll('dl .kern-description-list-item')).map((i) => [text(i.querySelector('dt')), text(i.querySelector('dd'))]);
      expect(facts).toEqual([
        ['Aktenzeichen', 'BV/0012/2026'],
        ['Art', 'Beschlussvorlage'],
        ['Datum', 'Dienstag, 10. Februar 2026'],
        ['Federführend', 'Amt für Stadtentwicklung'],
        ['Eingereicht von', 'Fraktion BürgerlisteDr. Anna Albrecht'],
      ]);
      // the list's commas come from CSS; each originator is its own link
      expect(Array.from(page().querySelectorAll('dl .ri-inline-list a')).map((a) => a.getAttribute('href'))).toEqual(['/burg/gremien/org-fraktion', '/burg/personen/person-1']);

      const steps = Array.from(page().querySelectorAll('ol.ri-path > li'));
      expect(steps.map((s) => Array.from(s.querySelectorAll('p')).map((p) => text(p)))).toEqual([
        ['Schritt 1 von 3: Bau- und Vergabeausschuss – Vorberatung', '4. Sitzung des Bauausschusses, Do., 19.02.2026, TOP Ö 3', 'Ergebnis: empfohlen'],
        ['Schritt 2 von 3: Stadtrat – Entscheidung entscheidet', '12. Sitzung des Stadtrates, Do., 12.03.2026, TOP Ö 5', 'Beratung steht bevor (aktueller Stand)'],
        ['Schritt 3 von 3: Bau- und Vergabeausschuss – Kenntnisnahme', 'Noch keiner Sitzung zugeordnet', 'Beratung offen'],
      ]);
      // where the paper stands is said to assistive technology too
      expect(steps.map((s) => s.getAttribute('aria-current'))).toEqual([null, 'step', null]);
      expect(steps[1]?.querySelector('a[href="/burg/sitzungen/m-next"]')).not.toBeNull();
      expect(steps[0]?.querySelector('a')?.getAttribute('href')).toBe('/burg/gremien/org-bau');

      const files = Array.from(page().querySelectorAll('li[data-file-id]'));
      expect(files.map((f) => f.getAttribute('data-file-id'))).toEqual(['f-main', 'f-plan']);
      expect(text(files[0])).toContain('PDF, 1,2 MB');
      expect(text(files[1])).toContain('PNG, 45 kB');
      expect(files[0]?.querySelector('a')?.getAttribute('href')).toBe('/api/portal/burg/files/f-main/content');

      const linked = page().querySelector('section[aria-labelledby="paper-links-heading"]');
      expect(Array.from(linked?.querySelectorAll('h3') ?? []).map((h) => h.textContent?.trim())).toEqual(['Änderungsanträge und Ergänzungen', 'Weitere zugehörige Vorlagen']);
      expect(Array.from(linked?.querySelectorAll('li[data-paper-id] > a') ?? []).map((a) => a.getAttribute('href'))).toEqual(['/burg/vorlagen/p2', '/burg/vorlagen/p3']);
      // no resolutions: no section for them
      expect(page().querySelector('section[aria-labelledby="paper-resolutions-heading"]')).toBeNull();
    });

    it('marks a withdrawn amendment and links its original; says when there are no documents', async () => {
      await open('/burg/vorlagen/p2');
      http.expectOne(PortalContentRoutes.paper('burg', 'p2')).flush({
        ...paper,
        ...paper.derivativePapers[0],
        originalPaper: ref('p1', 'BV/0012/2026', paper.name),
        consultations: [],
        mainFile: null,
        auxiliaryFiles: [],
        derivativePapers: [],
        relatedPapers: [],
      });
      await settle();
      expect(page().querySelector('[role="alert"], .kern-alert')?.textContent).toContain('Zurückgezogen');
      expect(text(Array.from(page().querySelectorAll('dl .kern-description-list-item')).at(-1))).toBe('Änderungsantrag zu BV/0012/2026 – Bebauungsplan Nr. 12 „Am Mühlenteich“');
      expect(page().textContent).toContain('Für diese Vorlage ist keine Beratung vorgesehen.');
      expect(page().textContent).toContain('Zu dieser Vorlage gibt es keine öffentlichen Dokumente.');
      expect(page().querySelector('section[aria-labelledby="paper-links-heading"]')).toBeNull();
    });

    it('shows "Beschlüsse und Umsetzung" with each public status in words, only when there are resolutions', async () => {
      await open('/burg/vorlagen/p1');
      http.expectOne(PortalContentRoutes.paper('burg', 'p1')).flush({
        ...paper,
        resolutions: [
          { meeting: { id: 'm-past', name: '4. Sitzung des Bauausschusses', start: '2026-02-19T17:00:00+01:00' }, agendaItemNumber: 'Ö 3', status: 'in_progress', resolutionText: 'Der Ausschuss beschließt den Bebauungsplan.' },
        ],
      });
      await settle();
      const section = page().querySelector('section[aria-labelledby="paper-resolutions-heading"]');
      expect(text(section?.querySelector('h2'))).toBe('Beschlüsse und Umsetzung');
      expect(text(section?.querySelector('[data-resolution] h3'))).toBe('4. Sitzung des Bauausschusses, Do., 19.02.2026, TOP Ö 3');
      expect(text(section?.querySelector('.ri-resolutions__status'))).toBe('Stand der Umsetzung: in Umsetzung');
    });

    it('says "Vorlage nicht gefunden" for a paper that is not (or not publicly) there', async () => {
      await open('/burg/vorlagen/geheim');
      http.expectOne(PortalContentRoutes.paper('burg', 'geheim')).flush(notFound, { status: 404, statusText: 'Not Found', headers: problemJson });
      await settle();
      expect(h1()).toBe('Vorlage nicht gefunden');
      expect(documentTitle()).toBe('Vorlage nicht gefunden – Ratsinfo');
      expect(page().querySelector('[data-back-link="papers"]')?.getAttribute('href')).toBe('/burg/vorlagen');
    });
  });

  describe('bodies /:tenant/gremien', () => {
    it('groups council, committees and factions, each linked', async () => {
      await open('/burg/gremien');
      const orgs: OrganizationDto[] = [faction, committee, council].map((o) => ({ ...o, classification: null, startDate: null, endDate: null }));
      http.expectOne(ApiRoutes.portalOrganizations('burg')).flush({ data: orgs });
      await settle();
      expect(h1()).toBe('Gremien und Fraktionen');
      const groups = Array.from(page().querySelectorAll('section[data-group]')).map((s) => [s.querySelector('h2')?.textContent?.trim(), Array.from(s.querySelectorAll('a')).map((a) => a.getAttribute('href'))]);
      expect(groups).toEqual([
        ['Rat', ['/burg/gremien/org-rat']],
        ['Ausschüsse', ['/burg/gremien/org-bau']],
        ['Fraktionen', ['/burg/gremien/org-fraktion']],
      ]);
    });

    it('shows a committee with its members, their faction and deputies, and its meetings', async () => {
      await open('/burg/gremien/org-bau');
      const organization: PortalOrganization = {
        ...committee,
        classification: 'Fachausschuss',
        startDate: '2024-07-01',
        endDate: null,
        website: null,
        parent: council,
        subOrganizations: [],
        location: { description: 'Ratssaal', room: null, streetAddress: 'In der Alten Kaserne 2', postalCode: '39288', locality: 'Burg' },
        currentTerm: { id: 't', name: 'Wahlperiode 2024–2029', startDate: '2024-07-01', endDate: '2029-06-30' },
        members: [
          { id: 'ms1', person: { id: 'person-1', name: 'Dr. Anna Albrecht' }, role: 'Vorsitzende', votingRight: true, startDate: null, endDate: null, onBehalfOf: faction, deputyFor: null },
          { id: 'ms2', person: { id: 'person-3', name: 'Clara Cramer' }, role: 'Stellvertretendes Mitglied', votingRight: false, startDate: null, endDate: null, onBehalfOf: null, deputyFor: { id: 'person-2', name: 'Bernd Berger' } },
        ],
        upcomingMeetings: [{ ...councilMeeting, organization: committee }],
        pastMeetings: [],
      };
      http.expectOne(PortalContentRoutes.organization('burg', 'org-bau')).flush(organization);
      await settle();

      expect(h1()).toBe('Bau- und Vergabeausschuss');
      expect(documentTitle()).toBe('Bau- und Vergabeausschuss – Stadt Burg – Ratsinfo');
      const rows = Array.from(page().querySelectorAll('table.ri-members tbody tr')).map((r) => Array.from((r as HTMLTableRowElement).cells).map((c) => text(c)));
      expect(rows).toEqual([
        ['Dr. Anna Albrecht', 'Vorsitzende', 'Fraktion Bürgerliste'],
        ['Clara Cramer', 'Stellvertretendes Mitglied (Vertretung für Bernd Berger) – ohne Stimmrecht', '–keine Fraktion'],
      ]);
      expect(page().querySelector('table.ri-members caption')?.textContent?.trim()).toBe('Mitglieder – Bau- und Vergabeausschuss');
      expect(text(page().querySelector('section[aria-labelledby="org-facts-heading"] dd'))).toBe('Fachausschuss');
      expect(page().textContent).toContain('Ratssaal, In der Alten Kaserne 2, 39288 Burg');
      expect(page().textContent).toContain('Wahlperiode 2024–2029');
      expect(page().querySelector(`section[aria-labelledby="org-upcoming-heading"] a[href="/burg/sitzungen/${councilMeeting.id}"]`)).not.toBeNull();
      expect(page().querySelector('section[aria-labelledby="org-past-heading"]')?.textContent).toContain('Es hat noch keine Sitzungen gegeben.');
    });
  });

  it('leaves out the faction column when nobody in the body sits for a faction', async () => {
    await open('/burg/gremien/org-rat');
    http.expectOne(PortalContentRoutes.organization('burg', 'org-rat')).flush({
      ...council, classification: null, startDate: null, endDate: null, website: null, parent: null, subOrganizations: [], location: null, currentTerm: null,
      members: [{ id: 'ms1', person: { id: 'person-1', name: 'Dr. Anna Albrecht' }, role: null, votingRight: true, startDate: null, endDate: null, onBehalfOf: null, deputyFor: null }],
      upcomingMeetings: [], pastMeetings: [],
    } satisfies PortalOrganization);
    await settle();
    expect(Array.from(page().querySelectorAll('table.ri-members thead th')).map((th) => th.textContent?.trim())).toEqual(['Name', 'Funktion']);
    expect(text(page().querySelector('table.ri-members tbody td'))).toBe('Mitglied');
    expect(text(page().querySelector('section[aria-labelledby="org-facts-heading"] dd'))).toBe('Rat');
  });

  describe('people /:tenant/personen', () => {
    const persons: PersonDto[] = [
      { id: 'person-1', name: 'Dr. Anna Albrecht', familyName: 'Albrecht', givenName: 'Anna', formOfAddress: 'Frau', title: 'Dr.', memberships: [{ id: 'ms1', organization: committee, role: 'Vorsitzende', votingRight: true, startDate: null, endDate: null }] },
      { id: 'person-4', name: 'Jörg Müller', familyName: 'Müller', givenName: 'Jörg', formOfAddress: null, title: null, memberships: [] },
    ];

    it('lists people with their bodies and filters by name without regard to accents', async () => {
      await open('/burg/personen');
      http.expectOne(ApiRoutes.portalPersons('burg')).flush({ data: persons });
      await settle();
      expect(Array.from(page().querySelectorAll('li[data-person-id]')).map((li) => Array.from(li.children).map((c) => text(c)))).toEqual([
        ['Dr. Anna Albrecht', 'Bau- und Vergabeausschuss (Vorsitzende)'],
        ['Jörg Müller'],
      ]);
      const filter = page().querySelector('#person-filter') as HTMLInputElement;
      filter.value = 'muller';
      filter.dispatchEvent(new Event('input'));
      await settle();
      expect(Array.from(page().querySelectorAll('li[data-person-id] a')).map((a) => a.getAttribute('href'))).toEqual(['/burg/personen/person-4']);
      expect(page().querySelector('p[role="status"]')?.textContent?.trim()).toBe('1 von 2 Personen');
    });

    it('shows a person with photo, current and former memberships and papers', async () => {
      await open('/burg/personen/person-1');
      const person: PortalPerson = {
        id: 'person-1',
        name: 'Dr. Anna Albrecht',
        familyName: 'Albrecht',
        givenName: 'Anna',
        formOfAddress: 'Frau',
        title: 'Dr.',
        affix: null,
        life: 'Bauingenieurin.',
        photo: file('photo', 'Foto', 20_000, 'image/jpeg'),
        memberships: [
          { id: 'ms1', organization: committee, role: 'Vorsitzende', votingRight: true, startDate: '2024-07-01', endDate: null, onBehalfOf: faction, deputyFor: null, current: true },
          { id: 'ms0', organization: council, role: null, votingRight: true, startDate: '2019-07-01', endDate: '2024-06-30', onBehalfOf: null, deputyFor: null, current: false },
        ],
        papers: [paper.derivativePapers[0]!],
      };
      http.expectOne(PortalContentRoutes.person('burg', 'person-1')).flush(person);
      await settle();
      expect(h1()).toBe('Dr. Anna Albrecht');
      const img = page().querySelector('img');
      expect([img?.getAttribute('src'), img?.getAttribute('alt')]).toEqual(['/api/portal/burg/files/photo/content', 'Foto von Dr. Anna Albrecht']);
      const tables = Array.from(page().querySelectorAll('table.ri-memberships'));
      expect(tables.map((t) => t.querySelector('caption')?.textContent?.trim())).toEqual(['Aktuelle Mitgliedschaften von Dr. Anna Albrecht', 'Frühere Mitgliedschaften von Dr. Anna Albrecht']);
      expect(Array.from(tables[0]!.querySelectorAll('tbody td')).map((c) => text(c))).toEqual(['Vorsitzende – für Fraktion Bürgerliste', 'seit 01.07.2024']);
      expect(Array.from(tables[1]!.querySelectorAll('tbody td')).map((c) => text(c))).toEqual(['Mitglied', 'seit 01.07.2019 bis 30.06.2024']);
      expect(page().querySelector('section[aria-labelledby="person-papers-heading"] a')?.getAttribute('href')).toBe('/burg/vorlagen/p2');
    });
  });

  describe('meeting /:tenant/sitzungen/:meetingId', () => {
    it("lists each item's paper and files, and the meeting's own documents", async () => {
      await open(`/burg/sitzungen/${councilMeeting.id}`);
      http.expectOne(ApiRoutes.portalMeeting('burg', councilMeeting.id)).flush({
        ...councilMeetingDetail,
        agendaItems: [{ ...councilMeetingDetail.agendaItems[0]!, paper: { id: 'p1', reference: 'BV/0012/2026', name: paper.name }, files: [file('f-main', 'Vorlage', 1_234_567)] }],
        files: [file('f-inv', 'Einladung', 80_000)],
      });
      await settle();
      expect(page().querySelector('[data-paper-link] a')?.getAttribute('href')).toBe('/burg/vorlagen/p1');
      expect(page().querySelector('tbody [data-file-id="f-main"]')).not.toBeNull();
      const documents = page().querySelector('section[aria-labelledby="meeting-files-heading"]');
      expect(documents?.querySelector('h2')?.textContent?.trim()).toBe('Dokumente zur Sitzung');
      expect(documents?.querySelector('[data-file-id="f-inv"] a')?.getAttribute('href')).toBe('/api/portal/burg/files/f-inv/content');
    });

    it('offers the public bundle as a PDF link with its pages and size', async () => {
      await open(`/burg/sitzungen/${councilMeeting.id}`);
      http.expectOne(ApiRoutes.portalMeeting('burg', councilMeeting.id)).flush(councilMeetingDetail);
      await settle();
      const section = page().querySelector('[data-bundle]');
      expect(section?.querySelector('h2')?.textContent?.trim()).toBe('Sitzungsmappe');
      const link = section?.querySelector('[data-bundle-link]');
      expect(link?.getAttribute('href')).toBe(`/api/portal/burg/meetings/${councilMeeting.id}/bundle`);
      expect(text(link!)).toBe('Sitzungsmappe (PDF, 24 Seiten, 1,2 MB)');
      http.expectNone(`/api/portal/burg/meetings/${councilMeeting.id}/bundle`);
    });

    it('says the bundle is being prepared, and asks for it once, when there is none yet', async () => {
      await open(`/burg/sitzungen/${councilMeeting.id}`);
      const url = `/api/portal/burg/meetings/${councilMeeting.id}/bundle`;
      http.expectOne(ApiRoutes.portalMeeting('burg', councilMeeting.id)).flush({ ...councilMeetingDetail, bundle: { available: false, failed: false, generatedAt: null, pageCount: null, size: null, url } });
      await settle();
      expect(page().querySelector('[data-bundle-link]')).toBeNull();
      expect(text(page().querySelector('[data-bundle-pending]')!)).toContain('wird gerade erstellt');
      const ask = http.expectOne((r) => r.url === url);
      expect(ask.request.method).toBe('HEAD');
      ask.flush(null, { status: 404, statusText: 'Not Found' });
      await settle();
    });
  });
});

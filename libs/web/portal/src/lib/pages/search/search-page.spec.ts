import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Router, TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApiRoutes, FeedRoutes, PortalContentRoutes, type SearchHit, type SearchResult, SearchRoutes } from '@ratsinfo/contracts';
import { CLOCK, TranslatedTitleStrategy } from '@ratsinfo/web-ui';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { NOW, burg, problemJson } from '../../../testing/fixtures';
import { portalRoutes } from '../../portal.routes';
import { searchFilterFromUrl } from './search-page';

const T1 = '11111111-aaaa-4aaa-8aaa-111111111111';
const O1 = '33333333-aaaa-4aaa-8aaa-333333333333';

const hit = (n: number, extra: Partial<SearchHit> = {}): SearchHit => ({
  kind: 'paper',
  id: `p${n}`,
  title: `Haushaltssatzung ${n}`,
  reference: `BV/00${n}/2026`,
  date: '2026-02-10',
  target: { kind: 'paper', id: `p${n}` },
  context: 'Beschlussvorlage',
  snippet: [
    { text: 'Entwurf der ', match: false },
    { text: 'Haushalts', match: true },
    { text: 'satzung <b>2026</b>', match: false },
  ],
  nonPublic: false,
  ...extra,
});

describe('portal search /:tenant/suche', () => {
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

  const page = () => harness.fixture.nativeElement as HTMLElement;
  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();
  const meta = (hit: Element | undefined) => Array.from(hit?.querySelectorAll('dl > div') ?? []).map((d) => `${text(d.querySelector('dt'))} ${text(d.querySelector('dd'))}`);
  const status = () => text(page().querySelector('[data-search-status]'));

  /** Opens a URL of Burg's portal, answers the authority and the filter lists; returns the search request if one is made. */
  async function open(url: string): Promise<TestRequest | null> {
    await harness.navigateByUrl(url);
    await settle();
    http.expectOne(ApiRoutes.portalTenant('burg')).flush(burg);
    await settle();
    if (!url.includes('/suche')) return null;
    http.expectOne(PortalContentRoutes.paperTypes('burg')).flush({ data: [{ id: T1, name: 'Beschlussvorlage', abbreviation: 'BV' }] });
    http.expectOne(ApiRoutes.portalOrganizations('burg')).flush({ data: [{ id: O1, name: 'Stadtrat', shortName: 'SR', organizationType: 'council', classification: null, startDate: null, endDate: null }] });
    await settle();
    const found = http.match((r) => r.url === SearchRoutes.portal('burg'));
    return found[0] ?? null;
  }

  async function answer(req: TestRequest | null, body: SearchResult): Promise<void> {
    expect(req).not.toBeNull();
    req!.flush(body);
    await settle();
  }

  it('without a query: the form with labelled fields, no request, a prompt', async () => {
    const req = await open('/burg/suche');
    expect(req).toBeNull();
    expect(page().querySelector('h1')?.textContent?.trim()).toBe('Suche');
    expect(TestBed.inject(Title).getTitle()).toBe('Suche – Stadt Burg – Ratsinfo');
    for (const id of ['search-q', 'search-kind', 'search-type', 'search-organization', 'search-from', 'search-to', 'search-files']) {
      expect(page().querySelector(`label[for="${id}"]`)?.textContent?.trim()).toBeTruthy();
    }
    expect(Array.from(page().querySelectorAll('#search-kind option')).map((o) => o.textContent?.trim())).toEqual(['Alle Arten', 'Vorlage', 'Sitzung', 'Tagesordnungspunkt', 'Dokument']);
    expect(Array.from(page().querySelectorAll('#search-organization option')).map((o) => o.textContent?.trim())).toEqual(['Alle Gremien', 'Stadtrat']);
    expect(text(page().querySelector('#search-results-heading + p'))).toBe('Geben Sie oben einen Suchbegriff ein.');
    // the page's own form replaces the quick search of the layout
    expect(page().querySelector('[data-quick-search]')).toBeNull();
  });

  it('searches with the query and filters of the address, shows hits with marked words as text, and links each to its page', async () => {
    const req = await open(`/burg/suche?q=Haushalt&art=vorlage&typ=${T1}&gremium=${O1}&von=2026-01-01&bis=2026-12-31&dateien=ja`);
    expect(req).not.toBeNull();
    const p = req!.request.params;
    expect(Object.fromEntries(p.keys().map((k) => [k, p.get(k)]))).toEqual({
      q: 'Haushalt',
      kind: 'paper',
      paperType: T1,
      organization: O1,
      from: '2026-01-01',
      to: '2026-12-31',
      hasFiles: 'true',
    });
    await answer(req, {
      data: [
        hit(1),
        hit(2, { kind: 'agendaItem', id: 'i7', title: 'Ö 4 Haushalt', target: { kind: 'meeting', id: 'm9' }, context: 'Stadtrat', reference: null }),
      ],
      nextCursor: null,
    });

    expect(TestBed.inject(Title).getTitle()).toBe('„Haushalt“ – Suche – Stadt Burg – Ratsinfo');
    const hits = Array.from(page().querySelectorAll('[data-search-hit]'));
    expect(hits.map((h) => h.querySelector('h3 a')?.getAttribute('href'))).toEqual(['/burg/vorlagen/p1', '/burg/sitzungen/m9']);
    expect(meta(hits[0])).toEqual(['Art: Vorlage', 'Aktenzeichen: BV/001/2026', 'Datum: 10.02.2026', 'Vorlagenart: Beschlussvorlage']);
    expect(meta(hits[1])).toEqual(['Art: Tagesordnungspunkt', 'Datum: 10.02.2026', 'Gremium: Stadtrat']);
    const snippet = hits[0]!.querySelector('[data-snippet]')!;
    expect(Array.from(snippet.querySelectorAll('mark')).map((m) => m.textContent)).toEqual(['Haushalts']);
    // the segment's "<b>" is text, never markup
    expect(snippet.querySelector('b')).toBeNull();
    expect(text(snippet)).toBe('Entwurf der Haushaltssatzung <b>2026</b>');
    expect(status()).toBe('2 Treffer gefunden.');
    expect(text(page().querySelector('.ri-more'))).toBe('Alle 2 Ergebnisse werden angezeigt.');
    // the form shows the search
    expect((page().querySelector('#search-q') as HTMLInputElement).value).toBe('Haushalt');
    expect((page().querySelector('#search-kind') as HTMLSelectElement).value).toBe('vorlage');
    expect((page().querySelector('#search-files') as HTMLInputElement).checked).toBe(true);
  });

  it('loads further pages with the cursor and announces how many came', async () => {
    const req = await open('/burg/suche?q=Haushalt');
    await answer(req, { data: Array.from({ length: 20 }, (_, i) => hit(i + 1)), nextCursor: 'c2' });
    expect(status()).toBe('20 Treffer geladen, weitere können geladen werden.');
    (page().querySelector('[data-load-more]') as HTMLButtonElement).click();
    await settle();
    const more = http.expectOne((r) => r.url === SearchRoutes.portal('burg'));
    expect(more.request.params.get('cursor')).toBe('c2');
    expect(more.request.params.get('q')).toBe('Haushalt');
    more.flush({ data: [hit(21), hit(22), hit(23)], nextCursor: null });
    await settle();
    expect(page().querySelectorAll('[data-search-hit]')).toHaveLength(23);
    expect(status()).toBe('3 weitere Treffer geladen.');
    expect(page().querySelector('[data-load-more]')).toBeNull();
  });

  it('a new search goes into the address; malformed filters from a hand-edited address are left out', async () => {
    const req = await open('/burg/suche?q=Haushalt&art=alles&typ=BV&von=gestern');
    expect(req!.request.params.keys()).toEqual(['q']);
    await answer(req, { data: [], nextCursor: null });
    expect(text(page().querySelector('[data-search-empty]'))).toBe('Keine Treffer für „Haushalt“. Prüfen Sie die Schreibweise oder entfernen Sie Filter.');
    expect(status()).toBe('Keine Treffer gefunden.');

    const q = page().querySelector('#search-q') as HTMLInputElement;
    q.value = 'Radweg Nord';
    q.dispatchEvent(new Event('input'));
    const kind = page().querySelector('#search-kind') as HTMLSelectElement;
    kind.value = 'sitzung';
    kind.dispatchEvent(new Event('change'));
    (page().querySelector('form button[type="submit"]') as HTMLButtonElement).click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/burg/suche?q=Radweg%20Nord&art=sitzung');
    const next = http.expectOne((r) => r.url === SearchRoutes.portal('burg'));
    expect([next.request.params.get('q'), next.request.params.get('kind')]).toEqual(['Radweg Nord', 'meeting']);
    next.flush({ data: [], nextCursor: null });
    await settle();
  });

  it('shows an error with a retry when the search fails', async () => {
    const req = await open('/burg/suche?q=Haushalt');
    req!.flush({ type: 'about:blank', title: 'Internal Server Error', status: 500 }, { status: 500, statusText: 'Internal Server Error', headers: problemJson });
    await settle();
    expect(page().querySelector('[data-search-results]')).toBeNull();
    const retry = Array.from(page().querySelectorAll('button')).find((b) => /erneut/i.test(b.textContent ?? ''));
    expect(retry).toBeTruthy();
    retry!.click();
    await settle();
    http.expectOne((r) => r.url === SearchRoutes.portal('burg')).flush({ data: [hit(1)], nextCursor: null });
    await settle();
    expect(page().querySelectorAll('[data-search-hit]')).toHaveLength(1);
  });

  it('the quick search above the pages of an authority opens the search with the words', async () => {
    await open('/burg/vorlagen');
    http.expectOne(PortalContentRoutes.paperTypes('burg')).flush({ data: [] });
    http.expectOne((r) => r.url === PortalContentRoutes.papers('burg')).flush({ data: [], nextCursor: null });
    await settle();
    // the papers page links its feeds, and has its own search form instead of the quick search
    expect(Array.from(page().querySelectorAll('[data-feed-link]')).map((a) => [text(a), a.getAttribute('href'), a.getAttribute('type')])).toEqual([
      ['RSS-Feed neuer Vorlagen', FeedRoutes.papersRss('burg'), 'application/rss+xml'],
      ['Atom-Feed neuer Vorlagen', FeedRoutes.papersAtom('burg'), 'application/atom+xml'],
    ]);
    expect(page().querySelector('[data-quick-search]')).toBeNull();

    await harness.navigateByUrl('/burg/gremien');
    await settle();
    http.expectOne(ApiRoutes.portalOrganizations('burg')).flush({ data: [] });
    await settle();
    const quick = page().querySelector('[data-quick-search]')!;
    expect(quick.getAttribute('role')).toBe('search');
    expect(quick.getAttribute('aria-label')).toBe('Suche in Stadt Burg');
    const input = quick.querySelector('input') as HTMLInputElement;
    expect(quick.querySelector(`label[for="${input.id}"]`)).not.toBeNull();
    input.value = 'Haushalt 2026';
    input.dispatchEvent(new Event('input'));
    (quick.querySelector('button[type="submit"]') as HTMLButtonElement).click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/burg/suche?q=Haushalt%202026');
    http.expectOne(PortalContentRoutes.paperTypes('burg')).flush({ data: [] });
    http.expectOne(ApiRoutes.portalOrganizations('burg')).flush({ data: [] });
    http.expectOne((r) => r.url === SearchRoutes.portal('burg') && r.params.get('q') === 'Haushalt 2026').flush({ data: [], nextCursor: null });
    await settle();
  });
});

describe('searchFilterFromUrl', () => {
  it('keeps well-formed values only and needs words', () => {
    expect(searchFilterFromUrl({ q: '  ' })).toBeNull();
    expect(searchFilterFromUrl({ q: ' Kita ', art: 'datei', dateien: 'nein', von: '2026-13', bis: '2026-03-01' })).toEqual({ q: 'Kita', kind: 'file', to: '2026-03-01' });
    expect(searchFilterFromUrl({ q: 'x'.repeat(300) })?.q).toHaveLength(200);
  });
});

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { PaperRoutes, StructureRoutes, type PaperSummaryDto, type PaperTypeDto, type TenantRole } from '@ratsinfo/contracts';
import { CLOCK } from '@ratsinfo/web-ui';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { NOW } from '../../../testing/fixtures';
import { OfficeContext } from '../../office-context';
import { FILTER_QUERY_PARAMS, filtersFromQuery, filtersToQuery } from './paper-list-filters';
import { PAPER_PAGE_SIZE, PaperListPage } from './paper-list-page';
import { settle } from '../../../testing/harness';

const BV = 'a1111111-1111-4111-8111-111111111111';
const AN = 'a2222222-2222-4222-8222-222222222222';
const BAU = 'b1111111-1111-4111-8111-111111111111';

const types: PaperTypeDto[] = [
  { id: BV, name: 'Beschlussvorlage', abbreviation: 'BV', numberFormat: '{abbr}/{seq}/{year}', sequenceDigits: 4, sortOrder: 0, paperCount: 3, version: 1 },
  { id: AN, name: 'Antrag', abbreviation: 'A', numberFormat: '{abbr}/{seq}/{year}', sequenceDigits: 4, sortOrder: 1, paperCount: 1, version: 1 },
];

function paper(n: number, overrides: Partial<PaperSummaryDto> = {}): PaperSummaryDto {
  return {
    id: `c0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    reference: `BV/${String(n).padStart(4, '0')}/2026`,
    name: `Vorlage ${n}`,
    date: '2026-02-20',
    paperType: { id: BV, name: 'Beschlussvorlage', abbreviation: 'BV' },
    status: 'released',
    public: true,
    responsibleDepartment: null,
    derivation: null,
    modifiedAt: '2026-02-20T10:00:00Z',
    version: 1,
    ...overrides,
  };
}

describe('paper list /:tenant/verwaltung/vorlagen', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  const roles = signal<readonly TenantRole[]>(['clerk']);

  beforeEach(async () => {
    roles.set(['clerk']);
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideRouter([{ path: ':tenant/verwaltung/vorlagen', component: PaperListPage }], withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: CLOCK, useValue: () => NOW },
        {
          provide: OfficeContext,
          useValue: { slug: signal('burg'), tenantName: signal('Stadt Burg'), roles, isAdmin: signal(false), session: signal(undefined) },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());


  const page = () => harness.routeNativeElement as HTMLElement;
  const field = <T extends HTMLElement>(id: string) => page().querySelector<T>(`#${id}`) as T;
  const router = () => TestBed.inject(Router);
  const query = () => router().parseUrl(router().url).queryParams;

  /** The list request of the page (answers the pickers' requests on the way). */
  function expectList(): TestRequest {
    for (const request of http.match(PaperRoutes.paperTypes('burg'))) request.flush({ data: types });
    for (const request of http.match(StructureRoutes.organizations('burg'))) request.flush({ data: [{ id: BAU, name: 'Bauausschuss' }] });
    return http.expectOne((req) => req.url === PaperRoutes.papers('burg'));
  }

  async function open(url: string): Promise<TestRequest> {
    await harness.navigateByUrl(url);
    await settle(harness);
    return expectList();
  }

  it('reads the filters from the URL, fills the form with them and asks the API for them', async () => {
    const request = await open(`/burg/verwaltung/vorlagen?typ=${BV}&status=released&gremium=${BAU}&jahr=2026&suche=Radweg`);
    const params = request.request.params;
    expect(params.get('type')).toBe(BV);
    expect(params.get('status')).toBe('released');
    expect(params.get('organizationId')).toBe(BAU);
    expect(params.get('year')).toBe('2026');
    expect(params.get('q')).toBe('Radweg');
    expect(params.get('limit')).toBe(String(PAPER_PAGE_SIZE));
    request.flush({ data: [paper(1)], nextCursor: null });
    await settle(harness);

    expect(field<HTMLSelectElement>('paper-filter-type').value).toBe(BV);
    expect(field<HTMLSelectElement>('paper-filter-status').value).toBe('released');
    expect(field<HTMLSelectElement>('paper-filter-organization').value).toBe(BAU);
    expect(field<HTMLSelectElement>('paper-filter-year').value).toBe('2026');
    expect(field<HTMLInputElement>('paper-filter-q').value).toBe('Radweg');
    expect(page().querySelector('[data-result-count]')?.textContent?.trim()).toBe('1 Vorlage angezeigt.');
  });

  it('puts the chosen filters into the URL and loads the list for them', async () => {
    (await open('/burg/verwaltung/vorlagen')).flush({ data: [paper(1), paper(2)], nextCursor: null });
    await settle(harness);

    const type = field<HTMLSelectElement>('paper-filter-type');
    type.value = AN;
    type.dispatchEvent(new Event('change'));
    const year = field<HTMLSelectElement>('paper-filter-year');
    year.value = '2025';
    year.dispatchEvent(new Event('change'));
    const q = field<HTMLInputElement>('paper-filter-q');
    q.value = '  Haushalt 2026 ';
    q.dispatchEvent(new Event('input'));
    (page().querySelector('[data-apply-filters]') as HTMLButtonElement).click();
    await settle(harness);

    expect(query()).toEqual({ [FILTER_QUERY_PARAMS.type]: AN, [FILTER_QUERY_PARAMS.year]: '2025', [FILTER_QUERY_PARAMS.q]: 'Haushalt 2026' });
    const request = expectList();
    expect(request.request.params.get('type')).toBe(AN);
    expect(request.request.params.get('year')).toBe('2025');
    expect(request.request.params.get('q')).toBe('Haushalt 2026');
    expect(request.request.params.has('status')).toBe(false);
    request.flush({ data: [], nextCursor: null });
    await settle(harness);

    expect(page().querySelector('[data-empty]')?.textContent).toContain('Keine Vorlage passt zu diesen Filtern.');
  });

  it('resets the filters: the URL loses them and the form follows', async () => {
    (await open(`/burg/verwaltung/vorlagen?status=draft&suche=Radweg`)).flush({ data: [], nextCursor: null });
    await settle(harness);

    (page().querySelector('[data-reset-filters]') as HTMLButtonElement).click();
    await settle(harness);

    expect(query()).toEqual({});
    const request = expectList();
    expect(request.request.params.keys()).toEqual(['limit']);
    request.flush({ data: [paper(1)], nextCursor: null });
    await settle(harness);
    expect(field<HTMLSelectElement>('paper-filter-status').value).toBe('');
    expect(field<HTMLInputElement>('paper-filter-q').value).toBe('');
    expect(page().querySelector('[data-reset-filters]')).toBeNull();
  });

  it('follows the browser history: going back restores the earlier filters in list and form', async () => {
    (await open(`/burg/verwaltung/vorlagen?status=draft`)).flush({ data: [], nextCursor: null });
    await settle(harness);
    await harness.navigateByUrl('/burg/verwaltung/vorlagen?status=withdrawn');
    await settle(harness);
    expectList().flush({ data: [], nextCursor: null });
    await settle(harness);
    expect(field<HTMLSelectElement>('paper-filter-status').value).toBe('withdrawn');

    await harness.navigateByUrl('/burg/verwaltung/vorlagen?status=draft');
    await settle(harness);
    expect(expectList().request.params.get('status')).toBe('draft');
    expect(field<HTMLSelectElement>('paper-filter-status').value).toBe('draft');
  });

  it('ignores filter values the API would refuse (hand-edited or outdated links)', async () => {
    const request = await open('/burg/verwaltung/vorlagen?typ=BV&status=archiviert&jahr=26&gremium=x&suche=Haus');
    expect(request.request.params.keys().sort()).toEqual(['limit', 'q']);
    request.flush({ data: [], nextCursor: null });
  });

  it('loads the next page with the cursor, appends it and moves the focus to its first paper', async () => {
    document.body.appendChild(harness.fixture.nativeElement);
    (await open(`/burg/verwaltung/vorlagen?status=released`)).flush({ data: [paper(1), paper(2)], nextCursor: 'cursor-2' });
    await settle(harness);
    expect(page().querySelector('[data-result-count]')?.textContent?.trim()).toBe('2 Vorlagen angezeigt, weitere vorhanden.');

    (page().querySelector('[data-load-more]') as HTMLButtonElement).click();
    const next = http.expectOne((req) => req.url === PaperRoutes.papers('burg') && req.params.get('cursor') === 'cursor-2');
    expect(next.request.params.get('status')).toBe('released');
    next.flush({ data: [paper(3, { public: false, status: 'draft' })], nextCursor: null });
    await settle(harness);

    const rows = [...page().querySelectorAll('[data-paper-table] tbody tr')];
    expect(rows.map((row) => row.querySelector('th a')?.textContent?.trim())).toEqual(['Vorlage 1', 'Vorlage 2', 'Vorlage 3']);
    expect(rows[2].textContent).toContain('nichtöffentlich');
    expect(rows[2].textContent).toContain('Entwurf');
    expect(document.activeElement).toBe(rows[2].querySelector('th a'));
    expect(page().querySelector('[data-load-more]')).toBeNull();
    expect(page().querySelector('[data-result-count]')?.textContent?.trim()).toBe('3 Vorlagen angezeigt.');
    harness.fixture.nativeElement.remove();
  });

  it('invites clerks to write the first paper when there is none; members only read', async () => {
    (await open('/burg/verwaltung/vorlagen')).flush({ data: [], nextCursor: null });
    await settle(harness);
    expect(page().querySelector('[data-empty]')?.textContent).toContain('Stadt Burg hat noch keine Vorlagen.');
    expect(page().querySelector('[data-empty] a')?.getAttribute('href')).toBe('/burg/verwaltung/vorlagen/neu');
    expect(page().querySelector('[data-new-paper]')).not.toBeNull();

    roles.set(['member']);
    await settle(harness);
    expect(page().querySelector('[data-empty] a')).toBeNull();
    expect(page().querySelector('[data-new-paper]')).toBeNull();
  });
});

describe('paper list filters ↔ query parameters', () => {
  it('round-trips every filter', () => {
    const filters = { type: BV, status: 'withdrawn' as const, organizationId: BAU, year: 2024, q: 'Kita' };
    expect(filtersFromQuery(filtersToQuery(filters))).toEqual(filters);
  });

  it('removes unset filters from the URL instead of leaving them empty', () => {
    expect(filtersToQuery({ type: null, status: null, organizationId: null, year: null, q: '  ' })).toEqual({
      typ: null,
      status: null,
      gremium: null,
      jahr: null,
      suche: null,
    });
  });
});

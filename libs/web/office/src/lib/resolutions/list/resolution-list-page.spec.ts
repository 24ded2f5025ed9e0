import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ResolutionRoutes, StructureRoutes } from '@ratsinfo/contracts';
import { CLOCK } from '@ratsinfo/web-ui';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { NOW } from '../../../testing/fixtures';
import { BAU, summary } from '../../../testing/resolutions';
import { RESOLUTION_PAGE_SIZE, ResolutionListPage, resolutionFiltersFromQuery } from './resolution-list-page';
import { officeContextOf, settle } from '../../../testing/harness';

describe('resolution list /:tenant/verwaltung/beschluesse', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideRouter([{ path: ':tenant/verwaltung/beschluesse', component: ResolutionListPage }], withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: CLOCK, useValue: () => NOW },
        officeContextOf(['clerk']),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  const page = () => harness.routeNativeElement as HTMLElement;
  const field = <T extends HTMLElement>(id: string) => page().querySelector<T>(`#${id}`) as T;
  const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim();

  function expectList(): TestRequest {
    for (const r of http.match(StructureRoutes.organizations('burg'))) r.flush({ data: [{ id: BAU, name: 'Bauausschuss' }] });
    return http.expectOne((req) => req.url === ResolutionRoutes.list('burg'));
  }
  async function open(url: string): Promise<TestRequest> {
    await harness.navigateByUrl(url);
    await settle(harness);
    return expectList();
  }

  it('lists resolutions with item, paper, meeting, status in words, department, due date and last note', async () => {
    const request = await open('/burg/verwaltung/beschluesse');
    expect(request.request.params.get('limit')).toBe(String(RESOLUTION_PAGE_SIZE));
    expect(request.request.params.has('overdue')).toBe(false);
    request.flush({ data: [summary(1, { status: 'in_progress', responsibleDepartment: 'Amt 61', dueDate: '2026-06-30', lastNoteDate: '2026-02-25' }), summary(2, { agendaItem: { ...summary(2).agendaItem, public: false } })], nextCursor: null });
    await settle(harness);
    const rows = Array.from(page().querySelectorAll('[data-resolution-id]'));
    expect(rows).toHaveLength(2);
    expect(text(rows[0]!.querySelector('th'))).toBe('Ö 1 Punkt 1 BV/0012/2026');
    expect(rows[0]!.querySelector('th a')?.getAttribute('href')).toBe(`/burg/verwaltung/beschluesse/${summary(1).id}`);
    expect(Array.from(rows[0]!.querySelectorAll('td')).map((td) => text(td))).toEqual(['BA, Do., 19.02.2026', 'in Umsetzung', 'Amt 61', '30.06.2026', '25.02.2026']);
    expect(text(rows[1]!.querySelector('th'))).toContain('nichtöffentlich');
    expect(text(page().querySelector('[data-result-count]'))).toBe('2 Beschlüsse angezeigt.');
  });

  it('marks an overdue resolution in words, not by colour alone', async () => {
    (await open('/burg/verwaltung/beschluesse')).flush({ data: [summary(1, { dueDate: '2026-11-11', overdue: true, overdueSince: '2026-11-12' }), summary(2, { dueDate: '2027-01-31' })], nextCursor: null });
    await settle(harness);
    const rows = Array.from(page().querySelectorAll('[data-resolution-id]'));
    expect(rows[0]!.classList).toContain('ri-resolution--overdue');
    expect(text(rows[0]!.querySelector('[data-overdue]'))).toBe('überfällig seit 12.11.2026');
    expect(rows[1]!.querySelector('[data-overdue]')).toBeNull();
    expect(rows[1]!.classList).not.toContain('ri-resolution--overdue');
  });

  it('takes the filters from the URL, sends them, and puts new ones into the URL', async () => {
    const request = await open(`/burg/verwaltung/beschluesse?status=open&ueberfaellig=1&gremium=${BAU}`);
    expect(request.request.params.get('status')).toBe('open');
    expect(request.request.params.get('overdue')).toBe('true');
    expect(request.request.params.get('organizationId')).toBe(BAU);
    request.flush({ data: [], nextCursor: null });
    await settle(harness);
    expect(field<HTMLSelectElement>('resolution-filter-status').value).toBe('open');
    expect(field<HTMLInputElement>('resolution-filter-overdue').checked).toBe(true);
    expect(text(page().querySelector('#resolution-results-heading'))).toBe('Überfällige Beschlüsse');
    expect(text(page().querySelector('[data-empty]'))).toContain('Keine überfälligen Beschlüsse.');

    const status = field<HTMLSelectElement>('resolution-filter-status');
    status.value = 'done';
    status.dispatchEvent(new Event('change'));
    const overdue = field<HTMLInputElement>('resolution-filter-overdue');
    overdue.click();
    page().querySelector<HTMLButtonElement>('[data-apply-filters]')!.click();
    await settle(harness);
    const router = TestBed.inject(Router);
    expect(router.parseUrl(router.url).queryParams).toEqual({ status: 'done', gremium: BAU });
    const next = expectList();
    expect(next.request.params.get('status')).toBe('done');
    expect(next.request.params.has('overdue')).toBe(false);
    next.flush({ data: [], nextCursor: null });
    await settle(harness);
  });

  it('ignores unknown filter values in the URL', () => {
    expect(resolutionFiltersFromQuery({ status: 'closed', ueberfaellig: 'ja', gremium: 'x' })).toEqual({ status: null, overdue: false, organizationId: null });
  });

  it('loads the next page with the cursor and appends it', async () => {
    (await open('/burg/verwaltung/beschluesse')).flush({ data: [summary(1)], nextCursor: 'CUR1' });
    await settle(harness);
    expect(text(page().querySelector('[data-result-count]'))).toBe('1 Beschlüsse angezeigt, weitere vorhanden.');
    page().querySelector<HTMLButtonElement>('[data-load-more]')!.click();
    const more = http.expectOne((req) => req.url === ResolutionRoutes.list('burg') && req.params.get('cursor') === 'CUR1');
    more.flush({ data: [summary(2)], nextCursor: null });
    await settle(harness);
    expect(page().querySelectorAll('[data-resolution-id]')).toHaveLength(2);
    expect(page().querySelector('[data-load-more]')).toBeNull();
  });
});

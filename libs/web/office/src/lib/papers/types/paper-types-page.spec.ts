import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApiRoutes, type PaperTypeDto, PaperRoutes, ProblemType, type TenantSessionDto } from '@ratsinfo/contracts';
import { authBearerInterceptor } from '@ratsinfo/web-auth';
import { CLERK_USER, provideFakeAuth } from '@ratsinfo/web-auth/testing';
import { CLOCK, TranslatedTitleStrategy } from '@ratsinfo/web-ui';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { NOW, burg, problemJson, session } from '../../../testing/fixtures';
import { settle } from '../../../testing/harness';
import { officeRoutes } from '../../office.routes';

/**
 * The "Vorlagenarten" page as a clerk uses it: the types with an example number in their
 * scheme, a new type with a live example while typing, the API's refusals (taken abbreviation,
 * a type in use), and a stale edit shown with the stored state.
 */
const bv: PaperTypeDto = { id: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', name: 'Beschlussvorlage', abbreviation: 'BV', numberFormat: '{abbr}/{seq}/{year}', sequenceDigits: 4, sortOrder: 10, paperCount: 3, version: 1 };
const m: PaperTypeDto = { id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f', name: 'Mitteilung', abbreviation: 'M', numberFormat: '{abbr}/{seq}/{year}', sequenceDigits: 4, sortOrder: 50, paperCount: 0, version: 1 };

describe('paper types page', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  async function open(current: TenantSessionDto, types: PaperTypeDto[] = [bv, m]): Promise<void> {
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
    const navigation = harness.navigateByUrl('/burg/verwaltung/vorlagenarten');
    await settle(harness);
    http.expectOne(ApiRoutes.portalTenant('burg')).flush(burg);
    await navigation;
    await settle(harness);
    http.expectOne(ApiRoutes.officeSession('burg')).flush(current);
    await settle(harness);
    http.expectOne({ method: 'GET', url: PaperRoutes.paperTypes('burg') }).flush({ data: types });
    await settle(harness);
  }

  afterEach(() => http.verify());

  const page = () => harness.routeNativeElement as HTMLElement;
  const field = <T extends HTMLElement = HTMLInputElement>(name: string) => page().querySelector<T>(`[data-form="paperTypes"] [id$="-paperTypes-${name}"]`) as T;
  function type(name: string, value: string): void {
    const input = field(name);
    input.value = value;
    input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input'));
  }
  const preview = () => page().querySelector('[data-preview-value]')?.textContent?.trim();
  const row = (id: string) => page().querySelector<HTMLElement>(`[data-row-id="${id}"]`) as HTMLElement;
  async function submit(): Promise<void> {
    page().querySelector<HTMLButtonElement>('[data-form="paperTypes"] [data-submit]')?.click();
    await settle(harness);
  }

  it('lists the types with an example number and creates one, with a live example while typing', async () => {
    await open(session(['clerk']));
    expect(page().querySelector('h1')?.textContent).toContain('Vorlagenarten');
    expect(document.title).toContain('Vorlagenarten – Stadt Burg');
    expect(row(bv.id).querySelector('[data-example]')?.textContent).toBe('BV/0001/2026');
    expect(row(bv.id).querySelector('[data-paper-count]')?.textContent?.trim()).toBe('3');
    const nav = page().ownerDocument.querySelector<HTMLAnchorElement>('[data-nav-paper-types]');
    expect(nav?.getAttribute('href')).toBe('/burg/verwaltung/vorlagenarten');
    expect(nav?.getAttribute('aria-current')).toBe('page');

    // The form starts with the usual scheme; the example follows every keystroke.
    expect(field('numberFormat').value).toBe('{abbr}/{seq}/{year}');
    expect(preview()).toBe('…/0001/2026');
    type('name', 'Dringlichkeitsantrag');
    type('abbreviation', 'DA');
    await settle(harness);
    expect(preview()).toBe('DA/0001/2026');
    type('numberFormat', '{yy}-{abbr}-{seq}');
    type('sequenceDigits', '3');
    await settle(harness);
    expect(preview()).toBe('26-DA-001');
    type('numberFormat', '{abbr}/{year}');
    await settle(harness);
    expect(preview()).toContain('braucht den Platzhalter {seq}');

    // Without {seq} nothing is sent; the field says why.
    await submit();
    http.expectNone({ method: 'POST', url: PaperRoutes.paperTypes('burg') });
    expect(field('numberFormat').getAttribute('aria-invalid')).toBe('true');

    type('numberFormat', '{yy}-{abbr}-{seq}');
    await settle(harness);
    await submit();
    const post = http.expectOne({ method: 'POST', url: PaperRoutes.paperTypes('burg') });
    expect(post.request.body).toEqual({ name: 'Dringlichkeitsantrag', abbreviation: 'DA', numberFormat: '{yy}-{abbr}-{seq}', sequenceDigits: 3 });
    const created: PaperTypeDto = { id: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a', name: 'Dringlichkeitsantrag', abbreviation: 'DA', numberFormat: '{yy}-{abbr}-{seq}', sequenceDigits: 3, sortOrder: 60, paperCount: 0, version: 1 };
    post.flush(created, { status: 201, statusText: 'Created' });
    await settle(harness);
    expect(row(created.id).querySelector('[data-example]')?.textContent).toBe('26-DA-001');
    expect(page().querySelector('[data-notice]')?.textContent).toContain('Vorlagenart „Dringlichkeitsantrag“ angelegt.');
    expect(field('name').value).toBe('');
    expect(preview()).toBe('…/0001/2026');
  });

  it('says so when the abbreviation is taken (409), keeping the input', async () => {
    await open(session(['clerk']));
    type('name', 'Bürgerantrag');
    type('abbreviation', 'bv');
    await settle(harness);
    await submit();
    http
      .expectOne({ method: 'POST', url: PaperRoutes.paperTypes('burg') })
      .flush({ type: ProblemType.conflict, title: 'Conflict', status: 409, detail: 'The abbreviation "bv" is already used by the paper type "Beschlussvorlage".' }, { status: 409, statusText: 'Conflict', headers: problemJson });
    await settle(harness);
    const alert = page().querySelector('[data-taken]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toContain('Das Kürzel „bv“ verwendet bereits eine andere Vorlagenart.');
    expect(field('name').value).toBe('Bürgerantrag');
  });

  it('shows a stale edit with the stored state and saves over it on request', async () => {
    await open(session(['clerk']));
    row(m.id).querySelector<HTMLButtonElement>('[data-edit]')?.click();
    await settle(harness);
    expect(page().querySelector('#paper-types-editor-heading')?.textContent).toContain('Vorlagenart „Mitteilung“ bearbeiten');
    expect(field('abbreviation').value).toBe('M');
    expect(preview()).toBe('M/0001/2026');
    type('abbreviation', 'MI');
    await settle(harness);
    expect(preview()).toBe('MI/0001/2026');
    await submit();
    const patch = http.expectOne({ method: 'PATCH', url: PaperRoutes.paperType('burg', m.id) });
    expect(patch.request.headers.get('If-Match')).toBe('"1"');
    expect(patch.request.body).toEqual({ name: 'Mitteilung', abbreviation: 'MI', numberFormat: '{abbr}/{seq}/{year}', sequenceDigits: 4 });
    const current = { ...m, name: 'Mitteilungsvorlage', version: 2 };
    patch.flush({ type: ProblemType.staleVersion, title: 'Precondition Failed', status: 412, current }, { status: 412, statusText: 'Precondition Failed', headers: problemJson });
    await settle(harness);

    const stale = page().querySelector<HTMLElement>('[data-stale]');
    expect(stale?.getAttribute('role')).toBe('alert');
    expect([...(stale?.querySelectorAll('[data-stale-field="name"] > *') ?? [])].map((cell) => cell.textContent?.trim())).toEqual(['Name', 'Mitteilungsvorlage', 'Mitteilung']);
    expect(row(m.id).querySelector('th')?.textContent).toContain('Mitteilungsvorlage');
    expect(field('abbreviation').value).toBe('MI');

    stale?.querySelector<HTMLButtonElement>('[data-stale-overwrite]')?.click();
    await settle(harness);
    const again = http.expectOne({ method: 'PATCH', url: PaperRoutes.paperType('burg', m.id) });
    expect(again.request.headers.get('If-Match')).toBe('"2"');
    again.flush({ ...m, abbreviation: 'MI', version: 3 });
    await settle(harness);
    expect(page().querySelector('[data-stale]')).toBeNull();
    expect(page().querySelector('[data-notice]')?.textContent).toContain('Vorlagenart „Mitteilung“ gespeichert.');
    expect(row(m.id).querySelector('[data-example]')?.textContent).toBe('MI/0001/2026');
  });

  it('deletes an unused type with If-Match and refuses to offer it for a type in use', async () => {
    await open(session(['clerk']));
    row(bv.id).querySelector<HTMLButtonElement>('[data-delete]')?.click();
    await settle(harness);
    expect(page().querySelector('[data-in-use]')?.textContent).toContain('„Beschlussvorlage“ wird von 3 Vorlage(n) verwendet');
    expect(page().querySelector('[data-confirm-delete]')).toBeNull();
    page().querySelector<HTMLButtonElement>('dialog [data-initial-focus]')?.click();
    await settle(harness);

    row(m.id).querySelector<HTMLButtonElement>('[data-delete]')?.click();
    await settle(harness);
    page().querySelector<HTMLButtonElement>('[data-confirm-delete]')?.click();
    await settle(harness);
    const del = http.expectOne({ method: 'DELETE', url: PaperRoutes.paperType('burg', m.id) });
    expect(del.request.headers.get('If-Match')).toBe('"1"');
    // Meanwhile someone wrote a paper of this type.
    del.flush({ type: ProblemType.conflict, title: 'Conflict', status: 409, detail: 'The paper type "Mitteilung" is used by 1 paper and cannot be deleted.' }, { status: 409, statusText: 'Conflict', headers: problemJson });
    await settle(harness);
    expect(page().querySelector('[data-delete-error]')?.textContent).toContain('„Mitteilung“ wird von 1 Vorlage(n) verwendet');
    expect(page().querySelector('[data-confirm-delete]')).toBeNull();
    expect(row(m.id).querySelector('[data-paper-count]')?.textContent?.trim()).toBe('1');
  });

  it('shows members the types without any form or action', async () => {
    await open(session(['member']));
    expect(row(bv.id).querySelector('[data-example]')?.textContent).toBe('BV/0001/2026');
    expect(page().querySelector('form')).toBeNull();
    expect(page().querySelector('[data-edit]')).toBeNull();
    expect(page().ownerDocument.querySelector('[data-nav-paper-types]')).toBeNull();
  });
});

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { type OfficeResolutionDto, ProblemType, ResolutionRoutes } from '@ratsinfo/contracts';
import { CLOCK } from '@ratsinfo/web-ui';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { NOW } from '../../../testing/fixtures';
import { summary } from '../../../testing/resolutions';
import { ResolutionPage } from './resolution-page';
import { officeContextOf, settle } from '../../../testing/harness';

const problemJson = { 'content-type': 'application/problem+json' };

const resolution = (overrides: Partial<OfficeResolutionDto> = {}): OfficeResolutionDto => ({
  ...summary(1, { dueDate: '2026-02-27', overdue: true, overdueSince: '2026-02-28', responsibleDepartment: 'Amt 61', lastNoteDate: '2026-02-25' }),
  notes: [
    { id: 'n2', noteDate: '2026-02-25', text: 'Ausschreibung läuft.\nAngebote bis März.', createdByName: 'Erika Sachbearbeiterin', createdAt: '2026-02-25T10:00:00Z' },
    { id: 'n1', noteDate: '2026-02-21', text: 'Auftrag erteilt.', createdByName: null, createdAt: '2026-02-21T10:00:00Z' },
  ],
  ...overrides,
});
const ID = resolution().id;

describe('resolution /:tenant/verwaltung/beschluesse/:resolutionId', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [translocoTesting()],
      providers: [
        provideRouter([{ path: ':tenant/verwaltung/beschluesse/:resolutionId', component: ResolutionPage }], withComponentInputBinding()),
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
  const type = (id: string, value: string) => {
    const el = field<HTMLInputElement>(id);
    el.value = value;
    el.dispatchEvent(new Event(el.tagName === 'SELECT' ? 'change' : 'input'));
  };

  async function open(body: OfficeResolutionDto = resolution()): Promise<void> {
    await harness.navigateByUrl(`/burg/verwaltung/beschluesse/${ID}`);
    http.expectOne(ResolutionRoutes.one('burg', ID)).flush(body);
    await settle(harness);
  }

  it('shows the decision, its meeting and paper, the overdue mark in words, and the notes newest first', async () => {
    await open();
    expect(text(page().querySelector('h1'))).toBe('Ö 1 Punkt 1');
    const facts = Object.fromEntries(Array.from(page().querySelectorAll('[data-facts] .kern-description-list-item')).map((i) => [text(i.querySelector('dt')), text(i.querySelector('dd'))]));
    expect(facts['Stand']).toBe('offen überfällig seit 28.02.2026');
    expect(facts['Vorlage']).toBe('BV/0012/2026 – Bebauungsplan Nr. 12');
    expect(facts['Sitzung']).toBe('4. Sitzung des Bauausschusses, Do., 19.02.2026 (Bauausschuss)');
    expect(text(page().querySelector('[data-resolution-text]'))).toBe('Der Ausschuss beschließt.');
    expect(Array.from(page().querySelectorAll('[data-note]')).map((n) => [text(n.querySelector('.ri-resolution__note-head')), n.querySelector('.ri-resolution__note-text')?.textContent])).toEqual([
      ['25.02.2026 · von Erika Sachbearbeiterin', 'Ausschreibung läuft.\nAngebote bis März.'],
      ['21.02.2026', 'Auftrag erteilt.'],
    ]);
    expect(field<HTMLSelectElement>('resolution-status').value).toBe('open');
    expect(field<HTMLInputElement>('resolution-department').value).toBe('Amt 61');
    expect(field<HTMLInputElement>('resolution-due').value).toBe('2026-02-27');
    // the note's date starts at today (Berlin) and may not go beyond it
    expect(field<HTMLInputElement>('resolution-note-date').value).toBe('2026-03-02');
    expect(field<HTMLInputElement>('resolution-note-date').getAttribute('max')).toBe('2026-03-02');
  });

  it('saves status, department and due date with If-Match and announces it', async () => {
    await open();
    type('resolution-status', 'done');
    type('resolution-department', '  Amt 66 ');
    type('resolution-due', '');
    page().querySelector<HTMLButtonElement>('[data-save]')!.click();
    const req = http.expectOne((r) => r.method === 'PATCH' && r.url === ResolutionRoutes.one('burg', ID));
    expect(req.request.headers.get('If-Match')).toBe('"1"');
    expect(req.request.body).toEqual({ status: 'done', responsibleDepartment: 'Amt 66', dueDate: null });
    req.flush(resolution({ status: 'done', responsibleDepartment: 'Amt 66', dueDate: null, overdue: false, overdueSince: null, version: 2 }));
    await settle(harness);
    expect(text(page().querySelector('[data-edit-outcome]'))).toBe('Gespeichert.');
    expect(page().querySelector('[data-overdue]')).toBeNull();
    // the next save names the new version
    type('resolution-department', 'Amt 67');
    page().querySelector<HTMLButtonElement>('[data-save]')!.click();
    const second = http.expectOne((r) => r.method === 'PATCH');
    expect(second.request.headers.get('If-Match')).toBe('"2"');
    second.flush(resolution({ version: 3 }));
    await settle(harness);
  });

  it('on 412 loads the current state from the problem and says someone else saved first', async () => {
    await open();
    type('resolution-department', 'Meins');
    page().querySelector<HTMLButtonElement>('[data-save]')!.click();
    const current = resolution({ responsibleDepartment: 'Amt der anderen', version: 4 });
    http
      .expectOne((r) => r.method === 'PATCH')
      .flush({ type: ProblemType.staleVersion, title: 'Precondition Failed', status: 412, current }, { status: 412, statusText: 'Precondition Failed', headers: problemJson });
    await settle(harness);
    expect(text(page().querySelector('[data-stale]'))).toContain('Jemand anderes hat diesen Beschluss inzwischen gespeichert');
    expect(field<HTMLInputElement>('resolution-department').value).toBe('Amt der anderen');
    page().querySelector<HTMLButtonElement>('[data-save]')!.click();
    const retry = http.expectOne((r) => r.method === 'PATCH');
    expect(retry.request.headers.get('If-Match')).toBe('"4"');
    retry.flush(resolution({ version: 5 }));
    await settle(harness);
  });

  it('adds a note, shows it first and clears the text; a future date or empty text is refused before sending', async () => {
    await open();
    type('resolution-note-date', '2026-03-03');
    type('resolution-note-text', '   ');
    page().querySelector<HTMLButtonElement>('[data-add-note]')!.click();
    await settle(harness);
    const summaryBox = page().querySelectorAll('[data-error-summary]');
    expect(summaryBox).toHaveLength(1);
    expect(Array.from(summaryBox[0]!.querySelectorAll('li')).map((li) => text(li))).toEqual([
      'Datum: Das Datum darf nicht in der Zukunft liegen.',
      'Notiz: Bitte ausfüllen.',
    ]);
    expect(field<HTMLInputElement>('resolution-note-date').getAttribute('aria-invalid')).toBe('true');
    http.expectNone((r) => r.method === 'POST');

    type('resolution-note-date', '2026-03-02');
    type('resolution-note-text', 'Bauantrag gestellt.');
    page().querySelector<HTMLButtonElement>('[data-add-note]')!.click();
    const req = http.expectOne((r) => r.method === 'POST' && r.url === ResolutionRoutes.notes('burg', ID));
    expect(req.request.body).toEqual({ noteDate: '2026-03-02', text: 'Bauantrag gestellt.' });
    const saved = resolution();
    req.flush({ ...saved, lastNoteDate: '2026-03-02', notes: [{ id: 'n3', noteDate: '2026-03-02', text: 'Bauantrag gestellt.', createdByName: 'clerk', createdAt: '2026-03-02T09:00:00Z' }, ...saved.notes] });
    await settle(harness);
    expect(text(page().querySelector('[data-note]'))).toContain('Bauantrag gestellt.');
    expect(field<HTMLTextAreaElement>('resolution-note-text').value).toBe('');
    expect(text(page().querySelector('[data-note-outcome]'))).toBe('Notiz hinzugefügt.');
    expect(page().querySelector('[data-error-summary]')).toBeNull();
  });

  it('says "not found" for a resolution that does not exist here', async () => {
    await harness.navigateByUrl(`/burg/verwaltung/beschluesse/${ID}`);
    http.expectOne(ResolutionRoutes.one('burg', ID)).flush({ type: ProblemType.notFound, title: 'Not Found', status: 404 }, { status: 404, statusText: 'Not Found', headers: problemJson });
    await settle(harness);
    expect(page().querySelector('[data-edit-form]')).toBeNull();
    expect(text(page())).toBeTruthy();
  });
});

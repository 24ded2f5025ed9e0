import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { type AnnotationDto, MemberRoutes, ProblemType } from '@ratsinfo/contracts';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { AnnotationsPanel } from './annotations-panel';

const PAPER = '5b0c7c1e-1d2a-4c3b-8e4f-0a1b2c3d4e5f';
const FILE = '6c1d8d2f-2e3b-4d4c-9f50-1b2c3d4e5f60';
const note = (over: Partial<AnnotationDto>): AnnotationDto => ({
  id: 'n1',
  target: { kind: 'paper', id: PAPER, title: 'BV/0001/2026 Zebrastreifen', paperId: PAPER },
  text: 'Rückfrage an das Bauamt\nZweite Zeile',
  version: 1,
  createdAt: '2026-11-30T09:00:00.000Z',
  modifiedAt: '2026-11-30T09:00:00.000Z',
  ...over,
});
const listUrl = MemberRoutes.annotations('burg');

describe('AnnotationsPanel', () => {
  let http: HttpTestingController;

  async function settle(fixture: { detectChanges(): void }) {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r));
      fixture.detectChanges();
    }
  }

  async function render(paperNotes: AnnotationDto[], fileNotes: AnnotationDto[] = []) {
    TestBed.configureTestingModule({ imports: [AnnotationsPanel, translocoTesting()], providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(AnnotationsPanel);
    fixture.componentRef.setInput('slug', 'burg');
    fixture.componentRef.setInput('paperId', PAPER);
    fixture.componentRef.setInput('files', [{ id: FILE, name: 'Lageplan' }]);
    fixture.detectChanges();
    await settle(fixture);
    http.expectOne((r) => r.url === listUrl && r.params.get('paperId') === PAPER).flush({ data: paperNotes });
    http.expectOne((r) => r.url === listUrl && r.params.get('fileId') === FILE).flush({ data: fileNotes });
    await settle(fixture);
    return { fixture, element: fixture.nativeElement as HTMLElement };
  }

  afterEach(() => http.verify());

  it('says plainly that the notes are private, and lists those on the paper and its files', async () => {
    const { element } = await render([note({})], [note({ id: 'n2', target: { kind: 'file', id: FILE, title: 'Lageplan', paperId: PAPER }, text: 'Seite 3', createdAt: '2026-11-30T10:00:00.000Z' })]);
    expect(element.querySelector('[data-annotations-private]')?.textContent).toContain('Private Notiz – nur für Sie sichtbar');
    const notes = Array.from(element.querySelectorAll('[data-annotation-id]'));
    expect(notes.map((n) => n.getAttribute('data-annotation-id'))).toEqual(['n1', 'n2']);
    expect(notes[1]?.textContent).toContain('Zum Dokument „Lageplan“');
    // Every text field has a label; the target choice names the file.
    const textarea = element.querySelector<HTMLTextAreaElement>('[data-annotation-text-input]')!;
    expect(element.querySelector(`label[for="${textarea.id}"]`)?.textContent).toContain('Neue private Notiz');
    expect(Array.from(element.querySelectorAll('[data-annotation-target] option')).map((o) => o.textContent?.trim())).toEqual(['Die Vorlage', 'Dokument: Lageplan']);
  });

  it('refuses an empty note in the form, saves a note on the chosen file and announces it', async () => {
    const { fixture, element } = await render([]);
    element.querySelector<HTMLButtonElement>('[data-annotation-submit]')!.click();
    fixture.detectChanges();
    expect(element.querySelector('[role="alert"]')?.textContent).toContain('Bitte geben Sie einen Text ein.');
    http.expectNone(listUrl);

    const select = element.querySelector<HTMLSelectElement>('[data-annotation-target]')!;
    select.value = `file:${FILE}`;
    select.dispatchEvent(new Event('change'));
    const textarea = element.querySelector<HTMLTextAreaElement>('[data-annotation-text-input]')!;
    textarea.value = '  Mehrzeilig\nnotiert  ';
    textarea.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('[data-annotation-submit]')!.click();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === listUrl);
    expect(post.request.body).toEqual({ fileId: FILE, text: 'Mehrzeilig\nnotiert' });
    post.flush(note({ id: 'n9', target: { kind: 'file', id: FILE, title: 'Lageplan', paperId: PAPER }, text: 'Mehrzeilig\nnotiert' }));
    await settle(fixture);
    expect(element.querySelector('[data-annotations-status]')?.textContent).toContain('Die Notiz wurde gespeichert.');
    expect(element.querySelector('[data-annotation-id="n9"] [data-annotation-text]')?.textContent).toBe('Mehrzeilig\nnotiert');
  });

  it('edits with the version it read as If-Match; a stale edit is announced and the current note reloaded', async () => {
    const { fixture, element } = await render([note({ version: 3 })]);
    element.querySelector<HTMLButtonElement>('[data-annotation-edit]')!.click();
    fixture.detectChanges();
    const edit = element.querySelector<HTMLTextAreaElement>('[data-annotation-edit-text]')!;
    edit.value = 'Neu';
    edit.dispatchEvent(new Event('input'));
    fixture.detectChanges();
    element.querySelector<HTMLButtonElement>('[data-annotation-save]')!.click();
    const patch = http.expectOne((r) => r.method === 'PATCH' && r.url === MemberRoutes.annotation('burg', 'n1'));
    expect(patch.request.headers.get('If-Match')).toBe('"3"');
    patch.flush({ type: ProblemType.staleVersion, title: 'Precondition Failed', status: 412 }, { status: 412, statusText: 'Precondition Failed' });
    await settle(fixture);
    expect(element.querySelector('[data-annotations-status]')?.textContent).toContain('inzwischen an anderer Stelle geändert');
    http.expectOne((r) => r.url === listUrl && r.params.get('paperId') === PAPER).flush({ data: [note({ version: 4, text: 'Andere Fassung' })] });
    http.expectOne((r) => r.url === listUrl && r.params.get('fileId') === FILE).flush({ data: [] });
    await settle(fixture);
    expect(element.querySelector('[data-annotation-text]')?.textContent).toBe('Andere Fassung');
  });

  it('deletes a note and tells a second submission of the same note apart', async () => {
    const { fixture, element } = await render([note({})]);
    element.querySelector<HTMLButtonElement>('[data-annotation-delete]')!.click();
    http.expectOne((r) => r.method === 'DELETE' && r.url === MemberRoutes.annotation('burg', 'n1')).flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect(element.querySelector('[data-annotation-id]')).toBeNull();
    expect(element.querySelector('[data-annotations-status]')?.textContent).toContain('Die Notiz wurde gelöscht.');

    const textarea = element.querySelector<HTMLTextAreaElement>('[data-annotation-text-input]')!;
    textarea.value = 'Doppelt';
    textarea.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('[data-annotation-submit]')!.click();
    http.expectOne((r) => r.method === 'POST').flush({ type: ProblemType.conflict, title: 'Conflict', status: 409 }, { status: 409, statusText: 'Conflict' });
    await settle(fixture);
    expect(element.querySelector('[data-annotations-status]')?.textContent).toContain('bereits gespeichert');
  });
});

import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { type FileDto, FileRoutes, ProblemType } from '@ratsinfo/contracts';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { OwnerFileList } from './file-list';

const paper = { kind: 'paper' as const, id: '5b0c7c1e-1d2a-4c3b-8e4f-0a1b2c3d4e5f' };
const file = (over: Partial<FileDto>): FileDto => ({
  id: 'f1',
  name: 'Vorlage',
  fileName: 'Vorlage BV-0123-2026.pdf',
  mimeType: 'application/pdf',
  size: 1_572_864,
  sha512Checksum: 'a'.repeat(128),
  public: true,
  version: 2,
  currentVersion: 2,
  sortOrder: 0,
  owner: paper,
  main: true,
  createdAt: '2026-03-02T09:00:00.000Z',
  modifiedAt: '2026-03-02T09:00:00.000Z',
  textAvailable: false,
  accessUrl: FileRoutes.fileContent('burg', over.id ?? 'f1'),
  downloadUrl: `${FileRoutes.fileContent('burg', over.id ?? 'f1')}?download=1`,
  ...over,
});
const files = [file({}), file({ id: 'f2', name: 'Anlage 1 – Lageplan', fileName: 'Lageplan.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 900, public: false, main: false, version: 1, currentVersion: 1 })];
const listUrl = FileRoutes.ownerFiles('burg', paper);

describe('OwnerFileList', () => {
  let http: HttpTestingController;

  function render(editable: boolean, data: FileDto[] = files) {
    TestBed.configureTestingModule({ imports: [OwnerFileList, translocoTesting()], providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(OwnerFileList);
    fixture.componentRef.setInput('tenant', 'burg');
    fixture.componentRef.setInput('owner', paper);
    fixture.componentRef.setInput('editable', editable);
    let changed = 0;
    fixture.componentInstance.changed.subscribe(() => changed++);
    fixture.detectChanges();
    http.expectOne(listUrl).flush({ data });
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement, changed: () => changed };
  }

  afterEach(() => http.verify());

  it('lists name, type, size, version and visibility, the main file marked', () => {
    const { element } = render(false);
    const rows = Array.from(element.querySelectorAll('tbody tr'));
    expect(rows.map((r) => Array.from(r.querySelectorAll('th, td')).slice(0, 5).map((c) => c.textContent?.replace(/\s+/g, ' ').trim()))).toEqual([
      ['Vorlage Hauptdatei Vorlage BV-0123-2026.pdf', 'PDF', '1,5 MB', 'Version 2', 'öffentlich'],
      ['Anlage 1 – Lageplan Lageplan.docx', 'Word', '900 Byte', 'Version 1', 'nicht öffentlich'],
    ]);
    expect(element.querySelector('caption')?.textContent).toContain('Dateien');
  });

  it('says how the text extraction went: pending, done (OCR, page limit), failed with the reason, nothing for types without text', () => {
    const x = (textExtraction: FileDto['textExtraction']) => textExtraction;
    const { element } = render(false, [
      file({ id: 'p', textExtraction: x({ state: 'pending', method: null, pages: null, pagesRead: null, reason: null }) }),
      file({ id: 'o', textExtraction: x({ state: 'done', method: 'ocr', pages: 400, pagesRead: 300, reason: null }) }),
      file({ id: 't', textExtraction: x({ state: 'done', method: 'pdftotext', pages: 2, pagesRead: 2, reason: null }) }),
      file({ id: 'f', textExtraction: x({ state: 'failed', method: null, pages: null, pagesRead: null, reason: 'pdf-broken: pdfinfo exit 1: Syntax Error' }) }),
      file({ id: 'n', mimeType: 'application/vnd.oasis.opendocument.spreadsheet', textExtraction: x({ state: 'done', method: 'none', pages: null, pagesRead: null, reason: null }) }),
      file({ id: 'portal-shape' }),
    ]);
    const state = (id: string) => element.querySelector(`tr[data-file-id="${id}"] [data-file-text-state]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
    expect(state('p')).toBe('Text wird gelesen …');
    expect(state('o')).toBe('Text erkannt (OCR) – nur die ersten 300 von 400 Seiten gelesen');
    expect(state('t')).toBe('Text erkannt');
    expect(state('f')).toBe('Text nicht lesbar: pdf-broken: pdfinfo exit 1: Syntax Error');
    expect(state('n')).toBeNull();
    expect(state('portal-shape')).toBeNull();
    // The state is part of the row header, which names the row for screen readers.
    expect(element.querySelector('tr[data-file-id="f"] th[scope="row"] [data-file-text-state="failed"]')).not.toBeNull();
  });

  it('offers members only open and download', () => {
    const { element } = render(false);
    expect(element.querySelector('[data-file-open]')).not.toBeNull();
    expect(element.querySelector('[data-file-download]')).not.toBeNull();
    expect(element.querySelector('[data-file-edit], [data-file-delete], [data-file-new-version], ri-file-upload')).toBeNull();
  });

  it('names the file in every action button for screen readers', () => {
    const { element } = render(true);
    const row = element.querySelector('tr[data-file-id="f2"]')!;
    expect(row.querySelector('[data-file-delete]')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Löschen: Anlage 1 – Lageplan');
    expect(row.querySelector('[role="group"]')?.getAttribute('aria-label')).toBe('Aktionen für „Anlage 1 – Lageplan“');
    // Not KERN's .kern-sr-only: KERN shrinks any button containing one to a 48 px icon button, and the labels overlapped.
    expect(row.querySelector('.ri-file-actions .kern-sr-only')).toBeNull();
    expect(row.querySelectorAll('.ri-file-actions .ri-sr-only')).toHaveLength(5);
  });

  it('deletes only after a confirmation, with If-Match, then reloads and announces it', () => {
    const { fixture, element, changed } = render(true);
    element.querySelector<HTMLButtonElement>('tr[data-file-id="f2"] [data-file-delete]')!.click();
    fixture.detectChanges();
    expect(element.querySelector('[data-file-delete-text]')?.textContent).toContain('„Anlage 1 – Lageplan“ wird mit allen Versionen');
    http.expectNone(FileRoutes.file('burg', 'f2'));
    element.querySelector<HTMLButtonElement>('[data-file-delete-confirm]')!.click();
    const del = http.expectOne(FileRoutes.file('burg', 'f2'));
    expect(del.request.method).toBe('DELETE');
    expect(del.request.headers.get('If-Match')).toBe('"1"');
    del.flush(null, { status: 204, statusText: 'No Content' });
    http.expectOne(listUrl).flush({ data: [files[0]] });
    fixture.detectChanges();
    expect(element.querySelectorAll('tbody tr').length).toBe(1);
    expect(element.querySelector('[data-files-status]')?.textContent).toBe('„Anlage 1 – Lageplan“ wurde gelöscht.');
    expect(changed()).toBe(1);
  });

  it('edits title and visibility; a stale version is explained and the list reloaded', () => {
    const { fixture, element } = render(true);
    element.querySelector<HTMLButtonElement>('tr[data-file-id="f1"] [data-file-edit]')!.click();
    fixture.detectChanges();
    const name = element.querySelector<HTMLInputElement>('[data-file-edit-name]')!;
    expect(name.value).toBe('Vorlage');
    name.value = 'Vorlagentext';
    name.dispatchEvent(new Event('input'));
    element.querySelector<HTMLInputElement>('[data-file-edit-public]')!.click();
    element.querySelector<HTMLFormElement>('form.ri-file-edit')!.dispatchEvent(new Event('submit'));
    const patch = http.expectOne(FileRoutes.file('burg', 'f1'));
    expect(patch.request.body).toEqual({ name: 'Vorlagentext', public: false });
    expect(patch.request.headers.get('If-Match')).toBe('"2"');
    patch.flush({ type: ProblemType.staleVersion, title: 'Precondition Failed', status: 412, current: files[0] }, { status: 412, statusText: 'Precondition Failed', headers: { 'Content-Type': 'application/problem+json' } });
    http.expectOne(listUrl).flush({ data: files });
    fixture.detectChanges();
    expect(element.querySelector('[data-files-error]')?.textContent).toContain('Inzwischen von jemand anderem geändert');
  });

  it('makes another file the paper’s main file', () => {
    const { fixture, element } = render(true);
    element.querySelector<HTMLButtonElement>('tr[data-file-id="f2"] [data-file-edit]')!.click();
    fixture.detectChanges();
    const main = element.querySelector<HTMLInputElement>('[data-file-edit-main]')!;
    expect(main.checked).toBe(false);
    main.click();
    element.querySelector<HTMLFormElement>('form.ri-file-edit')!.dispatchEvent(new Event('submit'));
    const patch = http.expectOne(FileRoutes.file('burg', 'f2'));
    expect(patch.request.body).toEqual({ name: 'Anlage 1 – Lageplan', public: false, main: true });
    patch.flush({ ...files[1], main: true, version: 2 });
    http.expectOne(listUrl).flush({ data: files });
    fixture.detectChanges();
    expect(element.querySelector('[data-files-status]')?.textContent).toBe('„Anlage 1 – Lageplan“ wurde gespeichert.');
  });

  it('uploads a new version from a dialog that lists the versions kept', () => {
    const { fixture, element } = render(true);
    element.querySelector<HTMLButtonElement>('tr[data-file-id="f1"] [data-file-new-version]')!.click();
    fixture.detectChanges();
    const version = (number: number, fileName: string) => ({ number, fileName, mimeType: 'application/pdf', size: 2048, sha512Checksum: 'b'.repeat(128), createdAt: '2026-03-01T09:00:00.000Z', uploadedByName: 'Petra Schulz', textAvailable: false, accessUrl: `/x?version=${number}`, downloadUrl: `/x?version=${number}&download=1` });
    http.expectOne(FileRoutes.file('burg', 'f1')).flush({ ...files[0], versions: [version(2, 'Vorlage neu.pdf'), version(1, 'Vorlage.pdf')] });
    fixture.detectChanges();
    const entries = Array.from(element.querySelectorAll('[data-file-versions] li')).map((li) => li.firstChild?.textContent?.trim());
    expect(entries).toEqual(['Version 2: Vorlage neu.pdf (2 KB)', 'Version 1: Vorlage.pdf (2 KB)']);
    expect(element.querySelector('ri-dialog ri-file-upload [data-file-submit]')?.textContent?.trim()).toBe('Neue Version hochladen');
  });

  it('refuses an empty title in the browser', () => {
    const { fixture, element } = render(true);
    element.querySelector<HTMLButtonElement>('tr[data-file-id="f1"] [data-file-edit]')!.click();
    fixture.detectChanges();
    const name = element.querySelector<HTMLInputElement>('[data-file-edit-name]')!;
    name.value = '  ';
    name.dispatchEvent(new Event('input'));
    element.querySelector<HTMLFormElement>('form.ri-file-edit')!.dispatchEvent(new Event('submit'));
    fixture.detectChanges();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(element.textContent).toContain('Bitte geben Sie einen Titel ein.');
  });

  it('offers to load again when the list cannot be loaded', () => {
    TestBed.configureTestingModule({ imports: [OwnerFileList, translocoTesting()], providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(OwnerFileList);
    fixture.componentRef.setInput('tenant', 'burg');
    fixture.componentRef.setInput('owner', paper);
    fixture.detectChanges();
    http.expectOne(listUrl).flush(null, { status: 500, statusText: 'Server Error' });
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('[data-files-load-error]')?.textContent).toContain('Die Dateien konnten nicht geladen werden.');
    element.querySelector<HTMLButtonElement>('[data-files-load-error] button')!.click();
    http.expectOne(listUrl).flush({ data: [] });
    fixture.detectChanges();
    expect(element.querySelector('[data-files-empty]')?.textContent).toBe('Noch keine Dateien.');
  });
});

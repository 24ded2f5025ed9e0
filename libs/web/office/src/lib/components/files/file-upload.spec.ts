import { HttpEventType, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { type FileDto, FileRoutes, ProblemType } from '@ratsinfo/contracts';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { FileUpload } from './file-upload';

const paper = { kind: 'paper' as const, id: '5b0c7c1e-1d2a-4c3b-8e4f-0a1b2c3d4e5f' };
const stored = { id: 'f1', name: 'Lageplan', fileName: 'Lageplan.pdf', version: 1 } as FileDto;
const problem = { 'Content-Type': 'application/problem+json' };

describe('FileUpload', () => {
  let http: HttpTestingController;

  function render(inputs: Record<string, unknown> = { owner: paper }) {
    TestBed.configureTestingModule({ imports: [FileUpload, translocoTesting()], providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(FileUpload);
    fixture.componentRef.setInput('tenant', 'burg');
    for (const [k, v] of Object.entries(inputs)) fixture.componentRef.setInput(k, v);
    const uploaded: FileDto[] = [];
    fixture.componentInstance.uploaded.subscribe((f) => uploaded.push(f));
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const choose = (file: File) => {
      const input = element.querySelector<HTMLInputElement>('[data-file-input]')!;
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change'));
      fixture.detectChanges();
    };
    const submit = () => {
      element.querySelector('form')!.dispatchEvent(new Event('submit'));
      fixture.detectChanges();
    };
    return { fixture, element, choose, submit, uploaded };
  }

  afterEach(() => http.verify());

  it('offers the allow-list, a title, the public flag and, for papers, the main file', () => {
    const { element } = render();
    expect(element.querySelector('[data-file-input]')?.getAttribute('accept')).toContain('application/pdf');
    expect(element.querySelector('label[for$="-file"]')?.textContent?.trim()).toBe('Datei');
    expect(element.querySelector<HTMLInputElement>('[data-file-public]')?.checked).toBe(true);
    expect(element.querySelector('[data-file-main]')).not.toBeNull();
  });

  it('asks for a file instead of sending nothing', () => {
    const { element, submit } = render();
    submit();
    expect(element.querySelector('.kern-error')?.textContent).toContain('Bitte wählen Sie eine Datei aus.');
    expect(element.querySelector('[data-file-input]')?.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows a labelled progress bar, announces quarters politely, and emits the stored file', () => {
    const { fixture, element, choose, submit, uploaded } = render();
    choose(new File(['%PDF-1.7'], 'Lageplan.pdf', { type: 'application/pdf' }));
    element.querySelector<HTMLInputElement>('[data-file-title]')!.value = 'Anlage 1 – Lageplan';
    element.querySelector<HTMLInputElement>('[data-file-title]')!.dispatchEvent(new Event('input'));
    submit();
    const req = http.expectOne(FileRoutes.ownerFiles('burg', paper));
    expect((req.request.body as FormData).get('name')).toBe('Anlage 1 – Lageplan');
    req.event({ type: HttpEventType.UploadProgress, loaded: 30, total: 100 });
    fixture.detectChanges();
    const progress = element.querySelector<HTMLProgressElement>('[data-file-progress]')!;
    expect(progress.value).toBe(30);
    expect(progress.max).toBe(100);
    expect(element.querySelector(`label[for="${progress.id}"]`)?.textContent).toContain('Fortschritt beim Hochladen von „Lageplan.pdf“');
    const live = element.querySelector('[data-file-announcement]')!;
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(live.textContent).toBe('25 % hochgeladen');
    req.event({ type: HttpEventType.UploadProgress, loaded: 40, total: 100 });
    fixture.detectChanges();
    expect(live.textContent).toBe('25 % hochgeladen');
    req.flush(stored, { status: 201, statusText: 'Created' });
    fixture.detectChanges();
    expect(live.textContent).toBe('„Lageplan.pdf“ wurde hochgeladen.');
    // The bar goes (its label would have lost the name with the cleared input); the name stays in view.
    expect(element.querySelector('[data-file-progress]')).toBeNull();
    expect(element.querySelector('[data-file-done]')?.textContent?.trim()).toBe(`„${stored.fileName}“ wurde hochgeladen.`);
    expect(uploaded).toEqual([stored]);
  });

  it('says in German that a file is too large, with the limit', () => {
    const { fixture, element, choose, submit } = render();
    choose(new File(['x'], 'Haushaltsplan 2027.pdf'));
    submit();
    http.expectOne(FileRoutes.ownerFiles('burg', paper)).flush(
      { type: ProblemType.payloadTooLarge, title: 'Payload Too Large', status: 413, detail: '"Haushaltsplan 2027.pdf" is larger than the limit of 50 MB (52428800 bytes).' },
      { status: 413, statusText: 'Payload Too Large', headers: problem },
    );
    fixture.detectChanges();
    const alert = element.querySelector('[data-file-error]')!;
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent?.trim()).toBe('„Haushaltsplan 2027.pdf“ ist zu groß. Erlaubt sind höchstens 50 MB.');
    expect(element.querySelector('[data-file-progress]')).toBeNull();
  });

  it('says in German that the content does not match the type (415), naming the file', () => {
    const { fixture, element, choose, submit } = render();
    choose(new File(['<html>'], 'rechnung.pdf', { type: 'application/pdf' }));
    submit();
    http.expectOne(FileRoutes.ownerFiles('burg', paper)).flush(
      { type: ProblemType.unsupportedMediaType, title: 'Unsupported Media Type', status: 415, detail: '"rechnung.pdf" is not an accepted file type' },
      { status: 415, statusText: 'Unsupported Media Type', headers: problem },
    );
    fixture.detectChanges();
    expect(element.querySelector('[data-file-error]')?.textContent).toContain('„rechnung.pdf“ kann nicht hochgeladen werden');
  });

  it('uploads a new version with If-Match and without the new-file fields', () => {
    const { element, choose, submit } = render({ replace: { id: 'f1', version: 4 } });
    expect(element.querySelector('[data-file-title]')).toBeNull();
    expect(element.querySelector('[data-file-submit]')?.textContent?.trim()).toBe('Neue Version hochladen');
    choose(new File(['%PDF'], 'v2.pdf'));
    submit();
    const req = http.expectOne(FileRoutes.fileVersions('burg', 'f1'));
    expect(req.request.headers.get('If-Match')).toBe('"4"');
    req.flush(stored, { status: 201, statusText: 'Created' });
  });

  it('takes only images for a photo', () => {
    const { element } = render({ owner: { kind: 'person', id: 'p1' }, photo: true });
    expect(element.querySelector('[data-file-input]')?.getAttribute('accept')).toBe('image/png,image/jpeg,.png,.jpg,.jpeg');
    expect(element.querySelector('.kern-hint')?.textContent).toBe('Erlaubt sind PNG und JPEG.');
  });
});

import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApiRoutes, type FileDetailDto, FileRoutes, type OfficePersonDto, ProblemType, StructureRoutes, type TenantSessionDto } from '@ratsinfo/contracts';
import { authBearerInterceptor } from '@ratsinfo/web-auth';
import { CLERK_USER, provideFakeAuth } from '@ratsinfo/web-auth/testing';
import { CLOCK, TranslatedTitleStrategy } from '@ratsinfo/web-ui';
import { translocoTesting } from '@ratsinfo/web-ui/testing';
import { NOW, burg, problemJson, session } from '../../testing/fixtures';
import { settle } from '../../testing/harness';
import { officeRoutes } from '../office.routes';

/**
 * The photo on a person's office page: shown with the sign-in (a local URL of the bytes) and
 * an alt text naming the person, uploaded with progress (the API's 415 in German), removed with
 * If-Match on the file; members see it only.
 */
const anna: OfficePersonDto = {
  id: '1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d',
  name: 'Anna Arndt',
  formOfAddress: 'Frau',
  title: null,
  givenName: 'Anna',
  familyName: 'Arndt',
  affix: null,
  gender: null,
  email: null,
  phone: null,
  address: null,
  life: null,
  photoFileId: null,
  photoUrl: null,
  currentMemberships: [],
  version: 1,
  createdAt: '2026-03-02T09:00:00Z',
  modifiedAt: '2026-03-02T09:00:00Z',
};
const photoId = '7e6d5c4b-3a29-4180-8f7e-6d5c4b3a2918';
const photo: FileDetailDto = {
  id: photoId,
  name: 'Foto',
  fileName: 'anna.png',
  mimeType: 'image/png',
  size: 68,
  sha512Checksum: 'a'.repeat(128),
  public: true,
  version: 2,
  currentVersion: 1,
  sortOrder: 0,
  owner: { kind: 'person', id: anna.id },
  main: true,
  createdAt: '2026-03-02T09:00:00Z',
  modifiedAt: '2026-03-02T09:00:00Z',
  textAvailable: false,
  accessUrl: FileRoutes.fileContent('burg', photoId),
  downloadUrl: `${FileRoutes.fileContent('burg', photoId)}?download=1`,
  versions: [],
};

describe('person photo', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  afterEach(() => http.verify());

  async function open(current: TenantSessionDto, person: OfficePersonDto): Promise<void> {
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
    const navigation = harness.navigateByUrl(`/burg/verwaltung/personen/${person.id}`);
    await settle(harness);
    http.expectOne(ApiRoutes.portalTenant('burg')).flush(burg);
    await navigation;
    await settle(harness);
    http.expectOne(ApiRoutes.officeSession('burg')).flush(current);
    await settle(harness);
    http.expectOne({ method: 'GET', url: StructureRoutes.person('burg', person.id) }).flush(person);
    await settle(harness);
    http.expectOne((req) => req.url === StructureRoutes.memberships('burg')).flush({ data: [] });
    await settle(harness);
  }

  /** Answers the photo's metadata and bytes (`bytes` differ per version). */
  async function servePhoto(file: FileDetailDto = photo, bytes = [0x89, 0x50, 0x4e, 0x47]): Promise<void> {
    http.expectOne({ method: 'GET', url: FileRoutes.file('burg', file.id) }).flush(file);
    await settle(harness);
    const content = http.expectOne({ method: 'GET', url: file.accessUrl });
    expect(content.request.headers.get('Authorization')).toMatch(/^Bearer /);
    content.flush(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
    // FileReader reads asynchronously.
    await settle(harness, 8);
  }

  const page = () => harness.routeNativeElement as HTMLElement;
  const section = () => page().querySelector<HTMLElement>('[data-person-photo]') as HTMLElement;
  function choose(file: File): void {
    const input = section().querySelector<HTMLInputElement>('[data-file-input]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
  }
  async function upload(): Promise<void> {
    section().querySelector('form')?.dispatchEvent(new Event('submit'));
    await settle(harness);
  }

  it('uploads a first photo (PNG/JPEG only, the 415 in German) and shows it with an alt text naming the person', async () => {
    await open(session(['clerk']), anna);
    expect(section().querySelector('h2')?.textContent).toContain('Foto');
    expect(section().querySelector('[data-no-photo]')?.textContent).toContain('kein Foto hinterlegt');
    expect(section().querySelector<HTMLInputElement>('[data-file-input]')?.accept).toBe('image/png,image/jpeg,.png,.jpg,.jpeg');

    choose(new File(['%PDF-1.7'], 'lebenslauf.pdf', { type: 'application/pdf' }));
    await upload();
    http
      .expectOne({ method: 'POST', url: FileRoutes.personPhoto('burg', anna.id) })
      .flush({ type: ProblemType.unsupportedMediaType, title: 'Unsupported Media Type', status: 415, detail: 'lebenslauf.pdf is not an allowed type' }, { status: 415, statusText: 'Unsupported Media Type', headers: problemJson });
    await settle(harness);
    expect(section().querySelector('[data-file-error]')?.textContent).toContain('„lebenslauf.pdf“ kann nicht als Foto verwendet werden: Erlaubt sind nur PNG und JPEG.');
    expect(section().querySelector('[data-photo-image]')).toBeNull();

    choose(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'anna.png', { type: 'image/png' }));
    await upload();
    const post = http.expectOne({ method: 'POST', url: FileRoutes.personPhoto('burg', anna.id) });
    expect(post.request.body instanceof FormData && (post.request.body.get('file') as File).name).toBe('anna.png');
    post.flush(photo, { status: 201, statusText: 'Created' });
    await settle(harness);
    await servePhoto();

    const image = section().querySelector<HTMLImageElement>('[data-photo-image]');
    expect(image?.getAttribute('src')).toBe('data:image/png;base64,iVBORw==');
    expect(image?.getAttribute('alt')).toBe('Foto von Anna Arndt');
    expect(section().querySelector('[data-file-announcement]')?.textContent).toContain('„anna.png“ wurde hochgeladen.');
    expect(section().textContent).toContain('Ein neues Foto ersetzt das bisherige');
  });

  it('removes the photo with If-Match on the file', async () => {
    await open(session(['clerk']), { ...anna, photoFileId: photoId, photoUrl: photo.accessUrl });
    await servePhoto();
    expect(section().querySelector('[data-photo-image]')?.getAttribute('src')).toBe('data:image/png;base64,iVBORw==');

    section().querySelector<HTMLButtonElement>('[data-photo-remove]')?.click();
    await settle(harness);
    expect(section().querySelector('dialog')?.textContent).toContain('Das Foto von Anna Arndt wird entfernt');
    page().querySelector<HTMLButtonElement>('[data-photo-confirm-remove]')?.click();
    await settle(harness);
    const del = http.expectOne({ method: 'DELETE', url: FileRoutes.file('burg', photoId) });
    expect(del.request.headers.get('If-Match')).toBe('"2"');
    del.flush(null, { status: 204, statusText: 'No Content' });
    await settle(harness);

    expect(section().querySelector('[data-photo-image]')).toBeNull();
    expect(section().querySelector('[data-no-photo]')).not.toBeNull();
    expect(section().querySelector('[data-photo-notice]')?.textContent).toContain('Das Foto wurde entfernt.');
  });

  it('tells the clerk when someone else changed the photo meanwhile (412) and shows the stored one', async () => {
    await open(session(['clerk']), { ...anna, photoFileId: photoId, photoUrl: photo.accessUrl });
    await servePhoto();
    section().querySelector<HTMLButtonElement>('[data-photo-remove]')?.click();
    await settle(harness);
    page().querySelector<HTMLButtonElement>('[data-photo-confirm-remove]')?.click();
    await settle(harness);
    http
      .expectOne({ method: 'DELETE', url: FileRoutes.file('burg', photoId) })
      .flush({ type: ProblemType.staleVersion, title: 'Precondition Failed', status: 412 }, { status: 412, statusText: 'Precondition Failed', headers: problemJson });
    await settle(harness);
    expect(section().querySelector('[data-photo-error]')?.getAttribute('role')).toBe('alert');
    expect(section().querySelector('[data-photo-error]')?.textContent).toContain('Inzwischen von jemand anderem geändert');
    await servePhoto({ ...photo, version: 3, currentVersion: 2 }, [0xff, 0xd8, 0xff]);
    expect(section().querySelector('[data-photo-image]')?.getAttribute('src')).toBe('data:image/png;base64,/9j/');
  });

  it('shows members the photo without upload or remove', async () => {
    await open(session(['member']), { ...anna, photoFileId: photoId, photoUrl: photo.accessUrl });
    await servePhoto();
    expect(section().querySelector('[data-photo-image]')?.getAttribute('alt')).toBe('Foto von Anna Arndt');
    expect(section().querySelector('[data-file-input]')).toBeNull();
    expect(section().querySelector('[data-photo-remove]')).toBeNull();
  });
});

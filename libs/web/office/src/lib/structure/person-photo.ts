import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, signal, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslocoPipe } from '@jsverse/transloco';
import type { FileDto, FileOwnerRef } from '@ratsinfo/contracts';
import { AccessError } from '@ratsinfo/web-auth';
import { FilesApi } from '@ratsinfo/web-data-access';
import { Loading, ModalDialog } from '@ratsinfo/web-ui';
import { Observable, map, of, switchMap } from 'rxjs';
import { FileUpload } from '../components/files/file-upload';
import { type Message, fileErrorMessage } from '../components/files/file-messages';

/** The photo as shown: the stored file and its bytes as a `data:` URL. */
interface ShownPhoto {
  file: Pick<FileDto, 'id' | 'version' | 'fileName'>;
  url: string;
}

/**
 * The bytes as a `data:` URL: the content security policy allows `data:` images (not `blob:`),
 * and office files need the bearer token, so a plain `<img src>` of the API URL cannot load them.
 */
function dataUrlOf(blob: Blob): Observable<string> {
  return new Observable<string>((subscriber) => {
    const reader = new FileReader();
    reader.onload = () => {
      subscriber.next(String(reader.result));
      subscriber.complete();
    };
    reader.onerror = () => subscriber.error(reader.error);
    reader.readAsDataURL(blob);
    return () => {
      if (reader.readyState === FileReader.LOADING) reader.abort();
    };
  });
}

/**
 * A person's photo on their office page: the current photo (loaded with the sign-in, as office
 * files need it, and shown from a `data:` URL), a PNG/JPEG upload with progress (a second upload becomes the photo's new
 * version) and removing it (If-Match on the file; the portal then shows no photo either).
 * Members see the photo only.
 */
@Component({
  selector: 'ri-person-photo',
  imports: [TranslocoPipe, AccessError, FileUpload, Loading, ModalDialog],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ri-person-photo" aria-labelledby="person-photo-heading" data-person-photo>
      <h2 class="kern-heading-medium" id="person-photo-heading">{{ 'officeGaps7.photo.heading' | transloco }}</h2>
      <p class="kern-body ri-person-photo__notice" role="status" aria-live="polite" data-photo-notice>
        @if (notice(); as key) {
          <span class="kern-icon kern-icon--success kern-icon--small" aria-hidden="true"></span>
          {{ key | transloco }}
        }
      </p>
      <div class="ri-person-photo__layout">
        <div class="ri-person-photo__current">
          @if (!photoId()) {
            <p class="kern-body" data-no-photo>{{ 'officeGaps7.photo.none' | transloco }}</p>
          } @else if (photo.error(); as error) {
            <ri-access-error [error]="error" [headingLevel]="3" (retry)="photo.reload()" />
          } @else if (photo.value(); as shown) {
            <img class="ri-person-photo__image" [src]="shown.url" [alt]="'officeGaps7.photo.alt' | transloco: { name: name() }" data-photo-image />
            @if (canEdit()) {
              <button type="button" class="kern-btn kern-btn--secondary" [disabled]="removing()" (click)="askRemove()" data-photo-remove>
                <span class="kern-icon kern-icon--delete" aria-hidden="true"></span>
                <span class="kern-label">{{ 'officeGaps7.photo.remove' | transloco }}</span>
              </button>
            }
          } @else {
            <ri-loading [label]="'officeGaps7.photo.loading' | transloco" />
          }
          @if (removeError(); as e) {
            <div class="kern-alert kern-alert--danger" role="alert" data-photo-error>
              <div class="kern-alert__header">
                <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
                <p class="kern-title">{{ e.key | transloco: e.params }}</p>
              </div>
            </div>
          }
        </div>
        @if (canEdit()) {
          <div class="ri-person-photo__upload">
            <p class="kern-body kern-body--small">{{ (photoId() ? 'officeGaps7.photo.replaceHint' : 'officeGaps7.photo.uploadHint') | transloco }}</p>
            <ri-file-upload [tenant]="slug()" [owner]="owner()" [photo]="true" (uploaded)="uploaded($event)" />
          </div>
        }
      </div>

      @if (canEdit()) {
        <ri-dialog #removeDialog [heading]="'officeGaps7.photo.removeHeading' | transloco" [closable]="!removing()">
          <p class="kern-body">{{ 'officeGaps7.photo.removeText' | transloco: { name: name() } }}</p>
          <button riDialogActions type="button" class="kern-btn kern-btn--secondary" data-initial-focus (click)="removeDialog.close()">
            <span class="kern-label">{{ 'common.cancel' | transloco }}</span>
          </button>
          <button riDialogActions type="button" class="kern-btn kern-btn--primary" [disabled]="removing()" (click)="remove()" data-photo-confirm-remove>
            <span class="kern-label">{{ 'officeGaps7.photo.remove' | transloco }}</span>
          </button>
        </ri-dialog>
      }
    </section>
  `,
  styles: `
    .ri-person-photo {
      margin-block: var(--kern-metric-space-x-large, 32px);
    }
    .ri-person-photo__notice {
      min-height: 1.5em;
    }
    .ri-person-photo__layout {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-large, 24px);
      align-items: flex-start;
    }
    .ri-person-photo__current {
      display: grid;
      gap: var(--kern-metric-space-small, 8px);
      justify-items: start;
      max-width: 100%;
    }
    .ri-person-photo__image {
      display: block;
      width: 12rem;
      max-width: 100%;
      height: auto;
      border: 1px solid var(--kern-color-layout-border, #6e7597);
    }
    .ri-person-photo__upload {
      flex: 1 1 18rem;
      min-width: 0;
    }
  `,
})
export class PersonPhoto {
  private readonly files = inject(FilesApi);

  readonly slug = input.required<string>();
  readonly personId = input.required<string>();
  /** The person's name, for the alt text. */
  readonly name = input.required<string>();
  /** The photo's file as the person record names it (null: none). */
  readonly photoFileId = input<string | null>(null);
  readonly canEdit = input(false);

  /** The photo shown now: the record's, then what was uploaded or removed here. */
  protected readonly photoId = linkedSignal(() => this.photoFileId());
  /** t(officeGaps7.photo.removed) */
  protected readonly notice = signal<string | null>(null);
  protected readonly removing = signal(false);
  protected readonly removeError = signal<Message | null>(null);
  private readonly reloads = signal(0);
  protected readonly owner = computed<FileOwnerRef>(() => ({ kind: 'person', id: this.personId() }));
  private readonly removeDialog = viewChild<ModalDialog>('removeDialog');

  protected readonly photo = rxResource({
    params: () => ({ slug: this.slug(), id: this.photoId(), reload: this.reloads() }),
    stream: ({ params }) =>
      params.id
        ? this.files.get(params.slug, params.id).pipe(
            switchMap((file) =>
              this.files.download(file.accessUrl, file.fileName).pipe(
                switchMap((d) => dataUrlOf(d.blob)),
                map((url): ShownPhoto => ({ file, url })),
              ),
            ),
          )
        : of(null),
  });

  protected uploaded(file: FileDto): void {
    this.removeError.set(null);
    // The upload form itself says (and announces) that the file was stored.
    this.notice.set(null);
    if (this.photoId() === file.id) this.reloads.update((n) => n + 1);
    else this.photoId.set(file.id);
  }

  protected askRemove(): void {
    this.removeError.set(null);
    this.removeDialog()?.open();
  }

  protected remove(): void {
    const shown = this.photo.value();
    if (!shown || this.removing()) return;
    this.removing.set(true);
    this.notice.set(null);
    this.files.remove(this.slug(), shown.file).subscribe({
      next: () => {
        this.removing.set(false);
        this.removeDialog()?.close();
        this.photoId.set(null);
        this.notice.set('officeGaps7.photo.removed');
      },
      error: (error: unknown) => {
        this.removing.set(false);
        this.removeDialog()?.close();
        this.removeError.set(fileErrorMessage(error, shown.file.fileName, { photo: true }));
        // A stale or vanished photo: show what is stored now.
        this.reloads.update((n) => n + 1);
      },
    });
  }
}

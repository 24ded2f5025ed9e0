import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, inject, input, linkedSignal, output, signal, viewChild } from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { FILE_ACCEPT, type FileDto, type FileOwnerRef, PHOTO_ACCEPT } from '@ratsinfo/contracts';
import { FilesApi, type UploadEvent } from '@ratsinfo/web-data-access';
import type { Observable, Subscription } from 'rxjs';
import { type Message, fileErrorMessage } from './file-messages';

let nextId = 0;

/**
 * Uploads one file with a progress bar: a new file of `owner` (with title, public flag and, for
 * papers, "main file"), a new version of `replace`, or a person's photo (`photo`). The bytes go
 * out as streaming multipart; the bar is a native `<progress>` with a label, and the progress is
 * announced politely in steps of a quarter, so a screen reader is told without being flooded.
 * The API's refusals (413 too large, 415 wrong type, 412 stale) are shown in German, naming the
 * file. Emits `uploaded` with the stored file.
 *
 * ```html
 * <ri-file-upload [tenant]="slug" [owner]="{ kind: 'paper', id: paper.id }" (uploaded)="reload()" />
 * <ri-file-upload [tenant]="slug" [replace]="file" (uploaded)="…" />
 * ```
 */
@Component({
  selector: 'ri-file-upload',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="ri-file-upload" (submit)="submit($event)" novalidate [attr.aria-busy]="uploading()">
      <div class="kern-form-input" [class.kern-form-input--error]="missingFile()">
        <label class="kern-label" [for]="id + '-file'">{{ (photo() ? 'files.upload.photoLabel' : 'files.upload.label') | transloco }}</label>
        <div class="kern-hint" [id]="id + '-hint'">{{ (photo() ? 'files.upload.photoHint' : 'files.upload.hint') | transloco }}</div>
        <input
          #fileInput
          class="kern-form-input__input"
          type="file"
          [id]="id + '-file'"
          [accept]="accept()"
          [disabled]="uploading()"
          [attr.aria-invalid]="missingFile()"
          [attr.aria-describedby]="missingFile() ? id + '-hint ' + id + '-file-error' : id + '-hint'"
          (change)="choose($any($event.target).files)"
          data-file-input
        />
        @if (missingFile()) {
          <p class="kern-error" [id]="id + '-file-error'">
            <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
            <span class="kern-body">{{ 'files.upload.noFile' | transloco }}</span>
          </p>
        }
      </div>

      @if (withFields()) {
        <div class="kern-form-input">
          <label class="kern-label" [for]="id + '-name'">{{ 'files.upload.name' | transloco }} <span>{{ 'forms.optional' | transloco }}</span></label>
          <div class="kern-hint" [id]="id + '-name-hint'">{{ 'files.upload.nameHint' | transloco }}</div>
          <input
            class="kern-form-input__input"
            type="text"
            maxlength="300"
            [id]="id + '-name'"
            [value]="title()"
            [disabled]="uploading()"
            [attr.aria-describedby]="id + '-name-hint'"
            (input)="title.set($any($event.target).value)"
            data-file-title
          />
        </div>
        <div class="kern-form-check">
          <input class="kern-form-check__checkbox" type="checkbox" [id]="id + '-public'" [checked]="isPublic()" [disabled]="uploading()" (change)="isPublic.set($any($event.target).checked)" data-file-public />
          <label class="kern-label" [for]="id + '-public'">{{ 'files.upload.public' | transloco }}</label>
        </div>
        @if (owner()?.kind === 'paper') {
          <div class="kern-form-check">
            <input class="kern-form-check__checkbox" type="checkbox" [id]="id + '-main'" [checked]="main()" [disabled]="uploading()" (change)="main.set($any($event.target).checked)" data-file-main />
            <label class="kern-label" [for]="id + '-main'">{{ 'files.upload.main' | transloco }}</label>
          </div>
        }
      }

      <div class="ri-file-upload__actions">
        <button type="submit" class="kern-btn kern-btn--primary" [disabled]="uploading()" data-file-submit>
          <span class="kern-icon kern-icon--drive-folder-upload" aria-hidden="true"></span>
          <span class="kern-label">{{ (uploading() ? 'files.upload.running' : replace() ? 'files.upload.submitVersion' : 'files.upload.submit') | transloco }}</span>
        </button>
      </div>

      @if (percent() !== null) {
        <div class="ri-file-upload__progress">
          <label class="kern-label" [for]="id + '-progress'">{{ 'files.upload.progressLabel' | transloco: { name: sending() } }}</label>
          <progress [id]="id + '-progress'" max="100" [value]="percent()" data-file-progress>{{ percent() }} %</progress>
          <span aria-hidden="true" class="kern-body">{{ percent() }} %</span>
        </div>
      }
      @if (uploadedName(); as name) {
        <!-- Seen, not read out: the status region below already announced it. -->
        <p class="kern-body ri-file-upload__done" data-file-done>
          <span class="kern-icon kern-icon--success kern-icon--small" aria-hidden="true"></span>
          <span>{{ 'files.upload.done' | transloco: { name } }}</span>
        </p>
      }
      <p class="kern-sr-only" role="status" aria-live="polite" data-file-announcement>{{ announcement() }}</p>

      @if (error(); as e) {
        <div class="kern-alert kern-alert--danger" role="alert" data-file-error>
          <div class="kern-alert__header">
            <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
            <p class="kern-title">{{ e.key | transloco: e.params }}</p>
          </div>
        </div>
      }
    </form>
  `,
  styles: `
    .ri-file-upload {
      display: grid;
      gap: var(--kern-metric-space-default, 16px);
      max-width: 40rem;
    }
    .ri-file-upload__progress {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: var(--kern-metric-space-x-small, 4px) var(--kern-metric-space-small, 8px);
      align-items: center;
    }
    .ri-file-upload__progress label {
      grid-column: 1 / -1;
    }
    .ri-file-upload__progress progress {
      width: 100%;
      height: 1rem;
    }
    .ri-file-upload__done {
      display: flex;
      gap: var(--kern-metric-space-small, 8px);
      align-items: center;
      margin: 0;
    }
    .kern-alert {
      margin: 0;
    }
  `,
})
export class FileUpload {
  private readonly api = inject(FilesApi);
  private readonly fileInput = viewChild<ElementRef<HTMLInputElement>>('fileInput');
  protected readonly id = `ri-file-upload-${++nextId}`;

  /** Slug of the authority. */
  readonly tenant = input.required<string>();
  /** Whose new file this is (a paper, a meeting, an agenda item). */
  readonly owner = input<FileOwnerRef | null>(null);
  /** Upload a new version of this file instead (If-Match: its version). */
  readonly replace = input<Pick<FileDto, 'id' | 'version'> | null>(null);
  /** A person's photo: images only, no fields (`owner` is the person). */
  readonly photo = input(false);
  /** Preset of the public flag of a new file. */
  readonly publicByDefault = input(true);

  /** The stored file, after a successful upload. */
  readonly uploaded = output<FileDto>();

  protected readonly accept = computed(() => (this.photo() ? PHOTO_ACCEPT : FILE_ACCEPT));
  protected readonly withFields = computed(() => !this.photo() && !this.replace());

  protected readonly file = signal<File | null>(null);
  /** The name of the file being sent (the chosen file is cleared when it is stored). */
  protected readonly sending = signal('');
  /** The last stored file's name, shown until the next choice or upload. */
  protected readonly uploadedName = signal<string | null>(null);
  protected readonly title = signal('');
  protected readonly isPublic = linkedSignal(() => this.publicByDefault());
  protected readonly main = signal(false);
  protected readonly uploading = signal(false);
  protected readonly percent = signal<number | null>(null);
  protected readonly announcement = signal('');
  protected readonly error = signal<Message | null>(null);
  protected readonly missingFile = signal(false);
  private announcedStep = -1;
  private running: Subscription | null = null;
  private readonly transloco = inject(TranslocoService);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.running?.unsubscribe());
  }

  protected choose(files: FileList | null): void {
    this.file.set(files?.[0] ?? null);
    this.error.set(null);
    this.uploadedName.set(null);
    if (this.file()) this.missingFile.set(false);
  }

  protected submit(event: Event): void {
    event.preventDefault();
    if (this.uploading()) return;
    const file = this.file();
    if (!file) {
      this.missingFile.set(true);
      this.fileInput()?.nativeElement.focus();
      return;
    }
    this.error.set(null);
    this.uploadedName.set(null);
    this.sending.set(file.name);
    this.uploading.set(true);
    this.percent.set(0);
    this.announcedStep = -1;
    this.announcement.set('');
    this.running = this.request(file).subscribe({
      next: (e) => {
        if (e.kind === 'progress') this.progress(e.loaded, e.total ?? file.size);
        else this.done(e.file);
      },
      error: (error: unknown) => {
        this.uploading.set(false);
        this.percent.set(null);
        this.error.set(fileErrorMessage(error, file.name, { photo: this.photo() }));
      },
    });
  }

  private request(file: File): Observable<UploadEvent> {
    const replace = this.replace();
    if (replace) return this.api.uploadVersion(this.tenant(), replace, file);
    const owner = this.owner();
    if (!owner) throw new Error('ri-file-upload needs an owner or a file to replace');
    if (this.photo()) return this.api.uploadPhoto(this.tenant(), owner.id, file);
    return this.api.upload(this.tenant(), owner, file, {
      name: this.title().trim() || undefined,
      public: this.isPublic(),
      main: owner.kind === 'paper' ? this.main() : undefined,
    });
  }

  private progress(loaded: number, total: number): void {
    const percent = total > 0 ? Math.min(100, Math.floor((loaded / total) * 100)) : 0;
    this.percent.set(percent);
    // Quarters only: a polite region that changes with every chunk would never stop talking.
    const step = Math.floor(percent / 25);
    if (step > this.announcedStep && percent > 0) {
      this.announcedStep = step;
      this.announcement.set(this.transloco.translate('files.upload.progress', { percent: step * 25 }));
    }
  }

  private done(file: FileDto): void {
    this.uploading.set(false);
    // The bar has done its job; the stored file's name stays visible below the button.
    this.percent.set(null);
    this.uploadedName.set(file.fileName);
    this.announcement.set(this.transloco.translate('files.upload.done', { name: file.fileName }));
    this.file.set(null);
    this.title.set('');
    this.main.set(false);
    const element = this.fileInput()?.nativeElement;
    if (element) element.value = '';
    this.uploaded.emit(file);
  }
}

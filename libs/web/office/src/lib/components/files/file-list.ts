import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, computed, effect, inject, input, output, signal, untracked, viewChild } from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { FileDto, FileOwnerRef, FileVersionDto } from '@ratsinfo/contracts';
import { FilesApi } from '@ratsinfo/web-data-access';
import { ModalDialog } from '@ratsinfo/web-ui';
import type { Subscription } from 'rxjs';
import { FileUpload } from './file-upload';
import { type Message, fileErrorMessage, formatSize, typeKey } from './file-messages';

let nextId = 0;

/**
 * The files of a paper, a meeting or an agenda item in the back office: title (main file marked),
 * type, size, version, public or non-public, and per file open, download and — with `editable` —
 * new version, edit (title, public) and delete with confirmation. New files are added with the
 * upload component below the table. Downloads go through HttpClient (they need the sign-in),
 * the file then opens from memory. Edits send the version read (If-Match); when someone else
 * changed the file meanwhile, the list reloads and says so.
 *
 * ```html
 * <ri-file-list [tenant]="slug" [owner]="{ kind: 'paper', id: paper.id }" [editable]="isClerk()" (changed)="reloadPaper()" />
 * ```
 */
@Component({
  selector: 'ri-file-list',
  imports: [TranslocoPipe, ModalDialog, FileUpload],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ri-file-list" [attr.aria-labelledby]="id + '-heading'">
      <h2 class="kern-heading-medium" [id]="id + '-heading'">{{ heading() ?? ('files.list.heading' | transloco) }}</h2>

      @if (loadFailed()) {
        <div class="kern-alert kern-alert--danger" role="alert" data-files-load-error>
          <div class="kern-alert__header">
            <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
            <p class="kern-title">{{ 'files.list.loadError' | transloco }}</p>
          </div>
          <div class="kern-alert__body">
            <button type="button" class="kern-btn kern-btn--secondary" (click)="load()">
              <span class="kern-label">{{ 'files.list.retry' | transloco }}</span>
            </button>
          </div>
        </div>
      } @else if (files() === null) {
        <p class="kern-body" role="status">{{ 'files.list.loading' | transloco }}</p>
      } @else if (files()!.length === 0) {
        <p class="kern-body kern-body--muted" data-files-empty>{{ 'files.list.empty' | transloco }}</p>
      } @else {
        <div class="kern-table-responsive">
          <table class="kern-table ri-file-table" role="table" data-files-table>
            <caption class="kern-sr-only">{{ 'files.list.caption' | transloco }}</caption>
            <thead role="rowgroup">
              <tr class="kern-table__row" role="row">
                <th class="kern-table__header" scope="col" role="columnheader">{{ 'files.list.columns.name' | transloco }}</th>
                <th class="kern-table__header" scope="col" role="columnheader">{{ 'files.list.columns.type' | transloco }}</th>
                <th class="kern-table__header" scope="col" role="columnheader">{{ 'files.list.columns.size' | transloco }}</th>
                <th class="kern-table__header" scope="col" role="columnheader">{{ 'files.list.columns.version' | transloco }}</th>
                <th class="kern-table__header" scope="col" role="columnheader">{{ 'files.list.columns.visibility' | transloco }}</th>
                <th class="kern-table__header" scope="col" role="columnheader">{{ 'files.list.columns.actions' | transloco }}</th>
              </tr>
            </thead>
            <tbody class="kern-table__body" role="rowgroup">
              @for (file of files(); track file.id) {
                <tr class="kern-table__row" role="row" [attr.data-file-id]="file.id">
                  <th class="kern-table__header" scope="row" role="rowheader">
                    <span class="ri-file-name" data-file-name>{{ file.name }}</span>{{ ' ' }}
                    @if (file.main) {
                      <span class="kern-badge kern-badge--info" data-file-main-badge><span class="kern-label">{{ 'files.list.main' | transloco }}</span></span>{{ ' ' }}
                    }
                    <span class="ri-file-original kern-body kern-body--muted">{{ file.fileName }}</span>
                    @if (file.textExtraction; as x) {
                      @switch (x.state) {
                        @case ('pending') {
                          <span class="ri-file-text-state kern-body kern-body--muted" data-file-text-state="pending">{{ 'extraction.pending' | transloco }}</span>
                        }
                        @case ('failed') {
                          <span class="ri-file-text-state ri-file-text-failed kern-body" data-file-text-state="failed">
                            <span class="kern-icon kern-icon--warning kern-icon--small" aria-hidden="true"></span>
                            {{ 'extraction.failed' | transloco: { reason: x.reason } }}
                          </span>
                        }
                        @default {
                          @if (x.method !== 'none') {
                            <span class="ri-file-text-state kern-body kern-body--muted" data-file-text-state="done">
                              {{ (x.method === 'ocr' ? 'extraction.doneOcr' : 'extraction.done') | transloco }}
                              @if (x.pages !== null && x.pagesRead !== null && x.pagesRead < x.pages) {
                                – {{ 'extraction.pageLimit' | transloco: { read: x.pagesRead, pages: x.pages } }}
                              }
                            </span>
                          }
                        }
                      }
                    }
                  </th>
                  <td class="kern-table__cell" role="cell" [attr.data-label]="'files.list.columns.type' | transloco">{{ typeLabel(file.mimeType) | transloco }}</td>
                  <td class="kern-table__cell ri-file-nowrap" role="cell" [attr.data-label]="'files.list.columns.size' | transloco" data-file-size>{{ size(file.size) }}</td>
                  <td class="kern-table__cell ri-file-nowrap" role="cell" [attr.data-label]="'files.list.columns.version' | transloco">{{ 'files.list.versionNumber' | transloco: { number: file.currentVersion } }}</td>
                  <td class="kern-table__cell" role="cell" [attr.data-label]="'files.list.columns.visibility' | transloco">
                    @if (file.public) {
                      <span class="kern-badge kern-badge--success" data-file-visibility="public"><span class="kern-label">{{ 'files.list.public' | transloco }}</span></span>
                    } @else {
                      <span class="kern-badge kern-badge--warning" data-file-visibility="non-public">
                        <span class="kern-icon kern-icon--visibility-off" aria-hidden="true"></span>
                        <span class="kern-label">{{ 'files.list.nonPublic' | transloco }}</span>
                      </span>
                    }
                  </td>
                  <td class="kern-table__cell ri-file-actions-cell" role="cell">
                    <div class="ri-file-actions" role="group" [attr.aria-label]="'files.list.actionsFor' | transloco: { name: file.name }">
                      <button type="button" class="kern-btn kern-btn--tertiary kern-btn--x-small" (click)="open(file)" data-file-open>
                        <span class="kern-label">{{ 'files.list.open' | transloco }}</span><span class="ri-sr-only">: {{ file.name }}</span>
                      </button>
                      <button type="button" class="kern-btn kern-btn--tertiary kern-btn--x-small" (click)="download(file)" data-file-download>
                        <span class="kern-icon kern-icon--download" aria-hidden="true"></span>
                        <span class="kern-label">{{ 'files.list.download' | transloco }}</span><span class="ri-sr-only">: {{ file.name }}</span>
                      </button>
                      @if (editable()) {
                        <button type="button" class="kern-btn kern-btn--tertiary kern-btn--x-small" (click)="startVersion(file)" data-file-new-version>
                          <span class="kern-label">{{ 'files.list.newVersion' | transloco }}</span><span class="ri-sr-only">: {{ file.name }}</span>
                        </button>
                        <button type="button" class="kern-btn kern-btn--tertiary kern-btn--x-small" (click)="startEdit(file)" data-file-edit>
                          <span class="kern-label">{{ 'files.list.rename' | transloco }}</span><span class="ri-sr-only">: {{ file.name }}</span>
                        </button>
                        <button type="button" class="kern-btn kern-btn--tertiary kern-btn--x-small" (click)="startDelete(file)" data-file-delete>
                          <span class="kern-icon kern-icon--delete" aria-hidden="true"></span>
                          <span class="kern-label">{{ 'files.list.delete' | transloco }}</span><span class="ri-sr-only">: {{ file.name }}</span>
                        </button>
                      }
                    </div>
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }

      <p class="kern-sr-only" role="status" aria-live="polite" data-files-status>{{ status() }}</p>
      @if (error(); as e) {
        <div class="kern-alert kern-alert--danger" role="alert" data-files-error>
          <div class="kern-alert__header">
            <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
            <p class="kern-title">{{ e.key | transloco: e.params }}</p>
          </div>
        </div>
      }

      @if (editable()) {
        <h3 class="kern-heading-small" [id]="id + '-add'">{{ 'files.list.add' | transloco }}</h3>
        <ri-file-upload [tenant]="tenant()" [owner]="owner()" [publicByDefault]="publicByDefault()" (uploaded)="afterChange()" />
      }
    </section>

    <ri-dialog #versionDialog [heading]="'files.version.heading' | transloco: { name: selected()?.name ?? '' }" (closed)="selected.set(null); versions.set([])">
      <p class="kern-body">{{ 'files.version.intro' | transloco }}</p>
      @if (selected(); as file) {
        <ri-file-upload [tenant]="tenant()" [replace]="file" [photo]="owner().kind === 'person'" (uploaded)="versionUploaded()" />
      }
      @if (versions().length > 0) {
        <h3 class="kern-heading-small">{{ 'files.version.history' | transloco }}</h3>
        <ul class="kern-list ri-file-versions" data-file-versions>
          @for (v of versions(); track v.number) {
            <li>
              {{ 'files.version.entry' | transloco: { number: v.number, fileName: v.fileName, size: size(v.size) } }}
              <button type="button" class="kern-btn kern-btn--tertiary" (click)="downloadVersion(v)" data-file-version-download>
                <span class="kern-icon kern-icon--download" aria-hidden="true"></span>
                <span class="kern-label">{{ 'files.version.downloadVersion' | transloco: { number: v.number } }}</span>
              </button>
            </li>
          }
        </ul>
      }
      <div riDialogActions>
        <button type="button" class="kern-btn kern-btn--secondary" (click)="versionDialog.close()">
          <span class="kern-label">{{ 'files.version.close' | transloco }}</span>
        </button>
      </div>
    </ri-dialog>

    <ri-dialog #editDialog [heading]="'files.edit.heading' | transloco" [closable]="!busy()" (closed)="selected.set(null)">
      <form [id]="id + '-edit'" class="ri-file-edit" (submit)="saveEdit($event)" novalidate>
        <div class="kern-form-input" [class.kern-form-input--error]="editNameMissing()">
          <label class="kern-label" [for]="id + '-edit-name'">{{ 'files.edit.name' | transloco }}</label>
          <input
            class="kern-form-input__input"
            type="text"
            maxlength="300"
            [id]="id + '-edit-name'"
            [value]="editName()"
            (input)="editName.set($any($event.target).value)"
            [attr.aria-invalid]="editNameMissing()"
            [attr.aria-describedby]="editNameMissing() ? id + '-edit-name-error' : null"
            data-initial-focus
            data-file-edit-name
          />
          @if (editNameMissing()) {
            <p class="kern-error" [id]="id + '-edit-name-error'">
              <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
              <span class="kern-body">{{ 'files.edit.nameRequired' | transloco }}</span>
            </p>
          }
        </div>
        <div class="kern-form-check">
          <input class="kern-form-check__checkbox" type="checkbox" [id]="id + '-edit-public'" [checked]="editPublic()" (change)="editPublic.set($any($event.target).checked)" data-file-edit-public />
          <label class="kern-label" [for]="id + '-edit-public'">{{ 'files.edit.public' | transloco }}</label>
        </div>
        @if (owner().kind === 'paper') {
          <div class="kern-form-check">
            <input class="kern-form-check__checkbox" type="checkbox" [id]="id + '-edit-main'" [checked]="editMain()" (change)="editMain.set($any($event.target).checked)" data-file-edit-main />
            <label class="kern-label" [for]="id + '-edit-main'">{{ 'files.upload.main' | transloco }}</label>
          </div>
        }
      </form>
      <div riDialogActions>
        <button type="button" class="kern-btn kern-btn--secondary" [disabled]="busy()" (click)="editDialog.close()">
          <span class="kern-label">{{ 'files.edit.cancel' | transloco }}</span>
        </button>
        <button type="submit" class="kern-btn kern-btn--primary" [attr.form]="id + '-edit'" [disabled]="busy()" data-file-edit-save>
          <span class="kern-label">{{ 'files.edit.save' | transloco }}</span>
        </button>
      </div>
    </ri-dialog>

    <ri-dialog #deleteDialog [heading]="'files.delete.heading' | transloco" [closable]="!busy()" (closed)="selected.set(null)">
      <p class="kern-body" data-file-delete-text>{{ 'files.delete.text' | transloco: { name: selected()?.name ?? '' } }}</p>
      <div riDialogActions>
        <button type="button" class="kern-btn kern-btn--secondary" [disabled]="busy()" (click)="deleteDialog.close()" data-initial-focus>
          <span class="kern-label">{{ 'files.delete.cancel' | transloco }}</span>
        </button>
        <button type="button" class="kern-btn kern-btn--primary ri-danger" [disabled]="busy()" (click)="confirmDelete()" data-file-delete-confirm>
          <span class="kern-label">{{ 'files.delete.confirm' | transloco }}</span>
        </button>
      </div>
    </ri-dialog>
  `,
  styles: `
    .ri-file-list {
      display: grid;
      gap: var(--kern-metric-space-default, 16px);
    }
    .ri-file-name {
      display: inline;
      margin-inline-end: var(--kern-metric-space-small, 8px);
    }
    .ri-file-original,
    .ri-file-text-state {
      display: block;
      font-weight: normal;
      overflow-wrap: anywhere;
    }
    .ri-file-text-failed {
      color: var(--kern-color-feedback-danger, #c0070c);
    }
    /* Compact buttons that wrap within the cell; the cell grows in height, never over its neighbours. */
    .ri-file-actions {
      display: flex;
      flex-wrap: wrap;
      column-gap: var(--kern-metric-space-x-small, 4px);
      min-width: 9rem;
    }
    .ri-file-actions .kern-btn {
      margin-block: var(--kern-metric-space-2x-small, 2px);
    }
    .ri-file-actions .kern-label {
      white-space: nowrap;
    }
    .ri-file-nowrap {
      white-space: nowrap;
    }
    .ri-file-table .kern-badge {
      min-height: auto;
      white-space: nowrap;
    }
    /*
     * Phones: one block per file instead of a table scrolled sideways (WCAG 1.4.10). The ARIA roles
     * keep the table semantics; the column names come from data-label, hidden from screen readers.
     */
    @media (max-width: 767px) {
      .ri-file-table thead {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
      }
      .ri-file-table,
      .ri-file-table tbody,
      .ri-file-table tr,
      .ri-file-table td,
      .ri-file-table th[scope='row'] {
        display: block;
        width: 100%;
      }
      .ri-file-table tr {
        padding-block: var(--kern-metric-space-small, 8px);
        box-shadow: inset 0 -1px 0 0 var(--kern-color-layout-border-contextual, #6e7597);
      }
      .ri-file-table td,
      .ri-file-table th[scope='row'] {
        box-shadow: none;
        padding-block: var(--kern-metric-space-2x-small, 2px);
        overflow-wrap: anywhere;
      }
      .ri-file-table td[data-label] {
        display: flex;
        gap: var(--kern-metric-space-small, 8px);
      }
      .ri-file-table td[data-label]::before {
        content: attr(data-label) ': ';
        content: attr(data-label) ': ' / '';
        color: var(--kern-color-layout-text-muted, #454b6b);
      }
    }
    .ri-file-edit {
      display: grid;
      gap: var(--kern-metric-space-default, 16px);
    }
    .kern-alert {
      margin: 0;
    }
  `,
})
export class OwnerFileList {
  private readonly api = inject(FilesApi);
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  protected readonly id = `ri-file-list-${++nextId}`;

  /** Slug of the authority. */
  readonly tenant = input.required<string>();
  /** Whose files: `{ kind: 'paper' | 'meeting' | 'agenda-item', id }`. */
  readonly owner = input.required<FileOwnerRef>();
  /** Clerks and tenant admins: upload, new version, edit, delete. */
  readonly editable = input(false);
  /** Heading of the section (default "Dateien"). */
  readonly heading = input<string | null>(null);
  /** Preset of the public flag for new files (e.g. false for a non-public paper). */
  readonly publicByDefault = input(true);

  /** After any change (upload, new version, edit, delete): the owner may want to reload (e.g. its main file). */
  readonly changed = output<void>();

  private readonly versionDialog = viewChild.required<ModalDialog>('versionDialog');
  private readonly editDialog = viewChild.required<ModalDialog>('editDialog');
  private readonly deleteDialog = viewChild.required<ModalDialog>('deleteDialog');

  protected readonly files = signal<FileDto[] | null>(null);
  protected readonly loadFailed = signal(false);
  protected readonly status = signal('');
  protected readonly error = signal<Message | null>(null);
  protected readonly selected = signal<FileDto | null>(null);
  protected readonly busy = signal(false);
  protected readonly editName = signal('');
  protected readonly editPublic = signal(true);
  protected readonly editMain = signal(false);
  /** The versions of the file whose new version is being uploaded, newest first. */
  protected readonly versions = signal<FileVersionDto[]>([]);
  protected readonly editNameMissing = signal(false);
  private readonly ownerKey = computed(() => `${this.tenant()}|${this.owner().kind}|${this.owner().id}`);
  private loading: Subscription | null = null;
  private readonly objectUrls: string[] = [];

  constructor() {
    effect(() => {
      this.ownerKey();
      untracked(() => this.load());
    });
    inject(DestroyRef).onDestroy(() => {
      this.loading?.unsubscribe();
      for (const url of this.objectUrls) URL.revokeObjectURL(url);
    });
  }

  load(): void {
    this.loading?.unsubscribe();
    this.loadFailed.set(false);
    this.loading = this.api.list(this.tenant(), this.owner()).subscribe({
      next: (files) => this.files.set(files),
      error: () => {
        this.files.set(null);
        this.loadFailed.set(true);
      },
    });
  }

  protected typeLabel(mimeType: string): string {
    return typeKey(mimeType);
  }

  protected size(bytes: number): string {
    return formatSize(bytes, this.transloco.getActiveLang() === 'en' ? 'en-GB' : 'de-DE');
  }

  /** Opens the file in a new tab: the tab is opened at the click (no pop-up blocker), the bytes follow. */
  protected open(file: FileDto): void {
    const view = this.document.defaultView;
    const tab = view?.open('', '_blank');
    this.status.set(this.transloco.translate('files.list.opening', { name: file.name }));
    this.api.download(file.accessUrl, file.fileName).subscribe({
      next: (d) => {
        const url = this.objectUrl(d.blob);
        if (tab) tab.location.href = url;
        else view?.open(url, '_blank');
        this.status.set('');
      },
      error: (e: unknown) => {
        tab?.close();
        this.fail(e, file);
      },
    });
  }

  protected download(file: FileDto): void {
    this.api.download(file.downloadUrl, file.fileName).subscribe({
      next: (d) => this.save(d.blob, d.filename),
      error: (e: unknown) => this.fail(e, file),
    });
  }

  private save(blob: Blob, filename: string): void {
    const link = this.document.createElement('a');
    link.href = this.objectUrl(blob);
    link.download = filename;
    link.hidden = true;
    this.document.body.appendChild(link);
    link.click();
    link.remove();
  }

  protected startVersion(file: FileDto): void {
    this.error.set(null);
    this.selected.set(file);
    this.versions.set([]);
    this.versionDialog().open();
    this.api.get(this.tenant(), file.id).subscribe({
      next: (detail) => {
        if (this.selected()?.id === file.id) this.versions.set(detail.versions);
      },
      // The history is a convenience: without it the dialog still uploads.
      error: () => this.versions.set([]),
    });
  }

  protected downloadVersion(version: FileVersionDto): void {
    const file = this.selected();
    this.api.download(version.downloadUrl, version.fileName).subscribe({
      next: (d) => this.save(d.blob, d.filename),
      error: (e: unknown) => file && this.fail(e, file),
    });
  }

  protected versionUploaded(): void {
    this.versionDialog().close();
    this.afterChange();
  }

  protected startEdit(file: FileDto): void {
    this.error.set(null);
    this.selected.set(file);
    this.editName.set(file.name);
    this.editPublic.set(file.public);
    this.editMain.set(file.main);
    this.editNameMissing.set(false);
    this.editDialog().open();
  }

  protected saveEdit(event: Event): void {
    event.preventDefault();
    const file = this.selected();
    if (!file || this.busy()) return;
    const name = this.editName().trim();
    if (!name) {
      this.editNameMissing.set(true);
      this.document.getElementById(`${this.id}-edit-name`)?.focus();
      return;
    }
    this.busy.set(true);
    const main = this.owner().kind === 'paper' && this.editMain() !== file.main ? { main: this.editMain() } : {};
    this.api.update(this.tenant(), file, { name, public: this.editPublic(), ...main }).subscribe({
      next: (saved) => {
        this.busy.set(false);
        this.editDialog().close();
        this.status.set(this.transloco.translate('files.edit.saved', { name: saved.name }));
        this.afterChange();
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.editDialog().close();
        this.fail(e, file);
      },
    });
  }

  protected startDelete(file: FileDto): void {
    this.error.set(null);
    this.selected.set(file);
    this.deleteDialog().open();
  }

  protected confirmDelete(): void {
    const file = this.selected();
    if (!file || this.busy()) return;
    this.busy.set(true);
    this.api.remove(this.tenant(), file).subscribe({
      next: () => {
        this.busy.set(false);
        this.deleteDialog().close();
        this.status.set(this.transloco.translate('files.delete.done', { name: file.name }));
        this.afterChange();
      },
      error: (e: unknown) => {
        this.busy.set(false);
        this.deleteDialog().close();
        this.fail(e, file);
      },
    });
  }

  protected afterChange(): void {
    this.load();
    this.changed.emit();
  }

  private fail(error: unknown, file: FileDto): void {
    const message = fileErrorMessage(error, file.fileName, { photo: this.owner().kind === 'person' });
    this.error.set(message);
    // A stale or vanished file: show the current state.
    if (message.key === 'files.errors.stale' || message.key === 'files.errors.notFound') this.load();
  }

  private objectUrl(blob: Blob): string {
    const url = URL.createObjectURL(blob);
    this.objectUrls.push(url);
    return url;
  }
}

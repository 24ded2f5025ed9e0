import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, inject, input, signal } from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { type AgendaFileDto, FileRoutes } from '@ratsinfo/contracts';
import { FilesApi } from '@ratsinfo/web-data-access';
import { type Message, fileErrorMessage, formatSize } from './file-messages';

/**
 * The files of an agenda item as a short list to read: name, size, "vertraulich" for non-public
 * ones, and open / download. Office downloads need the sign-in (bearer token), so a plain link
 * would answer 401; the bytes come through HttpClient and open from memory, as in the file list.
 *
 * ```html
 * <ri-file-links [tenant]="slug" [files]="item.files" [label]="'Dokumente zu Ö 1'" />
 * ```
 */
@Component({
  selector: 'ri-file-links',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="ri-file-links" [attr.aria-label]="label()">
      @for (f of files(); track f.id) {
        <li class="kern-body kern-body--small" [attr.data-file-id]="f.id">
          <span class="ri-file-links__name" data-file-name>{{ f.name }}</span>
          {{ ' ' }}<span class="kern-body--muted ri-file-links__size">({{ size(f.size) }})</span>
          @if (!f.public) {
            <span class="kern-badge kern-badge--warning" data-file-confidential>
              <span class="kern-icon kern-icon--visibility-off" aria-hidden="true"></span>
              <span class="kern-label">{{ 'agenda.item.confidential' | transloco }}</span>
            </span>
          }
          <span class="ri-file-links__actions">
            <button type="button" class="kern-btn kern-btn--tertiary kern-btn--x-small" (click)="open(f)" data-file-open>
              <span class="kern-label">{{ 'files.list.open' | transloco }}</span><span class="ri-sr-only">: {{ f.name }}</span>
            </button>
            <button type="button" class="kern-btn kern-btn--tertiary kern-btn--x-small" (click)="download(f)" data-file-download>
              <span class="kern-icon kern-icon--download" aria-hidden="true"></span>
              <span class="kern-label">{{ 'files.list.download' | transloco }}</span><span class="ri-sr-only">: {{ f.name }}</span>
            </button>
          </span>
        </li>
      }
    </ul>
    @if (error(); as e) {
      <p class="kern-error" role="alert" data-file-error>
        <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
        <span class="kern-body">{{ e.key | transloco: e.params }}</span>
      </p>
    }
  `,
  styles: `
    .ri-file-links {
      margin: 0;
      padding-inline-start: 1.25rem;
    }
    .ri-file-links li {
      overflow-wrap: anywhere;
    }
    .ri-file-links__size {
      white-space: nowrap;
    }
    .ri-file-links .kern-badge {
      min-height: auto;
      white-space: nowrap;
      margin-inline-start: var(--kern-metric-space-x-small, 4px);
    }
    .ri-file-links__actions {
      display: flex;
      flex-wrap: wrap;
      column-gap: var(--kern-metric-space-x-small, 4px);
    }
    .ri-file-links__actions .kern-btn {
      margin-block: var(--kern-metric-space-2x-small, 2px);
    }
  `,
})
export class FileLinks {
  private readonly api = inject(FilesApi);
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly objectUrls: string[] = [];

  /** Slug of the authority. */
  readonly tenant = input.required<string>();
  readonly files = input.required<readonly AgendaFileDto[]>();
  /** Accessible name of the list ("Dokumente zu Ö 1"). */
  readonly label = input<string | null>(null);

  protected readonly error = signal<Message | null>(null);

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      for (const url of this.objectUrls) URL.revokeObjectURL(url);
    });
  }

  protected size(bytes: number): string {
    return formatSize(bytes, this.transloco.getActiveLang() === 'en' ? 'en-GB' : 'de-DE');
  }

  /** The tab is opened at the click (no pop-up blocker), the bytes follow. */
  protected open(file: AgendaFileDto): void {
    this.error.set(null);
    const view = this.document.defaultView;
    const tab = view?.open('', '_blank');
    this.api.download(FileRoutes.fileContent(this.tenant(), file.id), file.fileName).subscribe({
      next: (d) => {
        const url = this.objectUrl(d.blob);
        if (tab) tab.location.href = url;
        else view?.open(url, '_blank');
      },
      error: (e: unknown) => {
        tab?.close();
        this.error.set(fileErrorMessage(e, file.fileName));
      },
    });
  }

  protected download(file: AgendaFileDto): void {
    this.error.set(null);
    this.api.download(`${FileRoutes.fileContent(this.tenant(), file.id)}?download=1`, file.fileName).subscribe({
      next: (d) => {
        const link = this.document.createElement('a');
        link.href = this.objectUrl(d.blob);
        link.download = d.filename;
        link.hidden = true;
        this.document.body.appendChild(link);
        link.click();
        link.remove();
      },
      error: (e: unknown) => this.error.set(fileErrorMessage(e, file.fileName)),
    });
  }

  private objectUrl(blob: Blob): string {
    const url = URL.createObjectURL(blob);
    this.objectUrls.push(url);
    return url;
  }
}

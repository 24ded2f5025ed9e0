import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { PortalFile } from '@ratsinfo/contracts';
import { LanguageService } from '@ratsinfo/web-ui';

/** Short names of the file types the API accepts (technical names: the same in every language). */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (XLSX)',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
};

export function fileTypeName(mimeType: string): string {
  return TYPE_NAMES[mimeType] ?? (mimeType.split('/')[1] ?? mimeType).toUpperCase();
}

/** "850 Byte", "12 kB", "1,2 MB" (decimal units, as file managers show them). */
export function formatFileSize(bytes: number, language: string): string {
  const unit = bytes >= 1_000_000 ? 'megabyte' : bytes >= 1_000 ? 'kilobyte' : 'byte';
  const value = unit === 'megabyte' ? bytes / 1_000_000 : unit === 'kilobyte' ? bytes / 1_000 : bytes;
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: unit === 'megabyte' ? 1 : 0 }).format(value);
}

/**
 * Files to open (in the browser) and to download, each with its type and size. The links are
 * plain `href`s to the public download route: no script needed, so it renders on a server too.
 */
@Component({
  selector: 'ri-file-list',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="ri-file-list" [attr.aria-label]="label()">
      @for (file of described(); track file.id) {
        <li class="ri-file" [attr.data-file-id]="file.id">
          <span class="kern-icon kern-icon--draft ri-file__icon" aria-hidden="true"></span>
          <span class="ri-file__main">
            <a class="kern-link" [href]="file.accessUrl" [attr.type]="file.mimeType">{{ file.name }}</a>
            <span class="kern-body kern-body--small ri-file__meta">{{ 'portalContent.files.meta' | transloco: { type: file.typeName, size: file.sizeText } }}</span>
          </span>
          <!-- the name starts with the visible text (WCAG 2.5.3) and says which file it saves -->
          <a
            class="kern-link ri-file__download"
            [href]="file.downloadUrl"
            [attr.download]="file.fileName"
            [attr.aria-label]="'portalContent.files.downloadLabel' | transloco: { name: file.name, type: file.typeName, size: file.sizeText }"
          >
            <span class="kern-icon kern-icon--download" aria-hidden="true"></span>
            {{ 'portalContent.files.download' | transloco }}
          </a>
        </li>
      }
    </ul>
  `,
  styles: `
    .ri-file-list {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .ri-file {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: var(--kern-metric-space-x-small, 4px) var(--kern-metric-space-default, 16px);
      padding-block: var(--kern-metric-space-small, 8px);
      border-bottom: 1px solid var(--kern-color-layout-border, #ccc);
    }
    .ri-file__main {
      display: flex;
      flex-direction: column;
      flex: 1 1 14rem;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .ri-file__icon {
      align-self: center;
    }
  `,
})
export class FileList {
  private readonly language = inject(LanguageService);

  readonly files = input.required<readonly PortalFile[]>();
  /** Names the list for screen readers when a page has several ("Dateien zu Ö 1"). */
  readonly label = input<string | null>(null);

  protected readonly described = computed(() =>
    this.files().map((f) => ({ ...f, typeName: fileTypeName(f.mimeType), sizeText: formatFileSize(f.size, this.language.active()) })),
  );
}

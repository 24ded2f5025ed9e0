import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, computed, effect, inject, input, signal } from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type { MeetingBundleInfo, OfficeMeetingBundles } from '@ratsinfo/contracts';
import { FilesApi } from '@ratsinfo/web-data-access';
import { formatSize } from '../files/file-messages';

type Variant = 'public' | 'full';

/**
 * The meeting's bundles (Sitzungsmappen) in the back office: the public one, and the one with the
 * non-public part for whoever may read all of it. Downloads need the sign-in, so the bytes come
 * through HttpClient (as for files). A bundle not generated yet is asked for once in the
 * background (its download route does that), and the status is announced politely.
 */
@Component({
  selector: 'ri-meeting-bundles',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="ri-bundles">
      @for (b of rows(); track b.variant) {
        <li class="kern-body" [attr.data-bundle]="b.variant">
          @if (b.info.available) {
            <button type="button" class="kern-btn kern-btn--tertiary ri-bundles__button" (click)="download(b.variant, b.info)" [disabled]="busy() === b.variant" data-bundle-download>
              <span class="kern-icon kern-icon--download" aria-hidden="true"></span>
              <span class="kern-label">{{ (b.variant === 'full' ? 'bundles.linkFull' : 'bundles.link') | transloco: { pages: b.info.pageCount, size: size(b.info.size ?? 0) } }}</span>
            </button>
            @if (b.variant === 'full') {
              <span class="kern-body kern-body--small kern-body--muted ri-bundles__hint">{{ 'bundles.fullHint' | transloco }}</span>
            }
          } @else {
            <span>{{ (b.variant === 'full' ? 'bundles.headingFull' : 'bundles.heading') | transloco }}:</span>
            {{ ' ' }}<span [attr.data-bundle-status]="b.info.failed ? 'failed' : 'pending'">{{ (b.info.failed ? 'bundles.failed' : 'bundles.pending') | transloco }}</span>
          }
        </li>
      }
    </ul>
    <p class="kern-body" aria-live="polite" data-bundle-message>
      @if (busy()) {
        {{ 'bundles.downloading' | transloco }}
      } @else if (failed()) {
        <span class="kern-error"><span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span><span class="kern-body">{{ 'bundles.downloadError' | transloco }}</span></span>
      }
    </p>
  `,
  styles: `
    .ri-bundles {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--kern-metric-space-small, 8px);
    }
    .ri-bundles__button {
      text-align: start;
      white-space: normal;
      height: auto;
    }
    .ri-bundles__hint {
      display: block;
    }
  `,
})
export class MeetingBundles {
  private readonly api = inject(FilesApi);
  private readonly http = inject(HttpClient);
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);
  private readonly objectUrls: string[] = [];
  private readonly asked = new Set<string>();

  readonly bundles = input.required<OfficeMeetingBundles>();

  protected readonly busy = signal<Variant | null>(null);
  protected readonly failed = signal(false);
  protected readonly rows = computed(() => {
    const b = this.bundles();
    return [{ variant: 'public' as const, info: b.public }, ...(b.full ? [{ variant: 'full' as const, info: b.full }] : [])];
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      for (const url of this.objectUrls) URL.revokeObjectURL(url);
    });
    effect(() => {
      for (const { info } of this.rows()) {
        if (info.available || info.failed || this.asked.has(info.url)) continue;
        this.asked.add(info.url);
        this.http.head(info.url).subscribe({ error: () => undefined });
      }
    });
  }

  protected size(bytes: number): string {
    return formatSize(bytes, this.transloco.getActiveLang() === 'en' ? 'en-GB' : 'de-DE');
  }

  protected download(variant: Variant, info: MeetingBundleInfo): void {
    this.failed.set(false);
    this.busy.set(variant);
    this.api.download(`${info.url}&download=1`, 'Sitzungsmappe.pdf').subscribe({
      next: (d) => {
        this.busy.set(null);
        const url = URL.createObjectURL(d.blob);
        this.objectUrls.push(url);
        const link = this.document.createElement('a');
        link.href = url;
        link.download = d.filename;
        link.hidden = true;
        this.document.body.appendChild(link);
        link.click();
        link.remove();
      },
      error: () => {
        this.busy.set(null);
        this.failed.set(true);
      },
    });
  }
}

import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, ElementRef, Injector, afterNextRender, computed, effect, inject, signal, untracked, viewChild } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { type TenantExportDto, exportRequestSchema } from '@ratsinfo/contracts';
import { AccessError, officeLink } from '@ratsinfo/web-auth';
import { EXPORT_POLL_INTERVAL, OfficeApi, TenantExport, isApiError } from '@ratsinfo/web-data-access';
import { BreadcrumbItem, Breadcrumbs, ExportList, PageTitle, exportsInProgress, formatExportSize } from '@ratsinfo/web-ui';
import { AdminRequired } from '../../components/admin-required/admin-required';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { OfficeContext } from '../../office-context';

/** A finished export, ready to be saved. */
interface ExportLink {
  url: string;
  filename: string;
  size: number;
}

/**
 * `/:tenant/verwaltung/export` (tenant admins): the complete export of the own authority – all
 * content including non-public items, the accounts and the audit log – as a ZIP archive. The
 * API requires a stated reason; the worker builds the archive in the background (the list below
 * follows it, polling while one is pending or running) and the authority's audit log records it
 * when ready. A ready archive is downloaded with HttpClient (the bearer token is needed) and
 * offered as a save link.
 */
@Component({
  selector: 'ri-office-export-page',
  imports: [TranslocoPipe, AccessError, AdminRequired, Breadcrumbs, ExportList, OfficeHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (context.isAdmin()) {
      <ri-breadcrumbs [items]="breadcrumbs()" />
      <ri-office-heading [heading]="'office.export.heading' | transloco" [preline]="context.tenantName()" />
      <p class="kern-body">{{ 'office.export.intro' | transloco: { tenant: context.tenantName() } }}</p>

      <section class="ri-section" aria-labelledby="office-export-contents-heading">
        <h2 id="office-export-contents-heading" class="kern-heading-medium">{{ 'office.export.contents.heading' | transloco }}</h2>
        <ul class="kern-list kern-list--bullet" data-export-contents>
          <li>{{ 'office.export.contents.content' | transloco }}</li>
          <li>{{ 'office.export.contents.nonPublic' | transloco }}</li>
          <li>{{ 'office.export.contents.accounts' | transloco }}</li>
          <li>{{ 'office.export.contents.audit' | transloco }}</li>
        </ul>
        <p class="kern-body">{{ 'office.export.confidential' | transloco }}</p>
      </section>

      <section class="ri-section" aria-labelledby="office-export-form-heading">
        <h2 id="office-export-form-heading" class="kern-heading-medium">{{ 'office.export.form.heading' | transloco }}</h2>
        <p class="kern-body" data-export-audit-note>{{ 'office.export.auditNote' | transloco }}</p>

        <p class="kern-body">{{ 'exports.intro' | transloco }}</p>
        <p class="kern-body ri-notice" role="status" data-notice>
          @if (readyName(); as filename) {
            <span class="kern-icon kern-icon--success kern-icon--small" aria-hidden="true"></span>
            {{ 'exports.downloaded' | transloco: { filename } }}
          } @else if (exporting()) {
            {{ 'exports.requesting' | transloco }}
          } @else if (requested()) {
            {{ 'exports.requested' | transloco }}
          }
        </p>

        @if (exportError(); as error) {
          <ri-access-error [error]="error" [headingLevel]="3" (retry)="exportData()" />
        }
        <form class="ri-form" (submit)="exportData($event)" novalidate>
          <div class="kern-form-input" [class.kern-form-input--error]="reasonInvalid()">
            <label class="kern-label" for="office-export-reason">{{ 'office.export.form.reason' | transloco }}</label>
            <div class="kern-hint" id="office-export-reason-hint">{{ 'office.export.form.reasonHint' | transloco }}</div>
            <textarea
              class="kern-form-input__input"
              [class.kern-form-input__input--error]="reasonInvalid()"
              id="office-export-reason"
              rows="4"
              maxlength="500"
              [value]="reason()"
              (input)="onReasonInput($any($event.target).value)"
              [attr.aria-invalid]="reasonInvalid()"
              [attr.aria-describedby]="reasonInvalid() ? 'office-export-reason-hint office-export-reason-error' : 'office-export-reason-hint'"
            ></textarea>
            @if (reasonInvalid()) {
              <p class="kern-error" id="office-export-reason-error">
                <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
                <span class="kern-body">{{ 'office.export.form.reasonError' | transloco }}</span>
              </p>
            }
          </div>
          <div class="ri-actions">
            <button type="submit" class="kern-btn kern-btn--primary" data-export>
              <span class="kern-icon kern-icon--download" aria-hidden="true"></span>
              <span class="kern-label">{{ (exporting() ? 'exports.requesting' : 'exports.request') | transloco }}</span>
            </button>
            @if (link(); as current) {
              <a #exportLink class="kern-link" [href]="current.url" [attr.download]="current.filename" data-export-link>
                {{ 'office.export.save' | transloco: { filename: current.filename, size: formatSize(current.size) } }}
              </a>
            }
          </div>
        </form>
      </section>

      <section class="ri-section" aria-labelledby="office-export-list-heading">
        <h2 id="office-export-list-heading" class="kern-heading-medium">{{ 'exports.list.heading' | transloco }}</h2>
        @if (listError(); as error) {
          <ri-access-error [error]="error" [headingLevel]="3" (retry)="reload()" />
        }
        <ri-export-list [exports]="exports()" [downloading]="downloading()" (download)="downloadOne($event)" />
      </section>
    } @else {
      <ri-admin-required [tenantName]="context.tenantName()" />
    }
  `,
  styles: `
    .ri-form {
      display: grid;
      gap: var(--kern-metric-space-default, 16px);
      max-width: 40rem;
    }
    .ri-actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-default, 16px);
      align-items: center;
    }
    .ri-actions .kern-link {
      overflow-wrap: anywhere;
    }
    [data-export-contents] {
      margin-bottom: var(--kern-metric-space-default, 16px);
    }
    .ri-notice:empty {
      margin: 0;
    }
  `,
})
export class OfficeExportPage {
  private readonly api = inject(OfficeApi);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  protected readonly context = inject(OfficeContext);
  private readonly linkElement = viewChild<ElementRef<HTMLAnchorElement>>('exportLink');

  protected readonly reason = signal('');
  protected readonly reasonInvalid = signal(false);
  protected readonly exporting = signal(false);
  protected readonly exportError = signal<unknown>(null);
  protected readonly link = signal<ExportLink | null>(null);
  /** File name of the export just downloaded, for the polite confirmation. */
  protected readonly readyName = signal<string | null>(null);
  protected readonly requested = signal(false);
  protected readonly exports = signal<readonly TenantExportDto[]>([]);
  protected readonly listError = signal<unknown>(null);
  protected readonly downloading = signal<string | null>(null);
  private readonly pollMs = inject(EXPORT_POLL_INTERVAL);
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, office.breadcrumb, office.nav.export) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.tenantName(), link: ['/', this.context.slug()] },
    { labelKey: 'office.breadcrumb', link: officeLink(this.context.slug()) },
    { labelKey: 'office.nav.export' },
  ]);

  constructor() {
    const pageTitle = inject(PageTitle);
    /** t(title.officeExportOf) */
    effect(() => pageTitle.set('title.officeExportOf', { tenant: this.context.tenantName() }));
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      if (this.pollTimer) clearTimeout(this.pollTimer);
      this.release();
    });
    effect(() => {
      if (this.context.isAdmin() && this.context.slug()) untracked(() => this.reload());
    });
  }

  /** Loads the list; while an export is pending or running, looks again every few seconds. */
  protected reload(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    this.api.exports(this.context.slug()).subscribe({
      next: (list) => {
        this.listError.set(null);
        this.exports.set(list);
        if (exportsInProgress(list) && !this.destroyed) this.pollTimer = setTimeout(() => this.reload(), this.pollMs);
      },
      error: (error: unknown) => this.listError.set(error),
    });
  }

  protected downloadOne(e: TenantExportDto): void {
    const slug = this.context.slug();
    this.downloading.set(e.id);
    this.exportError.set(null);
    this.api.downloadExport(slug, e.id, `ratsinfo-export-${slug}.zip`).subscribe({
      next: (download) => {
        this.downloading.set(null);
        this.offer(download);
        this.readyName.set(download.filename);
        afterNextRender(() => this.linkElement()?.nativeElement.focus(), { injector: this.injector });
      },
      error: (error: unknown) => {
        this.downloading.set(null);
        this.exportError.set(error);
        this.reload();
      },
    });
  }

  protected onReasonInput(value: string): void {
    this.reason.set(value);
    if (this.reasonInvalid() && exportRequestSchema.safeParse({ reason: value }).success) this.reasonInvalid.set(false);
  }

  protected exportData(event?: Event): void {
    event?.preventDefault();
    if (this.exporting()) return;
    this.exportError.set(null);
    this.readyName.set(null);
    const parsed = exportRequestSchema.safeParse({ reason: this.reason() });
    if (!parsed.success) {
      this.markReasonInvalid();
      return;
    }
    this.reasonInvalid.set(false);
    this.exporting.set(true);
    const slug = this.context.slug();
    this.requested.set(false);
    this.api.requestExport(slug, parsed.data.reason).subscribe({
      next: () => {
        this.exporting.set(false);
        this.reason.set('');
        this.requested.set(true);
        this.reload();
      },
      error: (error: unknown) => {
        this.exporting.set(false);
        if (isApiError(error) && error.kind === 'validation' && error.fieldErrors.some((e) => e.name === 'reason')) {
          this.markReasonInvalid();
        } else {
          this.exportError.set(error);
        }
      },
    });
  }

  /** Shows the error at the reason field and moves the focus there. */
  private markReasonInvalid(): void {
    this.reasonInvalid.set(true);
    afterNextRender(() => this.document.getElementById('office-export-reason')?.focus(), { injector: this.injector });
  }

  private offer(download: TenantExport): void {
    this.release();
    this.link.set({ url: URL.createObjectURL(download.blob), filename: download.filename, size: download.blob.size });
  }

  private release(): void {
    const current = this.link();
    if (current) URL.revokeObjectURL(current.url);
    this.link.set(null);
  }

  protected formatSize(bytes: number): string {
    return formatExportSize(bytes);
  }
}

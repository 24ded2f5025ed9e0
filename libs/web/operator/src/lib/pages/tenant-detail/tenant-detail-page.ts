import { ChangeDetectionStrategy, Component, DOCUMENT, DestroyRef, ElementRef, Injector, afterNextRender, computed, effect, inject, input, linkedSignal, signal, untracked, viewChild } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { OperatorTenantDto, type TenantExportDto, exportRequestSchema } from '@ratsinfo/contracts';
import { AccessError, AccessErrorKeys, operatorLink } from '@ratsinfo/web-auth';
import { ApiErrorKind, EXPORT_POLL_INTERVAL, OperatorApi, TenantExport, isApiError } from '@ratsinfo/web-data-access';
import { Alert, BreadcrumbItem, Breadcrumbs, DateTime, ExportList, Loading, ModalDialog, PageTitle, exportsInProgress, formatExportSize } from '@ratsinfo/web-ui';
import { OperatorHeading } from '../../components/operator-heading/operator-heading';
import { PROVISIONING_POLL_INTERVAL, ProvisioningProgress } from '../../components/provisioning-progress/provisioning-progress';
import { TenantStatusBadge, tenantDisplayState } from '../../components/tenant-status/tenant-status';
import { TENANT_DISPLAY_STATE_KEYS, TENANT_KIND_KEYS } from '../../labels';
import { OperatorNotices } from '../../operator-notices';
import { displayStates, summarize } from '../../provisioning';

/** A finished export, ready to be saved. */
interface ExportLink {
  url: string;
  filename: string;
  size: number;
}

/**
 * `/betrieb/kommunen/:tenantId`: one member authority. Shows its data and provisioning, and
 * offers the lifecycle actions: suspend / reactivate (after a confirmation dialog), export (with a
 * stated reason, recorded in the authority's audit log; the archive is downloaded with HttpClient
 * and offered as a save link), and delete for good – only
 * for a suspended authority after an export, confirmed by typing its slug.
 */
@Component({
  selector: 'ri-tenant-detail-page',
  imports: [RouterLink, TranslocoPipe, AccessError, Alert, Breadcrumbs, DateTime, ExportList, Loading, ModalDialog, OperatorHeading, ProvisioningProgress, TenantStatusBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './tenant-detail-page.html',
  styleUrl: './tenant-detail-page.css',
})
export class TenantDetailPage {
  private readonly api = inject(OperatorApi);
  private readonly pollInterval = inject(PROVISIONING_POLL_INTERVAL);
  private readonly router = inject(Router);
  private readonly notices = inject(OperatorNotices);
  private readonly injector = inject(Injector);
  private readonly document = inject(DOCUMENT);
  private readonly statusDialog = viewChild<ModalDialog>('statusDialog');
  private readonly deleteDialog = viewChild<ModalDialog>('deleteDialog');
  private readonly exportLinkElement = viewChild<ElementRef<HTMLAnchorElement>>('exportLink');

  /** Route parameter `:tenantId`. */
  readonly tenantId = input.required<string>();

  protected readonly resource = rxResource({
    params: () => this.tenantId(),
    stream: ({ params: id }) => this.api.tenant(id),
  });
  /** The authority as last answered by the API (after actions, without reloading the page). */
  protected readonly tenant = linkedSignal<OperatorTenantDto | null>(() => (this.resource.hasValue() ? this.resource.value() : null));

  protected readonly kindKeys = TENANT_KIND_KEYS;
  protected readonly provisioningSummary = computed(() => summarize(displayStates(this.tenant()?.provisioning ?? [], null)));
  /** Polite confirmation of the last action. */
  protected readonly notice = signal<{ key: string; params?: Record<string, string> } | null>(null);

  /** The state shown: a failed onboarding is neither active nor suspended. */
  protected readonly displayState = computed(() => {
    const t = this.tenant();
    return t ? tenantDisplayState(t.status, t.provisioning) : null;
  });
  protected readonly displayStateKeys = TENANT_DISPLAY_STATE_KEYS;

  // first admin's invitation
  protected readonly resending = signal(false);
  protected readonly resendError = signal<unknown>(null);
  protected readonly resendErrorOverrides: Partial<Record<ApiErrorKind, Partial<AccessErrorKeys>>> = {
    /** t(operator.firstAdmin.conflict.title, operator.firstAdmin.conflict.text) */
    conflict: { title: 'operator.firstAdmin.conflict.title', text: 'operator.firstAdmin.conflict.text', retry: false },
  };

  // suspend / reactivate
  protected readonly statusBusy = signal(false);
  protected readonly statusError = signal<unknown>(null);

  // export
  protected readonly exporting = signal(false);
  protected readonly exportError = signal<unknown>(null);
  protected readonly exportLink = signal<ExportLink | null>(null);
  /** The stated reason of the export (the API requires 10–500 characters and records it in the authority's audit log). */
  protected readonly exportReason = signal('');
  protected readonly exportReasonInvalid = signal(false);
  protected readonly exports = signal<readonly TenantExportDto[]>([]);
  protected readonly exportListError = signal<unknown>(null);
  protected readonly downloadingExport = signal<string | null>(null);
  private readonly exportPollMs = inject(EXPORT_POLL_INTERVAL);
  private exportPoll: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  // delete
  protected readonly confirmSlug = signal('');
  protected readonly confirmMismatch = signal(false);
  protected readonly deleting = signal(false);
  protected readonly deleteError = signal<unknown>(null);

  protected readonly listLink = operatorLink();
  protected readonly errorOverrides: Partial<Record<ApiErrorKind, Partial<AccessErrorKeys>>> = {
    /** t(operator.detail.notFound.title, operator.detail.notFound.text) */
    'not-found': { title: 'operator.detail.notFound.title', text: 'operator.detail.notFound.text' },
  };
  protected readonly deleteErrorOverrides: Partial<Record<ApiErrorKind, Partial<AccessErrorKeys>>> = {
    /** t(operator.delete.conflict.title, operator.delete.conflict.text) */
    conflict: { title: 'operator.delete.conflict.title', text: 'operator.delete.conflict.text', retry: false },
  };

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(operator.nav.tenants, operator.detail.breadcrumb) */
    { labelKey: 'operator.nav.tenants', link: operatorLink() },
    this.tenant() ? { label: this.tenant()?.name } : { labelKey: 'operator.detail.breadcrumb' },
  ]);

  constructor() {
    const pageTitle = inject(PageTitle);
    effect(() => {
      const tenant = this.tenant();
      /** t(title.operatorTenant) */
      if (tenant) pageTitle.set('title.operatorTenant', { tenant: tenant.name });
    });
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      if (this.exportPoll) clearTimeout(this.exportPoll);
      this.releaseExport();
    });
    // Once per authority shown (not on every refresh of its record).
    const tenantId = computed(() => this.tenant()?.id ?? null);
    effect(() => {
      if (tenantId()) untracked(() => this.reloadExports());
    });
  }

  // ---- provisioning finished --------------------------------------------------------------

  /**
   * The progress reports "done" as soon as the last step is; the API switches the authority to
   * "active" a moment later. Reload until the status has moved (a few tries), so the page never
   * stays at "Einrichtung läuft" after onboarding.
   */
  protected onProvisioningFinished(result: 'done' | 'failed'): void {
    const tenant = this.tenant();
    if (!tenant) return;
    const load = (attempt: number): void => {
      this.api.tenant(tenant.id).subscribe({
        next: (fresh) => {
          this.tenant.set(fresh);
          if (result === 'done' && fresh.status === 'provisioning' && attempt < 10) setTimeout(() => load(attempt + 1), this.pollInterval);
        },
        error: () => this.resource.reload(),
      });
    };
    load(1);
  }

  // ---- first admin's invitation ------------------------------------------------------------

  protected resendInvitation(): void {
    const tenant = this.tenant();
    if (!tenant || this.resending()) return;
    this.resending.set(true);
    this.resendError.set(null);
    this.notice.set(null);
    this.api.resendInvitation(tenant.id).subscribe({
      next: (updated) => {
        this.resending.set(false);
        this.tenant.set({ ...tenant, ...updated });
        /** t(operator.firstAdmin.resent) */
        this.notice.set({ key: 'operator.firstAdmin.resent', params: { email: updated.firstAdmin?.email ?? '' } });
      },
      error: (error: unknown) => {
        this.resending.set(false);
        this.resendError.set(error);
        // A conflict means the state changed (e.g. the admin signed in meanwhile): show the current one.
        if (isApiError(error) && error.kind === 'conflict') this.resource.reload();
      },
    });
  }

  // ---- suspend / reactivate -------------------------------------------------------------

  protected askStatusChange(): void {
    this.statusError.set(null);
    this.statusDialog()?.open();
  }

  protected cancelStatusChange(): void {
    this.statusDialog()?.close();
  }

  protected confirmStatusChange(): void {
    const tenant = this.tenant();
    if (!tenant || this.statusBusy()) return;
    const suspend = tenant.status === 'active';
    this.statusBusy.set(true);
    this.statusError.set(null);
    (suspend ? this.api.suspend(tenant.id) : this.api.reactivate(tenant.id)).subscribe({
      next: (updated) => {
        this.statusBusy.set(false);
        this.tenant.set(updated);
        this.statusDialog()?.close();
        /** t(operator.status.suspendedNotice, operator.status.reactivatedNotice) */
        this.notice.set({ key: suspend ? 'operator.status.suspendedNotice' : 'operator.status.reactivatedNotice', params: { tenant: updated.name } });
      },
      error: (error: unknown) => {
        this.statusBusy.set(false);
        this.statusError.set(error);
      },
    });
  }

  // ---- export -----------------------------------------------------------------------------

  protected onExportReasonInput(value: string): void {
    this.exportReason.set(value);
    if (this.exportReasonInvalid() && exportRequestSchema.safeParse({ reason: value }).success) this.exportReasonInvalid.set(false);
  }

  protected exportData(event?: Event): void {
    event?.preventDefault();
    const tenant = this.tenant();
    if (!tenant || this.exporting()) return;
    this.exportError.set(null);
    this.notice.set(null);
    const parsed = exportRequestSchema.safeParse({ reason: this.exportReason() });
    if (!parsed.success) {
      this.markExportReasonInvalid();
      return;
    }
    this.exportReasonInvalid.set(false);
    this.exporting.set(true);
    this.api.requestExport(tenant.id, parsed.data.reason).subscribe({
      next: () => {
        this.exporting.set(false);
        this.exportReason.set('');
        /** t(exports.requested) */
        this.notice.set({ key: 'exports.requested' });
        this.reloadExports();
      },
      error: (error: unknown) => {
        this.exporting.set(false);
        if (isApiError(error) && error.kind === 'validation' && error.fieldErrors.some((e) => e.name === 'reason')) {
          this.markExportReasonInvalid();
        } else {
          this.exportError.set(error);
        }
      },
    });
  }

  /**
   * Loads the authority's exports; while one is pending or running, looks again every few
   * seconds. When an operator's export has become ready, the authority is reloaded (its export
   * date, which deletion requires, changed on the server).
   */
  protected reloadExports(): void {
    const tenant = this.tenant();
    if (!tenant || this.destroyed) return;
    if (this.exportPoll) clearTimeout(this.exportPoll);
    this.exportPoll = null;
    const wasRunning = exportsInProgress(this.exports());
    this.api.exports(tenant.id).subscribe({
      next: (list) => {
        this.exportListError.set(null);
        this.exports.set(list);
        if (wasRunning && !exportsInProgress(list) && list.some((e) => e.requestedAs === 'operator' && e.status === 'ready')) {
          this.api.tenant(tenant.id).subscribe({ next: (updated) => this.tenant.set(updated), error: () => undefined });
        }
        if (exportsInProgress(list) && !this.destroyed) this.exportPoll = setTimeout(() => this.reloadExports(), this.exportPollMs);
      },
      error: (error: unknown) => this.exportListError.set(error),
    });
  }

  protected downloadExport(e: TenantExportDto): void {
    const tenant = this.tenant();
    if (!tenant) return;
    this.downloadingExport.set(e.id);
    this.exportError.set(null);
    this.api.downloadExport(tenant.id, e.id, `ratsinfo-export-${tenant.slug}.zip`).subscribe({
      next: (download) => {
        this.downloadingExport.set(null);
        this.offerExport(download);
        /** t(operator.export.ready) */
        this.notice.set({ key: 'operator.export.ready', params: { filename: download.filename } });
        afterNextRender(() => this.exportLinkElement()?.nativeElement.focus(), { injector: this.injector });
      },
      error: (error: unknown) => {
        this.downloadingExport.set(null);
        this.exportError.set(error);
        this.reloadExports();
      },
    });
  }

  /** Shows the error at the reason field and moves the focus there. */
  private markExportReasonInvalid(): void {
    this.exportReasonInvalid.set(true);
    afterNextRender(() => this.document.getElementById('export-reason')?.focus(), { injector: this.injector });
  }

  private offerExport(download: TenantExport): void {
    this.releaseExport();
    this.exportLink.set({ url: URL.createObjectURL(download.blob), filename: download.filename, size: download.blob.size });
  }

  private releaseExport(): void {
    const link = this.exportLink();
    if (link) URL.revokeObjectURL(link.url);
    this.exportLink.set(null);
  }

  protected formatSize(bytes: number): string {
    return formatExportSize(bytes);
  }

  // ---- delete -----------------------------------------------------------------------------

  protected askDelete(): void {
    this.confirmSlug.set('');
    this.confirmMismatch.set(false);
    this.deleteError.set(null);
    this.deleteDialog()?.open();
  }

  protected cancelDelete(): void {
    this.deleteDialog()?.close();
  }

  protected onConfirmInput(value: string): void {
    this.confirmSlug.set(value);
    if (this.confirmMismatch() && value.trim() === this.tenant()?.slug) this.confirmMismatch.set(false);
  }

  protected confirmDelete(event?: Event): void {
    event?.preventDefault();
    const tenant = this.tenant();
    if (!tenant || this.deleting()) return;
    const typed = this.confirmSlug().trim();
    if (typed !== tenant.slug) {
      this.confirmMismatch.set(true);
      afterNextRender(() => this.document.getElementById('delete-confirm')?.focus(), { injector: this.injector });
      return;
    }
    this.deleting.set(true);
    this.deleteError.set(null);
    this.api.deleteTenant(tenant.id, typed).subscribe({
      next: () => {
        this.deleting.set(false);
        this.deleteDialog()?.close();
        /** t(operator.delete.done) */
        this.notices.set({ key: 'operator.delete.done', params: { tenant: tenant.name } });
        void this.router.navigate(operatorLink());
      },
      error: (error: unknown) => {
        this.deleting.set(false);
        if (isApiError(error) && error.kind === 'validation' && error.fieldErrors.some((e) => e.name === 'confirmSlug')) {
          this.confirmMismatch.set(true);
        } else {
          this.deleteError.set(error);
        }
      },
    });
  }
}

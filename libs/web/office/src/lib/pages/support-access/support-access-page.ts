import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { SupportAccessGrantDto, supportAccessGrantSchema } from '@ratsinfo/contracts';
import { AccessError, officeLink } from '@ratsinfo/web-auth';
import { OfficeApi, isApiError } from '@ratsinfo/web-data-access';
import {
  BreadcrumbItem,
  Breadcrumbs,
  CLOCK,
  DateTime,
  ErrorSummary,
  FormErrorItem,
  Loading,
  ModalDialog,
  PageTitle,
  issuePaths,
  problemPaths,
} from '@ratsinfo/web-ui';
import { AdminRequired } from '../../components/admin-required/admin-required';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { GRANT_STATE_KEYS, grantState } from '../../labels';
import { OfficeContext } from '../../office-context';

type GrantField = 'hours' | 'reason';

/** Input id and error message key per field. */
const FIELDS: Readonly<Record<GrantField, { id: string; errorKey: string }>> = {
  /** t(office.support.form.hoursError, office.support.form.reasonError) */
  hours: { id: 'support-hours', errorKey: 'office.support.form.hoursError' },
  reason: { id: 'support-reason', errorKey: 'office.support.form.reasonError' },
};

/**
 * `/:tenant/verwaltung/support-zugang` (tenant admins): grants the cooperative's operators
 * time-limited access to the authority's data (hours and reason, validated with the contracts'
 * schema), lists the grants (active / expired / revoked) and revokes active ones after a
 * confirmation. While a grant is active, every back-office page shows the support banner.
 */
@Component({
  selector: 'ri-support-access-page',
  imports: [ReactiveFormsModule, TranslocoPipe, AccessError, AdminRequired, Breadcrumbs, DateTime, ErrorSummary, Loading, ModalDialog, OfficeHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './support-access-page.html',
  styles: `
    .ri-form {
      display: grid;
      gap: var(--kern-metric-space-large, 24px);
      max-width: 40rem;
    }
    .kern-badge {
      min-height: auto;
      white-space: nowrap;
    }
    .ri-input--short {
      max-width: 10rem;
    }
  `,
})
export class SupportAccessPage {
  private readonly api = inject(OfficeApi);
  private readonly clock = inject(CLOCK);
  protected readonly context = inject(OfficeContext);
  private readonly revokeDialog = viewChild<ModalDialog>('revokeDialog');

  protected readonly fields = FIELDS;
  protected readonly stateKeys = GRANT_STATE_KEYS;

  protected readonly form = new FormGroup({
    hours: new FormControl<number | null>(4, { nonNullable: true }),
    reason: new FormControl('', { nonNullable: true }),
  });

  /** Invalid fields (after a submit). */
  protected readonly invalid = signal<ReadonlySet<GrantField>>(new Set());
  /** Incremented after each failed submit: the error summary takes the focus. */
  protected readonly summaryFocus = signal(0);
  protected readonly granting = signal(false);
  protected readonly grantError = signal<unknown>(null);
  /** Polite confirmation after granting (with the expiry) or revoking. */
  protected readonly notice = signal<{ key: string; until?: string } | null>(null);

  protected readonly toRevoke = signal<SupportAccessGrantDto | null>(null);
  protected readonly revoking = signal(false);
  protected readonly revokeError = signal<unknown>(null);

  protected readonly errorItems = computed<FormErrorItem[]>(() =>
    (['hours', 'reason'] as const)
      .filter((field) => this.invalid().has(field))
      .map((field) => ({ fieldId: FIELDS[field].id, messageKey: FIELDS[field].errorKey })),
  );

  protected readonly grants = computed(() => {
    const resource = this.context.supportGrants;
    const now = this.clock();
    return resource.hasValue() ? (resource.value() ?? []).map((grant) => ({ grant, state: grantState(grant, now) })) : [];
  });

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, office.breadcrumb, office.nav.support) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.tenantName(), link: ['/', this.context.slug()] },
    { labelKey: 'office.breadcrumb', link: officeLink(this.context.slug()) },
    { labelKey: 'office.nav.support' },
  ]);

  constructor() {
    const pageTitle = inject(PageTitle);
    /** t(title.officeSupportOf) */
    effect(() => pageTitle.set('title.officeSupportOf', { tenant: this.context.tenantName() }));
    // after a failed submit, errors disappear as the fields are corrected
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      if (this.invalid().size > 0) this.invalid.set(this.validate().invalid);
    });
  }

  protected hasError(field: GrantField): boolean {
    return this.invalid().has(field);
  }

  protected describedBy(field: GrantField): string {
    const id = FIELDS[field].id;
    return this.hasError(field) ? `${id}-hint ${id}-error` : `${id}-hint`;
  }

  private validate() {
    const value = this.form.getRawValue();
    const parsed = supportAccessGrantSchema.safeParse({ hours: value.hours ?? Number.NaN, reason: value.reason });
    const invalid = new Set(parsed.success ? [] : issuePaths(parsed.error.issues).filter(isGrantField));
    return { parsed, invalid };
  }

  protected grant(): void {
    if (this.granting()) return;
    this.notice.set(null);
    this.grantError.set(null);
    const { parsed, invalid } = this.validate();
    this.invalid.set(invalid);
    if (!parsed.success) {
      this.summaryFocus.update((n) => n + 1);
      return;
    }
    this.granting.set(true);
    this.api.grantSupportAccess(this.context.slug(), parsed.data).subscribe({
      next: (created) => {
        this.granting.set(false);
        this.form.reset();
        /** t(office.support.granted) */
        this.notice.set({ key: 'office.support.granted', until: created.expiresAt });
        this.context.reloadSupportGrants();
      },
      error: (error: unknown) => {
        this.granting.set(false);
        const fieldErrors = isApiError(error) ? problemPaths(error.fieldErrors).filter(isGrantField) : [];
        if (fieldErrors.length > 0) {
          this.invalid.set(new Set(fieldErrors));
          this.summaryFocus.update((n) => n + 1);
        } else {
          this.grantError.set(error);
        }
      },
    });
  }

  protected askRevoke(grant: SupportAccessGrantDto): void {
    this.toRevoke.set(grant);
    this.revokeError.set(null);
    this.revokeDialog()?.open();
  }

  protected cancelRevoke(): void {
    this.revokeDialog()?.close();
  }

  protected confirmRevoke(): void {
    const grant = this.toRevoke();
    if (!grant || this.revoking()) return;
    this.revoking.set(true);
    this.revokeError.set(null);
    this.api.revokeSupportAccess(this.context.slug(), grant.id).subscribe({
      next: () => {
        this.revoking.set(false);
        this.revokeDialog()?.close();
        /** t(office.support.revoked) */
        this.notice.set({ key: 'office.support.revoked' });
        this.context.reloadSupportGrants();
      },
      error: (error: unknown) => {
        this.revoking.set(false);
        this.revokeError.set(error);
      },
    });
  }
}

function isGrantField(path: string): path is GrantField {
  return path in FIELDS;
}

import { ChangeDetectionStrategy, Component, DOCUMENT, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { InvalidParam, OnboardTenantInput, OperatorTenantDto, TENANT_KINDS, onboardTenantSchema } from '@ratsinfo/contracts';
import { AccessError, operatorLink } from '@ratsinfo/web-auth';
import { OperatorApi, isApiError } from '@ratsinfo/web-data-access';
import { Alert, ErrorSummary, FormErrorItem, issuePaths } from '@ratsinfo/web-ui';
import { OperatorHeading } from '../../components/operator-heading/operator-heading';
import { ProvisioningProgress } from '../../components/provisioning-progress/provisioning-progress';
import { TENANT_KIND_KEYS } from '../../labels';
import { suggestSlug } from '../../slug';
import { APP_RESERVED_SLUGS, ONBOARD_FIELDS, ONBOARD_FIELD_ORDER, OnboardField, fieldOfPath, rejectedFields, serverErrorKey } from './onboard-fields';

/** Fields with a hint text below the label. */
const HINTED: ReadonlySet<OnboardField> = new Set<OnboardField>([
  'name',
  'ags',
  'slug',
  'noticePeriodDays',
  'branding.primaryColor',
  'branding.logoUrl',
  'firstAdmin.email',
]);

const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** A field's error: the message key, and for server errors the value it was about. */
interface FieldError {
  key: string;
  serverValue?: unknown;
}

/**
 * `/betrieb/neu`: onboards a member authority. The form is validated in the browser with the
 * contracts' `onboardTenantSchema` (plus the app's own reserved slug), the server's validation
 * errors (`errors[].name`) are shown at the same fields; an error summary at the top links to
 * every invalid field and takes the focus after a failed submit. The slug is suggested from the
 * name until it is edited. After submitting, the page shows the provisioning steps as they run.
 */
@Component({
  selector: 'ri-onboard-page',
  imports: [ReactiveFormsModule, RouterLink, TranslocoPipe, AccessError, Alert, ErrorSummary, OperatorHeading, ProvisioningProgress],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './onboard-page.html',
  styles: `
    .ri-required-note {
      margin-block-start: var(--kern-metric-space-small, 8px);
    }
    /* Room between the note (or the error summary) above and the first fieldset's legend. */
    .ri-form {
      display: grid;
      gap: var(--kern-metric-space-x-large, 32px);
      max-width: 44rem;
      margin-block-start: var(--kern-metric-space-large, 24px);
    }
    .kern-fieldset__body {
      gap: var(--kern-metric-space-large, 24px);
    }
    .ri-actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-default, 16px);
      align-items: center;
      margin-top: var(--kern-metric-space-default, 16px);
    }
    .ri-input--short {
      max-width: 14rem;
    }
    .ri-input--medium {
      max-width: 28rem;
    }
    /* Up to two digits plus the browser's spin buttons; KERN's --width-2 (56px) leaves no room for them. */
    .ri-input--number {
      max-width: 8rem;
    }
    .ri-slug-preview {
      margin: calc(-1 * var(--kern-metric-space-small, 8px)) 0 0;
      overflow-wrap: anywhere;
    }
    .ri-colour-preview {
      display: flex;
      align-items: center;
      gap: var(--kern-metric-space-small, 8px);
      margin: calc(-1 * var(--kern-metric-space-small, 8px)) 0 0;
    }
    .ri-colour-swatch {
      display: inline-block;
      width: 1.5rem;
      height: 1.5rem;
      border: 1px solid var(--kern-color-layout-border, #6e7597);
      border-radius: var(--kern-metric-border-radius-small, 2px);
    }
  `,
})
export class OnboardPage {
  private readonly api = inject(OperatorApi);
  private readonly injector = inject(Injector);
  private readonly pageHeading = viewChild.required<OperatorHeading>('pageHeading');

  protected readonly fields = ONBOARD_FIELDS;
  protected readonly kinds = TENANT_KINDS;
  protected readonly kindKeys = TENANT_KIND_KEYS;
  protected readonly listLink = operatorLink();
  /** Shown before the slug: where the authority's portal will be. */
  protected readonly portalOrigin = inject(DOCUMENT).location?.origin ?? '';

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true }),
    kind: new FormControl('', { nonNullable: true }),
    ags: new FormControl('', { nonNullable: true }),
    slug: new FormControl('', { nonNullable: true }),
    noticePeriodDays: new FormControl<number | null>(7, { nonNullable: true }),
    primaryColor: new FormControl('', { nonNullable: true }),
    logoUrl: new FormControl('', { nonNullable: true }),
    dedicatedRealm: new FormControl(false, { nonNullable: true }),
    firstName: new FormControl('', { nonNullable: true }),
    lastName: new FormControl('', { nonNullable: true }),
    email: new FormControl('', { nonNullable: true }),
  });

  /** Whether the slug was typed by hand (then the name no longer changes it). */
  private slugEdited = false;
  private readonly formValue = signal(this.form.getRawValue());

  protected readonly errors = signal<ReadonlyMap<OnboardField, FieldError>>(new Map());
  /** Server validation errors for inputs the form does not have. */
  protected readonly unmappedErrors = signal<readonly InvalidParam[]>([]);
  /** Any other failure of the submit (network, conflict, …). */
  protected readonly formError = signal<unknown>(null);
  protected readonly summaryFocus = signal(0);
  protected readonly submitting = signal(false);
  protected readonly created = signal<OperatorTenantDto | null>(null);
  protected readonly provisioningResult = signal<'done' | 'failed' | null>(null);
  /** The heading follows the onboarding: form, running, finished or failed (never "wird eingerichtet" after the end). */
  protected readonly headingKey = computed(() => {
    /** t(operator.onboard.heading, operator.onboard.progressHeading, operator.onboard.doneHeading, operator.onboard.failedHeading) */
    if (!this.created()) return 'operator.onboard.heading';
    const result = this.provisioningResult();
    return result === 'done' ? 'operator.onboard.doneHeading' : result === 'failed' ? 'operator.onboard.failedHeading' : 'operator.onboard.progressHeading';
  });

  protected readonly errorItems = computed<FormErrorItem[]>(() => {
    const errors = this.errors();
    return ONBOARD_FIELD_ORDER.filter((field) => errors.has(field)).map((field) => ({
      fieldId: ONBOARD_FIELDS[field].id,
      messageKey: errors.get(field)?.key ?? ONBOARD_FIELDS[field].errorKey,
    }));
  });

  /** A valid colour as a preview swatch. */
  protected readonly colourPreview = computed(() => {
    const colour = this.formValue().primaryColor.trim();
    return HEX_COLOUR.test(colour) ? colour : null;
  });

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.formValue.set(this.form.getRawValue());
      // after a failed submit, messages follow the corrections
      if (this.errors().size > 0) this.errors.set(this.revalidate());
    });
  }

  protected hasError(field: OnboardField): boolean {
    return this.errors().has(field);
  }

  protected errorKey(field: OnboardField): string | null {
    return this.errors().get(field)?.key ?? null;
  }

  protected describedBy(field: OnboardField): string | null {
    const id = ONBOARD_FIELDS[field].id;
    const ids = [HINTED.has(field) ? `${id}-hint` : null, this.hasError(field) ? `${id}-error` : null].filter(Boolean);
    return ids.length > 0 ? ids.join(' ') : null;
  }

  protected onNameInput(): void {
    if (!this.slugEdited) this.form.controls.slug.setValue(suggestSlug(this.form.controls.name.value));
  }

  protected onSlugInput(): void {
    // an emptied slug is suggested from the name again
    this.slugEdited = this.form.controls.slug.value.trim() !== '';
  }

  protected submit(): void {
    if (this.submitting()) return;
    this.formError.set(null);
    this.unmappedErrors.set([]);
    const { input, errors } = this.validate();
    this.errors.set(errors);
    if (!input) {
      this.summaryFocus.update((n) => n + 1);
      return;
    }
    this.submitting.set(true);
    this.api.onboard(input).subscribe({
      next: (tenant) => {
        this.submitting.set(false);
        this.created.set(tenant);
        afterNextRender(() => this.pageHeading().focus(), { injector: this.injector });
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.showServerErrors(error);
      },
    });
  }

  protected startOver(): void {
    this.created.set(null);
    this.provisioningResult.set(null);
    this.errors.set(new Map());
    this.slugEdited = false;
    this.form.reset();
    afterNextRender(() => this.pageHeading().focus(), { injector: this.injector });
  }

  protected detailLink(id: string): string[] {
    return operatorLink('kommunen', id);
  }

  /** The form's value as `OnboardTenantInput` (blank optional fields as null, numbers parsed). */
  private candidate(): Record<string, unknown> {
    const value = this.form.getRawValue();
    const optional = (text: string) => (text.trim() === '' ? null : text.trim());
    return {
      name: value.name,
      kind: value.kind === '' ? undefined : value.kind,
      ags: value.ags.trim(),
      slug: value.slug.trim(),
      noticePeriodDays: value.noticePeriodDays ?? undefined,
      branding: { logoUrl: optional(value.logoUrl), primaryColor: optional(value.primaryColor) },
      dedicatedRealm: value.dedicatedRealm,
      firstAdmin: { firstName: value.firstName, lastName: value.lastName, email: value.email.trim() },
    };
  }

  private validate(): { input: OnboardTenantInput | null; errors: Map<OnboardField, FieldError> } {
    const candidate = this.candidate();
    const parsed = onboardTenantSchema.safeParse(candidate);
    const errors = new Map<OnboardField, FieldError>();
    if (!parsed.success) {
      for (const path of issuePaths(parsed.error.issues)) {
        const field = fieldOfPath(path);
        if (field && !errors.has(field)) errors.set(field, { key: ONBOARD_FIELDS[field].errorKey });
      }
    }
    if (APP_RESERVED_SLUGS.includes(String(candidate['slug']))) errors.set('slug', { key: ONBOARD_FIELDS.slug.errorKey });
    const ordered = new Map(ONBOARD_FIELD_ORDER.filter((field) => errors.has(field)).map((field) => [field, errors.get(field) as FieldError]));
    return { input: parsed.success && ordered.size === 0 ? parsed.data : null, errors: ordered };
  }

  /** Client errors for the current values, plus server errors for fields not changed since. */
  private revalidate(): Map<OnboardField, FieldError> {
    const { errors } = this.validate();
    for (const [field, error] of this.errors()) {
      if (error.serverValue !== undefined && !errors.has(field) && this.valueAt(field) === error.serverValue) errors.set(field, error);
    }
    return new Map(ONBOARD_FIELD_ORDER.filter((field) => errors.has(field)).map((field) => [field, errors.get(field) as FieldError]));
  }

  private valueAt(field: OnboardField): unknown {
    return field.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | null | undefined)?.[key], this.candidate());
  }

  private showServerErrors(error: unknown): void {
    const rejected = isApiError(error) ? rejectedFields(error) : [];
    if (rejected.length > 0) {
      const errors = new Map<OnboardField, FieldError>();
      const unmapped: InvalidParam[] = [];
      for (const invalid of rejected) {
        const field = fieldOfPath(invalid.name);
        if (!field) unmapped.push(invalid);
        else if (!errors.has(field)) {
          errors.set(field, { key: serverErrorKey(field), serverValue: this.valueAt(field) });
        }
      }
      this.errors.set(new Map(ONBOARD_FIELD_ORDER.filter((field) => errors.has(field)).map((field) => [field, errors.get(field) as FieldError])));
      this.unmappedErrors.set(unmapped);
      if (errors.size > 0) this.summaryFocus.update((n) => n + 1);
      return;
    }
    this.formError.set(error);
  }
}

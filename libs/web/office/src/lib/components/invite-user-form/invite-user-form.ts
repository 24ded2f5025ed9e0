import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { InvalidParam, InviteUserInput, TenantRole, UserAccountDto, inviteUserSchema } from '@ratsinfo/contracts';
import { AccessError, AccessErrorKeys } from '@ratsinfo/web-auth';
import { ApiErrorKind, OfficeApi, isApiError } from '@ratsinfo/web-data-access';
import { Alert, ErrorSummary, FormErrorItem, TENANT_ROLE_KEYS, TENANT_ROLE_ORDER, issuePaths } from '@ratsinfo/web-ui';
import { PersonOption } from '../../labels';

export type InviteField = 'firstName' | 'lastName' | 'email' | 'roles' | 'personId';

/** Input id and message key per field, in the order of the form (and of the error summary). */
export const INVITE_FIELDS: Readonly<Record<InviteField, { id: string; errorKey: string }>> = {
  /**
   * t(office.users.invite.firstName.error, office.users.invite.lastName.error, office.users.invite.email.error,
   *   office.users.invite.roles.error, office.users.invite.person.error)
   */
  firstName: { id: 'invite-first-name', errorKey: 'office.users.invite.firstName.error' },
  lastName: { id: 'invite-last-name', errorKey: 'office.users.invite.lastName.error' },
  email: { id: 'invite-email', errorKey: 'office.users.invite.email.error' },
  // the error summary links to the first checkbox of the group
  roles: { id: `invite-role-${TENANT_ROLE_ORDER[0]}`, errorKey: 'office.users.invite.roles.error' },
  personId: { id: 'invite-person', errorKey: 'office.users.invite.person.error' },
};

const FIELD_ORDER = Object.keys(INVITE_FIELDS) as InviteField[];

/**
 * Messages for what only the server can know: the e-mail address already has an account here,
 * the person is not (or no longer) one of the authority.
 * t(office.users.invite.email.taken, office.users.invite.person.notOfTenant)
 */
const EMAIL_TAKEN_KEY = 'office.users.invite.email.taken';
const PERSON_NOT_OF_TENANT_KEY = 'office.users.invite.person.notOfTenant';

/** The identity provider could not do its part (503): say so instead of "Dienst nicht erreichbar". */
const ERROR_OVERRIDES: Partial<Record<ApiErrorKind, Partial<AccessErrorKeys>>> = {
  /** t(office.users.invite.unavailable.title, office.users.invite.unavailable.text) */
  unavailable: { title: 'office.users.invite.unavailable.title', text: 'office.users.invite.unavailable.text' },
};

/** A field's error: the message key, and for server errors the value it was about. */
interface FieldError {
  key: string;
  serverValue?: unknown;
}

function fieldOfPath(path: string): InviteField | null {
  const first = path.split('.')[0];
  return Object.prototype.hasOwnProperty.call(INVITE_FIELDS, first) ? (first as InviteField) : null;
}

function ordered(errors: ReadonlyMap<InviteField, FieldError>): Map<InviteField, FieldError> {
  return new Map(FIELD_ORDER.filter((field) => errors.has(field)).map((field) => [field, errors.get(field) as FieldError]));
}

/**
 * "Person einladen": first name, last name, e-mail address, roles (a group of checkboxes) and,
 * optionally, the person of the authority the account belongs to. Validated in the browser with
 * the contracts' `inviteUserSchema`; the server's field errors (`errors[].name`) are shown at the
 * same fields, an error summary links to every invalid field and takes the focus after a failed
 * submit. When the identity provider is unavailable (503) the form keeps its values. Success is
 * announced in a status region and the form is emptied.
 */
@Component({
  selector: 'ri-invite-user-form',
  imports: [ReactiveFormsModule, TranslocoPipe, AccessError, Alert, ErrorSummary],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './invite-user-form.html',
  styles: `
    .ri-invite {
      display: grid;
      gap: var(--kern-metric-space-large, 24px);
      max-width: 40rem;
    }
    .ri-invite__notice {
      margin: 0;
    }
  `,
})
export class InviteUserForm {
  private readonly api = inject(OfficeApi);

  readonly slug = input.required<string>();
  readonly tenantName = input.required<string>();
  /** The authority's persons; empty while they load or when they could not be loaded. */
  readonly persons = input<readonly PersonOption[]>([]);
  /** Emits the new account (201). */
  readonly invited = output<UserAccountDto>();
  /**
   * Emits after a 503: the identity provider failed at some step, possibly after the account was
   * created (then it can be invited again from the list).
   */
  readonly identityUnavailable = output<void>();

  protected readonly fields = INVITE_FIELDS;
  protected readonly roleOrder = TENANT_ROLE_ORDER;
  protected readonly roleKeys = TENANT_ROLE_KEYS;
  protected readonly errorOverrides = ERROR_OVERRIDES;

  protected readonly form = new FormGroup({
    firstName: new FormControl('', { nonNullable: true }),
    lastName: new FormControl('', { nonNullable: true }),
    email: new FormControl('', { nonNullable: true }),
    roles: new FormGroup<Record<TenantRole, FormControl<boolean>>>({
      member: new FormControl(true, { nonNullable: true }),
      clerk: new FormControl(false, { nonNullable: true }),
      'tenant-admin': new FormControl(false, { nonNullable: true }),
    }),
    personId: new FormControl('', { nonNullable: true }),
  });

  protected readonly errors = signal<ReadonlyMap<InviteField, FieldError>>(new Map());
  /** Server validation errors for inputs the form does not have. */
  protected readonly unmappedErrors = signal<readonly InvalidParam[]>([]);
  /** Any other failure of the submit (identity provider unavailable, network, …). */
  protected readonly formError = signal<unknown>(null);
  protected readonly summaryFocus = signal(0);
  protected readonly submitting = signal(false);
  /** The last invited account, for the confirmation. */
  protected readonly sent = signal<UserAccountDto | null>(null);

  protected readonly errorItems = computed<FormErrorItem[]>(() =>
    [...this.errors()].map(([field, error]) => ({ fieldId: INVITE_FIELDS[field].id, messageKey: error.key, params: { tenant: this.tenantName() } })),
  );

  constructor() {
    // after a failed submit, messages follow the corrections
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      if (this.errors().size > 0) this.errors.set(this.revalidate());
    });
  }

  protected hasError(field: InviteField): boolean {
    return this.errors().has(field);
  }

  protected errorKey(field: InviteField): string | null {
    return this.errors().get(field)?.key ?? null;
  }

  protected describedBy(field: InviteField, hinted = false): string | null {
    const id = INVITE_FIELDS[field].id;
    const ids = [hinted ? `${id}-hint` : null, this.hasError(field) ? `${id}-error` : null].filter(Boolean);
    return ids.length > 0 ? ids.join(' ') : null;
  }

  /** Choosing a person fills in the names while both are still empty. */
  protected onPersonChange(): void {
    const person = this.persons().find((option) => option.id === this.form.controls.personId.value);
    const { firstName, lastName } = this.form.controls;
    if (person && firstName.value.trim() === '' && lastName.value.trim() === '') {
      this.form.patchValue({ firstName: person.givenName, lastName: person.familyName });
    }
  }

  submit(): void {
    if (this.submitting()) return;
    this.sent.set(null);
    this.formError.set(null);
    this.unmappedErrors.set([]);
    const { input, errors } = this.validate();
    this.errors.set(errors);
    if (!input) {
      this.summaryFocus.update((n) => n + 1);
      return;
    }
    this.submitting.set(true);
    this.api.inviteUser(this.slug(), input).subscribe({
      next: (account) => {
        this.submitting.set(false);
        this.form.reset();
        this.errors.set(new Map());
        this.sent.set(account);
        this.invited.emit(account);
      },
      error: (error: unknown) => {
        this.submitting.set(false);
        this.showServerErrors(error);
      },
    });
  }

  /** The form's value as `InviteUserInput` (no person as null, roles in display order). */
  private candidate(): Record<string, unknown> {
    const value = this.form.getRawValue();
    return {
      firstName: value.firstName,
      lastName: value.lastName,
      email: value.email.trim(),
      roles: TENANT_ROLE_ORDER.filter((role) => value.roles[role]),
      personId: value.personId === '' ? null : value.personId,
    };
  }

  private validate(): { input: InviteUserInput | null; errors: Map<InviteField, FieldError> } {
    const parsed = inviteUserSchema.safeParse(this.candidate());
    const errors = new Map<InviteField, FieldError>();
    if (!parsed.success) {
      for (const path of issuePaths(parsed.error.issues)) {
        const field = fieldOfPath(path);
        if (field && !errors.has(field)) errors.set(field, { key: INVITE_FIELDS[field].errorKey });
      }
    }
    return { input: parsed.success ? parsed.data : null, errors: ordered(errors) };
  }

  /** Client errors for the current values, plus server errors for fields not changed since. */
  private revalidate(): Map<InviteField, FieldError> {
    const { errors } = this.validate();
    for (const [field, error] of this.errors()) {
      if (error.serverValue !== undefined && !errors.has(field) && this.valueAt(field) === error.serverValue) errors.set(field, error);
    }
    return ordered(errors);
  }

  private valueAt(field: InviteField): unknown {
    const value = this.candidate()[field];
    return Array.isArray(value) ? value.join(',') : value;
  }

  private serverErrorKey(field: InviteField, invalid: InvalidParam): string {
    if (field === 'email' && /already/i.test(invalid.reason)) return EMAIL_TAKEN_KEY;
    if (field === 'personId') return PERSON_NOT_OF_TENANT_KEY;
    return INVITE_FIELDS[field].errorKey;
  }

  private showServerErrors(error: unknown): void {
    if (isApiError(error) && error.kind === 'validation' && error.fieldErrors.length > 0) {
      const errors = new Map<InviteField, FieldError>();
      const unmapped: InvalidParam[] = [];
      for (const invalid of error.fieldErrors) {
        const field = fieldOfPath(invalid.name);
        if (!field) unmapped.push(invalid);
        else if (!errors.has(field)) errors.set(field, { key: this.serverErrorKey(field, invalid), serverValue: this.valueAt(field) });
      }
      this.errors.set(ordered(errors));
      this.unmappedErrors.set(unmapped);
      if (errors.size > 0) this.summaryFocus.update((n) => n + 1);
      return;
    }
    this.formError.set(error);
    if (isApiError(error) && error.kind === 'unavailable') this.identityUnavailable.emit();
  }
}

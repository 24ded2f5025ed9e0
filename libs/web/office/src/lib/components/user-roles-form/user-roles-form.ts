import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, output, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { TenantRole, UserAccountDto, userRolesUpdateSchema } from '@ratsinfo/contracts';
import { OfficeApi, isApiError } from '@ratsinfo/web-data-access';
import { TENANT_ROLE_KEYS, TENANT_ROLE_ORDER } from '@ratsinfo/web-ui';

type SaveOutcome = { kind: 'saved' } | { kind: 'error'; messageKey: string };

/** Error message per kind of failure when saving roles. */
const SAVE_ERROR_KEYS: Readonly<Record<string, string>> = {
  /** t(office.users.errors.conflict, office.users.errors.forbidden, office.users.errors.notFound, office.users.errors.validation, office.users.errors.other, office.users.errors.unauthorized) */
  conflict: 'office.users.errors.conflict',
  forbidden: 'office.users.errors.forbidden',
  'not-found': 'office.users.errors.notFound',
  validation: 'office.users.errors.validation',
  unauthorized: 'office.users.errors.unauthorized',
};

/**
 * The roles of one user account as a group of checkboxes (fieldset with legend) and a save
 * button. The result is announced: success politely in a status region, failures as an alert
 * (e.g. the last administrator cannot lose that role).
 */
@Component({
  selector: 'ri-user-roles-form',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="ri-roles-form" (submit)="save($event)" [attr.aria-busy]="saving()" novalidate>
      <fieldset class="kern-fieldset" [class.kern-fieldset--error]="outcome()?.kind === 'error'">
        <legend class="kern-label">{{ 'office.users.rolesLegend' | transloco: { name: user().displayName } }}</legend>
        <div class="kern-fieldset__body kern-fieldset__body--horizontal">
          @for (role of roleOrder; track role) {
            <div class="kern-form-check">
              <input
                class="kern-form-check__checkbox"
                type="checkbox"
                [id]="idPrefix() + role"
                [checked]="selected().includes(role)"
                [attr.data-role]="role"
                (change)="toggle(role, $any($event.target).checked)"
              />
              <label class="kern-label" [for]="idPrefix() + role">{{ roleKeys[role] | transloco }}</label>
            </div>
          }
        </div>
      </fieldset>
      <div class="ri-roles-form__actions">
        <button type="submit" class="kern-btn kern-btn--primary kern-btn--x-small">
          <span class="kern-label">
            {{ (saving() ? 'office.users.saving' : 'office.users.save') | transloco }}
            <span class="ri-sr-only">{{ 'office.users.saveFor' | transloco: { name: user().displayName } }}</span>
          </span>
        </button>
        <p class="kern-body kern-body--small ri-roles-form__status" role="status">
          @if (outcome()?.kind === 'saved') {
            <span class="kern-icon kern-icon--success kern-icon--small" aria-hidden="true"></span>
            {{ 'office.users.saved' | transloco: { name: user().displayName } }}
          }
        </p>
      </div>
      @if (outcome(); as result) {
        @if (result.kind === 'error') {
          <p class="kern-error" role="alert" data-save-error>
            <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
            <span class="kern-body">{{ result.messageKey | transloco }}</span>
          </p>
        }
      }
    </form>
  `,
  styles: `
    .ri-roles-form__actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--kern-metric-space-default, 16px);
      margin-top: var(--kern-metric-space-small, 8px);
    }
    .ri-roles-form__status {
      margin: 0;
    }
    .kern-error {
      display: flex;
      gap: var(--kern-metric-space-x-small, 4px);
      align-items: center;
      margin: var(--kern-metric-space-small, 8px) 0 0;
    }
  `,
})
export class UserRolesForm {
  private readonly api = inject(OfficeApi);

  readonly slug = input.required<string>();
  readonly user = input.required<UserAccountDto>();
  /** Emits the account as the API returns it after saving. */
  readonly saved = output<UserAccountDto>();

  protected readonly roleOrder = TENANT_ROLE_ORDER;
  protected readonly roleKeys = TENANT_ROLE_KEYS;
  protected readonly idPrefix = computed(() => `user-${this.user().id}-role-`);
  /** The saved roles; a computed, so a new account object with the same roles (e.g. after linking a person) changes nothing. */
  private readonly savedRoles = computed<readonly TenantRole[]>(() => this.user().roles, { equal: sameRoles });
  /** The checked roles; reset whenever the saved roles change (e.g. after saving). */
  protected readonly selected = linkedSignal<readonly TenantRole[]>(() => this.savedRoles());
  protected readonly saving = signal(false);
  protected readonly outcome = signal<SaveOutcome | null>(null);

  protected toggle(role: TenantRole, checked: boolean): void {
    this.selected.update((roles) => (checked ? [...roles.filter((r) => r !== role), role] : roles.filter((r) => r !== role)));
    this.outcome.set(null);
  }

  protected save(event: Event): void {
    event.preventDefault();
    if (this.saving()) return;
    const parsed = userRolesUpdateSchema.safeParse({ roles: TENANT_ROLE_ORDER.filter((role) => this.selected().includes(role)) });
    if (!parsed.success) {
      this.outcome.set({ kind: 'error', messageKey: SAVE_ERROR_KEYS['validation'] });
      return;
    }
    this.saving.set(true);
    this.outcome.set(null);
    this.api.updateUserRoles(this.slug(), this.user().id, parsed.data).subscribe({
      next: (account) => {
        this.saving.set(false);
        this.outcome.set({ kind: 'saved' });
        this.saved.emit(account);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const kind = isApiError(error) ? error.kind : 'server';
        this.outcome.set({ kind: 'error', messageKey: SAVE_ERROR_KEYS[kind] ?? 'office.users.errors.other' });
      },
    });
  }
}

function sameRoles(a: readonly TenantRole[], b: readonly TenantRole[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}

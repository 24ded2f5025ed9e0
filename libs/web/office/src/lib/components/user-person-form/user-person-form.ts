import { ChangeDetectionStrategy, Component, computed, inject, input, linkedSignal, output, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { UserAccountDto, linkPersonSchema } from '@ratsinfo/contracts';
import { OfficeApi, isApiError } from '@ratsinfo/web-data-access';
import { PersonOption } from '../../labels';

type SaveOutcome = { kind: 'linked'; person: string } | { kind: 'unlinked' } | { kind: 'error'; messageKey: string };

/** Error message per kind of failure when linking a person. */
const SAVE_ERROR_KEYS: Readonly<Record<string, string>> = {
  /**
   * t(office.users.person.errors.validation, office.users.person.errors.forbidden, office.users.errors.notFound,
   *   office.users.errors.unauthorized, office.users.errors.other)
   */
  validation: 'office.users.person.errors.validation',
  forbidden: 'office.users.person.errors.forbidden',
  'not-found': 'office.users.errors.notFound',
  unauthorized: 'office.users.errors.unauthorized',
};

/**
 * The person of the authority (council member) a user account belongs to, as a select with a
 * save button: links, changes or removes the link (`PUT …/users/{id}/person`). Success is
 * announced politely in a status region, failures as an alert next to the select.
 */
@Component({
  selector: 'ri-user-person-form',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form class="ri-person-form" (submit)="save($event)" [attr.aria-busy]="saving()" novalidate>
      <div class="kern-form-input" [class.kern-form-input--error]="errorKey()">
        <label class="kern-label" [for]="selectId()">
          {{ 'office.users.person.label' | transloco }}
          <span class="ri-sr-only">{{ 'office.users.person.labelFor' | transloco: { name: user().displayName } }}</span>
        </label>
        <div class="ri-person-form__row">
          <div class="kern-form-input__select-wrapper">
            <select
              class="kern-form-input__select"
              [class.kern-form-input__select--error]="errorKey()"
              [id]="selectId()"
              [attr.aria-invalid]="errorKey() ? true : null"
              [attr.aria-describedby]="errorKey() ? selectId() + '-error' : null"
              data-person-select
              (change)="choose($any($event.target).value)"
            >
              <option value="" [selected]="selected() === ''">{{ 'office.users.person.none' | transloco }}</option>
              @if (unknownPersonId(); as unknownId) {
                <option [value]="unknownId" [selected]="selected() === unknownId">
                  {{ (personsLoaded() ? 'office.users.person.unknown' : 'office.users.person.loading') | transloco }}
                </option>
              }
              @for (person of persons(); track person.id) {
                <option [value]="person.id" [selected]="selected() === person.id">{{ person.label }}</option>
              }
            </select>
          </div>
          <button type="submit" class="kern-btn kern-btn--secondary kern-btn--x-small">
            <span class="kern-label">
              {{ (saving() ? 'office.users.saving' : 'office.users.person.save') | transloco }}
              <span class="ri-sr-only">{{ 'office.users.person.saveFor' | transloco: { name: user().displayName } }}</span>
            </span>
          </button>
        </div>
        @if (errorKey(); as key) {
          <p class="kern-error" role="alert" [id]="selectId() + '-error'" data-person-error>
            <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>
            <span class="kern-body">{{ key | transloco }}</span>
          </p>
        }
      </div>
      <p class="kern-body kern-body--small ri-person-form__status" role="status" data-person-status>
        @switch (outcome()?.kind) {
          @case ('linked') {
            <span class="kern-icon kern-icon--success kern-icon--small" aria-hidden="true"></span>
            {{ 'office.users.person.linked' | transloco: { name: user().displayName, person: linkedPerson() || ('office.users.person.unknown' | transloco) } }}
          }
          @case ('unlinked') {
            <span class="kern-icon kern-icon--success kern-icon--small" aria-hidden="true"></span>
            {{ 'office.users.person.unlinked' | transloco: { name: user().displayName } }}
          }
        }
      </p>
    </form>
  `,
  styles: `
    .ri-person-form {
      margin-top: var(--kern-metric-space-default, 16px);
    }
    .ri-person-form__row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--kern-metric-space-default, 16px);
    }
    .ri-person-form__row .kern-form-input__select-wrapper {
      flex: 1 1 16rem;
      max-width: 32rem;
    }
    .ri-person-form__status {
      margin: var(--kern-metric-space-small, 8px) 0 0;
    }
    .kern-error {
      display: flex;
      gap: var(--kern-metric-space-x-small, 4px);
      align-items: center;
    }
  `,
})
export class UserPersonForm {
  private readonly api = inject(OfficeApi);

  readonly slug = input.required<string>();
  readonly user = input.required<UserAccountDto>();
  /** The authority's persons. */
  readonly persons = input<readonly PersonOption[]>([]);
  /** False while the persons load: a linked person not (yet) among them is then not "unknown". */
  readonly personsLoaded = input(true);
  /** Emits the account as the API returns it after saving. */
  readonly saved = output<UserAccountDto>();

  protected readonly selectId = computed(() => `user-${this.user().id}-person`);
  /** The saved link ('' for none); a computed, so a new account object with the same link changes nothing. */
  private readonly savedPersonId = computed(() => this.user().personId ?? '');
  /** The chosen person ('' for none); reset only when the saved link changes (not after saving the roles). */
  protected readonly selected = linkedSignal(() => this.savedPersonId());
  protected readonly saving = signal(false);
  protected readonly outcome = signal<SaveOutcome | null>(null);
  protected readonly errorKey = computed(() => {
    const outcome = this.outcome();
    return outcome?.kind === 'error' ? outcome.messageKey : null;
  });
  protected readonly linkedPerson = computed(() => {
    const outcome = this.outcome();
    return outcome?.kind === 'linked' ? outcome.person : '';
  });

  /** The linked person when it is not among the authority's persons (deleted, or the list failed to load). */
  protected readonly unknownPersonId = computed(() => {
    const id = this.user().personId;
    return id && !this.persons().some((person) => person.id === id) ? id : null;
  });

  protected choose(personId: string): void {
    this.selected.set(personId);
    this.outcome.set(null);
  }

  protected save(event: Event): void {
    event.preventDefault();
    if (this.saving()) return;
    const parsed = linkPersonSchema.safeParse({ personId: this.selected() === '' ? null : this.selected() });
    if (!parsed.success) {
      this.outcome.set({ kind: 'error', messageKey: SAVE_ERROR_KEYS['validation'] });
      return;
    }
    const personId = parsed.data.personId;
    this.saving.set(true);
    this.outcome.set(null);
    this.api.linkUserPerson(this.slug(), this.user().id, personId).subscribe({
      next: (account) => {
        this.saving.set(false);
        const person = this.persons().find((option) => option.id === account.personId);
        this.outcome.set(account.personId ? { kind: 'linked', person: person?.label ?? '' } : { kind: 'unlinked' });
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

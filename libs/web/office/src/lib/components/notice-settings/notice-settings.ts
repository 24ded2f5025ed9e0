import { ChangeDetectionStrategy, Component, inject, input, linkedSignal, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { type AuthoritySettingsDto, MAX_INVITATION_DELIVERY_DAYS, MAX_NOTICE_PERIOD_DAYS } from '@ratsinfo/contracts';
import { AccessError } from '@ratsinfo/web-auth';
import { isApiError, OfficeApi } from '@ratsinfo/web-data-access';

type Field = 'noticePeriodDays' | 'invitationDeliveryDays';
type Errors = Partial<Record<Field, string>>;

/**
 * The authority's notice period (Ladungsfrist) and the delivery rule of electronic invitations
 * (tenant admins change, clerks read): the invitation transition refuses a late invitation unless
 * the clerk marks it urgent. The same bounds as the API (0–60 and 0–14 whole days) are checked here
 * first, so a mistake is named at its field.
 */
@Component({
  selector: 'ri-notice-settings',
  imports: [TranslocoPipe, AccessError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ri-section" aria-labelledby="settings-notice-heading" data-notice-settings>
      <h2 id="settings-notice-heading" class="kern-heading-medium">{{ 'lifecycle.settings.heading' | transloco }}</h2>
      <p class="kern-body">{{ 'lifecycle.settings.intro' | transloco }}</p>
      <p class="kern-body">{{ 'lifecycle.settings.example' | transloco }}</p>
      <p class="kern-body ri-live" role="status" aria-live="polite" data-notice-settings-status>{{ announcement() | transloco }}</p>
      @if (canEdit()) {
        @if (saveError(); as error) {
          <ri-access-error [error]="error" [headingLevel]="3" (retry)="save()" />
        }
        <form class="ri-form" (submit)="save($event)" novalidate>
          @for (f of fields; track f.id) {
            <div class="kern-form-input" [class.kern-form-input--error]="errors()[f.id]">
              <label class="kern-label" [for]="'notice-' + f.id">{{ f.label | transloco }}</label>
              <div class="kern-hint" [id]="'notice-' + f.id + '-hint'">{{ f.hint | transloco: { max: f.max } }}</div>
              <input class="kern-form-input__input ri-narrow" [id]="'notice-' + f.id" type="number" inputmode="numeric" min="0" [attr.max]="f.max" step="1" [value]="values()[f.id]"
                (input)="set(f.id, $any($event.target).value)" [attr.aria-invalid]="!!errors()[f.id]"
                [attr.aria-describedby]="errors()[f.id] ? 'notice-' + f.id + '-hint notice-' + f.id + '-error' : 'notice-' + f.id + '-hint'" />
              @if (errors()[f.id]; as e) {
                <p class="kern-error" [id]="'notice-' + f.id + '-error'"><span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span><span class="kern-body">{{ e | transloco: { max: f.max } }}</span></p>
              }
            </div>
          }
          <div>
            <button type="submit" class="kern-btn kern-btn--primary" data-notice-save>
              <span class="kern-label">{{ (saving() ? 'lifecycle.settings.saving' : 'lifecycle.settings.save') | transloco }}</span>
            </button>
          </div>
        </form>
      } @else {
        <dl class="kern-description-list" data-notice-read-only>
          @for (f of fields; track f.id) {
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{{ f.label | transloco }}</dt>
              <dd class="kern-description-list-item__value">{{ values()[f.id] }}</dd>
            </div>
          }
        </dl>
      }
    </section>
  `,
  styles: `
    .ri-form {
      display: grid;
      gap: var(--kern-metric-space-default, 16px);
      max-width: 45rem;
    }
    .ri-narrow {
      max-width: 8rem;
    }
    .ri-live:empty {
      margin: 0;
    }
  `,
})
export class NoticeSettings {
  private readonly api = inject(OfficeApi);

  readonly slug = input.required<string>();
  readonly settings = input.required<AuthoritySettingsDto>();
  readonly canEdit = input(false);

  /** t(lifecycle.settings.noticePeriod, lifecycle.settings.noticePeriodHint, lifecycle.settings.deliveryDays, lifecycle.settings.deliveryDaysHint) */
  protected readonly fields = [
    { id: 'noticePeriodDays', label: 'lifecycle.settings.noticePeriod', hint: 'lifecycle.settings.noticePeriodHint', max: MAX_NOTICE_PERIOD_DAYS },
    { id: 'invitationDeliveryDays', label: 'lifecycle.settings.deliveryDays', hint: 'lifecycle.settings.deliveryDaysHint', max: MAX_INVITATION_DELIVERY_DAYS },
  ] as const;

  protected readonly values = linkedSignal<Record<Field, string>>(() => {
    const s = this.settings();
    return { noticePeriodDays: String(s.noticePeriodDays), invitationDeliveryDays: String(s.invitationDeliveryDays) };
  });
  protected readonly errors = signal<Errors>({});
  protected readonly saving = signal(false);
  protected readonly saveError = signal<unknown>(null);
  protected readonly announcement = signal('');

  protected set(field: Field, value: string): void {
    this.values.update((v) => ({ ...v, [field]: value }));
    this.announcement.set('');
  }

  /** t(lifecycle.settings.saved, lifecycle.settings.invalid, lifecycle.settings.errorDays) */
  protected save(event?: Event): void {
    event?.preventDefault();
    if (this.saving()) return;
    const v = this.values();
    const errors: Errors = {};
    const parsed: Record<Field, number> = { noticePeriodDays: Number(v.noticePeriodDays), invitationDeliveryDays: Number(v.invitationDeliveryDays) };
    for (const f of this.fields) {
      const n = parsed[f.id];
      if (v[f.id].trim() === '' || !Number.isInteger(n) || n < 0 || n > f.max) errors[f.id] = 'lifecycle.settings.errorDays';
    }
    this.errors.set(errors);
    const first = Object.keys(errors)[0];
    if (first) {
      this.announcement.set('lifecycle.settings.invalid');
      document.getElementById(`notice-${first}`)?.focus();
      return;
    }
    this.saving.set(true);
    this.saveError.set(null);
    this.api.updateSettings(this.slug(), parsed).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.values.set({ noticePeriodDays: String(saved.noticePeriodDays), invitationDeliveryDays: String(saved.invitationDeliveryDays) });
        this.announcement.set('lifecycle.settings.saved');
      },
      error: (error: unknown) => {
        this.saving.set(false);
        const named = isApiError(error) && error.status === 400 ? error.fieldErrors.filter((e) => e.name in v) : [];
        if (named.length) {
          this.errors.set(Object.fromEntries(named.map((e) => [e.name, 'lifecycle.settings.errorDays'])));
          this.announcement.set('lifecycle.settings.invalid');
        } else this.saveError.set(error);
      },
    });
  }
}

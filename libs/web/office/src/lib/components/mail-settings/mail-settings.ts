import { ChangeDetectionStrategy, Component, inject, input, linkedSignal, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { type AuthoritySettingsDto, hasControlCharacters, MAX_REMINDER_DAYS } from '@ratsinfo/contracts';
import { AccessError } from '@ratsinfo/web-auth';
import { isApiError, OfficeApi } from '@ratsinfo/web-data-access';

type Field = 'mailFromName' | 'mailFromAddress' | 'mailReplyTo' | 'reminderDaysBefore';
type Errors = Partial<Record<Field, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The authority's mail settings (tenant admins change, clerks read): the sender's name and
 * address, the reply-to address, and how many days before a meeting the reminder goes out. The
 * same rules as the API (one line, addresses, 0–60 days) are checked here first, so a mistake is
 * named at its field.
 */
@Component({
  selector: 'ri-mail-settings',
  imports: [TranslocoPipe, AccessError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ri-section" aria-labelledby="settings-mail-heading" data-mail-settings>
      <h2 id="settings-mail-heading" class="kern-heading-medium">{{ 'mail.settings.heading' | transloco }}</h2>
      <p class="kern-body">{{ 'mail.settings.intro' | transloco }}</p>
      <p class="kern-body ri-live" role="status" aria-live="polite" data-mail-settings-status>{{ announcement() | transloco }}</p>
      @if (canEdit()) {
        @if (saveError(); as error) {
          <ri-access-error [error]="error" [headingLevel]="3" (retry)="save()" />
        }
        <form class="ri-form" (submit)="save($event)" novalidate>
          @for (f of textFields; track f.id) {
            <div class="kern-form-input" [class.kern-form-input--error]="errors()[f.id]">
              <label class="kern-label" [for]="'mail-' + f.id">{{ f.label | transloco }}</label>
              <div class="kern-hint" [id]="'mail-' + f.id + '-hint'">{{ f.hint | transloco }}</div>
              <input class="kern-form-input__input" [id]="'mail-' + f.id" [type]="f.type" [attr.maxlength]="f.max" [attr.autocomplete]="'off'" [value]="values()[f.id]"
                (input)="set(f.id, $any($event.target).value)" [attr.aria-invalid]="!!errors()[f.id]"
                [attr.aria-describedby]="errors()[f.id] ? 'mail-' + f.id + '-hint mail-' + f.id + '-error' : 'mail-' + f.id + '-hint'" />
              @if (errors()[f.id]; as e) {
                <p class="kern-error" [id]="'mail-' + f.id + '-error'"><span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span><span class="kern-body">{{ e | transloco }}</span></p>
              }
            </div>
          }
          <div class="kern-form-input" [class.kern-form-input--error]="errors().reminderDaysBefore">
            <label class="kern-label" for="mail-reminderDaysBefore">{{ 'mail.settings.reminderDays' | transloco }}</label>
            <div class="kern-hint" id="mail-reminderDaysBefore-hint">{{ 'mail.settings.reminderDaysHint' | transloco: { max: maxDays } }}</div>
            <input class="kern-form-input__input ri-narrow" id="mail-reminderDaysBefore" type="number" inputmode="numeric" min="0" [attr.max]="maxDays" step="1" [value]="values().reminderDaysBefore"
              (input)="set('reminderDaysBefore', $any($event.target).value)" [attr.aria-invalid]="!!errors().reminderDaysBefore"
              [attr.aria-describedby]="errors().reminderDaysBefore ? 'mail-reminderDaysBefore-hint mail-reminderDaysBefore-error' : 'mail-reminderDaysBefore-hint'" />
            @if (errors().reminderDaysBefore; as e) {
              <p class="kern-error" id="mail-reminderDaysBefore-error"><span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span><span class="kern-body">{{ e | transloco: { max: maxDays } }}</span></p>
            }
          </div>
          <div>
            <button type="submit" class="kern-btn kern-btn--primary" data-mail-save>
              <span class="kern-label">{{ (saving() ? 'mail.settings.saving' : 'mail.settings.save') | transloco }}</span>
            </button>
          </div>
        </form>
      } @else {
        <dl class="kern-description-list" data-mail-read-only>
          @for (f of textFields; track f.id) {
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{{ f.label | transloco }}</dt>
              <dd class="kern-description-list-item__value">{{ values()[f.id] || ('mail.settings.default' | transloco) }}</dd>
            </div>
          }
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{{ 'mail.settings.reminderDays' | transloco }}</dt>
            <dd class="kern-description-list-item__value">{{ values().reminderDaysBefore }}</dd>
          </div>
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
export class MailSettings {
  private readonly api = inject(OfficeApi);

  readonly slug = input.required<string>();
  readonly settings = input.required<AuthoritySettingsDto>();
  readonly canEdit = input(false);

  protected readonly maxDays = MAX_REMINDER_DAYS;
  /** t(mail.settings.fromName, mail.settings.fromNameHint, mail.settings.fromAddress, mail.settings.fromAddressHint, mail.settings.replyTo, mail.settings.replyToHint) */
  protected readonly textFields = [
    { id: 'mailFromName', label: 'mail.settings.fromName', hint: 'mail.settings.fromNameHint', type: 'text', max: 200 },
    { id: 'mailFromAddress', label: 'mail.settings.fromAddress', hint: 'mail.settings.fromAddressHint', type: 'email', max: 254 },
    { id: 'mailReplyTo', label: 'mail.settings.replyTo', hint: 'mail.settings.replyToHint', type: 'email', max: 254 },
  ] as const;

  protected readonly values = linkedSignal<Record<Field, string>>(() => {
    const s = this.settings();
    return { mailFromName: s.mailFromName ?? '', mailFromAddress: s.mailFromAddress ?? '', mailReplyTo: s.mailReplyTo ?? '', reminderDaysBefore: String(s.reminderDaysBefore) };
  });
  protected readonly errors = signal<Errors>({});
  protected readonly saving = signal(false);
  protected readonly saveError = signal<unknown>(null);
  protected readonly announcement = signal('');

  protected set(field: Field, value: string): void {
    this.values.update((v) => ({ ...v, [field]: value }));
    this.announcement.set('');
  }

  /** t(mail.settings.saved, mail.settings.invalid, mail.settings.errors.oneLine, mail.settings.errors.tooLong, mail.settings.errors.email, mail.settings.errors.days) */
  protected save(event?: Event): void {
    event?.preventDefault();
    if (this.saving()) return;
    const v = this.values();
    const errors: Errors = {};
    const name = v.mailFromName.trim();
    if (hasControlCharacters(v.mailFromName)) errors.mailFromName = 'mail.settings.errors.oneLine';
    else if (name.length > 200) errors.mailFromName = 'mail.settings.errors.tooLong';
    for (const f of ['mailFromAddress', 'mailReplyTo'] as const) {
      const a = v[f].trim();
      if (hasControlCharacters(v[f])) errors[f] = 'mail.settings.errors.oneLine';
      else if (a && (a.length > 254 || !EMAIL.test(a))) errors[f] = 'mail.settings.errors.email';
    }
    const days = Number(v.reminderDaysBefore);
    if (v.reminderDaysBefore.trim() === '' || !Number.isInteger(days) || days < 0 || days > MAX_REMINDER_DAYS) errors.reminderDaysBefore = 'mail.settings.errors.days';
    this.errors.set(errors);
    if (Object.keys(errors).length) {
      this.announcement.set('mail.settings.invalid');
      document.getElementById(`mail-${Object.keys(errors)[0]}`)?.focus();
      return;
    }
    this.saving.set(true);
    this.saveError.set(null);
    const input = { mailFromName: name || null, mailFromAddress: v.mailFromAddress.trim() || null, mailReplyTo: v.mailReplyTo.trim() || null, reminderDaysBefore: days };
    this.api.updateSettings(this.slug(), input).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.values.set({ mailFromName: saved.mailFromName ?? '', mailFromAddress: saved.mailFromAddress ?? '', mailReplyTo: saved.mailReplyTo ?? '', reminderDaysBefore: String(saved.reminderDaysBefore) });
        this.announcement.set('mail.settings.saved');
      },
      error: (error: unknown) => {
        this.saving.set(false);
        // The API names the field it refused.
        const fields = isApiError(error) && error.status === 400 ? error.fieldErrors : [];
        if (fields.length) {
          const named: Errors = {};
          for (const e of fields) if (e.name in v) named[e.name as Field] = e.name === 'reminderDaysBefore' ? 'mail.settings.errors.days' : 'mail.settings.errors.email';
          this.errors.set(named);
          this.announcement.set('mail.settings.invalid');
        } else this.saveError.set(error);
      },
    });
  }
}

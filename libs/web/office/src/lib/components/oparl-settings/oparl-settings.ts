import { ChangeDetectionStrategy, Component, inject, input, linkedSignal, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { type AuthoritySettingsDto, MAX_OPARL_LICENSE_LENGTH } from '@ratsinfo/contracts';
import { AccessError } from '@ratsinfo/web-auth';
import { isApiError, OfficeApi } from '@ratsinfo/web-data-access';

/** An absolute http(s) URL without spaces, as the API and the database accept it. */
function isLicenseUrl(value: string): boolean {
  if (value.length > MAX_OPARL_LICENSE_LENGTH || /\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The license of the authority's open data (OParl `license` of its Body and objects): tenant
 * admins set or clear it, clerks read it. An empty field states no license.
 */
@Component({
  selector: 'ri-oparl-settings',
  imports: [TranslocoPipe, AccessError],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="ri-section" aria-labelledby="settings-oparl-heading" data-oparl-settings>
      <h2 id="settings-oparl-heading" class="kern-heading-medium">{{ 'oparlSettings.heading' | transloco }}</h2>
      <p class="kern-body">{{ 'oparlSettings.intro' | transloco }}</p>
      <p class="kern-body ri-live" role="status" aria-live="polite" data-oparl-settings-status>{{ announcement() | transloco }}</p>
      @if (canEdit()) {
        @if (saveError(); as error) {
          <ri-access-error [error]="error" [headingLevel]="3" (retry)="save()" />
        }
        <form class="ri-form" (submit)="save($event)" novalidate>
          <div class="kern-form-input" [class.kern-form-input--error]="error()">
            <label class="kern-label" for="oparl-license">{{ 'oparlSettings.license' | transloco }}</label>
            <div class="kern-hint" id="oparl-license-hint">{{ 'oparlSettings.licenseHint' | transloco: { max: max } }}</div>
            <input class="kern-form-input__input" id="oparl-license" type="url" inputmode="url" autocomplete="off" [attr.maxlength]="max" [value]="value()"
              (input)="set($any($event.target).value)" [attr.aria-invalid]="!!error()"
              [attr.aria-describedby]="error() ? 'oparl-license-hint oparl-license-error' : 'oparl-license-hint'" />
            @if (error(); as e) {
              <p class="kern-error" id="oparl-license-error"><span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span><span class="kern-body">{{ e | transloco: { max: max } }}</span></p>
            }
          </div>
          <div>
            <button type="submit" class="kern-btn kern-btn--primary" data-oparl-save>
              <span class="kern-label">{{ (saving() ? 'oparlSettings.saving' : 'oparlSettings.save') | transloco }}</span>
            </button>
          </div>
        </form>
      } @else {
        <dl class="kern-description-list" data-oparl-read-only>
          <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{{ 'oparlSettings.license' | transloco }}</dt>
            <dd class="kern-description-list-item__value ri-url">{{ value() || ('oparlSettings.none' | transloco) }}</dd>
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
    .ri-url {
      overflow-wrap: anywhere;
    }
    .ri-live:empty {
      margin: 0;
    }
  `,
})
export class OParlSettings {
  private readonly api = inject(OfficeApi);

  readonly slug = input.required<string>();
  readonly settings = input.required<AuthoritySettingsDto>();
  readonly canEdit = input(false);

  protected readonly max = MAX_OPARL_LICENSE_LENGTH;
  protected readonly value = linkedSignal(() => this.settings().oparlLicense ?? '');
  protected readonly error = signal('');
  protected readonly saving = signal(false);
  protected readonly saveError = signal<unknown>(null);
  protected readonly announcement = signal('');

  protected set(value: string): void {
    this.value.set(value);
    this.announcement.set('');
  }

  /** t(oparlSettings.saved, oparlSettings.cleared, oparlSettings.invalid, oparlSettings.errorUrl) */
  protected save(event?: Event): void {
    event?.preventDefault();
    if (this.saving()) return;
    const wanted = this.value().trim();
    if (wanted !== '' && !isLicenseUrl(wanted)) {
      this.error.set('oparlSettings.errorUrl');
      this.announcement.set('oparlSettings.invalid');
      document.getElementById('oparl-license')?.focus();
      return;
    }
    this.error.set('');
    this.saving.set(true);
    this.saveError.set(null);
    this.api.updateSettings(this.slug(), { oparlLicense: wanted === '' ? null : wanted }).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.value.set(saved.oparlLicense ?? '');
        this.announcement.set(saved.oparlLicense ? 'oparlSettings.saved' : 'oparlSettings.cleared');
      },
      error: (error: unknown) => {
        this.saving.set(false);
        if (isApiError(error) && error.status === 400 && error.fieldErrors.some((e) => e.name === 'oparlLicense')) {
          this.error.set('oparlSettings.errorUrl');
          this.announcement.set('oparlSettings.invalid');
        } else this.saveError.set(error);
      },
    });
  }
}

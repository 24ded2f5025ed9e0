import { ChangeDetectionStrategy, Component, computed, effect, inject, linkedSignal, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslocoPipe } from '@jsverse/transloco';
import { MEMBER_VISIBILITIES, type MemberVisibilitySetting } from '@ratsinfo/contracts';
import { AccessError, officeLink } from '@ratsinfo/web-auth';
import { OfficeApi } from '@ratsinfo/web-data-access';
import { Alert, BreadcrumbItem, Breadcrumbs, Loading, PageTitle } from '@ratsinfo/web-ui';
import { MailSettings } from '../../components/mail-settings/mail-settings';
import { NoticeSettings } from '../../components/notice-settings/notice-settings';
import { OParlSettings } from '../../components/oparl-settings/oparl-settings';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { MEMBER_VISIBILITY_KEYS } from '../../labels';
import { OfficeContext } from '../../office-context';

/**
 * `/:tenant/verwaltung/einstellungen`: the authority's own settings – which non-public agenda
 * items and documents members may read. Tenant admins change it (the API records the change in
 * the audit log); clerks see the current rule read-only; others are told the page is not theirs.
 */
@Component({
  selector: 'ri-office-settings-page',
  imports: [TranslocoPipe, AccessError, Alert, Breadcrumbs, Loading, OfficeHeading, MailSettings, NoticeSettings, OParlSettings],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (canRead()) {
      <ri-breadcrumbs [items]="breadcrumbs()" />
      <ri-office-heading [heading]="'office.settings.heading' | transloco" [preline]="context.tenantName()" />
      <p class="kern-body">{{ 'office.settings.intro' | transloco: { tenant: context.tenantName() } }}</p>

      <section class="ri-section" aria-labelledby="settings-visibility-heading">
        <h2 id="settings-visibility-heading" class="kern-heading-medium">{{ 'office.settings.visibility.heading' | transloco }}</h2>
        <p class="kern-body">{{ 'office.settings.visibility.intro' | transloco }}</p>

        <p class="kern-body ri-notice" role="status" aria-live="polite" data-notice>
          @if (savedAs(); as saved) {
            <span class="kern-icon kern-icon--success kern-icon--small" aria-hidden="true"></span>
            {{ 'office.settings.saved' | transloco: { setting: (keys[saved].label | transloco) } }}
          }
        </p>

        @if (settings.isLoading()) {
          <ri-loading [label]="'office.settings.loading' | transloco" />
        } @else if (settings.error(); as error) {
          <ri-access-error [error]="error" [headingLevel]="3" (retry)="settings.reload()" />
        } @else if (context.isAdmin()) {
          @if (saveError(); as error) {
            <ri-access-error [error]="error" [headingLevel]="3" (retry)="save()" />
          }
          <form class="ri-form" (submit)="save($event)" novalidate>
            <fieldset class="kern-fieldset">
              <legend class="kern-label">{{ 'office.settings.visibility.legend' | transloco }}</legend>
              <div class="kern-fieldset__body">
                @for (option of options; track option) {
                  <div class="kern-form-check">
                    <input
                      class="kern-form-check__radio"
                      type="radio"
                      name="member-visibility"
                      [id]="'member-visibility-' + option"
                      [value]="option"
                      [checked]="selected() === option"
                      (change)="select(option)"
                      [attr.aria-describedby]="'member-visibility-' + option + '-hint'"
                    />
                    <label class="kern-label" [for]="'member-visibility-' + option">{{ keys[option].label | transloco }}</label>
                    <div class="kern-hint" [id]="'member-visibility-' + option + '-hint'">{{ keys[option].hint | transloco }}</div>
                  </div>
                }
              </div>
            </fieldset>
            <p class="kern-body kern-body--small">{{ 'office.settings.auditNote' | transloco }}</p>
            <div>
              <button type="submit" class="kern-btn kern-btn--primary" data-save>
                <span class="kern-label">{{ (saving() ? 'office.settings.saving' : 'office.settings.save') | transloco }}</span>
              </button>
            </div>
          </form>
        } @else if (current(); as value) {
          <dl class="kern-description-list" data-read-only>
            <div class="kern-description-list-item">
              <dt class="kern-description-list-item__key">{{ 'office.settings.visibility.legend' | transloco }}</dt>
              <dd class="kern-description-list-item__value">
                <strong data-current-setting>{{ keys[value].label | transloco }}</strong>
                <br />{{ keys[value].hint | transloco }}
              </dd>
            </div>
          </dl>
          <p class="kern-body">{{ 'office.settings.readOnly' | transloco: { tenant: context.tenantName() } }}</p>
        }
      </section>
      @if (settings.hasValue() && settings.value(); as s) {
        <ri-notice-settings [slug]="context.slug()" [settings]="s" [canEdit]="context.isAdmin()" />
        <ri-mail-settings [slug]="context.slug()" [settings]="s" [canEdit]="context.isAdmin()" />
        <ri-oparl-settings [slug]="context.slug()" [settings]="s" [canEdit]="context.isAdmin()" />
      }
    } @else {
      <ri-alert variant="danger" [heading]="'office.adminRequired.title' | transloco" [headingLevel]="1" data-error-kind="forbidden">
        <p class="kern-body">{{ 'office.settings.forbidden' | transloco: { tenant: context.tenantName() } }}</p>
      </ri-alert>
    }
  `,
  styles: `
    .ri-form {
      display: grid;
      gap: var(--kern-metric-space-default, 16px);
      max-width: 45rem;
    }
    /* KERN's check is a two-column grid (control, label): the explanation goes under the label */
    .kern-form-check .kern-hint {
      grid-column: 2;
      padding-inline-start: var(--kern-metric-space-default, 16px);
    }
    .kern-fieldset__body {
      display: grid;
      gap: var(--kern-metric-space-default, 16px);
    }
    .ri-notice:empty {
      margin: 0;
    }
  `,
})
export class OfficeSettingsPage {
  private readonly api = inject(OfficeApi);
  protected readonly context = inject(OfficeContext);

  protected readonly options = MEMBER_VISIBILITIES;
  protected readonly keys = MEMBER_VISIBILITY_KEYS;

  /** Clerks read the settings, tenant admins change them. */
  protected readonly canRead = computed(() => this.context.isAdmin() || this.context.roles().includes('clerk'));

  protected readonly settings = rxResource({
    params: () => (this.canRead() ? this.context.slug() : undefined),
    stream: ({ params: slug }) => this.api.settings(slug),
  });
  /** The rule as last answered by the API (after saving, without reloading). */
  protected readonly current = linkedSignal<MemberVisibilitySetting | null>(() => (this.settings.hasValue() ? (this.settings.value()?.memberVisibility ?? null) : null));
  protected readonly selected = linkedSignal<MemberVisibilitySetting | null>(() => this.current());

  protected readonly saving = signal(false);
  protected readonly saveError = signal<unknown>(null);
  /** Announced after saving (the live region above the form). */
  protected readonly savedAs = signal<MemberVisibilitySetting | null>(null);

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, office.breadcrumb, office.nav.settings) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.tenantName(), link: ['/', this.context.slug()] },
    { labelKey: 'office.breadcrumb', link: officeLink(this.context.slug()) },
    { labelKey: 'office.nav.settings' },
  ]);

  constructor() {
    const pageTitle = inject(PageTitle);
    /** t(title.officeSettingsOf) */
    effect(() => pageTitle.set('title.officeSettingsOf', { tenant: this.context.tenantName() }));
  }

  protected select(option: MemberVisibilitySetting): void {
    this.selected.set(option);
    this.savedAs.set(null);
  }

  protected save(event?: Event): void {
    event?.preventDefault();
    const memberVisibility = this.selected();
    if (!memberVisibility || this.saving()) return;
    this.saving.set(true);
    this.saveError.set(null);
    this.savedAs.set(null);
    this.api.updateSettings(this.context.slug(), { memberVisibility }).subscribe({
      next: (saved) => {
        this.saving.set(false);
        this.current.set(saved.memberVisibility);
        this.savedAs.set(saved.memberVisibility);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.saveError.set(error);
      },
    });
  }
}

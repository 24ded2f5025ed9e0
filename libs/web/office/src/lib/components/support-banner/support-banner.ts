import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { SupportAccessGrantDto } from '@ratsinfo/contracts';
import { officeLink } from '@ratsinfo/web-auth';
import { DateTime } from '@ratsinfo/web-ui';

/**
 * Visible on every back-office page while the cooperative's operators have support access to the
 * authority: for its people (tenant admins from the grants they can list, members and clerks from
 * the session) and for the operator acting through a grant (from the session). Says until when,
 * and links to the page where a tenant admin can revoke it. A landmark region with a heading, not
 * a live region: it is not re-announced on every page.
 */
@Component({
  selector: 'ri-support-banner',
  imports: [RouterLink, TranslocoPipe, DateTime],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="kern-alert kern-alert--warning ri-support-banner" aria-labelledby="support-banner-heading" data-support-banner>
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--warning" aria-hidden="true"></span>
        <h2 class="kern-title" id="support-banner-heading">{{ 'office.supportBanner.title' | transloco }}</h2>
      </div>
      <div class="kern-alert__body">
        @if (actingUntil(); as until) {
          <p class="kern-body" data-acting>{{ 'office.supportBanner.acting' | transloco }}</p>
          <p class="kern-body" data-acting-until>{{ 'office.supportBanner.until' | transloco }} <ri-date-time [value]="until" /></p>
        }
        @if (latest(); as grant) {
          <p class="kern-body" data-granted>{{ 'office.supportBanner.granted' | transloco: { tenant: tenantName() } }}</p>
          <p class="kern-body" data-granted-until>{{ 'office.supportBanner.until' | transloco }} <ri-date-time [value]="grant.expiresAt" /></p>
          <p class="kern-body kern-body--small">{{ 'office.supportBanner.reason' | transloco: { reason: grant.reason, grantedBy: grant.grantedBy } }}</p>
          @if (canManage()) {
            <p class="kern-body">
              <a class="kern-link" [routerLink]="manageLink()">{{ 'office.supportBanner.manage' | transloco }}</a>
            </p>
          }
        } @else if (grantedUntil(); as until) {
          <p class="kern-body" data-granted>{{ 'office.supportBanner.granted' | transloco: { tenant: tenantName() } }}</p>
          <p class="kern-body" data-granted-until>{{ 'office.supportBanner.until' | transloco }} <ri-date-time [value]="until" /></p>
        }
      </div>
    </section>
  `,
  styles: `
    .ri-support-banner {
      margin-block: var(--kern-metric-space-default, 16px);
    }
    .kern-title {
      margin: 0;
    }
    .kern-alert__body p {
      margin-block: 0 var(--kern-metric-space-x-small, 4px);
    }
  `,
})
export class SupportBanner {
  readonly slug = input.required<string>();
  readonly tenantName = input.required<string>();
  /** The active grants (newest first). */
  readonly activeGrants = input<readonly SupportAccessGrantDto[]>([]);
  /** Expiry of the grant the signed-in operator acts through (session), if any. */
  readonly actingUntil = input<string | null>(null);
  /** Expiry of the active grant for people who cannot list the grants (members, clerks), if any. */
  readonly grantedUntil = input<string | null>(null);
  /** Tenant admins may revoke: link to the support access page. */
  readonly canManage = input(false);

  /** The grant that lasts longest. */
  protected readonly latest = computed(() =>
    [...this.activeGrants()].sort((a, b) => Date.parse(b.expiresAt) - Date.parse(a.expiresAt)).at(0) ?? null,
  );
  protected readonly manageLink = computed(() => officeLink(this.slug(), 'support-zugang'));
}

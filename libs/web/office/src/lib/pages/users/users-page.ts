import { ChangeDetectionStrategy, Component, computed, effect, inject, linkedSignal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslocoPipe } from '@jsverse/transloco';
import type { UserAccountDto } from '@ratsinfo/contracts';
import { AccessError, officeLink } from '@ratsinfo/web-auth';
import { OfficeApi } from '@ratsinfo/web-data-access';
import { BreadcrumbItem, Breadcrumbs, DateTime, Loading, PageTitle } from '@ratsinfo/web-ui';
import { AdminRequired } from '../../components/admin-required/admin-required';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { UserRolesForm } from '../../components/user-roles-form/user-roles-form';
import { OfficeContext } from '../../office-context';

const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/**
 * `/:tenant/verwaltung/benutzer` (tenant admins): the authority's user accounts with their roles;
 * each account's roles can be changed and saved on their own.
 */
@Component({
  selector: 'ri-users-page',
  imports: [TranslocoPipe, AccessError, AdminRequired, Breadcrumbs, DateTime, Loading, OfficeHeading, UserRolesForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users-page.html',
  styles: `
    .ri-users {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: var(--kern-metric-space-default, 16px);
    }
    .ri-user {
      padding: var(--kern-metric-space-default, 16px);
      border: 1px solid var(--kern-color-layout-border, #6e7597);
      border-radius: var(--kern-metric-border-radius-default, 4px);
    }
    .ri-user h2 {
      margin: 0 0 var(--kern-metric-space-small, 8px);
    }
    .kern-badge {
      min-height: auto;
    }
  `,
})
export class UsersPage {
  private readonly api = inject(OfficeApi);
  protected readonly context = inject(OfficeContext);

  protected readonly users = rxResource({
    params: () => (this.context.isAdmin() ? this.context.slug() : undefined),
    stream: ({ params: slug }) => this.api.users(slug),
  });

  /** The accounts as shown, sorted by name; updated in place after saving. */
  protected readonly accounts = linkedSignal<UserAccountDto[]>(() =>
    this.users.hasValue() ? [...(this.users.value() ?? [])].sort((a, b) => collator.compare(a.displayName, b.displayName)) : [],
  );

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, office.breadcrumb, office.nav.users) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.tenantName(), link: ['/', this.context.slug()] },
    { labelKey: 'office.breadcrumb', link: officeLink(this.context.slug()) },
    { labelKey: 'office.nav.users' },
  ]);

  constructor() {
    const pageTitle = inject(PageTitle);
    /** t(title.officeUsersOf) */
    effect(() => pageTitle.set('title.officeUsersOf', { tenant: this.context.tenantName() }));
  }

  protected replace(updated: UserAccountDto): void {
    this.accounts.update((accounts) => accounts.map((account) => (account.id === updated.id ? updated : account)));
  }

  protected isSelf(account: UserAccountDto): boolean {
    return account.id === this.context.session()?.user.id;
  }
}

import { ChangeDetectionStrategy, Component, computed, effect, inject, linkedSignal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { TranslocoPipe } from '@jsverse/transloco';
import type { UserAccountDto } from '@ratsinfo/contracts';
import { AccessError, officeLink } from '@ratsinfo/web-auth';
import { OfficeApi, PortalApi } from '@ratsinfo/web-data-access';
import { Alert, BreadcrumbItem, Breadcrumbs, DateTime, Loading, PageTitle } from '@ratsinfo/web-ui';
import { AdminRequired } from '../../components/admin-required/admin-required';
import { InviteUserForm } from '../../components/invite-user-form/invite-user-form';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { UserInvitation } from '../../components/user-invitation/user-invitation';
import { UserPersonForm } from '../../components/user-person-form/user-person-form';
import { UserRolesForm } from '../../components/user-roles-form/user-roles-form';
import { PersonOption, personOptions } from '../../labels';
import { OfficeContext } from '../../office-context';

const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });

/**
 * `/:tenant/verwaltung/benutzer` (tenant admins): invites people ("Person einladen") and lists the
 * authority's user accounts. Each account's roles and its linked person (council member, from the
 * public list of the authority's persons) are saved on their own; people who have not signed in
 * yet can be sent their invitation again.
 */
@Component({
  selector: 'ri-users-page',
  imports: [
    TranslocoPipe,
    AccessError,
    AdminRequired,
    Alert,
    Breadcrumbs,
    DateTime,
    InviteUserForm,
    Loading,
    OfficeHeading,
    UserInvitation,
    UserPersonForm,
    UserRolesForm,
  ],
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
    .ri-user h3 {
      margin: 0 0 var(--kern-metric-space-small, 8px);
    }
    .ri-section {
      margin-block: var(--kern-metric-space-x-large, 32px);
    }
    .kern-badge {
      min-height: auto;
    }
  `,
})
export class UsersPage {
  private readonly api = inject(OfficeApi);
  private readonly portal = inject(PortalApi);
  protected readonly context = inject(OfficeContext);

  protected readonly users = rxResource({
    params: () => (this.context.isAdmin() ? this.context.slug() : undefined),
    stream: ({ params: slug }) => this.api.users(slug),
  });

  /** The accounts as shown, sorted by name; updated in place after saving or inviting. */
  protected readonly accounts = linkedSignal<UserAccountDto[]>(() => (this.users.hasValue() ? byName(this.users.value() ?? []) : []));

  /** The authority's persons (public list), for linking accounts to council members. */
  protected readonly persons = rxResource({
    params: () => (this.context.isAdmin() ? this.context.slug() : undefined),
    stream: ({ params: slug }) => this.portal.listPersons(slug),
  });

  protected readonly personOptions = computed<readonly PersonOption[]>(() => (this.persons.hasValue() ? personOptions(this.persons.value() ?? []) : []));

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

  /** A new account joins the list (replacing one with the same id, should the list have been reloaded meanwhile). */
  protected add(created: UserAccountDto): void {
    this.accounts.update((accounts) => byName([...accounts.filter((account) => account.id !== created.id), created]));
  }

  /**
   * The identity provider failed while inviting, possibly after the account was created: reload
   * the list, so such an account shows up and its invitation can be sent again.
   */
  protected reloadAccounts(): void {
    this.users.reload();
  }

  protected isSelf(account: UserAccountDto): boolean {
    return account.id === this.context.session()?.user.id;
  }
}

function byName(accounts: readonly UserAccountDto[]): UserAccountDto[] {
  return [...accounts].sort((a, b) => collator.compare(a.displayName, b.displayName));
}

import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { officeLink } from '@ratsinfo/web-auth';

/**
 * Navigation of the back office: the council's content (papers, meetings, organizations, persons,
 * terms, locations) for everyone of the authority; the administration pages only for tenant
 * admins, the settings also for clerks.
 */
@Component({
  selector: 'ri-office-nav',
  imports: [RouterLink, RouterLinkActive, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="ri-office-nav" [attr.aria-label]="'office.nav.label' | transloco: { tenant: tenantName() }">
      <ul class="kern-list kern-list--horizontal">
        <li>
          <a class="kern-link" [routerLink]="links().home" routerLinkActive="ri-office-nav--active" [routerLinkActiveOptions]="{ exact: true }" ariaCurrentWhenActive="page">
            {{ 'office.nav.home' | transloco }}
          </a>
        </li>
        @if (isMember()) {
          <li>
            <a class="kern-link" [routerLink]="links().myMeetings" routerLinkActive="ri-office-nav--active" ariaCurrentWhenActive="page" data-nav-my-meetings>{{ 'members.nav.meetings' | transloco }}</a>
          </li>
          <li>
            <a class="kern-link" [routerLink]="links().myBodies" routerLinkActive="ri-office-nav--active" ariaCurrentWhenActive="page" data-nav-my-bodies>{{ 'members.nav.bodies' | transloco }}</a>
          </li>
          <li>
            <a class="kern-link" [routerLink]="links().myDocuments" routerLinkActive="ri-office-nav--active" ariaCurrentWhenActive="page" data-nav-my-documents>{{ 'members.nav.documents' | transloco }}</a>
          </li>
        }
        <li>
          <a class="kern-link" [routerLink]="links().papers" routerLinkActive="ri-office-nav--active" ariaCurrentWhenActive="page">{{ 'structure.nav.papers' | transloco }}</a>
        </li>
        <li>
          <a class="kern-link" [routerLink]="links().meetings" routerLinkActive="ri-office-nav--active" ariaCurrentWhenActive="page">{{ 'structure.nav.meetings' | transloco }}</a>
        </li>
        <li>
          <a class="kern-link" [routerLink]="links().organizations" routerLinkActive="ri-office-nav--active" ariaCurrentWhenActive="page">{{ 'structure.nav.organizations' | transloco }}</a>
        </li>
        <li>
          <a class="kern-link" [routerLink]="links().persons" routerLinkActive="ri-office-nav--active" ariaCurrentWhenActive="page">{{ 'structure.nav.persons' | transloco }}</a>
        </li>
        <li>
          <a class="kern-link" [routerLink]="links().terms" routerLinkActive="ri-office-nav--active" ariaCurrentWhenActive="page">{{ 'structure.nav.terms' | transloco }}</a>
        </li>
        <li>
          <a class="kern-link" [routerLink]="links().locations" routerLinkActive="ri-office-nav--active" ariaCurrentWhenActive="page">{{ 'structure.nav.locations' | transloco }}</a>
        </li>
        @if (isAdmin()) {
          <li>
            <a class="kern-link" [routerLink]="links().users" routerLinkActive="ri-office-nav--active" ariaCurrentWhenActive="page">{{ 'office.nav.users' | transloco }}</a>
          </li>
          <li>
            <a class="kern-link" [routerLink]="links().support" routerLinkActive="ri-office-nav--active" ariaCurrentWhenActive="page">{{ 'office.nav.support' | transloco }}</a>
          </li>
          <li>
            <a class="kern-link" [routerLink]="links().audit" routerLinkActive="ri-office-nav--active" ariaCurrentWhenActive="page">{{ 'office.nav.audit' | transloco }}</a>
          </li>
          <li>
            <a class="kern-link" [routerLink]="links().export" routerLinkActive="ri-office-nav--active" ariaCurrentWhenActive="page">{{ 'office.nav.export' | transloco }}</a>
          </li>
        }
        @if (isAdmin() || isClerk()) {
          <li>
            <a class="kern-link" [routerLink]="links().paperTypes" routerLinkActive="ri-office-nav--active" ariaCurrentWhenActive="page" data-nav-paper-types>{{ 'officeGaps7.types.nav' | transloco }}</a>
          </li>
          <li>
            <a class="kern-link" [routerLink]="links().resolutions" routerLinkActive="ri-office-nav--active" ariaCurrentWhenActive="page">{{ 'resolutions.nav' | transloco }}</a>
          </li>
          <li>
            <a class="kern-link" [routerLink]="links().settings" routerLinkActive="ri-office-nav--active" ariaCurrentWhenActive="page">{{ 'office.nav.settings' | transloco }}</a>
          </li>
          <li>
            <a class="kern-link" [routerLink]="links().deadLetters" routerLinkActive="ri-office-nav--active" ariaCurrentWhenActive="page">{{ 'deadLetters.office.nav' | transloco }}</a>
          </li>
        }
        <li>
          <a class="kern-link" [routerLink]="['/', slug()]">{{ 'office.nav.portal' | transloco }}</a>
        </li>
      </ul>
    </nav>
  `,
  styles: `
    .ri-office-nav {
      padding-block: var(--kern-metric-space-small, 8px);
      border-bottom: 1px solid var(--kern-color-layout-border, #6e7597);
      margin-bottom: var(--kern-metric-space-default, 16px);
    }
    .ri-office-nav ul {
      margin: 0;
      flex-wrap: wrap;
    }
    .ri-office-nav--active {
      font-weight: 600;
    }
  `,
})
export class OfficeNav {
  readonly slug = input.required<string>();
  readonly tenantName = input.required<string>();
  readonly isAdmin = input(false);
  /** Clerks read the authority's settings (tenant admins change them). */
  readonly isClerk = input(false);
  /** Council members get their own area first (my meetings, bodies, documents). */
  readonly isMember = input(false);

  protected readonly links = computed(() => ({
    home: officeLink(this.slug()),
    myMeetings: officeLink(this.slug(), 'meine-sitzungen'),
    myBodies: officeLink(this.slug(), 'meine-gremien'),
    myDocuments: officeLink(this.slug(), 'meine-unterlagen'),
    papers: officeLink(this.slug(), 'vorlagen'),
    meetings: officeLink(this.slug(), 'sitzungen'),
    organizations: officeLink(this.slug(), 'gremien'),
    persons: officeLink(this.slug(), 'personen'),
    terms: officeLink(this.slug(), 'wahlperioden'),
    locations: officeLink(this.slug(), 'orte'),
    paperTypes: officeLink(this.slug(), 'vorlagenarten'),
    users: officeLink(this.slug(), 'benutzer'),
    support: officeLink(this.slug(), 'support-zugang'),
    audit: officeLink(this.slug(), 'protokoll'),
    export: officeLink(this.slug(), 'export'),
    settings: officeLink(this.slug(), 'einstellungen'),
    deadLetters: officeLink(this.slug(), 'fehlgeschlagene-auftraege'),
    resolutions: officeLink(this.slug(), 'beschluesse'),
  }));
}

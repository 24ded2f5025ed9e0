import { ChangeDetectionStrategy, Component, computed, effect, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { AccessError, officeLink } from '@ratsinfo/web-auth';
import { MembersApi } from '@ratsinfo/web-data-access';
import { BreadcrumbItem, Breadcrumbs, Loading, PageTitle } from '@ratsinfo/web-ui';
import { OfficeHeading } from '../../components/office-heading/office-heading';
import { OfficeContext } from '../../office-context';

/** t(members.bodies.type.council, members.bodies.type.committee, members.bodies.type.faction, members.bodies.type.other) */
const TYPE_KEYS: Readonly<Record<string, string>> = {
  council: 'members.bodies.type.council',
  committee: 'members.bodies.type.committee',
  faction: 'members.bodies.type.faction',
  other: 'members.bodies.type.other',
};

/**
 * `/:tenant/verwaltung/meine-gremien`: the bodies the signed-in member belongs to today — role,
 * voting right (said in words, not only shown), since when, and whom they stand in for as a deputy.
 */
@Component({
  selector: 'ri-my-bodies-page',
  imports: [RouterLink, TranslocoPipe, AccessError, Breadcrumbs, Loading, OfficeHeading],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './member-pages.css',
  template: `
    <ri-breadcrumbs [items]="breadcrumbs()" />
    <ri-office-heading [heading]="'members.bodies.heading' | transloco" [preline]="context.tenantName()" />
    <p class="kern-body">{{ 'members.bodies.intro' | transloco }}</p>
    @if (bodies.isLoading()) {
      <ri-loading [label]="'members.bodies.loading' | transloco" />
    } @else if (bodies.error(); as error) {
      <ri-access-error [error]="error" [headingLevel]="2" (retry)="bodies.reload()" />
    } @else if (bodies.hasValue()) {
      @if (bodies.value().length === 0) {
        <p class="kern-body" data-my-bodies-empty>{{ 'members.bodies.empty' | transloco }}</p>
      } @else {
        <ul class="ri-member-list" data-my-bodies>
          @for (b of bodies.value(); track b.organizationId + (b.deputyFor?.personId ?? '')) {
            <li class="ri-member-item" [attr.data-organization-id]="b.organizationId">
              <h2 class="kern-heading-small"><a class="kern-link" [routerLink]="organizationLink(b.organizationId)">{{ b.name }}</a></h2>
              <p class="kern-body kern-body--small">{{ typeKeys[b.organizationType] | transloco }}</p>
              <p class="kern-body">
                {{ b.role ?? ('members.bodies.noRole' | transloco) }} ·
                {{ (b.votingRight ? 'members.bodies.voting' : 'members.bodies.notVoting') | transloco }}
              </p>
              @if (b.deputyFor; as d) {
                <p class="kern-body">{{ 'members.bodies.deputyFor' | transloco: { name: d.name } }}</p>
              }
              @if (b.since) {
                <p class="kern-body kern-body--small">{{ 'members.bodies.since' | transloco: { date: b.since } }}</p>
              }
            </li>
          }
        </ul>
      }
    }
  `,
})
export class MyBodiesPage {
  private readonly api = inject(MembersApi);
  protected readonly context = inject(OfficeContext);
  protected readonly typeKeys = TYPE_KEYS;

  protected readonly bodies = rxResource({ params: () => this.context.slug(), stream: ({ params: slug }) => this.api.bodies(slug) });

  protected organizationLink(id: string): string[] {
    return officeLink(this.context.slug(), 'gremien', id);
  }

  protected readonly breadcrumbs = computed<readonly BreadcrumbItem[]>(() => [
    /** t(shell.nav.authorities, office.breadcrumb, members.bodies.heading) */
    { labelKey: 'shell.nav.authorities', link: '/' },
    { label: this.context.tenantName(), link: ['/', this.context.slug()] },
    { labelKey: 'office.breadcrumb', link: officeLink(this.context.slug()) },
    { labelKey: 'members.bodies.heading' },
  ]);

  constructor() {
    const pageTitle = inject(PageTitle);
    /** t(members.title.bodies) */
    effect(() => pageTitle.set('members.title.bodies', { tenant: this.context.tenantName() }));
  }
}

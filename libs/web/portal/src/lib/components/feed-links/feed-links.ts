import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';

export interface FeedLink {
  /** The API path (FeedRoutes). */
  href: string;
  /**
   * Translation key of the link text.
   * t(portalFeeds.calendar, portalFeeds.meetingsRss, portalFeeds.meetingsAtom, portalFeeds.organizationCalendar,
   *   portalFeeds.meetingCalendar, portalFeeds.papersRss, portalFeeds.papersAtom)
   */
  labelKey: string;
  /** Media type of the document: text/calendar, application/rss+xml or application/atom+xml. */
  type: string;
}

/**
 * Visible links to the calendars and feeds of a portal page (an SPA cannot rely on
 * `<link rel="alternate">` in the document head). The text says what the link is; the
 * format (iCal, RSS, Atom) is part of it, so the information never depends on an icon.
 */
@Component({
  selector: 'ri-feed-links',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="ri-feed-links" [attr.aria-label]="'portalFeeds.label' | transloco">
      @for (link of links(); track link.href) {
        <li>
          <a class="kern-link" [href]="link.href" [attr.type]="link.type" data-feed-link>
            <span class="kern-icon kern-icon--arrow-forward" aria-hidden="true"></span>
            {{ link.labelKey | transloco }}
          </a>
        </li>
      }
    </ul>
  `,
  styles: `
    .ri-feed-links {
      display: flex;
      flex-wrap: wrap;
      gap: var(--kern-metric-space-x-small, 4px) var(--kern-metric-space-large, 24px);
      list-style: none;
      margin: var(--kern-metric-space-default, 16px) 0 0;
      padding: 0;
    }
    .ri-feed-links a {
      overflow-wrap: anywhere;
    }
  `,
})
export class FeedLinks {
  readonly links = input.required<readonly FeedLink[]>();
}

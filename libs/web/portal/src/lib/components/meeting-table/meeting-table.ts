import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { MeetingSummaryDto } from '@ratsinfo/contracts';
import { DateTime } from '@ratsinfo/web-ui';
import { MeetingStatus } from '../meeting-status/meeting-status';

/**
 * Meetings as a KERN table: date and time (Europe/Berlin), meeting (link to its page), body,
 * location and state. Cancelled meetings are struck through and marked "abgesagt" in words.
 */
@Component({
  selector: 'ri-meeting-table',
  imports: [RouterLink, TranslocoPipe, DateTime, MeetingStatus],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './meeting-table.html',
})
export class MeetingTable {
  readonly meetings = input.required<readonly MeetingSummaryDto[]>();
  /** Slug of the authority, for the links to the meeting pages. */
  readonly tenantSlug = input.required<string>();
  /** Table caption (already translated), read by screen readers. */
  readonly caption = input.required<string>();
}

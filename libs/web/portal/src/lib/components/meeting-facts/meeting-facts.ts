import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { MeetingSummaryDto } from '@ratsinfo/contracts';
import { DateTime, isSameBerlinDay } from '@ratsinfo/web-ui';
import { MeetingStatus } from '../meeting-status/meeting-status';

/** Key data of a meeting as a KERN description list: body, date, time, location, state. */
@Component({
  selector: 'ri-meeting-facts',
  imports: [TranslocoPipe, DateTime, MeetingStatus],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './meeting-facts.html',
})
export class MeetingFacts {
  readonly meeting = input.required<MeetingSummaryDto>();

  /** An end on the same day is shown as a time range; one on a later day with its own date. */
  protected readonly endsSameDay = computed(() => {
    const { start, end } = this.meeting();
    return !end || isSameBerlinDay(start, end);
  });
}

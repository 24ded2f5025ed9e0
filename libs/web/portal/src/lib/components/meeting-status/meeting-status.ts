import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { MeetingState } from '@ratsinfo/contracts';
import { MEETING_STATE_KEYS } from '../../labels';

/** State of a meeting in words; a cancelled meeting shows a red "abgesagt" badge instead. */
@Component({
  selector: 'ri-meeting-status',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (cancelled()) {
      <span class="kern-badge kern-badge--danger ri-cancelled" data-cancelled>
        <span class="kern-label">{{ 'meetings.cancelled' | transloco }}</span>
      </span>
    } @else {
      <span class="kern-body">{{ stateKeys[state()] | transloco }}</span>
    }
  `,
  styles: `
    .kern-badge {
      min-height: auto;
      white-space: nowrap;
    }
  `,
})
export class MeetingStatus {
  readonly state = input.required<MeetingState>();
  readonly cancelled = input(false);

  protected readonly stateKeys = MEETING_STATE_KEYS;
}

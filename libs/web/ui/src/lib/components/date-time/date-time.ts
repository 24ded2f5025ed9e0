import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { DateStyle, formatDate, formatTime } from '../../format/date-time';
import { LanguageService } from '../../i18n/language.service';

export type DateTimeDisplay = 'date' | 'time' | 'dateTime' | 'timeRange';

/**
 * A point in time as a `<time>` element, formatted for the active language in Europe/Berlin
 * time: `Mo., 02.03.2026, 17:00 Uhr`, `17:00 bis 19:30 Uhr`, …
 */
@Component({
  selector: 'ri-date-time',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<time [attr.datetime]="value()">
    @switch (display()) {
      @case ('date') {
        {{ date() }}
      }
      @case ('time') {
        {{ 'format.time' | transloco: { time: time() } }}
      }
      @case ('timeRange') {
        @if (endTime(); as endTime) {
          {{ 'format.timeRange' | transloco: { start: time(), end: endTime } }}
        } @else {
          {{ 'format.time' | transloco: { time: time() } }}
        }
      }
      @default {
        {{ 'format.dateTime' | transloco: { date: date(), time: time() } }}
      }
    }
  </time>`,
})
export class DateTime {
  private readonly language = inject(LanguageService);

  /** ISO 8601 timestamp with offset. */
  readonly value = input.required<string>();
  /** Optional end (ISO 8601), shown by `timeRange`. */
  readonly end = input<string | null>(null);
  readonly display = input<DateTimeDisplay>('dateTime');
  readonly dateStyle = input<DateStyle>('short');

  protected readonly date = computed(() => formatDate(this.value(), this.language.active(), this.dateStyle()));
  protected readonly time = computed(() => formatTime(this.value(), this.language.active()));
  protected readonly endTime = computed(() => formatTime(this.end(), this.language.active()));
}

import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { LanguageService, formatDate } from '@ratsinfo/web-ui';

/** Calendar dates without a weekday (the day of a paper or a membership is a date, not an appointment). */
const SHORT_DE = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const SHORT_EN = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A calendar date (`YYYY-MM-DD`) as `<time>`: "10.02.2026" / "10 Feb 2026"; long: "Dienstag, 10. Februar 2026". */
@Component({
  selector: 'ri-paper-date',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<time [attr.datetime]="date()">{{ text() }}</time>`,
})
export class PaperDate {
  private readonly language = inject(LanguageService);

  readonly date = input.required<string>();
  readonly dateStyle = input<'short' | 'long'>('short');

  protected readonly text = computed(() => {
    // Noon UTC is the same calendar day in Europe/Berlin whatever the season.
    const noon = `${this.date()}T12:00:00Z`;
    if (this.dateStyle() === 'long') return formatDate(noon, this.language.active(), 'long');
    return (this.language.active() === 'en' ? SHORT_EN : SHORT_DE).format(new Date(noon));
  });
}

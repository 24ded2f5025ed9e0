import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { LanguageService, formatDate } from '@ratsinfo/web-ui';

/** A calendar date (`YYYY-MM-DD`) as `<time>`, e.g. "10.03.2026" / "10 Mar 2026". */
@Component({
  selector: 'ri-paper-date',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<time [attr.datetime]="date()">{{ text() }}</time>`,
})
export class PaperDate {
  private readonly language = inject(LanguageService);

  readonly date = input.required<string>();
  readonly dateStyle = input<'short' | 'long'>('short');

  // Noon UTC is the same calendar day in Europe/Berlin whatever the season.
  protected readonly text = computed(() => formatDate(`${this.date()}T12:00:00Z`, this.language.active(), this.dateStyle()));
}

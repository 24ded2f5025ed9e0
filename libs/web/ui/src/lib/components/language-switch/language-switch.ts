import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Language, SUPPORTED_LANGUAGES } from '../../i18n/languages';

/**
 * Language switch: one toggle button per language, each named in its own language (and marked
 * with `lang`), the active one `aria-pressed="true"`. Presentational: emits the choice only.
 */
@Component({
  selector: 'ri-language-switch',
  imports: [TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './language-switch.html',
  styleUrl: './language-switch.css',
})
export class LanguageSwitch {
  readonly active = input.required<Language>();
  readonly languages = input<readonly Language[]>(SUPPORTED_LANGUAGES);
  readonly languageChange = output<Language>();

  protected select(language: Language): void {
    if (language !== this.active()) this.languageChange.emit(language);
  }
}

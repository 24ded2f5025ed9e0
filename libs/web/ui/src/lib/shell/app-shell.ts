import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  viewChild,
} from '@angular/core';
import { NavigationEnd, Router, RouterLink, RouterLinkActive } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { filter, skip } from 'rxjs';
import { LanguageSwitch } from '../components/language-switch/language-switch';
import { LanguageService } from '../i18n/language.service';
import { Language } from '../i18n/languages';

/** Id of the main content, target of the skip link. */
export const MAIN_CONTENT_ID = 'main-content';

/**
 * Page frame of the web app: skip link, header (banner) with the service name, main navigation
 * and language switch, the `<main>` landmark for the routed page, and the footer. Content marked
 * `riShellTools` (e.g. the sign-in status) is projected into the header next to the language switch.
 * After each in-app navigation the focus moves to `<main>`, so keyboard and screen reader users
 * start reading the new page instead of staying on the clicked link.
 */
@Component({
  selector: 'ri-app-shell',
  imports: [RouterLink, RouterLinkActive, TranslocoPipe, LanguageSwitch],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app-shell.html',
  styleUrl: './app-shell.css',
})
export class AppShell {
  private readonly languageService = inject(LanguageService);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly mainContentId = MAIN_CONTENT_ID;
  protected readonly language = this.languageService.active;

  constructor() {
    const subscription = inject(Router)
      .events.pipe(
        filter((event) => event instanceof NavigationEnd),
        skip(1), // the first navigation is the page load: leave the focus at the document start
      )
      .subscribe(() => this.focusMain());
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  protected changeLanguage(language: Language): void {
    this.languageService.use(language);
  }

  /** Skip link: focus `<main>` directly (a `#fragment` href would resolve against `<base href>`). */
  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.focusMain();
    this.main().nativeElement.scrollIntoView?.();
  }

  private focusMain(): void {
    this.main().nativeElement.focus({ preventScroll: true });
  }
}

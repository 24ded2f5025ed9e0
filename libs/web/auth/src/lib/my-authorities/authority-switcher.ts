import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, viewChild } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { filter, map } from 'rxjs';
import { officeLink } from '../area-paths';
import { AuthService } from '../auth.service';
import { MyAuthorities } from './my-authorities';

/**
 * "Meine Kommunen" in the page header for a signed-in person with a role in at least one
 * authority: a disclosure listing each authority's back office, the current one marked, so a
 * person in two authorities (a county and a town) switches with one click.
 */
@Component({
  selector: 'ri-authority-switcher',
  imports: [RouterLink, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (auth.user() && mine.list().length > 0) {
      <details #menu class="ri-switcher" data-authority-switcher>
        <summary class="kern-link kern-link--small">
          <span class="kern-icon kern-icon--arrow-down kern-icon--small ri-switcher__caret" aria-hidden="true"></span>
          <span data-switcher-label>{{ 'auth.switcher.summary' | transloco: { count: mine.list().length } }}</span>
        </summary>
        <nav class="ri-switcher__panel" [attr.aria-label]="'auth.switcher.label' | transloco">
          <ul class="kern-list">
            @for (authority of mine.list(); track authority.slug) {
              <li>
                <a
                  class="kern-link"
                  [routerLink]="link(authority.slug)"
                  [attr.aria-current]="authority.slug === currentSlug() ? 'true' : null"
                  (click)="close()"
                  >{{ authority.name }}</a
                >
                @if (authority.slug === currentSlug()) {
                  <span class="kern-body kern-body--small"> ({{ 'auth.switcher.current' | transloco }})</span>
                }
              </li>
            }
          </ul>
        </nav>
      </details>
    }
  `,
  styles: `
    .ri-switcher {
      position: relative;
    }
    .ri-switcher summary {
      cursor: pointer;
      list-style: none;
    }
    .ri-switcher summary::-webkit-details-marker {
      display: none;
    }
    .ri-switcher[open] .ri-switcher__caret {
      transform: rotate(180deg);
    }
    .ri-switcher__panel {
      position: absolute;
      right: 0;
      z-index: 10;
      min-width: min(18rem, 90vw);
      margin-top: var(--kern-metric-space-x-small, 4px);
      padding: var(--kern-metric-space-small, 8px) var(--kern-metric-space-default, 16px);
      background: var(--kern-color-layout-background-default, #fff);
      border: 1px solid var(--kern-color-layout-border, #6e7597);
      border-radius: var(--kern-metric-border-radius-default, 4px);
      box-shadow: 0 4px 12px rgb(0 0 0 / 15%);
    }
    .ri-switcher__panel ul {
      margin: 0;
    }
    .ri-switcher__panel [aria-current] {
      font-weight: 600;
    }
    /* Narrow screens: the list opens in the flow (no panel hanging over the page edge). */
    @media (max-width: 767px) {
      .ri-switcher__panel {
        position: static;
        min-width: 0;
        box-shadow: none;
      }
    }
  `,
})
export class AuthoritySwitcher {
  protected readonly auth = inject(AuthService);
  protected readonly mine = inject(MyAuthorities);
  private readonly router = inject(Router);
  private readonly menu = viewChild<ElementRef<HTMLDetailsElement>>('menu');

  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.router.url),
    ),
    { initialValue: this.router.url },
  );

  /** The authority of the current page (first path segment), if any. */
  protected readonly currentSlug = computed(() => this.url().split(/[?#]/)[0].split('/')[1] ?? '');

  protected link(slug: string): string[] {
    return officeLink(slug);
  }

  protected close(): void {
    const menu = this.menu()?.nativeElement;
    if (menu) menu.open = false;
  }
}

import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { operatorLink, publicPageFor } from '../area-paths';
import { AuthService } from '../auth.service';
import { AuthoritySwitcher } from '../my-authorities/authority-switcher';

/**
 * Sign-in state in the page header: "Anmelden" when signed out; the signed-in name, a link to the
 * operator console for operators, and "Abmelden" when signed in. Nothing while the state is being
 * determined or when sign-in is not available (the public portal works without it).
 */
@Component({
  selector: 'ri-auth-status',
  imports: [RouterLink, TranslocoPipe, AuthoritySwitcher],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @switch (auth.status()) {
      @case ('signed-in') {
        <div class="ri-auth" data-auth-status="signed-in">
          <p class="kern-body kern-body--small ri-auth__user">
            {{ 'auth.signedInAs' | transloco }} <strong data-user-name>{{ auth.user()?.name }}</strong>
          </p>
          <ri-authority-switcher />
          @if (auth.isOperator()) {
            <a class="kern-link kern-link--small" [routerLink]="operatorLink">{{ 'auth.operatorConsole' | transloco }}</a>
          }
          <button type="button" class="kern-btn kern-btn--secondary kern-btn--x-small" (click)="signOut()">
            <span class="kern-icon kern-icon--logout" aria-hidden="true"></span>
            <span class="kern-label">{{ 'auth.signOut' | transloco }}</span>
          </button>
        </div>
      }
      @case ('signed-out') {
        <button type="button" class="kern-btn kern-btn--secondary kern-btn--x-small" data-auth-status="signed-out" (click)="signIn()">
          <span class="kern-icon kern-icon--account-circle" aria-hidden="true"></span>
          <span class="kern-label">{{ 'auth.signIn' | transloco }}</span>
        </button>
      }
      @case ('failed') {
        <button type="button" class="kern-btn kern-btn--secondary kern-btn--x-small" data-auth-status="failed" (click)="signIn()">
          <span class="kern-icon kern-icon--account-circle" aria-hidden="true"></span>
          <span class="kern-label">{{ 'auth.signIn' | transloco }}</span>
        </button>
      }
    }
  `,
  styles: `
    .ri-auth {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--kern-metric-space-small, 8px) var(--kern-metric-space-default, 16px);
    }
    .ri-auth__user {
      margin: 0;
    }
  `,
})
export class AuthStatus {
  protected readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  protected readonly operatorLink = operatorLink();

  private readonly location = inject(Location);

  /**
   * Returns to the address in the browser bar, not `router.url`: before the first navigation has
   * finished (a quick click right after the page loads) the router still reports `/`.
   */
  protected signIn(): void {
    void this.auth.signIn({ returnUrl: this.location.path() || this.router.url });
  }

  /** Leaves a signed-in area for its public page, stays on public pages. */
  protected signOut(): void {
    void this.auth.signOut(publicPageFor(this.router.url));
  }
}

import { ChangeDetectionStrategy, Component, DOCUMENT, computed, effect, inject, input } from '@angular/core';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { Alert, Loading } from '@ratsinfo/web-ui';
import { safeReturnPath } from '../area-paths';
import { AuthService } from '../auth.service';

/**
 * `…/anmeldung?ziel=/burg/verwaltung`: shown by the guards when they cannot send the user to the
 * identity provider themselves: sign-in unavailable (no configuration), or the last attempt failed
 * (the user cancelled, the IdP returned an error). Offers to sign in (again) and continues to
 * `ziel` once signed in.
 */
@Component({
  selector: 'ri-sign-in-page',
  imports: [Alert, Loading, TranslocoPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @switch (auth.status()) {
      @case ('pending') {
        <ri-loading [label]="'auth.checking' | transloco" />
      }
      @case ('unavailable') {
        <ri-alert variant="warning" [heading]="'auth.unavailable.title' | transloco" [headingLevel]="1">
          <p class="kern-body">{{ 'auth.unavailable.text' | transloco }}</p>
          <button type="button" class="kern-btn kern-btn--secondary" (click)="reload()">
            <span class="kern-label">{{ 'auth.unavailable.reload' | transloco }}</span>
          </button>
        </ri-alert>
      }
      @case ('failed') {
        <ri-alert variant="danger" [heading]="'auth.failed.title' | transloco" [headingLevel]="1">
          <p class="kern-body">{{ 'auth.failed.text' | transloco }}</p>
          <button type="button" class="kern-btn kern-btn--primary" (click)="signIn()">
            <span class="kern-label">{{ 'auth.signInAgain' | transloco }}</span>
          </button>
        </ri-alert>
      }
      @default {
        <ri-alert variant="info" [heading]="'auth.required.title' | transloco" [headingLevel]="1">
          <p class="kern-body">{{ 'auth.required.text' | transloco }}</p>
          <button type="button" class="kern-btn kern-btn--primary" (click)="signIn()">
            <span class="kern-label">{{ 'auth.signIn' | transloco }}</span>
          </button>
        </ri-alert>
      }
    }
  `,
})
export class SignInPage {
  protected readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);

  /** Query parameter `ziel`: the in-app path to continue to. */
  readonly ziel = input<string | null | undefined>(null);

  private readonly target = computed(() => safeReturnPath(this.ziel()) ?? '/');

  constructor() {
    effect(() => {
      // signed in meanwhile (e.g. the silent check finished): continue
      if (this.auth.status() === 'signed-in' && safeReturnPath(this.ziel())) void this.router.navigateByUrl(this.target());
    });
  }

  protected signIn(): void {
    void this.auth.signIn({ returnUrl: this.target() });
  }

  protected reload(): void {
    this.document.defaultView?.location.assign(this.target());
  }
}

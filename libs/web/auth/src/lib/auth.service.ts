import { DOCUMENT, Injectable, computed, inject, signal } from '@angular/core';
import { LanguageService } from '@ratsinfo/web-ui';
import { AutoRefreshTokenService, KEYCLOAK_EVENT_SIGNAL } from 'keycloak-angular';
import Keycloak, { KeycloakInitOptions, KeycloakLoginOptions, KeycloakTokenParsed } from 'keycloak-js';
import { safeReturnPath } from './area-paths';
import { AUTH_READY_TIMEOUT, AUTH_SETTINGS, AUTH_STORAGE_KEYS, KEYCLOAK_FACTORY, OPERATOR_REALM_ROLE } from './auth-settings';

/**
 * - `unavailable`: no sign-in in this page load (`/api/config` missing or unusable)
 * - `pending`: the sign-in state is being determined (silent SSO check, code exchange)
 * - `signed-out` / `signed-in`
 * - `failed`: the return from the identity provider carried an error or the code exchange failed
 */
export type SignInStatus = 'unavailable' | 'pending' | 'signed-out' | 'signed-in' | 'failed';

/** The signed-in person as the token describes them. */
export interface SignedInUser {
  /** Display name (`name`, else given and family name, else the user name). */
  name: string;
  username: string | null;
  email: string | null;
  /** The realm the token was issued by. */
  realm: string;
  /** `realm_access.roles` of the access token. */
  realmRoles: readonly string[];
}

type Phase = 'idle' | 'pending' | 'done' | 'failed';

/** Inactivity after which an expiring token is not refreshed but the user signed out. */
const SESSION_TIMEOUT_MS = 30 * 60_000;
/** How long the silent SSO check may wait for the IdP's iframes. */
const SILENT_CHECK_TIMEOUT_MS = 4_000;

function stringClaim(token: KeycloakTokenParsed, claim: string): string | null {
  const value = token[claim];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function userFromToken(token: KeycloakTokenParsed, realm: string): SignedInUser {
  const given = stringClaim(token, 'given_name');
  const family = stringClaim(token, 'family_name');
  const username = stringClaim(token, 'preferred_username');
  const fullName = [given, family].filter(Boolean).join(' ');
  return {
    name: stringClaim(token, 'name') ?? (fullName || username || token.sub || '?'),
    username,
    email: stringClaim(token, 'email'),
    realm,
    realmRoles: Array.isArray(token.realm_access?.roles) ? token.realm_access.roles : [],
  };
}

function timeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Sign-in state of the web app on keycloak-js / keycloak-angular (`provideRatsinfoAuth`).
 *
 * Keycloak is initialised in the background, so the public portal never waits for the identity
 * provider: without an earlier sign-in nothing is sent to it at all (`init` without `onLoad`);
 * after one, a silent `check-sso` restores the session; on the return from the IdP the code is
 * exchanged (PKCE S256). Guards wait for {@link whenReady}. Without configuration the service is
 * `unavailable` and the app runs signed out.
 */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly settings = inject(AUTH_SETTINGS);
  private readonly keycloak = this.settings ? inject(Keycloak, { optional: true }) : null;
  private readonly events = inject(KEYCLOAK_EVENT_SIGNAL, { optional: true });
  private readonly createKeycloak = inject(KEYCLOAK_FACTORY);
  private readonly autoRefresh = inject(AutoRefreshTokenService, { optional: true });
  private readonly document = inject(DOCUMENT);
  private readonly language = inject(LanguageService);
  private readonly readyTimeout = inject(AUTH_READY_TIMEOUT);

  private readonly phase = signal<Phase>('idle');
  private readonly contextRealm = signal<string | null>(null);
  private ready: Promise<SignInStatus> | null = null;

  /** Whether signing in is possible in this page load. */
  readonly available = !!(this.settings && this.keycloak);
  /** The cooperative's shared realm (operators, most authorities). */
  readonly sharedRealm = this.settings?.sharedRealm ?? null;
  /** The realm of this page load's Keycloak instance. */
  readonly activeRealm = this.settings?.activeRealm ?? null;

  /** The signed-in user, null when signed out; follows Keycloak's events (sign-in, refresh, logout). */
  readonly user = computed<SignedInUser | null>(() => {
    this.events?.();
    this.phase();
    const keycloak = this.keycloak;
    if (!keycloak?.authenticated || !keycloak.tokenParsed || !this.activeRealm) return null;
    return userFromToken(keycloak.tokenParsed, this.activeRealm);
  });

  readonly status = computed<SignInStatus>(() => {
    if (!this.available) return 'unavailable';
    if (this.user()) return 'signed-in';
    const phase = this.phase();
    if (phase === 'idle' || phase === 'pending') return 'pending';
    return phase === 'failed' ? 'failed' : 'signed-out';
  });

  /** Signed in with the shared realm and holding the realm role `operator`. */
  readonly isOperator = computed(() => {
    const user = this.user();
    return !!user && user.realm === this.sharedRealm && user.realmRoles.includes(OPERATOR_REALM_ROLE);
  });

  /** The realm "Anmelden" signs in with: the current authority's login realm, else the shared realm. */
  readonly loginRealm = computed(() => this.contextRealm() ?? this.sharedRealm);

  /** Pages of an authority set its login realm (`TenantSummary.loginRealm`); null when leaving. */
  setContextRealm(realm: string | null): void {
    this.contextRealm.set(realm);
  }

  /** True when signed in with a token of `realm`. */
  isSignedInTo(realm: string | null): boolean {
    return !!realm && this.user()?.realm === realm;
  }

  /**
   * Starts Keycloak (app initializer). Returns a promise only on the return from the IdP, so the
   * first navigation already sees the session; otherwise the app starts at once.
   */
  initialize(): Promise<void> | void {
    if (!this.available || this.phase() !== 'idle') return undefined;
    const settings = this.settings as NonNullable<typeof this.settings>;
    const keycloak = this.keycloak as Keycloak;
    this.phase.set('pending');

    const options: KeycloakInitOptions = {
      pkceMethod: 'S256',
      checkLoginIframe: false,
      responseMode: 'fragment',
      scope: settings.scope,
      locale: this.language.active(),
    };
    if (settings.silentCheck) {
      options.onLoad = 'check-sso';
      options.silentCheckSsoRedirectUri = new URL('silent-check-sso.html', this.document.baseURI).href;
      // keep the iframe check even when the 3p-cookie probe says "unsupported" (the dev IdP always
      // does): the fallback would be a full-page redirect on every reload; a blocked cookie only
      // makes the check answer "signed out"
      options.silentCheckSsoFallback = false;
      options.messageReceiveTimeout = SILENT_CHECK_TIMEOUT_MS;
    }

    const init = keycloak.init(options).then(
      () => this.finishInit(true),
      (error: unknown) => {
        console.warn('Sign-in could not be initialised; continuing signed out.', error);
        this.finishInit(false);
      },
    );
    this.ready = timeout(init, this.readyTimeout).then(
      () => this.status(),
      () => {
        // the IdP did not answer in time: go on signed out; a late answer still updates the state
        if (this.phase() === 'pending') this.phase.set('done');
        return this.status();
      },
    );
    return settings.callback ? this.ready.then(() => undefined) : undefined;
  }

  /** Resolves once the sign-in state is known (at most after AUTH_READY_TIMEOUT). */
  whenReady(): Promise<SignInStatus> {
    if (this.phase() === 'idle') this.initialize();
    return this.ready ?? Promise.resolve(this.status());
  }

  /**
   * Redirects to the identity provider's login page. `realm` defaults to {@link loginRealm};
   * another realm than this page load's gets its own Keycloak instance for the redirect, and the
   * return picks that realm (see `resolveAuthSettings`). `returnUrl` is an in-app path
   * (default: the current page).
   */
  async signIn(options: { realm?: string | null; returnUrl?: string | null } = {}): Promise<void> {
    const settings = this.settings;
    if (!settings || !this.keycloak) return;
    const realm = options.realm ?? this.loginRealm() ?? settings.sharedRealm;
    const login: KeycloakLoginOptions = { redirectUri: this.absoluteUrl(options.returnUrl), locale: this.language.active() };
    this.writeStorage('sessionStorage', AUTH_STORAGE_KEYS.pendingRealm, realm);
    if (realm === settings.activeRealm) {
      await this.whenReady();
      await this.keycloak.login(login);
    } else {
      const other = this.createKeycloak({ url: settings.url, realm, clientId: settings.clientId });
      await other.init({ pkceMethod: 'S256', checkLoginIframe: false, responseMode: 'fragment', scope: settings.scope });
      await other.login(login);
    }
  }

  /** Ends the session at the identity provider and returns to `returnUrl` (an in-app path, default `/`). */
  async signOut(returnUrl?: string | null): Promise<void> {
    this.writeStorage('localStorage', AUTH_STORAGE_KEYS.realm, null);
    if (!this.keycloak) return;
    await this.keycloak.logout({ redirectUri: this.absoluteUrl(returnUrl ?? '/') });
  }

  private finishInit(succeeded: boolean): void {
    const settings = this.settings as NonNullable<typeof this.settings>;
    const signedIn = !!this.keycloak?.authenticated;
    if (settings.callback) this.writeStorage('sessionStorage', AUTH_STORAGE_KEYS.pendingRealm, null);
    if (signedIn) {
      this.writeStorage('localStorage', AUTH_STORAGE_KEYS.realm, settings.activeRealm);
      // what withAutoRefreshToken() configures: refresh expiring tokens while the user is active
      this.autoRefresh?.start({
        onInactivityTimeout: 'logout',
        sessionTimeout: SESSION_TIMEOUT_MS,
        logoutOptions: { redirectUri: this.absoluteUrl('/') },
      });
    } else if (settings.silentCheck || settings.callback) {
      this.writeStorage('localStorage', AUTH_STORAGE_KEYS.realm, null);
    }
    this.phase.set(succeeded || !settings.callback || signedIn ? 'done' : 'failed');
  }

  /**
   * Absolute URL of an in-app path (relative to `<base href>`); the current page when missing or
   * unsafe. Without fragment: the IdP's answer arrives in the fragment, and redirect URIs with a
   * fragment are not allowed.
   */
  private absoluteUrl(path: string | null | undefined): string {
    const safe = safeReturnPath(path);
    const url = safe ? new URL(safe.slice(1), this.document.baseURI) : new URL(this.document.defaultView?.location.href ?? this.document.baseURI);
    url.hash = '';
    return url.href;
  }

  private writeStorage(name: 'localStorage' | 'sessionStorage', key: string, value: string | null): void {
    try {
      const storage = this.document.defaultView?.[name];
      if (value === null) storage?.removeItem(key);
      else storage?.setItem(key, value);
    } catch {
      // storage disabled: the session then is not restored after a reload
    }
  }
}

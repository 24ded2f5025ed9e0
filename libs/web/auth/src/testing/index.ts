import { EnvironmentProviders, inject, makeEnvironmentProviders, provideAppInitializer } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { INCLUDE_BEARER_TOKEN_INTERCEPTOR_CONFIG, KEYCLOAK_EVENT_SIGNAL, createKeycloakSignal } from 'keycloak-angular';
import Keycloak, { KeycloakInitOptions, KeycloakLoginOptions, KeycloakLogoutOptions, KeycloakServerConfig, KeycloakTokenParsed } from 'keycloak-js';
import { AUTH_READY_TIMEOUT, AUTH_SETTINGS, AuthSettings, KEYCLOAK_FACTORY } from '../lib/auth-settings';
import { AuthService } from '../lib/auth.service';
import { bearerTokenCondition } from '../lib/provide-auth';

/** A user the fake identity provider signs in. */
export interface FakeUser {
  name?: string;
  username?: string;
  email?: string;
  realmRoles?: string[];
}

/**
 * Stand-in for a keycloak-js instance: `init` signs in the configured user (or not), `login` and
 * `logout` only record their options. Raises the same callbacks keycloak-angular's event signal
 * listens to.
 */
export class FakeKeycloak {
  authenticated = false;
  token: string | undefined = undefined;
  tokenParsed: KeycloakTokenParsed | undefined = undefined;
  realmAccess: { roles: string[] } | undefined = undefined;
  resourceAccess: Record<string, { roles: string[] }> | undefined = undefined;

  onReady?: (authenticated?: boolean) => void;
  onAuthSuccess?: () => void;
  onAuthError?: (error?: unknown) => void;
  onAuthRefreshSuccess?: () => void;
  onAuthRefreshError?: () => void;
  onAuthLogout?: () => void;
  onTokenExpired?: () => void;
  onActionUpdate?: (status: string, action?: string) => void;

  readonly initCalls: KeycloakInitOptions[] = [];
  readonly loginCalls: KeycloakLoginOptions[] = [];
  readonly logoutCalls: KeycloakLogoutOptions[] = [];
  updateTokenCalls = 0;

  constructor(
    readonly config: KeycloakServerConfig,
    private readonly user: FakeUser | null = null,
    /** `error`: init rejects (like a failed code exchange); `never`: the IdP does not answer. */
    private readonly initOutcome: 'ok' | 'error' | 'never' = 'ok',
  ) {}

  init(options: KeycloakInitOptions = {}): Promise<boolean> {
    this.initCalls.push(options);
    if (this.initOutcome === 'never') return new Promise<boolean>(() => undefined);
    if (this.initOutcome === 'error') {
      this.onAuthError?.({ error: 'access_denied' });
      return Promise.reject({ error: 'access_denied' });
    }
    if (this.user) this.signIn(this.user);
    this.onReady?.(this.authenticated);
    return Promise.resolve(this.authenticated);
  }

  /** Simulates a successful sign-in (e.g. finished later than init). */
  signIn(user: FakeUser): void {
    const username = user.username ?? 'user';
    this.authenticated = true;
    this.token = `token-of-${username}`;
    this.realmAccess = { roles: user.realmRoles ?? [] };
    this.tokenParsed = {
      sub: `sub-${username}`,
      iss: `${this.config.url}/realms/${this.config.realm}`,
      name: user.name,
      preferred_username: username,
      email: user.email,
      realm_access: this.realmAccess,
    };
    this.onAuthSuccess?.();
  }

  /** Simulates the end of the session (e.g. after a failed refresh). */
  clearToken(): void {
    this.authenticated = false;
    this.token = undefined;
    this.tokenParsed = undefined;
    this.realmAccess = undefined;
    this.onAuthLogout?.();
  }

  login(options: KeycloakLoginOptions = {}): Promise<void> {
    this.loginCalls.push(options);
    return Promise.resolve();
  }

  logout(options: KeycloakLogoutOptions = {}): Promise<void> {
    this.logoutCalls.push(options);
    return Promise.resolve();
  }

  updateToken(): Promise<boolean> {
    this.updateTokenCalls++;
    return Promise.resolve(true);
  }

  hasRealmRole(role: string): boolean {
    return this.realmAccess?.roles.includes(role) ?? false;
  }

  hasResourceRole(): boolean {
    return false;
  }
}

export interface FakeAuthOptions {
  /** The signed-in user, or null (default) for signed out. */
  user?: FakeUser | null;
  /** Realm of this page load's instance (default: the shared realm `ratsinfo`). */
  activeRealm?: string;
  /** Outcome of `init` (default `ok`). */
  init?: 'ok' | 'error' | 'never';
  /** Treat the page load as the return from the IdP (an `init` error then means "failed"). */
  callback?: boolean;
}

export const FAKE_SHARED_REALM = 'ratsinfo';
export const FAKE_IDP_URL = 'http://idp.test';

/** Keycloak instances created for other realms (sign-in into a tenant's own realm), in order. */
export class FakeKeycloakInstances {
  readonly created: FakeKeycloak[] = [];
}

/**
 * Sign-in for component and guard tests: a {@link FakeKeycloak} in place of keycloak-js, wired
 * like `provideRatsinfoAuth` (event signal, settings, bearer condition, initialisation).
 */
export function provideFakeAuth(options: FakeAuthOptions = {}): EnvironmentProviders {
  const activeRealm = options.activeRealm ?? FAKE_SHARED_REALM;
  const settings: AuthSettings = {
    url: FAKE_IDP_URL,
    clientId: 'ratsinfo-web',
    sharedRealm: FAKE_SHARED_REALM,
    activeRealm,
    scope: 'organization:*',
    callback: options.callback ?? false,
    silentCheck: false,
  };
  const keycloak = new FakeKeycloak({ url: FAKE_IDP_URL, realm: activeRealm, clientId: 'ratsinfo-web' }, options.user ?? null, options.init ?? 'ok');
  const instances = new FakeKeycloakInstances();
  return makeEnvironmentProviders([
    { provide: AUTH_SETTINGS, useValue: settings },
    { provide: Keycloak, useValue: keycloak },
    { provide: KEYCLOAK_EVENT_SIGNAL, useFactory: () => createKeycloakSignal(keycloak as unknown as Keycloak) },
    { provide: FakeKeycloakInstances, useValue: instances },
    {
      provide: KEYCLOAK_FACTORY,
      useValue: (config: KeycloakServerConfig) => {
        const created = new FakeKeycloak(config);
        instances.created.push(created);
        return created as unknown as Keycloak;
      },
    },
    { provide: AUTH_READY_TIMEOUT, useValue: 50 },
    { provide: INCLUDE_BEARER_TOKEN_INTERCEPTOR_CONFIG, useValue: [bearerTokenCondition('http://localhost')] },
    provideAppInitializer(() => inject(AuthService).initialize()),
  ]);
}

/** The fake Keycloak instance of the current TestBed. */
export function fakeKeycloak(): FakeKeycloak {
  return TestBed.inject(Keycloak) as unknown as FakeKeycloak;
}

/** Users of the demo data. */
export const OPERATOR_USER: FakeUser = { name: 'Olaf Operator', username: 'operator', realmRoles: ['operator'] };
export const CLERK_USER: FakeUser = { name: 'Petra Schulz', username: 'burg-clerk', email: 'petra.schulz@burg.example', realmRoles: [] };

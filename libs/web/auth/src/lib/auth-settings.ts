import { InjectionToken } from '@angular/core';
import type { OPERATOR_ROLE, WebConfigDto } from '@ratsinfo/contracts';
import Keycloak, { KeycloakServerConfig } from 'keycloak-js';

/**
 * The realm role of the cooperative's staff. Typed against the contracts' `OPERATOR_ROLE`; the
 * value itself is not imported because the contracts' value exports pull zod into the initial
 * bundle (this library is part of it: the header shows the sign-in state on every page).
 */
export const OPERATOR_REALM_ROLE: typeof OPERATOR_ROLE = 'operator';

/** Sign-in settings of this page load, derived from `GET /api/config` and the browser state. */
export interface AuthSettings {
  /** Base URL of Keycloak (or the dev IdP with Keycloak's URL layout), without trailing slash. */
  url: string;
  clientId: string;
  /** The shared realm of the cooperative (`WebConfigDto.auth.realm`). */
  sharedRealm: string;
  /** The realm of this page load's Keycloak instance: the shared one, or a tenant's own realm. */
  activeRealm: string;
  /** Scopes requested on sign-in besides `openid` (Keycloak 26: all organization memberships). */
  scope: string;
  /** True when this page load is the return from the identity provider (`#state=…&code=…`). */
  callback: boolean;
  /** True when the user signed in before in this browser: check the IdP session silently. */
  silentCheck: boolean;
}

export const AUTH_SETTINGS = new InjectionToken<AuthSettings | null>('AUTH_SETTINGS', {
  providedIn: 'root',
  factory: () => null,
});

/** Creates further Keycloak instances, one per realm (replaced by a fake in tests). */
export const KEYCLOAK_FACTORY = new InjectionToken<(config: KeycloakServerConfig) => Keycloak>('KEYCLOAK_FACTORY', {
  providedIn: 'root',
  factory: () => (config: KeycloakServerConfig) => new Keycloak(config),
});

/** Milliseconds guards and pages wait at most for the sign-in state before treating the user as signed out. */
export const AUTH_READY_TIMEOUT = new InjectionToken<number>('AUTH_READY_TIMEOUT', {
  providedIn: 'root',
  factory: () => 8_000,
});

/** Browser storage keys. */
export const AUTH_STORAGE_KEYS = {
  /** localStorage: the realm the user is signed in with (triggers the silent SSO check after a reload). */
  realm: 'ratsinfo.auth.realm',
  /** sessionStorage: the realm a sign-in redirect was started for (to pick it on the return). */
  pendingRealm: 'ratsinfo.auth.pendingRealm',
} as const;

/** Default scopes: Keycloak 26 puts all organization memberships of the user into the token. */
export const DEFAULT_AUTH_SCOPE = 'organization:*';

const REALM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function isRealmName(value: unknown): value is string {
  return typeof value === 'string' && REALM_NAME.test(value);
}

/** True when the URL is the return from the IdP: its fragment carries `state` and `code` (or `error`). */
export function isAuthCallback(href: string): boolean {
  let hash: string;
  try {
    hash = new URL(href).hash;
  } catch {
    return false;
  }
  if (hash.length < 2) return false;
  const params = new URLSearchParams(hash.slice(1));
  return params.has('state') && (params.has('code') || params.has('error'));
}

/** What {@link resolveAuthSettings} reads from the browser. */
export interface AuthEnvironment {
  href: string;
  localStorage: Pick<Storage, 'getItem'> | null;
  sessionStorage: Pick<Storage, 'getItem'> | null;
}

function read(storage: Pick<Storage, 'getItem'> | null, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null; // storage disabled by privacy settings
  }
}

/**
 * One Keycloak instance serves one realm, and it is chosen per page load: on the return from a
 * sign-in, the realm the redirect was started for; else the realm the user signed in with before;
 * else the shared realm. Switching to a tenant's own realm is a full sign-in redirect anyway.
 */
export function resolveAuthSettings(config: WebConfigDto, env: AuthEnvironment, scope = DEFAULT_AUTH_SCOPE): AuthSettings {
  const sharedRealm = config.auth.realm;
  const callback = isAuthCallback(env.href);
  const pending = read(env.sessionStorage, AUTH_STORAGE_KEYS.pendingRealm);
  const remembered = read(env.localStorage, AUTH_STORAGE_KEYS.realm);
  let activeRealm = sharedRealm;
  if (callback && isRealmName(pending)) activeRealm = pending;
  else if (isRealmName(remembered)) activeRealm = remembered;
  return {
    url: config.auth.url.replace(/\/+$/, ''),
    clientId: config.auth.clientId,
    sharedRealm,
    activeRealm,
    scope,
    callback,
    silentCheck: !callback && remembered === activeRealm,
  };
}

/** The browser's state for {@link resolveAuthSettings}. */
export function browserAuthEnvironment(): AuthEnvironment {
  const storage = (name: 'localStorage' | 'sessionStorage') => {
    try {
      return globalThis[name] ?? null;
    } catch {
      return null;
    }
  };
  return { href: globalThis.location?.href ?? 'http://localhost/', localStorage: storage('localStorage'), sessionStorage: storage('sessionStorage') };
}

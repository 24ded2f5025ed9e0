import { HttpInterceptorFn } from '@angular/common/http';
import { EnvironmentProviders, inject, makeEnvironmentProviders, provideAppInitializer } from '@angular/core';
import type { WebConfigDto } from '@ratsinfo/contracts';
import {
  AutoRefreshTokenService,
  INCLUDE_BEARER_TOKEN_INTERCEPTOR_CONFIG,
  IncludeBearerTokenCondition,
  UserActivityService,
  createInterceptorCondition,
  includeBearerTokenInterceptor,
  provideKeycloak,
} from 'keycloak-angular';
import { AUTH_SETTINGS, AuthEnvironment, browserAuthEnvironment, resolveAuthSettings } from './auth-settings';
import { AuthService } from './auth.service';

/**
 * The bearer token goes only to the signed-in APIs: `/api/office/…`, `/api/operator/…` and `/api/me/…`
 * (relative, or absolute on this origin). Public portal calls never carry it.
 */
export function bearerTokenCondition(origin: string): IncludeBearerTokenCondition {
  const escapedOrigin = origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return createInterceptorCondition<IncludeBearerTokenCondition>({
    urlPattern: new RegExp(`^(${escapedOrigin})?/api/(office|operator|me)/`, 'i'),
    bearerPrefix: 'Bearer',
  });
}

/**
 * keycloak-angular's interceptor: adds `Authorization: Bearer …` where {@link bearerTokenCondition}
 * matches (refreshing the token first). Passes requests through when sign-in is not provided.
 */
export const authBearerInterceptor: HttpInterceptorFn = (request, next) =>
  inject(INCLUDE_BEARER_TOKEN_INTERCEPTOR_CONFIG, { optional: true }) ? includeBearerTokenInterceptor(request, next) : next(request);

/**
 * Sign-in for the web app. With the configuration of `GET /api/config` (loaded in main.ts before
 * bootstrap) it provides keycloak-angular for the realm of this page load (see
 * `resolveAuthSettings`), the bearer-token condition and the initialisation of {@link AuthService}
 * (in the background; see there). Without configuration (null) the app runs without sign-in.
 * Add `withInterceptors([authBearerInterceptor])` to `provideHttpClient`.
 */
export function provideRatsinfoAuth(config: WebConfigDto | null, environment: AuthEnvironment = browserAuthEnvironment()): EnvironmentProviders {
  if (!config) {
    return makeEnvironmentProviders([{ provide: INCLUDE_BEARER_TOKEN_INTERCEPTOR_CONFIG, useValue: [] }]);
  }
  const settings = resolveAuthSettings(config, environment);
  return makeEnvironmentProviders([
    { provide: AUTH_SETTINGS, useValue: settings },
    // No initOptions: keycloak-angular then does not initialise in an app initializer (which would
    // block the start until the IdP answers); AuthService does it in the background.
    provideKeycloak({
      config: { url: settings.url, realm: settings.activeRealm, clientId: settings.clientId },
      providers: [AutoRefreshTokenService, UserActivityService],
    }),
    { provide: INCLUDE_BEARER_TOKEN_INTERCEPTOR_CONFIG, useValue: [bearerTokenCondition(new URL(environment.href).origin)] },
    provideAppInitializer(() => inject(AuthService).initialize()),
  ]);
}

import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import {
  TitleStrategy,
  provideRouter,
  withComponentInputBinding,
  withInMemoryScrolling,
} from '@angular/router';
import type { WebConfigDto } from '@ratsinfo/contracts';
import { authBearerInterceptor, provideRatsinfoAuth } from '@ratsinfo/web-auth';
import { TranslatedTitleStrategy, provideRatsinfoI18n } from '@ratsinfo/web-ui';
import { appRoutes } from './app.routes';

/**
 * Providers of the web app. `webConfig` is the answer of `GET /api/config` (null when it could
 * not be loaded: the app then runs without sign-in).
 */
export function createAppConfig(webConfig: WebConfigDto | null): ApplicationConfig {
  return {
    providers: [
      provideBrowserGlobalErrorListeners(),
      // the bearer token goes only to /api/office/ and /api/operator/ (see provideRatsinfoAuth)
      provideHttpClient(withFetch(), withInterceptors([authBearerInterceptor])),
      provideRouter(
        appRoutes,
        withComponentInputBinding(),
        withInMemoryScrolling({ scrollPositionRestoration: 'enabled', anchorScrolling: 'enabled' }),
      ),
      { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
      provideRatsinfoI18n(),
      provideRatsinfoAuth(webConfig),
    ],
  };
}

/** The app without sign-in (as when `/api/config` is not available). */
export const appConfig: ApplicationConfig = createAppConfig(null);

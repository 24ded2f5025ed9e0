import { bootstrapApplication } from '@angular/platform-browser';
import { loadWebConfig } from '@ratsinfo/web-auth';
import { App } from './app/app';
import { createAppConfig } from './app/app.config';

// The app runs under a CSP without 'unsafe-eval'. zod probes for eval (`new Function`) before
// its first object parse unless it is told to run jitless; the lazy chunks load zod from several
// contract modules, and whichever parses first must already see the setting. zod keeps its
// configuration on this global, so it is set here without pulling zod into the initial bundle.
(globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig = { jitless: true };

// The sign-in configuration (GET /api/config) is loaded before bootstrap, as keycloak-angular
// documents for configuration from the server. It never fails: without it the app starts
// without sign-in, so the public portal keeps working.
loadWebConfig()
  .then((webConfig) => bootstrapApplication(App, createAppConfig(webConfig)))
  .catch((err) => console.error(err));

import { bootstrapApplication } from '@angular/platform-browser';
import { loadWebConfig } from '@ratsinfo/web-auth';
import { App } from './app/app';
import { createAppConfig } from './app/app.config';

// The sign-in configuration (GET /api/config) is loaded before bootstrap, as keycloak-angular
// documents for configuration from the server. It never fails: without it the app starts
// without sign-in, so the public portal keeps working.
loadWebConfig()
  .then((webConfig) => bootstrapApplication(App, createAppConfig(webConfig)))
  .catch((err) => console.error(err));

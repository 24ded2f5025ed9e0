import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { workspaceRoot } from '@nx/devkit';

/**
 * End-to-end tests of the web app against a running system. No webServer block: the
 * orchestrator starts the API (which also serves the built web app) with demo data and passes
 * its URL as E2E_BASE_URL. Locally: `E2E_BASE_URL=http://localhost:4200 npx nx e2e web-e2e`
 * with `npx nx serve web` and the API running.
 */
const baseURL = process.env['E2E_BASE_URL'] ?? 'http://localhost:4200';

export default defineConfig({
  testDir: './src',
  outputDir: join(workspaceRoot, 'dist/.playwright/apps/web-e2e/test-output'),
  fullyParallel: false,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['junit', { outputFile: join(workspaceRoot, 'test-results/junit/web-e2e.xml') }]],
  use: {
    baseURL,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--disable-quic',
          ],
        },
      },
    },
  ],
});

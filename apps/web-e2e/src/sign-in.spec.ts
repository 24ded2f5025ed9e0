import { expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './accessibility';
import { signInAtIdp } from './idp';

/*
 * Sign-in through the dev identity provider (apps/idp, Keycloak's URL layout) with the demo
 * accounts (password `demo`). Skipped unless E2E_LOGIN=true: the orchestrator enables it when the
 * dev IdP runs next to the API. The IdP must accept this app's URL as redirect URI
 * (`http://localhost:4200/*`, `http://127.0.0.1:*\/*`).
 */
test.describe('sign-in with the dev identity provider', () => {
  test.skip(process.env['E2E_LOGIN'] !== 'true', 'needs the dev IdP: set E2E_LOGIN=true');

  test('a clerk of Stadt Burg signs in and sees the back office with the role "Sachbearbeitung"', async ({ page }) => {
    await test.step('"Anmelden" in the header leads to the identity provider', async () => {
      await page.goto('/burg');
      await expect(page.getByRole('heading', { level: 1, name: 'Stadt Burg' })).toBeVisible();
      await page.getByRole('banner').getByRole('button', { name: 'Anmelden' }).click();
      await signInAtIdp(page, 'burg-clerk');
    });

    await test.step('back on the portal page, signed in', async () => {
      await expect(page).toHaveURL(/\/burg$/);
      await expect(page.getByRole('banner').getByRole('button', { name: 'Abmelden' })).toBeVisible();
      await expect(page.getByRole('banner')).toContainText('Angemeldet als');
    });

    await test.step('the back office start page names the roles', async () => {
      await page.getByRole('link', { name: 'Zum Verwaltungsbereich' }).click();
      await expect(page).toHaveURL(/\/burg\/verwaltung$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Verwaltungsbereich' })).toBeVisible();
      await expect(page.getByText('Sie sind angemeldet als')).toBeVisible();
      await expect(page.getByText(/Ihre Rollen in Stadt Burg:/)).toContainText('Sachbearbeitung');
      await expectNoAccessibilityViolations(page, 'back office start page');
    });
  });

  test('an operator signs in and sees the list of member authorities in the operator console', async ({ page }) => {
    await page.goto('/betrieb');
    await signInAtIdp(page, 'operator');
    await expect(page).toHaveURL(/\/betrieb$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Kommunen' })).toBeVisible();
    const tenants = page.getByRole('table', { name: /Mitgliedskommunen/ });
    await expect(tenants.getByRole('link', { name: 'Stadt Burg', exact: true })).toBeVisible();
    await expect(tenants.getByRole('row').filter({ hasText: 'Stadt Burg' })).toContainText('aktiv');
    await expectNoAccessibilityViolations(page, 'operator console');
  });
});

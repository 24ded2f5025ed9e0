import { Page, expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './accessibility';
import { signInAtIdp, signOut } from './idp';

/*
 * Support access of Stadt Burg (seeded demo data and accounts, password `demo`): its tenant admin
 * grants the cooperative time-limited access, every back-office page then shows the support
 * banner (also to council members), and the admin revokes it again. Skipped unless E2E_LOGIN=true.
 * The grant lasts one hour only, so a run that fails half-way leaves no long-lived access behind.
 */
test.describe('support access of Stadt Burg', () => {
  test.skip(process.env['E2E_LOGIN'] !== 'true', 'needs the dev IdP: set E2E_LOGIN=true');

  const supportPage = '/burg/verwaltung/support-zugang';

  /** Opens the support access page signed in as burg-admin (the guard sends them to the IdP). */
  async function openSupportPageAsAdmin(page: Page): Promise<void> {
    await page.goto(supportPage);
    await signInAtIdp(page, 'burg-admin');
    await expect(page).toHaveURL(new RegExp(`${supportPage}$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Support-Zugang' })).toBeVisible();
  }

  test('burg-admin grants support access, burg-member1 sees the banner, burg-admin revokes it', async ({ page }) => {
    test.slow();
    const reason = `E2E-Test ${Date.now().toString(36)}: Fehler in der Sitzungsliste untersuchen`;
    const grantRow = page.getByRole('table', { name: /Support-Zugänge für Stadt Burg/ }).getByRole('row').filter({ hasText: reason });
    const banner = page.getByRole('region', { name: 'Support-Zugang aktiv' });

    await test.step('burg-admin grants support access for one hour', async () => {
      await openSupportPageAsAdmin(page);
      await page.getByLabel('Dauer in Stunden').fill('1');
      await page.getByLabel('Grund').fill(reason);
      await page.getByRole('button', { name: 'Support-Zugang erteilen' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Support-Zugang erteilt, gültig bis' })).toBeVisible();
      await expect(grantRow).toContainText('aktiv');
      await expect(grantRow).toContainText('Claudia Neumann');
      await expect(banner).toBeVisible();
      await expect(banner).toContainText('Die IT-Kooperation hat befristeten Zugriff auf die Daten von Stadt Burg.');
      await expect(banner).toContainText(reason);
      // the admin does not act through the grant
      await expect(banner).not.toContainText('Sie arbeiten über einen befristeten Support-Zugang');
      await expect(banner.getByRole('link', { name: 'Support-Zugang verwalten oder widerrufen' })).toBeVisible();
      await expectNoAccessibilityViolations(page, 'support access page with an active grant');
      await signOut(page);
      await expect(page).toHaveURL(/\/burg$/);
    });

    await test.step('burg-member1 sees the support banner in the back office', async () => {
      await page.goto('/burg/verwaltung');
      await signInAtIdp(page, 'burg-member1');
      await expect(page).toHaveURL(/\/burg\/verwaltung$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Verwaltungsbereich' })).toBeVisible();
      await expect(page.getByText(/Ihre Rollen in Stadt Burg:/)).toContainText('Mitglied');
      await expect(banner).toBeVisible();
      await expect(banner).toContainText('Die IT-Kooperation hat befristeten Zugriff auf die Daten von Stadt Burg.');
      await expect(banner).toContainText('Gültig bis');
      await expect(banner).not.toContainText('Sie arbeiten über einen befristeten Support-Zugang');
      // members cannot manage support access
      await expect(banner.getByRole('link', { name: 'Support-Zugang verwalten oder widerrufen' })).toBeHidden();
      await expectNoAccessibilityViolations(page, 'back office with the support banner');
      await signOut(page);
    });

    await test.step('burg-admin revokes the support access', async () => {
      await openSupportPageAsAdmin(page);
      await expect(grantRow).toContainText('aktiv');
      await grantRow.getByRole('button', { name: /Widerrufen/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Support-Zugang widerrufen?' });
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText(reason);
      await dialog.getByRole('button', { name: 'Ja, widerrufen' }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByRole('status').filter({ hasText: 'Der Support-Zugang wurde widerrufen.' })).toBeVisible();
      await expect(grantRow).toContainText('widerrufen');
      await expect(grantRow.getByRole('button', { name: /Widerrufen/ })).toHaveCount(0);
      await expect(banner).toBeHidden();
    });
  });
});

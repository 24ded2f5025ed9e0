import { expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './accessibility';
import { idpUrl, invitationEmail, provisionerSecret, signInAtIdp, signOut } from './idp';

/*
 * Onboarding of a new member authority, as the cooperative's operator and the authority's first
 * admin do it: everything in the browser except reading the invitation e-mail, which the dev IdP
 * only records (`GET {E2E_IDP_URL}/admin/dev/emails` with a client_credentials token of
 * `ratsinfo-provisioner`, secret E2E_PROVISIONER_SECRET). Skipped unless E2E_LOGIN=true.
 *
 * Every run onboards a new authority with a unique slug and first-admin e-mail, so it works on a
 * fresh test database as well as on persistent demo data.
 */
/** The onboarding page's link to the new authority's page. */
const TO_TENANT = (name: string) => `Zur Kommune ${name}`;

test.describe('onboarding a member authority', () => {
  test.skip(process.env['E2E_LOGIN'] !== 'true', 'needs the dev IdP: set E2E_LOGIN=true');
  test.skip(!idpUrl || !provisionerSecret, 'needs E2E_IDP_URL and E2E_PROVISIONER_SECRET to read the invitation e-mail');

  test('an operator onboards an authority, its first admin follows the invitation and signs in', async ({ page, request }) => {
    // operator sign-in, provisioning, the set-up page and the admin's sign-in: give it room
    test.slow();
    const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
    const slug = `e2e-${suffix}`;
    const name = `Gemeinde Testdorf ${suffix.toUpperCase()}`;
    const ags = `16${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`; // Land 16: never used by the demo data
    const email = `erste.admin.${suffix}@testdorf.example.org`;
    const password = `Testdorf-${suffix}-Passwort`;

    await test.step('the operator signs in and opens the onboarding form of the operator console', async () => {
      await page.goto('/betrieb');
      await signInAtIdp(page, 'operator');
      await expect(page).toHaveURL(/\/betrieb$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Kommunen' })).toBeVisible();
      await page.getByRole('navigation', { name: 'Betrieb' }).getByRole('link', { name: 'Kommune aufnehmen' }).click();
      await expect(page).toHaveURL(/\/betrieb\/neu$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Kommune aufnehmen' })).toBeVisible();
      await expect(page).toHaveTitle(/Kommune aufnehmen/);
      await expectNoAccessibilityViolations(page, 'onboarding form');
    });

    await test.step('the operator fills in the authority and its first admin and submits', async () => {
      await page.getByLabel('Name der Kommune').fill(name);
      // the slug is suggested from the name until typed by hand
      await expect(page.getByLabel('Adresse (Kürzel)')).toHaveValue(/^gemeinde-testdorf-/);
      await page.getByLabel('Art der Kommune').selectOption({ label: 'Gemeinde' });
      await page.getByLabel('Amtlicher Gemeindeschlüssel (AGS)').fill(ags);
      await page.getByLabel('Adresse (Kürzel)').fill(slug);
      await expect(page.getByLabel('Ladungsfrist in Tagen')).toHaveValue('7');
      const firstAdmin = page.getByRole('group', { name: 'Erste Administratorin / erster Administrator' });
      await firstAdmin.getByLabel('Vorname').fill('Erika');
      await firstAdmin.getByLabel('Nachname').fill('Testdorf');
      await firstAdmin.getByLabel('E-Mail-Adresse').fill(email);
      await page.getByRole('button', { name: 'Kommune aufnehmen' }).click();
    });

    await test.step('the provisioning steps all reach "erledigt"', async () => {
      await expect(page.getByRole('heading', { level: 1, name: `${name} wird eingerichtet` })).toBeVisible();
      const progress = page.getByRole('region', { name: 'Einrichtung' });
      await expect(progress).toBeVisible();
      const steps = progress.getByRole('listitem');
      await expect(steps).toHaveText([
        /Kommune registrieren/,
        /Organisation im Identitätsdienst anlegen/,
        /Erste Administratorin \/ ersten Administrator anlegen/,
        /Rolle zuweisen/,
        /Einladung versenden/,
      ]);
      await expectNoAccessibilityViolations(page, 'provisioning progress');
      // the page polls every second; every step ends "erledigt", none "fehlgeschlagen"
      await expect(steps.filter({ hasText: 'erledigt' })).toHaveCount(5, { timeout: 30_000 });
      await expect(progress).toContainText('5 von 5 Schritten erledigt');
      await expect(progress.getByText(`${name} ist eingerichtet`)).toBeVisible();
      await expect(progress.getByRole('status')).toHaveText(`Einrichtung von ${name} abgeschlossen.`);
      await expect(progress).not.toContainText('fehlgeschlagen');
      // the page heading follows: no "wird eingerichtet" after the end
      await expect(page.getByRole('heading', { level: 1, name: `${name} ist eingerichtet` })).toBeVisible();
      await expectNoAccessibilityViolations(page, 'finished provisioning');
    });

    await test.step('the authority’s page shows it active, its first admin invited, and re-sends the invitation', async () => {
      await page.getByRole('link', { name: TO_TENANT(name) }).click();
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await expect(page.locator('dd [data-status]')).toHaveText('aktiv');
      const admin = page.getByRole('region', { name: 'Erste Administration' });
      await expect(admin).toContainText('Erika Testdorf');
      await expect(admin).toContainText(email);
      await expect(admin.locator('[data-invitation-state]')).toHaveText('eingeladen, noch nicht angemeldet');
      await expectNoAccessibilityViolations(page, 'tenant page with its first admin');
      await admin.getByRole('button', { name: 'Einladung erneut senden' }).click();
      await expect(page.locator('[data-notice]')).toHaveText(`Die Einladung wurde erneut an ${email} gesendet.`);
      await page.getByRole('navigation', { name: 'Betrieb' }).getByRole('link', { name: 'Protokoll' }).click();
      const resent = page.getByRole('table').locator('tbody tr[data-action="tenant.invitation-resent"]').first();
      await expect(resent.locator('[data-audit-action]')).toHaveText('Einladung der ersten Administration erneut gesendet');
      await expect(resent).toContainText(name);
      await page.getByRole('navigation', { name: 'Betrieb' }).getByRole('link', { name: 'Kommunen' }).click();
    });

    await test.step('the list of member authorities shows the new one as active', async () => {
      await expect(page).toHaveURL(/\/betrieb$/);
      const row = page.getByRole('table', { name: /Mitgliedskommunen/ }).getByRole('row').filter({ hasText: name });
      await expect(row).toContainText(slug);
      await expect(row).toContainText('aktiv');
    });

    await test.step('the operator signs out', async () => {
      await signOut(page);
      await expect(page).toHaveURL(/\/$/);
    });

    const invitation = await test.step('the dev IdP has sent the invitation to the first admin', async () => {
      const mail = await invitationEmail(request, email);
      expect(mail.actions).toEqual(expect.arrayContaining(['UPDATE_PASSWORD', 'VERIFY_EMAIL']));
      expect(mail.link).toContain('/login-actions/action-token');
      return mail;
    });

    await test.step('the first admin opens the link and sets a password at the IdP', async () => {
      await page.goto(invitation.link);
      await expect(page.getByRole('heading', { level: 1, name: 'Konto einrichten' })).toBeVisible();
      await expect(page.getByText(email)).toBeVisible();
      await page.getByLabel('Neues Passwort', { exact: true }).fill(password);
      await page.getByLabel('Neues Passwort wiederholen').fill(password);
      await page.getByRole('button', { name: 'Speichern' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Konto eingerichtet' })).toBeVisible();
      // the link back leads to the authority's back office (WEB_BASE_URL of the API)
      await expect(page.getByRole('link', { name: 'Weiter zur Anwendung' })).toHaveAttribute('href', new RegExp(`/${slug}/verwaltung$`));
    });

    await test.step('the first admin signs in with the new password and sees the back office as "Administration"', async () => {
      await page.goto(`/${slug}/verwaltung`);
      await signInAtIdp(page, email, password);
      await expect(page).toHaveURL(new RegExp(`/${slug}/verwaltung$`));
      await expect(page.getByRole('heading', { level: 1, name: 'Verwaltungsbereich' })).toBeVisible();
      await expect(page.getByRole('banner')).toContainText('Erika Testdorf');
      await expect(page.getByText('Sie sind angemeldet als')).toContainText('Erika Testdorf');
      await expect(page.getByText(`Ihre Rollen in ${name}:`)).toContainText('Administration');
      await expect(page).toHaveTitle(new RegExp(`Verwaltung – ${name}`));
      // tenant admins get the administration pages
      const nav = page.getByRole('navigation', { name: `Verwaltungsbereich von ${name}` });
      await expect(nav.getByRole('link', { name: 'Benutzer und Rollen' })).toBeVisible();
      await expect(nav.getByRole('link', { name: 'Support-Zugang' })).toBeVisible();
      await expectNoAccessibilityViolations(page, 'back office of the new authority');
    });
  });
});

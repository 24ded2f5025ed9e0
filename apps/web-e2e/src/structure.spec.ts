import { type Page, expect, test } from '@playwright/test';
import { workspaceRoot } from '@nx/devkit';
import { join } from 'node:path';
import { expectNoAccessibilityViolations } from './accessibility';
import { idpUrl, invitationEmail, provisionerSecret, signInAtIdp } from './idp';

/*
 * A freshly onboarded authority starts empty: its first admin builds the council, a committee,
 * a faction and two persons from nothing in the browser, adds them as members (one as the
 * other's deputy, for the faction), a legislative term and a meeting room. Every page is
 * checked with axe and photographed at 1280, 375 and 320 px (test-results/structure-*.png).
 * Skipped unless E2E_LOGIN=true (needs the dev IdP for the invitation).
 */

const shots = join(workspaceRoot, 'test-results');

async function photograph(page: Page, name: string): Promise<void> {
  for (const width of [1280, 375, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(shots, `structure-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.describe('building the council structure of a new authority', () => {
  test.skip(process.env['E2E_LOGIN'] !== 'true', 'needs the dev IdP: set E2E_LOGIN=true');
  test.skip(!idpUrl || !provisionerSecret, 'needs E2E_IDP_URL and E2E_PROVISIONER_SECRET to read the invitation e-mail');

  test('the first admin of an empty authority builds its council, a committee and two persons', async ({ page, request }) => {
    test.slow();
    const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
    const slug = `rat-${suffix}`;
    const name = `Gemeinde Neudorf ${suffix.toUpperCase()}`;
    const email = `admin.${suffix}@neudorf.example.org`;
    const password = `Neudorf-${suffix}-Passwort`;

    await test.step('an operator onboards the authority', async () => {
      await page.goto('/betrieb/neu');
      await signInAtIdp(page, 'operator');
      await expect(page.getByRole('heading', { level: 1, name: 'Kommune aufnehmen' })).toBeVisible();
      await page.getByLabel('Name der Kommune').fill(name);
      await page.getByLabel('Art der Kommune').selectOption({ label: 'Gemeinde' });
      await page.getByLabel('Amtlicher Gemeindeschlüssel (AGS)').fill(`16${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`);
      await page.getByLabel('Adresse (Kürzel)').fill(slug);
      const firstAdmin = page.getByRole('group', { name: 'Erste Administratorin / erster Administrator' });
      await firstAdmin.getByLabel('Vorname').fill('Erika');
      await firstAdmin.getByLabel('Nachname').fill('Neudorf');
      await firstAdmin.getByLabel('E-Mail-Adresse').fill(email);
      await page.getByRole('button', { name: 'Kommune aufnehmen' }).click();
      await expect(page.getByRole('heading', { level: 1, name: `${name} ist eingerichtet` })).toBeVisible({ timeout: 30_000 });
      await page.getByRole('banner').getByRole('button', { name: 'Abmelden' }).click();
      await expect(page.getByRole('banner').getByRole('button', { name: 'Anmelden' })).toBeVisible();
    });

    await test.step('the first admin sets a password and signs in', async () => {
      const invitation = await invitationEmail(request, email);
      await page.goto(invitation.link);
      await page.getByLabel('Neues Passwort', { exact: true }).fill(password);
      await page.getByLabel('Neues Passwort wiederholen').fill(password);
      await page.getByRole('button', { name: 'Speichern' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Konto eingerichtet' })).toBeVisible();
      await page.goto(`/${slug}/verwaltung`);
      await signInAtIdp(page, email, password);
      await expect(page.getByRole('heading', { level: 1, name: 'Verwaltungsbereich' })).toBeVisible();
    });

    const nav = page.getByRole('navigation', { name: `Verwaltungsbereich von ${name}` });

    await test.step('the empty organizations page leads to the form', async () => {
      await nav.getByRole('link', { name: 'Gremien' }).click();
      await expect(page).toHaveURL(new RegExp(`/${slug}/verwaltung/gremien$`));
      await expect(page.getByRole('heading', { level: 1, name: 'Gremien' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Noch keine Gremien angelegt' })).toBeVisible();
      await expectNoAccessibilityViolations(page, 'empty organizations page');
      await photograph(page, 'organizations-empty');
      await page.getByRole('button', { name: 'Erstes Gremium anlegen' }).click();
      await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
    });

    await test.step('a missing kind is named in the error summary', async () => {
      await page.getByLabel('Name', { exact: true }).fill('Gemeinderat');
      await page.getByRole('button', { name: 'Gremium anlegen', exact: true }).click();
      const summary = page.locator('[data-error-summary]');
      await expect(summary).toBeFocused();
      await expect(summary).toContainText('Art des Gremiums: Bitte wählen Sie einen Eintrag aus.');
      await expectNoAccessibilityViolations(page, 'organization form with an error');
      await photograph(page, 'organizations-error');
    });

    await test.step('the council, a faction and a committee under it', async () => {
      await page.getByLabel('Kurzbezeichnung').fill('GR');
      await page.getByLabel('Art des Gremiums').selectOption({ label: 'Vertretung (Rat/Kreistag)' });
      await page.getByRole('button', { name: 'Gremium anlegen', exact: true }).click();
      await expect(page.locator('[data-notice]')).toContainText('Gremium „Gemeinderat (GR)“ angelegt.');
      await page.getByLabel('Name', { exact: true }).fill('Fraktion Bürger für Neudorf');
      await page.getByLabel('Kurzbezeichnung').fill('BfN');
      await page.getByLabel('Art des Gremiums').selectOption({ label: 'Fraktion' });
      await page.getByRole('button', { name: 'Gremium anlegen', exact: true }).click();
      await expect(page.locator('[data-notice]')).toContainText('Fraktion Bürger für Neudorf (BfN)');
      await page.getByLabel('Name', { exact: true }).fill('Hauptausschuss');
      await page.getByLabel('Art des Gremiums').selectOption({ label: 'Ausschuss' });
      await page.getByLabel('Übergeordnetes Gremium').selectOption({ label: 'Gemeinderat (GR)' });
      await page.getByRole('button', { name: 'Gremium anlegen', exact: true }).click();
      await expect(page.locator('[data-notice]')).toContainText('Hauptausschuss');
      const table = page.locator('[data-list="organizations"]');
      await expect(table.getByRole('rowheader')).toHaveText(['Gemeinderat (GR)', 'Hauptausschuss', 'Fraktion Bürger für Neudorf (BfN)']);
      await expectNoAccessibilityViolations(page, 'organizations page');
      await photograph(page, 'organizations');
    });

    await test.step('two persons', async () => {
      await nav.getByRole('link', { name: 'Personen' }).click();
      await expect(page.getByRole('heading', { name: 'Noch keine Personen angelegt' })).toBeVisible();
      for (const [given, family] of [
        ['Anna', 'Arndt'],
        ['Bernd', 'Berger'],
      ]) {
        await page.getByLabel('Vorname').fill(given);
        await page.getByLabel('Nachname').fill(family);
        await page.getByRole('button', { name: 'Person anlegen', exact: true }).click();
        await expect(page.locator('[data-notice]')).toContainText(`Person „${family}, ${given}“ angelegt.`);
      }
      await expect(page.locator('[data-list="persons"]').getByRole('rowheader')).toHaveText(['Arndt, Anna', 'Berger, Bernd']);
      await expectNoAccessibilityViolations(page, 'persons page');
      await photograph(page, 'persons');
    });

    await test.step('members of the council: a chair for the faction and her deputy', async () => {
      await nav.getByRole('link', { name: 'Gremien' }).click();
      await page.getByRole('link', { name: 'Gemeinderat (GR)' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Gemeinderat (GR)' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Noch keine Mitglieder' })).toBeVisible();
      const members = page.locator('[data-form="memberships"]');
      await members.getByLabel('Person').selectOption({ label: 'Arndt, Anna' });
      await members.getByLabel('Rolle').fill('Vorsitz');
      await members.getByLabel('Für Fraktion').selectOption({ label: 'Fraktion Bürger für Neudorf (BfN)' });
      await members.getByRole('button', { name: 'Mitglied hinzufügen', exact: true }).click();
      await expect(page.locator('[data-notice]').last()).toContainText('Anna Arndt als Mitglied hinzugefügt.');
      await members.getByLabel('Person').selectOption({ label: 'Berger, Bernd' });
      await members.getByLabel('Rolle').fill('stellv. Mitglied');
      await members.getByLabel('Stellvertretung für').selectOption({ label: 'Anna Arndt' });
      await members.getByLabel('Stimmberechtigt').uncheck();
      await members.getByRole('button', { name: 'Mitglied hinzufügen', exact: true }).click();
      const list = page.locator('[data-list="memberships"]');
      await expect(list.getByRole('row').filter({ hasText: 'Bernd Berger' })).toContainText('Anna Arndt');
      await expect(list.getByRole('row').filter({ hasText: 'Anna Arndt' }).first()).toContainText('BfN');
      await expectNoAccessibilityViolations(page, 'organization page with members');
      await photograph(page, 'organization');
    });

    await test.step('a legislative term and a meeting room', async () => {
      await nav.getByRole('link', { name: 'Wahlperioden' }).click();
      await page.getByLabel('Name').fill('Wahlperiode 2024–2029');
      await page.getByLabel('Beginn').fill('2024-07-01');
      await page.getByLabel('Ende').fill('2029-06-30');
      await page.getByRole('button', { name: 'Wahlperiode anlegen', exact: true }).click();
      await expect(page.locator('[data-list="terms"]')).toContainText('01.07.2024');
      await expectNoAccessibilityViolations(page, 'terms page');
      await photograph(page, 'terms');
      await nav.getByRole('link', { name: 'Orte' }).click();
      await page.getByLabel('Bezeichnung').fill('Ratssaal, Rathaus Neudorf');
      await page.getByLabel('Raum').fill('101');
      await page.getByRole('button', { name: 'Ort anlegen', exact: true }).click();
      await expect(page.locator('[data-list="locations"]')).toContainText('Ratssaal, Rathaus Neudorf');
      await expectNoAccessibilityViolations(page, 'locations page');
      await photograph(page, 'locations');
    });

    await test.step('the public portal shows the persons with their body', async () => {
      await page.goto(`/${slug}`);
      const persons = await (await request.get(`/api/portal/${slug}/persons`)).json();
      expect(persons.data.map((p: { name: string }) => p.name)).toEqual(['Anna Arndt', 'Bernd Berger']);
    });
  });
});

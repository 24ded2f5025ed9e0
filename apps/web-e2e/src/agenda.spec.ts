import { type Page, expect, test } from '@playwright/test';
import { join } from 'node:path';
import { workspaceRoot } from '@nx/devkit';
import { expectNoAccessibilityViolations } from './accessibility';
import { signInAtIdp } from './idp';

/*
 * The clerk's agenda editor (issue 7): a clerk of Stadt Burg creates a meeting, builds a mixed
 * agenda (public and non-public part), reorders it by keyboard — focus stays on the moved item
 * and the move is announced ("Ö 3 ist jetzt Ö 2") — and a second clerk's stale save is refused
 * with the current agenda, without losing the first clerk's edits. Seeded demo data and
 * accounts (password `demo`); skipped unless E2E_LOGIN=true. The meeting is created new (in a
 * far year) and cancelled at the end, so reruns meet the same state.
 */
test.describe('agenda editor', () => {
  test.skip(process.env['E2E_LOGIN'] !== 'true', 'needs the dev IdP: set E2E_LOGIN=true');

  const shots = join(workspaceRoot, 'dist/.playwright/apps/web-e2e/agenda');
  const numbers = (page: Page) => page.locator('[data-agenda-editor] [data-item-key]').evaluateAll((rows) =>
    rows.map((r) => `${r.querySelector('[data-item-number]')?.textContent?.trim()} ${(r.querySelector('input[type=text]') as HTMLInputElement).value}`),
  );
  /** The polite live region of the CDK LiveAnnouncer (what a screen reader is told). */
  const announcement = (page: Page) => page.locator('.cdk-live-announcer-element');

  async function addFree(page: Page, name: string, part: 'Öffentlicher Teil' | 'Nichtöffentlicher Teil') {
    const form = page.locator('[data-add-free]');
    await form.getByLabel('Betreff', { exact: true }).fill(name);
    await form.getByRole('radio', { name: part, exact: true }).check();
    await form.getByRole('button', { name: 'Punkt hinzufügen' }).click();
  }

  test('a clerk builds a mixed agenda, reorders it by keyboard, and a stale save is refused without losing edits', async ({ page }) => {
    test.slow();
    const name = `E2E-Sitzung ${Date.now().toString(36)}`;

    const sessionRequest = page.waitForRequest((request) => request.url().endsWith('/api/office/burg/session'));
    await page.goto('/burg/verwaltung/sitzungen/neu');
    await signInAtIdp(page, 'burg-clerk');
    await expect(page.getByRole('heading', { level: 1, name: 'Neue Sitzung' })).toBeVisible();
    const bearer = String(await (await sessionRequest).headerValue('authorization'));

    await test.step('creates a meeting', async () => {
      await page.getByLabel('Gremium').selectOption({ index: 1 });
      await page.getByLabel('Bezeichnung').fill(name);
      await page.getByLabel('Datum').fill('2031-05-06');
      await page.getByLabel('Beginn (Uhrzeit)').fill('17:00');
      await page.getByLabel(/Ende \(Uhrzeit\)/).fill('20:30');
      await page.getByLabel(/^Ort/).fill('Rathaus, Ratssaal');
      await expectNoAccessibilityViolations(page, 'new meeting form');
      await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await expect(page).toHaveURL(/\/burg\/verwaltung\/sitzungen\/[0-9a-f-]{36}$/);
    });
    const meetingId = String(page.url().split('/').at(-1));

    await test.step('builds a mixed agenda; the server numbers it', async () => {
      await addFree(page, 'Eröffnung und Feststellung der Beschlussfähigkeit', 'Öffentlicher Teil');
      await addFree(page, 'Bericht des Bürgermeisters', 'Öffentlicher Teil');
      await addFree(page, 'Anfragen der Ratsmitglieder', 'Öffentlicher Teil');
      await addFree(page, 'Grundstücksangelegenheiten', 'Nichtöffentlicher Teil');
      await expect(announcement(page)).toHaveText('N 1 „Grundstücksangelegenheiten“ hinzugefügt');
      // A sub-item: "Anfragen" under "Bericht".
      await page.getByRole('button', { name: 'einrücken: Ö 3 Anfragen der Ratsmitglieder' }).click();
      await expect(announcement(page)).toHaveText('Ö 3 ist jetzt Ö 2.1');
      await page.getByRole('button', { name: 'ausrücken: Ö 2.1 Anfragen der Ratsmitglieder' }).click();
      await page.locator('[data-save]').click();
      await expect(page.locator('[data-save-bar]')).toContainText('Tagesordnung gespeichert.');
      expect(await numbers(page)).toEqual([
        'Ö 1 Eröffnung und Feststellung der Beschlussfähigkeit',
        'Ö 2 Bericht des Bürgermeisters',
        'Ö 3 Anfragen der Ratsmitglieder',
        'N 1 Grundstücksangelegenheiten',
      ]);
      await expect(page.locator('[data-part="non-public"] [data-non-public]')).toHaveText('nichtöffentlich');
    });

    await test.step('moves an item up by keyboard: focus stays on it, the move is announced', async () => {
      const key = await page.locator('[data-item-number]', { hasText: /^Ö 3$/ }).locator('xpath=..').getAttribute('data-item-key');
      const moved = page.locator(`[data-item-key="${key}"]`);
      const up = page.getByRole('button', { name: 'nach oben: Ö 3 Anfragen der Ratsmitglieder' });
      await up.focus();
      await page.keyboard.press('Enter');
      await expect(announcement(page)).toHaveText('Ö 3 ist jetzt Ö 2');
      await expect(moved.locator('[data-action="up"]')).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(announcement(page)).toHaveText('Ö 2 ist jetzt Ö 1');
      // At the top "nach oben" is disabled: the keyboard lands on "nach unten" of the same item.
      await expect(moved.locator('[data-action="down"]')).toBeFocused();
      expect(await numbers(page)).toEqual([
        'Ö 1 Anfragen der Ratsmitglieder',
        'Ö 2 Eröffnung und Feststellung der Beschlussfähigkeit',
        'Ö 3 Bericht des Bürgermeisters',
        'N 1 Grundstücksangelegenheiten',
      ]);
      await expect(page.locator('[data-save-bar]')).toContainText('ungespeicherte Änderungen');
      await expectNoAccessibilityViolations(page, 'agenda editor with unsaved moves');
    });

    await test.step('a second clerk saved in between: the stale save is refused, the edits are kept and re-applied', async () => {
      const current = await page.request.get(`/api/office/burg/meetings/${meetingId}/agenda`, { headers: { authorization: bearer } });
      const agenda = (await current.json()) as { version: number; items: { id: string; level: number; public: boolean; name: string }[] };
      const second = await page.request.put(`/api/office/burg/meetings/${meetingId}/agenda`, {
        headers: { authorization: bearer, 'if-match': `"${agenda.version}"`, 'content-type': 'application/json' },
        data: { items: [...agenda.items.filter((i) => i.public).map(({ id, level, public: p, name: n }) => ({ id, level, public: p, name: n })), { level: 1, public: true, name: 'Einwohnerfragestunde' }, ...agenda.items.filter((i) => !i.public).map(({ id, level, public: p, name: n }) => ({ id, level, public: p, name: n }))] },
      });
      expect(second.status()).toBe(200);

      await page.locator('[data-save]').click();
      const conflict = page.locator('[data-conflict]');
      await expect(conflict).toContainText('Inzwischen von jemand anderem geändert');
      await expect(conflict.locator('[data-current-agenda]')).toContainText('Einwohnerfragestunde');
      // The clerk's order is still in the editor.
      expect((await numbers(page))[0]).toBe('Ö 1 Anfragen der Ratsmitglieder');
      await expectNoAccessibilityViolations(page, 'agenda editor after a refused stale save');
      await page.screenshot({ path: join(shots, 'agenda-conflict-1280.png'), fullPage: true });

      await conflict.getByRole('button', { name: 'Meine Änderungen auf den aktuellen Stand anwenden' }).click();
      await page.locator('[data-save]').click();
      await expect(page.locator('[data-save-bar]')).toContainText('Tagesordnung gespeichert.');
      expect(await numbers(page)).toEqual([
        'Ö 1 Anfragen der Ratsmitglieder',
        'Ö 2 Eröffnung und Feststellung der Beschlussfähigkeit',
        'Ö 3 Bericht des Bürgermeisters',
        'Ö 4 Einwohnerfragestunde',
        'N 1 Grundstücksangelegenheiten',
      ]);
    });

    await test.step('fits 1280, 375 and 320 px wide screens', async () => {
      for (const width of [1280, 375, 320]) {
        await page.setViewportSize({ width, height: 900 });
        await expect(page.locator('[data-agenda-editor]')).toBeVisible();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `horizontal overflow at ${width} px`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(shots, `agenda-${width}.png`), fullPage: true });
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    });

    await test.step('cancels the meeting with a reason; its agenda can no longer be edited', async () => {
      await page.locator('[data-meeting-cancel] summary').click();
      await page.getByLabel('Grund der Absage').fill('E2E: Testsitzung entfällt');
      await page.getByRole('button', { name: 'Sitzung absagen' }).click();
      await expect(page.locator('[data-cancelled-notice]')).toContainText('Grund: E2E: Testsitzung entfällt');
      await expect(page.locator('[data-agenda-editor]')).toHaveCount(0);
      await expect(page.getByRole('table')).toContainText('Anfragen der Ratsmitglieder');
    });
  });
});

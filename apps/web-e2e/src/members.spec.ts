import { type Page, expect, test } from '@playwright/test';
import { join } from 'node:path';
import { workspaceRoot } from '@nx/devkit';
import { expectNoAccessibilityViolations } from './accessibility';
import { signInAtIdp } from './idp';

/*
 * The members' area (issue 9): a council member of Stadt Burg finds "Meine Sitzungen", "Meine
 * Gremien" and "Meine Unterlagen" from the back office's start page, writes a private note on a
 * paper — and the clerk, signed in in a second browser context on the same paper, does not see
 * it. Katrin Lehmann gives notice of absence for an upcoming Sozialausschuss meeting from "Meine
 * Sitzungen"; her deputy's mail arrives in maildev (E2E_MAILDEV_URL). Seeded demo data and
 * accounts (password `demo`); skipped unless E2E_LOGIN=true. Notes and notices are removed at
 * the end, so reruns meet the same state. Screenshots at 1280, 375 and 320 px.
 */
const shots = join(workspaceRoot, 'dist/.playwright/apps/web-e2e/members');

async function fits(page: Page, name: string, visible: string): Promise<void> {
  for (const width of [1280, 375, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await expect(page.locator(visible).first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    // On failure, name the elements that stick out (the innermost ones).
    const culprits = overflow > 0 ? await page.evaluate((w) => Array.from(document.querySelectorAll('body *')).filter((e) => e.getBoundingClientRect().right > w + 1 && !Array.from(e.children).some((c) => c.getBoundingClientRect().right > w + 1)).slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? '').trim().slice(0, 60)}`), width) : [];
    expect(overflow, `${name}: horizontal overflow at ${width} px: ${culprits.join(' | ')}`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
    await page.screenshot({ path: join(shots, `${name}-${width}-top.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.describe('members’ area', () => {
  test.skip(process.env['E2E_LOGIN'] !== 'true', 'needs the dev IdP: set E2E_LOGIN=true');

  test('a member writes a private note on a paper; the clerk in another browser does not see it', async ({ page, browser }) => {
    test.slow();
    const note = `E2E-Notiz ${Date.now().toString(36)}: Rückfrage zur Kostenschätzung`;

    await page.goto('/burg/verwaltung');
    await signInAtIdp(page, 'burg-member1');
    const area = page.locator('[data-member-area]');
    await expect(area.getByRole('heading', { level: 2, name: 'Mein Bereich' })).toBeVisible();
    await expectNoAccessibilityViolations(page, 'office start page of a member');
    await fits(page, 'home', '[data-member-area]');

    await test.step('Meine Sitzungen: upcoming and past, each with the absence state', async () => {
      await area.getByRole('link', { name: 'Meine Sitzungen' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Meine Sitzungen' })).toBeVisible();
      await expect(page.locator('[data-my-meetings] [data-meeting-id]').first()).toBeVisible();
      await expect(page.locator('[data-absence-state]').first()).toBeVisible();
      await expectNoAccessibilityViolations(page, 'my meetings');
      await fits(page, 'my-meetings', '[data-my-meetings]');
      await page.getByRole('link', { name: 'Vergangene Sitzungen' }).click();
      await expect(page).toHaveURL(/zeitraum=vergangen/);
      await expect(page.getByRole('link', { name: 'Vergangene Sitzungen' })).toHaveAttribute('aria-current', 'page');
      await expect(page.locator('[data-my-meetings] [data-meeting-id]').first()).toBeVisible();
    });

    await test.step('Meine Gremien', async () => {
      await page.getByRole('navigation', { name: /Verwaltungsbereich/ }).getByRole('link', { name: 'Meine Gremien' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Meine Gremien' })).toBeVisible();
      await expect(page.locator('[data-my-bodies]')).toContainText('mit Stimmrecht');
      await expectNoAccessibilityViolations(page, 'my bodies');
      await fits(page, 'my-bodies', '[data-my-bodies]');
    });

    let paperUrl = '';
    await test.step('Meine Unterlagen: search, then open a paper', async () => {
      await page.getByRole('navigation', { name: /Verwaltungsbereich/ }).getByRole('link', { name: 'Meine Unterlagen' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Meine Unterlagen' })).toBeVisible();
      const first = page.locator('[data-my-documents] [data-paper-id]').first();
      await expect(first).toBeVisible();
      await expectNoAccessibilityViolations(page, 'my documents');
      await fits(page, 'my-documents', '[data-my-documents]');
      const title = (await first.locator('h3').innerText()).trim();
      // The longest word of the title: distinctive enough to find the paper again.
      const word = [...title.split(/\s+/)].sort((x, y) => y.length - x.length)[0];
      await page.getByLabel('Unterlagen durchsuchen').fill(word);
      await page.getByRole('button', { name: 'Suchen' }).click();
      await expect(page.getByRole('heading', { level: 2, name: `Ergebnisse für „${word}“` })).toBeVisible();
      await expect(page.locator('[data-my-documents] [data-paper-id]').first()).toBeVisible();
      await page.locator('[data-my-documents] [data-paper-id] h3 a').first().click();
      await expect(page).toHaveURL(/\/burg\/verwaltung\/vorlagen\/[0-9a-f-]{36}$/);
      paperUrl = new URL(page.url()).pathname;
    });

    const panel = page.locator('[data-annotations]');
    await test.step('writes a private note, clearly labelled as visible only to the member', async () => {
      await expect(panel.locator('[data-annotations-private]')).toHaveText(/Private Notiz – nur für Sie sichtbar/);
      await panel.getByLabel('Neue private Notiz').fill(note);
      await panel.getByRole('button', { name: 'Notiz speichern' }).click();
      await expect(panel.locator('[data-annotations-status]')).toHaveText('Die Notiz wurde gespeichert.');
      await expect(panel.locator('[data-annotation-text]').filter({ hasText: note })).toBeVisible();
      await expectNoAccessibilityViolations(page, 'paper page with the member’s note');
      await fits(page, 'paper-note', '[data-annotations]');
      // Still there after a reload.
      await page.reload();
      await expect(panel.locator('[data-annotation-text]').filter({ hasText: note })).toBeVisible();
    });

    await test.step('the clerk, in a second browser context, opens the same paper and sees no note', async () => {
      const clerkContext = await browser.newContext();
      const clerk = await clerkContext.newPage();
      await clerk.goto(paperUrl);
      await signInAtIdp(clerk, 'burg-clerk');
      const clerkPanel = clerk.locator('[data-annotations]');
      await expect(clerkPanel.locator('[data-annotations-empty]')).toBeVisible();
      await expect(clerk.locator('body')).not.toContainText(note);
      await clerkContext.close();
    });

    await test.step('the member deletes the note again', async () => {
      const item = panel.locator('[data-annotation-id]').filter({ hasText: note });
      await item.getByRole('button', { name: /^Löschen/ }).click();
      await expect(panel.locator('[data-annotations-status]')).toHaveText('Die Notiz wurde gelöscht.');
      await expect(panel.locator('[data-annotation-text]').filter({ hasText: note })).toHaveCount(0);
    });
  });

  test('a member gives notice of absence from "Meine Sitzungen"; the deputy’s mail arrives', async ({ page }) => {
    test.slow();
    const maildev = process.env['E2E_MAILDEV_URL'];
    const deputy = 'sandra.stolze@burg.example.org';
    const since = Date.now();

    await page.goto('/burg/verwaltung/meine-sitzungen');
    await signInAtIdp(page, 'katrin.lehmann');
    await expect(page.getByRole('heading', { level: 1, name: 'Meine Sitzungen' })).toBeVisible();
    // An upcoming Sozialausschuss meeting (Sandra Stolze stands in for her there).
    const item = page.locator('[data-my-meetings] [data-meeting-id]').filter({ hasText: 'Sozialausschuss' }).filter({ hasNot: page.locator('.kern-badge--danger') }).first();
    await expect(item).toBeVisible();
    const meetingId = await item.getAttribute('data-meeting-id');
    await item.locator('h3 a').click();
    await expect(page).toHaveURL(new RegExp(`/burg/verwaltung/sitzungen/${meetingId}$`));

    const absence = page.locator('[data-absence]');
    await expect(absence).toBeVisible();
    await absence.getByLabel('Grund (optional)').fill('E2E: Dienstreise');
    await absence.getByRole('button', { name: 'Abwesenheit melden' }).click();
    await expect(absence.locator('[data-absence-status]')).toHaveText('Ihre Abwesenheit wurde gemeldet. Ihre Stellvertretung wird benachrichtigt.');

    await test.step('"Meine Sitzungen" shows the notice', async () => {
      await page.goto('/burg/verwaltung/meine-sitzungen');
      await expect(page.locator(`[data-meeting-id="${meetingId}"] [data-absence-state]`)).toHaveText('Sie haben sich abgemeldet');
    });

    await test.step('maildev holds the mail to the deputy', async () => {
      test.skip(!maildev, 'needs maildev: E2E_MAILDEV_URL');
      interface Mail {
        id: string;
        subject: string;
        date?: string;
        time?: string;
        to: { address: string }[];
        text?: string;
      }
      let mail: Mail | undefined;
      await expect
        .poll(
          async () => {
            const all = (await (await fetch(`${maildev}/api/email`)).json()) as Mail[];
            mail = all.find((m) => m.to.some((t) => t.address.toLowerCase() === deputy) && Date.parse(m.date ?? m.time ?? '') >= since - 60_000 && /Lehmann/.test(`${m.subject} ${m.text ?? ''}`));
            return mail?.id ?? null;
          },
          { timeout: 90_000 },
        )
        .not.toBeNull();
      // Never the reason.
      expect(`${mail?.subject} ${mail?.text ?? ''}`).not.toContain('Dienstreise');
    });

    await test.step('withdraws the notice again', async () => {
      await page.goto(`/burg/verwaltung/sitzungen/${meetingId}`);
      await page.locator('[data-absence] [data-absence-withdraw]').click();
      await expect(page.locator('[data-absence-status]')).toHaveText('Ihre Abmeldung wurde zurückgezogen.');
    });
  });
});

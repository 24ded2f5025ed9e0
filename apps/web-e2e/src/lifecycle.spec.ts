import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './accessibility';
import { signInAtIdp } from './idp';

/*
 * The meeting lifecycle (issue 9, check 1): a clerk of Stadt Burg invites a meeting too late and
 * is stopped (the refusal names the last timely day and offers "Dringlich einladen"), then invites
 * a meeting on time; the mails arrive in maildev (E2E_MAILDEV_URL) with iCal. Seeded demo data and
 * accounts (password `demo`); skipped unless E2E_LOGIN=true. Both meetings are new and cancelled at
 * the end, so reruns meet the same state. Screenshots of the panel go to /tmp/shots-h9-life.
 */
const SHOTS = '/tmp/shots-h9-life';

/** The Berlin calendar day `days` from now (YYYY-MM-DD). */
function berlinDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
}

async function createMeeting(page: Page, name: string, date: string): Promise<void> {
  await page.goto('/burg/verwaltung/sitzungen/neu');
  await expect(page.getByRole('heading', { level: 1, name: 'Neue Sitzung' })).toBeVisible();
  await page.getByLabel('Gremium').selectOption({ index: 1 });
  await page.getByLabel('Bezeichnung').fill(name);
  await page.getByLabel('Datum').fill(date);
  await page.getByLabel('Beginn (Uhrzeit)').fill('17:00');
  await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function cancelMeeting(page: Page): Promise<void> {
  await page.locator('[data-meeting-cancel] summary').click();
  await page.getByLabel('Grund der Absage').fill('E2E: Testsitzung entfällt');
  await page.locator('[data-cancel-submit]').click();
  await expect(page.locator('[data-cancelled-notice]')).toContainText('Grund: E2E: Testsitzung entfällt');
}

async function shoot(page: Page, label: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const panel = page.locator('[data-lifecycle]');
  for (const width of [1280, 375, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: `${SHOTS}/${label}-${width}.png` });
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.describe('meeting lifecycle', () => {
  test.skip(process.env['E2E_LOGIN'] !== 'true', 'needs the dev IdP: set E2E_LOGIN=true');

  test('burg-clerk is stopped inviting too late, then invites on time; the mails arrive with iCal', async ({ page }) => {
    test.slow();
    const run = Date.now().toString(36);
    const lifecycle = page.locator('[data-lifecycle]');

    await page.goto('/burg/verwaltung/sitzungen/neu');
    await signInAtIdp(page, 'burg-clerk');

    await test.step('a meeting in three days: the notice period is over, the invitation is refused', async () => {
      await createMeeting(page, `E2E-Spät ${run}`, berlinDay(3));
      await expect(lifecycle.getByRole('heading', { level: 2, name: 'Sitzungsablauf' })).toBeVisible();
      await expect(lifecycle.locator('[data-lifecycle-state]')).toHaveText('geplant');
      await expect(lifecycle.locator('[data-notice-expired]')).toHaveText('Frist abgelaufen');
      await lifecycle.getByRole('button', { name: 'Einladung versenden' }).click();
      const alert = lifecycle.getByRole('alert');
      await expect(alert).toContainText('Die Ladungsfrist ist abgelaufen');
      await expect(alert).toContainText('rechtzeitig wäre die Einladung bis einschließlich', { ignoreCase: true });
      await expect(lifecycle.getByLabel('Begründung der Dringlichkeit')).toBeFocused();
      await expect(lifecycle.getByRole('button', { name: 'Dringlich einladen' })).toBeVisible();
      await expect(lifecycle.locator('[data-lifecycle-status]')).toHaveText('Der Schritt wurde nicht ausgeführt.');
      // Nothing was sent: still planned, not invited.
      await expect(lifecycle.locator('[data-lifecycle-state]')).toHaveText('geplant');
      await expect(page.locator('[data-invitation-state]')).toHaveText('Zu dieser Sitzung wurde noch nicht eingeladen.');
      await expectNoAccessibilityViolations(page, 'lifecycle panel with a refused late invitation');
      await shoot(page, 'late-refused');
      await cancelMeeting(page);
      await expect(lifecycle.locator('[data-lifecycle-state]')).toHaveText('abgesagt');
    });

    const name = `E2E-Rechtzeitig ${run}`;
    await test.step('a meeting in 2031: invited on time', async () => {
      await createMeeting(page, name, '2031-09-09');
      await expect(lifecycle.locator('[data-latest-timely]')).toContainText('2031');
      await expect(lifecycle.locator('[data-notice-expired]')).toHaveCount(0);
      await lifecycle.getByRole('button', { name: 'Einladung versenden' }).click();
      await expect(lifecycle.locator('[data-lifecycle-state]')).toHaveText('eingeladen');
      await expect(lifecycle.locator('[data-lifecycle-status]')).toContainText('Die Einladung ist angefordert');
      await expect(lifecycle.getByRole('button', { name: 'Sitzung beginnen' })).toBeVisible();
      await expect(page.locator('[data-invitation-state]')).toContainText('Eingeladen am');
      await expectNoAccessibilityViolations(page, 'lifecycle panel after a timely invitation');
      await shoot(page, 'invited');
      const sent = page.locator('[data-invitation] [data-mail-status="sent"]').first();
      await expect(sent).toBeVisible({ timeout: 60_000 });
    });

    await test.step('maildev holds the invitation with its iCal attachment', async () => {
      const maildev = process.env['E2E_MAILDEV_URL'];
      test.skip(!maildev, 'needs maildev: E2E_MAILDEV_URL');
      interface Mail {
        id: string;
        subject: string;
        attachments?: { fileName?: string; filename?: string; generatedFileName?: string; contentType?: string }[];
      }
      let mail: Mail | undefined;
      await expect
        .poll(async () => {
          const all = (await (await fetch(`${maildev}/api/email`)).json()) as Mail[];
          mail = all.find((m) => m.subject.startsWith('Einladung: ') && m.subject.includes(name));
          return mail?.id ?? null;
        }, { timeout: 60_000 })
        .not.toBeNull();
      const attachment = (mail?.attachments ?? []).find((a) => (a.fileName ?? a.filename) === 'einladung.ics');
      expect(attachment).toBeDefined();
      const ics = await (await fetch(`${maildev}/api/email/${mail?.id}/attachment/${encodeURIComponent(attachment?.generatedFileName ?? 'einladung.ics')}`)).text();
      expect(ics).toContain('BEGIN:VCALENDAR');
      expect(ics).toMatch(/^METHOD:REQUEST/m);
      expect(ics).toMatch(/^SEQUENCE:\d+/m);
    });

    await test.step('cleans up: the meeting is cancelled (everyone invited gets a cancellation)', async () => {
      await cancelMeeting(page);
      await expect(lifecycle.locator('[data-lifecycle-state]')).toHaveText('abgesagt');
      await expect(lifecycle.locator('[data-lifecycle-final]')).toBeVisible();
    });

    await test.step('the settings page explains the notice period (clerks read it)', async () => {
      await page.goto('/burg/verwaltung/einstellungen');
      const notice = page.locator('[data-notice-settings]');
      await expect(notice.getByRole('heading', { level: 2, name: 'Ladungsfrist' })).toBeVisible();
      await expect(notice).toContainText('Weder der Tag des Zugangs noch der Sitzungstag werden mitgezählt');
      await expect(notice.locator('[data-notice-read-only]')).toContainText('Ladungsfrist (volle Tage)');
      await expectNoAccessibilityViolations(page, 'settings page with the notice period');
      mkdirSync(SHOTS, { recursive: true });
      for (const width of [1280, 320]) {
        await page.setViewportSize({ width, height: 900 });
        await notice.screenshot({ path: `${SHOTS}/settings-${width}.png` });
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      }
    });
  });
});

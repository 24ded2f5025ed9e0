import { expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './accessibility';
import { signInAtIdp } from './idp';

/*
 * Invitations (issue 8): a clerk of Stadt Burg creates an upcoming meeting, adds a guest, sends
 * the invitation (the lifecycle panel's step, issue 9), and within a minute sees the recipients with the times
 * the SMTP server accepted their mails — the worker beside the API fans the request out and sends.
 * Then maildev (E2E_MAILDEV_URL) holds the guest's mail with its iCal attachment. Seeded demo data
 * and accounts (password `demo`); skipped unless E2E_LOGIN=true. The meeting is created new (in a
 * far year) and cancelled at the end, so reruns meet the same state.
 */
test.describe('invitations', () => {
  test.skip(process.env['E2E_LOGIN'] !== 'true', 'needs the dev IdP: set E2E_LOGIN=true');

  test('burg-clerk adds a guest and invites; recipients appear with accepted times; the guest’s mail carries einladung.ics', async ({ page }) => {
    test.slow();
    const run = Date.now().toString(36);
    const name = `E2E-Einladung ${run}`;
    const guestEmail = `e2e-gast-${run}@example.org`;
    const section = page.locator('[data-invitation]');
    const status = page.locator('[data-invitation-status]');

    await page.goto('/burg/verwaltung/sitzungen/neu');
    await signInAtIdp(page, 'burg-clerk');
    await expect(page.getByRole('heading', { level: 1, name: 'Neue Sitzung' })).toBeVisible();

    await test.step('creates an upcoming meeting', async () => {
      await page.getByLabel('Gremium').selectOption({ index: 1 });
      await page.getByLabel('Bezeichnung').fill(name);
      await page.getByLabel('Datum').fill('2031-06-03');
      await page.getByLabel('Beginn (Uhrzeit)').fill('17:00');
      await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
      await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
      await expect(section.getByRole('heading', { level: 2, name: 'Einladung' })).toBeVisible();
      await expect(section.locator('[data-invitation-state]')).toHaveText('Zu dieser Sitzung wurde noch nicht eingeladen.');
    });

    await test.step('adds a guest (a wrong address is named at its field first)', async () => {
      await section.getByLabel('Name des Gastes').fill('Dr. Erika Gutachterin');
      await section.getByLabel('E-Mail-Adresse des Gastes').fill('keine-adresse');
      await section.getByRole('button', { name: 'Gast hinzufügen' }).click();
      await expect(section.locator('#guest-email-error')).toContainText('gültige E-Mail-Adresse');
      await section.getByLabel('E-Mail-Adresse des Gastes').fill(guestEmail);
      await section.getByRole('button', { name: 'Gast hinzufügen' }).click();
      await expect(status).toHaveText('Dr. Erika Gutachterin wurde als Gast hinzugefügt.');
      await expect(section.locator(`[data-guest="${guestEmail}"]`)).toBeVisible();
      await expectNoAccessibilityViolations(page, 'meeting page with the invitation section');
    });

    await test.step('sends the invitation from the lifecycle panel (timely: no urgency asked)', async () => {
      const lifecycle = page.locator('[data-lifecycle]');
      await expect(lifecycle.locator('[data-lifecycle-state]')).toHaveText('geplant');
      await lifecycle.getByRole('button', { name: 'Einladung versenden' }).click();
      await expect(lifecycle.locator('[data-lifecycle-state]')).toHaveText('eingeladen');
      await expect(lifecycle.locator('[data-lifecycle-status]')).toContainText('Die Einladung ist angefordert');
      await expect(section.locator('[data-invitation-state]')).toContainText('Eingeladen am');
      await expect(section.getByRole('button', { name: 'Aktualisierung senden' })).toBeVisible();
    });

    await test.step('within a minute the recipients appear, with the time the mail server accepted each mail', async () => {
      const guestRow = section.locator(`[data-recipient="${guestEmail}"]`);
      await expect(guestRow).toHaveAttribute('data-mail-status', 'sent', { timeout: 60_000 });
      await expect(guestRow.locator('[data-accepted-at] time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
      await expect(guestRow).toContainText('Einladung');
      // More than the guest: the body's members and deputies.
      expect(await section.locator('[data-recipients] tbody tr').count()).toBeGreaterThan(1);
      await expect(section.locator('[data-mail-status="failed"]')).toHaveCount(0);
      await expectNoAccessibilityViolations(page, 'recipients table');
    });

    await test.step('maildev holds the guest’s mail with the iCal attachment', async () => {
      const maildev = process.env['E2E_MAILDEV_URL'];
      test.skip(!maildev, 'needs maildev: E2E_MAILDEV_URL');
      interface Mail {
        id: string;
        subject: string;
        to: { address: string }[];
        attachments?: { fileName?: string; filename?: string; generatedFileName?: string; contentType?: string }[];
      }
      let mail: Mail | undefined;
      await expect
        .poll(async () => {
          const all = (await (await fetch(`${maildev}/api/email`)).json()) as Mail[];
          mail = all.find((m) => m.to.some((t) => t.address.toLowerCase() === guestEmail));
          return mail?.id ?? null;
        }, { timeout: 30_000 })
        .not.toBeNull();
      const names = (mail?.attachments ?? []).map((a) => a.fileName ?? a.filename ?? a.generatedFileName);
      expect(names).toContain('einladung.ics');
      // maildev serves an attachment under the name it generated for it, not the mail's file name.
      const attachment = (mail?.attachments ?? []).find((a) => (a.fileName ?? a.filename) === 'einladung.ics');
      const stored = encodeURIComponent(attachment?.generatedFileName ?? 'einladung.ics');
      const ics = await (await fetch(`${maildev}/api/email/${mail?.id}/attachment/${stored}`)).text();
      expect(ics).toContain('BEGIN:VCALENDAR');
      expect(ics).toMatch(/^UID:/m);
      expect(ics).toMatch(/^SEQUENCE:\d+/m);
    });

    await test.step('cancels the meeting: the hint says everyone invited gets a cancellation', async () => {
      await page.locator('[data-meeting-cancel] summary').click();
      await expect(page.locator('#meeting-cancel-hint')).toContainText('erhalten alle Eingeladenen eine Absage');
      await page.getByLabel('Grund der Absage').fill('E2E: Testsitzung entfällt');
      await page.locator('[data-cancel-submit]').click();
      await expect(page.locator('[data-cancelled-notice]')).toContainText('Grund: E2E: Testsitzung entfällt');
    });
  });
});

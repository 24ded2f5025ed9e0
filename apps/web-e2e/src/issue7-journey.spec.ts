import { type Browser, type BrowserContext, type Locator, type Page, type Request, expect, test } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expectNoAccessibilityViolations } from './accessibility';
import { idpUrl, invitationEmail, provisionerSecret, signInAtIdp } from './idp';

/*
 * Issue 7's journey through the real app, the parts papers.spec.ts and agenda.spec.ts leave out:
 * a clerk of Stadt Burg writes a Beschlussvorlage with a PDF (after an upload that breaks off
 * mid-way and leaves nothing behind), routes it Bau- und Vergabeausschuss → Stadtrat and
 * schedules BOTH steps into meetings of their own; the committee's agenda is mixed (the paper's
 * item, free public items, a non-public one), reordered by keyboard and by drag and drop, and
 * saved; a second clerk — invited by the admin through the users page, signed in in a second
 * browser — saves a stale agenda and is refused with the current state; a citizen finds the
 * paper on the portal and opens the very PDF the clerk uploaded. Both meetings are cancelled at
 * the end, so reruns (unique names) meet the same state. Seeded demo accounts (password `demo`).
 */
/** The first match of `re` in a text, or '' (outside the tests: no conditionals in them). */
const firstMatch = (re: RegExp, text: string | null): string => re.exec(text ?? '')?.[0] ?? '';
/** The RFC 5987 file name of a Content-Disposition header, decoded, or ''. */
const dispositionFileName = (headers: Record<string, string>): string => decodeURIComponent(/filename\*=UTF-8''([^;]+)/i.exec(headers['content-disposition'] ?? '')?.[1] ?? '');
/** The bounding box of an element that must be on screen. */
async function boxOf(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('the element is not on screen');
  return box;
}

test.describe('issue 7: from an empty paper to a citizen reading its PDF', () => {
  test.skip(process.env['E2E_LOGIN'] !== 'true', 'needs the dev IdP: set E2E_LOGIN=true');
  test.skip(!idpUrl || !provisionerSecret, 'needs E2E_IDP_URL and E2E_PROVISIONER_SECRET to read the invitation e-mail');

  const COMMITTEE = 'Bau- und Vergabeausschuss';
  const COUNCIL = 'Stadtrat';
  const PDF_NAME = 'Beschlussvorlage Sanierung Brückenstraße.pdf';

  /** `YYYY-MM-DD` in `days` days: far enough ahead that no notice period makes the item urgent. */
  const dateIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  async function beschlussvorlagePdf(subject: string): Promise<Buffer> {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.setTitle(subject);
    const page = pdf.addPage([595, 842]);
    ['Stadt Burg – Beschlussvorlage', subject, '', 'Beschlussvorschlag:', 'Der Stadtrat beschließt die Sanierung gemäß Anlage.'].forEach((line, i) =>
      page.drawText(line, { x: 56, y: 770 - i * 22, size: 12, font }),
    );
    return Buffer.from(await pdf.save());
  }

  const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('hex');

  /**
   * Sends the first half of the browser's upload to the API and hangs up, the way a train tunnel
   * ends an upload: the server sees a truncated multipart body, the browser a dropped connection.
   */
  async function sendHalfAndHangUp(request: Request): Promise<void> {
    const body = request.postDataBuffer() ?? Buffer.alloc(0);
    expect(body.length, 'the upload has a body').toBeGreaterThan(1000);
    const headers = Object.fromEntries(Object.entries(await request.allHeaders()).filter(([name]) => !name.startsWith(':')));
    const url = new URL(request.url());
    await new Promise<void>((resolve) => {
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, { method: 'POST', headers: { ...headers, 'content-length': String(body.length) } });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.write(body.subarray(0, Math.floor(body.length / 2)), () => setTimeout(() => req.destroy(), 300));
    });
  }

  /** "Ö 1 Eröffnung" per agenda row, in the editor's order. */
  const agendaRows = (page: Page) =>
    page.locator('[data-agenda-editor] [data-item-key]').evaluateAll((rows) =>
      rows.map((r) => `${r.querySelector('[data-item-number]')?.textContent?.trim()} ${(r.querySelector('input[type=text]') as HTMLInputElement).value}`),
    );
  const announcement = (page: Page) => page.locator('.cdk-live-announcer-element');

  async function addFree(page: Page, name: string, part: 'Öffentlicher Teil' | 'Nichtöffentlicher Teil'): Promise<void> {
    const form = page.locator('[data-add-free]');
    await form.getByLabel('Betreff', { exact: true }).fill(name);
    await form.getByRole('radio', { name: part, exact: true }).check();
    await form.getByRole('button', { name: 'Punkt hinzufügen' }).click();
  }

  async function createMeeting(page: Page, organization: string, name: string, date: string): Promise<string> {
    await page.goto('/burg/verwaltung/sitzungen/neu');
    await expect(page.getByRole('heading', { level: 1, name: 'Neue Sitzung' })).toBeVisible();
    await page.getByLabel('Gremium').selectOption({ label: organization });
    await page.getByLabel('Bezeichnung').fill(name);
    await page.getByLabel('Datum').fill(date);
    await page.getByLabel('Beginn (Uhrzeit)').fill('17:00');
    await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page).toHaveURL(/\/burg\/verwaltung\/sitzungen\/[0-9a-f-]{36}$/);
    return String(page.url().split('/').at(-1));
  }

  async function scheduleStep(page: Page, organization: string, meetingName: string): Promise<void> {
    const path = page.locator('[data-consultations-section]');
    await path.getByRole('button', { name: `In Sitzung einplanen (${organization})` }).click();
    const dialog = page.getByRole('dialog', { name: `In Sitzung einplanen: ${organization}` });
    await dialog.getByRole('radio', { name: new RegExp(`^${meetingName},`) }).check();
    await dialog.getByRole('button', { name: 'Einplanen' }).click();
    await expect(dialog).toBeHidden();
  }

  /** The admin invites a second clerk through the users page; the clerk sets a password and signs in, in a browser of their own. */
  async function secondClerk(browser: Browser, suffix: string): Promise<{ context: BrowserContext; page: Page }> {
    const email = `zweite.sachbearbeitung.${suffix}@burg.example.org`;
    const password = `Burg-${suffix}-Passwort`;
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await admin.goto('/burg/verwaltung/benutzer');
    await signInAtIdp(admin, 'burg-admin');
    const invite = admin.locator('[data-invite]');
    await invite.getByLabel('Vorname').fill('Jonas');
    await invite.getByLabel('Nachname').fill(`Zweiter ${suffix}`);
    await invite.getByLabel('E-Mail-Adresse').fill(email);
    await invite.locator('[data-role="clerk"]').check();
    await invite.getByRole('button', { name: 'Einladung verschicken' }).click();
    await expect(invite.locator('[data-invite-notice]')).toContainText(`(${email}) verschickt`);
    await adminContext.close();

    const context = await browser.newContext();
    const page = await context.newPage();
    const invitation = await invitationEmail(page.request, email);
    await page.goto(invitation.link);
    await page.getByLabel('Neues Passwort', { exact: true }).fill(password);
    await page.getByLabel('Neues Passwort wiederholen').fill(password);
    await page.getByRole('button', { name: 'Speichern' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Konto eingerichtet' })).toBeVisible();
    await page.goto('/burg/verwaltung');
    await signInAtIdp(page, email, password);
    await expect(page.getByRole('heading', { level: 1, name: 'Verwaltungsbereich' })).toBeVisible();
    // a person of their own, not the first clerk's session in another window
    await expect(page.getByRole('banner')).toContainText(`Jonas Zweiter ${suffix}`);
    return { context, page };
  }

  test('a clerk routes a paper committee → council onto a mixed agenda; a second clerk is refused; a citizen opens its PDF', async ({ page, browser }, testInfo) => {
    test.setTimeout(300_000);
    const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
    const subject = `Sanierung der Brückenstraße, 2. Bauabschnitt (E2E ${suffix})`;
    const committeeMeeting = `E2E-Bauausschuss ${suffix}`;
    const councilMeeting = `E2E-Stadtrat ${suffix}`;
    const pdf = await beschlussvorlagePdf(subject);

    const clerk2 = await secondClerk(browser, suffix);

    await page.goto('/burg/verwaltung/sitzungen/neu');
    await signInAtIdp(page, 'burg-clerk');
    const committeeMeetingId = await createMeeting(page, COMMITTEE, committeeMeeting, dateIn(100));
    const councilMeetingId = await createMeeting(page, COUNCIL, councilMeeting, dateIn(130));

    let reference = '';
    await test.step('a Beschlussvorlage; an upload broken off mid-way shows an error and leaves no file', async () => {
      await page.goto('/burg/verwaltung/vorlagen');
      await page.getByRole('link', { name: 'Neue Vorlage' }).first().click();
      await page.getByLabel('Vorlagenart', { exact: true }).selectOption({ label: 'Beschlussvorlage (BV)' });
      await page.getByLabel('Betreff', { exact: true }).fill(subject);
      await page.getByLabel('Federführendes Amt').fill('Tiefbauamt');
      await page.getByRole('button', { name: 'Vorlage anlegen' }).click();
      const created = page.getByRole('status').filter({ hasText: /Die Vorlage BV\/\d{4}\/\d{4} wurde angelegt\./ });
      await expect(created).toBeVisible();
      reference = firstMatch(/BV\/\d{4}\/\d{4}/, await created.textContent());
      expect(reference).not.toBe('');

      const files = page.locator('[data-files-section]');
      await expect(files.locator('[data-files-empty]')).toBeVisible();
      let brokenOff = false;
      await page.route('**/api/office/burg/papers/*/files', async (route) => {
        if (route.request().method() !== 'POST' || brokenOff) return route.continue();
        await sendHalfAndHangUp(route.request());
        brokenOff = true;
        await route.abort('connectionreset');
      });
      await files.locator('[data-file-input]').setInputFiles({ name: PDF_NAME, mimeType: 'application/pdf', buffer: pdf });
      await files.locator('[data-file-main]').check();
      await files.getByRole('button', { name: 'Hochladen' }).click();
      await expect(files.locator('[data-file-error]')).toContainText('Der Server ist nicht erreichbar. Bitte versuchen Sie es erneut.');
      expect(brokenOff, 'the upload went through the interception').toBe(true);
      await expectNoAccessibilityViolations(page, 'paper page after a broken upload');
      await page.screenshot({ path: testInfo.outputPath('journey-broken-upload-1280.png'), fullPage: true });
      await page.unrouteAll();
      await page.reload();
      await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
      await expect(files.locator('[data-files-empty]')).toBeVisible();
      await expect(files.locator('[data-files-table]')).toHaveCount(0);

      await files.locator('[data-file-input]').setInputFiles({ name: PDF_NAME, mimeType: 'application/pdf', buffer: pdf });
      await files.locator('[data-file-main]').check();
      await files.getByRole('button', { name: 'Hochladen' }).click();
      await expect(files.getByRole('status').filter({ hasText: `„${PDF_NAME}“ wurde hochgeladen.` })).toBeVisible();
      await expect(files.locator('[data-files-table] tbody tr')).toHaveCount(1);
    });

    await test.step('routed committee → council, released, both steps scheduled: the page shows where each stands', async () => {
      const path = page.locator('[data-consultations-section]');
      await path.getByRole('button', { name: 'Schritt hinzufügen' }).click();
      await path.getByLabel('Gremium', { exact: true }).nth(0).selectOption({ label: COMMITTEE });
      await path.getByLabel('Art der Beratung').nth(0).selectOption({ label: 'vorberatend' });
      await path.getByRole('button', { name: 'Schritt hinzufügen' }).click();
      await path.getByLabel('Gremium', { exact: true }).nth(1).selectOption({ label: COUNCIL });
      await path.getByLabel('Art der Beratung').nth(1).selectOption({ label: 'beschließend' });
      await path.getByRole('button', { name: 'Beratungsfolge speichern' }).click();
      await expect(page.getByRole('status').filter({ hasText: `Die Beratungsfolge von ${reference} wurde gespeichert.` })).toBeVisible();

      await page.getByRole('button', { name: 'Freigeben' }).click();
      await page.getByRole('dialog', { name: `${reference} freigeben?` }).getByRole('button', { name: 'Freigeben' }).click();
      await expect(page.locator('[data-paper-badges]')).toContainText('freigegeben');

      await scheduleStep(page, COMMITTEE, committeeMeeting);
      await scheduleStep(page, COUNCIL, councilMeeting);
      const status = path.locator('[data-step-status]');
      await expect(status.nth(0)).toContainText(committeeMeeting);
      await expect(status.nth(0)).toContainText('TOP Ö 1');
      await expect(status.nth(0)).toContainText('auf der Tagesordnung');
      await expect(status.nth(1)).toContainText(councilMeeting);
      await expect(status.nth(1)).toContainText('TOP Ö 1');
      await expect(status.nth(1)).toContainText('auf der Tagesordnung');
      await expect(path).not.toContainText('noch nicht terminiert');
      await expectNoAccessibilityViolations(page, 'paper page with both steps scheduled');
      await page.screenshot({ path: testInfo.outputPath('journey-paper-scheduled-1280.png'), fullPage: true });
    });

    await test.step('the committee agenda is mixed: the paper, free public items and a non-public one', async () => {
      await page.locator('[data-consultations-section] [data-step-status]').nth(0).getByRole('link', { name: committeeMeeting }).click();
      await expect(page).toHaveURL(new RegExp(`/burg/verwaltung/sitzungen/${committeeMeetingId}$`));
      await expect(page.locator('[data-agenda-editor] [data-paper]')).toHaveText(`Vorlage ${reference}`);
      await addFree(page, 'Eröffnung und Feststellung der Beschlussfähigkeit', 'Öffentlicher Teil');
      await addFree(page, 'Mitteilungen der Verwaltung', 'Öffentlicher Teil');
      await addFree(page, 'Vergabe Tiefbauarbeiten Los 2', 'Nichtöffentlicher Teil');
      await page.locator('[data-save]').click();
      await expect(page.locator('[data-save-bar]')).toContainText('Tagesordnung gespeichert.');
      expect(await agendaRows(page)).toEqual([`Ö 1 ${subject}`, 'Ö 2 Eröffnung und Feststellung der Beschlussfähigkeit', 'Ö 3 Mitteilungen der Verwaltung', 'N 1 Vergabe Tiefbauarbeiten Los 2']);

      // by keyboard: the opening goes first, the numbers follow
      await page.getByRole('button', { name: 'nach oben: Ö 2 Eröffnung und Feststellung der Beschlussfähigkeit' }).focus();
      await page.keyboard.press('Enter');
      await expect(announcement(page)).toHaveText('Ö 2 ist jetzt Ö 1');
      expect(await agendaRows(page)).toEqual([`Ö 1 Eröffnung und Feststellung der Beschlussfähigkeit`, `Ö 2 ${subject}`, 'Ö 3 Mitteilungen der Verwaltung', 'N 1 Vergabe Tiefbauarbeiten Los 2']);
      await page.locator('[data-save]').click();
      await expect(page.locator('[data-save-bar]')).toContainText('Tagesordnung gespeichert.');
    });

    await test.step('the second clerk opens the same agenda before the first one saves again', async () => {
      await clerk2.page.goto(`/burg/verwaltung/sitzungen/${committeeMeetingId}`);
      await expect(clerk2.page.getByRole('heading', { level: 1, name: committeeMeeting })).toBeVisible();
      expect(await agendaRows(clerk2.page)).toEqual([`Ö 1 Eröffnung und Feststellung der Beschlussfähigkeit`, `Ö 2 ${subject}`, 'Ö 3 Mitteilungen der Verwaltung', 'N 1 Vergabe Tiefbauarbeiten Los 2']);
    });

    await test.step('drag and drop: the announcements go before the paper; saved, and still so after a reload', async () => {
      await page.setViewportSize({ width: 1280, height: 1600 });
      const dragged = page.locator('[data-agenda-editor] [data-item-key]').filter({ has: page.locator('[data-item-number]', { hasText: /^Ö 3$/ }) });
      const target = page.locator('[data-agenda-editor] [data-item-key]').filter({ has: page.locator('[data-item-number]', { hasText: /^Ö 2$/ }) });
      await dragged.scrollIntoViewIfNeeded();
      const from = await boxOf(dragged.locator('.ri-agenda-item__handle'));
      const to = await boxOf(target);
      const x = from.x + from.width / 2;
      await page.mouse.move(x, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(x, from.y + from.height / 2 - 10, { steps: 4 });
      await page.mouse.move(x, to.y + to.height / 4, { steps: 20 });
      await page.mouse.up();
      await expect(announcement(page)).toHaveText('Ö 3 ist jetzt Ö 2');
      expect(await agendaRows(page)).toEqual([`Ö 1 Eröffnung und Feststellung der Beschlussfähigkeit`, 'Ö 2 Mitteilungen der Verwaltung', `Ö 3 ${subject}`, 'N 1 Vergabe Tiefbauarbeiten Los 2']);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.locator('[data-save]').click();
      await expect(page.locator('[data-save-bar]')).toContainText('Tagesordnung gespeichert.');
      await page.reload();
      await expect(page.locator('[data-agenda-editor] [data-item-key]')).toHaveCount(4);
      expect(await agendaRows(page)).toEqual([`Ö 1 Eröffnung und Feststellung der Beschlussfähigkeit`, 'Ö 2 Mitteilungen der Verwaltung', `Ö 3 ${subject}`, 'N 1 Vergabe Tiefbauarbeiten Los 2']);
    });

    await test.step('the second clerk’s stale save is refused (412) and shows the current agenda in German', async () => {
      const other = clerk2.page;
      await other.getByRole('button', { name: 'nach unten: Ö 1 Eröffnung und Feststellung der Beschlussfähigkeit' }).click();
      const refused = other.waitForResponse((r) => r.url().endsWith(`/api/office/burg/meetings/${committeeMeetingId}/agenda`) && r.request().method() === 'PUT');
      await other.locator('[data-save]').click();
      expect((await refused).status()).toBe(412);
      const conflict = other.locator('[data-conflict]');
      await expect(conflict).toContainText('Inzwischen von jemand anderem geändert');
      await expect(conflict.locator('[data-current-agenda] li')).toHaveText([
        'Ö 1 Eröffnung und Feststellung der Beschlussfähigkeit',
        'Ö 2 Mitteilungen der Verwaltung',
        `Ö 3 ${subject}`,
        'N 1 Vergabe Tiefbauarbeiten Los 2',
      ]);
      await expectNoAccessibilityViolations(other, 'agenda editor of the second clerk after a refused save');
      await other.screenshot({ path: testInfo.outputPath('journey-second-clerk-conflict-1280.png'), fullPage: true });
      await conflict.getByRole('button', { name: 'Meine Änderungen verwerfen und den aktuellen Stand übernehmen' }).click();
      await expect(conflict).toHaveCount(0);
      expect(await agendaRows(other)).toEqual([`Ö 1 Eröffnung und Feststellung der Beschlussfähigkeit`, 'Ö 2 Mitteilungen der Verwaltung', `Ö 3 ${subject}`, 'N 1 Vergabe Tiefbauarbeiten Los 2']);
      await clerk2.context.close();
    });

    await test.step('a citizen finds the paper on the portal and opens the PDF the clerk uploaded', async () => {
      const citizenContext = await browser.newContext({ acceptDownloads: true });
      const citizen = await citizenContext.newPage();
      await citizen.goto('/burg/vorlagen');
      await citizen.getByLabel('Suchbegriff oder Aktenzeichen').fill(reference);
      await citizen.getByRole('button', { name: 'Suchen' }).click();
      const results = citizen.locator('li[data-paper-id]');
      await expect(results).toHaveCount(1);
      await results.first().getByRole('link').first().click();
      await expect(citizen.getByRole('heading', { level: 1, name: subject })).toBeVisible();

      const steps = citizen.locator('ol.ri-path > li');
      await expect(steps).toHaveCount(2);
      await expect(steps.nth(0)).toContainText(COMMITTEE);
      await expect(steps.nth(0)).toContainText(committeeMeeting);
      await expect(steps.nth(0)).toContainText('TOP Ö 3');
      await expect(steps.nth(0)).toHaveAttribute('aria-current', 'step');
      await expect(steps.nth(1)).toContainText(councilMeeting);
      await expect(steps.nth(1)).not.toHaveAttribute('aria-current', 'step');

      const file = citizen.locator('section[aria-labelledby="paper-files-heading"] li[data-file-id]');
      await expect(file).toHaveCount(1);
      const open = file.getByRole('link', { name: PDF_NAME.replace(/\.pdf$/, ''), exact: true });
      const href = String(await open.getAttribute('href'));
      expect(href).toMatch(/^\/api\/portal\/burg\/files\/[0-9a-f-]{36}\/content$/);
      const response = await citizen.request.get(href);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toMatch(/^application\/pdf/);
      expect(dispositionFileName(response.headers())).toBe(PDF_NAME);
      const served = await response.body();
      expect(served.subarray(0, 4).toString('latin1')).toBe('%PDF');
      expect(served.length).toBe(pdf.length);
      expect(sha512(served)).toBe(sha512(pdf));

      const [download] = await Promise.all([citizen.waitForEvent('download'), file.getByRole('link', { name: /^Herunterladen/ }).click()]);
      expect(download.suggestedFilename()).toBe(PDF_NAME);
      expect(sha512(await readFile(await download.path()))).toBe(sha512(pdf));
      await expectNoAccessibilityViolations(citizen, 'portal paper page of the journey');
      await citizen.screenshot({ path: testInfo.outputPath('journey-portal-paper-1280.png'), fullPage: true });

      // the committee meeting shows the paper's item, never the non-public one
      await steps.nth(0).getByRole('link', { name: committeeMeeting }).click();
      await expect(citizen.getByRole('heading', { level: 1, name: new RegExp(committeeMeeting) })).toBeVisible();
      await expect(citizen.getByRole('link', { name: new RegExp(reference) })).toBeVisible();
      await expect(citizen.locator('main')).not.toContainText('Vergabe Tiefbauarbeiten Los 2');
      await citizenContext.close();
    });

    await test.step('both meetings are cancelled again', async () => {
      for (const id of [committeeMeetingId, councilMeetingId]) {
        await page.goto(`/burg/verwaltung/sitzungen/${id}`);
        await page.locator('[data-meeting-cancel] summary').click();
        await page.getByLabel('Grund der Absage').fill('E2E: Testsitzung entfällt');
        await page.getByRole('button', { name: 'Sitzung absagen' }).click();
        await expect(page.locator('[data-cancelled-notice]')).toContainText('Grund: E2E: Testsitzung entfällt');
      }
    });
  });
});

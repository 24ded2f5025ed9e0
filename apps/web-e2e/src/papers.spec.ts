import { Locator, Page, Request, TestInfo, expect, test } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expectNoAccessibilityViolations } from './accessibility';
import { signInAtIdp } from './idp';

/*
 * The clerk's paper screens: a clerk of Stadt Burg writes a Beschlussvorlage with a PDF as its
 * main file, routes it Bau- und Vergabeausschuss → Stadtrat (reordered by keyboard), releases it,
 * schedules the committee step into an upcoming meeting, and meets a second clerk's save: the
 * stale save is refused and nothing typed is lost. axe on every state; screenshots at 1280, 375
 * and 320 px (test output folder). Seeded demo data and accounts (password `demo`); skipped
 * unless E2E_LOGIN=true. Every run writes a paper of its own (unique subject), so reruns do not
 * collide.
 */
test.describe('papers in the back office', () => {
  test.skip(process.env['E2E_LOGIN'] !== 'true', 'needs the dev IdP: set E2E_LOGIN=true');

  const COMMITTEE = 'Bau- und Vergabeausschuss';
  const COUNCIL = 'Stadtrat';

  /** A two-page German PDF, the way a clerk's office exports a Beschlussvorlage. */
  async function beschlussvorlagePdf(subject: string): Promise<Buffer> {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.setTitle(subject);
    const lines = [
      ['Stadt Burg – Beschlussvorlage', subject, '', 'Beschlussvorschlag:', 'Der Stadtrat beschließt die Maßnahme gemäß Anlage.'],
      ['Begründung', 'Die Straße ist in einem schlechten Zustand; Fußgänger und Radfahrer müssen getrennt geführt werden.', 'Finanzielle Auswirkungen: 120.000 €'],
    ];
    for (const text of lines) {
      const page = pdf.addPage([595, 842]);
      text.forEach((line, i) => page.drawText(line, { x: 56, y: 770 - i * 22, size: 12, font }));
    }
    return Buffer.from(await pdf.save());
  }

  /** Full-page screenshots at the three widths, with a check that nothing scrolls sideways (WCAG 1.4.10). */
  async function screenshots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
    for (const width of [1280, 375, 320]) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate(() => {
        const limit = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll<HTMLElement>('main *')]
          .filter((element) => element.getBoundingClientRect().right > limit + 1)
          .slice(0, 5)
          .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`);
        return { by: document.documentElement.scrollWidth - limit, wide };
      });
      expect(overflow.by, `${name} scrolls sideways at ${width} px: ${overflow.wide.join(', ')}`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  async function authorizationOf(request: Request): Promise<string> {
    const header = await request.headerValue('authorization');
    expect(header, 'the app sends a bearer token').toBeTruthy();
    return header as string;
  }

  /** The reference number in a confirmation such as "Die Vorlage BV/0007/2026 wurde angelegt." */
  function referenceIn(text: string | null): string {
    const match = /BV\/\d{4}\/\d{4}/.exec(text ?? '');
    expect(match, `a reference in "${text}"`).not.toBeNull();
    return (match as RegExpExecArray)[0];
  }

  function lastSegment(url: string): string {
    return new URL(url).pathname.split('/').pop() as string;
  }

  /** "7. Sitzung des Bauausschusses, Mo., 07.12.2026, 18:00 Uhr" → the meeting's name. */
  function meetingNameIn(label: string | null): string {
    return (label ?? '').split(',')[0].trim();
  }

  /** The next meeting may be within the invitation period: then the paper goes on as an urgent item with a reason. */
  async function giveUrgencyReasonIfAsked(reason: Locator): Promise<void> {
    if (await reason.isVisible()) await reason.fill('Fördermittelfrist endet vor der nächsten regulären Sitzung.');
  }

  test('a clerk writes a Beschlussvorlage with a PDF and routes it committee → council', async ({ page, request }, testInfo) => {
    test.setTimeout(240_000);
    const subject = `Radweg an der Ihle, Abschnitt Nord (E2E ${Date.now().toString(36)})`;

    // sign in on the list
    const sessionRequest = page.waitForRequest((req) => req.url().endsWith('/api/office/burg/session'));
    await page.goto('/burg/verwaltung/vorlagen');
    await signInAtIdp(page, 'burg-clerk');
    await expect(page).toHaveURL(/\/burg\/verwaltung\/vorlagen$/);
    const bearer = await authorizationOf(await sessionRequest);
    await expect(page.getByRole('heading', { level: 1, name: 'Vorlagen' })).toBeVisible();
    await expect(page).toHaveTitle('Vorlagen – Stadt Burg – Ratsinfo');
    await expect(page.locator('[data-paper-table], [data-empty]')).toBeVisible();
    await expectNoAccessibilityViolations(page, 'paper list');
    await screenshots(page, testInfo, 'papers-list');

    // filters live in the URL
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'freigegeben' });
    await page.getByRole('button', { name: 'Filter anwenden' }).click();
    await expect(page).toHaveURL(/\?status=released$/);
    await expect(page.getByRole('button', { name: 'Filter zurücksetzen' })).toBeVisible();
    await page.getByRole('button', { name: 'Filter zurücksetzen' }).click();
    await expect(page).toHaveURL(/\/vorlagen$/);

    // a new Beschlussvorlage
    await page.getByRole('link', { name: 'Neue Vorlage' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Neue Vorlage' })).toBeVisible();
    await page.getByRole('button', { name: 'Vorlage anlegen' }).click();
    const summary = page.locator('[data-error-summary]');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('Bitte geben Sie den Betreff ein');
    await expectNoAccessibilityViolations(page, 'new paper with errors');

    await page.getByLabel('Vorlagenart', { exact: true }).selectOption({ label: 'Beschlussvorlage (BV)' });
    await page.getByLabel('Betreff', { exact: true }).fill(subject);
    await page.getByLabel('Federführendes Amt').fill('Bauamt');
    await page.getByLabel('Person hinzufügen').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Hinzufügen', exact: true }).first().click();
    await expect(page.getByRole('list', { name: 'Antragstellende Personen' }).getByRole('listitem')).toHaveCount(1);
    await page.getByRole('button', { name: 'Vorlage anlegen' }).click();

    await expect(page).toHaveURL(/\/burg\/verwaltung\/vorlagen\/[0-9a-f-]{36}$/);
    const created = page.getByRole('status').filter({ hasText: /Die Vorlage BV\/\d{4}\/\d{4} wurde angelegt\./ });
    await expect(created).toBeVisible();
    const reference = referenceIn(await created.textContent());
    await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
    await expect(page.locator('[data-reference]')).toHaveText(reference);
    await expect(page.locator('[data-paper-badges]')).toContainText('Entwurf');
    const paperId = lastSegment(page.url());

    // the PDF as the main file
    const files = page.locator('[data-files-section]');
    await files.locator('[data-file-input]').setInputFiles({ name: 'Beschlussvorlage Radweg Ihle.pdf', mimeType: 'application/pdf', buffer: await beschlussvorlagePdf(subject) });
    await files.locator('[data-file-main]').check();
    await files.getByRole('button', { name: 'Hochladen' }).click();
    await expect(files.getByRole('status').filter({ hasText: '„Beschlussvorlage Radweg Ihle.pdf“ wurde hochgeladen.' })).toBeVisible();
    await expect(files.locator('[data-files-table]')).toContainText('Hauptdatei');

    // the consultation path: council first, then the committee, then put the committee first by keyboard
    const path = page.locator('[data-consultations-section]');
    await path.getByRole('button', { name: 'Schritt hinzufügen' }).click();
    const firstBody = path.getByLabel('Gremium', { exact: true }).nth(0);
    await expect(firstBody).toBeFocused();
    await firstBody.selectOption({ label: COUNCIL });
    await path.getByLabel('Art der Beratung').nth(0).selectOption({ label: 'beschließend' });
    await path.getByRole('button', { name: 'Schritt hinzufügen' }).click();
    await path.getByLabel('Gremium', { exact: true }).nth(1).selectOption({ label: COMMITTEE });
    await path.getByRole('combobox', { name: 'Rolle (optional)' }).nth(1).fill('Vorberatung');

    const moveUp = path.getByRole('button', { name: 'Nach oben Schritt 2' });
    await moveUp.focus();
    await page.keyboard.press('Enter');
    await expect(path.getByRole('heading', { level: 3 })).toHaveText([`Schritt 1 von 2: ${COMMITTEE}`, `Schritt 2 von 2: ${COUNCIL}`]);
    await expect(page.locator('.cdk-live-announcer-element')).toHaveText(`${COMMITTEE} ist jetzt Schritt 1 von 2.`);
    // at the top it cannot move up any more: the focus is on its "Nach unten"
    await expect(path.getByRole('button', { name: 'Nach unten Schritt 1' })).toBeFocused();
    await expect(path.locator('[data-path-unsaved]')).toBeVisible();
    await expectNoAccessibilityViolations(page, 'paper page with an unsaved consultation path');

    await path.getByRole('button', { name: 'Beratungsfolge speichern' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Die Beratungsfolge von ${reference} wurde gespeichert.` })).toBeVisible();
    await expect(path.locator('[data-step-status]').nth(0)).toContainText('noch nicht terminiert');

    // release, confirmed in a dialog
    await page.getByRole('button', { name: 'Freigeben' }).click();
    const releaseDialog = page.getByRole('dialog', { name: `${reference} freigeben?` });
    await expect(releaseDialog).toBeVisible();
    await expect(releaseDialog.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
    await expectNoAccessibilityViolations(page, 'release confirmation');
    await releaseDialog.getByRole('button', { name: 'Freigeben' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Die Vorlage ${reference} wurde freigegeben.` })).toBeVisible();
    await expect(page.locator('[data-paper-badges]')).toContainText('freigegeben');

    // schedule the committee step into its next meeting
    await path.getByRole('button', { name: `In Sitzung einplanen (${COMMITTEE})` }).click();
    const scheduleDialog = page.getByRole('dialog', { name: `In Sitzung einplanen: ${COMMITTEE}` });
    await expect(scheduleDialog).toBeVisible();
    const meetingChoice = scheduleDialog.getByRole('radio').first();
    await expect(meetingChoice).toBeVisible();
    const meetingLabel = meetingNameIn(await scheduleDialog.locator('.kern-form-check label').first().textContent());
    await meetingChoice.check();
    await giveUrgencyReasonIfAsked(scheduleDialog.getByLabel('Begründung der Dringlichkeit'));
    await expectNoAccessibilityViolations(page, 'schedule dialog');
    await scheduleDialog.getByRole('button', { name: 'Einplanen' }).click();
    await expect(scheduleDialog).toBeHidden();
    const committeeStatus = path.locator('[data-step-status]').nth(0);
    await expect(committeeStatus).toContainText(meetingLabel);
    await expect(committeeStatus).toContainText(/TOP [ÖN] \d+/);
    await expect(committeeStatus).toContainText('auf der Tagesordnung');
    await expect(path.locator('[data-step-status]').nth(1)).toContainText('noch nicht terminiert');
    // a step on an agenda stays in the path
    await expect(path.getByRole('button', { name: 'Entfernen Schritt 1' })).toHaveAttribute('aria-disabled', 'true');

    await expectNoAccessibilityViolations(page, 'paper page with a scheduled consultation');
    await screenshots(page, testInfo, 'paper-editor');

    // a second clerk saves first: the stale save is refused, nothing typed is lost
    const current = await request.get(`/api/office/burg/papers/${paperId}`, { headers: { Authorization: bearer, Accept: 'application/json' } });
    expect(current.ok()).toBe(true);
    const etag = current.headers()['etag'];
    const other = await request.patch(`/api/office/burg/papers/${paperId}`, {
      headers: { Authorization: bearer, Accept: 'application/json', 'If-Match': etag },
      data: { responsibleDepartment: 'Tiefbauamt' },
    });
    expect(other.status(), await other.text()).toBe(200);

    const title = page.getByLabel('Betreff', { exact: true });
    await title.fill(`${subject} – geänderte Fassung`);
    await expect(page.locator('[data-form-unsaved]')).toBeVisible();
    await page.getByRole('button', { name: 'Änderungen speichern' }).click();
    const stale = page.locator('[data-stale]');
    await expect(stale).toBeFocused();
    await expect(stale).toContainText('Inzwischen von jemand anderem geändert');
    await expect(stale.locator('[data-stale-differences]')).toContainText('Tiefbauamt');
    await expect(title).toHaveValue(`${subject} – geänderte Fassung`);
    await expectNoAccessibilityViolations(page, 'paper page after a refused stale save');
    await screenshots(page, testInfo, 'paper-stale');

    await stale.getByRole('button', { name: 'Meine Änderungen trotzdem speichern' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Die Änderungen an ${reference} wurden gespeichert.` })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: `${subject} – geänderte Fassung` })).toBeVisible();
    // the other clerk's change to a field this clerk did not touch survives
    await expect(page.getByLabel('Federführendes Amt')).toHaveValue('Tiefbauamt');

    // the list finds it by its reference
    await page.getByRole('link', { name: 'Vorlagen', exact: true }).first().click();
    await page.getByLabel('Suche', { exact: true }).fill(reference);
    await page.getByRole('button', { name: 'Filter anwenden' }).click();
    const row = page.locator('[data-paper-table] tbody tr').filter({ hasText: reference });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('freigegeben');
    await expect(row).toContainText('öffentlich');
  });
});

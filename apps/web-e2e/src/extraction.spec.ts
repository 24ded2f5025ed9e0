import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Locator, Page, TestInfo, expect, test } from '@playwright/test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { expectNoAccessibilityViolations } from './accessibility';
import { signInAtIdp } from './idp';

/*
 * Text extraction as the clerk sees it: a scanned letter (image-only PDF) uploaded to a new paper
 * is read by the worker with OCR ("Text erkannt (OCR)"), a broken PDF is reported as unreadable
 * with its reason. Needs the worker beside the API (the test stage runs one) and the dev IdP.
 */
test.describe('text extraction in the back office', () => {
  test.skip(process.env['E2E_LOGIN'] !== 'true', 'needs the dev IdP: set E2E_LOGIN=true');

  /** A scan: German text rendered by poppler to a gray bitmap, which is all the PDF holds. */
  async function scannedLetter(): Promise<Buffer> {
    const dir = await mkdtemp(join(tmpdir(), 'ratsinfo-e2e-scan-'));
    try {
      const source = await PDFDocument.create();
      const font = await source.embedFont(StandardFonts.Helvetica);
      const page = source.addPage([595, 842]);
      ['Stellungnahme der Stadt Burg', '', 'Die Verwaltung empfiehlt, dem Bebauungsplan zuzustimmen.', 'Die Straßenbäume an der Schulstraße bleiben erhalten.'].forEach((line, i) =>
        page.drawText(line, { x: 60, y: 760 - i * 22, size: 13, font }),
      );
      await writeFile(join(dir, 'source.pdf'), await source.save());
      await promisify(execFile)('pdftoppm', ['-r', '150', '-gray', '-png', '-singlefile', join(dir, 'source.pdf'), join(dir, 'scan')]);
      const scan = await PDFDocument.create();
      const image = await scan.embedPng(await readFile(join(dir, 'scan.png')));
      scan.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
      return Buffer.from(await scan.save());
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async function screenshots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
    for (const width of [1280, 375, 320]) {
      await page.setViewportSize({ width, height: 900 });
      const by = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(by, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
      await page.locator('[data-files-section]').screenshot({ path: testInfo.outputPath(`${name}-${width}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  /** Reloads the page until the file's row shows `text` (the list shows the state as it was read). */
  async function untilRowSays(page: Page, row: () => Locator, text: RegExp): Promise<void> {
    await expect(async () => {
      await page.reload();
      await expect(row().locator('[data-file-text-state]')).toHaveText(text, { timeout: 30_000 });
    }).toPass({ timeout: 240_000, intervals: [2_000, 5_000] });
  }

  test('a scan is read by OCR, a broken PDF is reported unreadable', async ({ page }, testInfo) => {
    test.setTimeout(540_000);
    await page.goto('/burg/verwaltung/vorlagen/neu');
    await signInAtIdp(page, 'burg-clerk');
    await expect(page.getByRole('heading', { level: 1, name: 'Neue Vorlage' })).toBeVisible();
    await page.getByLabel('Vorlagenart', { exact: true }).selectOption({ label: 'Beschlussvorlage (BV)' });
    await page.getByLabel('Betreff', { exact: true }).fill(`Stellungnahme zum Bebauungsplan (E2E ${Date.now().toString(36)})`);
    await page.getByRole('button', { name: 'Vorlage anlegen' }).click();
    await expect(page).toHaveURL(/\/burg\/verwaltung\/vorlagen\/[0-9a-f-]{36}$/);

    const files = page.locator('[data-files-section]');
    const upload = async (name: string, buffer: Buffer) => {
      await files.locator('[data-file-input]').setInputFiles({ name, mimeType: 'application/pdf', buffer });
      await files.getByRole('button', { name: 'Hochladen' }).click();
      await expect(files.getByRole('status').filter({ hasText: `„${name}“ wurde hochgeladen.` })).toBeVisible();
    };
    const row = (name: string) => page.locator('[data-files-section] tbody tr').filter({ hasText: name });

    await upload('Stellungnahme-Scan.pdf', await scannedLetter());
    await expect(row('Stellungnahme-Scan.pdf').locator('[data-file-text-state]')).toHaveText(/Text wird gelesen …|Text erkannt \(OCR\)/);
    await untilRowSays(page, () => row('Stellungnahme-Scan.pdf'), /^\s*Text erkannt \(OCR\)\s*$/);

    const broken = Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n'), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 251))]);
    await upload('Kaputt.pdf', broken);
    await untilRowSays(page, () => row('Kaputt.pdf'), /Text nicht lesbar: pdf-broken: /);

    await expectNoAccessibilityViolations(page, 'paper with extracted and unreadable files');
    await screenshots(page, testInfo, 'extraction-states');
  });
});

import { type APIRequestContext, type Page, type TestInfo, expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './accessibility';
import { signInAtIdp } from './idp';

/*
 * The meeting bundle (Sitzungsmappe) as people get it: a seeded meeting of Stadt Burg with
 * papers on its agenda has no bundle yet; opening its portal page asks for one (the worker makes
 * it), and once there the page offers "Sitzungsmappe (PDF, n Seiten, size)", which downloads a
 * PDF. A clerk sees both bundles in the back office. axe on both pages, screenshots at
 * 1280/375/320 px (test output folder).
 */
test.describe('meeting bundles', () => {
  // Generation by the worker and a first sign-in on a busy machine.
  test.describe.configure({ timeout: 180_000 });

  /** A Burg meeting of this year whose agenda has at least one public item with a paper. */
  async function meetingWithPapers(request: APIRequestContext): Promise<string> {
    const year = new Date().getFullYear();
    const list = await request.get('/api/portal/burg/meetings', { params: { from: `${year}-01-01`, to: `${year}-12-31` } });
    expect(list.ok()).toBe(true);
    for (const { id } of ((await list.json()) as { data: { id: string; cancelled: boolean }[] }).data) {
      const m = (await (await request.get(`/api/portal/burg/meetings/${id}`)).json()) as { cancelled: boolean; agendaItems: { paper: unknown }[] };
      if (!m.cancelled && m.agendaItems.filter((a) => a.paper).length >= 2) return id;
    }
    throw new Error('no Burg meeting with papers this year');
  }

  async function screenshots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
    for (const width of [1280, 375, 320]) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  test('the portal page asks for the bundle, then offers it as a PDF download', async ({ page, request }, testInfo) => {
    const id = await meetingWithPapers(request);
    await page.goto(`/burg/sitzungen/${id}`);
    // A busy machine: the first page of a fresh system can take a while.
    await expect(page.locator('#meeting-bundle-heading')).toHaveText('Sitzungsmappe', { timeout: 60_000 });
    // The worker generates it within seconds of the page's request.
    await expect
      .poll(async () => ((await (await request.get(`/api/portal/burg/meetings/${id}`)).json()) as { bundle: { available: boolean } }).bundle.available, { timeout: 60_000 })
      .toBe(true);
    await page.reload();
    const link = page.locator('[data-bundle-link]');
    await expect(link).toHaveText(/^\s*Sitzungsmappe \(PDF, \d+ Seiten, [\d,]+ (kB|MB)\)\s*$/, { timeout: 60_000 });
    const pdf = await request.get((await link.getAttribute('href')) ?? '');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expectNoAccessibilityViolations(page, 'portal meeting page with its bundle');
    await screenshots(page, testInfo, 'portal-meeting-bundle');
  });

  test('a clerk sees both bundles in the back office', async ({ page, request }, testInfo) => {
    test.skip(process.env['E2E_LOGIN'] !== 'true', 'needs the dev IdP: set E2E_LOGIN=true');
    const id = await meetingWithPapers(request);
    await page.goto(`/burg/verwaltung/sitzungen/${id}`);
    await signInAtIdp(page, 'burg-clerk');
    const section = page.locator('[data-bundles]');
    await expect(page.locator('#office-meeting-bundles-heading')).toHaveText('Sitzungsmappe', { timeout: 60_000 });
    await expect(async () => {
      await page.reload();
      await expect(section.locator('[data-bundle="full"] [data-bundle-download]')).toBeVisible({ timeout: 10_000 });
    }).toPass({ timeout: 90_000 });
    await expect(section.getByRole('button', { name: /^Sitzungsmappe \(PDF, \d+ Seiten/ })).toBeVisible();
    await expect(section.getByRole('button', { name: /^Sitzungsmappe mit nichtöffentlichem Teil \(PDF, \d+ Seiten/ })).toBeVisible();
    const download = page.waitForEvent('download');
    await section.locator('[data-bundle="full"] [data-bundle-download]').click();
    expect((await download).suggestedFilename()).toMatch(/^Sitzungsmappe \(mit nichtöffentlichem Teil\).*\.pdf$/);
    await expectNoAccessibilityViolations(page, 'office meeting page with its bundles');
    await screenshots(page, testInfo, 'office-meeting-bundles');
  });
});

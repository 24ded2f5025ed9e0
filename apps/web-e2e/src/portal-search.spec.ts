import { type Page, expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './accessibility';

/*
 * A citizen searches the portal of Stadt Burg (demo seed) for its budget statutes
 * ("Haushaltssatzung und Haushaltsplan der Stadt Burg für das Haushaltsjahr …" is a seeded paper
 * title), opens the hit, and subscribes to the calendar and the feed of new papers. The search
 * results come from the API's public search (SearchRoutes.portal): without it, the page shows an
 * error instead of hits and this test fails. Pages are checked with axe and photographed at 1280,
 * 375 and 320 px width.
 */

const WIDTHS = [1280, 375, 320] as const;

async function photograph(page: Page, name: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    // nothing may stick out sideways at any width
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('a citizen searches the portal, narrows the search and opens a paper it found', async ({ page }) => {
  await page.goto('/burg');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Burg');

  // the quick search above the authority's pages
  const quick = page.getByRole('search', { name: 'Suche in Stadt Burg' });
  await quick.getByLabel('Vorlagen und Sitzungen durchsuchen').fill('Haushaltssatzung');
  await quick.getByRole('button', { name: 'Suchen' }).click();
  await expect(page).toHaveURL(/\/burg\/suche\?q=Haushaltssatzung$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Suche' })).toBeVisible();

  const hits = page.locator('[data-search-hit]');
  await expect(hits.first()).toBeVisible();
  await expect(page.locator('[data-search-status]')).toContainText(/\d+ Treffer/);
  // the words found are marked, and the first hit is the budget paper
  await expect(page.locator('[data-snippet] mark').first()).toBeVisible();
  await expect(hits.first().getByRole('heading', { level: 3 })).toContainText('Haushalt');
  await expectNoAccessibilityViolations(page, 'search results');
  await photograph(page, 'search-results');

  // only papers: the filter goes into the address and every hit opens a paper
  await page.getByLabel('Art', { exact: true }).selectOption({ label: 'Vorlage' });
  await page.getByRole('button', { name: 'Suchen', exact: true }).click();
  await expect(page).toHaveURL(/[?&]art=vorlage(&|$)/);
  await expect(hits.first()).toBeVisible();
  const hrefs = await hits.locator('h3 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(hrefs.length).toBeGreaterThan(0);
  for (const href of hrefs) expect(href).toMatch(/^\/burg\/vorlagen\/[0-9a-f-]{36}$/);

  const first = hits.first().locator('h3 a');
  const title = String(await first.textContent()).trim();
  await first.click();
  await expect(page).toHaveURL(/\/burg\/vorlagen\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);

  // a search without hits says so
  await page.goto('/burg/suche?q=Qwertzuiopü');
  await expect(page.locator('[data-search-empty]')).toContainText('Keine Treffer für „Qwertzuiopü“');
  await expect(page.locator('[data-search-status]')).toHaveText('Keine Treffer gefunden.');
  await expectNoAccessibilityViolations(page, 'search without results');
  await photograph(page, 'search-empty');
});

test('the calendar and the feeds linked on the portal are what they say', async ({ page }) => {
  await page.goto('/burg');
  const calendar = page.getByRole('link', { name: 'Sitzungskalender abonnieren (iCal)' });
  const ics = await page.request.get((await calendar.getAttribute('href'))!);
  expect(ics.status()).toBe(200);
  expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  const icsText = await ics.text();
  expect(icsText).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*BEGIN:VEVENT[\s\S]*END:VCALENDAR\r\n$/);
  // the seeded marker of non-public content
  expect(icsText).not.toContain('Eisvogelakte');
  await expectNoAccessibilityViolations(page, 'tenant home with feed links');

  await page.goto('/burg/vorlagen');
  const rss = await page.request.get((await page.getByRole('link', { name: 'RSS-Feed neuer Vorlagen' }).getAttribute('href'))!);
  expect(rss.headers()['content-type']).toBe('application/rss+xml; charset=utf-8');
  const rssText = await rss.text();
  expect(rssText).toContain('<rss version="2.0"');
  expect(rssText).not.toContain('Eisvogelakte');
  const atom = await page.request.get((await page.getByRole('link', { name: 'Atom-Feed neuer Vorlagen' }).getAttribute('href'))!);
  expect(atom.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
  const atomText = await atom.text();
  expect(atomText).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
  expect(atomText).not.toContain('Eisvogelakte');
  for (const path of ['/api/portal/burg/feeds/meetings.rss', '/api/portal/burg/feeds/meetings.atom']) {
    const feed = await page.request.get(path);
    expect(feed.status()).toBe(200);
    expect(await feed.text()).not.toContain('Eisvogelakte');
  }
});

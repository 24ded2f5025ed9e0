import { type Page, expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { expectNoAccessibilityViolations } from './accessibility';

/*
 * What a citizen reads on the portal: a paper with its consultation path and documents, a
 * committee with its members and meetings, the meeting with its items' papers and files. The
 * committee comes from the demo seed (Stadt Burg); the paper comes from an authority this test
 * writes itself through SQL (DATABASE_ADMIN_URL of the test stack), so that it holds exactly
 * one of every case, including what must never show (a non-public paper and file). Every page
 * is checked with axe and photographed at 1280, 375 and 320 px width.
 */

const WIDTHS = [1280, 375, 320] as const;
const YEAR = new Date().getFullYear();
const daysFromNow = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');

let db: Client;
const tenantId = randomUUID();
const slug = `e2e-portal-${tenantId.slice(0, 8)}`;
const ids: Record<string, string> = {};

async function insert(table: string, cols: Record<string, unknown>): Promise<string> {
  const row = { id: randomUUID(), tenant_id: tenantId, ...cols };
  const names = Object.keys(row);
  await db.query(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
  return row.id;
}

async function file(name: string, fileName: string, owner: Record<string, string>, extra: Record<string, unknown> = {}): Promise<string> {
  const id = await insert('files', { name, ...owner, ...extra });
  await insert('file_versions', { file_id: id, number: 1, file_name: fileName, mime_type: 'application/pdf', size: 734_003, sha512: hex(128), storage_key: `${tenantId}/${randomUUID()}` });
  return id;
}

test.beforeAll(async () => {
  const url = process.env['DATABASE_ADMIN_URL'];
  if (!url) throw new Error('DATABASE_ADMIN_URL is not set: run the browser tests through the test stack (npm test).');
  db = new Client({ connectionString: url });
  await db.connect();
  await db.query(`INSERT INTO tenants (id, slug, name, kind, ags) VALUES ($1, $2, 'Gemeinde Mühlenteich', 'municipality', $3)`, [tenantId, slug, `13${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`]);
  ids['council'] = await insert('organizations', { name: 'Gemeinderat', organization_type: 'council' });
  ids['committee'] = await insert('organizations', { name: 'Ausschuss für Bau, Umwelt und Verkehr', short_name: 'BUV', organization_type: 'committee' });
  ids['faction'] = await insert('organizations', { name: 'Fraktion Bürgerliste Mühlenteich', organization_type: 'faction' });
  ids['chair'] = await insert('persons', { family_name: 'Albrecht', given_name: 'Anna-Katharina', title: 'Dr.' });
  await insert('memberships', { person_id: ids['chair'], organization_id: ids['committee'], role: 'Vorsitzende', on_behalf_of_id: ids['faction'] });
  ids['bv'] = await insert('paper_types', { name: 'Beschlussvorlage', abbreviation: 'BV', sort_order: 1 });
  ids['an'] = await insert('paper_types', { name: 'Antrag', abbreviation: 'AN', sort_order: 2 });
  ids['paper'] = await insert('papers', {
    paper_type_id: ids['bv'], reference: `BV/0012/${YEAR}`, reference_year: YEAR, reference_sequence: 12, status: 'released', date: `${YEAR}-01-20`,
    name: 'Bebauungsplan Nr. 12 „Am Mühlenteich“ – Satzungsbeschluss mit Abwägung der Stellungnahmen aus der Öffentlichkeitsbeteiligung',
    responsible_department: 'Fachbereich Stadtentwicklung und Bauordnung',
  });
  ids['amendment'] = await insert('papers', { paper_type_id: ids['an'], reference: `AN/0003/${YEAR}`, reference_year: YEAR, reference_sequence: 3, status: 'released', date: `${YEAR}-01-27`, name: 'Änderungsantrag: Radweg entlang des Mühlenteichs', original_paper_id: ids['paper'], derivation: 'amendment' });
  await insert('paper_originator_organizations', { paper_id: ids['amendment'], organization_id: ids['faction'] });
  ids['secret'] = await insert('papers', { paper_type_id: ids['bv'], reference: `BV/0013/${YEAR}`, reference_year: YEAR, reference_sequence: 13, status: 'released', date: `${YEAR}-01-21`, name: 'Grundstücksankauf (vertraulich)', public: false });
  const step1 = await insert('consultations', { paper_id: ids['paper'], organization_id: ids['committee'], position: 1, role: 'Vorberatung' });
  const step2 = await insert('consultations', { paper_id: ids['paper'], organization_id: ids['council'], position: 2, role: 'Entscheidung', authoritative: true });
  ids['pastMeeting'] = await insert('meetings', { organization_id: ids['committee'], name: '3. Sitzung des Ausschusses für Bau, Umwelt und Verkehr', start: daysFromNow(-14), meeting_state: 'held', location_text: 'Rathaus, Sitzungssaal' });
  ids['nextMeeting'] = await insert('meetings', { organization_id: ids['council'], name: '5. Sitzung des Gemeinderates', start: daysFromNow(9), location_text: 'Rathaus, Ratssaal' });
  const item = await insert('agenda_items', { meeting_id: ids['pastMeeting'], order: 1, number: 'Ö 1', name: 'Bebauungsplan Nr. 12 „Am Mühlenteich“', consultation_id: step1, result: 'empfohlen' });
  await insert('agenda_items', { meeting_id: ids['nextMeeting'], order: 1, number: 'Ö 1', name: 'Bebauungsplan Nr. 12 „Am Mühlenteich“', consultation_id: step2 });
  ids['mainFile'] = await file('Vorlage', `BV-0012-${YEAR}.pdf`, { paper_id: ids['paper'] });
  await db.query('UPDATE papers SET main_file_id = $1 WHERE id = $2', [ids['mainFile'], ids['paper']]);
  await file('Anlage 1 – Planzeichnung mit Begründung und Umweltbericht', 'Anlage-1_Planzeichnung_Begruendung_Umweltbericht.pdf', { paper_id: ids['paper'] }, { sort_order: 1 });
  ids['secretFile'] = await file('Anlage 2 – Kaufpreisermittlung', 'Kaufpreis.pdf', { paper_id: ids['paper'] }, { public: false, sort_order: 2 });
  await file('Präsentation der Verwaltung', 'Praesentation.pdf', { agenda_item_id: item });
});

test.afterAll(async () => {
  await db?.query('DELETE FROM tenants WHERE id = $1', [tenantId]);
  await db?.end();
});

/** Photographs the page at each width (full page) and checks it never scrolls sideways. */
async function photograph(page: Page, name: string): Promise<void> {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('a citizen searches a paper, follows its consultation path and finds its documents', async ({ page }) => {
  await test.step('the authority home leads to the papers', async () => {
    await page.goto(`/${slug}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Gemeinde Mühlenteich' })).toBeVisible();
    const sections = page.getByRole('navigation', { name: 'Im Ratsinformationssystem' });
    await expect(sections.getByRole('link')).toHaveText(['Sitzungen und Tagesordnungen', 'Gremien und Fraktionen', 'Personen', 'Vorlagen und Anträge']);
    await sections.getByRole('link', { name: 'Vorlagen und Anträge' }).click();
    await expect(page).toHaveURL(new RegExp(`/${slug}/vorlagen$`));
    await expect(page.getByRole('heading', { level: 1, name: 'Vorlagen' })).toBeVisible();
  });

  await test.step('the list shows the public papers only and searches by words', async () => {
    const results = page.locator('li[data-paper-id]');
    await expect(results).toHaveCount(2);
    await expect(page.getByText('Grundstücksankauf')).toHaveCount(0);
    await page.getByLabel('Suchbegriff oder Aktenzeichen').fill('mühlenteich satzungsbeschluss');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await expect(page).toHaveURL(/q=m%C3%BChlenteich(\+|%20)satzungsbeschluss/);
    await expect(results).toHaveCount(1);
    await expectNoAccessibilityViolations(page, 'paper list');
    await photograph(page, 'papers');
  });

  await test.step('the paper page shows facts, the path with where it stands, and the documents', async () => {
    await page.locator('li[data-paper-id] a').first().click();
    await expect(page).toHaveURL(new RegExp(`/${slug}/vorlagen/${ids['paper']}$`));
    await expect(page.getByRole('heading', { level: 1, name: /Bebauungsplan Nr\. 12/ })).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(`BV/0012/${YEAR}`));
    const path = page.locator('ol.ri-path > li');
    await expect(path).toHaveCount(2);
    await expect(path.nth(0)).toContainText('Ausschuss für Bau, Umwelt und Verkehr');
    await expect(path.nth(0)).toContainText('Ergebnis: empfohlen');
    await expect(path.nth(1)).toHaveAttribute('aria-current', 'step');
    await expect(path.nth(1)).toContainText('Beratung steht bevor');
    const files = page.locator('section[aria-labelledby="paper-files-heading"] li[data-file-id]');
    await expect(files).toHaveCount(2);
    await expect(files.first()).toContainText('PDF, 734 kB');
    await expect(files.first().getByRole('link', { name: 'Vorlage', exact: true })).toHaveAttribute('href', `/api/portal/${slug}/files/${ids['mainFile']}/content`);
    await expect(files.first().getByRole('link', { name: /Herunterladen: Vorlage/ })).toHaveAttribute('download', `BV-0012-${YEAR}.pdf`);
    await expect(page.getByText('Kaufpreisermittlung')).toHaveCount(0);
    await expect(page.locator(`[data-file-id="${ids['secretFile']}"]`)).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 3, name: 'Änderungsanträge und Ergänzungen' })).toBeVisible();
    await expectNoAccessibilityViolations(page, 'paper page');
    await photograph(page, 'paper');
  });

  await test.step('the meeting of the first step lists the paper and the item files', async () => {
    await page.locator('ol.ri-path > li').nth(0).getByRole('link', { name: /3\. Sitzung/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: /3\. Sitzung/ })).toBeVisible();
    const row = page.getByRole('table', { name: /Tagesordnung/ }).locator('tbody tr').first();
    await expect(row.getByRole('link', { name: new RegExp(`BV/0012/${YEAR}`) })).toHaveAttribute('href', `/${slug}/vorlagen/${ids['paper']}`);
    await expect(row.locator('li[data-file-id]')).toHaveCount(3);
    await expectNoAccessibilityViolations(page, 'meeting page with documents');
    await photograph(page, 'meeting');
  });
});

test("a citizen opens a committee of Stadt Burg and one of its members", async ({ page }) => {
  await page.goto('/burg/gremien');
  await expect(page.getByRole('heading', { level: 1, name: 'Gremien und Fraktionen' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Ausschüsse' })).toBeVisible();
  await expectNoAccessibilityViolations(page, 'bodies page');
  await page.locator('section[data-group="committee"] a').first().click();
  await expect(page).toHaveURL(/\/burg\/gremien\/[0-9a-f-]{36}$/);
  const members = page.locator('table.ri-members tbody tr');
  await expect(members.first()).toBeVisible();
  expect(await members.count()).toBeGreaterThan(2);
  await expect(page.getByRole('heading', { level: 2, name: 'Nächste Sitzungen' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Letzte Sitzungen' })).toBeVisible();
  await expectNoAccessibilityViolations(page, 'committee page');
  await photograph(page, 'committee');

  const member = members.first().getByRole('link').first();
  const name = (await member.innerText()).trim();
  await member.click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Mitgliedschaften' })).toBeVisible();
  await expectNoAccessibilityViolations(page, 'person page');
  await photograph(page, 'person');
});

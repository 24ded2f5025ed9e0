import { APIRequestContext, Page, expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expectNoAccessibilityViolations } from './accessibility';
import { signInAtIdp, signOut } from './idp';

/*
 * The exports with a stated reason (operator console and a tenant admin of Stadt Burg), the
 * authority's member visibility setting (tenant admin changes it, clerk reads it) and the note on
 * non-public agenda items a member does not see. Seeded demo data and accounts (password `demo`);
 * skipped unless E2E_LOGIN=true. Every change is put back, so a rerun meets the same state.
 */
test.describe('exports, member visibility setting and withheld agenda items', () => {
  test.skip(process.env['E2E_LOGIN'] !== 'true', 'needs the dev IdP: set E2E_LOGIN=true');

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Verwaltungsbereich von Stadt Burg' });

  /** Opens a back-office page, signing in as `username` at the IdP, and returns the bearer token the app sent. */
  async function openOfficeAs(page: Page, path: string, username: string): Promise<string> {
    const sessionRequest = page.waitForRequest((request) => request.url().endsWith('/api/office/burg/session'));
    await page.goto(path);
    await signInAtIdp(page, username);
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    return (await (await sessionRequest).headerValue('authorization')) ?? '';
  }

  /** Waits for the worker to finish the newest export (the list polls), downloads it, saves the ZIP. */
  async function saveExport(page: Page, slug: string): Promise<void> {
    const newest = page.locator('[data-exports] tbody tr').first();
    await expect(newest.locator('[data-export-state]')).toHaveText('Bereit', { timeout: 60_000 });
    await expect(page.locator('[data-export-status]')).toHaveText('Der neueste Export ist fertig und kann heruntergeladen werden.');
    await newest.getByRole('button', { name: 'Herunterladen' }).click();
    const link = page.locator('[data-export-link]');
    await expect(link).toBeFocused();
    // the file name is the one of the API's Content-Disposition (with the date), not the page's fallback
    await expect(link).toHaveText(new RegExp(`Exportdatei speichern: ratsinfo-export-${slug}-\\d{4}-\\d{2}-\\d{2}\\.zip \\(`));
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^ratsinfo-export-${slug}-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
    const path = await download.path();
    const bytes = await readFile(path);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  }

  test('the operator exports an authority only with a reason, recorded for the authority', async ({ page }) => {
    test.slow();
    await page.goto('/betrieb');
    await signInAtIdp(page, 'operator');
    await page.getByRole('link', { name: 'Stadt Burg' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'Stadt Burg' })).toBeVisible();
    const section = page.getByRole('region', { name: 'Daten exportieren' });
    await expect(section).toContainText('im Protokoll von Stadt Burg festgehalten');

    const reason = section.getByLabel('Grund des Exports');
    await reason.fill('zu kurz');
    await section.getByRole('button', { name: 'Export anfordern' }).click();
    await expect(reason).toHaveAttribute('aria-invalid', 'true');
    await expect(reason).toBeFocused();
    await expect(section).toContainText('Bitte geben Sie einen Grund mit 10 bis 500 Zeichen an.');
    await expectNoAccessibilityViolations(page, 'operator tenant page with an invalid export reason');

    await reason.fill('E2E: Übergabe der Daten an die Kommune');
    await expect(reason).not.toHaveAttribute('aria-invalid', 'true');
    await section.getByRole('button', { name: 'Export anfordern' }).click();
    await saveExport(page, 'burg');
    await expect(page.getByRole('status').filter({ hasText: /Der Export ratsinfo-export-burg-.*\.zip ist fertig/ })).toBeVisible();
    await expectNoAccessibilityViolations(page, 'operator tenant page after an export');
  });

  test('a tenant admin of Stadt Burg exports the authority with a reason', async ({ page, request }) => {
    test.slow();
    const reasonText = `E2E ${Date.now().toString(36)}: jährliche Sicherung der Unterlagen`;
    const bearer = await openOfficeAs(page, '/burg/verwaltung', 'burg-admin');
    await nav(page).getByRole('link', { name: 'Export' }).click();
    await expect(page).toHaveURL(/\/burg\/verwaltung\/export$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Daten exportieren' })).toBeVisible();
    await expect(page).toHaveTitle('Export – Stadt Burg – Ratsinfo');
    await expect(page.getByRole('list').filter({ hasText: 'nichtöffentlichen Tagesordnungspunkte' })).toContainText('Benutzerkonten');
    await expect(page.getByText('Der Export wird mit Ihrem Namen und dem Grund im Protokoll der Kommune festgehalten.')).toBeVisible();

    const reason = page.getByLabel('Grund des Exports');
    await page.getByRole('button', { name: 'Export anfordern' }).click();
    await expect(reason).toHaveAttribute('aria-invalid', 'true');
    await expect(reason).toBeFocused();
    await expectNoAccessibilityViolations(page, 'office export page with a missing reason');

    // keyboard only: type the reason and submit with the button reached by Tab
    await reason.fill(reasonText);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Export anfordern' })).toBeFocused();
    await page.keyboard.press('Enter');
    await saveExport(page, 'burg');
    await expectNoAccessibilityViolations(page, 'office export page after an export');

    // recorded in the authority's own audit log, with the reason and the admin's role
    const audit = await request.get('/api/office/burg/audit', { headers: { Authorization: bearer, Accept: 'application/json' } });
    expect(audit.ok()).toBe(true);
    const events = ((await audit.json()) as { data: { actingRole: string | null; changes: { reason?: string } | null }[] }).data;
    expect(events.find((event) => event.changes?.reason === reasonText)?.actingRole).toBe('tenant-admin');
  });

  test('the tenant admin changes the member visibility rule, the clerk reads it', async ({ page }) => {
    test.slow();
    const ownBodies = 'Nur eigene Gremien (und der Rat)';
    await openOfficeAs(page, '/burg/verwaltung/einstellungen', 'burg-admin');
    await expect(page.getByRole('heading', { level: 1, name: 'Einstellungen' })).toBeVisible();
    const group = page.getByRole('group', { name: 'Mitglieder lesen nichtöffentliche Unterlagen' });
    const own = group.getByRole('radio', { name: ownBodies });
    const all = group.getByRole('radio', { name: 'Alle Gremien' });
    await expect(own).toBeChecked();
    await expect(own).toHaveAccessibleDescription(/nur der Gremien, denen sie derzeit angehören, und des Rats/);
    await expectNoAccessibilityViolations(page, 'settings page (tenant admin)');

    await all.check();
    await page.getByRole('button', { name: 'Einstellung speichern' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Gespeichert: Alle Gremien.' })).toBeVisible();
    await page.reload();
    await expect(all).toBeChecked();

    // put the default back (keyboard: arrow keys move within the radio group)
    await all.focus();
    await page.keyboard.press('ArrowUp');
    await expect(own).toBeChecked();
    await page.getByRole('button', { name: 'Einstellung speichern' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Gespeichert: ${ownBodies}.` })).toBeVisible();
    await signOut(page);

    await openOfficeAs(page, '/burg/verwaltung', 'burg-clerk');
    await expect(nav(page).getByRole('link', { name: 'Export' })).toHaveCount(0);
    await nav(page).getByRole('link', { name: 'Einstellungen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Einstellungen' })).toBeVisible();
    await expect(page.getByRole('radio')).toHaveCount(0);
    await expect(page.locator('[data-current-setting]')).toHaveText(ownBodies);
    await expect(page.getByText('Nur die Administration von Stadt Burg kann diese Einstellung ändern.')).toBeVisible();
    await expectNoAccessibilityViolations(page, 'settings page (clerk, read-only)');
    await page.goto('/burg/verwaltung/export');
    await expect(page.getByRole('heading', { level: 1, name: 'Keine Berechtigung' })).toBeVisible();
  });

  test('a member is told how many non-public items of a meeting they do not see', async ({ page, request }) => {
    test.slow();
    const bearer = await openOfficeAs(page, '/burg/verwaltung', 'burg-member1');
    await expect(nav(page).getByRole('link', { name: 'Einstellungen' })).toHaveCount(0);
    const meeting = await meetingWithWithheldItems(request, bearer);
    expect(meeting, 'a seeded meeting of Stadt Burg with non-public items burg-member1 does not see').not.toBeNull();
    const { id, withheld, shownNonPublic } = meeting as MeetingFound;

    await page.goto(`/burg/verwaltung/sitzungen/${id}`);
    const note = page.locator('[data-withheld-notice]');
    await expect(note).toContainText('Nicht alle Tagesordnungspunkte sichtbar');
    await expect(note).toContainText(
      withheld === 1 ? '1 nichtöffentlicher Tagesordnungspunkt ist für Sie nicht sichtbar' : `${withheld} nichtöffentliche Tagesordnungspunkte sind für Sie nicht sichtbar`,
    );
    await expect(page.locator('[data-non-public]')).toHaveCount(shownNonPublic);
    await expectNoAccessibilityViolations(page, 'office meeting page with withheld items');
  });
});

interface MeetingFound {
  id: string;
  withheld: number;
  shownNonPublic: number;
}

/**
 * The first meeting of Stadt Burg (by the public list of this and last year) for which the office
 * API tells the member with this bearer token that non-public items are withheld.
 */
async function meetingWithWithheldItems(request: APIRequestContext, bearer: string): Promise<MeetingFound | null> {
  const year = new Date().getFullYear();
  const meetings: { id: string }[] = [];
  // the API lists at most 400 days at a time
  for (const y of [year, year - 1]) {
    const list = await request.get('/api/portal/burg/meetings', { params: { from: `${y}-01-01`, to: `${y}-12-31` } });
    expect(list.ok(), `GET meetings of ${y}: HTTP ${list.status()}`).toBe(true);
    meetings.push(...((await list.json()) as { data: { id: string }[] }).data);
  }
  for (const { id } of meetings) {
    const response = await request.get(`/api/office/burg/meetings/${id}`, { headers: { Authorization: bearer, Accept: 'application/json' } });
    expect(response.ok(), `GET office meeting ${id}: HTTP ${response.status()}`).toBe(true);
    const body = (await response.json()) as { withheldNonPublicItems: number; agendaItems: { public: boolean }[] };
    if (body.withheldNonPublicItems > 0) return { id, withheld: body.withheldNonPublicItems, shownNonPublic: body.agendaItems.filter((item) => !item.public).length };
  }
  return null;
}

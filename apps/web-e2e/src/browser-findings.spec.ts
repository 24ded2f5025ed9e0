import { expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './accessibility';
import { signInAtIdp } from './idp';

/*
 * What people saw in the browser (issue 6), fixed and kept fixed: the meetings archive by year,
 * the way back from a past meeting, the authority switcher of a person in two authorities, and a
 * readable audit log. Uses the seeded demo data (Stadt Burg, Landkreis Jerichower Land, the demo
 * accounts with password `demo`).
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

test('a citizen browses past meetings of Stadt Burg by year and finds the way back', async ({ page }) => {
  await test.step('the portal links to the archive of the current year', async () => {
    await page.goto('/burg');
    await page.getByRole('link', { name: 'Alle Sitzungen nach Jahr (auch vergangene)' }).click();
    await expect(page).toHaveURL(/\/burg\/archiv$/);
    await expect(page.getByRole('heading', { level: 1, name: /^Sitzungen \d{4}$/ })).toBeVisible();
  });

  const year = Number((await page.getByRole('heading', { level: 1 }).innerText()).match(/\d{4}/)?.[0]);

  await test.step('the year navigation leads to the previous year and back', async () => {
    const years = page.getByRole('navigation', { name: 'Jahr wählen' });
    await expect(years.getByRole('link', { name: String(year), exact: true })).toHaveAttribute('aria-current', 'page');
    await years.getByRole('link', { name: `Vorheriges Jahr: ${year - 1}` }).click();
    await expect(page).toHaveURL(new RegExp(`/burg/archiv/${year - 1}$`));
    await expect(page.getByRole('heading', { level: 1, name: `Sitzungen ${year - 1}` })).toBeVisible();
    await years.getByRole('link', { name: String(year), exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/burg/archiv/${year}$`));
  });

  const table = page.getByRole('table', { name: new RegExp(`Sitzungen ${year}`) });
  await test.step('the year lists its meetings in a table', async () => {
    await expect(table).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(`Sitzungen ${year} – Stadt Burg`));
    await expectNoAccessibilityViolations(page, 'meetings archive');
  });

  await test.step('a past meeting leads back to the archive of its year, not to "upcoming meetings"', async () => {
    // The demo data holds meetings of the last months (relative to today): take the latest one before yesterday.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const response = await page.request.get('/api/portal/burg/meetings', { params: { from: day(-180), to: day(-2) } });
    expect(response.ok()).toBe(true);
    const past = ((await response.json()) as { data: { id: string; name: string; start: string }[] }).data.at(-1);
    expect(past, 'a past meeting of Stadt Burg in the demo data').toBeDefined();
    const pastYear = new Date(past!.start).getUTCFullYear();
    await page.goto(`/burg/sitzungen/${past!.id}`);
    await expect(page.getByRole('heading', { level: 1, name: past!.name })).toBeVisible();
    const back = page.locator('[data-back-link]');
    await expect(back).toHaveAttribute('data-back-link', 'archive');
    await expect(back).toHaveText(`Zurück zu den Sitzungen ${pastYear}`);
    await expect(page.getByRole('navigation', { name: 'Sie sind hier' }).getByRole('link', { name: `Sitzungen ${pastYear}` })).toBeVisible();
    await back.click();
    await expect(page).toHaveURL(new RegExp(`/burg/archiv/${pastYear}$`));
    await expect(page.getByRole('table', { name: new RegExp(`Sitzungen ${pastYear}`) }).getByRole('link', { name: past!.name }).first()).toBeVisible();
  });

  await test.step('an impossible year says so instead of failing', async () => {
    await page.goto('/burg/archiv/0000');
    await expect(page.getByRole('heading', { level: 1, name: 'Jahr nicht im Archiv' })).toBeVisible();
  });
});

test.describe('signed in', () => {
  test.skip(process.env['E2E_LOGIN'] !== 'true', 'needs the dev IdP: set E2E_LOGIN=true');

  test('Dr. Katrin Lehmann, in the county and in Burg, switches between her two authorities', async ({ page }) => {
    await page.goto('/burg');
    await page.getByRole('banner').getByRole('button', { name: 'Anmelden' }).click();
    await signInAtIdp(page, 'katrin.lehmann');
    await expect(page).toHaveURL(/\/burg$/);

    const switcher = page.getByRole('banner').locator('[data-authority-switcher]');
    await test.step('the header offers her two authorities', async () => {
      await expect(switcher.locator('summary [data-switcher-label]')).toHaveText('Meine Kommunen (2)');
      await switcher.locator('summary').click();
      const list = switcher.getByRole('navigation', { name: 'Meine Kommunen: Verwaltungsbereich wechseln' });
      await expect(list.getByRole('link')).toHaveText(['Landkreis Jerichower Land', 'Stadt Burg']);
      await expect(list.getByRole('link', { name: 'Stadt Burg' })).toHaveAttribute('aria-current', 'true');
      await expectNoAccessibilityViolations(page, 'authority switcher (open)');
    });

    await test.step('she switches to the county’s back office', async () => {
      await switcher.getByRole('link', { name: 'Landkreis Jerichower Land' }).click();
      await expect(page).toHaveURL(/\/landkreis-jerichower-land\/verwaltung$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Verwaltungsbereich' })).toBeVisible();
      await expect(page.getByText(/Ihre Rollen in Landkreis Jerichower Land:/)).toContainText('Mitglied');
    });

    await test.step('"Zum Verwaltungsbereich" shows only where she has a role', async () => {
      await page.goto('/burg');
      await expect(page.getByRole('link', { name: 'Zum Verwaltungsbereich' })).toBeVisible();
      await page.goto('/genthin');
      await expect(page.getByRole('heading', { level: 1, name: 'Stadt Genthin' })).toBeVisible();
      await expect(page.getByRole('table', { name: /Anstehende Sitzungen/ })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Zum Verwaltungsbereich' })).toHaveCount(0);
    });
  });

  test('the tenant admin reads the audit log in words, without UUIDs or JSON', async ({ page }) => {
    await page.goto('/burg/verwaltung/benutzer');
    await signInAtIdp(page, 'burg-admin');
    await expect(page.getByRole('heading', { level: 1, name: 'Benutzer und Rollen' })).toBeVisible();

    await test.step('a recorded action: an invitation sent again', async () => {
      const resend = page.getByRole('button', { name: /Einladung erneut senden/ }).first();
      await expect(resend).toBeVisible();
      const box = await resend.boundingBox();
      // the button shows its whole label (it was squeezed to 32 px)
      expect(box?.width ?? 0).toBeGreaterThan(120);
      await resend.click();
      await expect(page.locator('[data-invitation-status]').filter({ hasText: /erneut an .* verschickt/ }).first()).toBeVisible();
    });

    await test.step('the audit log names the action, the person and the record in words', async () => {
      await page.goto('/burg/verwaltung/protokoll');
      const table = page.getByRole('table');
      const row = table.locator('tbody tr[data-action="user-account.invitation-resent"]').first();
      await expect(row.locator('[data-audit-action]')).toHaveText('Einladung erneut gesendet');
      await expect(row).toContainText('Claudia Neumann');
      await expect(row).toContainText('Benutzerkonto');
      const text = await table.innerText();
      expect(text).not.toMatch(UUID);
      expect(text).not.toContain('{');
      expect(text).not.toContain('user-account.');
      await expectNoAccessibilityViolations(page, 'audit log');
    });
  });
});

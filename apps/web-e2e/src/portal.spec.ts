import { expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './accessibility';

/*
 * Needs the seeded demo data: the member authority "Stadt Burg" (slug `burg`) with at least one
 * upcoming meeting of the "Stadtrat" or one of its committees ("…ausschuss") that has public
 * agenda items. The app starts in German (fresh browser context, nothing in localStorage).
 */
test('a citizen finds an upcoming meeting of Stadt Burg and its agenda', async ({ page }) => {
  await test.step('landing page lists the member authorities', async () => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.getByRole('heading', { level: 1, name: 'Ratsinformationssystem' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Stadt Burg', exact: true })).toBeVisible();
    await expectNoAccessibilityViolations(page, 'landing page');
  });

  await test.step('the portal of Stadt Burg lists upcoming council meetings', async () => {
    await page.getByRole('link', { name: 'Stadt Burg', exact: true }).click();
    await expect(page).toHaveURL(/\/burg$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Stadt Burg' })).toBeVisible();
    await expect(page.getByRole('table', { name: /Anstehende Sitzungen/ })).toBeVisible();
    await expect(page).toHaveTitle(/Stadt Burg/);
    await expectNoAccessibilityViolations(page, 'portal of Stadt Burg');
  });

  const councilMeetings = page
    .getByRole('table', { name: /Anstehende Sitzungen/ })
    .locator('tbody tr')
    .filter({ hasText: /Stadtrat|ausschuss/i })
    .filter({ hasNotText: 'abgesagt' });
  const meetingLink = councilMeetings.first().getByRole('link');
  await expect(meetingLink).toBeVisible();
  const meetingName = (await meetingLink.innerText()).trim();

  await test.step('the meeting page shows the meeting and its public agenda', async () => {
    await meetingLink.click();
    await expect(page).toHaveURL(/\/burg\/sitzungen\/[^/]+$/);
    await expect(page.getByRole('heading', { level: 1, name: meetingName })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Tagesordnung' })).toBeVisible();
    const agendaItems = page.getByRole('table', { name: /Tagesordnung/ }).locator('tbody tr');
    await expect(agendaItems.first()).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(meetingName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await expectNoAccessibilityViolations(page, 'meeting page');
  });
});

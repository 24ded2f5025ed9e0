import { expect, test } from '@playwright/test';
import { expectNoAccessibilityViolations } from './accessibility';
import { signInAtIdp, signOut } from './idp';

/*
 * Failed background jobs ("dead letters", docs/adr/0015-worker-jobs-and-mail.md) with the demo
 * seed's dead letter of Stadt Burg: a mail to postfach-voll@example.invalid that the (made-up)
 * server refused as full (tools/db/seed/demo-dead-letters.mts). The operator sees it among every
 * authority's failed jobs without address or message; burg-clerk sees it with both and retries
 * it. Skipped unless E2E_LOGIN=true. The operator looks first: once retried, the worker beside
 * the API completes the event and it leaves both lists — so after the retry only the
 * announcement and the changed row are asserted, not that the row stays.
 */
test.describe('failed jobs (dead letters)', () => {
  test.skip(process.env['E2E_LOGIN'] !== 'true', 'needs the dev IdP: set E2E_LOGIN=true');

  const address = 'postfach-voll@example.invalid';
  const error = `smtp-rejected: 552 5.2.2 Mailbox full: ${address}`;

  test("the operator sees Burg's failed mail without its content; burg-clerk sees it in full and retries it", async ({ page }) => {
    test.slow();

    await test.step('the operator opens the failed jobs of all authorities', async () => {
      await page.goto('/betrieb');
      await signInAtIdp(page, 'operator');
      await expect(page).toHaveURL(/\/betrieb$/);
      await page.getByRole('navigation', { name: 'Betrieb' }).getByRole('link', { name: 'Fehlgeschlagene Aufträge' }).click();
      await expect(page).toHaveURL(/\/betrieb\/fehlgeschlagene-auftraege$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Fehlgeschlagene Aufträge aller Kommunen' })).toBeVisible();
      const table = page.getByRole('table', { name: 'Fehlgeschlagene Aufträge aller Kommunen' });
      const burg = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Stadt Burg', exact: true }) });
      await expect(burg).toHaveCount(1);
      await expect(burg).toContainText('E-Mail-Versand');
      await expect(burg).toContainText('smtp-rejected');
      await expect(burg.getByRole('cell').nth(3)).toHaveText('6');
      // the authority's content stays with the authority: no address, no message
      await expect(page.locator('main')).not.toContainText('postfach-voll');
      await expect(page.locator('main')).not.toContainText('Mailbox full');
      expect(await page.content()).not.toContain('postfach-voll');
      await expectNoAccessibilityViolations(page, "operators' failed jobs page");
      await signOut(page);
    });

    await test.step('burg-clerk opens "Fehlgeschlagene Aufträge" from the back office navigation', async () => {
      await page.goto('/burg/verwaltung');
      await signInAtIdp(page, 'burg-clerk');
      await expect(page).toHaveURL(/\/burg\/verwaltung$/);
      await page.getByRole('navigation', { name: 'Verwaltungsbereich von Stadt Burg' }).getByRole('link', { name: /^Fehlgeschlagene Aufträge/ }).click();
      await expect(page).toHaveURL(/\/burg\/verwaltung\/fehlgeschlagene-auftraege$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Fehlgeschlagene Aufträge' })).toBeVisible();
      await expect(page).toHaveTitle(/Fehlgeschlagene Aufträge – Stadt Burg/);
    });

    const item = page.getByRole('list', { name: 'Fehlgeschlagene Aufträge' }).getByRole('listitem').filter({ hasText: address });
    await test.step('the seeded dead letter shows what failed, for whom and why', async () => {
      await expect(item).toHaveCount(1);
      await expect(item.getByRole('heading', { level: 2, name: 'E-Mail-Versand' })).toBeVisible();
      await expect(item).toContainText(address);
      await expect(item).toContainText(error);
      await expect(item).toContainText('Versuche');
      await expectNoAccessibilityViolations(page, 'failed jobs page with a dead letter');
    });

    await test.step('"Erneut versuchen" is announced and the row says it is being retried', async () => {
      // The status is read before the worker can complete the event; the row may vanish on the next load.
      await item.getByRole('button', { name: /^Erneut versuchen – E-Mail-Versand/ }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Der Auftrag wird erneut versucht.' })).toBeVisible();
      await expect(item.getByTestId('dead-letter-retrying')).toHaveText('Wird erneut versucht.');
      await expect(item.getByRole('button', { name: /Erneut versuchen/ })).toHaveCount(0);
      await expectNoAccessibilityViolations(page, 'failed jobs page after a retry');
    });

    await test.step('reloaded, the retried job is no longer a failed one', async () => {
      // outbox_retry cleared dead_at at once; whether the worker already ran does not matter here
      await page.reload();
      await expect(page.getByRole('heading', { level: 1, name: 'Fehlgeschlagene Aufträge' })).toBeVisible();
      await expect(page.getByText('Fehlgeschlagene Aufträge werden geladen')).toHaveCount(0);
      await expect(page.getByText(address)).toHaveCount(0);
    });
  });
});

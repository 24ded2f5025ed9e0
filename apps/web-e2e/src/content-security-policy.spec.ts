import { expect, type Page, test } from '@playwright/test';
import { signInAtIdp } from './idp';

/*
 * The API serves the web app with a Content-Security-Policy (its own scripts, the inline ones
 * by hash, the identity provider for sign-in). A violation would break a feature silently in
 * production, so every page visited here must report none — including the silent check-sso
 * iframe that keycloak-js opens when a signed-in person reloads the page.
 */
async function recordViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(`${location.pathname}: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  return violations;
}

test.describe('content security policy of the served web app', () => {
  test('portal pages load without a single violation', async ({ page }) => {
    const violations = await recordViolations(page);
    const response = await page.goto('/');
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.goto('/burg');
    await expect(page.getByRole('heading', { level: 1, name: 'Stadt Burg' })).toBeVisible();
    await page.getByRole('link', { name: /Sitzung/ }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(violations).toEqual([]);
  });

  test('sign-in, the back office and a reload (silent check-sso) cause no violation', async ({ page }) => {
    test.skip(process.env['E2E_LOGIN'] !== 'true', 'needs the dev IdP: set E2E_LOGIN=true');
    const violations = await recordViolations(page);
    await page.goto('/burg');
    await page.getByRole('banner').getByRole('button', { name: 'Anmelden' }).click();
    await signInAtIdp(page, 'burg-clerk');
    await expect(page.getByRole('banner').getByRole('button', { name: 'Abmelden' })).toBeVisible();
    await page.getByRole('link', { name: 'Zum Verwaltungsbereich' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Verwaltungsbereich' })).toBeVisible();
    await page.reload();
    // Still signed in after the reload: the silent check-sso in its iframe worked under the policy.
    await expect(page.getByRole('banner').getByRole('button', { name: 'Abmelden' })).toBeVisible();
    expect(violations).toEqual([]);
  });
});

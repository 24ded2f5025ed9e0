import { APIRequestContext, Page, expect } from '@playwright/test';

/*
 * Helpers for the dev identity provider (apps/idp, Keycloak's URL layout and pages) and for the
 * app's header sign-in state. The demo accounts' password is `demo`.
 */

/** Base URL of the dev IdP (`AUTH_URL` of the stack), for tests that read its invitation e-mails. */
export const idpUrl = (process.env['E2E_IDP_URL'] ?? '').replace(/\/$/, '');
/** Client secret of `ratsinfo-provisioner` in realm `master` (client_credentials). */
export const provisionerSecret = process.env['E2E_PROVISIONER_SECRET'] ?? '';

/** An e-mail the dev IdP "sent" (`GET /admin/dev/emails`); `kind` tells an invitation from other mail. */
export interface DevEmail {
  kind: 'execute-actions' | 'verify-email' | 'reset-password';
  to: string;
  subject: string;
  link: string;
  actions: string[];
  realm?: string;
}

/** Fills the IdP's login form (fields `username` and `password`) and submits it. */
export async function signInAtIdp(page: Page, username: string, password = 'demo'): Promise<void> {
  const usernameField = page.locator('input[name="username"]');
  await expect(usernameField).toBeVisible();
  await usernameField.fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('input[name="password"]').press('Enter');
}

/** Signs out with the header's "Abmelden" and waits until the header offers "Anmelden" again. */
export async function signOut(page: Page): Promise<void> {
  const header = page.getByRole('banner');
  await header.getByRole('button', { name: 'Abmelden' }).click();
  await expect(header.getByRole('button', { name: 'Anmelden' })).toBeVisible();
}

/** A bearer token of the provisioner's service account (master realm, role `admin`). */
async function provisionerToken(request: APIRequestContext): Promise<string> {
  const response = await request.post(`${idpUrl}/realms/master/protocol/openid-connect/token`, {
    form: { grant_type: 'client_credentials', client_id: 'ratsinfo-provisioner', client_secret: provisionerSecret },
  });
  expect(response.ok(), `provisioner token: HTTP ${response.status()}`).toBe(true);
  const body = (await response.json()) as { access_token?: unknown };
  expect(typeof body.access_token).toBe('string');
  return body.access_token as string;
}

/** The action e-mails the dev IdP recorded for `to` (oldest first). */
export async function sentEmails(request: APIRequestContext, to: string): Promise<DevEmail[]> {
  const token = await provisionerToken(request);
  const response = await request.get(`${idpUrl}/admin/dev/emails`, {
    params: { to },
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.ok(), `GET /admin/dev/emails: HTTP ${response.status()}`).toBe(true);
  return (await response.json()) as DevEmail[];
}

/** Waits for the (last) invitation e-mail to `to` that asks to set a password, and returns it. */
export async function invitationEmail(request: APIRequestContext, to: string): Promise<DevEmail> {
  let invitation: DevEmail | undefined;
  await expect
    .poll(
      async () => {
        invitation = (await sentEmails(request, to)).filter((mail) => mail.kind === 'execute-actions' && mail.actions.includes('UPDATE_PASSWORD')).at(-1);
        return invitation?.link ?? null;
      },
      { message: `an invitation e-mail to ${to}`, timeout: 15_000 },
    )
    .not.toBeNull();
  return invitation as DevEmail;
}

import { testEnv } from './test-env';

/**
 * The scope the web app requests (libs/web/auth `DEFAULT_AUTH_SCOPE`, keycloak-js adds `openid`).
 * With Keycloak 26, `organization:*` puts all of the person's organizations into the token; plain
 * `organization` only a single one, and no claim at all without the scope.
 */
export const WEB_APP_SCOPE = 'openid organization:*';

/** Talking to the dev IdP of the test stack the way a person or a client would. */
export async function passwordGrant(username: string, password: string, realm = 'ratsinfo', scope = WEB_APP_SCOPE): Promise<string> {
  const env = testEnv();
  const res = await fetch(`${env.authUrl}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`ratsinfo-tests:${env.idpTestClientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'password', username, password, scope }),
  });
  const body = (await res.json()) as { access_token?: string; error?: string };
  if (!res.ok || !body.access_token) throw new Error(`password grant for ${username} failed: ${res.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

export async function provisionerToken(): Promise<string> {
  const env = testEnv();
  const res = await fetch(`${env.authUrl}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'ratsinfo-provisioner', client_secret: env.provisionerSecret }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/**
 * An e-mail the dev IdP "sent": `execute-actions` (invitation: set a password, verify the address),
 * `verify-email`, `reset-password`.
 */
export interface SentActionMail {
  kind: 'execute-actions' | 'verify-email' | 'reset-password';
  to: string;
  link: string;
  actions: string[];
  redirectUri?: string;
}

/** The e-mails the dev IdP recorded (oldest first), optionally only those to one address. */
export async function sentMails(to?: string): Promise<SentActionMail[]> {
  const query = to ? `?${new URLSearchParams({ to })}` : '';
  const res = await fetch(`${testEnv().authUrl}/admin/dev/emails${query}`, { headers: { authorization: `Bearer ${await provisionerToken()}` } });
  const body = (await res.json()) as SentActionMail[] | { data?: SentActionMail[]; emails?: SentActionMail[] };
  return Array.isArray(body) ? body : (body.emails ?? body.data ?? []);
}

/** Opens an invitation link and sets a password, as the invited person does in the browser. */
export async function completeInvitation(link: string, password: string): Promise<void> {
  const jar = new Map<string, string>();
  const page = await fetch(link, { redirect: 'manual' });
  for (const c of page.headers.getSetCookie()) {
    const pair = c.split(';')[0] ?? '';
    const i = pair.indexOf('=');
    jar.set(pair.slice(0, i), pair.slice(i + 1));
  }
  const html = await page.text();
  const action = /<form[^>]*\saction="([^"]*)"/.exec(html)?.[1];
  if (page.status !== 200 || !action) throw new Error(`invitation page: ${page.status}`);
  const hidden = Object.fromEntries([...html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const res = await fetch(new URL(action.replace(/&amp;/g, '&'), link), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    body: new URLSearchParams({ ...hidden, password, passwordConfirm: password }),
    redirect: 'manual',
  });
  if (res.status !== 200) throw new Error(`setting the password failed: ${res.status}`);
}

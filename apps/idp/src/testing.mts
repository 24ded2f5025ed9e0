/** Helpers for the dev IdP's own tests (and for other test suites that drive it). */
import { createHash, randomBytes } from 'node:crypto';
import { startDevIdp, type DevIdp, type DevIdpOptions } from './server.mts';

export const TEST_CLIENT_SECRET = 'tests-secret-dev-only';
export const PROVISIONER_SECRET = 'provisioner-secret-dev-only';
export const CALLBACK = 'http://127.0.0.1:4299/callback';

/** A dev IdP on a free port with the demo accounts, quiet, independent of IDP_* env variables. */
export function startTestIdp(opts: Partial<DevIdpOptions> = {}): Promise<DevIdp> {
  return startDevIdp({
    port: 0,
    seedDemo: true,
    testClientSecret: TEST_CLIENT_SECRET,
    provisionerSecret: PROVISIONER_SECRET,
    log: () => undefined,
    ...opts,
  });
}

export interface TokenResponse {
  access_token?: string;
  refresh_token?: string;
  id_token?: string;
  token_type?: string;
  expires_in?: number;
  scope?: string;
  error?: string;
  error_description?: string;
}

function basic(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

export async function tokenRequest(
  idpUrl: string,
  realm: string,
  params: Record<string, string>,
  client?: { id: string; secret: string },
): Promise<{ status: number; body: TokenResponse; headers: Headers }> {
  const res = await fetch(`${idpUrl}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(client ? { authorization: basic(client.id, client.secret) } : {}) },
    body: new URLSearchParams(params),
  });
  return { status: res.status, body: (await res.json()) as TokenResponse, headers: res.headers };
}

/** Password grant with ratsinfo-tests (Keycloak "direct access grant"). */
export function passwordGrant(idpUrl: string, username: string, password: string, realm = 'ratsinfo', scope = 'openid') {
  return tokenRequest(idpUrl, realm, { grant_type: 'password', username, password, scope }, { id: 'ratsinfo-tests', secret: TEST_CLIENT_SECRET });
}

/** client_credentials of ratsinfo-provisioner in master (an admin API token). */
export function provisionerToken(idpUrl: string) {
  return tokenRequest(idpUrl, 'master', { grant_type: 'client_credentials' }, { id: 'ratsinfo-provisioner', secret: PROVISIONER_SECRET });
}

/** A minimal browser: a cookie jar (honouring Path) and manual redirects. */
export class Browser {
  readonly #cookies = new Map<string, { value: string; path: string }>();
  lastUrl = '';

  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const cookie = [...this.#cookies.entries()]
      .filter(([, c]) => target.pathname.startsWith(c.path))
      .map(([key, c]) => `${key.split('|')[0]}=${c.value}`)
      .join('; ');
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      const path = attrs.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const expired = attrs.some((a) => /^expires=Thu, 01 Jan 1970/i.test(a)) || attrs.some((a) => a.toLowerCase() === 'max-age=0') || value === '';
      if (expired) this.#cookies.delete(`${name}|${path}`);
      else this.#cookies.set(`${name}|${path}`, { value, path });
    }
    this.lastUrl = target.href;
    return res;
  }

  /** Follows redirects until a non-redirect answer or a redirect to `stopAt` (returned as its URL). */
  async follow(url: string, init: RequestInit = {}, stopAt?: string): Promise<{ res: Response; url: string }> {
    let res = await this.fetch(url, init);
    let current = url;
    for (let hops = 0; hops < 10 && res.status >= 300 && res.status < 400; hops++) {
      const next = new URL(res.headers.get('location') ?? '', current).href;
      if (stopAt && next.startsWith(stopAt)) return { res, url: next };
      current = next;
      res = await this.fetch(next);
    }
    return { res, url: current };
  }
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The `action` attribute of the first form in an HTML page, resolved against `base`. */
export function formAction(html: string, base: string): string {
  const m = /<form[^>]*\saction="([^"]*)"/.exec(html);
  if (!m) throw new Error('no form in page');
  return new URL(m[1].replaceAll('&amp;', '&'), base).href;
}

/** Hidden inputs of a page's forms. */
export function hiddenInputs(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1];
    const value = /value="([^"]*)"/.exec(m[0])?.[1];
    if (name) out[name] = (value ?? '').replaceAll('&amp;', '&');
  }
  return out;
}

export interface CodeFlowResult {
  browser: Browser;
  tokens: TokenResponse;
  callbackUrl: URL;
}

/** Authorization code + PKCE for ratsinfo-web, signing in through the HTML form like a person. */
export async function authorizationCodeFlow(idpUrl: string, username: string, password: string, realm = 'ratsinfo'): Promise<CodeFlowResult> {
  const browser = new Browser();
  const { verifier, challenge } = pkcePair();
  const auth = new URL(`${idpUrl}/realms/${realm}/protocol/openid-connect/auth`);
  auth.search = new URLSearchParams({
    client_id: 'ratsinfo-web',
    redirect_uri: CALLBACK,
    response_type: 'code',
    scope: 'openid',
    state: 'state-1',
    nonce: 'nonce-1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  const login = await browser.follow(auth.href);
  if (login.res.status !== 200) throw new Error(`login page: ${login.res.status} ${await login.res.text()}`);
  const html = await login.res.text();
  const done = await browser.follow(
    formAction(html, login.url),
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...hiddenInputs(html), username, password }) },
    CALLBACK,
  );
  const callbackUrl = new URL(done.url);
  const code = callbackUrl.searchParams.get('code');
  if (!code) throw new Error(`no code: ${done.url} ${done.res.status} ${await done.res.text()}`);
  const { body } = await tokenRequest(idpUrl, realm, {
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    client_id: 'ratsinfo-web',
    redirect_uri: CALLBACK,
  });
  return { browser, tokens: body, callbackUrl };
}

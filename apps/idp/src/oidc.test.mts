import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import { DEMO_ACCOUNTS } from '../../../tools/db/seed/demo-accounts.mts';
import type { DevIdp } from './server.mts';
import {
  authorizationCodeFlow,
  Browser,
  CALLBACK,
  formAction,
  hiddenInputs,
  passwordGrant,
  pkcePair,
  provisionerToken,
  startTestIdp,
  tokenRequest,
} from './testing.mts';

let idp: DevIdp;
before(async () => {
  idp = await startTestIdp();
});
after(async () => {
  await idp.stop();
});

const realmUrl = (realm: string) => `${idp.url}/realms/${realm}`;

async function verify(token: string, realm = 'ratsinfo', audience = 'ratsinfo-api') {
  const jwks = createRemoteJWKSet(new URL(`${realmUrl(realm)}/protocol/openid-connect/certs`));
  return jwtVerify(token, jwks, { issuer: realmUrl(realm), audience, algorithms: ['RS256'] });
}

const account = (username: string) => {
  const a = DEMO_ACCOUNTS.find((x) => x.username === username);
  assert.ok(a, username);
  return a;
};

describe('discovery and keys', () => {
  for (const realm of ['ratsinfo', 'master']) {
    it(`serves Keycloak's endpoint layout for realm ${realm}`, async () => {
      const res = await fetch(`${realmUrl(realm)}/.well-known/openid-configuration`);
      assert.equal(res.status, 200);
      const d = (await res.json()) as Record<string, unknown>;
      const base = `${realmUrl(realm)}/protocol/openid-connect`;
      assert.equal(d['issuer'], realmUrl(realm));
      assert.equal(d['authorization_endpoint'], `${base}/auth`);
      assert.equal(d['token_endpoint'], `${base}/token`);
      assert.equal(d['jwks_uri'], `${base}/certs`);
      assert.equal(d['userinfo_endpoint'], `${base}/userinfo`);
      assert.equal(d['end_session_endpoint'], `${base}/logout`);
      assert.equal(d['introspection_endpoint'], `${base}/token/introspect`);
      assert.equal(d['revocation_endpoint'], `${base}/revoke`);
      assert.deepEqual(d['code_challenge_methods_supported'], ['S256']);
    });
  }

  it('publishes one RS256 signing key per realm', async () => {
    const keys = await Promise.all(
      ['ratsinfo', 'master'].map(async (realm) => {
        const res = await fetch(`${realmUrl(realm)}/protocol/openid-connect/certs`);
        assert.equal(res.status, 200);
        const { keys } = (await res.json()) as { keys: Record<string, unknown>[] };
        assert.equal(keys.length, 1);
        assert.equal(keys[0]['kty'], 'RSA');
        assert.equal(keys[0]['alg'], 'RS256');
        assert.equal(keys[0]['use'], 'sig');
        assert.ok(keys[0]['kid']);
        assert.equal(keys[0]['d'], undefined, 'no private parts');
        return keys[0]['kid'];
      }),
    );
    assert.notEqual(keys[0], keys[1]);
  });

  it('answers 404 for an unknown realm', async () => {
    const res = await fetch(`${realmUrl('nope')}/.well-known/openid-configuration`);
    assert.equal(res.status, 404);
  });
});

describe('password grant (ratsinfo-tests)', () => {
  it('issues a Keycloak-shaped access token for burg-clerk', async () => {
    const { status, body } = await passwordGrant(idp.url, 'burg-clerk', 'demo');
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 300);
    const token = body.access_token as string;
    const { payload, protectedHeader } = await verify(token);
    assert.equal(protectedHeader.typ, 'JWT');
    assert.equal(protectedHeader.alg, 'RS256');
    const clerk = account('burg-clerk');
    assert.equal(payload.iss, realmUrl('ratsinfo'));
    assert.equal(payload.aud, 'ratsinfo-api');
    assert.equal(payload['azp'], 'ratsinfo-tests');
    assert.equal(payload.sub, clerk.id);
    assert.match(payload.sub as string, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(payload['typ'], 'Bearer');
    assert.equal(typeof payload.exp, 'number');
    assert.equal(typeof payload.iat, 'number');
    assert.equal((payload.exp as number) - (payload.iat as number), 300);
    assert.ok(payload.jti);
    assert.ok(payload['sid']);
    assert.equal(payload['scope'], 'openid profile email organization:*');
    assert.equal(payload['preferred_username'], 'burg-clerk');
    assert.equal(payload['email'], clerk.email);
    assert.equal(payload['email_verified'], true);
    assert.equal(payload['given_name'], clerk.firstName);
    assert.equal(payload['family_name'], clerk.lastName);
    assert.equal(payload['name'], `${clerk.firstName} ${clerk.lastName}`);
    assert.deepEqual(payload['organization'], ['burg']);
    const roles = (payload['realm_access'] as { roles: string[] }).roles;
    assert.ok(roles.includes('default-roles-ratsinfo'));
    assert.ok(!roles.includes('operator'));
    assert.equal(payload['client_id'], undefined, 'client_id only on service-account tokens');
    // an ID token for scope openid, audience = the client
    const id = decodeJwt(body.id_token as string);
    assert.equal(id.aud, 'ratsinfo-tests');
    assert.equal(id.sub, clerk.id);
  });

  it('gives Katrin Lehmann both organizations', async () => {
    const { body } = await passwordGrant(idp.url, 'katrin.lehmann', 'demo');
    const { payload } = await verify(body.access_token as string);
    assert.deepEqual([...(payload['organization'] as string[])].sort(), ['burg', 'landkreis-jerichower-land']);
    assert.equal(payload['email'], 'katrin.lehmann@example.org');
  });

  it('gives the operator the realm role operator and no organization claim', async () => {
    const { body } = await passwordGrant(idp.url, 'operator', 'demo');
    const { payload } = await verify(body.access_token as string);
    assert.ok((payload['realm_access'] as { roles: string[] }).roles.includes('operator'));
    assert.equal(payload['organization'], undefined);
    assert.equal(payload['name'], 'Olaf Betreiber');
  });

  it('accepts the e-mail address as username', async () => {
    const { status, body } = await passwordGrant(idp.url, 'KATRIN.LEHMANN@example.org', 'demo');
    assert.equal(status, 200);
    assert.equal(decodeJwt(body.access_token as string)['preferred_username'], 'katrin.lehmann');
  });

  it('rejects a wrong password and an unknown user alike with invalid_grant', async () => {
    const wrong = await passwordGrant(idp.url, 'burg-clerk', 'wrong');
    const unknown = await passwordGrant(idp.url, 'no-such-user', 'demo');
    for (const r of [wrong, unknown]) {
      assert.equal(r.status, 400);
      assert.equal(r.body.error, 'invalid_grant');
      assert.equal(r.body.error_description, 'Invalid user credentials');
    }
  });

  it('rejects a wrong client secret', async () => {
    const r = await tokenRequest(idp.url, 'ratsinfo', { grant_type: 'password', username: 'burg-clerk', password: 'demo' }, { id: 'ratsinfo-tests', secret: 'nope' });
    assert.equal(r.status, 401);
    assert.equal(r.body.error, 'invalid_client');
  });

  it('is not offered when the test client is disabled', async () => {
    const other = await startTestIdp({ testClientSecret: null, seedDemo: false });
    try {
      const r = await passwordGrant(other.url, 'burg-clerk', 'demo');
      assert.equal(r.status, 401);
      assert.equal(r.body.error, 'invalid_client');
    } finally {
      await other.stop();
    }
  });
});

describe('the organization scope, as Keycloak 26 reads it', () => {
  const orgsOf = async (username: string, scope: string) => {
    const { status, body } = await passwordGrant(idp.url, username, 'demo', 'ratsinfo', scope);
    assert.equal(status, 200, JSON.stringify(body));
    const { payload } = await verify(body.access_token as string);
    const id = decodeJwt(body.id_token as string);
    return { claim: payload['organization'] as string[] | undefined, idClaim: id['organization'] as string[] | undefined, scope: payload['scope'], responseScope: body.scope };
  };

  it('puts no organization claim into tokens that did not ask for it', async () => {
    const r = await orgsOf('katrin.lehmann', 'openid');
    assert.equal(r.claim, undefined);
    assert.equal(r.idClaim, undefined);
    assert.equal(r.scope, 'openid profile email');
  });

  it('grants every organization for organization:* (what the web app asks for)', async () => {
    const r = await orgsOf('katrin.lehmann', 'openid organization:*');
    assert.deepEqual([...(r.claim ?? [])].sort(), ['burg', 'landkreis-jerichower-land']);
    assert.deepEqual([...(r.idClaim ?? [])].sort(), ['burg', 'landkreis-jerichower-land']);
    assert.equal(r.scope, 'openid profile email organization:*');
    assert.equal(r.responseScope, 'openid profile email organization:*');
  });

  it('grants the one named organization for organization:<alias>, and refuses one the user is not in', async () => {
    assert.deepEqual((await orgsOf('katrin.lehmann', 'openid organization:burg')).claim, ['burg']);
    const foreign = await passwordGrant(idp.url, 'katrin.lehmann', 'demo', 'ratsinfo', 'openid organization:genthin');
    assert.equal(foreign.status, 400);
    assert.equal(foreign.body.error, 'invalid_scope');
    const unknown = await passwordGrant(idp.url, 'burg-clerk', 'demo', 'ratsinfo', 'openid organization:no-such-town');
    assert.equal(unknown.body.error, 'invalid_scope');
  });

  it('grants the only organization for plain organization, none to a member of several (Keycloak would ask)', async () => {
    assert.deepEqual((await orgsOf('burg-clerk', 'openid organization')).claim, ['burg']);
    assert.equal((await orgsOf('katrin.lehmann', 'openid organization')).claim, undefined);
  });

  it('refuses mixed forms of the organization scope', async () => {
    for (const scope of ['openid organization organization:*', 'openid organization:burg organization:*']) {
      const r = await passwordGrant(idp.url, 'katrin.lehmann', 'demo', 'ratsinfo', scope);
      assert.equal(r.status, 400, scope);
      assert.equal(r.body.error, 'invalid_scope', scope);
    }
  });

  it('keeps organization:* through the code flow and a refresh, and leaves it out without the scope', async () => {
    const flow = await authorizationCodeFlow(idp.url, 'katrin.lehmann', 'demo');
    const { payload } = await verify(flow.tokens.access_token as string);
    assert.deepEqual([...(payload['organization'] as string[])].sort(), ['burg', 'landkreis-jerichower-land']);
    const refreshed = await tokenRequest(idp.url, 'ratsinfo', { grant_type: 'refresh_token', refresh_token: flow.tokens.refresh_token as string, client_id: 'ratsinfo-web' });
    assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
    const again = await verify(refreshed.body.access_token as string);
    assert.deepEqual([...(again.payload['organization'] as string[])].sort(), ['burg', 'landkreis-jerichower-land']);
    assert.equal(again.payload['scope'], 'openid profile email organization:*');
    const plain = await authorizationCodeFlow(idp.url, 'katrin.lehmann', 'demo', 'ratsinfo', 'openid');
    assert.equal((await verify(plain.tokens.access_token as string)).payload['organization'], undefined);
  });
});

describe('client credentials (ratsinfo-provisioner in master)', () => {
  it("issues a service-account token with the account's realm roles", async () => {
    const { status, body } = await provisionerToken(idp.url);
    assert.equal(status, 200, JSON.stringify(body));
    const { payload, protectedHeader } = await verify(body.access_token as string, 'master', 'ratsinfo-provisioner');
    assert.equal(protectedHeader.typ, 'JWT');
    assert.equal(payload['azp'], 'ratsinfo-provisioner');
    assert.equal(payload['preferred_username'], 'service-account-ratsinfo-provisioner');
    assert.match(payload.sub as string, /^[0-9a-f-]{36}$/);
    assert.notEqual(payload.sub, 'ratsinfo-provisioner');
    assert.ok((payload['realm_access'] as { roles: string[] }).roles.includes('admin'));
    assert.equal(payload['typ'], 'Bearer');
    // no audience mapper among the master client's scopes: the client itself is the audience
    assert.equal(payload.aud, 'ratsinfo-provisioner');
  });
});

describe('authorization code + PKCE (ratsinfo-web)', () => {
  it('signs in through the HTML form and returns Keycloak-shaped tokens', async () => {
    const { tokens, callbackUrl } = await authorizationCodeFlow(idp.url, 'burg-member1', 'demo');
    assert.equal(callbackUrl.searchParams.get('state'), 'state-1');
    assert.equal(callbackUrl.searchParams.get('iss'), realmUrl('ratsinfo'));
    const { payload, protectedHeader } = await verify(tokens.access_token as string);
    assert.equal(protectedHeader.typ, 'JWT');
    assert.equal(payload['azp'], 'ratsinfo-web');
    assert.equal(payload.sub, account('burg-member1').id);
    assert.deepEqual(payload['organization'], ['burg']);
    assert.ok(payload['sid']);
    const id = decodeJwt(tokens.id_token as string);
    assert.equal(id['nonce'], 'nonce-1');
    assert.equal(id.aud, 'ratsinfo-web');
    assert.equal(id['email'], account('burg-member1').email);
  });

  it('hands out a JWT-shaped refresh token (keycloak-js decodes it) that refreshes', async () => {
    const { tokens } = await authorizationCodeFlow(idp.url, 'genthin-clerk', 'demo');
    const refresh = tokens.refresh_token as string;
    assert.equal(decodeProtectedHeader(refresh).alg, 'HS512');
    const claims = decodeJwt(refresh);
    assert.equal(claims['typ'], 'Refresh');
    assert.equal(claims['azp'], 'ratsinfo-web');
    const r = await tokenRequest(idp.url, 'ratsinfo', { grant_type: 'refresh_token', refresh_token: refresh, client_id: 'ratsinfo-web' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const { payload } = await verify(r.body.access_token as string);
    assert.equal(payload['preferred_username'], 'genthin-clerk');
    const tampered = `${refresh.slice(0, -4)}AAAA`;
    const bad = await tokenRequest(idp.url, 'ratsinfo', { grant_type: 'refresh_token', refresh_token: tampered, client_id: 'ratsinfo-web' });
    assert.equal(bad.body.error, 'invalid_grant');
  });

  it('requires PKCE for the public client', async () => {
    const browser = new Browser();
    const auth = `${realmUrl('ratsinfo')}/protocol/openid-connect/auth?${new URLSearchParams({ client_id: 'ratsinfo-web', redirect_uri: CALLBACK, response_type: 'code', scope: 'openid' })}`;
    const res = await browser.fetch(auth);
    assert.equal(res.status, 303);
    const location = new URL(res.headers.get('location') as string);
    assert.equal(location.origin + location.pathname, CALLBACK);
    assert.equal(location.searchParams.get('error'), 'invalid_request');
  });

  it('accepts wildcard redirect URIs (localhost:*/*, 127.0.0.1:*/*) and nothing else', async () => {
    const { challenge } = pkcePair();
    const params = (redirect_uri: string) =>
      `${realmUrl('ratsinfo')}/protocol/openid-connect/auth?${new URLSearchParams({ client_id: 'ratsinfo-web', redirect_uri, response_type: 'code', scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256' })}`;
    for (const ok of ['http://localhost:4200/burg/sitzungen?x=1', 'http://localhost:3000/burg', 'http://127.0.0.1:51234/']) {
      const res = await new Browser().fetch(params(ok));
      assert.equal(res.status, 303, ok);
      assert.match(res.headers.get('location') as string, /\/login-actions\/authenticate\//);
    }
    for (const bad of ['http://evil.example/cb', 'https://localhost:4200/', 'http://localhost.evil.example:4200/', 'http://127.0.0.1.evil.example:80/']) {
      const res = await new Browser().fetch(params(bad));
      assert.equal(res.status, 400, bad);
      assert.match(await res.text(), /redirect_uri/);
    }
  });

  it('shows a clear error for a wrong password without telling whether the user exists', async () => {
    const browser = new Browser();
    const { challenge } = pkcePair();
    const auth = `${realmUrl('ratsinfo')}/protocol/openid-connect/auth?${new URLSearchParams({ client_id: 'ratsinfo-web', redirect_uri: CALLBACK, response_type: 'code', scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256' })}`;
    const login = await browser.follow(auth);
    const html = await login.res.text();
    const post = (username: string) =>
      browser.fetch(formAction(html, login.url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...hiddenInputs(html), username, password: 'wrong' }),
      });
    const wrong = await (await post('burg-clerk')).text();
    const unknown = await (await post('nobody-here')).text();
    assert.match(wrong, /Benutzername oder Passwort ist ungültig\./);
    assert.equal(wrong.replace('burg-clerk', ''), unknown.replace('nobody-here', ''));
    assert.match(wrong, /<title>Fehler: /);
    assert.match(wrong, /id="password"[^>]*aria-invalid="true"[^>]*aria-describedby="login-error"/);
    assert.match(wrong, /id="login-error"/);
  });

  it('offers userinfo for its access tokens', async () => {
    const { body } = await passwordGrant(idp.url, 'gommern-admin', 'demo');
    const res = await fetch(`${realmUrl('ratsinfo')}/protocol/openid-connect/userinfo`, { headers: { authorization: `Bearer ${body.access_token}` } });
    assert.equal(res.status, 200);
    const info = (await res.json()) as Record<string, unknown>;
    assert.equal(info['sub'], account('gommern-admin').id);
    assert.deepEqual(info['organization'], ['gommern']);
    const bad = await fetch(`${realmUrl('ratsinfo')}/protocol/openid-connect/userinfo`, { headers: { authorization: 'Bearer nope' } });
    assert.equal(bad.status, 401);
  });

  it('introspects access tokens for confidential clients', async () => {
    const { body } = await passwordGrant(idp.url, 'burg-admin', 'demo');
    const introspect = (token: string, secret = 'tests-secret-dev-only') =>
      fetch(`${realmUrl('ratsinfo')}/protocol/openid-connect/token/introspect`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`ratsinfo-tests:${secret}`).toString('base64')}` },
        body: new URLSearchParams({ token }),
      });
    const active = (await (await introspect(body.access_token as string)).json()) as Record<string, unknown>;
    assert.equal(active['active'], true);
    assert.equal(active['username'], 'burg-admin');
    assert.equal(active['client_id'], 'ratsinfo-tests');
    assert.deepEqual(await (await introspect('garbage')).json(), { active: false });
    assert.equal((await introspect('x', 'wrong-secret')).status, 401);
  });

  it('signs out: with id_token_hint without asking (like Keycloak), otherwise after confirmation', async () => {
    const { browser, tokens } = await authorizationCodeFlow(idp.url, 'burg-member2', 'demo');
    const logoutUrl = `${realmUrl('ratsinfo')}/protocol/openid-connect/logout?${new URLSearchParams({ id_token_hint: tokens.id_token as string, post_logout_redirect_uri: 'http://127.0.0.1:4299/', client_id: 'ratsinfo-web' })}`;
    const page = await browser.fetch(logoutUrl, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<html lang="en">/);
    assert.match(html, /\.submit\(\)/, 'submits itself');
    const done = await browser.fetch(formAction(html, logoutUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(hiddenInputs(html)),
    });
    assert.equal(done.status, 303);
    assert.equal(done.headers.get('location'), 'http://127.0.0.1:4299/');
    // the session is gone: prompt=none now answers login_required
    const { challenge } = pkcePair();
    const silent = await browser.fetch(
      `${realmUrl('ratsinfo')}/protocol/openid-connect/auth?${new URLSearchParams({ client_id: 'ratsinfo-web', redirect_uri: CALLBACK, response_type: 'code', scope: 'openid', prompt: 'none', code_challenge: challenge, code_challenge_method: 'S256' })}`,
    );
    assert.equal(new URL(silent.headers.get('location') as string).searchParams.get('error'), 'login_required');

    const other = await authorizationCodeFlow(idp.url, 'burg-member2', 'demo');
    const confirm = await (await other.browser.fetch(`${realmUrl('ratsinfo')}/protocol/openid-connect/logout`)).text();
    assert.match(confirm, /<html lang="de">[\s\S]*Möchten Sie sich abmelden\?[\s\S]*Angemeldet bleiben/);
    assert.doesNotMatch(confirm, /<script/);
  });

  it('keeps the session for silent sign-in (prompt=none) and answers CORS for the web origin', async () => {
    const { browser } = await authorizationCodeFlow(idp.url, 'burg-member3', 'demo');
    const { verifier, challenge } = pkcePair();
    const redirect = 'http://localhost:4200/burg';
    const silent = await browser.fetch(
      `${realmUrl('ratsinfo')}/protocol/openid-connect/auth?${new URLSearchParams({ client_id: 'ratsinfo-web', redirect_uri: redirect, response_type: 'code', response_mode: 'fragment', scope: 'openid organization:*', prompt: 'none', code_challenge: challenge, code_challenge_method: 'S256' })}`,
    );
    assert.equal(silent.status, 303);
    const code = new URLSearchParams(new URL(silent.headers.get('location') as string).hash.slice(1)).get('code');
    assert.ok(code);
    const res = await fetch(`${realmUrl('ratsinfo')}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { origin: 'http://localhost:4200', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, client_id: 'ratsinfo-web', redirect_uri: redirect }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:4200');
    // keycloak-js sends the token request with credentials: 'include'
    assert.equal(res.headers.get('access-control-allow-credentials'), 'true');
  });
});

describe('login page', () => {
  async function loginPageHtml(headers: Record<string, string> = {}, extra: Record<string, string> = {}): Promise<{ html: string; url: string; browser: Browser }> {
    const browser = new Browser();
    const { challenge } = pkcePair();
    const auth = `${realmUrl('ratsinfo')}/protocol/openid-connect/auth?${new URLSearchParams({ client_id: 'ratsinfo-web', redirect_uri: CALLBACK, response_type: 'code', scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256', ...extra })}`;
    const first = await browser.fetch(auth);
    const url = new URL(first.headers.get('location') as string, auth).href;
    const res = await browser.fetch(url, { headers });
    assert.equal(res.status, 200);
    return { html: await res.text(), url, browser };
  }

  it('is German by default, labelled, without scripts', async () => {
    const { html } = await loginPageHtml();
    assert.match(html, /<html lang="de">/);
    assert.match(html, /<label for="username">Benutzername oder E-Mail-Adresse<\/label>/);
    assert.match(html, /<label for="password">Passwort<\/label>/);
    assert.match(html, /autocomplete="current-password"/);
    assert.match(html, /:focus-visible/);
    assert.doesNotMatch(html, /<script/);
  });

  it('is English with ?lang=en, Accept-Language or ui_locales', async () => {
    const viaQuery = await loginPageHtml();
    const res = await viaQuery.browser.fetch(`${viaQuery.url}?lang=en`);
    assert.match(await res.text(), /<html lang="en">[\s\S]*Username or email address/);
    assert.match((await loginPageHtml({ 'accept-language': 'en-GB,en;q=0.8,de;q=0.5' })).html, /<html lang="en">/);
    assert.match((await loginPageHtml({}, { ui_locales: 'en' })).html, /<html lang="en">/);
  });

  it('prefills login_hint', async () => {
    const { html } = await loginPageHtml({}, { login_hint: 'burg-admin' });
    assert.match(html, /id="username"[^>]*value="burg-admin"/);
  });

  it('answers keycloak-js third-party-cookie probe with "unsupported"', async () => {
    const res = await fetch(`${realmUrl('ratsinfo')}/protocol/openid-connect/3p-cookies/step1.html`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /postMessage\("unsupported"/);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DevIdp } from './server.mts';
import { Browser, CALLBACK, formAction, hiddenInputs, passwordGrant, pkcePair, startTestIdp } from './testing.mts';

/** Opens the sign-in form of ratsinfo-web in a fresh browser and submits it once. */
async function submitLoginForm(idpUrl: string, username: string, password: string, lang?: string): Promise<{ status: number; retryAfter: string | null; html: string }> {
  const browser = new Browser();
  const { challenge } = pkcePair();
  const auth = `${idpUrl}/realms/ratsinfo/protocol/openid-connect/auth?${new URLSearchParams({
    client_id: 'ratsinfo-web',
    redirect_uri: CALLBACK,
    response_type: 'code',
    scope: 'openid',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...(lang ? { ui_locales: lang } : {}),
  })}`;
  const login = await browser.follow(auth);
  const html = await login.res.text();
  const done = await browser.follow(
    formAction(html, login.url),
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...hiddenInputs(html), username, password }) },
    CALLBACK,
  );
  return { status: done.url.startsWith(CALLBACK) ? 302 : done.res.status, retryAfter: done.res.headers.get('retry-after'), html: done.url.startsWith(CALLBACK) ? '' : await done.res.text() };
}

describe('brute-force protection of the sign-in form and the password grant', () => {
  let idp: DevIdp;
  before(async () => {
    idp = await startTestIdp({ loginLimit: { maxFailuresPerUser: 3, maxFailuresPerIp: 6, windowSeconds: 120 } });
  });
  after(async () => {
    await idp.stop();
  });

  it('refuses a username after too many failures with 429, Retry-After and a message the person can read', async () => {
    for (let i = 0; i < 3; i++) {
      const wrong = await submitLoginForm(idp.url, 'burg-clerk', 'falsch');
      assert.equal(wrong.status, 200);
      assert.match(wrong.html, /Benutzername oder Passwort ist ungültig/);
    }
    // now even the right password is refused until the window has passed
    const locked = await submitLoginForm(idp.url, 'burg-clerk', 'demo');
    assert.equal(locked.status, 429);
    const seconds = Number(locked.retryAfter);
    assert.ok(Number.isInteger(seconds) && seconds > 0 && seconds <= 120, `Retry-After ${locked.retryAfter}`);
    assert.match(locked.html, /<title>Fehler: Anmelden – Ratsinfo<\/title>/);
    assert.match(locked.html, /role="alert"[^]*Zu viele fehlgeschlagene Anmeldeversuche\. Bitte warten Sie (2 Minuten|\d+ Sekunden) und versuchen Sie es dann erneut\./);
    assert.match(locked.html, /aria-describedby="login-error"/);
    const english = await submitLoginForm(idp.url, 'burg-clerk', 'demo', 'en');
    assert.equal(english.status, 429);
    assert.match(english.html, /Too many failed sign-in attempts\. Please wait/);

    // the same budget guards the password grant (Keycloak's direct access grant)
    const grant = await passwordGrant(idp.url, 'burg-clerk', 'demo');
    assert.equal(grant.status, 429);
    assert.equal(grant.body.error, 'invalid_grant');
    assert.ok(Number(grant.headers.get('retry-after')) > 0, `Retry-After ${grant.headers.get('retry-after')}`);

    // other people are not locked out by it
    assert.equal((await passwordGrant(idp.url, 'burg-admin', 'demo')).status, 200);
    assert.equal((await submitLoginForm(idp.url, 'genthin-clerk', 'demo')).status, 302);
  });

  it('limits one address trying many usernames, across form and password grant', async () => {
    // 3 failures of the first test are already counted for this IP; 3 more spend its budget of 6
    for (const username of ['gommern-clerk', 'gommern-admin', 'niemand']) {
      assert.equal((await passwordGrant(idp.url, username, 'falsch')).status, 400);
    }
    const blocked = await passwordGrant(idp.url, 'genthin-admin', 'demo');
    assert.equal(blocked.status, 429);
    assert.equal((await submitLoginForm(idp.url, 'genthin-admin', 'demo')).status, 429);
  });

  it('forgets a username\'s failures after a successful sign-in', async () => {
    const fresh = await startTestIdp({ loginLimit: { maxFailuresPerUser: 3, maxFailuresPerIp: 100, windowSeconds: 120 } });
    try {
      for (let i = 0; i < 2; i++) assert.equal((await passwordGrant(fresh.url, 'burg-member1', 'falsch')).status, 400);
      assert.equal((await passwordGrant(fresh.url, 'burg-member1', 'demo')).status, 200);
      for (let i = 0; i < 2; i++) assert.equal((await passwordGrant(fresh.url, 'burg-member1', 'falsch')).status, 400);
      assert.equal((await passwordGrant(fresh.url, 'burg-member1', 'demo')).status, 200);
    } finally {
      await fresh.stop();
    }
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import KcAdminClient from '@keycloak/keycloak-admin-client';
import { decodeJwt } from 'jose';
import type { DevIdp } from './server.mts';
import { Browser, CALLBACK, formAction, hiddenInputs, passwordGrant, pkcePair, PROVISIONER_SECRET, provisionerToken, startTestIdp } from './testing.mts';

let idp: DevIdp;
before(async () => {
  idp = await startTestIdp();
});
after(async () => {
  await idp.stop();
});

/** keycloak-admin-client, authenticated like the production adapter: client_credentials in master. */
async function adminClient(realm = 'ratsinfo'): Promise<KcAdminClient> {
  const kc = new KcAdminClient({ baseUrl: idp.url, realmName: 'master' });
  await kc.auth({ grantType: 'client_credentials', clientId: 'ratsinfo-provisioner', clientSecret: PROVISIONER_SECRET });
  kc.setConfig({ realmName: realm });
  return kc;
}

async function httpStatusOf(promise: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & { response?: Response };
    return { status: e.response?.status ?? -1, message: e.message };
  }
  return { status: 200, message: '' };
}

interface SentMail {
  kind: string;
  to: string;
  subject: string;
  link: string;
  actions: string[];
  redirectUri: string | null;
}

async function sentMails(kc: KcAdminClient, to: string): Promise<SentMail[]> {
  const res = await fetch(`${idp.url}/admin/dev/emails?to=${encodeURIComponent(to)}`, { headers: { authorization: `Bearer ${kc.accessToken}` } });
  assert.equal(res.status, 200);
  return (await res.json()) as SentMail[];
}

describe('admin API through @keycloak/keycloak-admin-client', () => {
  it('onboards a tenant: organization, first admin, membership, invitation e-mail, password via the link', async () => {
    const kc = await adminClient();

    const org = await kc.organizations.create({ name: 'Stadt Möckern', alias: 'moeckern', enabled: true, domains: [{ name: 'moeckern.example.org', verified: false }] });
    assert.match(org.id, /^[0-9a-f-]{36}$/);
    const fetched = await kc.organizations.findOne({ id: org.id });
    assert.equal(fetched.alias, 'moeckern');
    assert.equal(fetched.name, 'Stadt Möckern');
    assert.deepEqual(fetched.domains, [{ name: 'moeckern.example.org', verified: false }]);
    const byName = await kc.organizations.find({ search: 'Stadt Möckern', exact: true });
    assert.deepEqual(byName.map((o) => o.id), [org.id]);

    const user = await kc.users.create({
      username: 'anna.schulz',
      email: 'Anna.Schulz@example.org',
      firstName: 'Anna',
      lastName: 'Schulz',
      enabled: true,
      requiredActions: ['UPDATE_PASSWORD', 'VERIFY_EMAIL'],
    });
    await kc.organizations.addMember({ orgId: org.id, userId: user.id });
    const members = await kc.organizations.listMembers({ orgId: org.id });
    assert.deepEqual(members.map((m) => m.id), [user.id]);
    assert.deepEqual((await kc.organizations.memberOrganizations({ userId: user.id })).map((o) => o.alias), ['moeckern']);

    const found = await kc.users.find({ email: 'anna.schulz@example.org', exact: true });
    assert.equal(found.length, 1);
    assert.equal(found[0].id, user.id);
    assert.equal(found[0].email, 'anna.schulz@example.org');
    assert.deepEqual(found[0].requiredActions, ['UPDATE_PASSWORD', 'VERIFY_EMAIL']);

    // not fully set up yet: no password grant
    assert.equal((await passwordGrant(idp.url, 'anna.schulz', 'whatever1')).body.error, 'invalid_grant');

    await kc.users.executeActionsEmail({ id: user.id, actions: ['UPDATE_PASSWORD', 'VERIFY_EMAIL'], clientId: 'ratsinfo-web', redirectUri: 'http://localhost:4200/moeckern', lifespan: 3600 });
    const [mail] = await sentMails(kc, 'anna.schulz@example.org');
    assert.ok(mail, 'an e-mail was recorded');
    assert.deepEqual(mail.actions, ['UPDATE_PASSWORD', 'VERIFY_EMAIL']);
    assert.equal(mail.redirectUri, 'http://localhost:4200/moeckern');
    assert.ok(mail.link.startsWith(`${idp.url}/realms/ratsinfo/login-actions/action-token?key=`));

    // the person opens the link and sets a password
    const browser = new Browser();
    const page = await browser.fetch(mail.link);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /<html lang="de">/);
    assert.match(html, /<label for="password">Neues Passwort<\/label>/);
    const submit = (password: string, passwordConfirm: string) =>
      browser.fetch(formAction(html, mail.link), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ password, passwordConfirm }),
      });
    const tooShort = await (await submit('kurz', 'kurz')).text();
    assert.match(tooShort, /id="password"[^>]*aria-invalid="true"[^>]*aria-describedby="password-hint password-error"/);
    assert.match(tooShort, /mindestens 8 Zeichen/);
    const mismatch = await (await submit('Sitzung2026!', 'Sitzung2027!')).text();
    assert.match(mismatch, /stimmen nicht überein/);
    const ok = await submit('Sitzung2026!', 'Sitzung2026!');
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /href="http:\/\/localhost:4200\/moeckern"/);

    const after = await kc.users.findOne({ id: user.id });
    assert.deepEqual(after?.requiredActions, []);
    assert.equal(after?.emailVerified, true);

    const { status, body } = await passwordGrant(idp.url, 'anna.schulz@example.org', 'Sitzung2026!');
    assert.equal(status, 200, JSON.stringify(body));
    const claims = decodeJwt(body.access_token as string);
    assert.equal(claims.sub, user.id);
    assert.deepEqual(claims['organization'], ['moeckern']);

    // the link works once
    assert.equal((await new Browser().fetch(mail.link)).status, 400);
  });

  it('answers like Keycloak on conflicts and unknown ids', async () => {
    const kc = await adminClient();
    await kc.users.create({ username: 'dup.user', email: 'dup@example.org', enabled: true });
    assert.deepEqual(await httpStatusOf(kc.users.create({ username: 'DUP.user', enabled: true })), { status: 409, message: 'User exists with same username' });
    assert.deepEqual(await httpStatusOf(kc.users.create({ username: 'other', email: 'DUP@example.org' })), { status: 409, message: 'User exists with same email' });
    assert.equal(await kc.users.findOne({ id: '00000000-0000-0000-0000-000000000000' }), null);
    // Keycloak creates users disabled unless the representation says enabled: true
    const { id: disabledId } = await kc.users.create({ username: 'not.enabled', credentials: [{ type: 'password', value: 'Passwort-123' }] });
    assert.equal((await kc.users.findOne({ id: disabledId }))?.enabled, false);
    assert.equal((await passwordGrant(idp.url, 'not.enabled', 'Passwort-123')).body.error_description, 'Account disabled');
    assert.equal((await httpStatusOf(kc.organizations.findOne({ id: 'nope' }))).status, 404);
    assert.equal((await httpStatusOf(kc.organizations.create({ name: 'Stadt Burg', alias: 'burg-2' }))).status, 409);
    assert.equal((await httpStatusOf(kc.organizations.create({ name: 'Burg zwei', alias: 'burg' }))).status, 409);
    const burg = (await kc.organizations.find({ search: 'Stadt Burg', exact: true }))[0];
    assert.equal(burg.alias, 'burg');
    assert.equal((await httpStatusOf(kc.organizations.updateById({ id: burg.id! }, { ...burg, alias: 'other' }))).status, 400);
    const katrin = (await kc.users.find({ username: 'katrin.lehmann', exact: true }))[0];
    assert.equal((await httpStatusOf(kc.organizations.addMember({ orgId: burg.id!, userId: katrin.id! }))).status, 409);
  });

  it('lists, updates and deletes users and organizations', async () => {
    const kc = await adminClient();
    const members = await kc.users.find({ search: 'burg-member', max: 2 });
    assert.deepEqual(members.map((u) => u.username), ['burg-member1', 'burg-member2']);
    assert.equal((await kc.users.find({ username: 'burg', exact: true })).length, 0);
    assert.equal((await kc.users.find({ max: 1000 })).some((u) => u.username?.startsWith('service-account-')), false);

    const { id } = await kc.users.create({ username: 'temp.user', enabled: true, credentials: [{ type: 'password', value: 'Temp-Passwort1', temporary: false }] });
    assert.equal((await passwordGrant(idp.url, 'temp.user', 'Temp-Passwort1')).status, 200);
    await kc.users.update({ id }, { firstName: 'Tina', enabled: false });
    assert.equal((await kc.users.findOne({ id }))?.firstName, 'Tina');
    assert.equal((await passwordGrant(idp.url, 'temp.user', 'Temp-Passwort1')).body.error_description, 'Account disabled');
    await kc.users.del({ id });
    assert.equal(await kc.users.findOne({ id }), null);

    const org = await kc.organizations.create({ name: 'Temp', alias: 'temp' });
    await kc.organizations.updateById({ id: org.id }, { name: 'Temp umbenannt', alias: 'temp', enabled: false });
    const updated = await kc.organizations.findOne({ id: org.id });
    assert.equal(updated.name, 'Temp umbenannt');
    assert.equal(updated.enabled, false);
    await kc.organizations.delById({ id: org.id });
    assert.equal((await httpStatusOf(kc.organizations.findOne({ id: org.id }))).status, 404);
  });

  it('creates a dedicated realm (409 when it exists) with the web and test clients', async () => {
    const kc = await adminClient();
    const created = await kc.realms.create({ realm: 'gemeinde-test', enabled: true, displayName: 'Gemeinde Test', organizationsEnabled: true });
    assert.deepEqual(created, { realmName: 'gemeinde-test' });
    const realm = await kc.realms.findOne({ realm: 'gemeinde-test' });
    assert.equal(realm?.realm, 'gemeinde-test');
    assert.equal(realm?.enabled, true);
    assert.equal((await httpStatusOf(kc.realms.create({ realm: 'gemeinde-test', enabled: true }))).status, 409);

    const discovery = (await (await fetch(`${idp.url}/realms/gemeinde-test/.well-known/openid-configuration`)).json()) as { issuer: string };
    assert.equal(discovery.issuer, `${idp.url}/realms/gemeinde-test`);
    kc.setConfig({ realmName: 'gemeinde-test' });
    await kc.users.create({ username: 'erste.admin', email: 'erste.admin@example.org', enabled: true, credentials: [{ type: 'password', value: 'Erste-Admin1' }] });
    const { body } = await passwordGrant(idp.url, 'erste.admin', 'Erste-Admin1', 'gemeinde-test');
    assert.equal(decodeJwt(body.access_token as string).iss, `${idp.url}/realms/gemeinde-test`);

    // Like Keycloak, a new realm has organizations off unless asked for.
    await kc.realms.create({ realm: 'ohne-orgs', enabled: true });
    kc.setConfig({ realmName: 'ohne-orgs' });
    assert.deepEqual(await httpStatusOf(kc.organizations.find()), { status: 404, message: 'Organizations not enabled for this realm.' });
  });

  it('rejects tokens without the master admin role (403) and missing tokens (401)', async () => {
    const user = await passwordGrant(idp.url, 'burg-admin', 'demo');
    const asUser = await fetch(`${idp.url}/admin/realms/ratsinfo/users`, { headers: { authorization: `Bearer ${user.body.access_token}` } });
    assert.equal(asUser.status, 403);
    assert.deepEqual(await asUser.json(), { error: 'HTTP 403 Forbidden' });
    const operator = await passwordGrant(idp.url, 'operator', 'demo');
    assert.equal((await fetch(`${idp.url}/admin/dev/emails`, { headers: { authorization: `Bearer ${operator.body.access_token}` } })).status, 403);
    assert.equal((await fetch(`${idp.url}/admin/realms/ratsinfo/users`)).status, 401);
    assert.equal((await fetch(`${idp.url}/admin/realms/ratsinfo/users`, { headers: { authorization: 'Bearer x.y.z' } })).status, 401);
    const idToken = user.body.id_token as string;
    assert.equal((await fetch(`${idp.url}/admin/realms/ratsinfo/users`, { headers: { authorization: `Bearer ${idToken}` } })).status, 401);
  });

  it('answers unknown admin paths with 404 JSON', async () => {
    const { body } = await provisionerToken(idp.url);
    const res = await fetch(`${idp.url}/admin/realms/ratsinfo/no-such-thing`, { headers: { authorization: `Bearer ${body.access_token}` } });
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    assert.ok(await res.json());
    const realm = await fetch(`${idp.url}/admin/realms/no-realm/users`, { headers: { authorization: `Bearer ${body.access_token}` } });
    assert.equal(realm.status, 404);
  });

  it('validates execute-actions-email like Keycloak', async () => {
    const kc = await adminClient();
    const { id } = await kc.users.create({ username: 'ohne.mail', enabled: true });
    assert.deepEqual(await httpStatusOf(kc.users.executeActionsEmail({ id, actions: ['UPDATE_PASSWORD'] })), { status: 400, message: 'User email missing' });
    const withMail = await kc.users.create({ username: 'mit.mail', email: 'mit.mail@example.org', enabled: true });
    assert.equal((await httpStatusOf(kc.users.executeActionsEmail({ id: withMail.id, actions: ['UPDATE_PASSWORD'], clientId: 'ratsinfo-web', redirectUri: 'http://evil.example/' }))).status, 400);
    assert.equal((await httpStatusOf(kc.users.executeActionsEmail({ id: withMail.id, actions: ['NO_SUCH_ACTION'] }))).status, 400);
  });

  it('records every e-mail with its kind, so a test can tell an invitation from a password reset', async () => {
    const kc = await adminClient();
    const { id } = await kc.users.create({ username: 'arten@example.org', email: 'arten@example.org', enabled: true });
    await kc.users.executeActionsEmail({ id, actions: ['UPDATE_PASSWORD', 'VERIFY_EMAIL'] });
    await kc.users.sendVerifyEmail({ id });
    const res = await fetch(`${idp.url}/admin/realms/ratsinfo/users/${id}/reset-password-email`, { method: 'PUT', headers: { authorization: `Bearer ${kc.accessToken}` } });
    assert.equal(res.status, 204);
    const mails = await sentMails(kc, 'arten@example.org');
    assert.deepEqual(
      mails.map((m) => [m.kind, m.actions.join(',')]),
      [
        ['execute-actions', 'UPDATE_PASSWORD,VERIFY_EMAIL'],
        ['verify-email', 'VERIFY_EMAIL'],
        ['reset-password', 'UPDATE_PASSWORD'],
      ],
    );
    const onlyResets = await fetch(`${idp.url}/admin/dev/emails?to=arten%40example.org&kind=reset-password`, { headers: { authorization: `Bearer ${kc.accessToken}` } });
    assert.ok(((await onlyResets.json()) as SentMail[]).every((m) => m.kind === 'reset-password'));
  });

  it('asks for a new password at sign-in when the password is temporary', async () => {
    const kc = await adminClient();
    await kc.users.create({ username: 'temp.pass', email: 'temp.pass@example.org', enabled: true, credentials: [{ type: 'password', value: 'Vorläufig-1', temporary: true }] });
    const browser = new Browser();
    const { challenge } = pkcePair();
    const auth = `${idp.url}/realms/ratsinfo/protocol/openid-connect/auth?${new URLSearchParams({ client_id: 'ratsinfo-web', redirect_uri: CALLBACK, response_type: 'code', scope: 'openid', code_challenge: challenge, code_challenge_method: 'S256' })}`;
    const login = await browser.follow(auth);
    const loginHtml = await login.res.text();
    const post = (fields: Record<string, string>, html: string) =>
      browser.follow(formAction(html, login.url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ ...hiddenInputs(html), ...fields }) }, CALLBACK);
    const setup = await post({ username: 'temp.pass', password: 'Vorläufig-1' }, loginHtml);
    assert.equal(setup.res.status, 200);
    const setupHtml = await setup.res.text();
    assert.match(setupHtml, /<h1>Konto einrichten<\/h1>/);
    const done = await post({ password: 'Endgültig-22', passwordConfirm: 'Endgültig-22' }, setupHtml);
    assert.ok(new URL(done.url).searchParams.get('code'), done.url);
    assert.equal((await passwordGrant(idp.url, 'temp.pass', 'Endgültig-22')).status, 200);
  });
});

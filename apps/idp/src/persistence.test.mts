import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { DEMO_ACCOUNTS } from '../../../tools/db/seed/demo-accounts.mts';
import type { StoreData } from './store.mts';
import { passwordGrant, provisionerToken, startTestIdp } from './testing.mts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ratsinfo-idp-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function kids(url: string, realm: string): Promise<string[]> {
  const res = await fetch(`${url}/realms/${realm}/protocol/openid-connect/certs`);
  return ((await res.json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
}

/** An admin API call; a string body is sent as it is (e.g. a JSON string). */
async function admin(url: string, method: string, path: string, body?: unknown): Promise<Response> {
  const { body: token } = await provisionerToken(url);
  return fetch(`${url}/admin/realms${path}`, {
    method,
    headers: { authorization: `Bearer ${token.access_token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('persistence', () => {
  it('keeps realms, keys, users, organizations and sent mails across a restart', async () => {
    const dataFile = join(dir, 'nested', 'store.json');
    const first = await startTestIdp({ dataFile });
    let oldToken: string;
    let ratsinfoKids: string[];
    try {
      ratsinfoKids = await kids(first.url, 'ratsinfo');
      assert.equal((await admin(first.url, 'POST', '', { realm: 'dedicated', enabled: true, organizationsEnabled: true })).status, 201);
      const created = await admin(first.url, 'POST', '/ratsinfo/users', {
        username: 'persisted.user',
        email: 'persisted@example.org',
        enabled: true,
        credentials: [{ type: 'password', value: 'Persistent-1' }],
      });
      assert.equal(created.status, 201);
      const userId = (created.headers.get('location') as string).split('/').pop() as string;
      assert.equal((await admin(first.url, 'PUT', `/ratsinfo/users/${userId}/execute-actions-email`, ['VERIFY_EMAIL'])).status, 204);
      const org = await admin(first.url, 'POST', '/ratsinfo/organizations', { name: 'Stadt Jerichow', alias: 'jerichow' });
      const orgId = (org.headers.get('location') as string).split('/').pop() as string;
      assert.equal((await admin(first.url, 'POST', `/ratsinfo/organizations/${orgId}/members`, JSON.stringify(userId))).status, 201);
      oldToken = (await passwordGrant(first.url, 'burg-admin', 'demo')).body.access_token as string;
    } finally {
      await first.stop();
    }

    const data = JSON.parse(await readFile(dataFile, 'utf8')) as StoreData;
    assert.equal(data.version, 1);
    assert.deepEqual(data.realms.map((r) => r.realm).sort(), ['dedicated', 'master', 'ratsinfo']);
    assert.equal((await stat(dataFile)).mode & 0o777, 0o600);
    assert.deepEqual((await readdir(join(dir, 'nested'))).filter((f) => f.endsWith('.tmp')), [], 'no temp files left');

    const second = await startTestIdp({ dataFile });
    try {
      assert.deepEqual(await kids(second.url, 'ratsinfo'), ratsinfoKids);
      // a token from before the restart still verifies against the (same) keys
      const jwks = createRemoteJWKSet(new URL(`${second.url}/realms/ratsinfo/protocol/openid-connect/certs`));
      await jwtVerify(oldToken, jwks, { audience: 'ratsinfo-api' });

      const grant = await passwordGrant(second.url, 'persisted.user', 'Persistent-1');
      assert.equal(grant.status, 200, JSON.stringify(grant.body));
      const { payload } = await jwtVerify(grant.body.access_token as string, jwks);
      assert.deepEqual(payload['organization'], ['jerichow']);

      const dedicated = await fetch(`${second.url}/realms/dedicated/.well-known/openid-configuration`);
      assert.equal(dedicated.status, 200);

      const users = (await (await admin(second.url, 'GET', '/ratsinfo/users?max=1000')).json()) as { username: string }[];
      assert.equal(users.length, DEMO_ACCOUNTS.length + 1, 'the demo accounts are seeded once');
      const { body: token } = await provisionerToken(second.url);
      const mails = (await (await fetch(`${second.url}/admin/dev/emails`, { headers: { authorization: `Bearer ${token.access_token}` } })).json()) as { to: string }[];
      assert.deepEqual(mails.map((m) => m.to), ['persisted@example.org']);
    } finally {
      await second.stop();
    }
  });

  it('keeps everything in memory without a data file', async () => {
    const a = await startTestIdp({ dataFile: null });
    const kidA = await kids(a.url, 'ratsinfo');
    await a.stop();
    const b = await startTestIdp({ dataFile: null });
    try {
      assert.notDeepEqual(await kids(b.url, 'ratsinfo'), kidA);
    } finally {
      await b.stop();
    }
  });
});

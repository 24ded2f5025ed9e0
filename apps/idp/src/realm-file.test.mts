import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { DEFAULT_DEV_OVERLAY, DEFAULT_REALM_FILE, type RealmRep } from './realm-file.mts';
import type { DevIdp } from './server.mts';
import { Browser, passwordGrant, pkcePair, startTestIdp } from './testing.mts';

/**
 * The dev IdP takes its clients, scopes, mappers and roles from deploy/keycloak: changing a copy
 * of the realm file changes what it accepts and what its tokens say.
 */
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'idp-realm-file-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function realmCopy(change: (realm: RealmRep) => void): Promise<string> {
  const realm = JSON.parse(await readFile(DEFAULT_REALM_FILE, 'utf8')) as RealmRep;
  change(realm);
  const file = join(dir, `realm-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, JSON.stringify(realm));
  return file;
}

const webClient = (realm: RealmRep) => {
  const client = realm.clients?.find((c) => c.clientId === 'ratsinfo-web');
  assert.ok(client);
  return client;
};

/** Status of the authorization request for a redirect URI: 303 to the login form, or 400 (Keycloak: "Invalid parameter: redirect_uri"). */
async function authorize(idp: DevIdp, redirectUri: string): Promise<number> {
  const { challenge } = pkcePair();
  const url = `${idp.url}/realms/ratsinfo/protocol/openid-connect/auth?${new URLSearchParams({ client_id: 'ratsinfo-web', redirect_uri: redirectUri, response_type: 'code', scope: 'openid organization:*', code_challenge: challenge, code_challenge_method: 'S256' })}`;
  const res = await new Browser().fetch(url);
  return res.status;
}

describe('realm as code (deploy/keycloak)', () => {
  it('accepts the redirect URIs of the file, and no longer those removed from it', async () => {
    const idp = await startTestIdp({ realmOverlays: [] });
    const changed = await startTestIdp({
      realmOverlays: [],
      realmFile: await realmCopy((realm) => {
        webClient(realm).redirectUris = ['https://ratsinfo.example.org/*'];
      }),
    });
    try {
      assert.equal(await authorize(idp, 'http://localhost:4200/burg'), 303);
      assert.equal(await authorize(idp, 'https://ratsinfo.example.org/burg'), 400);
      assert.equal(await authorize(changed, 'https://ratsinfo.example.org/burg'), 303);
      assert.equal(await authorize(changed, 'http://localhost:4200/burg'), 400);
    } finally {
      await Promise.all([idp.stop(), changed.stop()]);
    }
  });

  it('resolves ${RATSINFO_WEB_URL} like a Keycloak import does', async () => {
    const previous = process.env['RATSINFO_WEB_URL'];
    process.env['RATSINFO_WEB_URL'] = 'https://rat.example.net';
    try {
      const idp = await startTestIdp({ realmOverlays: [] });
      try {
        assert.equal(await authorize(idp, 'https://rat.example.net/genthin/verwaltung'), 303);
        assert.equal(await authorize(idp, 'http://localhost:4200/genthin'), 400);
      } finally {
        await idp.stop();
      }
    } finally {
      if (previous === undefined) delete process.env['RATSINFO_WEB_URL'];
      else process.env['RATSINFO_WEB_URL'] = previous;
    }
  });

  it('adds the dev overlay: loopback redirect URIs on any port and the password-grant test client', async () => {
    const idp = await startTestIdp({ realmOverlays: [DEFAULT_DEV_OVERLAY] });
    const without = await startTestIdp({ realmOverlays: [] });
    try {
      assert.equal(await authorize(idp, 'http://127.0.0.1:39123/callback'), 303);
      assert.equal(await authorize(without, 'http://127.0.0.1:39123/callback'), 400);
      assert.equal((await passwordGrant(idp.url, 'burg-clerk', 'demo')).status, 200);
      assert.equal((await passwordGrant(without.url, 'burg-clerk', 'demo')).body.error, 'invalid_client');
    } finally {
      await Promise.all([idp.stop(), without.stop()]);
    }
  });

  it("takes the audience, the organization claim and the realm roles from the file's scopes and mappers", async () => {
    const file = await realmCopy((realm) => {
      const audience = realm.clientScopes?.find((s) => s.name === 'ratsinfo-api-audience')?.protocolMappers?.[0];
      assert.ok(audience?.config);
      audience.config['included.client.audience'] = 'ratsinfo-api-v2';
      const organization = realm.clientScopes?.find((s) => s.name === 'organization')?.protocolMappers?.[0];
      assert.ok(organization?.config);
      organization.config['claim.name'] = 'orgs';
      organization.config['addOrganizationId'] = 'true';
      const roles = realm.clientScopes?.find((s) => s.name === 'roles')?.protocolMappers?.[0];
      assert.ok(roles?.config);
      roles.config['claim.name'] = 'roles';
    });
    const idp = await startTestIdp({ realmFile: file });
    try {
      const { body } = await passwordGrant(idp.url, 'katrin.lehmann', 'demo');
      const claims = decodeJwt(body.access_token as string);
      assert.equal(claims.aud, 'ratsinfo-api-v2');
      assert.equal(claims['organization'], undefined);
      assert.deepEqual(Object.keys(claims['orgs'] as object).sort(), ['burg', 'landkreis-jerichower-land']);
      assert.match((claims['orgs'] as Record<string, { id: string }>)['burg'].id, /^[0-9a-f-]{36}$/);
      assert.equal(claims['realm_access'], undefined);
      assert.ok((claims['roles'] as string[]).includes('default-roles-ratsinfo'));
    } finally {
      await idp.stop();
    }
  });

  it('gives no organization claim when the client may not request the organization scope', async () => {
    const file = await realmCopy((realm) => {
      const web = webClient(realm);
      web.optionalClientScopes = (web.optionalClientScopes ?? []).filter((s) => s !== 'organization');
    });
    const overlay = join(dir, 'tests-without-organization.json');
    const devOverlay = JSON.parse(await readFile(DEFAULT_DEV_OVERLAY, 'utf8')) as RealmRep;
    for (const c of devOverlay.clients ?? []) c.optionalClientScopes = (c.optionalClientScopes ?? []).filter((s) => s !== 'organization');
    await writeFile(overlay, JSON.stringify(devOverlay));
    const idp = await startTestIdp({ realmFile: file, realmOverlays: [overlay] });
    try {
      const { body } = await passwordGrant(idp.url, 'katrin.lehmann', 'demo');
      const claims = decodeJwt(body.access_token as string);
      assert.equal(claims['organization'], undefined);
      assert.equal(claims['scope'], 'openid profile email');
    } finally {
      await idp.stop();
    }
  });

  it('refuses to start on a realm file that contradicts itself or misses a value', async () => {
    const unknownScope = await realmCopy((realm) => {
      webClient(realm).defaultClientScopes = ['no-such-scope'];
    });
    await assert.rejects(startTestIdp({ realmFile: unknownScope, realmOverlays: [] }), /client ratsinfo-web refers to the unknown client scope "no-such-scope"/);
    const noOperator = await realmCopy((realm) => {
      realm.roles = { realm: (realm.roles?.realm ?? []).filter((r) => r.name !== 'operator') };
    });
    await assert.rejects(startTestIdp({ realmFile: noOperator, realmOverlays: [] }), /demo accounts have realm roles the realm file does not define \(operator: operator\)/);
    const placeholder = await realmCopy((realm) => {
      webClient(realm).rootUrl = '${RATSINFO_NO_SUCH_VARIABLE}';
    });
    await assert.rejects(startTestIdp({ realmFile: placeholder, realmOverlays: [] }), /uses \$\{RATSINFO_NO_SUCH_VARIABLE\}, but RATSINFO_NO_SUCH_VARIABLE is not set/);
  });
});

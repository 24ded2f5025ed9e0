import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { loadConfig } from '@ratsinfo/api-core';
import { KeycloakProvisioner } from './keycloak-provisioner';

/**
 * The Keycloak adapter against the Keycloak-compatible dev IdP (apps/idp) as a separate process:
 * the identity an invitation finds or creates, and which e-mails that causes. The same
 * assertions against a real Keycloak 26 are in keycloak-provisioner.keycloak.spec.ts.
 */
const SECRET = 'provisioner-secret-identity-spec';
const REALM = 'ratsinfo';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface SentMail {
  kind: string;
  to: string;
  actions: string[];
}

describe('KeycloakProvisioner against the dev IdP', () => {
  let idp: ChildProcess;
  let baseUrl: string;
  let provisioner: KeycloakProvisioner;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const root = join(__dirname, '../../../../..');
    idp = spawn(process.execPath, [join(root, 'apps/idp/src/main.mts')], {
      cwd: root,
      env: { ...process.env, IDP_PORT: String(port), IDP_PUBLIC_URL: baseUrl, IDP_DATA_FILE: 'memory', IDP_SEED_DEMO: 'false', IDP_PROVISIONER_SECRET: SECRET, IDP_LOG_REQUESTS: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`dev IdP did not start: ${output}`)), 60_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('dev IdP (development only) at')) {
          clearTimeout(timer);
          resolve();
        }
      };
      idp.stdout?.on('data', onData);
      idp.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      idp.once('exit', (code) => reject(new Error(`dev IdP exited with ${code}: ${output}`)));
    });
    provisioner = new KeycloakProvisioner(loadConfig({ DATABASE_URL: 'postgresql://x@127.0.0.1/x', REDIS_URL: 'redis://127.0.0.1', AUTH_URL: baseUrl, KEYCLOAK_ADMIN_CLIENT_SECRET: SECRET }));
  }, 90_000);

  afterAll(() => {
    idp?.kill('SIGTERM');
  });

  async function mailsTo(to: string): Promise<SentMail[]> {
    const token = await fetch(`${baseUrl}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'ratsinfo-provisioner', client_secret: SECRET }),
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const res = await fetch(`${baseUrl}/admin/dev/emails?to=${encodeURIComponent(to)}`, { headers: { authorization: `Bearer ${access_token}` } });
    return (await res.json()) as SentMail[];
  }

  it('reports a new identity as created, and the same one as existing afterwards', async () => {
    const first = await provisioner.ensureUser(REALM, { email: 'greta.neu@genthin.example.org', firstName: 'Greta', lastName: 'Neu' });
    expect(first).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), created: true, awaitingSetup: true });
    const again = await provisioner.ensureUser(REALM, { email: 'Greta.Neu@Genthin.example.org', firstName: 'Greta', lastName: 'Neu' });
    // Existing, but never set up: a repeated invitation must still reach it.
    expect(again).toEqual({ id: first.id, created: false, awaitingSetup: true });
  });

  it('reports an identity that has been set up (a password in use) as not awaiting setup', async () => {
    const email = 'schon.aktiv@example.org';
    const first = await provisioner.ensureUser(REALM, { email, firstName: 'Schon', lastName: 'Aktiv' });
    const token = await fetch(`${baseUrl}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'ratsinfo-provisioner', client_secret: SECRET }),
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const put = await fetch(`${baseUrl}/admin/realms/${REALM}/users/${first.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ requiredActions: [] }),
    });
    expect(put.status).toBe(204);
    expect(await provisioner.ensureUser(REALM, { email, firstName: 'Schon', lastName: 'Aktiv' })).toEqual({ id: first.id, created: false, awaitingSetup: false });
  });

  it('finds an existing identity without changing it and without sending it any e-mail', async () => {
    const email = 'katrin.vorhanden@example.org';
    const first = await provisioner.ensureUser(REALM, { email, firstName: 'Katrin', lastName: 'Vorhanden' });
    const org = await provisioner.ensureOrganization(REALM, 'burg-test', 'Stadt Burg (Test)');
    const mailsBefore = await mailsTo(email);
    const found = await provisioner.ensureUser(REALM, { email, firstName: 'Anderer', lastName: 'Name' });
    await provisioner.ensureOrganizationMember(REALM, org.id, found.id);
    expect(found).toEqual({ id: first.id, created: false, awaitingSetup: true });
    expect(await mailsTo(email)).toEqual(mailsBefore);
    expect(mailsBefore).toEqual([]);
  });

  it('an invitation of a new identity is exactly one execute-actions e-mail', async () => {
    const email = 'neu.eingeladen@example.org';
    const user = await provisioner.ensureUser(REALM, { email, firstName: 'Neu', lastName: 'Eingeladen' });
    await provisioner.sendInvitation(REALM, user.id, { clientId: 'ratsinfo-web', redirectUri: 'http://localhost:4200/burg/verwaltung' });
    expect((await mailsTo(email)).map((m) => [m.kind, m.actions])).toEqual([['execute-actions', ['UPDATE_PASSWORD', 'VERIFY_EMAIL']]]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@ratsinfo/api-core';
import type KcAdminClient from '@keycloak/keycloak-admin-client';
import { GenericContainer, type StartedTestContainer, Wait } from 'testcontainers';
import { KeycloakProvisioner } from './keycloak-provisioner';

/**
 * The Keycloak adapter and the realm as code against a real Keycloak 26 in a container
 * (testcontainers): the container imports deploy/keycloak/ratsinfo-realm.json at start
 * (`start-dev --import-realm`), the same file the dev IdP reads. Where no container runtime exists
 * (our CI machines have no Docker engine) the suite is skipped and says so; the same adapter runs
 * against the dev IdP in keycloak-provisioner.spec.ts and the API tests.
 */
const runtime = process.env['RATSINFO_CONTAINER_RUNTIME'] === 'available';
const suite = runtime ? describe : describe.skip;
if (!runtime) console.warn(`real Keycloak tests skipped: no container runtime (${process.env['RATSINFO_CONTAINER_RUNTIME_REASON'] ?? 'not detected'})`);

const REALM = 'ratsinfo';
const BOOTSTRAP_SECRET = 'bootstrap-admin-secret-for-tests';
const PROVISIONER_SECRET = 'realm-provisioner-secret-for-tests';
const TEST_CLIENT_SECRET = 'tests-secret-for-tests';
const WEB_URL = 'http://localhost:4200';
const ROOT = join(__dirname, '../../../../..');
const REALM_FILE = join(ROOT, 'deploy/keycloak/ratsinfo-realm.json');
const DEV_OVERLAY = join(ROOT, 'deploy/keycloak/dev/ratsinfo-realm.dev.json');

function adminClientClass(): typeof KcAdminClient {
  const { createRequire } = process.getBuiltinModule('node:module');
  return (createRequire(`${process.cwd()}/`)('@keycloak/keycloak-admin-client') as { default: typeof KcAdminClient }).default;
}

function provisionerFor(baseUrl: string, adminRealm: string, clientSecret: string): KeycloakProvisioner {
  return new KeycloakProvisioner(
    loadConfig({
      DATABASE_URL: 'postgresql://x@127.0.0.1/x',
      REDIS_URL: 'redis://127.0.0.1',
      AUTH_URL: baseUrl,
      KEYCLOAK_ADMIN_REALM: adminRealm,
      KEYCLOAK_ADMIN_CLIENT_SECRET: clientSecret,
    }),
  );
}

suite('KeycloakProvisioner and the realm file against Keycloak 26 (testcontainers)', () => {
  let keycloak: StartedTestContainer;
  let baseUrl: string;
  /** The bootstrap admin client of master (may create realms). */
  let master: KeycloakProvisioner;
  /** The realm file's own ratsinfo-provisioner (realm-management roles in realm ratsinfo only). */
  let provisioner: KeycloakProvisioner;
  let admin: KcAdminClient;

  beforeAll(async () => {
    keycloak = await new GenericContainer('quay.io/keycloak/keycloak:26.4')
      .withEnvironment({
        KC_BOOTSTRAP_ADMIN_CLIENT_ID: 'ratsinfo-provisioner',
        KC_BOOTSTRAP_ADMIN_CLIENT_SECRET: BOOTSTRAP_SECRET,
        KC_HEALTH_ENABLED: 'true',
        // the placeholders of the realm file, resolved by Keycloak at import
        RATSINFO_WEB_URL: WEB_URL,
        RATSINFO_PROVISIONER_SECRET: PROVISIONER_SECRET,
      })
      .withCopyFilesToContainer([{ source: REALM_FILE, target: '/opt/keycloak/data/import/ratsinfo-realm.json' }])
      .withCommand(['start-dev', '--import-realm'])
      .withExposedPorts(8080, 9000)
      .withWaitStrategy(Wait.forHttp('/health/ready', 9000).forStatusCode(200))
      .withStartupTimeout(180_000)
      .start();
    baseUrl = `http://${keycloak.getHost()}:${keycloak.getMappedPort(8080)}`;
    master = provisionerFor(baseUrl, 'master', BOOTSTRAP_SECRET);
    provisioner = provisionerFor(baseUrl, REALM, PROVISIONER_SECRET);
    const Client = adminClientClass();
    admin = new Client({ baseUrl, realmName: 'master' });
    await admin.auth({ grantType: 'client_credentials', clientId: 'ratsinfo-provisioner', clientSecret: BOOTSTRAP_SECRET });
    admin.setConfig({ realmName: REALM });
  }, 240_000);

  afterAll(async () => {
    await keycloak?.stop();
  });

  it('imported the realm file: organizations on, the clients, the operator role', async () => {
    const realm = await admin.realms.findOne({ realm: REALM });
    expect(realm).toMatchObject({ realm: REALM, enabled: true, organizationsEnabled: true });
    const clientIds = (await admin.clients.find({ realm: REALM })).map((c) => c.clientId);
    expect(clientIds).toEqual(expect.arrayContaining(['ratsinfo-web', 'ratsinfo-api', 'ratsinfo-provisioner']));
    expect(clientIds).not.toContain('ratsinfo-tests');
    expect((await admin.roles.findOneByName({ realm: REALM, name: 'operator' }))?.name).toBe('operator');
    const scopes = (await admin.clientScopes.find({ realm: REALM })).map((s) => s.name);
    expect(scopes).toEqual(expect.arrayContaining(['organization', 'ratsinfo-api-audience', 'profile', 'email', 'roles', 'basic']));
  });

  it('ensureRealm leaves the imported realm alone', async () => {
    await master.ensureRealm(REALM, 'Ratsinfo');
    expect((await admin.clients.find({ realm: REALM, clientId: 'ratsinfo-web' })).length).toBe(1);
  });

  it("the realm's own provisioner creates an organization once, however often it is asked", async () => {
    const first = await provisioner.ensureOrganization(REALM, 'burg', 'Stadt Burg');
    const again = await provisioner.ensureOrganization(REALM, 'burg', 'Stadt Burg');
    expect(again.id).toBe(first.id);
  });

  it('creates the first admin once, reports an existing identity as such, and makes them a member', async () => {
    const org = await provisioner.ensureOrganization(REALM, 'genthin', 'Stadt Genthin');
    const user = await provisioner.ensureUser(REALM, { email: 'admin@genthin.example.org', firstName: 'Greta', lastName: 'Admin' });
    expect(user).toEqual({ id: expect.any(String), created: true, awaitingSetup: true });
    const again = await provisioner.ensureUser(REALM, { email: 'Admin@Genthin.example.org', firstName: 'Greta', lastName: 'Admin' });
    expect(again).toEqual({ id: user.id, created: false, awaitingSetup: true });
    await provisioner.ensureOrganizationMember(REALM, org.id, user.id);
    await provisioner.ensureOrganizationMember(REALM, org.id, user.id);
    expect((await admin.organizations.listMembers({ realm: REALM, orgId: org.id })).map((m) => m.id)).toEqual([user.id]);
    // finding the existing identity changed nothing about it
    expect((await admin.users.findOne({ realm: REALM, id: user.id }))?.requiredActions).toEqual(['UPDATE_PASSWORD', 'VERIFY_EMAIL']);
  });

  it('refuses to invite without mail configured in the realm (as Keycloak does): 500, nothing sent', async () => {
    const user = await provisioner.ensureUser(REALM, { email: 'x@example.org', firstName: 'X', lastName: 'Y' });
    const error = await provisioner.sendInvitation(REALM, user.id, { clientId: 'ratsinfo-web', redirectUri: `${WEB_URL}/burg/verwaltung` }).then(
      () => undefined,
      (e: unknown) => e,
    );
    // Keycloak answers 500 "Failed to send execute actions email: …" when the realm has no SMTP server.
    expect(error).toBeInstanceOf(Error);
    expect((error as { response?: { status?: number } }).response?.status).toBe(500);
    expect((error as Error).message).toMatch(/send execute actions email/i);
  });

  it('issues what the dev IdP issues for the web app\'s scope: aud ratsinfo-api, every organization for organization:*, none without it', async () => {
    // the dev overlay's password-grant client, added as a real Keycloak would take it (partial import)
    const overlay = JSON.parse(readFileSync(DEV_OVERLAY, 'utf8').replaceAll('${IDP_TEST_CLIENT_SECRET}', TEST_CLIENT_SECRET)) as { clients: { clientId: string }[] };
    await admin.realms.partialImport({ realm: REALM, rep: { ifResourceExists: 'SKIP', clients: overlay.clients.filter((c) => c.clientId === 'ratsinfo-tests') } });
    const burg = await provisioner.ensureOrganization(REALM, 'burg', 'Stadt Burg');
    const kreis = await provisioner.ensureOrganization(REALM, 'landkreis', 'Landkreis Jerichower Land');
    const { id } = await admin.users.create({ realm: REALM, username: 'katrin', email: 'katrin@example.org', firstName: 'Katrin', lastName: 'Lehmann', enabled: true, emailVerified: true, credentials: [{ type: 'password', value: 'Sitzung2026!', temporary: false }] });
    await provisioner.ensureOrganizationMember(REALM, burg.id, id);
    await provisioner.ensureOrganizationMember(REALM, kreis.id, id);
    const token = async (scope: string) => {
      const res = await fetch(`${baseUrl}/realms/${REALM}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`ratsinfo-tests:${TEST_CLIENT_SECRET}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'password', username: 'katrin', password: 'Sitzung2026!', scope }),
      });
      const body = (await res.json()) as { access_token: string };
      return JSON.parse(Buffer.from(body.access_token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    };
    const all = await token('openid organization:*');
    expect(all['aud']).toBe('ratsinfo-api');
    expect([...(all['organization'] as string[])].sort()).toEqual(['burg', 'landkreis']);
    expect(all['scope']).toEqual(expect.stringContaining('organization:*'));
    expect((await token('openid'))['organization']).toBeUndefined();
  });
});

import { loadConfig } from '@ratsinfo/api-core';
import { GenericContainer, type StartedTestContainer, Wait } from 'testcontainers';
import { KeycloakProvisioner } from './keycloak-provisioner';

/**
 * The Keycloak adapter against a real Keycloak 26 in a container (testcontainers). Where no
 * container runtime exists (our CI machines have no Docker engine) the suite is skipped and
 * says so; the same adapter runs against the Keycloak-compatible dev IdP in the API tests.
 */
const runtime = process.env['RATSINFO_CONTAINER_RUNTIME'] === 'available';
const suite = runtime ? describe : describe.skip;
if (!runtime) console.warn('real Keycloak tests skipped: no container runtime');

const REALM = 'ratsinfo';
const SECRET = 'provisioner-secret-for-tests';

suite('KeycloakProvisioner against Keycloak 26 (testcontainers)', () => {
  let keycloak: StartedTestContainer;
  let provisioner: KeycloakProvisioner;
  let baseUrl: string;

  beforeAll(async () => {
    keycloak = await new GenericContainer('quay.io/keycloak/keycloak:26.4')
      .withEnvironment({ KC_BOOTSTRAP_ADMIN_CLIENT_ID: 'ratsinfo-provisioner', KC_BOOTSTRAP_ADMIN_CLIENT_SECRET: SECRET, KC_HEALTH_ENABLED: 'true' })
      .withCommand(['start-dev'])
      .withExposedPorts(8080, 9000)
      .withWaitStrategy(Wait.forHttp('/health/ready', 9000).forStatusCode(200))
      .withStartupTimeout(180_000)
      .start();
    baseUrl = `http://${keycloak.getHost()}:${keycloak.getMappedPort(8080)}`;
    provisioner = new KeycloakProvisioner(loadConfig({ DATABASE_URL: 'postgresql://x@127.0.0.1/x', REDIS_URL: 'redis://127.0.0.1', AUTH_URL: baseUrl, KEYCLOAK_ADMIN_CLIENT_SECRET: SECRET }));
    await provisioner.ensureRealm(REALM, 'Ratsinfo');
  }, 240_000);

  afterAll(async () => {
    await keycloak?.stop();
  });

  it('creates an organization once, however often it is asked', async () => {
    const first = await provisioner.ensureOrganization(REALM, 'burg', 'Stadt Burg');
    const again = await provisioner.ensureOrganization(REALM, 'burg', 'Stadt Burg');
    expect(again.id).toBe(first.id);
  });

  it('creates the first admin once and makes them a member of the organization', async () => {
    const org = await provisioner.ensureOrganization(REALM, 'genthin', 'Stadt Genthin');
    const user = await provisioner.ensureUser(REALM, { email: 'admin@genthin.example.org', firstName: 'Greta', lastName: 'Admin' });
    expect((await provisioner.ensureUser(REALM, { email: 'admin@genthin.example.org', firstName: 'Greta', lastName: 'Admin' })).id).toBe(user.id);
    await provisioner.ensureOrganizationMember(REALM, org.id, user.id);
    await provisioner.ensureOrganizationMember(REALM, org.id, user.id);
  });

  it('refuses to invite without mail configured in the realm (as Keycloak does)', async () => {
    const user = await provisioner.ensureUser(REALM, { email: 'x@example.org', firstName: 'X', lastName: 'Y' });
    const error = await provisioner.sendInvitation(REALM, user.id, { clientId: 'account', redirectUri: `${baseUrl}/realms/${REALM}/account` }).then(
      () => undefined,
      (e: unknown) => e,
    );
    // Keycloak answers 500 "Failed to send execute actions email: …" when the realm has no SMTP server.
    expect(error).toBeInstanceOf(Error);
    expect((error as { response?: { status?: number } }).response?.status).toBe(500);
    expect((error as Error).message).toMatch(/send execute actions email/i);
  });
});

import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import { completeInvitation, connect, fixtureAgs, passwordGrant, provisionerToken, sentMails, startWorkerProcess, testEnv, type WorkerProcess } from '@ratsinfo/api-testing';
import { ApiRoutes, type OperatorTenantDto, type ProvisioningStepDto, type TenantSessionDto, type ListResponse } from '@ratsinfo/contracts';
import type { Client } from 'pg';
import { createApp } from './create-app';

/**
 * Sign-in and onboarding against the Keycloak-compatible dev IdP of the test stack: demo
 * accounts of every role, and an operator onboarding a new member authority whose first admin
 * accepts the invitation and signs in. Also what happens when a provisioning step fails.
 */
let app: INestApplication;
let base: string;
let admin: Client;

const config = (overrides: Record<string, string> = {}) => {
  const env = testEnv();
  return loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test', AUTH_URL: env.authUrl, KEYCLOAK_ADMIN_CLIENT_SECRET: env.provisionerSecret, ...overrides });
};

async function start(c = config()) {
  const a = await createApp(c);
  await a.listen(0, '127.0.0.1');
  return { app: a, base: (await a.getUrl()).replace('[::1]', '127.0.0.1') };
}

beforeAll(async () => {
  ({ app, base } = await start());
  admin = await connect(testEnv().adminUrl);
});

/** Member authorities onboarded here: removed again, so the seed looks the same after the run. */
const onboarded: string[] = [];

afterAll(async () => {
  await app.close();
  if (onboarded.length) await admin.query('DELETE FROM tenants WHERE id = ANY($1::uuid[])', [onboarded]);
  await admin.end();
});

/** A suffix that keeps slugs, names and e-mails of this run apart from any other run on the same stack. */
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/** What the dev IdP holds, asked through its Keycloak admin API (realm `ratsinfo`). */
async function idpAdmin<T>(path: string): Promise<T> {
  const res = await fetch(`${testEnv().authUrl}/admin/realms/ratsinfo${path}`, { headers: { authorization: `Bearer ${await provisionerToken()}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function get<T>(path: string, token: string, b = base): Promise<{ status: number; body: T }> {
  const res = await fetch(b + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as T };
}

async function post<T>(path: string, token: string, body?: unknown, b = base): Promise<{ status: number; body: T }> {
  const res = await fetch(b + path, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  return { status: res.status, body: (await res.json()) as T };
}

describe('demo accounts from the dev IdP', () => {
  it.each([
    ['burg-admin', 'burg', ['tenant-admin']],
    ['burg-clerk', 'burg', ['clerk']],
    ['burg-member1', 'burg', ['member']],
    ['landkreis-jerichower-land-clerk', 'landkreis-jerichower-land', ['clerk']],
  ])('%s signs in to %s with roles %j', async (username, slug, roles) => {
    const token = await passwordGrant(username, 'demo');
    const r = await get<TenantSessionDto>(ApiRoutes.officeSession(slug), token);
    expect(r.status).toBe(200);
    expect(r.body.roles).toEqual(roles);
  });

  it('links the member account to her Person in both councils, with one login', async () => {
    const token = await passwordGrant('katrin.lehmann', 'demo');
    for (const slug of ['burg', 'landkreis-jerichower-land']) {
      const r = await get<TenantSessionDto>(ApiRoutes.officeSession(slug), token);
      expect(r.status).toBe(200);
      expect(r.body.roles).toEqual(['member']);
      const { rows } = await admin.query<{ id: string }>(
        `SELECT p.id FROM persons p JOIN tenants t ON t.id = p.tenant_id WHERE t.slug = $1 AND p.given_name = 'Katrin' AND p.family_name = 'Lehmann'`,
        [slug],
      );
      expect(rows).toHaveLength(1);
      expect(r.body.user.personId).toBe(rows[0]!.id);
    }
    expect((await get(ApiRoutes.officeSession('genthin'), token)).status).toBe(403);
  });

  it('lets the operator into the operator console but not into any tenant', async () => {
    const token = await passwordGrant('operator', 'demo');
    expect((await get(ApiRoutes.operatorSession, token)).status).toBe(200);
    expect((await get(ApiRoutes.officeSession('burg'), token)).status).toBe(403);
  });

  it("refuses Burg's clerk in Genthin's back office", async () => {
    expect((await get(ApiRoutes.officeSession('genthin'), await passwordGrant('burg-clerk', 'demo'))).status).toBe(403);
  });
});

describe('a tenant admin inviting a person', () => {
  /** Undoes what a test changed in Burg's seeded data, also when it failed half-way. */
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const undo of cleanups.splice(0).reverse()) await undo();
  });

  it('creates the identity, the account with its roles and the invitation; the person signs in as a clerk', async () => {
    const burgAdmin = await passwordGrant('burg-admin', 'demo');
    const email = `neue.kollegin.${unique()}@burg.example.org`;
    const invited = await post<{ id: string; roles: string[]; linked: boolean }>(ApiRoutes.officeUsers('burg'), burgAdmin, { firstName: 'Nina', lastName: 'Neumann', email, roles: ['clerk'] });
    expect(invited.status).toBe(201);
    // Burg is seeded demo data that other tests read: take the account out again afterwards
    cleanups.push(() => admin.query('DELETE FROM user_accounts WHERE id = $1', [invited.body.id]));
    expect(invited.body).toMatchObject({ roles: ['clerk'], linked: false });
    const again = await post<{ errors: { name: string }[] }>(ApiRoutes.officeUsers('burg'), burgAdmin, { firstName: 'Nina', lastName: 'Neumann', email, roles: ['clerk'] });
    expect(again.status).toBe(400);
    expect(again.body.errors[0]?.name).toBe('email');

    const mails = (await sentMails()).filter((m) => m.to === email);
    expect(mails).toHaveLength(1);
    await completeInvitation(mails[0]!.link, 'Ratssaal2026!');
    const session = await get<TenantSessionDto>(ApiRoutes.officeSession('burg'), await passwordGrant(email, 'Ratssaal2026!'));
    expect(session.status).toBe(200);
    expect(session.body.roles).toEqual(['clerk']);
  });

  it('withdraws the account again when the identity provider fails, so that inviting again simply works', async () => {
    const burgAdmin = await passwordGrant('burg-admin', 'demo');
    const broken = await start(config({ KEYCLOAK_ADMIN_CLIENT_SECRET: 'wrong-secret' }));
    const email = `ausfall.${unique()}@burg.example.org`;
    try {
      const failed = await post<{ status: number; type: string }>(ApiRoutes.officeUsers('burg'), burgAdmin, { firstName: 'Anna', lastName: 'Ausfall', email, roles: ['tenant-admin'] }, broken.base);
      expect(failed.status).toBe(503);
    } finally {
      await broken.app.close();
    }
    const left = await admin.query(`SELECT count(*)::int AS n FROM user_accounts WHERE email = $1`, [email]);
    expect(left.rows[0].n).toBe(0);
    const audit = await admin.query<{ action: string }>(
      `SELECT action FROM audit_events WHERE entity_id IN (SELECT entity_id FROM audit_events WHERE changes->>'email' = $1) ORDER BY occurred_at, action`,
      [email],
    );
    expect(audit.rows.map((r) => r.action).sort()).toEqual(['user-account.invitation-withdrawn', 'user-account.invited']);

    const again = await post<{ id: string }>(ApiRoutes.officeUsers('burg'), burgAdmin, { firstName: 'Anna', lastName: 'Ausfall', email, roles: ['clerk'] });
    expect(again.status).toBe(201);
    cleanups.push(() => admin.query('DELETE FROM user_accounts WHERE id = $1', [again.body.id]));
    expect(await idpAdmin<{ id: string }[]>(`/users?email=${encodeURIComponent(email)}&exact=true`)).toHaveLength(1);
    expect((await sentMails(email)).filter((m) => m.kind === 'execute-actions')).toHaveLength(1);
  });

  it('gives a person whose identity is already in use (Katrin Lehmann, in Burg and the county) a plain notice, never an actions e-mail', async () => {
    const genthinAdmin = await passwordGrant('genthin-admin', 'demo');
    const [katrin] = await idpAdmin<{ id: string; email: string }[]>(`/users?username=katrin.lehmann&exact=true`);
    expect(katrin).toBeDefined();
    const before = await sentMails(katrin!.email);
    const invited = await post<{ id: string }>(ApiRoutes.officeUsers('genthin'), genthinAdmin, { firstName: 'Katrin', lastName: 'Lehmann', email: katrin!.email, roles: ['member'] });
    expect(invited.status).toBe(201);
    cleanups.push(() => admin.query('DELETE FROM user_accounts WHERE id = $1', [invited.body.id]));
    cleanups.push(() => admin.query(`DELETE FROM outbox_events WHERE payload->>'accountId' = $1`, [invited.body.id]));
    expect(await sentMails(katrin!.email)).toEqual(before); // no execute-actions, no reset, no verify
    const notice = await admin.query<{ topic: string; email: string }>(`SELECT topic, payload->>'email' AS email FROM outbox_events WHERE payload->>'accountId' = $1`, [invited.body.id]);
    expect(notice.rows).toEqual([{ topic: 'mail.access-granted', email: katrin!.email }]);
    // The Organization membership was added: her one login now reaches Genthin too.
    const token = await passwordGrant('katrin.lehmann', 'demo');
    const session = await get<TenantSessionDto>(ApiRoutes.officeSession('genthin'), token);
    expect(session.status).toBe(200);
    expect(session.body.roles).toEqual(['member']);
    // Take her out of Genthin's Organization again (seeded IdP state other tests read).
    const genthinOrg = (await idpAdmin<{ id: string; alias: string }[]>(`/organizations?max=1000`)).find((o) => o.alias === 'genthin');
    expect(genthinOrg).toBeDefined();
    const removed = await fetch(`${testEnv().authUrl}/admin/realms/ratsinfo/organizations/${genthinOrg!.id}/members/${katrin!.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await provisionerToken()}` },
    });
    expect(removed.status).toBe(204);
  });

  it("links an account to a Person of the authority, never to another authority's", async () => {
    const burgAdmin = await passwordGrant('burg-admin', 'demo');
    const { rows } = await admin.query<{ burg: string; genthin: string }>(
      `SELECT (SELECT p.id FROM persons p JOIN tenants t ON t.id = p.tenant_id
                WHERE t.slug = 'burg' AND NOT EXISTS (SELECT 1 FROM user_accounts u WHERE u.person_id = p.id) ORDER BY p.id LIMIT 1) AS burg,
              (SELECT p.id FROM persons p JOIN tenants t ON t.id = p.tenant_id WHERE t.slug = 'genthin' LIMIT 1) AS genthin`,
    );
    const users = await get<ListResponse<{ id: string; email: string }>>(ApiRoutes.officeUsers('burg'), burgAdmin);
    const clerk = users.body.data.find((u) => u.email === 'burg-clerk@example.org')!;
    const put = (personId: string | null) =>
      fetch(base + ApiRoutes.officeUserPerson('burg', clerk.id), { method: 'PUT', headers: { authorization: `Bearer ${burgAdmin}`, 'content-type': 'application/json' }, body: JSON.stringify({ personId }) });
    const { rows: before } = await admin.query<{ person_id: string | null }>('SELECT person_id FROM user_accounts WHERE id = $1', [clerk.id]);
    cleanups.push(() => admin.query('UPDATE user_accounts SET person_id = $2 WHERE id = $1', [clerk.id, before[0]!.person_id]));
    const foreign = await put(rows[0]!.genthin);
    expect(foreign.status).toBe(400);
    const ok = await put(rows[0]!.burg);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { personId: string }).personId).toBe(rows[0]!.burg);
    expect((await put(rows[0]!.burg)).status).toBe(200); // the same link again is fine
    // a council member has one account per authority
    const adminAccount = users.body.data.find((u) => u.email === 'burg-admin@example.org')!;
    const second = await fetch(base + ApiRoutes.officeUserPerson('burg', adminAccount.id), {
      method: 'PUT',
      headers: { authorization: `Bearer ${burgAdmin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ personId: rows[0]!.burg }),
    });
    expect(second.status).toBe(400);
    expect(((await second.json()) as { errors: { name: string; reason: string }[] }).errors[0]).toMatchObject({ name: 'personId', reason: expect.stringMatching(/already linked/) });
    const unlinked = await put(null);
    expect(unlinked.status).toBe(200);
    expect(((await unlinked.json()) as { personId: string | null }).personId).toBeNull();
  });
});

describe('onboarding a member authority', () => {
  /** The steps run in the worker (a real process, as in production). */
  let worker: WorkerProcess;
  beforeAll(async () => {
    worker = await startWorkerProcess();
  });
  afterAll(async () => {
    await worker?.stop();
  });

  /** Until every provisioning request of the tenant has been handled by a worker (after a retry). */
  const waitForRequests = async (id: string) => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const { rows } = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_events WHERE tenant_id = $1 AND topic = 'tenant.provisioning-requested' AND processed_at IS NULL`, [id]);
      if (rows[0]!.n === 0) return;
      await new Promise((res) => setTimeout(res, 200));
    }
    throw new Error('the provisioning requests were not handled within 60 s');
  };

  /** Polls like the operator console does; the deadline is for a busy machine, not a fast one. */
  const waitForSteps = async (id: string, token: string, b = base) => {
    const deadline = Date.now() + 60_000;
    let last: ProvisioningStepDto[] = [];
    while (Date.now() < deadline) {
      const r = await get<ListResponse<ProvisioningStepDto>>(ApiRoutes.operatorTenantProvisioning(id), token, b);
      last = r.body.data;
      if (last.every((s) => s.state === 'done') || last.some((s) => s.state === 'failed')) return last;
      await new Promise((res) => setTimeout(res, 200));
    }
    throw new Error(`provisioning did not finish within 60 s: ${JSON.stringify(last.map((s) => [s.step, s.state]))}`);
  };

  it('creates the organization and first admin in the IdP; the admin accepts the invitation and signs in', async () => {
    const operator = await passwordGrant('operator', 'demo');
    const suffix = unique();
    const slug = `moeckern-${suffix}`;
    const email = `anna.schulz.${suffix}@moeckern.example.org`;
    const created = await post<OperatorTenantDto>(ApiRoutes.operatorTenants, operator, {
      name: `Stadt Möckern ${suffix}`,
      kind: 'town',
      ags: fixtureAgs(),
      slug,
      noticePeriodDays: 7,
      branding: { primaryColor: '#00613a', logoUrl: null },
      firstAdmin: { firstName: 'Anna', lastName: 'Schulz', email },
    });
    expect(created.status).toBe(201);
    onboarded.push(created.body.id);
    expect(created.body.status).toBe('provisioning');
    const steps = await waitForSteps(created.body.id, operator);
    expect(steps.map((s) => [s.step, s.state])).toEqual([
      ['register-tenant', 'done'],
      ['identity-organization', 'done'],
      ['first-admin-user', 'done'],
      ['first-admin-role', 'done'],
      ['invitation-email', 'done'],
    ]);
    const tenant = await get<OperatorTenantDto>(ApiRoutes.operatorTenant(created.body.id), operator);
    expect(tenant.body.status).toBe('active');

    const mails = (await sentMails()).filter((m) => m.to === email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.actions).toEqual(['UPDATE_PASSWORD', 'VERIFY_EMAIL']);
    await completeInvitation(mails[0]!.link, 'Sitzung2026!');
    const token = await passwordGrant(email, 'Sitzung2026!');
    const session = await get<TenantSessionDto>(ApiRoutes.officeSession(slug), token);
    expect(session.status).toBe(200);
    expect(session.body.roles).toEqual(['tenant-admin']);
    expect((await get(ApiRoutes.officeSession('burg'), token)).status).toBe(403);
  });

  it('converges when the database refuses a step after the identity provider changed (forced failure)', async () => {
    const operator = await passwordGrant('operator', 'demo');
    const suffix = unique();
    const slug = `moeser-${suffix}`;
    const email = `erste.admin.${suffix}@moeser.example.org`;
    // A forced database failure exactly where onboarding writes the first admin's account,
    // after the identity and its Organization membership exist at the IdP.
    // (One transaction, EXECUTE revoked: the grants allow-list test may run at the same time.)
    await admin.query('BEGIN');
    await admin.query(`CREATE FUNCTION test_refuse_${suffix}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.email = '${email}' THEN RAISE EXCEPTION 'forced failure for the test'; END IF; RETURN NEW; END $$`);
    await admin.query(`REVOKE ALL ON FUNCTION test_refuse_${suffix}() FROM PUBLIC`);
    await admin.query(`CREATE TRIGGER refuse_${suffix} BEFORE INSERT ON user_accounts FOR EACH ROW EXECUTE FUNCTION test_refuse_${suffix}()`);
    await admin.query('COMMIT');
    let dropped = false;
    const drop = async () => {
      if (!dropped) await admin.query(`DROP FUNCTION test_refuse_${suffix}() CASCADE`);
      dropped = true;
    };
    try {
      const created = await post<OperatorTenantDto>(ApiRoutes.operatorTenants, operator, {
        name: `Gemeinde Möser ${suffix}`,
        kind: 'municipality',
        ags: fixtureAgs(),
        slug,
        firstAdmin: { firstName: 'Maja', lastName: 'Möser', email },
      });
      expect(created.status).toBe(201);
      onboarded.push(created.body.id);
      const failed = await waitForSteps(created.body.id, operator);
      expect(failed.map((s) => [s.step, s.state])).toEqual([
        ['register-tenant', 'done'],
        ['identity-organization', 'done'],
        ['first-admin-user', 'done'],
        ['first-admin-role', 'failed'],
        ['invitation-email', 'pending'],
      ]);
      expect(await idpAdmin<{ id: string }[]>(`/users?email=${encodeURIComponent(email)}&exact=true`)).toHaveLength(1);
      expect(await sentMails(email)).toEqual([]);

      await drop();
      expect((await post(ApiRoutes.operatorTenantProvisioning(created.body.id), operator)).status).toBe(202);
      await waitForRequests(created.body.id);
      expect((await waitForSteps(created.body.id, operator)).every((s) => s.state === 'done')).toBe(true);
      const accounts = await admin.query(`SELECT roles::text[] AS roles FROM user_accounts WHERE tenant_id = $1`, [created.body.id]);
      expect(accounts.rows).toEqual([{ roles: ['tenant-admin'] }]);
      expect(await idpAdmin<{ id: string }[]>(`/users?email=${encodeURIComponent(email)}&exact=true`)).toHaveLength(1);
      expect((await sentMails(email)).map((m) => m.kind)).toEqual(['execute-actions']);
    } finally {
      await drop();
    }
  });

  it('stops at a failing step with its error, and a retry finishes without duplicates', async () => {
    const operator = await passwordGrant('operator', 'demo');
    // A worker whose IdP service account secret is wrong: the IdP steps fail.
    await worker.stop();
    const broken = await startWorkerProcess({ env: { KEYCLOAK_ADMIN_CLIENT_SECRET: 'wrong-secret' } });
    try {
      const suffix = unique();
      const slug = `biederitz-${suffix}`;
      const name = `Gemeinde Biederitz ${suffix}`;
      const email = `bernd.koch.${suffix}@biederitz.example.org`;
      const created = await post<OperatorTenantDto>(
        ApiRoutes.operatorTenants,
        operator,
        { name, kind: 'municipality', ags: fixtureAgs(), slug, firstAdmin: { firstName: 'Bernd', lastName: 'Koch', email } },
      );
      expect(created.status).toBe(201);
      onboarded.push(created.body.id);
      const failed = await waitForSteps(created.body.id, operator);
      expect(failed.map((s) => s.state)).toEqual(['done', 'failed', 'pending', 'pending', 'pending']);
      expect(failed[1]?.error).toEqual(expect.stringMatching(/\S/));
      // the member authority stays invisible while onboarding is unfinished
      expect((await fetch(`${base}${ApiRoutes.portalTenant(slug)}`)).status).toBe(404);

      // retried by a correctly configured worker
      await broken.stop();
      worker = await startWorkerProcess();
      expect((await post(ApiRoutes.operatorTenantProvisioning(created.body.id), operator)).status).toBe(202);
      await waitForRequests(created.body.id);
      const done = await waitForSteps(created.body.id, operator);
      expect(done.every((s) => s.state === 'done')).toBe(true);
      // run it once more: nothing is created twice
      await post(ApiRoutes.operatorTenantProvisioning(created.body.id), operator);
      await waitForRequests(created.body.id);
      const accounts = await admin.query(`SELECT count(*)::int AS n FROM user_accounts WHERE tenant_id = $1`, [created.body.id]);
      expect(accounts.rows[0].n).toBe(1);
      // exactly one of each in the IdP too: organization, first admin (a member of it), invitation
      const orgs = await idpAdmin<{ id: string; alias: string }[]>(`/organizations?search=${encodeURIComponent(name)}&max=100`);
      expect(orgs.filter((o) => o.alias === slug)).toHaveLength(1);
      const users = await idpAdmin<{ id: string }[]>(`/users?email=${encodeURIComponent(email)}&exact=true`);
      expect(users).toHaveLength(1);
      const members = await idpAdmin<{ id: string }[]>(`/organizations/${orgs.find((o) => o.alias === slug)!.id}/members?max=1000`);
      expect(members.map((m) => m.id)).toEqual([users[0]!.id]);
      expect((await sentMails()).filter((m) => m.to === email)).toHaveLength(1);
      expect((await fetch(`${base}${ApiRoutes.portalTenant(slug)}`)).status).toBe(200);
    } finally {
      await broken.stop();
    }
  });
});

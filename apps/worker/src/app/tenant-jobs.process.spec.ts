import { asTenant, connect, fixtureAgs, provisionerToken, sentMails, startWorkerProcess, testEnv, type WorkerProcess } from '@ratsinfo/api-testing';
import { PROVISIONING_STEPS } from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';

/**
 * Onboarding steps as jobs, with two worker processes at once against the test stack's dev IdP:
 * the onboarding request and two retries arrive together, and the steps still run once (one
 * identity, one account, one invitation, one activation) — the per-tenant advisory lock, not a
 * per-process guard, decides.
 */
jest.setTimeout(180_000);

describe('provisioning jobs', () => {
  let owner: Client;
  let admin: Client;
  const workers: WorkerProcess[] = [];
  const created: string[] = [];

  beforeAll(async () => {
    const env = testEnv();
    [owner, admin] = await Promise.all([connect(env.ownerUrl), connect(env.adminUrl)]);
    // Two workers, both ready before any event exists, so both relays race for the events.
    workers.push(...(await Promise.all([startWorkerProcess(), startWorkerProcess()])));
    await Promise.all(workers.map((w) => w.waitForOutput(/Ratsinfo worker ready/)));
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    if (created.length) await admin.query('DELETE FROM tenants WHERE id = ANY($1::uuid[])', [created]);
    await Promise.all([owner.end(), admin.end()]);
  });

  it('runs the steps once for an onboarding request and two retries handled by two workers at once', async () => {
    const id = randomUUID();
    const suffix = id.slice(0, 6);
    const slug = `zerbst-${suffix}`;
    const email = `zora.zerbst.${suffix}@zerbst.example.org`;
    // What OperatorTenantsService.onboard writes: the registered tenant with its pending steps …
    const onboarding = {
      firstAdmin: { firstName: 'Zora', lastName: 'Zerbst', email },
      realm: 'ratsinfo',
      identityUserId: null,
      steps: PROVISIONING_STEPS.map((step) => ({ step, state: step === 'register-tenant' ? 'done' : 'pending', error: null, finishedAt: null })),
    };
    await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, status, identity_organization_alias, onboarding) VALUES ($1, $2, $3, 'town', $4, 'provisioning', $2, $5)`, [
      id,
      slug,
      `Stadt Zerbst ${suffix}`,
      fixtureAgs(),
      JSON.stringify(onboarding),
    ]);
    created.push(id);
    // … and its event, in the tenant's transaction and the operator's name; two retries at once.
    await asTenant(
      owner,
      id,
      async () => {
        for (let i = 0; i < 3; i++) {
          await owner.query(`INSERT INTO outbox_events (tenant_id, topic, payload, actor_issuer, actor_subject, actor_name, acting_role) VALUES ($1, 'tenant.provisioning-requested', $2, 'https://idp.example/realms/ratsinfo', 'op-1', 'Olaf Betreiber', 'operator')`, [
            id,
            JSON.stringify({ tenantId: id }),
          ]);
        }
      },
      true,
    );

    const deadline = Date.now() + 90_000;
    let state: { status: string; onboarding: typeof onboarding } | undefined;
    let open = 3;
    while (Date.now() < deadline) {
      state = (await admin.query('SELECT status, onboarding FROM tenants WHERE id = $1', [id])).rows[0];
      open = (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_events WHERE tenant_id = $1 AND processed_at IS NULL`, [id])).rows[0]!.n;
      if (state?.status === 'active' && open === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(open).toBe(0);
    expect(state?.status).toBe('active');
    expect(state!.onboarding.steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'done']);

    // Once each: the account and its audit entry, the activation, the identity, the invitation.
    const accounts = await admin.query(`SELECT email, roles::text[] AS roles FROM user_accounts WHERE tenant_id = $1`, [id]);
    expect(accounts.rows).toEqual([{ email, roles: ['tenant-admin'] }]);
    const invited = await admin.query(`SELECT actor_name FROM audit_events WHERE tenant_id = $1 AND action = 'user-account.invited'`, [id]);
    expect(invited.rows).toEqual([{ actor_name: 'Olaf Betreiber' }]);
    const activated = await admin.query(`SELECT actor_name FROM cooperative_audit_events WHERE target_tenant_ref = $1 AND action = 'tenant.activated'`, [id]);
    expect(activated.rows).toEqual([{ actor_name: 'Olaf Betreiber' }]);
    const res = await fetch(`${testEnv().authUrl}/admin/realms/ratsinfo/users?email=${encodeURIComponent(email)}&exact=true`, { headers: { authorization: `Bearer ${await provisionerToken()}` } });
    expect(((await res.json()) as unknown[]).length).toBe(1);
    expect((await sentMails(email)).map((m) => m.kind)).toEqual(['execute-actions']);
    // The events were really spread: at least one run found the tenant locked by another and left it.
    const outputs = workers.map((w) => w.output()).join('\n');
    expect(outputs).toMatch(/provisioning already running elsewhere/);
  });
});

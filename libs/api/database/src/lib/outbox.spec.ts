import { Test } from '@nestjs/testing';
import { CoreModule, loadConfig, TenantContext } from '@ratsinfo/api-core';
import { asTenant, connect, createTenantWithRows, deleteTenant, pgErrorCode, testEnv } from '@ratsinfo/api-testing';
import type { Client } from 'pg';
import { DatabaseModule } from './database.module';
import { InvalidOutboxEventError, OutboxRelay, OutboxWriter } from './outbox';
import { TenantDatabase } from './tenant-database';

/**
 * The outbox under forced RLS (docs/adr/0009-outbox.md), proven as the application role: writers
 * see only their tenant's events; relays claim across tenants only through the definer
 * functions, never twice while a lease holds, and again once a lease expired.
 */
jest.setTimeout(180_000);

type Tenant = Awaited<ReturnType<typeof createTenantWithRows>>;
interface Claimed {
  id: string;
  tenant_id: string;
  attempts: number;
  payload: { n: number };
}

let owner: Client;
let admin: Client;
let app: Client;
const tenants: Tenant[] = [];

beforeAll(async () => {
  const env = testEnv();
  [owner, admin, app] = await Promise.all([connect(env.ownerUrl), connect(env.adminUrl), connect(env.databaseUrl)]);
  for (const label of ['oa', 'ob', 'oc']) tenants.push(await createTenantWithRows(owner, label));
});

afterAll(async () => {
  for (const t of tenants) await deleteTenant(owner, t.id);
  await Promise.all([owner.end(), admin.end(), app.end()]);
});

/** Writes `count` due events for a tenant in one statement, as the owner in that tenant's context. */
async function addEvents(tenantId: string, topic: string, count: number): Promise<string[]> {
  const { rows } = await asTenant(
    owner,
    tenantId,
    () =>
      owner.query<{ id: string }>(
        `INSERT INTO outbox_events (tenant_id, topic, payload, available_at)
         SELECT $1, $2, jsonb_build_object('n', n), now() - interval '1 minute' FROM generate_series(1, $3::int) n RETURNING id`,
        [tenantId, topic, count],
      ),
    true,
  );
  return rows.map((r) => r.id);
}

/**
 * Claims like a relay. Events of other tenants (other suites', the demo seed's text extraction
 * requests) are claimed too: they are held while the test runs, so that its claim loops end, and
 * given back uncounted after it (never completed: their handlers have not run).
 */
const foreign: Array<{ id: string; claimer: string }> = [];
async function claim(c: Client, claimer: string, limit: number, lease = '5 minutes'): Promise<Claimed[]> {
  const { rows } = await c.query<Claimed>(`SELECT * FROM outbox_claim($1, $2, $3::interval)`, [limit, claimer, lease]);
  for (const e of rows) if (!tenants.some((t) => t.id === e.tenant_id)) foreign.push({ id: e.id, claimer });
  return rows;
}

afterEach(async () => {
  for (const e of foreign.splice(0)) await app.query('SELECT outbox_release($1, $2)', [e.id, e.claimer]);
});

/** Claims until every one of `ids` was seen (other suites' events may be due too); returns ours. */
async function claimOurs(c: Client, claimer: string, ids: string[], lease = '5 minutes'): Promise<Claimed[]> {
  const wanted = new Set(ids);
  const ours: Claimed[] = [];
  for (;;) {
    const batch = await claim(c, claimer, 1000, lease);
    ours.push(...batch.filter((e) => wanted.has(e.id)));
    if (batch.length === 0 || ours.length === wanted.size) return ours;
  }
}

describe('concurrent relays', () => {
  it('claim every event of several tenants exactly once while leases hold', async () => {
    const ids: string[] = [];
    for (const t of tenants) ids.push(...(await addEvents(t.id, 'test.concurrent', 1000)));
    const mine = new Set(ids);
    const env = testEnv();
    const relays = await Promise.all([1, 2, 3, 4].map(() => connect(env.databaseUrl)));
    try {
      const claimedBy = new Map<string, string[]>();
      const completions: boolean[] = [];
      await Promise.all(
        relays.map(async (c, i) => {
          const name = `relay-${i}`;
          const got: string[] = [];
          claimedBy.set(name, got);
          for (;;) {
            const batch = await claim(c, name, 25);
            if (batch.length === 0) return;
            for (const e of batch) if (mine.has(e.id)) got.push(e.id);
            // Each completion interleaves with the other relays' claims.
            for (const e of batch) if (mine.has(e.id)) completions.push((await c.query<{ ok: boolean }>('SELECT outbox_complete($1, $2) AS ok', [e.id, name])).rows[0]!.ok);
          }
        }),
      );
      const all = [...claimedBy.values()].flat();
      expect(all.length).toBe(ids.length);
      expect(new Set(all).size).toBe(ids.length);
      expect(completions.every(Boolean)).toBe(true);
      // All four relays took part, so the claims really ran side by side.
      for (const [name, got] of claimedBy) expect({ name, some: got.length > 0 }).toEqual({ name, some: true });
      const { rows } = await admin.query<{ done: number; once: number }>(
        `SELECT count(*) FILTER (WHERE processed_at IS NOT NULL)::int AS done, count(*) FILTER (WHERE attempts = 1)::int AS once
           FROM outbox_events WHERE id = ANY($1)`,
        [ids],
      );
      expect(rows[0]).toEqual({ done: ids.length, once: ids.length });
    } finally {
      await Promise.all(relays.map((c) => c.end()));
    }
  });

  it('reclaims the events of a relay that crashed, once its lease expired', async () => {
    const ids = await addEvents(tenants[0]!.id, 'test.lease', 5);
    // A lease long enough to hold through the next claim on a busy machine (a 1-second lease
    // raced it); its expiry is then brought forward rather than waited for.
    const crashed = await claimOurs(app, 'crashed-relay', ids, '1 minute');
    expect(crashed.map((e) => e.id).sort()).toEqual([...ids].sort());

    // While the lease holds, nobody else gets them.
    const during = await claim(app, 'rescuer', 1000);
    expect(during.filter((e) => ids.includes(e.id))).toEqual([]);

    const expired = await admin.query(`UPDATE outbox_events SET lease_until = now() - interval '1 millisecond' WHERE id = ANY($1::uuid[]) AND claimed_by = 'crashed-relay'`, [ids]);
    expect(expired.rowCount).toBe(ids.length);
    const rescued = await claimOurs(app, 'rescuer', ids);
    expect(rescued.map((e) => e.id).sort()).toEqual([...ids].sort());
    expect(new Set(rescued.map((e) => e.attempts))).toEqual(new Set([2]));

    // The crashed relay, coming back, learns that it lost the event; the rescuer completes it.
    const late = await app.query<{ ok: boolean }>('SELECT outbox_complete($1, $2) AS ok', [ids[0], 'crashed-relay']);
    expect(late.rows[0]!.ok).toBe(false);
    const ok = await app.query<{ ok: boolean }>('SELECT outbox_complete($1, $2) AS ok', [ids[0], 'rescuer']);
    expect(ok.rows[0]!.ok).toBe(true);
    const again = await app.query<{ ok: boolean }>('SELECT outbox_complete($1, $2) AS ok', [ids[0], 'rescuer']);
    expect(again.rows[0]!.ok).toBe(false);
  });
});

describe('retries', () => {
  it('backs off after a failure and gives up after the maximum number of attempts', async () => {
    const [id] = await addEvents(tenants[1]!.id, 'test.fail', 1);
    await claimOurs(app, 'r1', [id!]);
    const first = await app.query<{ attempts: number; next_attempt_at: Date | null; dead: boolean }>(`SELECT * FROM outbox_fail($1, 'r1', 'SMTP 451', 2)`, [id]);
    expect(first.rows[0]).toMatchObject({ attempts: 1, dead: false });
    const wait = first.rows[0]!.next_attempt_at!.getTime() - Date.now();
    expect(wait).toBeGreaterThan(5_000);
    expect(wait).toBeLessThanOrEqual(10_000);
    const stored = await admin.query('SELECT claimed_by, lease_until, last_error FROM outbox_events WHERE id = $1', [id]);
    expect(stored.rows[0]).toEqual({ claimed_by: null, lease_until: null, last_error: 'SMTP 451' });
    expect((await claim(app, 'r2', 1000)).map((e) => e.id)).not.toContain(id);

    await admin.query(`UPDATE outbox_events SET available_at = now() - interval '1 second' WHERE id = $1`, [id]);
    const second = await claimOurs(app, 'r2', [id!]);
    expect(second[0]!.attempts).toBe(2);
    const last = await app.query(`SELECT * FROM outbox_fail($1, 'r2', 'SMTP 550', 2)`, [id]);
    expect(last.rows[0]).toEqual({ attempts: 2, next_attempt_at: null, dead: true });
    await admin.query(`UPDATE outbox_events SET available_at = now() - interval '1 second' WHERE id = $1`, [id]);
    expect((await claim(app, 'r3', 1000)).map((e) => e.id)).not.toContain(id);
  });

  it('gives an event back uncounted on release', async () => {
    const [id] = await addEvents(tenants[1]!.id, 'test.release', 1);
    await claimOurs(app, 'r1', [id!]);
    expect((await app.query(`SELECT outbox_release($1, 'someone-else') AS ok`, [id])).rows[0].ok).toBe(false);
    expect((await app.query(`SELECT outbox_release($1, 'r1') AS ok`, [id])).rows[0].ok).toBe(true);
    const again = await claimOurs(app, 'r2', [id!]);
    expect(again[0]!.attempts).toBe(1);
  });

  it('refuses nonsensical claims', async () => {
    expect(await pgErrorCode(claim(app, 'r', 0))).toBe('22023');
    expect(await pgErrorCode(claim(app, 'r', 10, '2 hours'))).toBe('22023');
    expect(await pgErrorCode(claim(app, '', 10))).toBe('22023');
  });
});

describe('isolation', () => {
  it("shows a tenant only its own events and lets it neither change nor delete them", async () => {
    const [a, b] = tenants as [Tenant, Tenant];
    await addEvents(b.id, 'test.secret', 1);
    const seen = await asTenant(app, a.id, () => app.query<{ tenant_id: string }>('SELECT tenant_id FROM outbox_events'));
    expect(new Set(seen.rows.map((r) => r.tenant_id))).toEqual(new Set([a.id]));
    const { rows } = await app.query(`SELECT has_table_privilege('outbox_events', 'UPDATE') AS upd, has_table_privilege('outbox_events', 'DELETE') AS del`);
    expect(rows[0]).toEqual({ upd: false, del: false });
  });

  it('gives the application role nothing for switching the relay flag on itself', async () => {
    const seen = await asTenant(app, null, async () => {
      await app.query(`SELECT set_config('app.outbox_relay', 'on', true)`);
      return app.query('SELECT 1 FROM outbox_events');
    });
    expect(seen.rowCount).toBe(0);
  });

  it('keeps the owner tenant-scoped outside the relay functions, also after one of them ran in the same transaction', async () => {
    const seen = await asTenant(owner, null, async () => {
      await owner.query(`SELECT outbox_purge(interval '10 years')`);
      return owner.query('SELECT 1 FROM outbox_events');
    });
    expect(seen.rowCount).toBe(0);
    const truth = await admin.query('SELECT 1 FROM outbox_events WHERE tenant_id = ANY($1)', [tenants.map((t) => t.id)]);
    expect(truth.rowCount).toBeGreaterThan(0);
  });

  it("cannot complete, fail or release another relay's event, and learns nothing about it", async () => {
    const [id] = await addEvents(tenants[2]!.id, 'test.foreign', 1);
    await claimOurs(app, 'owner-relay', [id!]);
    expect((await asTenant(app, tenants[0]!.id, () => app.query('SELECT outbox_complete($1, $2) AS ok', [id, 'intruder']))).rows[0].ok).toBe(false);
    expect((await app.query(`SELECT * FROM outbox_fail($1, 'intruder', 'x')`, [id])).rowCount).toBe(0);
    expect((await app.query(`SELECT outbox_release($1, 'intruder') AS ok`, [id])).rows[0].ok).toBe(false);
    const stored = await admin.query('SELECT claimed_by, attempts, processed_at FROM outbox_events WHERE id = $1', [id]);
    expect(stored.rows[0]).toEqual({ claimed_by: 'owner-relay', attempts: 1, processed_at: null });
  });

  it('lets the application role execute only the intended definer functions, each with a pinned search_path and none for PUBLIC', async () => {
    const { rows } = await admin.query<{ name: string; pinned: boolean; public_exec: boolean; app_exec: boolean }>(
      `SELECT p.proname AS name,
              coalesce(array_to_string(p.proconfig, ',') LIKE '%search_path=pg_catalog, public, pg_temp%', false) AS pinned,
              coalesce(bool_or(acl.grantee = 0 AND acl.privilege_type = 'EXECUTE'), false) AS public_exec,
              has_function_privilege('ratsinfo_app', p.oid, 'EXECUTE') AS app_exec
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         LEFT JOIN LATERAL aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) acl ON true
        WHERE n.nspname = 'public' AND p.prosecdef
        GROUP BY p.oid, p.proname, p.proconfig`,
    );
    for (const r of rows) expect({ name: r.name, pinned: r.pinned, public_exec: r.public_exec }).toEqual({ name: r.name, pinned: true, public_exec: false });
    const ours = rows.filter((r) => r.app_exec && /^(outbox_|search_)/.test(r.name)).map((r) => r.name).sort();
    expect(ours).toEqual(['outbox_claim', 'outbox_complete', 'outbox_counts', 'outbox_dead_letters', 'outbox_fail', 'outbox_purge', 'outbox_release', 'outbox_retry', 'search_tenant_documents', 'search_tenant_documents_v2', 'search_tenant_documents_v3']);
  });
});

describe('OutboxWriter and OutboxRelay (Prisma, as the application role)', () => {
  let db: TenantDatabase;
  let writer: OutboxWriter;
  let relay: OutboxRelay;
  let context: TenantContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const env = testEnv();
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent' })), DatabaseModule],
    }).compile();
    const nest = moduleRef.createNestApplication();
    await nest.init();
    db = nest.get(TenantDatabase);
    writer = nest.get(OutboxWriter);
    relay = nest.get(OutboxRelay);
    context = nest.get(TenantContext);
    close = () => nest.close();
  });

  afterAll(() => close());

  const actor = { issuer: 'https://idp.example/realms/ratsinfo', subject: 'u-1', name: 'Erika Muster', actingRole: 'clerk' };

  it('writes an event in the tenant transaction, with its actor, and the relay hands it over once', async () => {
    const t = tenants[0]!;
    const id = await context.run({ id: t.id, slug: t.slug }, () => db.transaction((tx) => writer.add(tx, { topic: 'meeting.published', payload: { meetingId: t.graph['meetings']! }, actor })));
    const stored = await admin.query('SELECT tenant_id, topic, payload, actor_name, acting_role FROM outbox_events WHERE id = $1', [id]);
    expect(stored.rows[0]).toEqual({ tenant_id: t.id, topic: 'meeting.published', payload: { meetingId: t.graph['meetings'] }, actor_name: 'Erika Muster', acting_role: 'clerk' });

    let mine;
    const others: string[] = [];
    for (let i = 0; i < 50 && !mine; i++) {
      const batch = await relay.claim(1000, 60_000);
      mine = batch.find((e) => e.id === id);
      others.push(...batch.filter((e) => e.id !== id).map((e) => e.id));
    }
    expect(mine).toMatchObject({ tenantId: t.id, topic: 'meeting.published', actor, attempts: 1 });
    expect(mine!.leaseUntil.getTime()).toBeGreaterThan(Date.now() + 30_000);
    expect(await relay.complete(id)).toBe(true);
    expect(await relay.complete(id)).toBe(false);
    // other suites' (and the demo seed's) events go back uncounted
    for (const other of others) await relay.release(other);
  });

  it('writes no event when the transaction rolls back', async () => {
    const t = tenants[1]!;
    let id = '';
    await expect(
      context.run({ id: t.id, slug: t.slug }, () =>
        db.transaction(async (tx) => {
          id = await writer.add(tx, { topic: 'paper.created', payload: { n: 1 } });
          throw new Error('the change failed');
        }),
      ),
    ).rejects.toThrow('the change failed');
    expect((await admin.query('SELECT 1 FROM outbox_events WHERE id = $1', [id])).rowCount).toBe(0);
  });

  it('refuses a malformed topic or an oversized payload before touching the database', async () => {
    const t = tenants[1]!;
    await expect(context.run({ id: t.id, slug: t.slug }, () => db.transaction((tx) => writer.add(tx, { topic: 'Paper Created', payload: {} })))).rejects.toThrow(InvalidOutboxEventError);
    await expect(context.run({ id: t.id, slug: t.slug }, () => db.transaction((tx) => writer.add(tx, { topic: 'paper.created', payload: { text: 'x'.repeat(70_000) } })))).rejects.toThrow(InvalidOutboxEventError);
  });
});

import { Test } from '@nestjs/testing';
import { CoreModule, loadConfig, TenantContext } from '@ratsinfo/api-core';
import { asTenant, connect, createTenantWithRows, deleteTenant, pgErrorCode, testEnv } from '@ratsinfo/api-testing';
import type { Client } from 'pg';
import { DatabaseModule } from './database.module';
import { DeadLetters, type DeadLetterPosition, type OperatorDeadLetter } from './outbox';
import { TenantDatabase } from './tenant-database';

/**
 * Dead letters under forced RLS, as the application role: outbox_retry revives only a dead event
 * of the transaction's own tenant; outbox_dead_letters shows operators the dead events of every
 * tenant, newest first, paged without gaps or repeats, and never their payload or message.
 */
jest.setTimeout(120_000);

type Tenant = Awaited<ReturnType<typeof createTenantWithRows>>;
const SECRET_PAYLOAD = 'Geheimer-Grundstueckskauf-4711';
const SECRET_MESSAGE = 'erika.mustermann@privat.example rejected';

let owner: Client;
let admin: Client;
let app: Client;
const tenants: Tenant[] = [];

beforeAll(async () => {
  const env = testEnv();
  [owner, admin, app] = await Promise.all([connect(env.ownerUrl), connect(env.adminUrl), connect(env.databaseUrl)]);
  for (const label of ['dla', 'dlb', 'dlc']) tenants.push(await createTenantWithRows(owner, label));
});

afterAll(async () => {
  for (const t of tenants) await deleteTenant(owner, t.id);
  await Promise.all([owner.end(), admin.end(), app.end()]);
});

interface EventState {
  dead?: string | null;
  processed?: boolean;
  error?: string;
}

/** Writes one event as the owner in the tenant's context: dead at `dead` (SQL expression) unless null. */
async function addEvent(tenantId: string, s: EventState = {}): Promise<string> {
  const { rows } = await asTenant(
    owner,
    tenantId,
    () =>
      owner.query<{ id: string }>(
        `INSERT INTO outbox_events (tenant_id, topic, payload, attempts, available_at, dead_at, processed_at, last_error)
         VALUES ($1, 'mail.send', jsonb_build_object('mailId', gen_random_uuid(), 'note', $2::text), 5, now() - interval '1 hour',
                 ${s.dead === null || s.processed ? 'NULL' : (s.dead ?? 'now()')}, ${s.processed ? 'now()' : 'NULL'}, $3)
         RETURNING id`,
        [tenantId, SECRET_PAYLOAD, s.error ?? `SmtpRejected: ${SECRET_MESSAGE}`],
      ),
    true,
  );
  return rows[0]!.id;
}

const retry = (tenantId: string | null, id: string) =>
  asTenant(app, tenantId, () => app.query<{ ok: boolean }>('SELECT outbox_retry($1) AS ok', [id]), true).then((r) => r.rows[0]!.ok);

const state = (id: string) =>
  admin
    .query<{ attempts: number; dead_at: Date | null; due_in_ms: number; claimed_by: string | null }>(
      `SELECT attempts, dead_at, (extract(epoch FROM available_at - now()) * 1000)::int AS due_in_ms, claimed_by FROM outbox_events WHERE id = $1`,
      [id],
    )
    .then((r) => r.rows[0]!);

describe('outbox_retry (as the application role)', () => {
  it("revives a dead event of the current tenant: fresh attempts, due now, no longer dead", async () => {
    const id = await addEvent(tenants[0]!.id);
    await admin.query(`UPDATE outbox_events SET available_at = now() + interval '1 day', claimed_by = 'gone', lease_until = now() - interval '1 minute' WHERE id = $1`, [id]);
    expect(await retry(tenants[0]!.id, id)).toBe(true);
    const s = await state(id);
    expect({ attempts: s.attempts, dead: s.dead_at, claimedBy: s.claimed_by }).toEqual({ attempts: 0, dead: null, claimedBy: null });
    expect(s.due_in_ms).toBeLessThanOrEqual(0);
    expect(s.due_in_ms).toBeGreaterThan(-60_000);
  });

  it("refuses another tenant's dead event and leaves it dead", async () => {
    const id = await addEvent(tenants[1]!.id);
    expect(await retry(tenants[0]!.id, id)).toBe(false);
    const s = await state(id);
    expect(s.dead_at).not.toBeNull();
    expect(s.attempts).toBe(5);
  });

  it('refuses a live event and a processed one', async () => {
    const live = await addEvent(tenants[0]!.id, { dead: null });
    const processed = await addEvent(tenants[0]!.id, { processed: true });
    expect(await retry(tenants[0]!.id, live)).toBe(false);
    expect(await retry(tenants[0]!.id, processed)).toBe(false);
    expect((await state(live)).attempts).toBe(5);
    expect((await state(processed)).attempts).toBe(5);
  });

  it('refuses everything when no tenant is declared', async () => {
    const id = await addEvent(tenants[0]!.id);
    expect(await retry(null, id)).toBe(false);
    expect((await state(id)).dead_at).not.toBeNull();
  });

  it('revives an event once: the second retry finds nothing dead', async () => {
    const id = await addEvent(tenants[2]!.id);
    expect(await retry(tenants[2]!.id, id)).toBe(true);
    expect(await retry(tenants[2]!.id, id)).toBe(false);
  });
});

describe('outbox_dead_letters (as the application role)', () => {
  const list = (limit: number, before?: DeadLetterPosition) =>
    app
      .query<Record<string, unknown> & { id: string; tenant_id: string; dead_at: Date }>('SELECT * FROM outbox_dead_letters($1, $2, $3)', [limit, before?.deadAt ?? null, before?.id ?? null])
      .then((r) => r.rows);

  /** Pages through the whole list; returns every row in the order seen. */
  async function all(limit: number) {
    const seen: Awaited<ReturnType<typeof list>> = [];
    let after: DeadLetterPosition | undefined;
    for (let i = 0; i < 10_000; i++) {
      const page = await list(limit, after);
      seen.push(...page);
      const last = page.at(-1);
      if (!last || page.length < limit) return seen;
      after = { deadAt: last.dead_at, id: last.id };
    }
    throw new Error('the list did not end');
  }

  it('lists the dead events of several tenants, newest first, only dead and unprocessed ones', async () => {
    // Far-future deaths put this test's rows at the top, whatever other suites left behind.
    const [a, b, c] = tenants as [Tenant, Tenant, Tenant];
    const older = await addEvent(a.id, { dead: `timestamptz '2030-01-01 00:00:00+00'` });
    const newer = await addEvent(b.id, { dead: `timestamptz '2030-01-01 00:01:00+00'` });
    const newest = await addEvent(c.id, { dead: `timestamptz '2030-01-01 00:02:00+00'` });
    const live = await addEvent(a.id, { dead: null });
    const processed = await addEvent(b.id, { dead: `timestamptz '2030-01-01 00:03:00+00'`, processed: true });
    // Invisible to the application role by itself, without a tenant declared.
    expect((await app.query('SELECT 1 FROM outbox_events WHERE id = ANY($1)', [[older, newer, newest]])).rowCount).toBe(0);

    const rows = await list(500);
    const ids = rows.map((r) => r.id);
    expect(ids.slice(0, 3)).toEqual([newest, newer, older]);
    expect(rows.slice(0, 3).map((r) => r.tenant_id)).toEqual([c.id, b.id, a.id]);
    expect(ids).not.toContain(live);
    expect(ids).not.toContain(processed);
    expect(rows[0]).toEqual({ id: newest, tenant_id: c.id, topic: 'mail.send', created_at: expect.any(Date), dead_at: expect.any(Date), attempts: 5, error_kind: 'SmtpRejected' });
  });

  it('pages by (dead_at, id) without skipping or repeating rows that died at the same instant', async () => {
    const at = `timestamptz '2031-05-04 03:02:01.123+00'`;
    const same: string[] = [];
    for (const t of tenants) for (let i = 0; i < 3; i++) same.push(await addEvent(t.id, { dead: at }));
    const before = await addEvent(tenants[0]!.id, { dead: `${at} - interval '1 millisecond'` });
    const after = await addEvent(tenants[1]!.id, { dead: `${at} + interval '1 millisecond'` });
    for (const limit of [1, 2, 4]) {
      const seen = (await all(limit)).map((r) => r.id);
      expect(new Set(seen).size).toBe(seen.length);
      const ours = seen.filter((id) => [...same, before, after].includes(id));
      // Ties in id order, descending, between the two neighbours.
      expect({ limit, ours }).toEqual({ limit, ours: [after, ...[...same].sort().reverse(), before] });
    }
  });

  it('never returns a payload or an error message, only the kind of error', async () => {
    const id = await addEvent(tenants[0]!.id, { dead: `timestamptz '2032-01-01 00:00:00+00'`, error: `Leak: ${SECRET_MESSAGE}: more: detail` });
    const text = JSON.stringify(await all(500));
    expect(text).toContain(id);
    expect(text).not.toContain(SECRET_PAYLOAD);
    expect(text).not.toContain('erika.mustermann');
    const rows = await list(1);
    expect(rows.map((r) => [r.id, r['error_kind']])).toEqual([[id, 'Leak']]);
  });

  it('rejects limits outside 1–500', async () => {
    for (const limit of [0, -1, 501, null]) expect({ limit, code: await pgErrorCode(list(limit as number)) }).toEqual({ limit, code: '22023' });
    expect(await pgErrorCode(list(500))).toBeUndefined();
  });
});

describe('DeadLetters (Prisma, as the application role)', () => {
  let db: TenantDatabase;
  let deadLetters: DeadLetters;
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
    deadLetters = nest.get(DeadLetters);
    context = nest.get(TenantContext);
    close = () => nest.close();
  });

  afterAll(() => close());

  it('retries in the tenant transaction, only its own dead events', async () => {
    const [a, b] = tenants as [Tenant, Tenant];
    const mine = await addEvent(a.id);
    const theirs = await addEvent(b.id);
    const inA = (id: string) => context.run({ id: a.id, slug: a.slug }, () => db.transaction((tx) => deadLetters.retry(tx, id)));
    expect(await inA(theirs)).toBe(false);
    expect(await inA(mine)).toBe(true);
    expect(await inA(mine)).toBe(false);
    expect((await state(mine)).dead_at).toBeNull();
    expect((await state(theirs)).dead_at).not.toBeNull();
  });

  it('lists across tenants and continues after a position', async () => {
    const a = tenants[2]!;
    const first = await addEvent(a.id, { dead: `timestamptz '2033-01-01 00:00:01+00'` });
    const second = await addEvent(a.id, { dead: `timestamptz '2033-01-01 00:00:00+00'` });
    const page: OperatorDeadLetter[] = await deadLetters.acrossTenants(1);
    expect(page).toEqual([{ id: first, tenantId: a.id, topic: 'mail.send', createdAt: expect.any(Date), deadAt: expect.any(Date), attempts: 5, errorKind: 'SmtpRejected' }]);
    const next = await deadLetters.acrossTenants(1, { deadAt: page[0]!.deadAt, id: page[0]!.id });
    expect(next.map((d) => d.id)).toEqual([second]);
  });

  it('shows "unknown" for an error without a well-formed kind (the function would return its first 60 characters)', async () => {
    const a = tenants[2]!;
    const id = await addEvent(a.id, { dead: `timestamptz '2034-01-01 00:00:00+00'`, error: SECRET_MESSAGE });
    const page = await deadLetters.acrossTenants(1);
    expect(page.map((d) => [d.id, d.errorKind])).toEqual([[id, 'unknown']]);
    expect(JSON.stringify(page)).not.toContain('erika');
  });
});

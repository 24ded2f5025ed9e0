import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import { LastSeenRecorder } from '@ratsinfo/api-access';
import { SqlStatementCounter } from '@ratsinfo/api-database';
import { connect, passwordGrant, testEnv } from '@ratsinfo/api-testing';
import { ApiRoutes } from '@ratsinfo/contracts';
import type { Client } from 'pg';
import { createApp } from './create-app';

/**
 * Query budgets: how many SQL statements (BEGIN, set_config and COMMIT included) one request may
 * send to PostgreSQL, per route. A read that turns into one query per row (N+1) exceeds its
 * budget at once, since the seed has dozens of rows behind every list. Counted at the pool, on
 * the first request for a URL (the response cache is empty for it, the tenant record known).
 */
jest.setTimeout(60_000);

/** The account (BEGIN, set_config, SELECT, COMMIT), then the meeting, its body and its agenda in one transaction. */
const BACK_OFFICE_MEETING_BUDGET = 10;

let app: INestApplication;
let base: string;
let counter: SqlStatementCounter;
let admin: Client;
let meetingId: string;

beforeAll(async () => {
  const env = testEnv();
  app = await createApp(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, AUTH_URL: env.authUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test' }));
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  counter = app.get(SqlStatementCounter);
  admin = await connect(env.adminUrl);
  const { rows } = await admin.query<{ id: string }>(
    `SELECT m.id FROM meetings m JOIN tenants t ON t.id = m.tenant_id WHERE t.slug = 'burg' AND m.deleted_at IS NULL
      ORDER BY (SELECT count(*) FROM agenda_items a WHERE a.meeting_id = m.id) DESC LIMIT 1`,
  );
  meetingId = rows[0]?.id ?? '';
  // The tenant record and its data version, as every request after the first finds them.
  expect((await fetch(`${base}/api/portal/burg/meetings?from=2026-01-01&to=2026-01-02`)).status).toBe(200);
});

afterAll(async () => {
  await app.close();
  await admin.end();
});

async function statementsFor(path: string, token?: string): Promise<{ status: number; statements: number }> {
  const before = counter.statements;
  const res = await fetch(base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  await res.arrayBuffer();
  return { status: res.status, statements: counter.statements - before };
}

describe('public reads', () => {
  const year = new Date().getUTCFullYear();
  // Budget: one batched read transaction (BEGIN, set_config, the queries Prisma needs for the
  // relations, COMMIT); the version and the tenant come from memory.
  const routes: [string, () => string, number][] = [
    ['the authority', () => ApiRoutes.portalTenant('burg'), 0],
    ['its bodies', () => '/api/portal/burg/organizations', 4],
    ['its people with their memberships', () => '/api/portal/burg/persons', 6],
    ['a year of meetings', () => `/api/portal/burg/meetings?from=${year}-01-01&to=${year}-12-31`, 5],
    // the meeting, its body, files, public bundle and items; per item level its files, its consultation's paper and that paper's files
    ['one meeting with its agenda', () => `/api/portal/burg/meetings/${meetingId}`, 15],
  ];

  it.each(routes)('%s stays within its budget, and costs nothing once cached', async (_name, path, budget) => {
    const first = await statementsFor(path());
    expect(first.status).toBe(200);
    expect(first.statements).toBeLessThanOrEqual(budget);
    expect(await statementsFor(path())).toEqual({ status: 200, statements: 0 });
  });
});

describe('back-office reads', () => {
  it('a clerk reading a meeting: the account and the meeting, no more; "last seen" is written after the answer', async () => {
    const token = await passwordGrant('burg-clerk', 'demo');
    await statementsFor(ApiRoutes.officeSession('burg'), token); // first sign-in binds the account
    const recorder = app.get(LastSeenRecorder);
    await recorder.flush();
    const lastSeen = () => admin.query<{ at: Date | null }>(`SELECT last_seen_at AS at FROM user_accounts WHERE email = 'burg-clerk@example.org'`);
    await admin.query(`UPDATE user_accounts SET last_seen_at = NULL WHERE email = 'burg-clerk@example.org'`);
    const r = await statementsFor(ApiRoutes.officeMeeting('burg', meetingId), token);
    expect(r.status).toBe(200);
    expect(r.statements).toBeLessThanOrEqual(BACK_OFFICE_MEETING_BUDGET);
    expect((await lastSeen()).rows[0]?.at).toBeNull();
    await recorder.flush();
    expect((await lastSeen()).rows[0]?.at).toBeInstanceOf(Date);
  });
});

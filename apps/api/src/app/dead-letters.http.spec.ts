import type { INestApplication } from '@nestjs/common';
import { connect, fixtureAgs, startTestIssuer, testEnv, type TestIssuer } from '@ratsinfo/api-testing';
import { DeadLetterRoutes, ProblemType, type AuditEventDto, type DeadLetterDto, type OperatorDeadLetterDto, type PagedResponse, ApiRoutes } from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { startHttpApp } from '../testing/http-app';

/**
 * Dead letters over HTTP: a clerk sees and retries their own authority's failed jobs (with the
 * full error and what they refer to), never another's; operators see every authority's, without
 * the payload, the message or any name from the authority's data.
 */
jest.setTimeout(120_000);

const SECRET_PAYLOAD = 'Vertraulich-Grundstueck-Flur-17';
const SECRET_MESSAGE = 'mailbox erika.geheim@privat.example unavailable';

let app: INestApplication;
let base: string;
let owner: Client;
let admin: Client;
let issuer: TestIssuer;

interface TestTenant {
  id: string;
  slug: string;
  name: string;
  meetingId: string;
  mailId: string;
  accounts: Record<'admin' | 'clerk' | 'member', { id: string; sub: string }>;
  dead: { mail: string; meeting: string; unknown: string; gone: string };
}
let a: TestTenant;
let b: TestTenant;

async function createTenant(label: string): Promise<TestTenant> {
  const id = randomUUID();
  const slug = `dl-${label}-${id.slice(0, 6)}`;
  const name = `Deadstadt ${label}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias) VALUES ($1, $2, $3, 'town', $4, $2)`, [id, slug, name, fixtureAgs()]);
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
  const accounts = {} as TestTenant['accounts'];
  for (const role of ['admin', 'clerk', 'member'] as const) {
    const sub = randomUUID();
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO user_accounts (tenant_id, issuer, subject, email, display_name, roles) VALUES ($1, $2, $3, $4, $5, $6::tenant_role[]) RETURNING id`,
      [id, issuer.issuer(), sub, `${role}@${slug}.example`, `${role} ${label}`, `{${role === 'admin' ? 'tenant-admin' : role}}`],
    );
    accounts[role] = { id: rows[0]!.id, sub };
  }
  const { rows: org } = await owner.query<{ id: string }>(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, 'Stadtrat', 'council') RETURNING id`, [id]);
  const { rows: meeting } = await owner.query<{ id: string }>(
    `INSERT INTO meetings (tenant_id, organization_id, name, start) VALUES ($1, $2, $3, timestamptz '2026-12-10 17:00:00+00') RETURNING id`,
    [id, org[0]!.id, `Ratssitzung ${label}`],
  );
  const { rows: mail } = await owner.query<{ id: string }>(
    `INSERT INTO mail_messages (tenant_id, dedupe_key, template, recipient_email, recipient_name, meeting_id, status, last_error)
     VALUES ($1, $2, 'meeting-invitation', $3, 'Erika Mitglied', $4, 'failed', '550 mailbox unavailable') RETURNING id`,
    [id, `dl-test-${id}`, `erika@${slug}.example`, meeting[0]!.id],
  );
  const dead = async (topic: string, payload: object, dieAt: string) =>
    (
      await owner.query<{ id: string }>(
        `INSERT INTO outbox_events (tenant_id, topic, payload, attempts, available_at, dead_at, last_error)
         VALUES ($1, $2, $3::jsonb, 5, now() - interval '1 hour', $4::timestamptz, $5) RETURNING id`,
        [id, topic, JSON.stringify({ ...payload, note: SECRET_PAYLOAD }), dieAt, `smtp-rejected: ${SECRET_MESSAGE}`],
      )
    ).rows[0]!.id;
  // Far-future deaths keep these at the top of the operators' list, whatever other suites left.
  const t0 = label === 'a' ? '2035-01-01T00:00:00Z' : '2035-01-02T00:00:00Z';
  const at = (s: number) => new Date(Date.parse(t0) + s * 1000).toISOString();
  const result = {
    mail: await dead('mail.send', { mailId: mail[0]!.id }, at(3)),
    meeting: await dead('meeting.invitation-requested', { meetingId: meeting[0]!.id }, at(2)),
    unknown: await dead('test.something-new', { n: 1 }, at(1)),
    gone: await dead('file.text-extraction-requested', { fileId: randomUUID() }, at(0)),
  };
  await owner.query('COMMIT');
  return { id, slug, name, meetingId: meeting[0]!.id, mailId: mail[0]!.id, accounts, dead: result };
}

const tokenFor = (t: TestTenant, role: keyof TestTenant['accounts']) =>
  issuer.token({ sub: t.accounts[role].sub, organization: [t.slug], name: `${role} of ${t.slug}`, email: `${role}@${t.slug}.example`, email_verified: true });
const operatorToken = () => issuer.token({ sub: 'operator-dl', realm_access: { roles: ['operator'] }, name: 'Olaf Betreiber' });

async function call(method: string, path: string, token?: string) {
  const res = await fetch(base + path, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : null };
}

const columns = (id: string) =>
  admin
    .query<{ attempts: number; dead_at: Date | null; due: boolean; last_error: string | null }>(
      'SELECT attempts, dead_at, available_at <= now() AS due, last_error FROM outbox_events WHERE id = $1',
      [id],
    )
    .then((r) => r.rows[0]!);

beforeAll(async () => {
  const env = testEnv();
  issuer = await startTestIssuer(['ratsinfo']);
  [owner, admin] = await Promise.all([connect(env.ownerUrl), connect(env.adminUrl)]);
  a = await createTenant('a');
  b = await createTenant('b');
  ({ app, base } = await startHttpApp({ AUTH_URL: issuer.url, AUTH_REALM: 'ratsinfo' }));
});

afterAll(async () => {
  await app.close();
  for (const t of [a, b]) await owner.query('DELETE FROM tenants WHERE id = $1', [t.id]);
  await Promise.all([owner.end(), admin.end()]);
  await issuer.stop();
});

describe("the back office's failed jobs", () => {
  it("shows a clerk their own authority's dead letters, newest first, with the full error and what they refer to", async () => {
    const res = await call('GET', DeadLetterRoutes.office(a.slug), await tokenFor(a, 'clerk'));
    expect(res.status).toBe(200);
    const page = res.body as PagedResponse<DeadLetterDto>;
    expect(page.data.map((d) => d.id)).toEqual([a.dead.mail, a.dead.meeting, a.dead.unknown, a.dead.gone]);
    expect(page.nextCursor).toBeNull();
    const [mail, meeting, unknown, gone] = page.data as [DeadLetterDto, DeadLetterDto, DeadLetterDto, DeadLetterDto];
    expect(mail).toEqual({
      id: a.dead.mail,
      topic: 'mail.send',
      labelKey: 'deadLetters.topics.mailSend',
      createdAt: expect.any(String),
      deadAt: '2035-01-01T00:00:03.000Z',
      attempts: 5,
      lastError: `smtp-rejected: ${SECRET_MESSAGE}`,
      refersTo: { kind: 'mail', id: a.mailId, name: `Erika Mitglied <erika@${a.slug}.example>`, date: null, detail: 'meeting-invitation', meetingId: a.meetingId },
    });
    expect(meeting.refersTo).toEqual({ kind: 'meeting', id: a.meetingId, name: 'Ratssitzung a', date: '2026-12-10T17:00:00.000Z', detail: null, meetingId: a.meetingId });
    expect({ topic: unknown.topic, labelKey: unknown.labelKey, refersTo: unknown.refersTo }).toEqual({ topic: 'test.something-new', labelKey: null, refersTo: null });
    // A file that does not exist (any more): named as unknown, the list does not fail.
    expect(gone.refersTo).toMatchObject({ kind: 'file', name: null, meetingId: null });
    expect(res.text).not.toContain(b.slug);
    expect(res.text).not.toContain('Ratssitzung b');
  });

  it('pages with a keyset cursor and counts for the badge', async () => {
    const token = await tokenFor(a, 'admin');
    const first = await call('GET', `${DeadLetterRoutes.office(a.slug)}?limit=3`, token);
    expect(first.body.data).toHaveLength(3);
    const second = await call('GET', `${DeadLetterRoutes.office(a.slug)}?limit=3&cursor=${first.body.nextCursor}`, token);
    expect(second.body).toEqual({ data: [expect.objectContaining({ id: a.dead.gone })], nextCursor: null });
    expect((await call('GET', `${DeadLetterRoutes.office(a.slug)}?cursor=nonsense`, token)).status).toBe(400);
    expect((await call('GET', `${DeadLetterRoutes.office(a.slug)}?limit=0`, token)).status).toBe(400);
    const count = await call('GET', DeadLetterRoutes.officeCount(a.slug), token);
    expect(count).toMatchObject({ status: 200, body: { count: 4 } });
  });

  it('is closed to members, operators without a grant, other authorities, absent and forged tokens', async () => {
    const cases: [string, string | undefined, number][] = [
      ['member', await tokenFor(a, 'member'), 403],
      ['operator', await operatorToken(), 403],
      ["b's clerk", await tokenFor(b, 'clerk'), 403],
      ['anonymous', undefined, 401],
      ['forged', (await tokenFor(a, 'clerk')).replace(/\.[^.]+$/, '.' + Buffer.from('forged-signature').toString('base64url')), 401],
    ];
    const got: object[] = [];
    const want: object[] = [];
    for (const [who, token, status] of cases) {
      for (const [method, path] of [
        ['GET', DeadLetterRoutes.office(a.slug)],
        ['GET', DeadLetterRoutes.officeCount(a.slug)],
        ['POST', DeadLetterRoutes.retry(a.slug, a.dead.unknown)],
      ] as const) {
        got.push({ who, method, path, status: (await call(method, path, token)).status });
        want.push({ who, method, path, status });
      }
    }
    expect(got).toEqual(want);
    expect((await columns(a.dead.unknown)).dead_at).not.toBeNull();
  });

  it("refuses to retry another authority's dead letter (404) and leaves it dead", async () => {
    const res = await call('POST', DeadLetterRoutes.retry(a.slug, b.dead.mail), await tokenFor(a, 'clerk'));
    expect(res.status).toBe(404);
    expect(res.body.type).toBe(ProblemType.notFound);
    expect((await columns(b.dead.mail)).dead_at).not.toBeNull();
  });

  it('retries a dead letter: due again with fresh attempts, audited, gone from the list; a second retry is a clear conflict', async () => {
    const token = await tokenFor(a, 'clerk');
    const res = await call('POST', DeadLetterRoutes.retry(a.slug, a.dead.meeting), token);
    expect(res.status).toBe(204);
    expect(await columns(a.dead.meeting)).toMatchObject({ attempts: 0, dead_at: null, due: true });

    const again = await call('POST', DeadLetterRoutes.retry(a.slug, a.dead.meeting), token);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: ProblemType.conflict, detail: expect.stringMatching(/retried already/) });

    const list = await call('GET', DeadLetterRoutes.office(a.slug), token);
    expect(list.body.data.map((d: DeadLetterDto) => d.id)).not.toContain(a.dead.meeting);

    const audit = await call('GET', ApiRoutes.officeAudit(a.slug), await tokenFor(a, 'admin'));
    const events = (audit.body as PagedResponse<AuditEventDto>).data.filter((e) => e.action === 'outbox-event.retried');
    expect(events).toEqual([
      expect.objectContaining({ entityType: 'outbox-event', entityId: a.dead.meeting, actingRole: 'clerk', changes: { topic: 'meeting.invitation-requested', attempts: 5, deadAt: '2035-01-01T00:00:02.000Z' } }),
    ]);
  });

  it('lets a tenant admin retry too, and answers 404 for an id that is no event at all', async () => {
    const token = await tokenFor(b, 'admin');
    expect((await call('POST', DeadLetterRoutes.retry(b.slug, b.dead.gone), token)).status).toBe(204);
    expect((await columns(b.dead.gone)).dead_at).toBeNull();
    expect((await call('POST', DeadLetterRoutes.retry(b.slug, randomUUID()), token)).status).toBe(404);
    expect((await call('POST', DeadLetterRoutes.retry(b.slug, 'not-a-uuid'), token)).status).toBe(400);
  });
});

describe("the operators' overview", () => {
  it("lists every authority's dead letters with the authority, but without payload, message or names", async () => {
    const res = await call('GET', `${DeadLetterRoutes.operator}?limit=200`, await operatorToken());
    expect(res.status).toBe(200);
    const page = res.body as PagedResponse<OperatorDeadLetterDto>;
    const ours = page.data.filter((d) => [a.id, b.id].includes(d.tenant.id));
    // Newest first: b's died a day after a's; the retried ones are no longer dead.
    expect(ours.map((d) => d.id)).toEqual([b.dead.mail, b.dead.meeting, b.dead.unknown, a.dead.mail, a.dead.unknown, a.dead.gone]);
    expect(ours[0]).toEqual({
      id: b.dead.mail,
      tenant: { id: b.id, slug: b.slug, name: b.name },
      topic: 'mail.send',
      labelKey: 'deadLetters.topics.mailSend',
      createdAt: expect.any(String),
      deadAt: '2035-01-02T00:00:03.000Z',
      attempts: 5,
      errorKind: 'smtp-rejected',
    });
    for (const secret of [SECRET_PAYLOAD, 'erika', 'privat.example', 'Ratssitzung', 'meeting-invitation', a.mailId, a.meetingId]) expect({ secret, leaked: res.text.includes(secret) }).toEqual({ secret, leaked: false });
  });

  it('pages with a keyset cursor', async () => {
    const token = await operatorToken();
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const res = await call('GET', `${DeadLetterRoutes.operator}?limit=2${cursor ? `&cursor=${cursor}` : ''}`, token);
      expect(res.status).toBe(200);
      seen.push(...(res.body as PagedResponse<OperatorDeadLetterDto>).data.map((d) => d.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => [b.dead.mail, b.dead.meeting, b.dead.unknown, a.dead.mail, a.dead.unknown, a.dead.gone].includes(id))).toEqual([b.dead.mail, b.dead.meeting, b.dead.unknown, a.dead.mail, a.dead.unknown, a.dead.gone]);
  });

  it('is closed to clerks and tenant admins, absent and forged tokens', async () => {
    expect((await call('GET', DeadLetterRoutes.operator, await tokenFor(a, 'admin'))).status).toBe(403);
    expect((await call('GET', DeadLetterRoutes.operator, await tokenFor(a, 'clerk'))).status).toBe(403);
    expect((await call('GET', DeadLetterRoutes.operator)).status).toBe(401);
    expect((await call('GET', DeadLetterRoutes.operator, (await operatorToken()).replace(/\.[^.]+$/, '.AAAA'))).status).toBe(401);
  });

  it('retrying a failed mail job makes the mail pending again, so the worker sends it', async () => {
    const mailStatus = async () => (await admin.query<{ status: string; failed_at: Date | null }>('SELECT status, failed_at FROM mail_messages WHERE id = $1', [a.mailId])).rows[0]!;
    expect((await mailStatus()).status).toBe('failed');
    expect((await call('POST', DeadLetterRoutes.retry(a.slug, a.dead.mail), await tokenFor(a, 'clerk'))).status).toBe(204);
    expect(await mailStatus()).toEqual({ status: 'pending', failed_at: null });
    expect((await columns(a.dead.mail)).dead_at).toBeNull();
  });
});

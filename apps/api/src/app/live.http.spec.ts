import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import { PublicCache } from '@ratsinfo/api-tenancy';
import { connect, fixtureAgs, startTestIssuer, testEnv, type TestIssuer } from '@ratsinfo/api-testing';
import { ApiRoutes, type AuditEventDto, LiveMeetingRoutes, type LiveMeetingSnapshot, ProblemType } from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import { get as httpGet, type IncomingMessage } from 'node:http';
import type { Client } from 'pg';
import { createApp } from './create-app';

/**
 * The live meeting (docs/adr/0017-live-meeting-events.md) through two app instances that share
 * PostgreSQL and Redis as two replicas would: the clerk's writes on A reach a stream on B; a
 * replica without Redis still converges through the PostgreSQL feed; non-public items never
 * show; the clerk's writes are guarded, checked and audited; streams are bounded per replica.
 */
jest.setTimeout(120_000);

interface Instance {
  app: INestApplication;
  base: string;
}

let a: Instance;
let b: Instance;
let owner: Client;
let admin: Client;
let issuer: TestIssuer;

interface Fixture {
  id: string;
  slug: string;
  subs: Record<'admin' | 'clerk' | 'member', string>;
  /** A running meeting: Ö 1, Ö 2, N 1, N 2, Ö 3 (order as on the agenda). */
  running: string;
  items: Record<'open' | 'plan' | 'secret' | 'staff' | 'misc', string>;
  /** An invited meeting and a cancelled one, each with one public item. */
  invited: string;
  invitedItem: string;
  cancelled: string;
  cancelledItem: string;
}
let t: Fixture;
let other: Fixture;

/** Words of the non-public items: no event, no snapshot may ever carry them. */
const SECRET_WORDS = ['Grundstücksverkauf Flur 3 an Investor Geheim', 'Personalangelegenheit Schmidt-Wallenstein'];

async function createFixture(label: string): Promise<Fixture> {
  const id = randomUUID();
  const slug = `live-${label}-${id.slice(0, 6)}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias) VALUES ($1, $2, $3, 'town', $4, $2)`, [id, slug, `Livestadt ${label}`, fixtureAgs()]);
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
  const one = async (sql: string, params: unknown[]) => (await owner.query<{ id: string }>(sql, params)).rows[0]!.id;
  const org = await one(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, 'Stadtrat', 'council') RETURNING id`, [id]);
  const meeting = (name: string, state: string, cancelled = false) =>
    one(`INSERT INTO meetings (tenant_id, organization_id, name, start, meeting_state, cancelled, cancelled_reason) VALUES ($1, $2, $3, now(), $4, $5, $6) RETURNING id`, [
      id,
      org,
      name,
      state,
      cancelled,
      cancelled ? 'Krankheit' : null,
    ]);
  const item = (meetingId: string, order: number, number: string, name: string, isPublic: boolean) =>
    one(`INSERT INTO agenda_items (tenant_id, meeting_id, "order", number, name, public) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, [id, meetingId, order, number, name, isPublic]);
  const running = await meeting('Sitzung des Stadtrates', 'running');
  const items = {
    open: await item(running, 1, 'Ö 1', 'Eröffnung und Feststellung der Beschlussfähigkeit', true),
    plan: await item(running, 2, 'Ö 2', 'Bebauungsplan Nr. 12 „Am Mühlenteich“', true),
    secret: await item(running, 3, 'N 1', SECRET_WORDS[0]!, false),
    staff: await item(running, 4, 'N 2', SECRET_WORDS[1]!, false),
    misc: await item(running, 5, 'Ö 3', 'Anfragen und Mitteilungen', true),
  };
  const invited = await meeting('Sitzung des Stadtrates (geladen)', 'invited');
  const invitedItem = await item(invited, 1, 'Ö 1', 'Eröffnung', true);
  const cancelled = await meeting('Sitzung des Stadtrates (abgesagt)', 'running', true);
  const cancelledItem = await item(cancelled, 1, 'Ö 1', 'Eröffnung', true);
  const subs = { admin: randomUUID(), clerk: randomUUID(), member: randomUUID() };
  for (const [who, role] of [['admin', 'tenant-admin'], ['clerk', 'clerk'], ['member', 'member']] as const) {
    await owner.query(`INSERT INTO user_accounts (tenant_id, issuer, subject, email, display_name, roles) VALUES ($1, $2, $3, $4, $5, $6::tenant_role[])`, [
      id,
      issuer.issuer(),
      subs[who],
      `${who}@${slug}.example`,
      who,
      `{${role}}`,
    ]);
  }
  await owner.query('COMMIT');
  return { id, slug, subs, running, items, invited, invitedItem, cancelled, cancelledItem };
}

const token = (f: Fixture, who: keyof Fixture['subs']) => issuer.token({ sub: f.subs[who], organization: [f.slug], name: who });

interface Answer {
  status: number;
  contentType: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test answers are read loosely; DTO types are asserted field by field
  body: any;
}

async function call(base: string, method: string, path: string, who: [Fixture, keyof Fixture['subs']] | null, body?: unknown): Promise<Answer> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(who ? { authorization: `Bearer ${await token(...who)}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), body: text ? JSON.parse(text) : null };
}

const fieldsOf = (r: Answer) => (r.body?.errors as { name: string }[] | undefined)?.map((e) => e.name) ?? [];

/** A server-sent event stream, parsed as it arrives. */
class Stream {
  readonly events: { id?: string; event?: string; data: string }[] = [];
  raw = '';
  heartbeats = 0;
  retry: number | null = null;
  private buffer = '';
  private constructor(
    readonly res: IncomingMessage,
    private readonly close: () => void,
  ) {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      this.raw += chunk;
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\n\n')) >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        const e: { id?: string; event?: string; data: string } = { data: '' };
        let isEvent = false;
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) this.heartbeats += line.includes('heartbeat') ? 1 : 0;
          else if (line.startsWith('retry: ')) this.retry = Number(line.slice(7));
          else if (line.startsWith('id: ')) e.id = line.slice(4);
          else if (line.startsWith('event: ')) e.event = line.slice(7);
          else if (line.startsWith('data: ')) {
            e.data += line.slice(6);
            isEvent = true;
          }
        }
        if (isEvent) this.events.push(e);
      }
    });
  }

  static open(base: string, path: string, headers: Record<string, string> = {}): Promise<Stream> {
    return new Promise((resolve, reject) => {
      const req = httpGet(base + path, { headers: { accept: 'text/event-stream', ...headers } }, (res) => resolve(new Stream(res, () => req.destroy())));
      req.on('error', reject);
    });
  }

  snapshots(): LiveMeetingSnapshot[] {
    return this.events.filter((e) => e.event === 'snapshot').map((e) => JSON.parse(e.data) as LiveMeetingSnapshot);
  }

  last(): LiveMeetingSnapshot | undefined {
    return this.snapshots().at(-1);
  }

  async until(what: string, fn: (s: LiveMeetingSnapshot) => boolean, timeoutMs = 5000): Promise<LiveMeetingSnapshot> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const s = this.last();
      if (s && fn(s)) return s;
      if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(s)})`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Reads the whole (short) answer of a refused stream. */
  async body(): Promise<string> {
    await new Promise((r) => (this.res.readableEnded ? r(undefined) : this.res.on('end', r)));
    return this.raw;
  }

  end(): void {
    this.close();
  }
}

const streams: Stream[] = [];
async function openStream(base: string, f: Fixture, meetingId: string, headers: Record<string, string> = {}): Promise<Stream> {
  const s = await Stream.open(base, LiveMeetingRoutes.events(f.slug, meetingId), headers);
  streams.push(s);
  return s;
}

const config = (extra: Record<string, string> = {}) => {
  const env = testEnv();
  return loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test', AUTH_URL: issuer.url, AUTH_REALM: 'ratsinfo', ...extra });
};

async function start(extra: Record<string, string> = {}): Promise<Instance> {
  const app = await createApp(config(extra));
  await app.listen(0, '127.0.0.1');
  return { app, base: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

/** Raw SQL as the owner role, past the application entirely (no LiveMeetingEvents call). */
async function sql(f: Fixture, statement: string, params: unknown[]): Promise<void> {
  await owner.query('BEGIN');
  try {
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [f.id]);
    await owner.query(statement, params);
    await owner.query('COMMIT');
  } catch (e) {
    await owner.query('ROLLBACK');
    throw e;
  }
}

const setCurrent = (base: string, f: Fixture, meetingId: string, agendaItemId: string | null, who: keyof Fixture['subs'] = 'clerk') =>
  call(base, 'PUT', LiveMeetingRoutes.currentItem(f.slug, meetingId), [f, who], { agendaItemId });

beforeAll(async () => {
  const env = testEnv();
  issuer = await startTestIssuer(['ratsinfo']);
  owner = await connect(env.ownerUrl);
  admin = await connect(env.adminUrl);
  t = await createFixture('a');
  other = await createFixture('b');
  [a, b] = await Promise.all([start(), start()]);
});

afterAll(async () => {
  for (const s of streams) s.end();
  await Promise.all([a.app.close(), b.app.close()]);
  for (const f of [t, other]) await owner.query('DELETE FROM tenants WHERE id = $1', [f.id]);
  await owner.end();
  await admin.end();
  await issuer.stop();
});

afterEach(() => {
  // Whatever a test did: nothing non-public ever went out on a stream.
  for (const s of streams) for (const w of [...SECRET_WORDS, t.items.secret, t.items.staff, 'N 1', 'N 2']) expect(s.raw).not.toContain(w);
});

describe('the live view', () => {
  it('streams from B what the clerk writes through A, within a second, as text/event-stream that nothing buffers or caches', async () => {
    await setCurrent(a.base, t, t.running, null);
    const s = await openStream(b.base, t, t.running);
    expect(s.res.statusCode).toBe(200);
    expect(s.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(s.res.headers['cache-control']).toBe('no-cache, no-transform');
    expect(s.res.headers['x-accel-buffering']).toBe('no');
    for (const h of ['etag', 'content-length', 'content-encoding']) expect(s.res.headers[h]).toBeUndefined();
    const first = await s.until('the first snapshot', () => true);
    expect(first).toMatchObject({ meetingId: t.running, meetingState: 'running', cancelled: false, currentItem: null, recordingUrl: null });
    expect(s.events[0]!.id).toBe(first.version);
    expect(s.retry).toBe(3000);

    const put = await setCurrent(a.base, t, t.running, t.items.plan);
    // From the committed answer on A to the event on B.
    const before = Date.now();
    expect([put.status, put.body.currentAgendaItemId]).toEqual([200, t.items.plan]);
    const seen = await s.until('the new current item on B', (x) => x.currentItem !== null, 1000);
    expect(Date.now() - before).toBeLessThan(1000);
    expect(seen.currentItem).toEqual({ id: t.items.plan, number: 'Ö 2', name: 'Bebauungsplan Nr. 12 „Am Mühlenteich“' });
    // The stream is never stored by the response cache (the JSON snapshot is, like every public read).
    expect(b.app.get(PublicCache).keys().some((k) => k.includes('/live/events'))).toBe(false);
    const json = await call(b.base, 'GET', LiveMeetingRoutes.snapshot(t.slug, t.running), null);
    expect(json.status).toBe(200);
    expect(json.body).toEqual(seen);
  });

  it('shows the public items with results and votes, non-public ones only as one "nicht öffentlicher Teil" entry, and a non-public current item only as the marker', async () => {
    await sql(t, `UPDATE agenda_items SET result_kind = 'accepted', result = 'einstimmig beschlossen', vote_mode = 'counted', votes_yes = 17, votes_no = 0, votes_abstain = 2 WHERE id = $1`, [t.items.plan]);
    await sql(t, `UPDATE agenda_items SET result_kind = 'rejected', result = 'abgelehnt', vote_mode = 'counted', votes_yes = 1, votes_no = 20, votes_abstain = 0 WHERE id = $1`, [t.items.secret]);
    const s = await openStream(a.base, t, t.running);
    const put = await setCurrent(b.base, t, t.running, t.items.secret);
    expect(put.status).toBe(200);
    const seen = await s.until('the marker', (x) => x.currentItem !== null && 'nonPublic' in x.currentItem);
    expect(seen.currentItem).toEqual({ nonPublic: true });
    expect(seen.items).toEqual([
      { id: t.items.open, number: 'Ö 1', name: 'Eröffnung und Feststellung der Beschlussfähigkeit', result: null, resultKind: null, votes: null, recordingOffsetSeconds: null },
      { id: t.items.plan, number: 'Ö 2', name: 'Bebauungsplan Nr. 12 „Am Mühlenteich“', result: 'einstimmig beschlossen', resultKind: 'accepted', votes: { yes: 17, no: 0, abstain: 2 }, recordingOffsetSeconds: null },
      { nonPublic: true },
      { id: t.items.misc, number: 'Ö 3', name: 'Anfragen und Mitteilungen', result: null, resultKind: null, votes: null, recordingOffsetSeconds: null },
    ]);
    const json = await call(a.base, 'GET', LiveMeetingRoutes.snapshot(t.slug, t.running), null);
    for (const w of [...SECRET_WORDS, t.items.secret, 'abgelehnt', 'N 1']) expect(JSON.stringify(json.body)).not.toContain(w);
  });

  it('reaches streams through the PostgreSQL feed too: a write that announces nothing (raw SQL), and a replica without Redis', async () => {
    const noRedis = await start({ REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_ENABLED: 'false' });
    try {
      const [onB, onNoRedis] = [await openStream(b.base, t, t.running), await openStream(noRedis.base, t, t.running)];
      await onNoRedis.until('the first snapshot without Redis', () => true);
      await sql(t, `UPDATE agenda_items SET result_kind = 'taken_note', result = 'zur Kenntnis genommen' WHERE id = $1`, [t.items.misc]);
      for (const s of [onB, onNoRedis]) await s.until('the result written by raw SQL', (x) => x.items.some((i) => 'id' in i && i.id === t.items.misc && i.resultKind === 'taken_note'), 3000);
      // And the clerk's write through A reaches the replica without Redis.
      await setCurrent(a.base, t, t.running, t.items.misc);
      await onNoRedis.until('the current item without Redis', (x) => x.currentItem !== null && 'id' in x.currentItem && x.currentItem.id === t.items.misc, 3000);
    } finally {
      await noRedis.app.close();
    }
  });

  it('sends only real changes: an unrelated public write of the tenant sends nothing; Last-Event-ID skips an unchanged first snapshot', async () => {
    await setCurrent(a.base, t, t.running, t.items.open);
    const s = await openStream(b.base, t, t.running);
    const now = await s.until('the current item', (x) => x.currentItem !== null && 'id' in x.currentItem && x.currentItem.id === t.items.open);
    const count = s.events.length;
    await sql(t, `UPDATE meetings SET name = name || ' ' WHERE id = $1`, [t.invited]);
    await new Promise((r) => setTimeout(r, 700));
    expect(s.events.length).toBe(count);

    const resumed = await openStream(a.base, t, t.running, { 'last-event-id': now.version });
    await new Promise((r) => setTimeout(r, 500));
    expect([resumed.res.statusCode, resumed.events.length, resumed.retry]).toEqual([200, 0, 3000]);
    const stale = await openStream(a.base, t, t.running, { 'last-event-id': 'an-old-version' });
    expect((await stale.until('a fresh snapshot', () => true)).version).toBe(now.version);
  });

  it('refuses the current item unless the meeting is running (409 naming its state)', async () => {
    const invited = await setCurrent(a.base, t, t.invited, t.invitedItem);
    expect([invited.status, invited.body.type]).toEqual([409, ProblemType.conflict]);
    expect(invited.body.detail).toContain('invited');
    const cancelled = await setCurrent(a.base, t, t.cancelled, t.cancelledItem);
    expect([cancelled.status, cancelled.body.detail]).toEqual([409, expect.stringContaining('cancelled')]);
    expect((await admin.query(`SELECT current_agenda_item_id FROM meetings WHERE id = ANY($1)`, [[t.invited, t.cancelled]])).rows).toEqual([
      { current_agenda_item_id: null },
      { current_agenda_item_id: null },
    ]);
    // The JSON snapshot of a meeting that is not running names no current item.
    expect((await call(a.base, 'GET', LiveMeetingRoutes.snapshot(t.slug, t.invited), null)).body.currentItem).toBeNull();
  });

  it('keeps authorities apart: another authority’s clerk gets 404/403, its portal path 404, and a member may not write', async () => {
    const viaOtherSlug = await setCurrent(a.base, other, t.running, t.items.open);
    expect(viaOtherSlug.status).toBe(404);
    const foreignToken = await call(a.base, 'PUT', LiveMeetingRoutes.currentItem(t.slug, t.running), [other, 'clerk'], { agendaItemId: t.items.open });
    expect([403, 404]).toContain(foreignToken.status);
    const foreignItem = await setCurrent(a.base, t, t.running, other.items.open);
    expect([foreignItem.status, fieldsOf(foreignItem)]).toEqual([400, ['agendaItemId']]);
    expect((await call(a.base, 'GET', LiveMeetingRoutes.snapshot(other.slug, t.running), null)).status).toBe(404);
    const events = await openStream(a.base, other, t.running);
    expect([events.res.statusCode, events.res.headers['content-type']]).toEqual([404, 'application/problem+json; charset=utf-8']);
    expect(await events.body()).not.toContain('Sitzung');
    expect((await call(a.base, 'GET', LiveMeetingRoutes.office(other.slug, t.running), [other, 'clerk'])).status).toBe(404);
    for (const [method, path, body] of [
      ['PUT', LiveMeetingRoutes.currentItem(t.slug, t.running), { agendaItemId: t.items.open }],
      ['PUT', LiveMeetingRoutes.recording(t.slug, t.running), { recordingUrl: 'https://video.example/1' }],
      ['PUT', LiveMeetingRoutes.recordingOffset(t.slug, t.running, t.items.open), { seconds: 10 }],
      ['GET', LiveMeetingRoutes.office(t.slug, t.running), undefined],
    ] as const) {
      const r = await call(a.base, method, path, [t, 'member'], body);
      expect([path, r.status]).toEqual([path, 403]);
      expect((await call(a.base, method, path, null, body)).status).toBe(401);
    }
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const before = (await admin.query(`SELECT current_agenda_item_id, recording_url FROM meetings WHERE id = $1`, [t.running])).rows;
    const cases: [string, unknown, string][] = [
      [LiveMeetingRoutes.currentItem(t.slug, t.running), { agendaItemId: 'not-a-uuid' }, 'agendaItemId'],
      [LiveMeetingRoutes.currentItem(t.slug, t.running), {}, 'agendaItemId'],
      [LiveMeetingRoutes.currentItem(t.slug, t.running), { agendaItemId: null, extra: 1 }, 'extra'],
      [LiveMeetingRoutes.currentItem(t.slug, t.running), { agendaItemId: t.invitedItem }, 'agendaItemId'],
      [LiveMeetingRoutes.recording(t.slug, t.running), { recordingUrl: 'http://video.example/1' }, 'recordingUrl'],
      [LiveMeetingRoutes.recording(t.slug, t.running), { recordingUrl: 'javascript:alert(1)' }, 'recordingUrl'],
      [LiveMeetingRoutes.recording(t.slug, t.running), { recordingUrl: 'https://video.example/\u0000x' }, 'recordingUrl'],
      [LiveMeetingRoutes.recording(t.slug, t.running), { recordingUrl: `https://video.example/${'x'.repeat(2000)}` }, 'recordingUrl'],
      [LiveMeetingRoutes.recordingOffset(t.slug, t.running, t.items.open), { seconds: -1 }, 'seconds'],
      [LiveMeetingRoutes.recordingOffset(t.slug, t.running, t.items.open), { seconds: 86_401 }, 'seconds'],
      [LiveMeetingRoutes.recordingOffset(t.slug, t.running, t.items.open), { seconds: 1.5 }, 'seconds'],
      [LiveMeetingRoutes.recordingOffset(t.slug, t.running, t.items.open), { seconds: '10' }, 'seconds'],
    ];
    for (const [path, body, field] of cases) {
      const r = await call(a.base, 'PUT', path, [t, 'clerk'], body);
      expect([path, JSON.stringify(body).slice(0, 80), r.status, r.contentType, fieldsOf(r)]).toEqual([path, JSON.stringify(body).slice(0, 80), 400, 'application/problem+json; charset=utf-8', [field]]);
    }
    const huge = await call(a.base, 'PUT', LiveMeetingRoutes.recording(t.slug, t.running), [t, 'clerk'], { recordingUrl: `https://video.example/${'x'.repeat(2 * 1024 * 1024)}` });
    expect([400, 413]).toContain(huge.status);
    expect(huge.contentType).toBe('application/problem+json; charset=utf-8');
    const badPath = await call(a.base, 'PUT', LiveMeetingRoutes.recordingOffset(t.slug, t.running, 'nope'), [t, 'clerk'], { seconds: 1 });
    expect([badPath.status, fieldsOf(badPath)]).toEqual([400, ['itemId']]);
    const itemOfAnotherMeeting = await call(a.base, 'PUT', LiveMeetingRoutes.recordingOffset(t.slug, t.running, t.invitedItem), [t, 'clerk'], { seconds: 1 });
    expect(itemOfAnotherMeeting.status).toBe(404);
    expect((await call(a.base, 'PUT', LiveMeetingRoutes.currentItem(t.slug, randomUUID()), [t, 'clerk'], { agendaItemId: null })).status).toBe(404);
    expect((await admin.query(`SELECT current_agenda_item_id, recording_url FROM meetings WHERE id = $1`, [t.running])).rows).toEqual(before);
  });

  it('sets the recording and each item’s moment (audited once per change, duplicate submits change nothing), and the portal gets them', async () => {
    const s = await openStream(b.base, t, t.running);
    const url = 'https://video.example/stadtrat/2026-12-02';
    for (let i = 0; i < 2; i++) {
      const r = await call(a.base, 'PUT', LiveMeetingRoutes.recording(t.slug, t.running), [t, 'clerk'], { recordingUrl: url });
      expect([r.status, r.body.recordingUrl]).toEqual([200, url]);
      const o = await call(a.base, 'PUT', LiveMeetingRoutes.recordingOffset(t.slug, t.running, t.items.plan), [t, 'clerk'], { seconds: 3723 });
      expect([o.status, o.body.items.find((x: { id: string }) => x.id === t.items.plan)?.recordingOffsetSeconds]).toEqual([200, 3723]);
    }
    const seen = await s.until('the recording', (x) => x.recordingUrl === url && x.items.some((i) => 'id' in i && i.recordingOffsetSeconds === 3723));
    expect(seen.items.find((i) => 'id' in i && i.id === t.items.plan)).toMatchObject({ recordingOffsetSeconds: 3723 });
    const audit = await call(a.base, 'GET', ApiRoutes.officeAudit(t.slug), [t, 'admin']);
    const mine = (audit.body.data as AuditEventDto[]).filter((e) => ['meeting.recording.set', 'agenda-item.recording-offset.set'].includes(e.action));
    expect(mine.map((e) => e.action).sort()).toEqual(['agenda-item.recording-offset.set', 'meeting.recording.set']);
    // Cleared again with null.
    const cleared = await call(a.base, 'PUT', LiveMeetingRoutes.recording(t.slug, t.running), [t, 'admin'], { recordingUrl: null });
    expect([cleared.status, cleared.body.recordingUrl]).toEqual([200, null]);
    await s.until('no recording', (x) => x.recordingUrl === null);
  });

  it('two clerks at once: both saves succeed one after the other, and every stream ends on what the database holds', async () => {
    const s = await openStream(a.base, t, t.running);
    const [r1, r2] = await Promise.all([setCurrent(a.base, t, t.running, t.items.open), setCurrent(b.base, t, t.running, t.items.misc, 'admin')]);
    expect([r1.status, r2.status]).toEqual([200, 200]);
    const { rows } = await admin.query<{ current_agenda_item_id: string }>(`SELECT current_agenda_item_id FROM meetings WHERE id = $1`, [t.running]);
    const final = rows[0]!.current_agenda_item_id;
    expect([t.items.open, t.items.misc]).toContain(final);
    await s.until('the final current item', (x) => x.currentItem !== null && 'id' in x.currentItem && x.currentItem.id === final);
    const audit = await call(a.base, 'GET', ApiRoutes.officeAudit(t.slug), [t, 'admin']);
    expect((audit.body.data as AuditEventDto[]).some((e) => e.action === 'meeting.current-item.set' && e.entityId === t.running)).toBe(true);
  });

  it('bounds the streams per replica with a 503 problem, and sends heartbeats', async () => {
    const small = await start({ LIVE_MAX_CONNECTIONS: '2', LIVE_HEARTBEAT_SECONDS: '1' });
    try {
      const [s1, s2] = [await openStream(small.base, t, t.running), await openStream(small.base, t, t.running)];
      const refused = await openStream(small.base, t, t.running);
      expect([refused.res.statusCode, refused.res.headers['content-type']]).toEqual([503, 'application/problem+json; charset=utf-8']);
      expect(JSON.parse(await refused.body())).toMatchObject({ status: 503 });
      await new Promise((r) => setTimeout(r, 1300));
      expect(s1.heartbeats).toBeGreaterThanOrEqual(1);
      s2.end();
      const deadline = Date.now() + 3000;
      let again = await openStream(small.base, t, t.running);
      while (again.res.statusCode !== 200 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        again = await openStream(small.base, t, t.running);
      }
      expect(again.res.statusCode).toBe(200);
    } finally {
      for (const s of streams) s.end();
      await small.app.close();
    }
  });
});

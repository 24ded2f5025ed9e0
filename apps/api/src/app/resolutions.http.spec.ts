import type { INestApplication } from '@nestjs/common';
import { connect, fixtureAgs, startTestIssuer, testEnv, type TestIssuer } from '@ratsinfo/api-testing';
import { addDays, berlinDate } from '@ratsinfo/berlin-time';
import {
  ApiRoutes,
  type AuditEventDto,
  type OfficeResolutionSummaryDto,
  officeResolutionListSchema,
  officeResolutionSchema,
  PortalContentRoutes,
  type PortalPaper,
  portalPaperSchema,
  ProblemType,
  ResolutionRoutes,
} from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { startHttpApp } from '../testing/http-app';

/**
 * Resolution tracking (Beschlusskontrolle) over HTTP against the real stack: the database
 * trigger that makes one resolution per accepted item, the clerk's list (filters, overdue, keyset
 * pages), the versioned edit and the dated notes (audited), who may do what, hostile input, and
 * what the portal's paper page shows of it (public items of public papers only, never obsolete).
 */
jest.setTimeout(120_000);

let app: INestApplication;
let base: string;
let owner: Client;
let admin: Client;
let issuer: TestIssuer;

interface Fixture {
  id: string;
  slug: string;
  subs: Record<'admin' | 'clerk' | 'member', string>;
  org: Record<'bau' | 'finanz', string>;
  paperType: string;
  seq: number;
}
let t: Fixture;
let other: Fixture;

const today = () => berlinDate();

/** Runs statements as the tenant (row-level security is forced, the owner too must name it). */
async function asTenant<T>(f: Fixture, work: (one: (sql: string, params?: unknown[]) => Promise<string>) => Promise<T>): Promise<T> {
  await owner.query('BEGIN');
  try {
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [f.id]);
    const result = await work(async (sql, params = []) => (await owner.query<{ id: string }>(sql, params)).rows[0]?.id ?? '');
    await owner.query('COMMIT');
    return result;
  } catch (e) {
    await owner.query('ROLLBACK');
    throw e;
  }
}

async function createFixture(label: string): Promise<Fixture> {
  const id = randomUUID();
  const slug = `res-${label}-${id.slice(0, 6)}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias) VALUES ($1, $2, $3, 'town', $4, $2)`, [id, slug, `Beschlussstadt ${label}`, fixtureAgs()]);
  const f: Fixture = { id, slug, subs: { admin: randomUUID(), clerk: randomUUID(), member: randomUUID() }, org: { bau: '', finanz: '' }, paperType: '', seq: 0 };
  await asTenant(f, async (one) => {
    f.org.bau = await one(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, 'Bauausschuss', 'committee') RETURNING id`, [id]);
    f.org.finanz = await one(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, 'Finanzausschuss', 'committee') RETURNING id`, [id]);
    f.paperType = await one(`INSERT INTO paper_types (tenant_id, name, abbreviation) VALUES ($1, 'Beschlussvorlage', 'BV') RETURNING id`, [id]);
    const person = await one(`INSERT INTO persons (tenant_id, family_name, given_name) VALUES ($1, 'Mitglied', 'Maria') RETURNING id`, [id]);
    for (const [who, role, personId] of [['admin', 'tenant-admin', null], ['clerk', 'clerk', null], ['member', 'member', person]] as const) {
      await owner.query(
        `INSERT INTO user_accounts (tenant_id, issuer, subject, email, display_name, roles, person_id) VALUES ($1, $2, $3, $4, $5, $6::tenant_role[], $7)`,
        [id, issuer.issuer(), f.subs[who], `${who}@${slug}.example`, who, `{${role}}`, personId],
      );
    }
  });
  return f;
}

interface Decided {
  paperId: string;
  meetingId: string;
  itemId: string;
  /** The resolution the trigger made (accepted items only). */
  resolutionId: string | null;
}

/**
 * A paper (public or not) deliberated in a meeting of the body, as an agenda item (public or not)
 * with the given result — set directly in the database, as the decision UI would.
 */
async function decided(
  f: Fixture,
  o: { result?: string | null; paperPublic?: boolean; itemPublic?: boolean; organizationId?: string; start?: string; cancelled?: boolean; meetingId?: string; text?: string; paper?: string | null } = {},
): Promise<Decided> {
  return asTenant(f, async (one) => {
    let paperId = o.paper ?? null;
    if (o.paper === undefined) {
      f.seq += 1;
      paperId = await one(
        `INSERT INTO papers (tenant_id, paper_type_id, reference, reference_year, reference_sequence, name, date, public, status) VALUES ($1, $2, $3, 2026, $4, $5, '2026-11-02', $6, 'released') RETURNING id`,
        [f.id, f.paperType, `BV/${String(f.seq).padStart(4, '0')}/2026`, f.seq, `Vorlage ${f.seq}`, o.paperPublic ?? true],
      );
    }
    const organizationId = o.organizationId ?? f.org.bau;
    const consultation = paperId
      ? await one(
          `INSERT INTO consultations (tenant_id, paper_id, organization_id, position, authoritative, role)
           SELECT $1, $2, $3, coalesce(max(position), 0) + 1, true, 'Entscheidung' FROM consultations WHERE paper_id = $2 AND deleted_at IS NULL RETURNING id`,
          [f.id, paperId, organizationId],
        )
      : null;
    const meetingId =
      o.meetingId ??
      (await one(`INSERT INTO meetings (tenant_id, organization_id, name, start, cancelled, cancelled_reason) VALUES ($1, $2, 'Sitzung des Bauausschusses', $3, $4, $5) RETURNING id`, [
        f.id,
        organizationId,
        o.start ?? '2026-11-10T17:00:00+01:00',
        o.cancelled ?? false,
        o.cancelled ? 'Beschlussunfähig' : null,
      ]));
    const order = Number((await owner.query(`SELECT coalesce(max("order"), 0) + 1 AS n FROM agenda_items WHERE meeting_id = $1`, [meetingId])).rows[0].n);
    const itemPublic = o.itemPublic ?? true;
    const itemId = await one(
      `INSERT INTO agenda_items (tenant_id, meeting_id, "order", number, name, public, consultation_id, resolution_text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [f.id, meetingId, order, `${itemPublic ? 'Ö' : 'N'} ${order}`, `Punkt ${order}`, itemPublic, consultation, o.text ?? `Der Ausschuss beschließt Punkt ${order}.`],
    );
    const result = o.result === undefined ? 'accepted' : o.result;
    if (result) await owner.query(`UPDATE agenda_items SET result_kind = $2::agenda_result, decided_at = now() WHERE id = $1`, [itemId, result]);
    const resolutionId = (await owner.query<{ id: string }>(`SELECT id FROM resolutions WHERE agenda_item_id = $1`, [itemId])).rows[0]?.id ?? null;
    return { paperId: paperId ?? '', meetingId, itemId, resolutionId };
  });
}

async function setResolution(f: Fixture, id: string, values: { status?: string; due?: string | null }) {
  await asTenant(f, async () => {
    if (values.status) await owner.query(`UPDATE resolutions SET status = $2::resolution_status WHERE id = $1`, [id, values.status]);
    if (values.due !== undefined) await owner.query(`UPDATE resolutions SET due_date = $2::date WHERE id = $1`, [id, values.due]);
  });
}

const token = (f: Fixture, who: keyof Fixture['subs']) => issuer.token({ sub: f.subs[who], organization: [f.slug], name: who });

interface Answer {
  status: number;
  etag: string | null;
  type: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test answers are read loosely; DTO types are asserted field by field
  body: any;
}

async function call(method: string, path: string, who: [Fixture, keyof Fixture['subs']] | null, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(who ? { authorization: `Bearer ${await token(...who)}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), type: res.headers.get('content-type'), body: text ? JSON.parse(text) : null };
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const fieldsOf = (r: Answer) => (r.body?.errors as { name: string }[] | undefined)?.map((e) => e.name) ?? [];
const list = async (f: Fixture, query = '', who: keyof Fixture['subs'] = 'clerk') => call('GET', `${ResolutionRoutes.list(f.slug)}${query ? `?${query}` : ''}`, [f, who]);
const ids = (r: Answer) => (r.body.data as OfficeResolutionSummaryDto[]).map((x) => x.id);

/** Every page of a list, following nextCursor. */
async function allPages(f: Fixture, query: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const r = await list(f, `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(r.status).toBe(200);
    expect(r.body.data.length).toBeLessThanOrEqual(limit);
    seen.push(...ids(r));
    cursor = r.body.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('paging did not end');
}

beforeAll(async () => {
  const env = testEnv();
  issuer = await startTestIssuer(['ratsinfo']);
  owner = await connect(env.ownerUrl);
  admin = await connect(env.adminUrl);
  t = await createFixture('a');
  other = await createFixture('b');
  ({ app, base } = await startHttpApp({ AUTH_URL: issuer.url, AUTH_REALM: 'ratsinfo' }));
});

afterAll(async () => {
  await app?.close();
  for (const f of [t, other]) if (f) await owner.query('DELETE FROM tenants WHERE id = $1', [f.id]);
  await owner?.end();
  await admin?.end();
  await issuer?.stop();
});

describe('the trigger', () => {
  it('makes exactly one resolution per accepted item, with the paper of its consultation, and none for other results', async () => {
    const accepted = await decided(t);
    expect(accepted.resolutionId).not.toBeNull();
    const row = (await admin.query(`SELECT paper_id, status, version FROM resolutions WHERE id = $1`, [accepted.resolutionId])).rows[0];
    expect(row).toEqual({ paper_id: accepted.paperId, status: 'open', version: 1 });
    for (const result of ['rejected', 'referred', 'postponed', 'taken_note', null]) {
      expect((await decided(t, { result })).resolutionId).toBeNull();
    }
    // Recording the result again, or another one later, never makes a second.
    await asTenant(t, async () => {
      await owner.query(`UPDATE agenda_items SET result_kind = 'accepted' WHERE id = $1`, [accepted.itemId]);
      await owner.query(`UPDATE agenda_items SET result_kind = 'rejected' WHERE id = $1`, [accepted.itemId]);
      await owner.query(`UPDATE agenda_items SET result_kind = 'accepted' WHERE id = $1`, [accepted.itemId]);
    });
    expect(Number((await admin.query(`SELECT count(*) FROM resolutions WHERE agenda_item_id = $1`, [accepted.itemId])).rows[0].count)).toBe(1);
    // A free item (no paper) gets one too, without a paper.
    const free = await decided(t, { paper: null });
    const got = await call('GET', ResolutionRoutes.one(t.slug, free.resolutionId!), [t, 'clerk']);
    expect([got.status, got.body.paper]).toEqual([200, null]);
  });
});

describe('GET /resolutions', () => {
  it('lists with item, meeting, paper, decision text and the overdue mark; filters by status, body and overdue', async () => {
    const d = await decided(t, { text: 'Der Bauausschuss beschließt den Bebauungsplan.', start: '2026-11-12T17:00:00+01:00' });
    const f = await decided(t, { organizationId: t.org.finanz, start: '2026-11-13T17:00:00+01:00' });
    const late = await decided(t, { start: '2026-11-14T17:00:00+01:00' });
    await setResolution(t, d.resolutionId!, { due: addDays(today(), 10) });
    await setResolution(t, late.resolutionId!, { due: addDays(today(), -3), status: 'in_progress' });
    const r = await list(t, 'limit=200');
    expect(r.status).toBe(200);
    expect(officeResolutionListSchema.parse(r.body)).toEqual(r.body);
    const one = (r.body.data as OfficeResolutionSummaryDto[]).find((x) => x.id === d.resolutionId)!;
    expect(one).toMatchObject({
      status: 'open',
      dueDate: addDays(today(), 10),
      overdue: false,
      overdueSince: null,
      lastNoteDate: null,
      version: 1,
      agendaItem: { id: d.itemId, public: true, resolutionText: 'Der Bauausschuss beschließt den Bebauungsplan.' },
      meeting: { id: d.meetingId, name: 'Sitzung des Bauausschusses', start: '2026-11-12T16:00:00.000Z', organization: { id: t.org.bau, name: 'Bauausschuss' } },
      paper: { id: d.paperId },
    });
    const lateRow = (r.body.data as OfficeResolutionSummaryDto[]).find((x) => x.id === late.resolutionId)!;
    expect(lateRow).toMatchObject({ overdue: true, overdueSince: addDays(today(), -2), status: 'in_progress' });

    expect(ids(await list(t, `organizationId=${t.org.finanz}&limit=200`))).toEqual([f.resolutionId]);
    const inProgress = ids(await list(t, 'status=in_progress&limit=200'));
    expect(inProgress).toContain(late.resolutionId);
    expect(inProgress).not.toContain(d.resolutionId);
    const overdue = ids(await list(t, 'overdue=true&limit=200'));
    expect(overdue).toContain(late.resolutionId);
    expect(overdue).not.toContain(d.resolutionId);
    const notOverdue = ids(await list(t, 'overdue=false&limit=200'));
    expect(notOverdue).toContain(d.resolutionId);
    expect(notOverdue).toContain(f.resolutionId); // no due date: not overdue
    expect(notOverdue).not.toContain(late.resolutionId);
  });

  it('overdue: open or in progress and due before today (Berlin), oldest due first; due today, done or obsolete are not overdue', async () => {
    const f = await createFixture('od');
    try {
      const rows: Decided[] = [];
      for (let i = 0; i < 6; i++) rows.push(await decided(f));
      const [a, b, c, dueToday, done, obsolete] = rows.map((x) => x.resolutionId!);
      await setResolution(f, a!, { due: addDays(today(), -1) });
      await setResolution(f, b!, { due: addDays(today(), -30), status: 'in_progress' });
      await setResolution(f, c!, { due: addDays(today(), -5) });
      await setResolution(f, dueToday!, { due: today() });
      await setResolution(f, done!, { due: addDays(today(), -40), status: 'done' });
      await setResolution(f, obsolete!, { due: addDays(today(), -40), status: 'obsolete' });
      const r = await list(f, 'overdue=true');
      expect(ids(r)).toEqual([b, c, a]);
      expect((r.body.data as OfficeResolutionSummaryDto[]).map((x) => x.overdueSince)).toEqual([addDays(today(), -29), addDays(today(), -4), today()]);
      // Combined with a status filter.
      expect(ids(await list(f, 'overdue=true&status=in_progress'))).toEqual([b]);
      expect(ids(await list(f, 'overdue=true&status=done'))).toEqual([]);
    } finally {
      await owner.query('DELETE FROM tenants WHERE id = $1', [f.id]);
    }
  });

  it('pages by keyset: rows sharing a meeting start or a due date are neither skipped nor repeated', async () => {
    const f = await createFixture('pg');
    try {
      const first = await decided(f, { start: '2026-10-01T17:00:00+02:00' });
      const made: string[] = [first.resolutionId!];
      // Seven items in one meeting (same start), four in another, all due on the same day.
      for (let i = 0; i < 6; i++) made.push((await decided(f, { meetingId: first.meetingId })).resolutionId!);
      const second = await decided(f, { start: '2026-11-01T17:00:00+01:00' });
      made.push(second.resolutionId!);
      for (let i = 0; i < 3; i++) made.push((await decided(f, { meetingId: second.meetingId })).resolutionId!);
      for (const id of made) await setResolution(f, id, { due: addDays(today(), -7) });

      const whole = ids(await list(f, 'limit=200'));
      expect([...whole].sort()).toEqual([...made].sort());
      // Newest meeting first.
      expect(whole.slice(0, 4).sort()).toEqual(made.slice(7).sort());
      for (const limit of [1, 2, 3, 5]) {
        const paged = await allPages(f, 'status=open', limit);
        expect(paged).toEqual(whole);
      }
      const overdueWhole = ids(await list(f, 'overdue=true&limit=200'));
      expect([...overdueWhole].sort()).toEqual([...made].sort());
      for (const limit of [1, 3, 4]) expect(await allPages(f, 'overdue=true', limit)).toEqual(overdueWhole);
    } finally {
      await owner.query('DELETE FROM tenants WHERE id = $1', [f.id]);
    }
  });

  it('refuses bad queries with 400 naming the parameter', async () => {
    for (const [query, field] of [
      ['status=closed', 'status'],
      ['overdue=yes', 'overdue'],
      ['organizationId=abc', 'organizationId'],
      ['cursor=not-a-cursor', 'cursor'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['colour=red', 'colour'],
      ['status=open%00', 'status'],
    ] as const) {
      const r = await list(t, query);
      expect([query, r.status, r.body.type]).toEqual([query, 400, ProblemType.validation]);
      expect(fieldsOf(r)).toContain(field);
    }
  });
});

describe('GET/PATCH /resolutions/:id', () => {
  it('edits status, department and due date under If-Match (audited); a stale save gets 412 with the current state', async () => {
    const d = await decided(t);
    const id = d.resolutionId!;
    const read = await call('GET', ResolutionRoutes.one(t.slug, id), [t, 'clerk']);
    expect([read.status, read.etag]).toEqual([200, '"1"']);
    expect(officeResolutionSchema.parse(read.body)).toEqual(read.body);

    const saved = await call('PATCH', ResolutionRoutes.one(t.slug, id), [t, 'clerk'], { status: 'in_progress', responsibleDepartment: '  Amt 61 – Stadtplanung ', dueDate: '2027-03-31' }, ifMatch(1));
    expect([saved.status, saved.etag]).toEqual([200, '"2"']);
    expect(saved.body).toMatchObject({ status: 'in_progress', responsibleDepartment: 'Amt 61 – Stadtplanung', dueDate: '2027-03-31', version: 2 });

    const stale = await call('PATCH', ResolutionRoutes.one(t.slug, id), [t, 'admin'], { status: 'done' }, ifMatch(1));
    expect([stale.status, stale.body.type]).toEqual([412, ProblemType.staleVersion]);
    expect(JSON.stringify(stale.body)).toContain('Amt 61');
    const without = await call('PATCH', ResolutionRoutes.one(t.slug, id), [t, 'clerk'], { status: 'done' });
    expect(without.status).toBe(428);

    // Clearing: null and the empty department.
    const cleared = await call('PATCH', ResolutionRoutes.one(t.slug, id), [t, 'clerk'], { responsibleDepartment: '', dueDate: null }, ifMatch(2));
    expect(cleared.body).toMatchObject({ responsibleDepartment: null, dueDate: null, status: 'in_progress', version: 3 });
    const db = (await admin.query(`SELECT status, responsible_department, due_date, version FROM resolutions WHERE id = $1`, [id])).rows[0];
    expect(db).toEqual({ status: 'in_progress', responsible_department: null, due_date: null, version: 3 });

    const audit = await call('GET', `${ApiRoutes.officeAudit(t.slug)}?limit=200`, [t, 'admin']);
    const events = (audit.body.data as AuditEventDto[]).filter((e) => e.action === 'resolution.updated' && e.entityId === id);
    expect(events).toHaveLength(2);
  });

  it('of two concurrent saves with the same version exactly one wins', async () => {
    const { resolutionId } = await decided(t);
    const [a, b] = await Promise.all([
      call('PATCH', ResolutionRoutes.one(t.slug, resolutionId!), [t, 'clerk'], { responsibleDepartment: 'Amt A' }, ifMatch(1)),
      call('PATCH', ResolutionRoutes.one(t.slug, resolutionId!), [t, 'admin'], { responsibleDepartment: 'Amt B' }, ifMatch(1)),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const winner = a.status === 200 ? 'Amt A' : 'Amt B';
    expect((await admin.query(`SELECT responsible_department, version FROM resolutions WHERE id = $1`, [resolutionId])).rows[0]).toEqual({ responsible_department: winner, version: 2 });
  });

  it('refuses bad input with 400 naming the field, writing nothing', async () => {
    const { resolutionId } = await decided(t);
    const path = ResolutionRoutes.one(t.slug, resolutionId!);
    for (const [body, field] of [
      [{ dueDate: '0000-01-01' }, 'dueDate'],
      [{ dueDate: '2027-02-30' }, 'dueDate'],
      [{ dueDate: '31.03.2027' }, 'dueDate'],
      [{ status: 'closed' }, 'status'],
      [{ responsibleDepartment: 'Amt\u0000 61' }, 'responsibleDepartment'],
      [{ responsibleDepartment: 'Amt\u001b61' }, 'responsibleDepartment'],
      [{ responsibleDepartment: 'x'.repeat(201) }, 'responsibleDepartment'],
      [{ status: 'done', paperId: randomUUID() }, 'paperId'],
      [{ version: 7 }, 'version'],
    ] as const) {
      const r = await call('PATCH', path, [t, 'clerk'], body, ifMatch(1));
      expect([JSON.stringify(body).slice(0, 60), r.status, r.body.type]).toEqual([JSON.stringify(body).slice(0, 60), 400, ProblemType.validation]);
      expect(fieldsOf(r)).toContain(field);
    }
    const empty = await call('PATCH', path, [t, 'clerk'], {}, ifMatch(1));
    expect(empty.status).toBe(400);
    const huge = await call('PATCH', path, [t, 'clerk'], { responsibleDepartment: 'x'.repeat(2 * 1024 * 1024) }, ifMatch(1));
    expect(huge.status).toBe(413);
    expect(huge.type).toMatch(/^application\/problem\+json/);
    const notJson = await call('PATCH', path, [t, 'clerk'], '{"status":', ifMatch(1));
    expect(notJson.status).toBe(400);
    const badId = await call('GET', ResolutionRoutes.one(t.slug, 'nope'), [t, 'clerk']);
    expect([badId.status, fieldsOf(badId)]).toEqual([400, ['resolutionId']]);
    expect((await admin.query(`SELECT version FROM resolutions WHERE id = $1`, [resolutionId])).rows[0].version).toBe(1);
  });
});

describe('POST /resolutions/:id/notes', () => {
  it('adds dated notes (audited), newest first, and the list shows the latest note date; the version stays', async () => {
    const { resolutionId } = await decided(t);
    const path = ResolutionRoutes.notes(t.slug, resolutionId!);
    const first = await call('POST', path, [t, 'clerk'], { noteDate: addDays(today(), -10), text: 'Auftrag an Amt 61 erteilt.' });
    expect([first.status, first.etag]).toEqual([201, '"1"']);
    const second = await call('POST', path, [t, 'admin'], { noteDate: today(), text: 'Ausschreibung läuft.\nAngebote bis Januar.' });
    expect(second.status).toBe(201);
    const older = await call('POST', path, [t, 'clerk'], { noteDate: addDays(today(), -20), text: 'Vorgespräch.' });
    expect(older.body.notes.map((n: { text: string }) => n.text)).toEqual(['Ausschreibung läuft.\nAngebote bis Januar.', 'Auftrag an Amt 61 erteilt.', 'Vorgespräch.']);
    expect(older.body.notes[0]).toMatchObject({ noteDate: today(), createdByName: 'admin' });
    expect(older.body.version).toBe(1);
    const row = (await list(t, 'limit=200')).body.data.find((x: OfficeResolutionSummaryDto) => x.id === resolutionId);
    expect(row.lastNoteDate).toBe(today());
    const audit = await call('GET', `${ApiRoutes.officeAudit(t.slug)}?limit=200`, [t, 'admin']);
    expect((audit.body.data as AuditEventDto[]).filter((e) => e.action === 'resolution.note_added' && e.entityId === resolutionId)).toHaveLength(3);
  });

  it('a duplicate submit (double click, two at once) writes the note once', async () => {
    const { resolutionId } = await decided(t);
    const path = ResolutionRoutes.notes(t.slug, resolutionId!);
    const body = { noteDate: today(), text: 'Doppelt geklickt.' };
    const answers = await Promise.all([call('POST', path, [t, 'clerk'], body), call('POST', path, [t, 'clerk'], body)]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    const again = await call('POST', path, [t, 'clerk'], body);
    expect(again.body.notes).toHaveLength(1);
    // Another text, or the same text by someone else, is a note of its own.
    await call('POST', path, [t, 'clerk'], { ...body, text: 'Zweite Notiz.' });
    await call('POST', path, [t, 'admin'], body);
    expect(Number((await admin.query(`SELECT count(*) FROM resolution_notes WHERE resolution_id = $1`, [resolutionId])).rows[0].count)).toBe(3);
  });

  it('refuses a future date, control characters, empty and over-long text, naming the field; writes nothing', async () => {
    const { resolutionId } = await decided(t);
    const path = ResolutionRoutes.notes(t.slug, resolutionId!);
    for (const [body, field] of [
      [{ noteDate: addDays(today(), 1), text: 'Zu früh' }, 'noteDate'],
      [{ noteDate: '0000-01-01', text: 'Jahr null' }, 'noteDate'],
      [{ noteDate: '2026-13-01', text: 'Monat 13' }, 'noteDate'],
      [{ noteDate: today(), text: 'Steuer\u0007zeichen' }, 'text'],
      [{ noteDate: today(), text: '   ' }, 'text'],
      [{ noteDate: today(), text: 'x'.repeat(4001) }, 'text'],
      [{ noteDate: today() }, 'text'],
      [{ text: 'ohne Datum' }, 'noteDate'],
      [{ noteDate: today(), text: 'ok', createdByName: 'Jemand' }, 'createdByName'],
    ] as const) {
      const r = await call('POST', path, [t, 'clerk'], body);
      expect([JSON.stringify(body).slice(0, 60), r.status, r.body.type]).toEqual([JSON.stringify(body).slice(0, 60), 400, ProblemType.validation]);
      expect(fieldsOf(r)).toContain(field);
    }
    const huge = await call('POST', path, [t, 'clerk'], { noteDate: today(), text: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(Number((await admin.query(`SELECT count(*) FROM resolution_notes WHERE resolution_id = $1`, [resolutionId])).rows[0].count)).toBe(0);
  });
});

describe('who may', () => {
  it('members get 403; another authority’s clerk gets 403 here and 404 on their own route; nothing leaks', async () => {
    const { resolutionId } = await decided(t);
    const id = resolutionId!;
    for (const [method, path, body] of [
      ['GET', ResolutionRoutes.list(t.slug), undefined],
      ['GET', ResolutionRoutes.one(t.slug, id), undefined],
      ['PATCH', ResolutionRoutes.one(t.slug, id), { status: 'done' }],
      ['POST', ResolutionRoutes.notes(t.slug, id), { noteDate: today(), text: 'Mitglied' }],
    ] as const) {
      expect([method, path, (await call(method, path, [t, 'member'], body, ifMatch(1))).status]).toEqual([method, path, 403]);
      expect([method, path, (await call(method, path, [other, 'clerk'], body, ifMatch(1))).status]).toEqual([method, path, 403]);
      expect([method, path, (await call(method, path, null, body, ifMatch(1))).status]).toEqual([method, path, 401]);
    }
    for (const [method, path, body] of [
      ['GET', ResolutionRoutes.one(other.slug, id), undefined],
      ['PATCH', ResolutionRoutes.one(other.slug, id), { status: 'done' }],
      ['POST', ResolutionRoutes.notes(other.slug, id), { noteDate: today(), text: 'Gekapert' }],
    ] as const) {
      const r = await call(method, path, [other, 'clerk'], body, ifMatch(1));
      expect([method, path, r.status, r.body.type]).toEqual([method, path, 404, ProblemType.notFound]);
    }
    expect(ids(await list(other, 'limit=200'))).not.toContain(id);
    const row = (await admin.query(`SELECT status, version FROM resolutions WHERE id = $1`, [id])).rows[0];
    expect(row).toEqual({ status: 'open', version: 1 });
    expect(Number((await admin.query(`SELECT count(*) FROM resolution_notes WHERE resolution_id = $1`, [id])).rows[0].count)).toBe(0);
  });

  it('a deleted agenda item takes its resolution out of the list and its page', async () => {
    const d = await decided(t);
    await asTenant(t, async () => owner.query(`UPDATE agenda_items SET deleted_at = now() WHERE id = $1`, [d.itemId]));
    expect(ids(await list(t, 'limit=200'))).not.toContain(d.resolutionId);
    expect((await call('GET', ResolutionRoutes.one(t.slug, d.resolutionId!), [t, 'clerk'])).status).toBe(404);
  });
});

describe('the portal paper page', () => {
  const paperPage = async (f: Fixture, paperId: string) => {
    const res = await fetch(base + PortalContentRoutes.paper(f.slug, paperId));
    return { status: res.status, body: (await res.json()) as PortalPaper };
  };

  it('shows open, in progress and done with the decision text; never obsolete, non-public items or cancelled meetings', async () => {
    const open = await decided(t, { text: 'Der Rat beschließt den Radweg.', start: '2026-09-01T17:00:00+02:00' });
    const paperId = open.paperId;
    const inProgress = await decided(t, { paper: paperId, start: '2026-10-01T17:00:00+02:00', text: 'Zweiter Beschluss.' });
    const done = await decided(t, { paper: paperId, start: '2026-11-01T17:00:00+01:00', text: 'Dritter Beschluss.' });
    const obsolete = await decided(t, { paper: paperId, text: 'ÜBERHOLT-GEHEIM' });
    const closed = await decided(t, { paper: paperId, itemPublic: false, text: 'NICHTÖFFENTLICH-GEHEIM' });
    const cancelled = await decided(t, { paper: paperId, cancelled: true, text: 'ABGESAGT-GEHEIM' });
    await setResolution(t, inProgress.resolutionId!, { status: 'in_progress', due: '2027-01-31' });
    await setResolution(t, done.resolutionId!, { status: 'done' });
    await setResolution(t, obsolete.resolutionId!, { status: 'obsolete' });
    expect(closed.resolutionId && cancelled.resolutionId).toBeTruthy();
    // Notes are internal.
    await call('POST', ResolutionRoutes.notes(t.slug, done.resolutionId!), [t, 'clerk'], { noteDate: today(), text: 'INTERNE-NOTIZ' });

    const r = await paperPage(t, paperId);
    expect(r.status).toBe(200);
    expect(portalPaperSchema.parse(r.body)).toEqual(r.body);
    expect(r.body.resolutions).toEqual([
      { meeting: { id: open.meetingId, name: 'Sitzung des Bauausschusses', start: '2026-09-01T15:00:00.000Z' }, agendaItemNumber: 'Ö 1', status: 'open', resolutionText: 'Der Rat beschließt den Radweg.' },
      { meeting: { id: inProgress.meetingId, name: 'Sitzung des Bauausschusses', start: '2026-10-01T15:00:00.000Z' }, agendaItemNumber: 'Ö 1', status: 'in_progress', resolutionText: 'Zweiter Beschluss.' },
      { meeting: { id: done.meetingId, name: 'Sitzung des Bauausschusses', start: '2026-11-01T16:00:00.000Z' }, agendaItemNumber: 'Ö 1', status: 'done', resolutionText: 'Dritter Beschluss.' },
    ]);
    const text = JSON.stringify(r.body);
    for (const secret of ['ÜBERHOLT-GEHEIM', 'NICHTÖFFENTLICH-GEHEIM', 'ABGESAGT-GEHEIM', 'INTERNE-NOTIZ', obsolete.resolutionId!, closed.itemId, 'obsolete', '2027-01-31']) expect(text).not.toContain(secret);

    // A status change shows at once (the public cache follows the data version).
    await call('PATCH', ResolutionRoutes.one(t.slug, open.resolutionId!), [t, 'clerk'], { status: 'obsolete' }, ifMatch(1));
    expect((await paperPage(t, paperId)).body.resolutions.map((x) => x.status)).toEqual(['in_progress', 'done']);
  });

  it('a non-public paper’s page does not exist, resolutions or not; a paper without resolutions has an empty list', async () => {
    const secret = await decided(t, { paperPublic: false, text: 'GEHEIME-VORLAGE' });
    expect(secret.resolutionId).not.toBeNull();
    expect((await paperPage(t, secret.paperId)).status).toBe(404);
    const none = await decided(t, { result: 'rejected' });
    const r = await paperPage(t, none.paperId);
    expect([r.status, r.body.resolutions]).toEqual([200, []]);
  });
});

import type { INestApplication } from '@nestjs/common';
import { connect, fixtureAgs, startTestIssuer, testEnv, type TestIssuer } from '@ratsinfo/api-testing';
import { type AgendaDto, ApiRoutes, type AuditEventDto, MeetingLifecycleRoutes, MeetingRoutes, type OfficeMeetingDto, ProblemType } from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { startHttpApp } from '../testing/http-app';

/**
 * Meetings and agendas over HTTP against the real stack: the clerk's writes (audited, versioned,
 * all-or-nothing), the agenda's rules and numbering, two clerks at once, the member's read under
 * the visibility rule, and other authorities' ids.
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
  subs: Record<'admin' | 'clerk' | 'clerk2' | 'member', string>;
  org: Record<'council' | 'bau' | 'finanz', string>;
  location: string;
  /** Consultations: two of the Bauausschuss (one of a non-public paper), one of the Finanzausschuss. */
  consultation: Record<'bauPublic' | 'bauSecret' | 'bauSpare' | 'finanz', string>;
}
let t: Fixture;
let other: Fixture;

async function createFixture(label: string): Promise<Fixture> {
  const id = randomUUID();
  const slug = `mtg-${label}-${id.slice(0, 6)}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias) VALUES ($1, $2, $3, 'town', $4, $2)`, [id, slug, `Sitzungsstadt ${label}`, fixtureAgs()]);
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
  const one = async (sql: string, params: unknown[]) => (await owner.query<{ id: string }>(sql, params)).rows[0]!.id;
  const org = (name: string, type: string) => one(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, $2, $3) RETURNING id`, [id, name, type]);
  const orgs = { council: await org('Stadtrat', 'council'), bau: await org('Bauausschuss', 'committee'), finanz: await org('Finanzausschuss', 'committee') };
  const location = await one(`INSERT INTO locations (tenant_id, description, room) VALUES ($1, 'Ratssaal, Rathaus', '101') RETURNING id`, [id]);
  const type = await one(`INSERT INTO paper_types (tenant_id, name, abbreviation) VALUES ($1, 'Beschlussvorlage', 'BV') RETURNING id`, [id]);
  let seq = 0;
  const paper = (name: string, isPublic: boolean) => {
    seq += 1;
    return one(
      `INSERT INTO papers (tenant_id, paper_type_id, reference, reference_year, reference_sequence, name, date, public, status) VALUES ($1, $2, $3, 2026, $4, $5, '2026-11-02', $6, 'released') RETURNING id`,
      [id, type, `BV/${String(seq).padStart(4, '0')}/2026`, seq, name, isPublic],
    );
  };
  const consult = async (paperId: string, organizationId: string) =>
    one(`INSERT INTO consultations (tenant_id, paper_id, organization_id, position, authoritative, role) VALUES ($1, $2, $3, 1, true, 'Entscheidung') RETURNING id`, [id, paperId, organizationId]);
  const consultation = {
    bauPublic: await consult(await paper('Bebauungsplan Nr. 12 „Am Mühlenteich“', true), orgs.bau),
    bauSecret: await consult(await paper('Grundstücksverkauf Flur 3', false), orgs.bau),
    bauSpare: await consult(await paper('Radweg Bahnhofstraße', true), orgs.bau),
    finanz: await consult(await paper('Haushaltssatzung 2027', true), orgs.finanz),
  };
  const person = await one(`INSERT INTO persons (tenant_id, family_name, given_name) VALUES ($1, 'Mitglied', 'Maria') RETURNING id`, [id]);
  await owner.query(`INSERT INTO memberships (tenant_id, person_id, organization_id, role) VALUES ($1, $2, $3, 'Mitglied')`, [id, person, orgs.bau]);
  const subs = { admin: randomUUID(), clerk: randomUUID(), clerk2: randomUUID(), member: randomUUID() };
  for (const [who, role, personId] of [['admin', 'tenant-admin', null], ['clerk', 'clerk', null], ['clerk2', 'clerk', null], ['member', 'member', person]] as const) {
    await owner.query(
      `INSERT INTO user_accounts (tenant_id, issuer, subject, email, display_name, roles, person_id) VALUES ($1, $2, $3, $4, $5, $6::tenant_role[], $7)`,
      [id, issuer.issuer(), subs[who], `${who}@${slug}.example`, who, `{${role}}`, personId],
    );
  }
  await owner.query('COMMIT');
  return { id, slug, subs, org: orgs, location, consultation };
}

const token = (f: Fixture, who: keyof Fixture['subs']) => issuer.token({ sub: f.subs[who], organization: [f.slug], name: who });

interface Answer {
  status: number;
  etag: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test answers are read loosely; DTO types are asserted field by field
  body: any;
}

async function call(method: string, path: string, who: [Fixture, keyof Fixture['subs']], body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${await token(...who)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : null };
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const fieldsOf = (r: Answer) => (r.body.errors as { name: string }[] | undefined)?.map((e) => e.name) ?? [];

/** A meeting far enough ahead that new items are not late. */
async function newMeeting(f: Fixture, organizationId = f.org.bau, start = '2031-03-04T17:00:00+01:00'): Promise<OfficeMeetingDto> {
  const end = new Date(Date.parse(start) + 3 * 3_600_000).toISOString();
  const r = await call('POST', MeetingRoutes.list(f.slug), [f, 'clerk'], { organizationId, name: 'Sitzung des Bauausschusses', start, end, locationId: f.location });
  expect([r.status, r.body.errors]).toEqual([201, undefined]);
  return r.body;
}

const item = (name: string, extra: Record<string, unknown> = {}) => ({ level: 1, public: true, name, ...extra });

async function livingRows(meetingId: string) {
  return (await admin.query<{ id: string; order: number; number: string; deleted: boolean }>(`SELECT id, "order", number, deleted_at IS NOT NULL AS deleted FROM agenda_items WHERE meeting_id = $1 ORDER BY deleted, "order"`, [meetingId])).rows;
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
  await app.close();
  for (const f of [t, other]) await owner.query('DELETE FROM tenants WHERE id = $1', [f.id]);
  await owner.end();
  await admin.end();
  await issuer.stop();
});

describe('meetings', () => {
  it('a clerk creates a meeting (audited, ETag = version); Berlin times come back as instants', async () => {
    const m = await newMeeting(t);
    expect(m).toMatchObject({ name: 'Sitzung des Bauausschusses', start: '2031-03-04T16:00:00.000Z', version: 1, cancelled: false, meetingState: 'planned', location: { id: t.location, description: 'Ratssaal, Rathaus' }, agendaItems: [] });
    const read = await call('GET', MeetingRoutes.one(t.slug, m.id), [t, 'clerk']);
    expect(read.etag).toBe('"1"');
    const audit = await call('GET', ApiRoutes.officeAudit(t.slug), [t, 'admin']);
    expect((audit.body.data as AuditEventDto[]).find((e) => e.action === 'meeting.created' && e.entityId === m.id)).toBeTruthy();
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const count = async () => Number((await admin.query(`SELECT count(*) FROM meetings WHERE tenant_id = $1`, [t.id])).rows[0].count);
    const before = await count();
    const good = { organizationId: t.org.bau, name: 'Sitzung', start: '2031-03-04T17:00:00+01:00' };
    const cases: [unknown, string][] = [
      [{ ...good, colour: 'red' }, 'colour'],
      [{ ...good, name: 'Sitzung\u0000' }, 'name'],
      [{ ...good, name: 'x'.repeat(301) }, 'name'],
      [{ ...good, start: '0000-03-04T17:00:00+01:00' }, 'start'],
      [{ ...good, start: '2031-02-30T17:00:00+01:00' }, 'start'],
      [{ ...good, end: '2031-03-04T16:00:00+01:00' }, 'end'],
      [{ ...good, organizationId: other.org.bau }, 'organizationId'],
      [{ ...good, locationId: other.location }, 'locationId'],
      [{ ...good, locationId: t.location, locationText: 'Turnhalle' }, 'locationText'],
      [{ ...good, organizationId: 'not-a-uuid' }, 'organizationId'],
    ];
    for (const [body, field] of cases) {
      const r = await call('POST', MeetingRoutes.list(t.slug), [t, 'clerk'], body);
      expect([r.status, r.body.type]).toEqual([400, ProblemType.validation]);
      expect(fieldsOf(r)).toContain(field);
    }
    const huge = await call('POST', MeetingRoutes.list(t.slug), [t, 'clerk'], { ...good, name: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect(await count()).toBe(before);
  });

  it('lets members read but not write, and shows nobody another authority’s meeting', async () => {
    const m = await newMeeting(t);
    expect((await call('POST', MeetingRoutes.list(t.slug), [t, 'member'], { organizationId: t.org.bau, name: 'x', start: '2031-03-04T17:00:00+01:00' })).status).toBe(403);
    expect((await call('PUT', MeetingRoutes.agenda(t.slug, m.id), [t, 'member'], { items: [] }, ifMatch(1))).status).toBe(403);
    expect((await call('GET', MeetingRoutes.one(t.slug, m.id), [t, 'member'])).status).toBe(200);
    // Another authority's member on this authority's route: not theirs.
    expect((await call('GET', MeetingRoutes.one(t.slug, m.id), [other, 'member'])).status).toBe(403);
    // This authority's ids on the other authority's own route: they do not exist there.
    for (const [method, path, body] of [
      ['GET', MeetingRoutes.one(other.slug, m.id), undefined],
      ['GET', MeetingRoutes.agenda(other.slug, m.id), undefined],
      ['PUT', MeetingRoutes.agenda(other.slug, m.id), { items: [] }],
      ['PATCH', MeetingRoutes.one(other.slug, m.id), { name: 'Gekapert' }],
      ['POST', MeetingRoutes.cancel(other.slug, m.id), { reason: 'Gekapert' }],
      ['POST', MeetingRoutes.agendaItems(other.slug, m.id), { name: 'Gekapert' }],
      ['GET', MeetingRoutes.schedulable(other.slug, m.id), undefined],
    ] as const) {
      const r = await call(method, path, [other, 'clerk'], body, ifMatch(1));
      expect([method, path, r.status]).toEqual([method, path, 404]);
    }
    expect((await call('GET', MeetingRoutes.one(other.slug, m.id), [other, 'member'])).status).toBe(404);
    const list = await call('GET', `${MeetingRoutes.list(other.slug)}?year=2031`, [other, 'clerk']);
    expect(list.body.data.map((x: { id: string }) => x.id)).not.toContain(m.id);
  });

  it('lists by year, range and body', async () => {
    const m = await newMeeting(t, t.org.finanz, '2031-12-31T23:30:00+01:00');
    const ids = async (q: string) => (await call('GET', `${MeetingRoutes.list(t.slug)}?${q}`, [t, 'clerk'])).body.data.map((x: { id: string }) => x.id);
    expect(await ids('year=2031')).toContain(m.id);
    expect(await ids('year=2032')).not.toContain(m.id);
    expect(await ids(`year=2031&organizationId=${t.org.finanz}`)).toEqual([m.id]);
    expect(await ids('from=2031-12-31&to=2031-12-31')).toEqual([m.id]);
    const bad = await call('GET', `${MeetingRoutes.list(t.slug)}?year=0000`, [t, 'clerk']);
    expect([bad.status, fieldsOf(bad)]).toEqual([400, ['year']]);
    const both = await call('GET', `${MeetingRoutes.list(t.slug)}?from=2031-02-01&to=2031-01-01`, [t, 'clerk']);
    expect([both.status, fieldsOf(both)]).toEqual([400, ['to']]);
  });

  it('edits a meeting with If-Match: 428 without, 412 with the current state when stale, end checked against the stored start', async () => {
    const m = await newMeeting(t);
    expect((await call('PATCH', MeetingRoutes.one(t.slug, m.id), [t, 'clerk'], { name: 'Neu' })).status).toBe(428);
    const ok = await call('PATCH', MeetingRoutes.one(t.slug, m.id), [t, 'clerk'], { name: 'Sondersitzung', locationText: 'Turnhalle' }, ifMatch(1));
    expect([ok.status, ok.etag, ok.body.name, ok.body.locationText, ok.body.location]).toEqual([200, '"2"', 'Sondersitzung', 'Turnhalle', null]);
    const stale = await call('PATCH', MeetingRoutes.one(t.slug, m.id), [t, 'clerk2'], { name: 'Alt' }, ifMatch(1));
    expect([stale.status, stale.body.type, stale.body.current.name, stale.body.current.version]).toEqual([412, ProblemType.staleVersion, 'Sondersitzung', 2]);
    const early = await call('PATCH', MeetingRoutes.one(t.slug, m.id), [t, 'clerk'], { end: '2031-03-01T10:00:00+01:00' }, ifMatch(2));
    expect([early.status, fieldsOf(early)]).toEqual([400, ['end']]);
  });
});

describe('the agenda', () => {
  it('numbers the public part, then the non-public part, with sub-items; keeps ids; soft-deletes removed items', async () => {
    const m = await newMeeting(t);
    const first = await call('PUT', MeetingRoutes.agenda(t.slug, m.id), [t, 'clerk'], {
      items: [item('Eröffnung'), item('Bauanträge'), item('Antrag Lindenweg', { level: 2 }), item('Antrag Marktplatz', { level: 2 }), item('Mitteilungen'), item('Grundstücke', { public: false }), item('Flur 3', { public: false, level: 2 }), item('Personal', { public: false })],
    }, ifMatch(1));
    expect(first.status).toBe(200);
    expect(first.etag).toBe('"2"');
    const agenda: AgendaDto = first.body;
    expect(agenda.items.map((i) => i.number)).toEqual(['Ö 1', 'Ö 2', 'Ö 2.1', 'Ö 2.2', 'Ö 3', 'N 1', 'N 1.1', 'N 2']);
    // Move "Mitteilungen" to the top, remove "Personal": ids kept, numbers follow.
    const [eroeffnung, bau, linden, markt, mitteilungen, grund, flur] = agenda.items;
    const keep = (i: AgendaDto['items'][number]) => ({ id: i.id, level: i.level, public: i.public, name: i.name });
    const second = await call('PUT', MeetingRoutes.agenda(t.slug, m.id), [t, 'clerk'], { items: [keep(mitteilungen!), keep(eroeffnung!), keep(bau!), keep(linden!), keep(markt!), keep(grund!), keep(flur!)] }, ifMatch(2));
    expect([second.status, second.body.errors]).toEqual([200, undefined]);
    expect(second.body.items.map((i: { id: string; number: string }) => [i.id, i.number])).toEqual([
      [mitteilungen!.id, 'Ö 1'], [eroeffnung!.id, 'Ö 2'], [bau!.id, 'Ö 3'], [linden!.id, 'Ö 3.1'], [markt!.id, 'Ö 3.2'], [grund!.id, 'N 1'], [flur!.id, 'N 1.1'],
    ]);
    const rows = await livingRows(m.id);
    expect(rows.filter((r) => r.deleted).map((r) => r.id)).toEqual([agenda.items[7]!.id]);
    expect(rows.filter((r) => !r.deleted).map((r) => r.order)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const audit = await call('GET', ApiRoutes.officeAudit(t.slug), [t, 'admin']);
    const entries = (audit.body.data as AuditEventDto[]).filter((e) => e.action === 'agenda.updated' && e.entityId === m.id);
    expect(entries).toHaveLength(2);
  });

  it('refuses a broken shape with 400 naming the item, and changes nothing', async () => {
    const m = await newMeeting(t);
    await call('PUT', MeetingRoutes.agenda(t.slug, m.id), [t, 'clerk'], { items: [item('Eröffnung')] }, ifMatch(1));
    const cases: [unknown, string][] = [
      [{ items: [item('Geheim', { public: false }), item('Öffentlich')] }, 'items.1.public'],
      [{ items: [item('Unterpunkt', { level: 2 })] }, 'items.0.level'],
      [{ items: [item('A'), item('Geheim', { public: false, level: 2 })] }, 'items.1.level'],
      [{ items: [item('A', { level: 3 })] }, 'items.0.level'],
      [{ items: [item('A', { urgent: true })] }, 'items.0.urgentReason'],
      [{ items: [item('A\u0007')] }, 'items.0.name'],
      [{ items: [item('')] }, 'items.0.name'],
      [{ items: [item('A', { id: randomUUID() })] }, 'items.0.id'],
      [{ items: [item('A', { colour: 'red' })] }, 'items.0.colour'],
      [{ items: [item('A', { consultationId: other.consultation.bauPublic })] }, 'items.0.consultationId'],
      [{ items: [item('A', { consultationId: t.consultation.finanz })] }, 'items.0.consultationId'],
      [{ items: [item('A', { consultationId: t.consultation.bauSecret })] }, 'items.0.public'],
      [{ items: [item('A', { consultationId: t.consultation.bauPublic }), item('B', { consultationId: t.consultation.bauPublic })] }, 'items.1.consultationId'],
    ];
    for (const [body, field] of cases) {
      const r = await call('PUT', MeetingRoutes.agenda(t.slug, m.id), [t, 'clerk'], body, ifMatch(2));
      expect([JSON.stringify(body).slice(0, 80), r.status]).toEqual([JSON.stringify(body).slice(0, 80), 400]);
      expect(fieldsOf(r)).toContain(field);
    }
    const after = await call('GET', MeetingRoutes.agenda(t.slug, m.id), [t, 'clerk']);
    expect([after.body.version, after.body.items.map((i: { name: string }) => i.name)]).toEqual([2, ['Eröffnung']]);
  });

  it('two clerks: the second stale save gets 412 with the current agenda; concurrent saves of one version: exactly one wins', async () => {
    const m = await newMeeting(t);
    const read1 = await call('GET', MeetingRoutes.agenda(t.slug, m.id), [t, 'clerk']);
    const read2 = await call('GET', MeetingRoutes.agenda(t.slug, m.id), [t, 'clerk2']);
    expect([read1.etag, read2.etag]).toEqual(['"1"', '"1"']);
    expect((await call('PUT', MeetingRoutes.agenda(t.slug, m.id), [t, 'clerk'], { items: [item('Von Clerk 1')] }, ifMatch(1))).status).toBe(200);
    const stale = await call('PUT', MeetingRoutes.agenda(t.slug, m.id), [t, 'clerk2'], { items: [item('Von Clerk 2')] }, ifMatch(1));
    expect([stale.status, stale.body.type]).toEqual([412, ProblemType.staleVersion]);
    expect([stale.body.current.version, stale.body.current.items.map((i: { name: string }) => i.name)]).toEqual([2, ['Von Clerk 1']]);
    expect((await call('PUT', MeetingRoutes.agenda(t.slug, m.id), [t, 'clerk2'], { items: [] })).status).toBe(428);

    const racers = await Promise.all(
      Array.from({ length: 6 }, (_, n) => call('PUT', MeetingRoutes.agenda(t.slug, m.id), [t, n % 2 ? 'clerk' : 'clerk2'], { items: [item(`Runde ${n}`), item(`Zweiter ${n}`)] }, ifMatch(2))),
    );
    expect(racers.map((r) => r.status).sort()).toEqual([200, 412, 412, 412, 412, 412]);
    const winner = racers.find((r) => r.status === 200)!;
    const now = await call('GET', MeetingRoutes.agenda(t.slug, m.id), [t, 'clerk']);
    expect(now.body.items.map((i: { name: string }) => i.name)).toEqual(winner.body.items.map((i: { name: string }) => i.name));
    expect(now.body.version).toBe(3);
    expect((await livingRows(m.id)).filter((r) => !r.deleted)).toHaveLength(2);
  });

  it('schedules consultations: into the matching part, once only, of the meeting’s body only', async () => {
    const m = await newMeeting(t);
    await call('PUT', MeetingRoutes.agenda(t.slug, m.id), [t, 'clerk'], { items: [item('Eröffnung'), item('Vertrauliches', { public: false })] }, ifMatch(1));
    const schedulable = await call('GET', MeetingRoutes.schedulable(t.slug, m.id), [t, 'clerk']);
    const ids = schedulable.body.data.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([t.consultation.bauPublic, t.consultation.bauSecret]));
    expect(ids).not.toContain(t.consultation.finanz);

    const pub = await call('POST', MeetingRoutes.agendaItems(t.slug, m.id), [t, 'clerk'], { consultationId: t.consultation.bauPublic }, ifMatch(2));
    expect([pub.status, pub.body.errors]).toEqual([201, undefined]);
    expect(pub.body.items.map((i: AgendaDto['items'][number]) => [i.number, i.name, i.consultation?.paper.reference ?? null])).toEqual([
      ['Ö 1', 'Eröffnung', null],
      ['Ö 2', 'Bebauungsplan Nr. 12 „Am Mühlenteich“', 'BV/0001/2026'],
      ['N 1', 'Vertrauliches', null],
    ]);
    const forced = await call('POST', MeetingRoutes.agendaItems(t.slug, m.id), [t, 'clerk'], { consultationId: t.consultation.bauSecret, public: true }, ifMatch(3));
    expect([forced.status, fieldsOf(forced)]).toEqual([400, ['public']]);
    const secret = await call('POST', MeetingRoutes.agendaItems(t.slug, m.id), [t, 'clerk'], { consultationId: t.consultation.bauSecret }, ifMatch(3));
    expect(secret.body.items.map((i: { number: string }) => i.number)).toEqual(['Ö 1', 'Ö 2', 'N 1', 'N 2']);
    expect(secret.body.items[3].public).toBe(false);
    const foreign = await call('POST', MeetingRoutes.agendaItems(t.slug, m.id), [t, 'clerk'], { consultationId: t.consultation.finanz }, ifMatch(4));
    expect([foreign.status, fieldsOf(foreign)]).toEqual([400, ['consultationId']]);
    const otherTenant = await call('POST', MeetingRoutes.agendaItems(t.slug, m.id), [t, 'clerk'], { consultationId: other.consultation.bauSpare }, ifMatch(4));
    expect([otherTenant.status, fieldsOf(otherTenant)]).toEqual([400, ['consultationId']]);

    const after = await call('GET', MeetingRoutes.schedulable(t.slug, m.id), [t, 'clerk']);
    expect(after.body.data.map((c: { id: string }) => c.id)).not.toContain(t.consultation.bauPublic);
    // The same consultation on a second meeting: 409, until the first is cancelled.
    const second = await newMeeting(t);
    const twice = await call('POST', MeetingRoutes.agendaItems(t.slug, second.id), [t, 'clerk'], { consultationId: t.consultation.bauPublic }, ifMatch(1));
    expect([twice.status, twice.body.type]).toEqual([409, ProblemType.conflict]);
    const cancel = await call('POST', MeetingRoutes.cancel(t.slug, m.id), [t, 'clerk'], { reason: 'Beschlussunfähig' }, ifMatch(4));
    expect([cancel.status, cancel.body.cancelled, cancel.body.cancelledReason]).toEqual([200, true, 'Beschlussunfähig']);
    expect((await call('POST', MeetingRoutes.agendaItems(t.slug, second.id), [t, 'clerk'], { consultationId: t.consultation.bauPublic }, ifMatch(1))).status).toBe(201);
  });

  it('a cancelled meeting takes no agenda edits (409) and cannot be cancelled twice', async () => {
    const m = await newMeeting(t);
    const noReason = await call('POST', MeetingRoutes.cancel(t.slug, m.id), [t, 'clerk'], { reason: '  ' }, ifMatch(1));
    expect([noReason.status, fieldsOf(noReason)]).toEqual([400, ['reason']]);
    expect((await call('POST', MeetingRoutes.cancel(t.slug, m.id), [t, 'clerk'], { reason: 'Keine Beratungsgegenstände' }, ifMatch(1))).status).toBe(200);
    expect((await call('PUT', MeetingRoutes.agenda(t.slug, m.id), [t, 'clerk'], { items: [item('A')] }, ifMatch(2))).status).toBe(409);
    expect((await call('POST', MeetingRoutes.agendaItems(t.slug, m.id), [t, 'clerk'], { name: 'A' }, ifMatch(2))).status).toBe(409);
    expect((await call('POST', MeetingRoutes.cancel(t.slug, m.id), [t, 'clerk'], { reason: 'Nochmal' }, ifMatch(2))).status).toBe(409);
    const audit = await call('GET', ApiRoutes.officeAudit(t.slug), [t, 'admin']);
    expect((audit.body.data as AuditEventDto[]).find((e) => e.action === 'meeting.cancelled' && e.entityId === m.id)?.changes).toEqual({ reason: 'Keine Beratungsgegenstände' });
  });

  it('asks for urgency (with a reason) for an item added to an invited meeting or within a week of it', async () => {
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const m = await newMeeting(t, t.org.bau, soon);
    const r = await call('POST', MeetingRoutes.list(t.slug), [t, 'clerk'], { organizationId: t.org.bau, name: 'Später', start: '2031-05-05T17:00:00+02:00' });
    // The state moves by transitions only (issue 9): invited in good time.
    const invited = await call('POST', MeetingLifecycleRoutes.transitions(t.slug, r.body.id), [t, 'clerk'], { to: 'invited' }, ifMatch(1));
    expect([invited.status, invited.body.state]).toEqual([200, 'invited']);
    for (const [meeting, version] of [[m.id, 1], [r.body.id, 2]] as const) {
      const plain = await call('POST', MeetingRoutes.agendaItems(t.slug, meeting), [t, 'clerk'], { name: 'Nachtrag' }, ifMatch(version));
      expect([plain.status, fieldsOf(plain)]).toEqual([400, ['urgent']]);
      const urgent = await call('POST', MeetingRoutes.agendaItems(t.slug, meeting), [t, 'clerk'], { name: 'Nachtrag', urgent: true, urgentReason: 'Frist der Förderzusage endet am Freitag' }, ifMatch(version));
      expect(urgent.status).toBe(201);
      expect(urgent.body.items[0]).toMatchObject({ number: 'Ö 1', urgent: true, urgentReason: 'Frist der Förderzusage endet am Freitag' });
      // Items already there are not late: a reorder or rename does not ask again.
      const kept = await call('PUT', MeetingRoutes.agenda(t.slug, meeting), [t, 'clerk'], { items: [{ ...item('Nachtrag (geändert)'), id: urgent.body.items[0].id, urgent: true, urgentReason: 'Frist' }] }, ifMatch(version + 1));
      expect([kept.status, kept.body.errors]).toEqual([200, undefined]);
    }
  });

  it('shows a member the items, papers and files the visibility rule allows', async () => {
    const own = await newMeeting(t, t.org.bau);
    const foreign = await newMeeting(t, t.org.finanz);
    for (const m of [own, foreign]) {
      await call('PUT', MeetingRoutes.agenda(t.slug, m.id), [t, 'clerk'], { items: [item('Öffentlich'), item('Unterpunkt', { level: 2, urgent: true, urgentReason: 'Eilt' }), item('Vertraulich', { public: false })] }, ifMatch(1));
      const items = (await call('GET', MeetingRoutes.agenda(t.slug, m.id), [t, 'clerk'])).body.items as AgendaDto['items'];
      await owner.query('BEGIN');
      await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [t.id]);
      for (const [itemId, name, isPublic, sortOrder] of [[items[0]!.id, 'Lageplan', true, 1], [items[0]!.id, 'Kaufpreis', false, 2], [items[2]!.id, 'Gutachten', true, 1]] as const) {
        const file = (await owner.query<{ id: string }>(`INSERT INTO files (tenant_id, name, public, agenda_item_id, sort_order) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [t.id, name, isPublic, itemId, sortOrder])).rows[0]!.id;
        await owner.query(`INSERT INTO file_versions (tenant_id, file_id, number, file_name, mime_type, size, sha512, storage_key) VALUES ($1, $2, 1, $3, 'application/pdf', 2048, $4, $5)`, [t.id, file, `${name}.pdf`, 'a'.repeat(128), `${t.id}/${randomUUID()}`]);
      }
      await owner.query('COMMIT');
    }
    const mine = await call('GET', MeetingRoutes.one(t.slug, own.id), [t, 'member']);
    expect(mine.body.withheldNonPublicItems).toBe(0);
    expect(mine.body.agendaItems.map((i: OfficeMeetingDto['agendaItems'][number]) => [i.number, i.level, i.public, i.urgent, i.files.map((f) => f.name)])).toEqual([
      ['Ö 1', 1, true, false, ['Lageplan', 'Kaufpreis']],
      ['Ö 1.1', 2, true, true, []],
      ['N 1', 1, false, false, ['Gutachten']],
    ]);
    expect(mine.body.agendaItems[0].files[0]).toMatchObject({ fileName: 'Lageplan.pdf', mimeType: 'application/pdf', size: 2048, public: true });
    const theirs = await call('GET', MeetingRoutes.one(t.slug, foreign.id), [t, 'member']);
    expect(theirs.body.withheldNonPublicItems).toBe(1);
    expect(theirs.body.agendaItems.map((i: OfficeMeetingDto['agendaItems'][number]) => [i.number, i.files.map((f) => f.name)])).toEqual([
      ['Ö 1', ['Lageplan']],
      ['Ö 1.1', []],
    ]);
    // The editor's agenda is for clerks.
    expect((await call('GET', MeetingRoutes.agenda(t.slug, own.id), [t, 'member'])).status).toBe(403);
  });
});

import type { INestApplication } from '@nestjs/common';
import { connect, fixtureAgs, startTestIssuer, testEnv, type TestIssuer } from '@ratsinfo/api-testing';
import { ApiRoutes, AttendanceRoutes, type AuditEventDto, MailRoutes, MeetingRoutes, ProblemType } from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { startHttpApp } from '../testing/http-app';

/**
 * Attendance and quorum over HTTP against the real stack: the expected attendees come from the
 * body's memberships on the meeting's day, the quorum counts voting members present and deputies
 * for voting members who are not (late arrivals from their arrival, early leavers until they
 * left), writes are one row per person (duplicate and concurrent saves end in one row, the last
 * write wins), and only the authority's clerks and admins get in.
 */
jest.setTimeout(180_000);

let app: INestApplication;
let base: string;
let owner: Client;
let admin: Client;
let issuer: TestIssuer;

type Who = 'admin' | 'clerk' | 'member';
interface Fixture {
  id: string;
  slug: string;
  subs: Record<Who, string>;
  council: string;
  finance: string;
  /** m1 … m13: voting members of the council; advisor: a member without a voting right. */
  members: string[];
  advisor: string;
  /** d1 stands in for m1, d2 for m2 (deputy memberships in the council). */
  d1: string;
  d2: string;
  /** A person of the authority outside the council (a guest). */
  outsider: string;
  /** A member whose membership ended before the meetings. */
  former: string;
}
let t: Fixture;
let other: Fixture;

async function createFixture(label: string): Promise<Fixture> {
  const id = randomUUID();
  const slug = `att-${label}-${id.slice(0, 6)}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias) VALUES ($1, $2, $3, 'town', $4, $2)`, [id, slug, `Anwesenheit ${label}`, fixtureAgs()]);
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
  const one = async (sql: string, params: unknown[]) => (await owner.query<{ id: string }>(sql, params)).rows[0]!.id;
  const org = (name: string) => one(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, $2, 'committee') RETURNING id`, [id, name]);
  const council = await org('Stadtrat');
  const finance = await org('Finanzausschuss');
  const person = (given: string, family = 'Muster') => one(`INSERT INTO persons (tenant_id, family_name, given_name) VALUES ($1, $2, $3) RETURNING id`, [id, family, given]);
  const membership = (personId: string, extra: { voting?: boolean; deputyFor?: string; start?: string; end?: string; orgId?: string } = {}) =>
    owner.query(`INSERT INTO memberships (tenant_id, person_id, organization_id, role, voting_right, deputy_for_id, start_date, end_date) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
      id,
      personId,
      extra.orgId ?? council,
      extra.deputyFor ? 'Stellvertretung' : 'Mitglied',
      extra.voting ?? true,
      extra.deputyFor ?? null,
      extra.start ?? '2024-01-01',
      extra.end ?? null,
    ]);
  const members: string[] = [];
  for (let i = 1; i <= 13; i++) {
    const p = await person(`Mitglied${String(i).padStart(2, '0')}`, `Rat${String(i).padStart(2, '0')}`);
    members.push(p);
    await membership(p);
  }
  const advisor = await person('Berta', 'Beraterin');
  await membership(advisor, { voting: false });
  const d1 = await person('Dora', 'Deputy');
  await membership(d1, { deputyFor: members[0] });
  const d2 = await person('Detlef', 'Deputy');
  await membership(d2, { deputyFor: members[1] });
  const outsider = await person('Otto', 'Gast');
  await membership(outsider, { orgId: finance });
  const former = await person('Frieda', 'Früher');
  await membership(former, { end: '2025-12-31' });
  const subs = { admin: randomUUID(), clerk: randomUUID(), member: randomUUID() };
  for (const [who, role, personId] of [
    ['admin', 'tenant-admin', null],
    ['clerk', 'clerk', null],
    ['member', 'member', members[0]],
  ] as const) {
    await owner.query(`INSERT INTO user_accounts (tenant_id, issuer, subject, email, display_name, roles, person_id) VALUES ($1, $2, $3, $4, $5, $6::tenant_role[], $7)`, [
      id,
      issuer.issuer(),
      subs[who],
      `${who}@${slug}.example`,
      who,
      `{${role}}`,
      personId,
    ]);
  }
  await owner.query('COMMIT');
  return { id, slug, subs, council, finance, members, advisor, d1, d2, outsider, former };
}

const token = (f: Fixture, who: Who) => issuer.token({ sub: f.subs[who], organization: [f.slug], name: `${who} of ${f.slug}` });
const operatorToken = () => issuer.token({ sub: 'operator-1', realm_access: { roles: ['operator'] }, name: 'Olaf Betreiber' });

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test answers are read loosely; DTO types are asserted field by field
  body: any;
  headers: Headers;
}

async function call(method: string, path: string, who: [Fixture, Who] | string | null, body?: unknown): Promise<Answer> {
  const bearer = who === null ? null : typeof who === 'string' ? who : await token(...who);
  const res = await fetch(base + path, {
    method,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

const fieldsOf = (r: Answer) => (r.body.errors as { name: string }[] | undefined)?.map((e) => e.name) ?? [];

/** A council meeting in the given state (held by default, on 4 March 2026, 18:00–21:00 Berlin time). */
async function newMeeting(f: Fixture, state = 'held', start = '2026-03-04T18:00:00+01:00', end: string | null = '2026-03-04T21:00:00+01:00'): Promise<string> {
  const r = await call('POST', MeetingRoutes.list(f.slug), [f, 'clerk'], { organizationId: f.council, name: 'Sitzung des Stadtrates', start, ...(end ? { end } : {}) });
  expect([r.status, r.body.errors]).toEqual([201, undefined]);
  await admin.query(`UPDATE meetings SET meeting_state = $2 WHERE id = $1`, [r.body.id, state]);
  return r.body.id;
}

const put = (f: Fixture, meetingId: string, personId: string, body: unknown, who: Who = 'clerk') => call('PUT', AttendanceRoutes.one(f.slug, meetingId, personId), [f, who], body);
const view = (f: Fixture, meetingId: string) => call('GET', AttendanceRoutes.list(f.slug, meetingId), [f, 'clerk']);
const rows = async (meetingId: string) =>
  (await admin.query<{ person_id: string; status: string; role: string; note: string | null }>(`SELECT person_id, status, role, note FROM meeting_attendances WHERE meeting_id = $1`, [meetingId])).rows;

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

describe('expected attendees and quorum', () => {
  it('lists the body’s members on the meeting’s day (voting right, deputies with whom they stand in for), and the standing absence notices', async () => {
    const m = await newMeeting(t, 'invited', '2031-03-04T18:00:00+01:00', '2031-03-04T21:00:00+01:00');
    const notice = await call('POST', MailRoutes.absence(t.slug, m), [t, 'clerk'], { personId: t.members[2], reason: 'Urlaub' });
    expect(notice.status).toBe(201);
    const r = await view(t, m);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const byId = new Map((r.body.attendees as { personId: string }[]).map((a) => [a.personId, a]));
    // 13 voting members, the advisor, two deputies; not the finance committee's member, not the former member.
    expect(byId.size).toBe(16);
    expect(byId.has(t.outsider) || byId.has(t.former)).toBe(false);
    expect(byId.get(t.advisor)).toMatchObject({ kind: 'member', votingRight: false, membershipRole: 'Mitglied' });
    expect(byId.get(t.d1)).toMatchObject({ kind: 'deputy', votingRight: false, deputyFor: [{ personId: t.members[0], name: 'Mitglied01 Rat01' }], attendance: null });
    expect(byId.get(t.members[2])).toMatchObject({ kind: 'member', votingRight: true, attendance: null, absenceNotice: { id: notice.body.id, reason: 'Urlaub' } });
    // Members first (by family name), then deputies.
    expect((r.body.attendees as { kind: string }[]).map((a) => a.kind)).toEqual([...Array(14).fill('member'), 'deputy', 'deputy']);
    expect(r.body).toMatchObject({ meetingId: m, meetingState: 'invited', recordable: true, guests: [], quorum: { votingSeats: 13, presentVoting: 0, required: 7, quorate: false } });
    expect(r.body.version).toEqual(expect.any(Number));
  });

  it('counts voting members present and deputies for absent voting members, never a seat twice; guests and advisors do not count', async () => {
    const m = await newMeeting(t);
    for (const p of t.members.slice(1, 7)) expect((await put(t, m, p, { status: 'present', role: 'member' })).status).toBe(200);
    let q = (await view(t, m)).body.quorum;
    expect(q).toEqual({ votingSeats: 13, presentVoting: 6, required: 7, quorate: false, at: '2026-03-04T20:00:00.000Z' });
    // The advisor and a guest are present: still 6.
    await put(t, m, t.advisor, { status: 'present', role: 'member' });
    const g = await put(t, m, t.outsider, { status: 'present', role: 'guest', note: 'Presse' });
    expect(g.body.guests).toEqual([{ personId: t.outsider, name: 'Otto Gast', attendance: expect.objectContaining({ role: 'guest', status: 'present', note: 'Presse' }) }]);
    expect(g.body.quorum.presentVoting).toBe(6);
    // m1 is excused; their deputy d1 fills the seat: 7 of 13, quorate.
    await put(t, m, t.members[0], { status: 'excused', role: 'member' });
    const d = await put(t, m, t.d1, { status: 'present', role: 'deputy', deputyForPersonId: t.members[0] });
    expect(d.status).toBe(200);
    expect(d.body.quorum).toMatchObject({ votingSeats: 13, presentVoting: 7, required: 7, quorate: true });
    expect(d.body.attendees.find((a: { personId: string }) => a.personId === t.d1).attendance).toMatchObject({ role: 'deputy', deputyFor: { personId: t.members[0], name: 'Mitglied01 Rat01' } });
    // d2 stands in for m2, who is present: no second seat.
    q = (await put(t, m, t.d2, { status: 'present', role: 'deputy', deputyForPersonId: t.members[1] })).body.quorum;
    expect(q.presentVoting).toBe(7);
  });

  it('counts late arrivals from their arrival and early leavers until they left (a held meeting at its end)', async () => {
    const m = await newMeeting(t);
    for (const p of t.members.slice(0, 6)) await put(t, m, p, { status: 'present', role: 'member' });
    // Arrived late, still before the end (21:00): counts.
    let r = await put(t, m, t.members[6], { status: 'present', role: 'member', arrivedAt: '2026-03-04T19:15:00+01:00' });
    expect(r.status).toBe(200);
    expect(r.body.quorum).toMatchObject({ presentVoting: 7, quorate: true });
    expect(r.body.attendees.find((a: { personId: string }) => a.personId === t.members[6]).attendance.arrivedAt).toBe('2026-03-04T18:15:00.000Z');
    // One left early at 20:30: gone at the end, no longer quorate.
    r = await put(t, m, t.members[0], { status: 'present', role: 'member', leftAt: '2026-03-04T20:30:00+01:00' });
    expect(r.body.quorum).toMatchObject({ presentVoting: 6, quorate: false });
    // … and their deputy came for the rest of the meeting.
    r = await put(t, m, t.d1, { status: 'present', role: 'deputy', deputyForPersonId: t.members[0], arrivedAt: '2026-03-04T20:30:00+01:00' });
    expect(r.body.quorum).toMatchObject({ presentVoting: 7, quorate: true });
  });

  it('evaluates a running meeting now', async () => {
    const now = Date.now();
    const m = await newMeeting(t, 'running', new Date(now - 3_600_000).toISOString(), null);
    for (const p of t.members.slice(0, 7)) await put(t, m, p, { status: 'present', role: 'member' });
    const r = await view(t, m);
    expect(r.body.quorum).toMatchObject({ votingSeats: 13, presentVoting: 7, quorate: true });
    expect(Math.abs(Date.parse(r.body.quorum.at) - Date.now())).toBeLessThan(60_000);
  });

  it('works on the demo seed: every voting member of a real council present is exactly its seats', async () => {
    const demo = (
      await admin.query<{ meeting_id: string; tenant_id: string; slug: string; seats: number }>(`
        SELECT m.id AS meeting_id, m.tenant_id, t.slug,
          (SELECT count(DISTINCT ms.person_id)::int FROM memberships ms
            WHERE ms.tenant_id = m.tenant_id AND ms.organization_id = m.organization_id AND ms.deleted_at IS NULL AND ms.voting_right AND ms.deputy_for_id IS NULL
              AND (ms.start_date IS NULL OR ms.start_date <= (m.start AT TIME ZONE 'Europe/Berlin')::date)
              AND (ms.end_date IS NULL OR ms.end_date >= (m.start AT TIME ZONE 'Europe/Berlin')::date)) AS seats
        FROM meetings m JOIN tenants t ON t.id = m.tenant_id
        WHERE t.slug = 'burg' AND m.deleted_at IS NULL AND NOT m.cancelled
        ORDER BY seats DESC, m.start DESC LIMIT 1`)
    ).rows[0];
    if (!demo) throw new Error('the demo seed has no meeting in burg');
    expect(demo.seats).toBeGreaterThan(3);
    const sub = randomUUID();
    await admin.query(`INSERT INTO user_accounts (tenant_id, issuer, subject, email, display_name, roles) VALUES ($1, $2, $3, $4, 'Demo-Sachbearbeitung', '{clerk}')`, [demo.tenant_id, issuer.issuer(), sub, `att-${sub.slice(0, 6)}@burg.example`]);
    const before = (await admin.query<{ meeting_state: string }>(`SELECT meeting_state FROM meetings WHERE id = $1`, [demo.meeting_id])).rows[0]!.meeting_state;
    const existing = (await admin.query<{ person_id: string }>(`SELECT person_id FROM meeting_attendances WHERE meeting_id = $1`, [demo.meeting_id])).rows.map((r) => r.person_id);
    const clerk = await issuer.token({ sub, organization: ['burg'], name: 'Demo-Sachbearbeitung' });
    try {
      await admin.query(`UPDATE meetings SET meeting_state = 'held' WHERE id = $1`, [demo.meeting_id]);
      const v = await call('GET', AttendanceRoutes.list('burg', demo.meeting_id), clerk);
      expect(v.status).toBe(200);
      expect(v.body.quorum).toMatchObject({ votingSeats: demo.seats, required: Math.floor(demo.seats / 2) + 1 });
      const voting = (v.body.attendees as { personId: string; kind: string; votingRight: boolean }[]).filter((a) => a.kind === 'member' && a.votingRight);
      expect(voting).toHaveLength(demo.seats);
      let last: Answer | undefined;
      for (const a of voting) {
        last = await call('PUT', AttendanceRoutes.one('burg', demo.meeting_id, a.personId), clerk, { status: 'present', role: 'member' });
        expect(last.status).toBe(200);
      }
      expect(last!.body.quorum).toMatchObject({ votingSeats: demo.seats, presentVoting: demo.seats, quorate: true });
    } finally {
      await admin.query(`DELETE FROM meeting_attendances WHERE meeting_id = $1 AND NOT (person_id = ANY($2::uuid[]))`, [demo.meeting_id, existing]);
      await admin.query(`UPDATE meetings SET meeting_state = $2 WHERE id = $1`, [demo.meeting_id, before]);
      await admin.query(`DELETE FROM user_accounts WHERE subject = $1`, [sub]);
    }
  });
});

describe('recording', () => {
  it('a duplicate submit is idempotent (one row); a second save of the same person replaces the first; DELETE removes it; all audited', async () => {
    const m = await newMeeting(t, 'running', new Date(Date.now() - 600_000).toISOString(), null);
    const body = { status: 'present', role: 'member', note: 'pünktlich' };
    const [a, b] = [await put(t, m, t.members[3], body), await put(t, m, t.members[3], body)];
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await rows(m)).toEqual([{ person_id: t.members[3], status: 'present', role: 'member', note: 'pünktlich' }]);
    expect((await put(t, m, t.members[3], { status: 'excused', role: 'member' }, 'admin')).status).toBe(200);
    expect(await rows(m)).toEqual([{ person_id: t.members[3], status: 'excused', role: 'member', note: null }]);
    expect((await call('DELETE', AttendanceRoutes.one(t.slug, m, t.members[3]), [t, 'clerk'])).status).toBe(204);
    expect(await rows(m)).toEqual([]);
    expect((await call('DELETE', AttendanceRoutes.one(t.slug, m, t.members[3]), [t, 'clerk'])).status).toBe(404);
    const audit = await call('GET', ApiRoutes.officeAudit(t.slug), [t, 'admin']);
    const mine = (audit.body.data as AuditEventDto[]).filter((e) => e.entityId === m);
    expect(mine.filter((e) => e.action === 'attendance.recorded')).toHaveLength(3);
    expect(mine.filter((e) => e.action === 'attendance.removed')).toHaveLength(1);
    expect(mine.find((e) => e.action === 'attendance.recorded')?.changes).toMatchObject({ personId: t.members[3] });
  });

  it('two concurrent saves of the same person end in one row; the last write wins and the list shows it', async () => {
    const m = await newMeeting(t);
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(
        (['present', 'excused', 'absent', 'present', 'excused'] as const).map((status, i) => put(t, m, t.members[4], { status, role: 'member', note: `Speichern ${round}.${i}` }, i % 2 ? 'admin' : 'clerk')),
      );
      expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
      const stored = await rows(m);
      expect(stored).toHaveLength(1);
      const shown = (await view(t, m)).body.attendees.find((a: { personId: string }) => a.personId === t.members[4]).attendance;
      expect({ status: shown.status, note: shown.note }).toEqual({ status: stored[0]!.status, note: stored[0]!.note });
      expect(stored[0]!.note).toMatch(new RegExp(`^Speichern ${round}\\.\\d$`));
    }
  });

  it('refuses a meeting that is not invited, running or held (409 naming the state), and a cancelled one', async () => {
    for (const state of ['planned', 'minutes_drafted', 'minutes_approved']) {
      const m = await newMeeting(t, state);
      const r = await put(t, m, t.members[0], { status: 'present', role: 'member' });
      expect([r.status, r.body.type, r.body.detail]).toEqual([409, ProblemType.conflict, expect.stringContaining(state)]);
      expect((await view(t, m)).body.recordable).toBe(false);
    }
    const c = await newMeeting(t, 'invited', '2031-05-04T18:00:00+02:00', null);
    await admin.query(`UPDATE meetings SET cancelled = true, cancelled_reason = 'Beschlussunfähig' WHERE id = $1`, [c]);
    const r = await put(t, c, t.members[0], { status: 'present', role: 'member' });
    expect([r.status, r.body.detail]).toEqual([409, expect.stringMatching(/cancelled/)]);
    expect(await rows(c)).toEqual([]);
  });

  it('refuses bad input with 400 naming the field, unknown persons with 404, and writes nothing', async () => {
    const m = await newMeeting(t);
    const p = t.members[5];
    for (const [body, field] of [
      [{ status: 'here', role: 'member' }, 'status'],
      [{ status: 'present', role: 'chair' }, 'role'],
      [{ status: 'present' }, 'role'],
      [{ status: 'present', role: 'member', note: 'a\u0000b' }, 'note'],
      [{ status: 'present', role: 'member', note: 'a\u001bb' }, 'note'],
      [{ status: 'present', role: 'member', note: 'x'.repeat(501) }, 'note'],
      [{ status: 'present', role: 'member', arrivedAt: '0000-01-01T18:00:00Z' }, 'arrivedAt'],
      [{ status: 'present', role: 'member', leftAt: '2026-13-04T18:00:00Z' }, 'leftAt'],
      [{ status: 'present', role: 'member', arrivedAt: '19:00' }, 'arrivedAt'],
      // Another day than the meeting's.
      [{ status: 'present', role: 'member', arrivedAt: '2026-03-05T19:00:00+01:00' }, 'arrivedAt'],
      [{ status: 'present', role: 'member', leftAt: '2026-03-03T23:59:00+01:00' }, 'leftAt'],
      [{ status: 'present', role: 'member', arrivedAt: '2026-03-04T20:00:00+01:00', leftAt: '2026-03-04T19:00:00+01:00' }, 'leftAt'],
      [{ status: 'excused', role: 'member', arrivedAt: '2026-03-04T19:00:00+01:00' }, 'arrivedAt'],
      [{ status: 'present', role: 'deputy' }, 'deputyForPersonId'],
      [{ status: 'present', role: 'member', deputyForPersonId: t.members[0] }, 'deputyForPersonId'],
      [{ status: 'present', role: 'member', isAdmin: true }, 'isAdmin'],
    ] as const) {
      const r = await put(t, m, p, body);
      expect([JSON.stringify(body).slice(0, 80), r.status, r.body.type]).toEqual([JSON.stringify(body).slice(0, 80), 400, ProblemType.validation]);
      expect(fieldsOf(r)).toContain(field);
    }
    // Rules of the body: a deputy only for the member they stand in for, a member only of this body (others are guests).
    for (const [person, body, field] of [
      [t.d1, { status: 'present', role: 'deputy', deputyForPersonId: t.members[1] }, 'deputyForPersonId'],
      [t.members[2], { status: 'present', role: 'deputy', deputyForPersonId: t.members[3] }, 'deputyForPersonId'],
      [t.d1, { status: 'present', role: 'deputy', deputyForPersonId: t.d1 }, 'deputyForPersonId'],
      [t.outsider, { status: 'present', role: 'member' }, 'role'],
      [t.former, { status: 'present', role: 'member' }, 'role'],
      [t.d1, { status: 'present', role: 'member' }, 'role'],
    ] as const) {
      const r = await put(t, m, person, body);
      expect([r.status, fieldsOf(r)]).toEqual([400, [field]]);
    }
    expect((await put(t, m, 'not-a-uuid', { status: 'present', role: 'guest' })).status).toBe(400);
    expect(fieldsOf(await put(t, m, 'not-a-uuid', { status: 'present', role: 'guest' }))).toEqual(['personId']);
    const unknown = await put(t, m, randomUUID(), { status: 'present', role: 'guest' });
    expect([unknown.status, unknown.body.type]).toEqual([404, ProblemType.notFound]);
    // A person of the other authority does not exist here.
    expect((await put(t, m, other.members[0], { status: 'present', role: 'guest' })).status).toBe(404);
    expect((await call('PUT', AttendanceRoutes.one(t.slug, randomUUID(), p), [t, 'clerk'], { status: 'present', role: 'member' })).status).toBe(404);
    const huge = await put(t, m, p, { status: 'present', role: 'member', note: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    const notJson = await call('PUT', AttendanceRoutes.one(t.slug, m, p), [t, 'clerk'], '{"status": "present",');
    expect(notJson.status).toBe(400);
    expect(await rows(m)).toEqual([]);
  });

  it('keeps members, the other authority’s clerks and operators without a grant out', async () => {
    const m = await newMeeting(t);
    const op = await operatorToken();
    const otherClerk = await token(other, 'clerk');
    const routes: [string, string, unknown][] = [
      ['GET', AttendanceRoutes.list(t.slug, m), undefined],
      ['PUT', AttendanceRoutes.one(t.slug, m, t.members[0]), { status: 'present', role: 'member' }],
      ['DELETE', AttendanceRoutes.one(t.slug, m, t.members[0]), undefined],
    ];
    for (const [method, path, body] of routes) {
      expect([method, path, (await call(method, path, [t, 'member'], body)).status]).toEqual([method, path, 403]);
      expect([method, path, (await call(method, path, otherClerk, body)).status]).toEqual([method, path, 403]);
      expect([method, path, (await call(method, path, op, body)).status]).toEqual([method, path, 403]);
      expect([method, path, (await call(method, path, null, body)).status]).toEqual([method, path, 401]);
    }
    // The other authority's clerk on their own route: this authority's meeting does not exist there.
    for (const [method, path, body] of [
      ['GET', AttendanceRoutes.list(other.slug, m), undefined],
      ['PUT', AttendanceRoutes.one(other.slug, m, t.members[0]), { status: 'present', role: 'member' }],
      ['PUT', AttendanceRoutes.one(other.slug, m, other.members[0]), { status: 'present', role: 'member' }],
      ['DELETE', AttendanceRoutes.one(other.slug, m, t.members[0]), undefined],
    ] as const) {
      const r = await call(method, path, otherClerk, body);
      expect([method, path, r.status]).toEqual([method, path, 404]);
      expect(JSON.stringify(r.body)).not.toContain('Rat01');
    }
    expect(await rows(m)).toEqual([]);
  });
});

import type { INestApplication } from '@nestjs/common';
import { connect, fixtureAgs, startTestIssuer, testEnv, type TestIssuer } from '@ratsinfo/api-testing';
import { ApiRoutes, type AuditEventDto, MailRoutes, MeetingRoutes, ProblemType } from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { startHttpApp } from '../testing/http-app';

/**
 * Invitations, guests, absence notices and the mail settings over HTTP against the real stack:
 * the invitation request is one transaction (sequence, invited_at, version, outbox event, audit),
 * a double submit is a 412 and never a second event, the payload is exactly the contract, and
 * nobody outside the office (members, other authorities, operators without a grant) gets in.
 */
jest.setTimeout(180_000);

let app: INestApplication;
let base: string;
let owner: Client;
let admin: Client;
let issuer: TestIssuer;

type Who = 'admin' | 'clerk' | 'member' | 'outsider' | 'unlinked';
interface Fixture {
  id: string;
  slug: string;
  subs: Record<Who, string>;
  org: Record<'bau' | 'finanz', string>;
  person: Record<'member' | 'deputy' | 'outsider', string>;
}
let t: Fixture;
let other: Fixture;

async function createFixture(label: string): Promise<Fixture> {
  const id = randomUUID();
  const slug = `mail-${label}-${id.slice(0, 6)}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias) VALUES ($1, $2, $3, 'town', $4, $2)`, [id, slug, `Postamt ${label}`, fixtureAgs()]);
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
  const one = async (sql: string, params: unknown[]) => (await owner.query<{ id: string }>(sql, params)).rows[0]!.id;
  const org = (name: string) => one(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, $2, 'committee') RETURNING id`, [id, name]);
  const orgs = { bau: await org('Bauausschuss'), finanz: await org('Finanzausschuss') };
  const person = (given: string) => one(`INSERT INTO persons (tenant_id, family_name, given_name, email) VALUES ($1, 'Muster', $2, $3) RETURNING id`, [id, given, `${given.toLowerCase()}@${slug}.example`]);
  const persons = { member: await person('Maria'), deputy: await person('Dieter'), outsider: await person('Otto') };
  await owner.query(`INSERT INTO memberships (tenant_id, person_id, organization_id, role) VALUES ($1, $2, $3, 'Mitglied')`, [id, persons.member, orgs.bau]);
  await owner.query(`INSERT INTO memberships (tenant_id, person_id, organization_id, role, deputy_for_id) VALUES ($1, $2, $3, 'Stellvertreter', $4)`, [id, persons.deputy, orgs.bau, persons.member]);
  // Otto sits in the Finanzausschuss only.
  await owner.query(`INSERT INTO memberships (tenant_id, person_id, organization_id, role) VALUES ($1, $2, $3, 'Mitglied')`, [id, persons.outsider, orgs.finanz]);
  const subs = { admin: randomUUID(), clerk: randomUUID(), member: randomUUID(), outsider: randomUUID(), unlinked: randomUUID() };
  for (const [who, role, personId] of [
    ['admin', 'tenant-admin', null],
    ['clerk', 'clerk', null],
    ['member', 'member', persons.member],
    ['outsider', 'member', persons.outsider],
    ['unlinked', 'member', null],
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
  return { id, slug, subs, org: orgs, person: persons };
}

const token = (f: Fixture, who: Who) => issuer.token({ sub: f.subs[who], organization: [f.slug], name: `${who} of ${f.slug}` });
const operatorToken = () => issuer.token({ sub: 'operator-1', realm_access: { roles: ['operator'] }, name: 'Olaf Betreiber' });

interface Answer {
  status: number;
  etag: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test answers are read loosely; DTO types are asserted field by field
  body: any;
}

async function call(method: string, path: string, who: [Fixture, Who] | string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const bearer = who === null ? null : typeof who === 'string' ? who : await token(...who);
  const res = await fetch(base + path, {
    method,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : null };
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const fieldsOf = (r: Answer) => (r.body.errors as { name: string }[] | undefined)?.map((e) => e.name) ?? [];

/** A meeting of the Bauausschuss, in the future unless told otherwise; returns id and version. */
async function newMeeting(f: Fixture, start = '2031-03-04T17:00:00+01:00'): Promise<{ id: string; version: number }> {
  const r = await call('POST', MeetingRoutes.list(f.slug), [f, 'clerk'], { organizationId: f.org.bau, name: 'Sitzung des Bauausschusses', start });
  expect([r.status, r.body.errors]).toEqual([201, undefined]);
  return { id: r.body.id, version: r.body.version };
}

/** The outbox events of a meeting's invitations, read as the tenant (under row-level security). */
async function invitationEvents(f: Fixture, meetingId: string) {
  await owner.query('BEGIN');
  try {
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [f.id]);
    return (
      await owner.query<{ topic: string; payload: unknown; actor_name: string | null; acting_role: string | null }>(
        `SELECT topic, payload, actor_name, acting_role FROM outbox_events WHERE topic = 'meeting.invitation-requested' AND payload->>'meetingId' = $1 ORDER BY created_at, (payload->>'sequence')::int`,
        [meetingId],
      )
    ).rows;
  } finally {
    await owner.query('COMMIT');
  }
}

async function meetingRow(id: string) {
  return (await admin.query<{ ical_sequence: number; invited_at: Date | null; version: number }>(`SELECT ical_sequence, invited_at, version FROM meetings WHERE id = $1`, [id])).rows[0]!;
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

describe('invitations', () => {
  it('records an invitation in one transaction: sequence, invited_at, version, the outbox event with exactly its payload, the audit', async () => {
    const m = await newMeeting(t);
    const r = await call('POST', MailRoutes.invitations(t.slug, m.id), [t, 'clerk'], { kind: 'invitation' }, ifMatch(m.version));
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ sequence: 1, invitedAt: expect.any(String), version: m.version + 1 });
    expect(r.etag).toBe(`"${m.version + 1}"`);
    const row = await meetingRow(m.id);
    expect(row).toMatchObject({ ical_sequence: 1, version: m.version + 1 });
    expect(row.invited_at?.toISOString()).toBe(r.body.invitedAt);
    const events = await invitationEvents(t, m.id);
    expect(events).toEqual([{ topic: 'meeting.invitation-requested', payload: { meetingId: m.id, kind: 'invitation', sequence: 1 }, actor_name: `clerk of ${t.slug}`, acting_role: 'clerk' }]);
    // The other authority sees none of it.
    expect(await invitationEvents(other, m.id)).toEqual([]);

    // An update with a message: the next sequence, invited_at kept.
    const u = await call('POST', MailRoutes.invitations(t.slug, m.id), [t, 'admin'], { kind: 'update', message: 'Neuer Raum: Sitzungssaal 2' }, ifMatch(r.body.version));
    expect(u.status).toBe(202);
    expect(u.body).toEqual({ sequence: 2, invitedAt: r.body.invitedAt, version: m.version + 2 });
    expect((await invitationEvents(t, m.id)).map((e) => e.payload)).toEqual([
      { meetingId: m.id, kind: 'invitation', sequence: 1 },
      { meetingId: m.id, kind: 'update', sequence: 2, message: 'Neuer Raum: Sitzungssaal 2' },
    ]);

    const audit = await call('GET', ApiRoutes.officeAudit(t.slug), [t, 'admin']);
    const entries = (audit.body.data as AuditEventDto[]).filter((e) => e.action === 'meeting.invitation-requested' && e.entityId === m.id);
    expect(entries.map((e) => e.changes)).toEqual(expect.arrayContaining([{ kind: 'invitation', sequence: 1 }, { kind: 'update', sequence: 2, message: 'Neuer Raum: Sitzungssaal 2' }]));

    // The state appears with the (not yet processed) requests.
    const mails = await call('GET', MailRoutes.mails(t.slug, m.id), [t, 'clerk']);
    expect(mails.status).toBe(200);
    expect(mails.body).toMatchObject({ meetingId: m.id, sequence: 2, invitedAt: r.body.invitedAt, version: m.version + 2, cancelled: false, data: [] });
    expect(mails.body.pendingRequests).toBeGreaterThanOrEqual(0);
  });

  it('needs If-Match (428), refuses a stale one (412), and a double submit sends once', async () => {
    const m = await newMeeting(t);
    const none = await call('POST', MailRoutes.invitations(t.slug, m.id), [t, 'clerk'], { kind: 'invitation' });
    expect([none.status, none.body.type]).toEqual([428, ProblemType.preconditionRequired]);
    const stale = await call('POST', MailRoutes.invitations(t.slug, m.id), [t, 'clerk'], { kind: 'invitation' }, ifMatch(m.version + 5));
    expect([stale.status, stale.body.type]).toEqual([412, ProblemType.staleVersion]);
    // Two clicks at once with the version the page read: one 202, one 412, one event.
    const both = await Promise.all([1, 2].map(() => call('POST', MailRoutes.invitations(t.slug, m.id), [t, 'clerk'], { kind: 'invitation' }, ifMatch(m.version))));
    expect(both.map((b) => b.status).sort()).toEqual([202, 412]);
    const again = await call('POST', MailRoutes.invitations(t.slug, m.id), [t, 'clerk'], { kind: 'invitation' }, ifMatch(m.version));
    expect(again.status).toBe(412);
    expect(await invitationEvents(t, m.id)).toHaveLength(1);
    expect((await meetingRow(m.id)).ical_sequence).toBe(1);
  });

  it('refuses an update before the invitation, a second invitation, a cancelled and a past meeting (409 saying why), writing nothing', async () => {
    const m = await newMeeting(t);
    const early = await call('POST', MailRoutes.invitations(t.slug, m.id), [t, 'clerk'], { kind: 'update' }, ifMatch(m.version));
    expect([early.status, early.body.detail]).toEqual([409, expect.stringMatching(/not been invited yet/)]);
    const first = await call('POST', MailRoutes.invitations(t.slug, m.id), [t, 'clerk'], { kind: 'invitation' }, ifMatch(m.version));
    const second = await call('POST', MailRoutes.invitations(t.slug, m.id), [t, 'clerk'], { kind: 'invitation' }, ifMatch(first.body.version));
    expect([second.status, second.body.detail]).toEqual([409, expect.stringMatching(/already been invited/)]);

    const past = await newMeeting(t, '2020-03-04T17:00:00+01:00');
    const late = await call('POST', MailRoutes.invitations(t.slug, past.id), [t, 'clerk'], { kind: 'invitation' }, ifMatch(past.version));
    expect([late.status, late.body.detail]).toEqual([409, expect.stringMatching(/over/)]);

    const c = await newMeeting(t);
    const cancelled = await call('POST', MeetingRoutes.cancel(t.slug, c.id), [t, 'clerk'], { reason: 'Beschlussunfähig' }, ifMatch(c.version));
    expect(cancelled.status).toBe(200);
    const refused = await call('POST', MailRoutes.invitations(t.slug, c.id), [t, 'clerk'], { kind: 'invitation' }, ifMatch(cancelled.body.version));
    expect([refused.status, refused.body.detail]).toEqual([409, expect.stringMatching(/cancelled/)]);
    for (const id of [past.id, c.id]) {
      expect(await invitationEvents(t, id)).toEqual([]);
      expect((await meetingRow(id)).ical_sequence).toBe(0);
    }
  });

  it('a cancellation after an invitation goes to everyone invited: next sequence, the reason as message; without an invitation no event', async () => {
    const m = await newMeeting(t);
    const inv = await call('POST', MailRoutes.invitations(t.slug, m.id), [t, 'clerk'], { kind: 'invitation' }, ifMatch(m.version));
    const c = await call('POST', MeetingRoutes.cancel(t.slug, m.id), [t, 'clerk'], { reason: 'Der Saal ist gesperrt.' }, ifMatch(inv.body.version));
    expect(c.status).toBe(200);
    expect((await invitationEvents(t, m.id)).map((e) => e.payload)).toEqual([
      { meetingId: m.id, kind: 'invitation', sequence: 1 },
      { meetingId: m.id, kind: 'cancellation', sequence: 2, message: 'Der Saal ist gesperrt.' },
    ]);
    expect(await meetingRow(m.id)).toMatchObject({ ical_sequence: 2, version: inv.body.version + 1 });
    const mails = await call('GET', MailRoutes.mails(t.slug, m.id), [t, 'clerk']);
    expect(mails.body).toMatchObject({ cancelled: true, sequence: 2 });
  });

  it('refuses bad bodies with 400 naming the field, and a 2 MB message with 413', async () => {
    const m = await newMeeting(t);
    for (const [body, field] of [
      [{ kind: 'cancellation' }, 'kind'],
      [{ kind: 'invitation', message: 'x'.repeat(2001) }, 'message'],
      [{ kind: 'invitation', message: 'a\u0000b' }, 'message'],
      [{ kind: 'invitation', bcc: 'x@y.de' }, 'bcc'],
    ] as const) {
      const r = await call('POST', MailRoutes.invitations(t.slug, m.id), [t, 'clerk'], body, ifMatch(m.version));
      expect([r.status, r.body.type]).toEqual([400, ProblemType.validation]);
      expect(fieldsOf(r)).toContain(field);
    }
    const huge = await call('POST', MailRoutes.invitations(t.slug, m.id), [t, 'clerk'], { kind: 'invitation', message: 'x'.repeat(2 * 1024 * 1024) }, ifMatch(m.version));
    expect(huge.status).toBe(413);
    expect(await invitationEvents(t, m.id)).toEqual([]);
  });

  it('keeps members, other authorities and operators without a grant out of the office routes', async () => {
    const m = await newMeeting(t);
    const op = await operatorToken();
    const otherClerk = await token(other, 'clerk');
    const routes: [string, string, unknown, Record<string, string>][] = [
      ['POST', MailRoutes.invitations(t.slug, m.id), { kind: 'invitation' }, ifMatch(m.version)],
      ['GET', MailRoutes.mails(t.slug, m.id), undefined, {}],
      ['GET', MailRoutes.guests(t.slug, m.id), undefined, {}],
      ['POST', MailRoutes.guests(t.slug, m.id), { name: 'Presse', email: 'presse@example.org' }, {}],
      ['GET', MailRoutes.absences(t.slug, m.id), undefined, {}],
    ];
    for (const [method, path, body, headers] of routes) {
      expect([path, (await call(method, path, [t, 'member'], body, headers)).status]).toEqual([path, 403]);
      expect([path, (await call(method, path, otherClerk, body, headers)).status]).toEqual([path, 403]);
      expect([path, (await call(method, path, op, body, headers)).status]).toEqual([path, 403]);
      expect([path, (await call(method, path, null, body, headers)).status]).toEqual([path, 401]);
      expect([path, (await call(method, path, 'forged.token.value', body, headers)).status]).toEqual([path, 401]);
    }
    // This authority's meeting on the other authority's own route: it does not exist there.
    for (const [method, path, body, headers] of [
      ['POST', MailRoutes.invitations(other.slug, m.id), { kind: 'invitation' }, ifMatch(m.version)],
      ['GET', MailRoutes.mails(other.slug, m.id), undefined, {}],
      ['GET', MailRoutes.guests(other.slug, m.id), undefined, {}],
      ['POST', MailRoutes.guests(other.slug, m.id), { name: 'Presse', email: 'presse@example.org' }, {}],
      ['POST', MailRoutes.absence(other.slug, m.id), { personId: t.person.member }, {}],
      ['GET', MailRoutes.absences(other.slug, m.id), undefined, {}],
    ] as const) {
      expect([path, (await call(method, path, otherClerk, body, headers)).status]).toEqual([path, 404]);
    }
    expect(await invitationEvents(t, m.id)).toEqual([]);
  });
});

describe('guests', () => {
  it('a clerk adds and removes guests; a duplicate address (any case) is a 409; another meeting’s guest id is a 404', async () => {
    const m = await newMeeting(t);
    const added = await call('POST', MailRoutes.guests(t.slug, m.id), [t, 'clerk'], { name: 'Dr. Gutachterin', email: 'Gutachten@Example.org' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: 'Dr. Gutachterin', email: 'gutachten@example.org' });
    const dup = await call('POST', MailRoutes.guests(t.slug, m.id), [t, 'admin'], { name: 'Nochmal', email: 'GUTACHTEN@example.org' });
    expect([dup.status, dup.body.type]).toEqual([409, ProblemType.conflict]);
    for (const [body, field] of [
      [{ name: 'X', email: 'kein-mail' }, 'email'],
      [{ name: '', email: 'a@b.de' }, 'name'],
      [{ name: 'X', email: 'a@b.de\r\nBcc: x@y.de' }, 'email'],
    ] as const) {
      const r = await call('POST', MailRoutes.guests(t.slug, m.id), [t, 'clerk'], body);
      expect([r.status, fieldsOf(r)]).toEqual([400, [field]]);
    }
    expect((await call('GET', MailRoutes.guests(t.slug, m.id), [t, 'clerk'])).body.data).toEqual([expect.objectContaining({ id: added.body.id })]);

    const another = await newMeeting(t);
    expect((await call('DELETE', MailRoutes.guest(t.slug, another.id, added.body.id), [t, 'clerk'])).status).toBe(404);
    expect((await call('DELETE', MailRoutes.guest(t.slug, m.id, added.body.id), [t, 'member'])).status).toBe(403);
    expect((await call('DELETE', MailRoutes.guest(t.slug, m.id, added.body.id), [t, 'clerk'])).status).toBe(204);
    expect((await call('DELETE', MailRoutes.guest(t.slug, m.id, added.body.id), [t, 'clerk'])).status).toBe(404);
    expect((await call('GET', MailRoutes.guests(t.slug, m.id), [t, 'clerk'])).body.data).toEqual([]);
    // Soft-deleted: the row stays; the same address can be invited again.
    expect((await admin.query(`SELECT count(*)::int AS n FROM meeting_guests WHERE meeting_id = $1 AND deleted_at IS NOT NULL`, [m.id])).rows[0].n).toBe(1);
    expect((await call('POST', MailRoutes.guests(t.slug, m.id), [t, 'clerk'], { name: 'Dr. Gutachterin', email: 'gutachten@example.org' })).status).toBe(201);
    const audit = await call('GET', ApiRoutes.officeAudit(t.slug), [t, 'admin']);
    const actions = (audit.body.data as AuditEventDto[]).filter((e) => e.entityId === m.id).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['meeting-guest.added', 'meeting-guest.removed']));
  });
});

describe('absence notices', () => {
  async function absenceEvents(f: Fixture) {
    await owner.query('BEGIN');
    try {
      await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [f.id]);
      return (await owner.query<{ payload: { absenceNoticeId: string } }>(`SELECT payload FROM outbox_events WHERE topic = 'absence.noticed' ORDER BY created_at`)).rows.map((r) => r.payload);
    } finally {
      await owner.query('COMMIT');
    }
  }

  it('a member gives notice for themselves (one standing notice), withdraws it; the event names the notice', async () => {
    const m = await newMeeting(t);
    expect((await call('GET', MailRoutes.absence(t.slug, m.id), [t, 'member'])).body).toEqual({ eligible: true, notice: null });
    const n = await call('POST', MailRoutes.absence(t.slug, m.id), [t, 'member'], { reason: 'Urlaub' });
    expect(n.status).toBe(201);
    expect(n.body).toMatchObject({ personId: t.person.member, personName: 'Maria Muster', reason: 'Urlaub' });
    expect(await absenceEvents(t)).toContainEqual({ absenceNoticeId: n.body.id });
    const twice = await call('POST', MailRoutes.absence(t.slug, m.id), [t, 'member'], {});
    expect(twice.status).toBe(409);
    expect((await call('GET', MailRoutes.absence(t.slug, m.id), [t, 'member'])).body).toMatchObject({ eligible: true, notice: { id: n.body.id } });
    expect((await call('GET', MailRoutes.absences(t.slug, m.id), [t, 'clerk'])).body.data).toEqual([expect.objectContaining({ id: n.body.id, personName: 'Maria Muster' })]);
    expect((await call('DELETE', MailRoutes.absence(t.slug, m.id), [t, 'member'])).status).toBe(204);
    expect((await call('DELETE', MailRoutes.absence(t.slug, m.id), [t, 'member'])).status).toBe(404);
    expect((await call('GET', MailRoutes.absences(t.slug, m.id), [t, 'clerk'])).body.data).toEqual([]);
    // After withdrawing, a new notice may stand.
    expect((await call('POST', MailRoutes.absence(t.slug, m.id), [t, 'member'], {})).status).toBe(201);
  });

  it('refuses members of other bodies, accounts without a person, naming someone else, and the other authority', async () => {
    const m = await newMeeting(t);
    const outsider = await call('POST', MailRoutes.absence(t.slug, m.id), [t, 'outsider'], {});
    expect([outsider.status, outsider.body.detail]).toEqual([409, expect.stringMatching(/member or deputy/)]);
    expect((await call('GET', MailRoutes.absence(t.slug, m.id), [t, 'outsider'])).body).toEqual({ eligible: false, notice: null });
    expect((await call('POST', MailRoutes.absence(t.slug, m.id), [t, 'unlinked'], {})).status).toBe(409);
    expect((await call('POST', MailRoutes.absence(t.slug, m.id), [t, 'member'], { personId: t.person.deputy })).status).toBe(403);
    expect((await call('POST', MailRoutes.absence(t.slug, m.id), [other, 'member'], {})).status).toBe(403);
    expect((await call('POST', MailRoutes.absence(t.slug, m.id), await operatorToken(), {})).status).toBe(403);
    const long = await call('POST', MailRoutes.absence(t.slug, m.id), [t, 'member'], { reason: 'x'.repeat(1001) });
    expect([long.status, fieldsOf(long)]).toEqual([400, ['reason']]);
  });

  it('a clerk records and withdraws one for a deputy; not for a person of another authority', async () => {
    const m = await newMeeting(t);
    const n = await call('POST', MailRoutes.absence(t.slug, m.id), [t, 'clerk'], { personId: t.person.deputy, reason: 'Telefonisch gemeldet' });
    expect(n.status).toBe(201);
    expect(n.body).toMatchObject({ personId: t.person.deputy, createdByName: `clerk of ${t.slug}` });
    expect(await absenceEvents(t)).toContainEqual({ absenceNoticeId: n.body.id });
    const foreign = await call('POST', MailRoutes.absence(t.slug, m.id), [t, 'clerk'], { personId: other.person.member });
    expect([foreign.status, fieldsOf(foreign)]).toEqual([400, ['personId']]);
    expect((await call('POST', MailRoutes.absence(t.slug, m.id), [t, 'clerk'], { personId: t.person.outsider })).status).toBe(409);
    expect((await call('DELETE', `${MailRoutes.absence(t.slug, m.id)}?personId=${t.person.deputy}`, [t, 'clerk'])).status).toBe(204);
    expect((await call('DELETE', `${MailRoutes.absence(t.slug, m.id)}?personId=not-a-uuid`, [t, 'clerk'])).status).toBe(400);
  });
});

describe('mail settings', () => {
  it('tenant admins change sender, reply-to and reminder days (audited); clerks read; header injection and nonsense are 400', async () => {
    const read = await call('GET', ApiRoutes.officeSettings(t.slug), [t, 'clerk']);
    expect(read.body).toEqual({ memberVisibility: 'own-bodies', mailFromName: null, mailFromAddress: null, mailReplyTo: null, reminderDaysBefore: 3, noticePeriodDays: 7, invitationDeliveryDays: 1, oparlLicense: null });
    const wanted = { mailFromName: 'Stadt Postamt – Sitzungsdienst', mailFromAddress: 'Sitzungsdienst@Postamt.example', mailReplyTo: 'buero@postamt.example', reminderDaysBefore: 5 };
    expect((await call('PUT', ApiRoutes.officeSettings(t.slug), [t, 'clerk'], wanted)).status).toBe(403);
    expect((await call('PUT', ApiRoutes.officeSettings(t.slug), [other, 'admin'], wanted)).status).toBe(403);
    expect((await call('PUT', ApiRoutes.officeSettings(t.slug), await operatorToken(), wanted)).status).toBe(403);
    const changed = await call('PUT', ApiRoutes.officeSettings(t.slug), [t, 'admin'], wanted);
    expect(changed).toMatchObject({ status: 200, body: { ...wanted, mailFromAddress: 'sitzungsdienst@postamt.example', memberVisibility: 'own-bodies' } });
    expect((await admin.query(`SELECT mail_from_name, mail_from_address, mail_reply_to, reminder_days_before FROM tenants WHERE id = $1`, [t.id])).rows[0]).toEqual({
      mail_from_name: 'Stadt Postamt – Sitzungsdienst',
      mail_from_address: 'sitzungsdienst@postamt.example',
      mail_reply_to: 'buero@postamt.example',
      reminder_days_before: 5,
    });
    // The other authority keeps its own.
    expect((await call('GET', ApiRoutes.officeSettings(other.slug), [other, 'clerk'])).body.mailFromAddress).toBeNull();

    for (const [body, field] of [
      [{ mailFromAddress: 'a@b.de\r\nBcc: x@y.de' }, 'mailFromAddress'],
      [{ mailReplyTo: 'a@b.de\nBcc: x@y.de' }, 'mailReplyTo'],
      [{ mailFromName: 'Stadt\r\nBcc: x@y.de' }, 'mailFromName'],
      [{ mailFromName: 'x'.repeat(201) }, 'mailFromName'],
      [{ mailFromAddress: `${'a'.repeat(250)}@b.de` }, 'mailFromAddress'],
      [{ mailFromAddress: 'kein-mail' }, 'mailFromAddress'],
      [{ reminderDaysBefore: 61 }, 'reminderDaysBefore'],
      [{ reminderDaysBefore: -1 }, 'reminderDaysBefore'],
      [{ reminderDaysBefore: 2.5 }, 'reminderDaysBefore'],
      [{ smtpHost: 'evil.example' }, 'smtpHost'],
    ] as const) {
      const r = await call('PUT', ApiRoutes.officeSettings(t.slug), [t, 'admin'], body);
      // The problem names the field first; a body with nothing known to change is also told so ("body").
      expect([JSON.stringify(body).slice(0, 60), r.status, fieldsOf(r)[0]]).toEqual([JSON.stringify(body).slice(0, 60), 400, field]);
    }
    const huge = await call('PUT', ApiRoutes.officeSettings(t.slug), [t, 'admin'], { mailFromName: 'x'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    // Nothing of the refused requests was written.
    expect((await call('GET', ApiRoutes.officeSettings(t.slug), [t, 'clerk'])).body).toMatchObject({ mailFromAddress: 'sitzungsdienst@postamt.example', reminderDaysBefore: 5 });

    // Clearing: null and an empty name.
    const cleared = await call('PUT', ApiRoutes.officeSettings(t.slug), [t, 'admin'], { mailFromName: '', mailReplyTo: null });
    expect(cleared.body).toMatchObject({ mailFromName: null, mailReplyTo: null, mailFromAddress: 'sitzungsdienst@postamt.example' });

    const audit = await call('GET', ApiRoutes.officeAudit(t.slug), [t, 'admin']);
    const entries = (audit.body.data as AuditEventDto[]).filter((e) => e.action === 'settings.mail-changed');
    expect(entries.length).toBe(2);
    expect(entries.map((e) => e.changes)).toContainEqual({
      before: { mailFromName: null, mailFromAddress: null, mailReplyTo: null, reminderDaysBefore: 3 },
      after: { mailFromName: 'Stadt Postamt – Sitzungsdienst', mailFromAddress: 'sitzungsdienst@postamt.example', mailReplyTo: 'buero@postamt.example', reminderDaysBefore: 5 },
    });
  });
});

describe('mail language', () => {
  it('stores the caller’s mail language on their own account only; refuses other values and anonymous calls', async () => {
    const locale = async (who: Who, f = t) =>
      (await admin.query<{ locale: string | null }>(`SELECT locale FROM user_accounts WHERE tenant_id = $1 AND subject = $2`, [f.id, f.subs[who]])).rows[0]!.locale;
    expect(await locale('member')).toBeNull();
    const r = await call('PUT', MailRoutes.myLocale, [t, 'member'], { locale: 'en' });
    expect([r.status, r.body]).toEqual([200, { locale: 'en' }]);
    expect(await locale('member')).toBe('en');
    expect(await locale('clerk')).toBeNull();
    expect(await locale('member', other)).toBeNull();
    const bad = await call('PUT', MailRoutes.myLocale, [t, 'member'], { locale: 'fr' });
    expect([bad.status, fieldsOf(bad)]).toEqual([400, ['locale']]);
    expect((await call('PUT', MailRoutes.myLocale, null, { locale: 'de' })).status).toBe(401);
    expect((await call('PUT', MailRoutes.myLocale, 'forged.token.value', { locale: 'de' })).status).toBe(401);
    expect(await locale('member')).toBe('en');
  });
});

import type { INestApplication } from '@nestjs/common';
import { icsProp, parseIcs } from '@ratsinfo/api-mail';
import { connect, fixtureAgs, maildevUrl, type ReceivedMail, receivedMails, sentTo, startTestIssuer, startWorkerProcess, testEnv, type TestIssuer, waitForMails, type WorkerProcess } from '@ratsinfo/api-testing';
import { addDays, berlinDate } from '@ratsinfo/berlin-time';
import { ApiRoutes, type AuditEventDto, latestTimelyInvitationDate, type LifecycleState, MailRoutes, MEETING_TRANSITIONS, MeetingLifecycleRoutes, MeetingRoutes, ProblemType, TRANSITION_TARGETS } from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { startHttpApp } from '../testing/http-app';

/**
 * The meeting's lifecycle over HTTP against the real stack (issue 9): every transition and every
 * invalid one (409 naming the allowed ones, also as the problem member `allowed`), the notice
 * period (a late invitation refused, an urgent one accepted, audited and shown in the mail), the
 * minutes' approval by a later meeting's item, double submits and concurrent transitions, the
 * coalesced automatic update after changes, the notice settings, and who may do any of it.
 */
jest.setTimeout(240_000);

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
  org: string;
  emails: string[];
}
let t: Fixture;
let other: Fixture;

async function createFixture(label: string): Promise<Fixture> {
  const id = randomUUID();
  const slug = `life-${label}-${id.slice(0, 6)}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias) VALUES ($1, $2, $3, 'town', $4, $2)`, [id, slug, `Ladungsfrist ${label}`, fixtureAgs()]);
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
  const one = async (sql: string, params: unknown[]) => (await owner.query<{ id: string }>(sql, params)).rows[0]!.id;
  const org = await one(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, 'Bauausschuss', 'committee') RETURNING id`, [id]);
  // Maria's mails go to her user account's address (the member account below), Dieter's to his own.
  const emails = [`member-account@${slug}.example`, `dieter@${slug}.example`];
  const maria = await one(`INSERT INTO persons (tenant_id, family_name, given_name, email) VALUES ($1, 'Muster', 'Maria', $2) RETURNING id`, [id, `maria@${slug}.example`]);
  const dieter = await one(`INSERT INTO persons (tenant_id, family_name, given_name, email) VALUES ($1, 'Muster', 'Dieter', $2) RETURNING id`, [id, emails[1]]);
  await owner.query(`INSERT INTO memberships (tenant_id, person_id, organization_id, role) VALUES ($1, $2, $3, 'Mitglied')`, [id, maria, org]);
  await owner.query(`INSERT INTO memberships (tenant_id, person_id, organization_id, role, deputy_for_id) VALUES ($1, $2, $3, 'Stellvertreter', $4)`, [id, dieter, org, maria]);
  const subs = { admin: randomUUID(), clerk: randomUUID(), member: randomUUID() };
  for (const [who, role, personId] of [
    ['admin', 'tenant-admin', null],
    ['clerk', 'clerk', null],
    ['member', 'member', maria],
  ] as const) {
    await owner.query(`INSERT INTO user_accounts (tenant_id, issuer, subject, email, display_name, roles, person_id) VALUES ($1, $2, $3, $4, $5, $6::tenant_role[], $7)`, [
      id,
      issuer.issuer(),
      subs[who],
      `${who}-account@${slug}.example`,
      who,
      `{${role}}`,
      personId,
    ]);
  }
  await owner.query('COMMIT');
  return { id, slug, subs, org, emails };
}

const token = (f: Fixture, who: Who) => issuer.token({ sub: f.subs[who], organization: [f.slug], name: `${who} of ${f.slug}` });
const operatorToken = () => issuer.token({ sub: 'operator-1', realm_access: { roles: ['operator'] }, name: 'Olaf Betreiber' });

interface Answer {
  status: number;
  etag: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test answers are read loosely; DTO fields are asserted one by one
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
const fieldsOf = (r: Answer) => (r.body?.errors as { name: string }[] | undefined)?.map((e) => e.name) ?? [];
const transition = (f: Fixture, id: string, body: unknown, version: number, who: Who = 'clerk') => call('POST', MeetingLifecycleRoutes.transitions(f.slug, id), [f, who], body, ifMatch(version));
const lifecycle = (f: Fixture, id: string, who: Who = 'clerk') => call('GET', MeetingLifecycleRoutes.lifecycle(f.slug, id), [f, who]);

/** 17:00 Berlin (winter or summer) `days` from today's Berlin date, as the clerk's form sends it. */
function berlinStart(days: number): string {
  return `${addDays(berlinDate(), days)}T17:00:00+01:00`;
}

async function newMeeting(f: Fixture, days = 60, name = 'Sitzung des Bauausschusses'): Promise<{ id: string; version: number }> {
  const r = await call('POST', MeetingRoutes.list(f.slug), [f, 'clerk'], { organizationId: f.org, name, start: berlinStart(days) });
  expect([r.status, r.body.errors]).toEqual([201, undefined]);
  expect(r.body.meetingState).toBe('planned');
  return { id: r.body.id, version: r.body.version };
}

async function invitationEvents(f: Fixture, meetingId: string) {
  return (
    await admin.query<{ id: string; payload: { kind: string; sequence: number; message?: string }; available_at: Date; processed_at: Date | null }>(
      `SELECT id, payload, available_at, processed_at FROM outbox_events WHERE tenant_id = $1 AND topic = 'meeting.invitation-requested' AND payload->>'meetingId' = $2 ORDER BY created_at, (payload->>'sequence')::int`,
      [f.id, meetingId],
    )
  ).rows;
}

async function meetingRow(id: string) {
  return (
    await admin.query<{ meeting_state: string; cancelled: boolean; version: number; ical_sequence: number; invited_at: Date | null; urgent_reason: string | null; started_at: Date | null; closed_at: Date | null; current_agenda_item_id: string | null; minutes_approved_by_item_id: string | null }>(
      `SELECT meeting_state, cancelled, version, ical_sequence, invited_at, urgent_reason, started_at, closed_at, current_agenda_item_id, minutes_approved_by_item_id FROM meetings WHERE id = $1`,
      [id],
    )
  ).rows[0]!;
}

/** Puts a meeting into a state directly (as the seed does), for the tests of what may follow it. */
async function forceState(id: string, state: LifecycleState): Promise<number> {
  const r = await admin.query<{ version: number }>(
    `UPDATE meetings SET meeting_state = $2::meeting_state, cancelled = $3, cancelled_reason = CASE WHEN $3 THEN 'Test' END, version = version + 1 WHERE id = $1 RETURNING version`,
    [id, state === 'cancelled' ? 'planned' : state, state === 'cancelled'],
  );
  return r.rows[0]!.version;
}

async function auditOf(f: Fixture, meetingId: string, action: string) {
  const audit = await call('GET', `${ApiRoutes.officeAudit(f.slug)}?limit=200`, [f, 'admin']);
  expect(audit.status).toBe(200);
  return (audit.body.data as AuditEventDto[]).filter((e) => e.action === action && e.entityId === meetingId);
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

describe('lifecycle: reading', () => {
  it('shows the state, the allowed transitions and the notice period; staff only, own authority only', async () => {
    const m = await newMeeting(t, 60);
    const r = await lifecycle(t, m.id);
    expect(r.status).toBe(200);
    expect(r.etag).toBe(`"${m.version}"`);
    const meetingDate = addDays(berlinDate(), 60);
    expect(r.body).toEqual({
      meetingId: m.id,
      state: 'planned',
      allowedTransitions: ['invited', 'cancelled'],
      version: m.version,
      invitedAt: null,
      urgentReason: null,
      startedAt: null,
      closedAt: null,
      cancelledReason: null,
      minutesApprovedByItemId: null,
      approvalCandidates: [],
      notice: { noticePeriodDays: 7, invitationDeliveryDays: 1, meetingDate, latestTimelyDate: latestTimelyInvitationDate(meetingDate, 7, 1), timelyNow: true },
    });
    expect((await lifecycle(t, (await newMeeting(t, 3)).id)).body.notice.timelyNow).toBe(false);
    // The tenant admin reads it too; a member, another authority's clerk, an operator and nobody do not.
    expect((await lifecycle(t, m.id, 'admin')).status).toBe(200);
    expect((await lifecycle(t, m.id, 'member')).status).toBe(403);
    expect((await call('GET', MeetingLifecycleRoutes.lifecycle(other.slug, m.id), [other, 'clerk'])).status).toBe(404);
    expect((await call('GET', MeetingLifecycleRoutes.lifecycle(t.slug, m.id), [other, 'clerk'])).status).toBe(403);
    expect((await call('GET', MeetingLifecycleRoutes.lifecycle(t.slug, m.id), await operatorToken())).status).toBe(403);
    expect((await call('GET', MeetingLifecycleRoutes.lifecycle(t.slug, m.id), null)).status).toBe(401);
    expect((await call('GET', MeetingLifecycleRoutes.lifecycle(t.slug, randomUUID()), [t, 'clerk'])).status).toBe(404);
    const bad = await call('GET', MeetingLifecycleRoutes.lifecycle(t.slug, 'kein-uuid'), [t, 'clerk']);
    expect([bad.status, fieldsOf(bad)]).toEqual([400, ['meetingId']]);
  });
});

describe('lifecycle: transitions', () => {
  it('walks planned → invited → running → held → minutes drafted (and back) → minutes approved, each audited', async () => {
    const m = await newMeeting(t, 30);
    const invited = await transition(t, m.id, { to: 'invited', message: 'Bitte Unterlagen beachten' }, m.version);
    expect(invited.status).toBe(200);
    expect(invited.body).toMatchObject({ state: 'invited', allowedTransitions: ['running', 'cancelled'], version: m.version + 1, urgentReason: null, invitedAt: expect.any(String) });
    expect(invited.etag).toBe(`"${m.version + 1}"`);
    expect(await meetingRow(m.id)).toMatchObject({ meeting_state: 'invited', ical_sequence: 1 });
    expect((await invitationEvents(t, m.id)).map((e) => e.payload)).toEqual([{ meetingId: m.id, kind: 'invitation', sequence: 1, message: 'Bitte Unterlagen beachten' }]);

    const running = await transition(t, m.id, { to: 'running' }, invited.body.version);
    expect(running.body).toMatchObject({ state: 'running', allowedTransitions: ['held', 'cancelled'], startedAt: expect.any(String), closedAt: null });
    // The clerk's live mode marks a current item; closing the meeting clears it.
    const item = (await call('POST', MeetingRoutes.agendaItems(t.slug, m.id), [t, 'clerk'], { name: 'Eröffnung', urgent: true, urgentReason: 'Sitzung läuft' }, ifMatch(running.body.version))).body.items[0].id as string;
    await admin.query(`UPDATE meetings SET current_agenda_item_id = $2 WHERE id = $1`, [m.id, item]);
    const version = (await meetingRow(m.id)).version;
    const held = await transition(t, m.id, { to: 'held' }, version);
    expect(held.body).toMatchObject({ state: 'held', allowedTransitions: ['minutes_drafted'], startedAt: running.body.startedAt, closedAt: expect.any(String) });
    expect((await meetingRow(m.id)).current_agenda_item_id).toBeNull();

    const drafted = await transition(t, m.id, { to: 'minutes_drafted' }, held.body.version);
    expect(drafted.body).toMatchObject({ state: 'minutes_drafted', allowedTransitions: ['minutes_approved', 'held'] });
    // Back to held (the draft needs work) keeps the time the meeting closed.
    const back = await transition(t, m.id, { to: 'held' }, drafted.body.version);
    expect(back.body).toMatchObject({ state: 'held', closedAt: held.body.closedAt });
    const again = await transition(t, m.id, { to: 'minutes_drafted' }, back.body.version);

    // Approved by an accepted item of a later meeting that names this one.
    const later = await newMeeting(t, 60, 'Folgesitzung');
    const approving = await approvingItem(t, later.id, m.id, 'accepted');
    // The clerk picks it from the lifecycle's candidates (no id to type).
    const offered = await lifecycle(t, m.id);
    expect(offered.body.approvalCandidates).toEqual([expect.objectContaining({ itemId: approving, meetingId: later.id, meetingName: 'Folgesitzung', accepted: true })]);
    const approved = await transition(t, m.id, { to: 'minutes_approved', approvedByItemId: approving }, again.body.version);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'minutes_approved', allowedTransitions: [], minutesApprovedByItemId: approving });

    const changes = (await auditOf(t, m.id, 'meeting.state-changed')).map((e) => e.changes);
    expect(changes).toEqual(
      expect.arrayContaining([
        { to: 'invited' },
        { from: 'invited', to: 'running' },
        { from: 'running', to: 'held' },
        { from: 'held', to: 'minutes_drafted' },
        { from: 'minutes_drafted', to: 'held' },
        { from: 'minutes_drafted', to: 'minutes_approved', approvedByItemId: approving },
      ]),
    );
    expect(changes).toHaveLength(7);
  });

  it('refuses every transition the table does not allow: 409 naming the allowed ones, also as the member `allowed`; nothing written', async () => {
    for (const from of Object.keys(MEETING_TRANSITIONS) as LifecycleState[]) {
      const m = await newMeeting(t, 45);
      const version = from === 'planned' ? m.version : await forceState(m.id, from);
      const allowed = MEETING_TRANSITIONS[from];
      for (const to of TRANSITION_TARGETS.filter((x) => !allowed.includes(x))) {
        const body = to === 'cancelled' ? { to, reason: 'Test' } : to === 'minutes_approved' ? { to, approvedByItemId: randomUUID() } : { to };
        const r = await transition(t, m.id, body, version);
        expect([from, to, r.status, r.body.type, r.body.allowed]).toEqual([from, to, 409, ProblemType.conflict, [...allowed]]);
        for (const a of allowed) expect(r.body.detail).toContain(a);
      }
      expect((await meetingRow(m.id)).version).toBe(version);
      expect(await invitationEvents(t, m.id)).toEqual([]);
    }
  });

  it('cancels exactly like POST …/cancel: the reason, the cancellation to everyone invited; never a held meeting', async () => {
    const m = await newMeeting(t, 30);
    const invited = await transition(t, m.id, { to: 'invited' }, m.version);
    const cancelled = await transition(t, m.id, { to: 'cancelled', reason: 'Keine Beratungsgegenstände' }, invited.body.version);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ state: 'cancelled', allowedTransitions: [], cancelledReason: 'Keine Beratungsgegenstände', version: invited.body.version + 1 });
    expect((await invitationEvents(t, m.id)).map((e) => e.payload)).toEqual([
      { meetingId: m.id, kind: 'invitation', sequence: 1 },
      { meetingId: m.id, kind: 'cancellation', sequence: 2, message: 'Keine Beratungsgegenstände' },
    ]);
    expect((await auditOf(t, m.id, 'meeting.cancelled')).map((e) => e.changes)).toEqual([{ reason: 'Keine Beratungsgegenstände', cancellationSequence: 2 }]);
    const twice = await transition(t, m.id, { to: 'cancelled', reason: 'Nochmal' }, cancelled.body.version);
    expect([twice.status, twice.body.allowed]).toEqual([409, []]);

    // A held meeting took place: neither route cancels it.
    const h = await newMeeting(t, 30);
    const v = await forceState(h.id, 'held');
    const viaCancel = await call('POST', MeetingRoutes.cancel(t.slug, h.id), [t, 'clerk'], { reason: 'Zu spät' }, ifMatch(v));
    expect([viaCancel.status, viaCancel.body.allowed]).toEqual([409, ['minutes_drafted']]);
    expect((await meetingRow(h.id)).cancelled).toBe(false);
  });

  it('approves the minutes only by an accepted, living item of a later meeting that names this one', async () => {
    const m = await newMeeting(t, 20);
    const version = await forceState(m.id, 'minutes_drafted');
    const later = await newMeeting(t, 50, 'Spätere Sitzung');
    const earlier = await newMeeting(t, 10, 'Frühere Sitzung');
    const cases: [string, string, RegExp][] = [
      ['unknown', randomUUID(), /does not exist/],
      ['earlier meeting', await approvingItem(t, earlier.id, m.id, 'accepted'), /later meeting/],
      ['other minutes', await approvingItem(t, later.id, earlier.id, 'accepted'), /does not approve the minutes of this meeting/],
      ['not accepted', await approvingItem(t, later.id, m.id, 'rejected'), /accepted/],
      ['undecided', await approvingItem(t, later.id, m.id, null), /accepted/],
      ['deleted', await approvingItem(t, later.id, m.id, 'accepted', true), /does not exist/],
    ];
    for (const [label, itemId, reason] of cases) {
      const r = await transition(t, m.id, { to: 'minutes_approved', approvedByItemId: itemId }, version);
      expect([label, r.status, r.body.detail]).toEqual([label, 409, expect.stringMatching(reason)]);
    }
    // Another authority's item does not exist here.
    const foreignMeeting = await newMeeting(other, 50);
    const foreign = await approvingItem(other, foreignMeeting.id, null, 'accepted');
    expect((await transition(t, m.id, { to: 'minutes_approved', approvedByItemId: foreign }, version)).status).toBe(409);
    const missing = await transition(t, m.id, { to: 'minutes_approved' }, version);
    expect([missing.status, fieldsOf(missing)]).toEqual([400, ['approvedByItemId']]);
    expect((await meetingRow(m.id)).minutes_approved_by_item_id).toBeNull();
    expect((await meetingRow(m.id)).version).toBe(version);
  });
});

describe('lifecycle: the notice period (Ladungsfrist)', () => {
  it('refuses a late invitation naming the latest timely date, writing nothing; the old invitations route checks the same', async () => {
    const m = await newMeeting(t, 3);
    const meetingDate = addDays(berlinDate(), 3);
    const latest = latestTimelyInvitationDate(meetingDate, 7, 1);
    const late = await transition(t, m.id, { to: 'invited' }, m.version);
    expect([late.status, late.body.type, late.body.latestTimelyDate]).toEqual([409, ProblemType.conflict, latest]);
    expect(late.body.detail).toContain(latest);
    expect(late.body.detail).toMatch(/urgent/);
    const old = await call('POST', MailRoutes.invitations(t.slug, m.id), [t, 'clerk'], { kind: 'invitation' }, ifMatch(m.version));
    expect([old.status, old.body.latestTimelyDate]).toEqual([409, latest]);
    expect(await meetingRow(m.id)).toMatchObject({ meeting_state: 'planned', version: m.version, ical_sequence: 0, invited_at: null, urgent_reason: null });
    expect(await invitationEvents(t, m.id)).toEqual([]);
  });

  it('accepts a late invitation marked urgent with a reason: stored, audited, reported; a timely one keeps no urgency', async () => {
    const m = await newMeeting(t, 2);
    const reason = 'Die Förderzusage verfällt am Monatsende; der Ausschuss muss vorher beschließen.';
    const r = await transition(t, m.id, { to: 'invited', urgentReason: reason }, m.version);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ state: 'invited', urgentReason: reason, notice: { timelyNow: false } });
    expect((await meetingRow(m.id)).urgent_reason).toBe(reason);
    const latest = latestTimelyInvitationDate(addDays(berlinDate(), 2), 7, 1);
    expect((await auditOf(t, m.id, 'meeting.invitation-requested')).map((e) => e.changes)).toEqual([{ kind: 'invitation', sequence: 1, urgentReason: reason, latestTimelyDate: latest }]);
    expect((await auditOf(t, m.id, 'meeting.state-changed')).map((e) => e.changes)).toEqual([{ to: 'invited', urgentReason: reason }]);

    const timely = await newMeeting(t, 40);
    const ok = await transition(t, timely.id, { to: 'invited', urgentReason: 'Unnötig' }, timely.version);
    expect([ok.status, ok.body.urgentReason]).toEqual([200, null]);
  });

  it('refuses bad input naming the field, a missing or stale If-Match, and anyone but the office of this authority', async () => {
    const m = await newMeeting(t, 3);
    const cases: [unknown, string][] = [
      [{ to: 'invited', urgentReason: 'Eilt\u0000' }, 'urgentReason'],
      [{ to: 'invited', urgentReason: '' }, 'urgentReason'],
      [{ to: 'invited', urgentReason: 'x'.repeat(1001) }, 'urgentReason'],
      [{ to: 'invited', message: 'a\u0007b' }, 'message'],
      [{ to: 'planned' }, 'to'],
      [{ to: 'done' }, 'to'],
      [{}, 'to'],
      [{ to: 'running', urgentReason: 'Eilt' }, 'urgentReason'],
      [{ to: 'cancelled' }, 'reason'],
      [{ to: 'cancelled', reason: 'Grund\u001b' }, 'reason'],
      [{ to: 'minutes_approved', approvedByItemId: 'kein-uuid' }, 'approvedByItemId'],
      [{ to: 'invited', state: 'invited' }, 'state'],
      ['[1,2', 'body'],
    ];
    for (const [body, field] of cases) {
      const r = await transition(t, m.id, body, m.version);
      expect([JSON.stringify(body).slice(0, 50), r.status, r.body.type, fieldsOf(r)]).toEqual([JSON.stringify(body).slice(0, 50), 400, ProblemType.validation, expect.arrayContaining([field])]);
    }
    expect((await transition(t, m.id, { to: 'invited', urgentReason: 'x'.repeat(2 * 1024 * 1024) }, m.version)).status).toBe(413);
    const none = await call('POST', MeetingLifecycleRoutes.transitions(t.slug, m.id), [t, 'clerk'], { to: 'invited', urgentReason: 'Eilt' });
    expect([none.status, none.body.type]).toEqual([428, ProblemType.preconditionRequired]);
    const stale = await transition(t, m.id, { to: 'invited', urgentReason: 'Eilt' }, m.version + 3);
    expect([stale.status, stale.body.type, stale.body.current?.state]).toEqual([412, ProblemType.staleVersion, 'planned']);
    expect((await transition(t, m.id, { to: 'invited', urgentReason: 'Eilt' }, m.version, 'member')).status).toBe(403);
    expect((await call('POST', MeetingLifecycleRoutes.transitions(t.slug, m.id), [other, 'clerk'], { to: 'invited', urgentReason: 'Eilt' }, ifMatch(m.version))).status).toBe(403);
    expect((await call('POST', MeetingLifecycleRoutes.transitions(other.slug, m.id), [other, 'clerk'], { to: 'invited', urgentReason: 'Eilt' }, ifMatch(m.version))).status).toBe(404);
    expect((await call('POST', MeetingLifecycleRoutes.transitions(t.slug, m.id), await operatorToken(), { to: 'invited', urgentReason: 'Eilt' }, ifMatch(m.version))).status).toBe(403);
    // The state moves by transitions only: creating or editing a meeting cannot set it.
    const created = await call('POST', MeetingRoutes.list(t.slug), [t, 'clerk'], { organizationId: t.org, name: 'Gleich eingeladen', start: berlinStart(30), meetingState: 'invited' });
    expect([created.status, fieldsOf(created)]).toEqual([400, ['meetingState']]);
    const patched = await call('PATCH', MeetingRoutes.one(t.slug, m.id), [t, 'clerk'], { meetingState: 'held' }, ifMatch(m.version));
    expect([patched.status, fieldsOf(patched)]).toEqual([400, ['meetingState']]);
    expect(await meetingRow(m.id)).toMatchObject({ meeting_state: 'planned', version: m.version });
    expect(await invitationEvents(t, m.id)).toEqual([]);
  });

  it('a double submit (the same If-Match twice) invites once; two different transitions at once: one wins, the other is 412', async () => {
    const m = await newMeeting(t, 30);
    const both = await Promise.all([1, 2].map(() => transition(t, m.id, { to: 'invited' }, m.version)));
    expect(both.map((b) => b.status).sort()).toEqual([200, 412]);
    expect((await transition(t, m.id, { to: 'invited' }, m.version)).status).toBe(412);
    expect(await invitationEvents(t, m.id)).toHaveLength(1);
    expect((await meetingRow(m.id)).ical_sequence).toBe(1);

    const version = m.version + 1;
    const race = await Promise.all([transition(t, m.id, { to: 'running' }, version), transition(t, m.id, { to: 'cancelled', reason: 'Sturm' }, version)]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 412]);
    const row = await meetingRow(m.id);
    expect(row.version).toBe(version + 1);
    const winner = race.find((r) => r.status === 200)!.body.state;
    expect(winner === 'running' ? row.meeting_state === 'running' && !row.cancelled : row.cancelled).toBe(true);
  });
});

describe('notice settings', () => {
  it('tenant admins set the notice period and delivery days (audited, 0..60 and 0..14); the lifecycle uses them; others cannot', async () => {
    const f = other;
    const before = await call('GET', ApiRoutes.officeSettings(f.slug), [f, 'clerk']);
    expect(before.body).toMatchObject({ noticePeriodDays: 7, invitationDeliveryDays: 1 });
    for (const [body, field] of [
      [{ noticePeriodDays: 61 }, 'noticePeriodDays'],
      [{ noticePeriodDays: -1 }, 'noticePeriodDays'],
      [{ noticePeriodDays: 2.5 }, 'noticePeriodDays'],
      [{ noticePeriodDays: '7' }, 'noticePeriodDays'],
      [{ invitationDeliveryDays: 15 }, 'invitationDeliveryDays'],
      [{ invitationDeliveryDays: null }, 'invitationDeliveryDays'],
    ] as const) {
      const r = await call('PUT', ApiRoutes.officeSettings(f.slug), [f, 'admin'], body);
      expect([JSON.stringify(body), r.status, fieldsOf(r)[0]]).toEqual([JSON.stringify(body), 400, field]);
    }
    expect((await call('PUT', ApiRoutes.officeSettings(f.slug), [f, 'clerk'], { noticePeriodDays: 3 })).status).toBe(403);
    expect((await call('PUT', ApiRoutes.officeSettings(f.slug), [t, 'admin'], { noticePeriodDays: 3 })).status).toBe(403);
    const changed = await call('PUT', ApiRoutes.officeSettings(f.slug), [f, 'admin'], { noticePeriodDays: 14, invitationDeliveryDays: 3 });
    expect([changed.status, changed.body.noticePeriodDays, changed.body.invitationDeliveryDays]).toEqual([200, 14, 3]);
    expect((await admin.query(`SELECT notice_period_days, invitation_delivery_days FROM tenants WHERE id = $1`, [f.id])).rows[0]).toEqual({ notice_period_days: 14, invitation_delivery_days: 3 });
    // The first authority keeps its own.
    expect((await call('GET', ApiRoutes.officeSettings(t.slug), [t, 'clerk'])).body).toMatchObject({ noticePeriodDays: 7, invitationDeliveryDays: 1 });
    const audit = await call('GET', ApiRoutes.officeAudit(f.slug), [f, 'admin']);
    expect((audit.body.data as AuditEventDto[]).filter((e) => e.action === 'settings.notice-changed').map((e) => e.changes)).toEqual([
      { before: { noticePeriodDays: 7, invitationDeliveryDays: 1 }, after: { noticePeriodDays: 14, invitationDeliveryDays: 3 } },
    ]);
    // 17 days ahead is late with 14 days' notice and 3 days' delivery (latest: 18 days before).
    const m = await newMeeting(f, 17);
    const l = await lifecycle(f, m.id);
    expect(l.body.notice).toMatchObject({ noticePeriodDays: 14, invitationDeliveryDays: 3, timelyNow: false, latestTimelyDate: latestTimelyInvitationDate(addDays(berlinDate(), 17), 14, 3) });
    expect((await transition(f, m.id, { to: 'invited' }, m.version)).status).toBe(409);
  });
});

/** An agenda item of `meetingId` that approves the minutes of `approves`, with a result. */
async function approvingItem(f: Fixture, meetingId: string, approves: string | null, result: 'accepted' | 'rejected' | null, deleted = false): Promise<string> {
  await owner.query('BEGIN');
  try {
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [f.id]);
    const order = (await owner.query<{ n: number }>(`SELECT coalesce(max("order"), 0)::int + 1 AS n FROM agenda_items WHERE meeting_id = $1`, [meetingId])).rows[0]!.n;
    const id = (
      await owner.query<{ id: string }>(
        `INSERT INTO agenda_items (tenant_id, meeting_id, "order", number, name, public, approves_minutes_of_meeting_id, result_kind, deleted_at)
         VALUES ($1, $2, $3, $4, 'Genehmigung der Niederschrift', true, $5, $6::agenda_result, $7) RETURNING id`,
        [f.id, meetingId, order, `Ö ${order}`, approves, result, deleted ? new Date() : null],
      )
    ).rows[0]!.id;
    await owner.query('COMMIT');
    return id;
  } catch (e) {
    await owner.query('ROLLBACK');
    throw e;
  }
}

describe('invitation mails (worker process, maildev)', () => {
  let worker: WorkerProcess;
  beforeAll(async () => {
    worker = await startWorkerProcess();
  });
  afterAll(async () => {
    await worker?.stop();
  });

  const invitationsTo = (email: string, subject: RegExp) => (m: ReceivedMail) => sentTo(email)(m) && subject.test(m.subject);

  async function sequenceOf(m: ReceivedMail): Promise<number> {
    const att = m.attachments?.find((a) => a.contentType.startsWith('text/calendar'));
    const res = await fetch(`${maildevUrl()}/api/email/${encodeURIComponent(m.id)}/attachment/${encodeURIComponent(att?.generatedFileName ?? 'einladung.ics')}`);
    expect(res.status).toBe(200);
    const ev = parseIcs(await res.text()).components.find((c) => c.type === 'VEVENT');
    return Number(ev ? icsProp(ev, 'SEQUENCE')?.value : NaN);
  }

  it('an urgent invitation shows its reason in the mail of every member, with the calendar', async () => {
    const m = await newMeeting(t, 2, 'Eilsitzung des Bauausschusses');
    const reason = `Fristablauf Fördermittel ${randomUUID().slice(0, 8)}`;
    expect((await transition(t, m.id, { to: 'invited', urgentReason: reason }, m.version)).status).toBe(200);
    for (const email of t.emails) {
      const [mail] = await waitForMails(1, invitationsTo(email, /^Einladung: Eilsitzung/));
      expect(mail!.text).toContain('Dringliche Einladung mit verkürzter Ladungsfrist');
      expect(mail!.text).toContain(reason);
      expect(mail!.attachments?.some((a) => a.contentType.startsWith('text/calendar'))).toBe(true);
      expect(Number.isInteger(await sequenceOf(mail!))).toBe(true);
    }
  });

  it('changes after the invitation send ONE coalesced update (two agenda edits and a new time), with a higher SEQUENCE', async () => {
    const m = await newMeeting(t, 30, 'Sitzung mit Nachträgen');
    const invited = await transition(t, m.id, { to: 'invited' }, m.version);
    for (const email of t.emails) await waitForMails(1, invitationsTo(email, /^Einladung: Sitzung mit Nachträgen/));
    const first = await call('POST', MeetingRoutes.agendaItems(t.slug, m.id), [t, 'clerk'], { name: 'Nachtrag A', urgent: true, urgentReason: 'Eilt' }, ifMatch(invited.body.version));
    expect(first.status).toBe(201);
    const second = await call('POST', MeetingRoutes.agendaItems(t.slug, m.id), [t, 'clerk'], { name: 'Nachtrag B', urgent: true, urgentReason: 'Eilt auch' }, ifMatch(first.body.version));
    expect(second.status).toBe(201);
    const moved = await call('PATCH', MeetingRoutes.one(t.slug, m.id), [t, 'clerk'], { start: `${addDays(berlinDate(), 30)}T18:00:00+01:00` }, ifMatch(second.body.version));
    expect(moved.status).toBe(200);
    // A change the mail does not show (nothing changed) records nothing.
    const same = await call('PATCH', MeetingRoutes.one(t.slug, m.id), [t, 'clerk'], { name: 'Sitzung mit Nachträgen' }, ifMatch(moved.body.version));
    expect(same.status).toBe(200);

    const events = await invitationEvents(t, m.id);
    expect(events.map((e) => e.payload)).toEqual([
      { meetingId: m.id, kind: 'invitation', sequence: 1 },
      { meetingId: m.id, kind: 'update', sequence: 2 },
    ]);
    const update = events[1]!;
    expect(update.available_at.getTime()).toBeGreaterThan(Date.now() + 60_000);
    expect((await meetingRow(m.id)).ical_sequence).toBe(2);
    expect((await auditOf(t, m.id, 'meeting.invitation-requested')).map((e) => e.changes)).toContainEqual({ kind: 'update', sequence: 2, automatic: true });

    // The test does not wait the two minutes: the update becomes due now.
    await admin.query(`UPDATE outbox_events SET available_at = now() WHERE id = $1`, [update.id]);
    for (const email of t.emails) {
      const [mail] = await waitForMails(1, invitationsTo(email, /^Geänderte Einladung: Sitzung mit Nachträgen/));
      expect(mail!.text).toContain('Nachtrag A');
      expect(mail!.text).toContain('Nachtrag B');
      expect(mail!.text).toContain('18:00');
      const [original] = await receivedMails(invitationsTo(email, /^Einladung: Sitzung mit Nachträgen/));
      expect(await sequenceOf(mail!)).toBeGreaterThan(await sequenceOf(original!));
    }
    // A while later still exactly one update per recipient.
    await new Promise((r) => setTimeout(r, 2000));
    for (const email of t.emails) expect(await receivedMails(invitationsTo(email, /^Geänderte Einladung: Sitzung mit Nachträgen/))).toHaveLength(1);

    // After it was sent, the next change records a new update.
    const third = await call('POST', MeetingRoutes.agendaItems(t.slug, m.id), [t, 'clerk'], { name: 'Nachtrag C', urgent: true, urgentReason: 'Eilt' }, ifMatch(same.body.version));
    expect(third.status).toBe(201);
    expect((await invitationEvents(t, m.id)).map((e) => e.payload.sequence)).toEqual([1, 2, 3]);
  });
});

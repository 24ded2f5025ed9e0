import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import { connect, fixtureAgs, minimalDocx, startTestIssuer, testEnv, textPdf, type TestIssuer } from '@ratsinfo/api-testing';
import { ApiRoutes, type AuditEventDto, DecisionRoutes, FileRoutes, type MeetingDecisionsDto, MeetingRoutes, ProblemType } from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'pg';
import { createApp } from './create-app';

/**
 * Decisions over HTTP against the real stack: counted and named votes, conflicts of interest
 * (refused by the database whichever comes first, mapped to 422), the resolution the database
 * makes of an accepted decision (exactly one), the meeting's state and version, the signed
 * minutes (a PDF of this meeting) and the item approving an earlier meeting's minutes.
 */
jest.setTimeout(180_000);

let app: INestApplication;
let base: string;
let owner: Client;
let admin: Client;
let issuer: TestIssuer;
let storageDir: string;

type Who = 'admin' | 'clerk' | 'clerk2' | 'member';
interface Fixture {
  id: string;
  slug: string;
  subs: Record<Who, string>;
  org: Record<'bau' | 'finanz', string>;
  /** Voting members a–d of the Bauausschuss; e without a vote; f left before 2031; g deputy of a. */
  person: Record<'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g', string>;
}
let t: Fixture;
let other: Fixture;

async function createFixture(label: string): Promise<Fixture> {
  const id = randomUUID();
  const slug = `dec-${label}-${id.slice(0, 6)}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias) VALUES ($1, $2, $3, 'town', $4, $2)`, [id, slug, `Beschlussstadt ${label}`, fixtureAgs()]);
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
  const one = async (sql: string, params: unknown[]) => (await owner.query<{ id: string }>(sql, params)).rows[0]!.id;
  const org = (name: string) => one(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, $2, 'committee') RETURNING id`, [id, name]);
  const orgs = { bau: await org('Bauausschuss'), finanz: await org('Finanzausschuss') };
  const person = (given: string, family: string) => one(`INSERT INTO persons (tenant_id, family_name, given_name) VALUES ($1, $2, $3) RETURNING id`, [id, family, given]);
  const p = {
    a: await person('Anna', 'Albers'),
    b: await person('Bernd', 'Brandt'),
    c: await person('Carla', 'Claußen'),
    d: await person('Dieter', 'Dahl'),
    e: await person('Eva', 'Ehlers'),
    f: await person('Frank', 'Fuchs'),
    g: await person('Gerda', 'Groß'),
  };
  const membership = (personId: string, extra = '', values: unknown[] = []) =>
    owner.query(`INSERT INTO memberships (tenant_id, person_id, organization_id, role${extra ? `, ${extra}` : ''}) VALUES ($1, $2, $3, 'Mitglied'${values.map((_, i) => `, $${i + 4}`).join('')})`, [id, personId, orgs.bau, ...values]);
  for (const x of [p.a, p.b, p.c, p.d]) await membership(x);
  await membership(p.e, 'voting_right', [false]);
  await membership(p.f, 'start_date, end_date', ['2026-01-01', '2030-12-31']);
  await membership(p.g, 'deputy_for_id', [p.a]);
  const subs = { admin: randomUUID(), clerk: randomUUID(), clerk2: randomUUID(), member: randomUUID() };
  for (const [who, role, personId] of [['admin', 'tenant-admin', null], ['clerk', 'clerk', null], ['clerk2', 'clerk', null], ['member', 'member', p.a]] as const) {
    await owner.query(
      `INSERT INTO user_accounts (tenant_id, issuer, subject, email, display_name, roles, person_id) VALUES ($1, $2, $3, $4, $5, $6::tenant_role[], $7)`,
      [id, issuer.issuer(), subs[who], `${who}@${slug}.example`, who, `{${role}}`, personId],
    );
  }
  await owner.query('COMMIT');
  return { id, slug, subs, org: orgs, person: p };
}

const token = (f: Fixture, who: Who) => issuer.token({ sub: f.subs[who], organization: [f.slug], name: who });

interface Answer {
  status: number;
  etag: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test answers are read loosely; DTO fields are asserted one by one
  body: any;
}

async function call(method: string, path: string, who: [Fixture, Who], body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${await token(...who)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : null };
}

async function upload(f: Fixture, meetingId: string, name: string, type: string, bytes: Uint8Array): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await fetch(base + FileRoutes.ownerFiles(f.slug, { kind: 'meeting', id: meetingId }), { method: 'POST', headers: { authorization: `Bearer ${await token(f, 'clerk')}` }, body: form });
  const body = await res.json();
  expect([res.status, body.errors]).toEqual([201, undefined]);
  return body.id;
}

const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const fieldsOf = (r: Answer) => (r.body?.errors as { name: string }[] | undefined)?.map((e) => e.name) ?? [];

interface Meeting {
  id: string;
  version: number;
  items: { id: string; number: string; name: string; public: boolean }[];
}

/** A meeting of the Bauausschuss with an agenda (two public items, one non-public), then put in `state` directly. */
async function newMeeting(f: Fixture, state = 'held', start = '2031-03-04T17:00:00+01:00', organizationId = f.org.bau): Promise<Meeting> {
  const m = await call('POST', MeetingRoutes.list(f.slug), [f, 'clerk'], { organizationId, name: 'Sitzung des Bauausschusses', start });
  expect([m.status, m.body.errors]).toEqual([201, undefined]);
  const agenda = await call(
    'PUT',
    MeetingRoutes.agenda(f.slug, m.body.id),
    [f, 'clerk'],
    { items: [{ level: 1, public: true, name: 'Bebauungsplan Nr. 12' }, { level: 1, public: true, name: 'Radweg Bahnhofstraße' }, { level: 1, public: false, name: 'Grundstücksverkauf Flur 3' }] },
    ifMatch(1),
  );
  expect(agenda.status).toBe(200);
  await admin.query(`UPDATE meetings SET meeting_state = $2::meeting_state WHERE id = $1`, [m.body.id, state]);
  return { id: m.body.id, version: agenda.body.version, items: agenda.body.items };
}

async function read(f: Fixture, meetingId: string): Promise<MeetingDecisionsDto> {
  const r = await call('GET', DecisionRoutes.decisions(f.slug, meetingId), [f, 'clerk']);
  expect(r.status).toBe(200);
  return r.body;
}

const put = (m: Meeting, itemId: string, version: number, body: unknown, who: [Fixture, Who] = [t, 'clerk']) => call('PUT', DecisionRoutes.decision(who[0].slug, m.id, itemId), who, body, ifMatch(version));

const resolutions = async (itemId: string) => Number((await admin.query(`SELECT count(*) FROM resolutions WHERE agenda_item_id = $1`, [itemId])).rows[0].count);

beforeAll(async () => {
  const env = testEnv();
  issuer = await startTestIssuer(['ratsinfo']);
  owner = await connect(env.ownerUrl);
  admin = await connect(env.adminUrl);
  storageDir = await mkdtemp(join(tmpdir(), 'ratsinfo-decisions-'));
  t = await createFixture('a');
  other = await createFixture('b');
  app = await createApp(
    loadConfig({
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      AUTH_URL: issuer.url,
      AUTH_REALM: 'ratsinfo',
      FILE_STORAGE_DIR: storageDir,
      RATE_LIMIT_ENABLED: 'false',
    }),
  );
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});

afterAll(async () => {
  await app.close();
  for (const f of [t, other]) await owner.query('DELETE FROM tenants WHERE id = $1', [f.id]);
  await owner.end();
  await admin.end();
  await issuer.stop();
  await rm(storageDir, { recursive: true, force: true });
});

describe('reading the decisions', () => {
  it('lists the items in order with their numbers, and who may vote: voting members on the day and deputies present for one', async () => {
    const m = await newMeeting(t);
    await admin.query(`INSERT INTO meeting_attendances (tenant_id, meeting_id, person_id, status, role, deputy_for_person_id) VALUES ($1, $2, $3, 'present', 'deputy', $4)`, [t.id, m.id, t.person.g, t.person.a]);
    await admin.query(`INSERT INTO meeting_attendances (tenant_id, meeting_id, person_id, status) VALUES ($1, $2, $3, 'excused')`, [t.id, m.id, t.person.a]);
    const r = await call('GET', DecisionRoutes.decisions(t.slug, m.id), [t, 'clerk']);
    expect([r.status, r.etag]).toEqual([200, `"${m.version}"`]);
    const d: MeetingDecisionsDto = r.body;
    expect(d.items.map((i) => [i.number, i.name, i.public, i.decision.resultKind])).toEqual([
      ['Ö 1', 'Bebauungsplan Nr. 12', true, null],
      ['Ö 2', 'Radweg Bahnhofstraße', true, null],
      ['N 1', 'Grundstücksverkauf Flur 3', false, null],
    ]);
    expect(d.eligibleVoters.map((v) => [v.name, v.role, v.deputyForName, v.attendance])).toEqual([
      ['Anna Albers', 'member', null, 'excused'],
      ['Bernd Brandt', 'member', null, null],
      ['Carla Claußen', 'member', null, null],
      ['Dieter Dahl', 'member', null, null],
      ['Gerda Groß', 'deputy', 'Anna Albers', 'present'],
    ]);
    expect(d).toMatchObject({ meetingState: 'held', version: m.version, minutesFile: null, minutesFileCandidates: [] });
  });
});

describe('counted votes', () => {
  it('records an accepted decision with default words; the database makes exactly one resolution, even when saved again', async () => {
    const m = await newMeeting(t, 'running');
    const item = m.items[0]!.id;
    const first = await put(m, item, m.version, { resultKind: 'accepted', voteMode: 'counted', counts: { yes: 3, no: 1, abstain: 0 }, resolutionText: 'Der Ausschuss beschließt den Bebauungsplan.\nEinstimmig bei einer Gegenstimme.', minutesText: 'Frau Albers erläutert.' });
    expect([first.status, first.body.errors, first.etag]).toEqual([200, undefined, `"${m.version + 1}"`]);
    const decision = first.body.items[0].decision;
    expect(decision).toMatchObject({ resultKind: 'accepted', result: 'angenommen', voteMode: 'counted', counts: { yes: 3, no: 1, abstain: 0 }, namedVotes: [], minutesText: 'Frau Albers erläutert.' });
    expect(decision.resolutionId).toEqual(expect.any(String));
    expect(await resolutions(item)).toBe(1);
    // Saved again (twice, and once as rejected and accepted again): still the one resolution; the moment of the decision stays.
    const again = await put(m, item, m.version + 1, { resultKind: 'accepted', result: 'einstimmig angenommen', voteMode: 'counted', counts: { yes: 4, no: 0, abstain: 0 } });
    expect([again.status, again.body.items[0].decision.result, again.body.items[0].decision.decidedAt]).toEqual([200, 'einstimmig angenommen', decision.decidedAt]);
    expect((await put(m, item, m.version + 2, { resultKind: 'rejected' })).body.items[0].decision).toMatchObject({ resultKind: 'rejected', result: 'abgelehnt', voteMode: null, counts: null });
    expect((await put(m, item, m.version + 3, { resultKind: 'accepted' })).status).toBe(200);
    expect(await resolutions(item)).toBe(1);
    const audit = await call('GET', ApiRoutes.officeAudit(t.slug), [t, 'admin']);
    const entries = (audit.body.data as AuditEventDto[]).filter((e) => e.action === 'decision.recorded' && e.entityId === item);
    expect(entries).toHaveLength(4);
    // The audit names the version the save made.
    const firstEntry = entries.find((e) => (e.changes as { version: number }).version === m.version + 1);
    expect(firstEntry?.changes).toMatchObject({ before: { resultKind: null, counts: null }, after: { resultKind: 'accepted', counts: { yes: 3, no: 1, abstain: 0 } } });
  });

  it('refuses totals above the persons entitled to vote, less those with a conflict (422 naming counts)', async () => {
    const m = await newMeeting(t);
    const item = m.items[1]!.id;
    // Eligible: a, b, c, d (no deputy recorded here) = 4.
    const over = await put(m, item, m.version, { resultKind: 'rejected', voteMode: 'counted', counts: { yes: 2, no: 2, abstain: 1 } });
    expect([over.status, over.body.type, fieldsOf(over)]).toEqual([422, ProblemType.validation, ['counts']]);
    const conflicted = await put(m, item, m.version, { resultKind: 'rejected', voteMode: 'counted', counts: { yes: 2, no: 2, abstain: 0 }, conflicts: [{ personId: t.person.d, note: 'Eigentümer des Grundstücks' }] });
    expect([conflicted.status, fieldsOf(conflicted)]).toEqual([422, ['counts']]);
    const ok = await put(m, item, m.version, { resultKind: 'rejected', voteMode: 'counted', counts: { yes: 1, no: 2, abstain: 0 }, conflicts: [{ personId: t.person.d, note: 'Eigentümer des Grundstücks' }] });
    expect([ok.status, ok.body.items[1].decision.conflicts]).toEqual([200, [{ personId: t.person.d, name: 'Dieter Dahl', note: 'Eigentümer des Grundstücks' }]]);
    expect(await resolutions(item)).toBe(0);
  });
});

describe('named votes', () => {
  it('stores one vote per eligible person and derives the counts', async () => {
    const m = await newMeeting(t, 'minutes_drafted');
    await admin.query(`INSERT INTO meeting_attendances (tenant_id, meeting_id, person_id, status, role, deputy_for_person_id) VALUES ($1, $2, $3, 'present', 'deputy', $4)`, [t.id, m.id, t.person.g, t.person.a]);
    const item = m.items[2]!.id;
    const votes = [
      { personId: t.person.b, vote: 'yes' },
      { personId: t.person.c, vote: 'no' },
      { personId: t.person.d, vote: 'abstain' },
      { personId: t.person.g, vote: 'yes' },
    ];
    const r = await put(m, item, m.version, { resultKind: 'accepted', voteMode: 'named', namedVotes: votes });
    expect([r.status, r.body.errors]).toEqual([200, undefined]);
    expect(r.body.items[2].decision).toMatchObject({ voteMode: 'named', counts: { yes: 2, no: 1, abstain: 1 } });
    expect(r.body.items[2].decision.namedVotes.map((v: { name: string; vote: string }) => `${v.name}: ${v.vote}`)).toEqual(['Bernd Brandt: yes', 'Carla Claußen: no', 'Dieter Dahl: abstain', 'Gerda Groß: yes']);
    // Counts are not taken with a named vote; a person without a vote (e), one who left (f) or of another authority cannot vote.
    const withCounts = await put(m, item, r.body.version, { resultKind: 'accepted', voteMode: 'named', namedVotes: votes, counts: { yes: 9, no: 0, abstain: 0 } });
    expect([withCounts.status, fieldsOf(withCounts)]).toEqual([400, ['counts']]);
    for (const personId of [t.person.e, t.person.f, other.person.b, randomUUID()]) {
      const bad = await put(m, item, r.body.version, { resultKind: 'accepted', voteMode: 'named', namedVotes: [votes[0], { personId, vote: 'yes' }] });
      expect([bad.status, fieldsOf(bad)]).toEqual([422, ['namedVotes.1.personId']]);
    }
    const cleared = await put(m, item, r.body.version, { resultKind: 'taken_note', voteMode: null });
    expect(cleared.body.items[2].decision).toMatchObject({ result: 'zur Kenntnis genommen', voteMode: null, counts: null, namedVotes: [] });
    expect(Number((await admin.query(`SELECT count(*) FROM named_votes WHERE agenda_item_id = $1`, [item])).rows[0].count)).toBe(0);
  });
});

describe('conflicts of interest', () => {
  it('a person with a conflict has no vote, whichever was recorded first; nothing of a refused save is kept', async () => {
    const m = await newMeeting(t);
    const item = m.items[0]!.id;
    // Conflict and vote in one save.
    const both = await put(m, item, m.version, { resultKind: 'accepted', voteMode: 'named', namedVotes: [{ personId: t.person.a, vote: 'yes' }, { personId: t.person.b, vote: 'yes' }], conflicts: [{ personId: t.person.b }] });
    expect([both.status, both.body.type, fieldsOf(both)]).toEqual([422, ProblemType.validation, ['namedVotes.1.personId']]);
    expect((await read(t, m.id)).version).toBe(m.version);
    // The vote first, then the conflict declared with the vote still there.
    const voted = await put(m, item, m.version, { resultKind: 'accepted', voteMode: 'named', namedVotes: [{ personId: t.person.a, vote: 'yes' }, { personId: t.person.b, vote: 'no' }] });
    expect(voted.status).toBe(200);
    const late = await put(m, item, voted.body.version, { resultKind: 'accepted', voteMode: 'named', namedVotes: [{ personId: t.person.a, vote: 'yes' }, { personId: t.person.b, vote: 'no' }], conflicts: [{ personId: t.person.b, note: 'befangen' }] });
    expect([late.status, fieldsOf(late)]).toEqual([422, ['namedVotes.1.personId']]);
    const after = await read(t, m.id);
    expect(after.items[0]!.decision.namedVotes.map((v) => v.personId)).toEqual([t.person.a, t.person.b]);
    expect(after.items[0]!.decision.conflicts).toEqual([]);
    // The conflict first, then a vote of that person.
    const declared = await put(m, item, after.version, { resultKind: 'accepted', voteMode: 'named', namedVotes: [{ personId: t.person.a, vote: 'yes' }], conflicts: [{ personId: t.person.b, note: 'befangen' }] });
    expect([declared.status, declared.body.items[0].decision.counts]).toEqual([200, { yes: 1, no: 0, abstain: 0 }]);
    const voteAfter = await put(m, item, declared.body.version, { resultKind: 'accepted', voteMode: 'named', namedVotes: [{ personId: t.person.b, vote: 'yes' }], conflicts: [{ personId: t.person.b, note: 'befangen' }] });
    expect([voteAfter.status, fieldsOf(voteAfter)]).toEqual([422, ['namedVotes.0.personId']]);
  });

  it('the database itself refuses a vote of a conflicted person and a conflict of a person who voted (SQLSTATE 23514)', async () => {
    const m = await newMeeting(t);
    const item = m.items[1]!.id;
    const r = await put(m, item, m.version, { resultKind: 'accepted', voteMode: 'named', namedVotes: [{ personId: t.person.a, vote: 'yes' }], conflicts: [{ personId: t.person.b }] });
    expect(r.status).toBe(200);
    const refused = async (sql: string, params: unknown[]) => {
      const e = await admin.query(sql, params).then(
        () => null,
        (err: { code?: string; constraint?: string }) => err,
      );
      return [e?.code, e?.constraint];
    };
    expect(await refused(`INSERT INTO named_votes (tenant_id, agenda_item_id, person_id, vote) VALUES ($1, $2, $3, 'no')`, [t.id, item, t.person.b])).toEqual(['23514', 'named_votes_conflict_of_interest']);
    expect(await refused(`INSERT INTO vote_conflicts (tenant_id, agenda_item_id, person_id) VALUES ($1, $2, $3)`, [t.id, item, t.person.a])).toEqual(['23514', 'named_votes_conflict_of_interest']);
    // Moving an existing vote onto the conflicted person is refused too.
    expect(await refused(`UPDATE named_votes SET person_id = $2 WHERE agenda_item_id = $1`, [item, t.person.b])).toEqual(['23514', 'named_votes_conflict_of_interest']);
  });
});

describe('state, versions and access', () => {
  it('records decisions only while running, held or minutes drafted (409 naming the state)', async () => {
    for (const state of ['planned', 'invited', 'minutes_approved']) {
      const m = await newMeeting(t, state);
      const r = await put(m, m.items[0]!.id, m.version, { resultKind: 'accepted' });
      expect([state, r.status, r.body.type]).toEqual([state, 409, ProblemType.conflict]);
      expect(r.body.detail).toContain(state.replace('_', ' '));
    }
    const cancelled = await newMeeting(t, 'running');
    await admin.query(`UPDATE meetings SET cancelled = true, cancelled_reason = 'Unwetter' WHERE id = $1`, [cancelled.id]);
    const r = await put(cancelled, cancelled.items[0]!.id, cancelled.version, { resultKind: 'accepted' });
    expect([r.status, r.body.detail]).toEqual([409, expect.stringContaining('cancelled')]);
  });

  it('needs If-Match: 428 without, 412 with the current record when stale; of two concurrent saves exactly one wins', async () => {
    const m = await newMeeting(t);
    const item = m.items[0]!.id;
    expect((await call('PUT', DecisionRoutes.decision(t.slug, m.id, item), [t, 'clerk'], { resultKind: 'accepted' })).status).toBe(428);
    expect((await put(m, item, m.version, { resultKind: 'postponed' })).status).toBe(200);
    const stale = await put(m, item, m.version, { resultKind: 'accepted' }, [t, 'clerk2']);
    expect([stale.status, stale.body.type, stale.body.current.version, stale.body.current.items[0].decision.result]).toEqual([412, ProblemType.staleVersion, m.version + 1, 'vertagt']);
    const racers = await Promise.all(
      (['clerk', 'clerk2'] as const).map((who, i) => put(m, m.items[i]!.id, m.version + 1, { resultKind: 'accepted', voteMode: 'counted', counts: { yes: 4, no: 0, abstain: 0 } }, [t, who])),
    );
    expect(racers.map((r) => r.status).sort()).toEqual([200, 412]);
    expect(await resolutions(item)).toBe((await read(t, m.id)).items[0]!.decision.resultKind === 'accepted' ? 1 : 0);
  });

  it('members get 403; another authority’s clerk gets 404 on its own route and 403 on this one; an item of another meeting is 404', async () => {
    const m = await newMeeting(t);
    const item = m.items[0]!.id;
    expect((await call('GET', DecisionRoutes.decisions(t.slug, m.id), [t, 'member'])).status).toBe(403);
    expect((await put(m, item, m.version, { resultKind: 'accepted' }, [t, 'member'])).status).toBe(403);
    expect((await call('PUT', DecisionRoutes.minutesFile(t.slug, m.id), [t, 'member'], { fileId: randomUUID() }, ifMatch(m.version))).status).toBe(403);
    expect((await call('POST', DecisionRoutes.minutesApproval(t.slug, m.id), [t, 'member'], { approvesMeetingId: randomUUID() }, ifMatch(m.version))).status).toBe(403);
    expect((await call('GET', DecisionRoutes.decisions(t.slug, m.id), [other, 'clerk'])).status).toBe(403);
    for (const [method, path, body] of [
      ['GET', DecisionRoutes.decisions(other.slug, m.id), undefined],
      ['PUT', DecisionRoutes.decision(other.slug, m.id, item), { resultKind: 'accepted' }],
      ['PUT', DecisionRoutes.minutesFile(other.slug, m.id), { fileId: randomUUID() }],
      ['DELETE', DecisionRoutes.minutesFile(other.slug, m.id), undefined],
      ['POST', DecisionRoutes.minutesApproval(other.slug, m.id), { approvesMeetingId: randomUUID() }],
    ] as const) {
      const r = await call(method, path, [other, 'clerk'], body, ifMatch(m.version));
      expect([method, path, r.status]).toEqual([method, path, 404]);
    }
    const elsewhere = await newMeeting(t);
    const r = await put(m, elsewhere.items[0]!.id, m.version, { resultKind: 'accepted' });
    expect([r.status, r.body.type]).toEqual([404, ProblemType.notFound]);
    expect((await read(t, elsewhere.id)).items[0]!.decision.resultKind).toBeNull();
  });

  it('refuses bad input with 400 naming the field (control characters, over-long and 2 MB texts, unknown fields), writing nothing', async () => {
    const m = await newMeeting(t);
    const item = m.items[0]!.id;
    const cases: [unknown, string][] = [
      [{ resultKind: 'accepted', colour: 'red' }, 'colour'],
      [{ resultKind: 'maybe' }, 'resultKind'],
      [{}, 'resultKind'],
      [{ resultKind: 'accepted', resolutionText: 'Beschluss\u0000' }, 'resolutionText'],
      [{ resultKind: 'accepted', minutesText: 'Protokoll\u001b[31m' }, 'minutesText'],
      [{ resultKind: 'accepted', result: 'angenommen\nmit Auflagen' }, 'result'],
      [{ resultKind: 'accepted', result: 'x'.repeat(201) }, 'result'],
      [{ resultKind: 'accepted', minutesText: 'x'.repeat(100_001) }, 'minutesText'],
      [{ resultKind: 'accepted', voteMode: 'counted' }, 'counts'],
      [{ resultKind: 'accepted', voteMode: 'counted', counts: { yes: -1, no: 0, abstain: 0 } }, 'counts.yes'],
      [{ resultKind: 'accepted', voteMode: 'counted', counts: { yes: 1.5, no: 0, abstain: 0 } }, 'counts.yes'],
      [{ resultKind: 'accepted', voteMode: 'counted', counts: { yes: 1, no: 0 } }, 'counts.abstain'],
      [{ resultKind: 'accepted', voteMode: 'shouted' }, 'voteMode'],
      [{ resultKind: null, voteMode: 'counted', counts: { yes: 1, no: 0, abstain: 0 } }, 'resultKind'],
      [{ resultKind: 'accepted', voteMode: 'named', namedVotes: [{ personId: 'nobody', vote: 'yes' }] }, 'namedVotes.0.personId'],
      [{ resultKind: 'accepted', voteMode: 'named', namedVotes: [{ personId: t.person.a, vote: 'perhaps' }] }, 'namedVotes.0.vote'],
      [{ resultKind: 'accepted', voteMode: 'named', namedVotes: [{ personId: t.person.a, vote: 'yes' }, { personId: t.person.a, vote: 'no' }] }, 'namedVotes.1.personId'],
      [{ resultKind: 'accepted', voteMode: 'counted', counts: { yes: 1, no: 0, abstain: 0 }, namedVotes: [{ personId: t.person.a, vote: 'yes' }] }, 'namedVotes'],
      [{ resultKind: 'accepted', conflicts: [{ personId: t.person.a, note: 'n\u0007' }] }, 'conflicts.0.note'],
    ];
    for (const [body, field] of cases) {
      const r = await put(m, item, m.version, body);
      expect([JSON.stringify(body).slice(0, 80), r.status, r.body.type]).toEqual([JSON.stringify(body).slice(0, 80), 400, ProblemType.validation]);
      expect(fieldsOf(r)).toContain(field);
    }
    const huge = await put(m, item, m.version, { resultKind: 'accepted', resolutionText: 'x'.repeat(2 * 1024 * 1024) });
    expect([huge.status, huge.body.type]).toEqual([413, ProblemType.payloadTooLarge]);
    const badItem = await call('PUT', DecisionRoutes.decision(t.slug, m.id, 'not-a-uuid'), [t, 'clerk'], { resultKind: 'accepted' }, ifMatch(m.version));
    expect([badItem.status, fieldsOf(badItem)]).toEqual([400, ['itemId']]);
    const d = await read(t, m.id);
    expect([d.version, d.items[0]!.decision.resultKind]).toEqual([m.version, null]);
  });
});

describe('the signed minutes', () => {
  it('takes a PDF of this meeting once it is held; refuses other files (422 naming fileId) and other states (409); DELETE clears', async () => {
    const m = await newMeeting(t, 'planned');
    const pdf = await upload(t, m.id, 'Niederschrift.pdf', 'application/pdf', await textPdf([['Niederschrift der Sitzung des Bauausschusses']]));
    const docx = await upload(t, m.id, 'Niederschrift.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', minimalDocx(['Niederschrift']));
    const elsewhere = await newMeeting(t, 'held');
    const foreignPdf = await upload(t, elsewhere.id, 'Andere.pdf', 'application/pdf', await textPdf([['Andere Sitzung']]));
    const otherTenant = await newMeeting(other, 'held');
    const otherPdf = await upload(other, otherTenant.id, 'Fremd.pdf', 'application/pdf', await textPdf([['Fremd']]));
    let version = (await read(t, m.id)).version;
    const early = await call('PUT', DecisionRoutes.minutesFile(t.slug, m.id), [t, 'clerk'], { fileId: pdf }, ifMatch(version));
    expect([early.status, early.body.type]).toEqual([409, ProblemType.conflict]);
    await admin.query(`UPDATE meetings SET meeting_state = 'held' WHERE id = $1`, [m.id]);
    for (const fileId of [docx, foreignPdf, otherPdf, randomUUID()]) {
      const r = await call('PUT', DecisionRoutes.minutesFile(t.slug, m.id), [t, 'clerk'], { fileId }, ifMatch(version));
      expect([r.status, fieldsOf(r)]).toEqual([422, ['fileId']]);
    }
    const bad = await call('PUT', DecisionRoutes.minutesFile(t.slug, m.id), [t, 'clerk'], { fileId: 'x', more: 1 }, ifMatch(version));
    expect([bad.status, fieldsOf(bad).sort()]).toEqual([400, ['fileId', 'more']]);
    const before = await read(t, m.id);
    expect(before.minutesFileCandidates.map((f) => f.id)).toEqual([pdf]);
    const ok = await call('PUT', DecisionRoutes.minutesFile(t.slug, m.id), [t, 'clerk'], { fileId: pdf }, ifMatch(version));
    expect([ok.status, ok.body.minutesFile, ok.etag]).toEqual([200, { id: pdf, name: 'Niederschrift', fileName: 'Niederschrift.pdf', mimeType: 'application/pdf' }, `"${version + 1}"`]);
    expect((await admin.query(`SELECT minutes_file_id FROM meetings WHERE id = $1`, [m.id])).rows[0].minutes_file_id).toBe(pdf);
    version += 1;
    expect((await call('DELETE', DecisionRoutes.minutesFile(t.slug, m.id), [t, 'clerk'], undefined, ifMatch(version - 1))).status).toBe(412);
    const cleared = await call('DELETE', DecisionRoutes.minutesFile(t.slug, m.id), [t, 'clerk'], undefined, ifMatch(version));
    expect([cleared.status, cleared.body.minutesFile]).toEqual([200, null]);
    const audit = await call('GET', ApiRoutes.officeAudit(t.slug), [t, 'admin']);
    expect((audit.body.data as AuditEventDto[]).filter((e) => e.entityId === m.id && e.action.startsWith('meeting.minutes_file')).map((e) => e.action).sort()).toEqual(['meeting.minutes_file_cleared', 'meeting.minutes_file_set']);
  });
});

describe('approving minutes in a later meeting', () => {
  it('adds the public item at the end of the public part, numbered, linked to the earlier meeting; once only', async () => {
    const earlier = await newMeeting(t, 'held', '2031-03-04T17:00:00+01:00');
    const later = await newMeeting(t, 'planned', '2031-06-10T17:00:00+02:00');
    const before = await read(t, later.id);
    expect(before.approvableMeetings.map((x) => x.id)).toContain(earlier.id);
    const r = await call('POST', DecisionRoutes.minutesApproval(t.slug, later.id), [t, 'clerk'], { approvesMeetingId: earlier.id }, ifMatch(before.version));
    expect([r.status, r.body.errors, r.etag]).toEqual([201, undefined, `"${before.version + 1}"`]);
    const d: MeetingDecisionsDto = r.body;
    expect(d.items.map((i) => [i.number, i.name, i.public, i.approvesMinutesOfMeetingId])).toEqual([
      ['Ö 1', 'Bebauungsplan Nr. 12', true, null],
      ['Ö 2', 'Radweg Bahnhofstraße', true, null],
      ['Ö 3', 'Genehmigung der Niederschrift der Sitzung vom 04.03.2031', true, earlier.id],
      ['N 1', 'Grundstücksverkauf Flur 3', false, null],
    ]);
    expect(d.approvableMeetings.find((x) => x.id === earlier.id)?.approvalItemId).toBe(d.items[2]!.id);
    // The same minutes again, here or on another later meeting: 409.
    const again = await call('POST', DecisionRoutes.minutesApproval(t.slug, later.id), [t, 'clerk'], { approvesMeetingId: earlier.id }, ifMatch(d.version));
    expect([again.status, again.body.type]).toEqual([409, ProblemType.conflict]);
    const third = await newMeeting(t, 'planned', '2031-07-10T17:00:00+02:00');
    expect((await call('POST', DecisionRoutes.minutesApproval(t.slug, third.id), [t, 'clerk'], { approvesMeetingId: earlier.id }, ifMatch(third.version))).status).toBe(409);
    expect((await read(t, third.id)).items).toHaveLength(3);
    // Stale version: 412.
    expect((await call('POST', DecisionRoutes.minutesApproval(t.slug, later.id), [t, 'clerk'], { approvesMeetingId: earlier.id }, ifMatch(before.version))).status).toBe(412);
    // Decided "accepted" (once the later meeting runs), the item records itself on the approved meeting; another result takes it back.
    await admin.query(`UPDATE meetings SET meeting_state = 'running' WHERE id = $1`, [later.id]);
    const approvedBy = async () => (await admin.query(`SELECT minutes_approved_by_item_id AS id, version FROM meetings WHERE id = $1`, [earlier.id])).rows[0];
    const earlierVersion = (await approvedBy()).version;
    const accepted = await put({ id: later.id, version: d.version, items: [] }, d.items[2]!.id, d.version, { resultKind: 'accepted' });
    expect(accepted.status).toBe(200);
    expect(await approvedBy()).toEqual({ id: d.items[2]!.id, version: earlierVersion + 1 });
    expect((await put({ id: later.id, version: 0, items: [] }, d.items[2]!.id, accepted.body.version, { resultKind: 'postponed' })).status).toBe(200);
    expect((await approvedBy()).id).toBeNull();
    const audit = await call('GET', ApiRoutes.officeAudit(t.slug), [t, 'admin']);
    expect((audit.body.data as AuditEventDto[]).some((e) => e.action === 'minutes.approval_item_added' && e.entityId === later.id)).toBe(true);
  });

  it('the approved meeting must exist, be of the same body, earlier, and held or minutes drafted; a late item needs a reason', async () => {
    const later = await newMeeting(t, 'planned', '2031-09-10T17:00:00+02:00');
    const planned = await newMeeting(t, 'planned', '2031-08-04T17:00:00+02:00');
    const approved = await newMeeting(t, 'minutes_approved', '2031-08-05T17:00:00+02:00');
    const finanz = await newMeeting(t, 'held', '2031-08-06T17:00:00+02:00', t.org.finanz);
    const after = await newMeeting(t, 'held', '2031-10-01T17:00:00+02:00');
    const foreign = await newMeeting(other, 'held', '2031-08-07T17:00:00+02:00');
    const version = (await read(t, later.id)).version;
    const post = (approvesMeetingId: string, extra: Record<string, unknown> = {}, id = later.id, v = version) =>
      call('POST', DecisionRoutes.minutesApproval(t.slug, id), [t, 'clerk'], { approvesMeetingId, ...extra }, ifMatch(v));
    for (const [id, status] of [
      [planned.id, 409],
      [approved.id, 409],
      [finanz.id, 422],
      [after.id, 422],
      [foreign.id, 422],
      [later.id, 422],
      [randomUUID(), 422],
    ] as const) {
      const r = await post(id);
      expect([id, r.status]).toEqual([id, status]);
      if (status === 422) expect(fieldsOf(r)).toEqual(['approvesMeetingId']);
    }
    expect((await post('not-a-uuid')).status).toBe(400);
    expect(fieldsOf(await post(after.id, { urgentReason: 'x\u0000' }))).toEqual(['urgentReason']);
    expect((await read(t, later.id)).items).toHaveLength(3);
    // A meeting already invited: the item is late and needs a reason (urgent, shown on the agenda).
    const earlier = await newMeeting(t, 'held', '2031-08-01T17:00:00+02:00');
    await admin.query(`UPDATE meetings SET meeting_state = 'invited' WHERE id = $1`, [later.id]);
    const noReason = await post(earlier.id);
    expect([noReason.status, fieldsOf(noReason)]).toEqual([422, ['urgentReason']]);
    const withReason = await post(earlier.id, { urgentReason: 'Die Niederschrift lag erst nach der Einladung vor.' });
    expect(withReason.status).toBe(201);
    const row = (await admin.query(`SELECT urgent, urgent_reason FROM agenda_items WHERE approves_minutes_of_meeting_id = $1`, [earlier.id])).rows[0];
    expect(row).toEqual({ urgent: true, urgent_reason: 'Die Niederschrift lag erst nach der Einladung vor.' });
  });
});

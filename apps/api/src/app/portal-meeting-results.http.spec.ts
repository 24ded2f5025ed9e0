import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import { SqlStatementCounter } from '@ratsinfo/api-database';
import { connect, fixtureAgs, testEnv } from '@ratsinfo/api-testing';
import { ApiRoutes, type PortalMeetingDetail, ProblemType, portalMeetingDetailSchema } from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { createApp } from './create-app';

/**
 * The results of a held meeting on the portal (GET /api/portal/{tenant}/meetings/{id}): per
 * PUBLIC item the result and its kind, the counted votes, the named votes and who declared a
 * conflict of interest; the attendance list. A non-public item of the same meeting has a result,
 * named votes and a conflict of its own: none of it (not its id, name, result, counts or the
 * names of those who voted on it) may appear in the answer. Nor may the reason of an absence.
 */
jest.setTimeout(120_000);

let app: INestApplication;
let base: string;
let admin: Client;

interface Fixture { tenantId: string; slug: string; ids: Record<string, string> }

async function insert(c: Client, table: string, tenantId: string, cols: Record<string, unknown>): Promise<string> {
  const row = { id: randomUUID(), tenant_id: tenantId, ...cols };
  const names = Object.keys(row);
  await c.query(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
  return row.id;
}

const START = new Date(Date.now() - 14 * 86_400_000);
START.setUTCHours(17, 0, 0, 0);
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000).toISOString();

async function createFixture(c: Client, label: string): Promise<Fixture> {
  const tenantId = randomUUID();
  const slug = `test-results-${label}-${tenantId.slice(0, 8)}`;
  await c.query(`INSERT INTO tenants (id, slug, name, kind, ags) VALUES ($1, $2, 'Testgemeinde Ergebnisse', 'municipality', $3)`, [tenantId, slug, fixtureAgs()]);
  const t = (table: string, cols: Record<string, unknown>) => insert(c, table, tenantId, cols);
  const ids: Record<string, string> = {};
  ids.council = await t('organizations', { name: 'Gemeinderat', organization_type: 'council' });
  const person = async (key: string, family: string, given: string, extra: Record<string, unknown> = {}) => (ids[key] = await t('persons', { family_name: family, given_name: given, ...extra }));
  await person('chair', 'Albrecht', 'Anna', { title: 'Dr.' });
  await person('late', 'Berger', 'Bernd');
  await person('deputy', 'Cramer', 'Clara');
  await person('guest', 'Dietrich', 'Dora');
  await person('excused', 'Ebert', 'Emil');
  await person('absent', 'Fuchs', 'Frieda');
  await person('conflicted', 'Graf', 'Gustav');
  // appear only with the non-public item: their names must never reach the portal
  await person('secretVoter', 'Heimlichvoter', 'Hugo');
  await person('secretConflict', 'Verschwiegenbefangen', 'Vera');
  await person('gone', 'Gelöschtperson', 'Gert', { deleted_at: new Date().toISOString() });

  ids.held = await t('meetings', { organization_id: ids.council, name: '7. Sitzung des Gemeinderates', start: at(0), end: at(150), meeting_state: 'held', started_at: at(2), closed_at: at(150) });
  ids.planned = await t('meetings', { organization_id: ids.council, name: '8. Sitzung des Gemeinderates', start: new Date(Date.now() + 20 * 86_400_000).toISOString(), meeting_state: 'planned' });
  const item = (key: string, meeting: string, order: number, number: string, name: string, cols: Record<string, unknown>) =>
    t('agenda_items', { meeting_id: meeting, order, number, name, public: true, ...cols }).then((id) => (ids[key] = id));
  await item('counted', ids.held, 1, 'Ö 1', 'Neubau der Kindertagesstätte', {
    result: 'mehrheitlich beschlossen', result_kind: 'accepted', vote_mode: 'counted', votes_yes: 12, votes_no: 3, votes_abstain: 1, decided_at: at(30),
  });
  await item('named', ids.held, 2, 'Ö 2', 'Straßenausbau Mühlenweg', {
    result: 'abgelehnt', result_kind: 'rejected', vote_mode: 'named', votes_yes: 1, votes_no: 2, votes_abstain: 1, decided_at: at(60),
  });
  await item('noted', ids.held, 3, 'Ö 3', 'Bericht des Bürgermeisters', { result: 'zur Kenntnis genommen', result_kind: 'taken_note' });
  await item('formal', ids.held, 4, 'Ö 4', 'Anfragen und Mitteilungen', {});
  await item('closed', ids.held, 5, 'N 1', 'Vertrauliche Grundstückssache Flur 9', {
    public: false, result: 'Zuschlag an Bieter Quast', result_kind: 'accepted', vote_mode: 'named', votes_yes: 2, votes_no: 0, votes_abstain: 0, decided_at: at(90),
    resolution_text: 'Der Kaufpreis wird auf 123.456 EUR festgesetzt.', minutes_text: 'Geheime Aussprache.',
  });
  await item('plannedItem', ids.planned, 1, 'Ö 1', 'Haushaltssatzung', {});

  const attend = (key: string, status: string, cols: Record<string, unknown> = {}) =>
    t('meeting_attendances', { meeting_id: ids.held, person_id: ids[key], status, ...cols });
  await attend('chair', 'present');
  await attend('late', 'present', { arrived_at: at(25) });
  await attend('excused', 'excused', { note: 'Krankheit laut Attest' });
  await attend('deputy', 'present', { role: 'deputy', deputy_for_person_id: ids.excused, left_at: at(120) });
  await attend('absent', 'absent');
  await attend('guest', 'present', { role: 'guest' });
  await attend('conflicted', 'present');
  await attend('gone', 'present');

  const vote = (itemKey: string, personKey: string, v: string) => t('named_votes', { agenda_item_id: ids[itemKey], person_id: ids[personKey], vote: v });
  await vote('named', 'chair', 'yes');
  await vote('named', 'late', 'no');
  await vote('named', 'deputy', 'no');
  await vote('named', 'guest', 'abstain');
  await t('vote_conflicts', { agenda_item_id: ids.named, person_id: ids.conflicted, note: 'Anlieger des Mühlenwegs' });
  await vote('closed', 'secretVoter', 'yes');
  await vote('closed', 'chair', 'yes');
  await t('vote_conflicts', { agenda_item_id: ids.closed, person_id: ids.secretConflict, note: 'Verwandter des Bieters' });
  return { tenantId, slug, ids };
}

let f: Fixture;
let other: Fixture;

async function get(path: string): Promise<{ status: number; type: string | null; text: string; body: PortalMeetingDetail }> {
  const r = await fetch(base + path);
  const text = await r.text();
  return { status: r.status, type: r.headers.get('content-type'), text, body: (text ? JSON.parse(text) : null) as PortalMeetingDetail };
}

beforeAll(async () => {
  const env = testEnv();
  app = await createApp(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test' }));
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  admin = await connect(env.adminUrl);
  f = await createFixture(admin, 'a');
  other = await createFixture(admin, 'b');
});

afterAll(async () => {
  await admin?.query('DELETE FROM tenants WHERE id = ANY($1)', [[f?.tenantId, other?.tenantId].filter(Boolean)]);
  await app?.close();
  await admin?.end();
});

describe('GET /api/portal/{tenant}/meetings/{id} of a held meeting', () => {
  it('costs no statement more than a meeting not held (body and results in one query), and nothing once cached', async () => {
    const counter = app.get(SqlStatementCounter);
    const statements = async (path: string) => {
      const before = counter.statements;
      expect((await get(path)).status).toBe(200);
      return counter.statements - before;
    };
    await get(ApiRoutes.portalMeetings(f.slug)); // the authority's lookups, once
    const planned = await statements(ApiRoutes.portalMeeting(f.slug, f.ids.planned!));
    const held = await statements(ApiRoutes.portalMeeting(f.slug, f.ids.held!));
    expect(held).toBe(planned);
    expect(held).toBeLessThanOrEqual(15);
    expect(await statements(ApiRoutes.portalMeeting(f.slug, f.ids.held!))).toBe(0);
  });

  it('shows per public item the result with its kind, the counted votes, named votes by name and who declared a conflict of interest', async () => {
    const r = await get(ApiRoutes.portalMeeting(f.slug, f.ids.held!));
    expect(r.status).toBe(200);
    expect(portalMeetingDetailSchema.parse(r.body)).toEqual(r.body);
    const items = r.body.agendaItems;
    expect(items.map((a) => a.number)).toEqual(['Ö 1', 'Ö 2', 'Ö 3', 'Ö 4']);
    expect(items[0]).toMatchObject({ result: 'mehrheitlich beschlossen', resultKind: 'accepted', votes: { mode: 'counted', yes: 12, no: 3, abstain: 1 }, namedVotes: [], conflictsOfInterest: [] });
    expect(items[1]).toMatchObject({ result: 'abgelehnt', resultKind: 'rejected', votes: { mode: 'named', yes: 1, no: 2, abstain: 1 } });
    expect(items[1]!.namedVotes).toEqual([
      { person: { id: f.ids.chair, name: 'Dr. Anna Albrecht' }, vote: 'yes' },
      { person: { id: f.ids.late, name: 'Bernd Berger' }, vote: 'no' },
      { person: { id: f.ids.deputy, name: 'Clara Cramer' }, vote: 'no' },
      { person: { id: f.ids.guest, name: 'Dora Dietrich' }, vote: 'abstain' },
    ]);
    expect(items[1]!.conflictsOfInterest).toEqual([{ id: f.ids.conflicted, name: 'Gustav Graf' }]);
    expect(items[2]).toMatchObject({ result: 'zur Kenntnis genommen', resultKind: 'taken_note', votes: null, namedVotes: [], conflictsOfInterest: [] });
    expect(items[3]).toMatchObject({ result: null, resultKind: null, votes: null });
  });

  it('lists the attendance: members by name, then deputies (for whom) and guests; late arrival and early leaving; no deleted person', async () => {
    const r = await get(ApiRoutes.portalMeeting(f.slug, f.ids.held!));
    expect(r.body.attendance).toEqual([
      { person: { id: f.ids.chair, name: 'Dr. Anna Albrecht' }, status: 'present', role: 'member', deputyFor: null, arrivedAt: null, leftAt: null },
      { person: { id: f.ids.late, name: 'Bernd Berger' }, status: 'present', role: 'member', deputyFor: null, arrivedAt: at(25), leftAt: null },
      { person: { id: f.ids.excused, name: 'Emil Ebert' }, status: 'excused', role: 'member', deputyFor: null, arrivedAt: null, leftAt: null },
      { person: { id: f.ids.absent, name: 'Frieda Fuchs' }, status: 'absent', role: 'member', deputyFor: null, arrivedAt: null, leftAt: null },
      { person: { id: f.ids.conflicted, name: 'Gustav Graf' }, status: 'present', role: 'member', deputyFor: null, arrivedAt: null, leftAt: null },
      { person: { id: f.ids.deputy, name: 'Clara Cramer' }, status: 'present', role: 'deputy', deputyFor: { id: f.ids.excused, name: 'Emil Ebert' }, arrivedAt: null, leftAt: at(120) },
      { person: { id: f.ids.guest, name: 'Dora Dietrich' }, status: 'present', role: 'guest', deputyFor: null, arrivedAt: null, leftAt: null },
    ]);
  });

  it('says nothing of the non-public item: not its id, name, result, counts, resolution, minutes, nor who voted or declared a conflict on it; not the reason of an absence', async () => {
    const r = await get(ApiRoutes.portalMeeting(f.slug, f.ids.held!));
    expect(r.status).toBe(200);
    for (const secret of [f.ids.closed!, f.ids.secretVoter!, f.ids.secretConflict!, f.ids.gone!, 'Vertrauliche Grundstückssache', 'Zuschlag', 'Quast', 'Kaufpreis', 'Geheime Aussprache',
      'Heimlichvoter', 'Verschwiegenbefangen', 'Gelöschtperson', 'Krankheit', 'Attest', 'Anlieger', 'Verwandter', 'N 1']) {
      expect(r.text).not.toContain(secret);
    }
    // the chair voted on the non-public item too: that vote is nowhere, only her public one
    const votesOfChair = r.body.agendaItems.flatMap((a) => (a.namedVotes ?? []).filter((v) => v.person.id === f.ids.chair).map(() => a.id));
    expect(votesOfChair).toEqual([f.ids.named]);
  });

  it('shows no results or attendance for a meeting that has not been held', async () => {
    const r = await get(ApiRoutes.portalMeeting(f.slug, f.ids.planned!));
    expect(r.status).toBe(200);
    expect(portalMeetingDetailSchema.parse(r.body)).toEqual(r.body);
    expect(r.body).not.toHaveProperty('attendance');
    expect(r.body.agendaItems[0]).not.toHaveProperty('resultKind');
    expect(r.body.agendaItems[0]).not.toHaveProperty('namedVotes');
  });

  it('a later change (a named vote withdrawn) shows at once', async () => {
    await admin.query(`DELETE FROM named_votes WHERE agenda_item_id = $1 AND person_id = $2`, [other.ids.named, other.ids.guest]);
    let names: string[] = [];
    for (let i = 0; i < 100; i++) {
      names = ((await get(ApiRoutes.portalMeeting(other.slug, other.ids.held!))).body.agendaItems[1]!.namedVotes ?? []).map((v) => v.person.name);
      if (!names.includes('Dora Dietrich')) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(names).toEqual(['Dr. Anna Albrecht', 'Bernd Berger', 'Clara Cramer']);
  });

  it('answers 404 for the meeting of another authority, an unknown id and a deleted meeting; 400 for a malformed id', async () => {
    for (const path of [ApiRoutes.portalMeeting(f.slug, other.ids.held!), ApiRoutes.portalMeeting(other.slug, f.ids.held!), ApiRoutes.portalMeeting(f.slug, randomUUID())]) {
      const r = await get(path);
      expect(r.status).toBe(404);
      expect(r.type).toMatch(/^application\/problem\+json/);
      expect(r.body).toMatchObject({ status: 404, type: ProblemType.notFound });
      expect(r.text).not.toContain('Albrecht');
    }
    await admin.query('UPDATE meetings SET deleted_at = now() WHERE id = $1', [other.ids.planned]);
    let status = 0;
    for (let i = 0; i < 100 && status !== 404; i++) {
      status = (await get(ApiRoutes.portalMeeting(other.slug, other.ids.planned!))).status;
      if (status !== 404) await new Promise((res) => setTimeout(res, 50));
    }
    expect(status).toBe(404);
    expect((await get(ApiRoutes.portalMeeting(f.slug, 'not-a-uuid'))).status).toBe(400);
  });
});

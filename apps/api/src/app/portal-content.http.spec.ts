import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import { SqlStatementCounter } from '@ratsinfo/api-database';
import { connect, fixtureAgs, testEnv } from '@ratsinfo/api-testing';
import {
  ApiRoutes,
  type ListResponse,
  type OrganizationDto,
  type PersonDto,
  type PortalMeetingDetail,
  type PortalOrganization,
  PortalContentRoutes,
  type PortalPaper,
  type PortalPaperList,
  type PortalPaperType,
  type PortalPerson,
  type Problem,
  ProblemType,
  portalMeetingDetailSchema,
  portalMeetingListSchema,
  portalOrganizationListSchema,
  portalOrganizationSchema,
  portalPaperListSchema,
  portalPaperSchema,
  portalPersonListSchema,
  portalPersonSchema,
} from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import { get as httpGet } from 'node:http';
import type { Client } from 'pg';
import { createApp } from './create-app';

/**
 * What citizens read on the portal: papers, bodies, persons and the meeting with its papers and
 * files, over HTTP through the app as it runs. A fixture authority of this test alone holds one
 * of every kind of content that must never be public (non-public, draft, deleted papers;
 * non-public files and files of non-public owners), and every answer is searched for their ids.
 */
jest.setTimeout(120_000);

let app: INestApplication;
let base: string;
let admin: Client;

interface Answer<T> {
  status: number;
  type: string | null;
  etag: string | undefined;
  cacheControl: string | undefined;
  text: string;
  body: T;
}

// node:http rather than fetch: fetch marks conditional requests `Cache-Control: no-cache`.
function get<T>(path: string, headers: Record<string, string> = {}): Promise<Answer<T>> {
  return new Promise((resolve, reject) => {
    httpGet(base + path, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          type: res.headers['content-type'] ?? null,
          etag: res.headers['etag'],
          cacheControl: res.headers['cache-control'],
          text,
          body: (text ? JSON.parse(text) : null) as T,
        }),
      );
    }).on('error', reject);
  });
}

function expectProblem(r: Answer<unknown>, status: number, type: string) {
  expect(r.status).toBe(status);
  expect(r.type).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({ status, type });
}

/** Ids of the fixture, by the name the tests use. */
type Ids = Record<string, string>;

interface Fixture {
  tenantId: string;
  slug: string;
  ids: Ids;
  /** Every id that must never appear in any public answer. */
  hidden: string[];
}

const YEAR = new Date().getUTCFullYear();
const daysFromNow = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');

async function insert(c: Client, table: string, tenantId: string, cols: Record<string, unknown>): Promise<string> {
  const row = { id: randomUUID(), tenant_id: tenantId, ...cols };
  const names = Object.keys(row);
  await c.query(`INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
  return row.id;
}

/**
 * One authority with: a council, a committee and a faction; members with roles, a faction and
 * a deputy; a past and an upcoming committee meeting and a council meeting; public papers (one
 * with an amendment and related papers) and one each of non-public, draft and deleted; files
 * that are public, non-public, deleted, and public files of non-public owners.
 */
async function createFixture(c: Client, label: string): Promise<Fixture> {
  const tenantId = randomUUID();
  const slug = `test-portal-${label}-${tenantId.slice(0, 8)}`;
  await c.query(`INSERT INTO tenants (id, slug, name, kind, ags) VALUES ($1, $2, 'Testgemeinde Vorlagen', 'municipality', $3)`, [tenantId, slug, fixtureAgs()]);
  const t = (table: string, cols: Record<string, unknown>) => insert(c, table, tenantId, cols);
  const ids: Ids = {};
  ids.term = await t('legislative_terms', { name: 'Wahlperiode 2024–2029', start_date: '2024-07-01', end_date: '2029-06-30' });
  ids.oldTerm = await t('legislative_terms', { name: 'Wahlperiode 2019–2024', start_date: '2019-07-01', end_date: '2024-06-30' });
  ids.location = await t('locations', { description: 'Ratssaal, Rathaus', room: '101', street_address: 'Markt 1', postal_code: '39288', locality: 'Burg' });
  ids.council = await t('organizations', { name: 'Gemeinderat', organization_type: 'council' });
  ids.committee = await t('organizations', { name: 'Bauausschuss', short_name: 'BauA', organization_type: 'committee', parent_id: ids.council, location_id: ids.location, website: 'https://example.org/bau' });
  ids.faction = await t('organizations', { name: 'Fraktion Bürgerliste', organization_type: 'faction' });
  ids.deletedOrg = await t('organizations', { name: 'Aufgelöster Ausschuss', organization_type: 'committee', deleted_at: new Date().toISOString() });
  ids.chair = await t('persons', { family_name: 'Albrecht', given_name: 'Anna', title: 'Dr.', form_of_address: 'Frau', life: 'Bauingenieurin, seit 2019 im Rat.' });
  ids.member = await t('persons', { family_name: 'Berger', given_name: 'Bernd', form_of_address: 'Herr' });
  ids.deputy = await t('persons', { family_name: 'Cramer', given_name: 'Clara' });
  ids.gonePerson = await t('persons', { family_name: 'Zuletzt', given_name: 'Gelöscht', deleted_at: new Date().toISOString() });
  ids.chairCommittee = await t('memberships', { person_id: ids.chair, organization_id: ids.committee, role: 'Vorsitzende', on_behalf_of_id: ids.faction, start_date: '2024-07-01' });
  ids.memberCommittee = await t('memberships', { person_id: ids.member, organization_id: ids.committee, role: 'Mitglied', start_date: '2024-07-01' });
  ids.deputyCommittee = await t('memberships', { person_id: ids.deputy, organization_id: ids.committee, role: 'Stellvertretendes Mitglied', voting_right: false, deputy_for_id: ids.member });
  ids.chairFaction = await t('memberships', { person_id: ids.chair, organization_id: ids.faction, role: 'Fraktionsvorsitzende' });
  ids.memberCouncil = await t('memberships', { person_id: ids.member, organization_id: ids.council, role: 'Mitglied' });
  ids.formerCommittee = await t('memberships', { person_id: ids.member, organization_id: ids.faction, role: 'Mitglied', start_date: '2019-07-01', end_date: '2023-12-31' });
  ids.goneMembership = await t('memberships', { person_id: ids.gonePerson, organization_id: ids.committee, role: 'Mitglied' });
  // a photo of the chair: public, and the person's own file
  ids.photo = await t('files', { name: 'Foto', person_id: ids.chair });
  await c.query('UPDATE persons SET photo_file_id = $1 WHERE id = $2', [ids.photo, ids.chair]);

  ids.pastMeeting = await t('meetings', { organization_id: ids.committee, name: 'Sitzung des Bauausschusses', start: daysFromNow(-20), meeting_state: 'held' });
  ids.upcomingMeeting = await t('meetings', { organization_id: ids.committee, name: 'Sitzung des Bauausschusses', start: daysFromNow(10) });
  ids.councilMeeting = await t('meetings', { organization_id: ids.council, name: 'Sitzung des Gemeinderates', start: daysFromNow(-5), meeting_state: 'held' });
  ids.deletedMeeting = await t('meetings', { organization_id: ids.committee, name: 'Gelöschte Sitzung', start: daysFromNow(5), deleted_at: new Date().toISOString() });

  ids.bv = await t('paper_types', { name: 'Beschlussvorlage', abbreviation: 'BV', sort_order: 1 });
  ids.an = await t('paper_types', { name: 'Antrag', abbreviation: 'AN', sort_order: 2 });
  ids.unusedType = await t('paper_types', { name: 'Mitteilung', abbreviation: 'MI', sort_order: 3 });
  let seq = 0;
  const paper = (type: string, name: string, date: string, extra: Record<string, unknown> = {}) => {
    seq++;
    const abbr = type === ids.bv ? 'BV' : 'AN';
    return t('papers', { paper_type_id: type, reference: `${abbr}/${String(seq).padStart(4, '0')}/${date.slice(0, 4)}`, reference_year: Number(date.slice(0, 4)), reference_sequence: seq, name, date, status: 'released', ...extra });
  };
  ids.main = await paper(ids.bv, 'Bebauungsplan Nr. 12 „Am Mühlenteich“', `${YEAR}-03-10`, { responsible_department: 'Amt für Stadtentwicklung' });
  ids.amendment = await paper(ids.an, 'Änderungsantrag zum Bebauungsplan Nr. 12', `${YEAR}-03-20`, { original_paper_id: ids.main, derivation: 'amendment', status: 'withdrawn' });
  ids.related = await paper(ids.bv, 'Erschließung Mühlenteich: Zuschuss 10% Eigenanteil', `${YEAR - 1}-11-02`);
  ids.secret = await paper(ids.bv, 'Grundstücksankauf Mühlenteich (vertraulich)', `${YEAR}-02-01`, { public: false });
  ids.draft = await paper(ids.bv, 'Entwurf Mühlenteich Ergänzung', `${YEAR}-04-01`, { status: 'draft', original_paper_id: ids.main, derivation: 'supplement' });
  ids.deletedPaper = await paper(ids.bv, 'Gelöschte Vorlage Mühlenteich', `${YEAR}-01-15`, { deleted_at: new Date().toISOString() });
  // the public paper's superordinate is non-public: the link must vanish, not just its name
  await c.query('UPDATE papers SET superordinate_paper_id = $1 WHERE id = $2', [ids.secret, ids.main]);
  ids.child = await paper(ids.bv, 'Teilplan Nord zum Bebauungsplan Nr. 12', `${YEAR}-03-15`, { superordinate_paper_id: ids.main });
  ids.hiddenChild = await paper(ids.bv, 'Teilplan Süd (vertraulich)', `${YEAR}-03-16`, { superordinate_paper_id: ids.main, public: false });
  const relate = (a: string, b: string) => t('paper_relations', { paper_id: a < b ? a : b, related_paper_id: a < b ? b : a });
  await relate(ids.main, ids.related);
  await relate(ids.main, ids.secret);
  await relate(ids.main, ids.deletedPaper);
  await t('paper_originator_persons', { paper_id: ids.amendment, person_id: ids.chair });
  await t('paper_originator_persons', { paper_id: ids.secret, person_id: ids.chair });
  await t('paper_originator_persons', { paper_id: ids.draft, person_id: ids.chair });
  await t('paper_originator_persons', { paper_id: ids.main, person_id: ids.gonePerson });
  await t('paper_originator_organizations', { paper_id: ids.amendment, organization_id: ids.faction });

  ids.step1 = await t('consultations', { paper_id: ids.main, organization_id: ids.committee, position: 1, authoritative: false, role: 'Vorberatung' });
  ids.step2 = await t('consultations', { paper_id: ids.main, organization_id: ids.council, position: 2, authoritative: true, role: 'Entscheidung' });
  ids.step3 = await t('consultations', { paper_id: ids.main, organization_id: ids.committee, position: 3, authoritative: false, role: 'Kenntnisnahme' });
  ids.deletedStep = await t('consultations', { paper_id: ids.main, organization_id: ids.faction, position: 4, deleted_at: new Date().toISOString() });
  ids.secretStep = await t('consultations', { paper_id: ids.secret, organization_id: ids.committee, position: 1, authoritative: true });
  ids.draftStep = await t('consultations', { paper_id: ids.draft, organization_id: ids.committee, position: 1 });

  // the past committee meeting: Ö 1 the paper (recommended), Ö 2 a public item about the
  // non-public paper (the clerk made it public: still the paper must not show), Ö 3 the
  // draft's step, N 1 a closed item
  ids.item1 = await t('agenda_items', { meeting_id: ids.pastMeeting, order: 1, number: 'Ö 1', name: 'Bebauungsplan Nr. 12', consultation_id: ids.step1, result: 'empfohlen' });
  ids.item2 = await t('agenda_items', { meeting_id: ids.pastMeeting, order: 2, number: 'Ö 2', name: 'Grundstücksangelegenheit', consultation_id: ids.secretStep });
  ids.item3 = await t('agenda_items', { meeting_id: ids.pastMeeting, order: 3, number: 'Ö 3', name: 'Ergänzung Mühlenteich', consultation_id: ids.draftStep, level: 1 });
  ids.item3a = await t('agenda_items', { meeting_id: ids.pastMeeting, order: 4, number: 'Ö 3.1', name: 'Dringliche Anfrage', level: 2, urgent: true, urgent_reason: 'Frist' });
  ids.closedItem = await t('agenda_items', { meeting_id: ids.pastMeeting, order: 5, number: 'N 1', name: 'Vertrauliche Vergabe', public: false });
  ids.deletedItem = await t('agenda_items', { meeting_id: ids.pastMeeting, order: 6, number: 'Ö 9', name: 'Gestrichener Punkt', deleted_at: new Date().toISOString() });
  // the council decided in closed session: the step shows no meeting
  ids.closedCouncilItem = await t('agenda_items', { meeting_id: ids.councilMeeting, order: 1, number: 'N 1', name: 'Bebauungsplan Nr. 12', consultation_id: ids.step2, public: false, result: 'beschlossen' });

  const file = async (key: string, name: string, owner: Record<string, string>, extra: Record<string, unknown> = {}) => {
    ids[key] = await t('files', { name, ...owner, ...extra });
    await t('file_versions', { file_id: ids[key], number: 1, file_name: `${name}.pdf`, mime_type: 'application/pdf', size: 2048, sha512: hex(128), storage_key: `${tenantId}/${randomUUID()}` });
    return ids[key];
  };
  await c.query(`INSERT INTO file_versions (tenant_id, file_id, number, file_name, mime_type, size, sha512, storage_key) VALUES ($1, $2, 1, 'anna.jpg', 'image/jpeg', 1000, $3, $4)`, [tenantId, ids.photo, hex(128), `${tenantId}/${randomUUID()}`]);
  await file('mainFile', 'Vorlage', { paper_id: ids.main }, { sort_order: 0 });
  await c.query('UPDATE papers SET main_file_id = $1 WHERE id = $2', [ids.mainFile, ids.main]);
  await file('plan', 'Anlage 1 – Lageplan', { paper_id: ids.main }, { sort_order: 1 });
  // a second version of the plan: the newest one is what the portal describes
  await c.query(`INSERT INTO file_versions (tenant_id, file_id, number, file_name, mime_type, size, sha512, storage_key) VALUES ($1, $2, 2, 'Lageplan-v2.pdf', 'application/pdf', 4096, $3, $4)`, [tenantId, ids.plan, hex(128), `${tenantId}/${randomUUID()}`]);
  await c.query('UPDATE files SET current_version = 2 WHERE id = $1', [ids.plan]);
  await file('secretAttachment', 'Anlage 2 – Kaufpreis', { paper_id: ids.main }, { public: false, sort_order: 2 });
  await file('deletedAttachment', 'Anlage 3 – alt', { paper_id: ids.main }, { deleted_at: new Date().toISOString(), sort_order: 3 });
  await file('secretPaperFile', 'Gutachten Grundstück', { paper_id: ids.secret });
  await file('draftPaperFile', 'Entwurf', { paper_id: ids.draft });
  await file('itemFile', 'Präsentation', { agenda_item_id: ids.item1 });
  await file('closedItemFile', 'Vergabevermerk', { agenda_item_id: ids.closedItem });
  await file('meetingFile', 'Einladung', { meeting_id: ids.pastMeeting });
  await file('secretMeetingFile', 'Interne Notiz', { meeting_id: ids.pastMeeting }, { public: false });
  await file('deletedMeetingFile', 'Einladung (alt)', { meeting_id: ids.deletedMeeting });

  const hidden = [
    ids.secret, ids.draft, ids.deletedPaper, ids.hiddenChild,
    ids.secretStep, ids.draftStep, ids.deletedStep,
    ids.closedItem, ids.deletedItem, ids.closedCouncilItem, ids.deletedMeeting,
    ids.secretAttachment, ids.deletedAttachment, ids.secretPaperFile, ids.draftPaperFile, ids.closedItemFile, ids.secretMeetingFile, ids.deletedMeetingFile,
    ids.gonePerson, ids.goneMembership, ids.deletedOrg,
  ].map((id) => id!);
  return { tenantId, slug, ids, hidden };
}

let f: Fixture;
let other: Fixture;
const seen: string[] = [];

/** A public answer: remembered, so the last test can search all of them for hidden ids. */
async function read<T>(path: string): Promise<Answer<T>> {
  const r = await get<T>(path);
  seen.push(r.text);
  return r;
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
  await admin.query('DELETE FROM tenants WHERE id = ANY($1)', [[f?.tenantId, other?.tenantId].filter(Boolean)]);
  await app.close();
  await admin.end();
});

describe('query budgets', () => {
  // Run first, so every URL is read for the first time. Statements per first read of a URL (BEGIN, set_config, the queries, COMMIT): one query per
  // relation Prisma loads, never one per row. The fixture has several rows behind every
  // relation, so an N+1 would exceed these at once. A cached read costs nothing.
  const routes: [string, () => string, number][] = [
    ['the paper list', () => `${PortalContentRoutes.papers(f.slug)}?limit=2`, 6],
    ['the paper types', () => PortalContentRoutes.paperTypes(f.slug), 4],
    // one query per relation and level (Prisma without relation joins): 26 relations, all non-empty here, and one for the resolutions
    ['a paper with every kind of link', () => PortalContentRoutes.paper(f.slug, f.ids.main!), 30],
    ['a body with members and meetings', () => PortalContentRoutes.organization(f.slug, f.ids.committee!), 16],
    ['a person with memberships, photo and papers', () => PortalContentRoutes.person(f.slug, f.ids.chair!), 13],
    // …and its public bundle (one more relation)
    ['a meeting with papers and files', () => ApiRoutes.portalMeeting(f.slug, f.ids.pastMeeting!), 15],
  ];

  it.each(routes)('%s stays within its budget, and costs nothing once cached', async (_name, path, budget) => {
    const counter = app.get(SqlStatementCounter);
    const count = async () => {
      const before = counter.statements;
      const r = await get(path());
      return { status: r.status, statements: counter.statements - before };
    };
    const first = await count();
    expect(first.status).toBe(200);
    expect(first.statements).toBeLessThanOrEqual(budget);
    expect(await count()).toEqual({ status: 200, statements: 0 });
  });
});

describe('GET /api/portal/{tenant}/papers', () => {
  it('lists only public, published, living papers, newest first, with type and status', async () => {
    const r = await read<PortalPaperList>(PortalContentRoutes.papers(f.slug));
    expect(r.status).toBe(200);
    expect(portalPaperListSchema.parse(r.body)).toEqual(r.body);
    expect(r.body.data.map((p) => p.id)).toEqual([f.ids.amendment, f.ids.child, f.ids.main, f.ids.related]);
    expect(r.body.nextCursor).toBeNull();
    expect(r.body.data[0]).toEqual({
      id: f.ids.amendment,
      reference: `AN/0002/${YEAR}`,
      name: 'Änderungsantrag zum Bebauungsplan Nr. 12',
      date: `${YEAR}-03-20`,
      paperType: { id: f.ids.an, name: 'Antrag', abbreviation: 'AN' },
      status: 'withdrawn',
      derivation: 'amendment',
    });
    expect(r.cacheControl).toBe('public, no-cache');
    expect(r.etag).toMatch(/^"[\w-]+"$/);
  });

  it('pages by an opaque cursor without skipping or repeating a paper', async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: Answer<PortalPaperList> = await read<PortalPaperList>(`${PortalContentRoutes.papers(f.slug)}?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.status).toBe(200);
      expect(r.body.data).toHaveLength(1);
      ids.push(r.body.data[0]!.id);
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(ids).toEqual([f.ids.amendment, f.ids.child, f.ids.main, f.ids.related]);
  });

  it('filters by words in title or reference, by type and by year', async () => {
    const q = async (query: string) => (await read<PortalPaperList>(`${PortalContentRoutes.papers(f.slug)}?${query}`)).body.data.map((p) => p.id);
    expect(await q('q=m%C3%BChlenteich')).toEqual([f.ids.main, f.ids.related]);
    expect(await q('q=Nr.%2012%20%C3%84nderungsantrag')).toEqual([f.ids.amendment]);
    expect(await q(`q=AN%2F0002%2F${YEAR}`)).toEqual([f.ids.amendment]);
    // pattern characters are taken literally
    expect(await q('q=10%25')).toEqual([f.ids.related]);
    expect(await q('q=%25')).toEqual([f.ids.related]);
    expect(await q('q=_')).toEqual([]);
    expect(await q('q=vertraulich')).toEqual([]);
    expect(await q('q=Entwurf')).toEqual([]);
    expect(await q(`type=${f.ids.an}`)).toEqual([f.ids.amendment]);
    expect(await q(`year=${YEAR - 1}`)).toEqual([f.ids.related]);
    expect(await q(`year=${YEAR}&type=${f.ids.bv}&q=Bebauungsplan`)).toEqual([f.ids.child, f.ids.main]);
    // another authority's type filters to nothing rather than leaking its papers
    expect(await q(`type=${other.ids.bv}`)).toEqual([]);
  });

  it.each([
    ['year=abc', 'year'],
    ['year=1800', 'year'],
    ['year=2026.5', 'year'],
    ['type=BV', 'type'],
    ['cursor=not-a-cursor', 'cursor'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    [`q=${'x'.repeat(201)}`, 'q'],
    ['q=a%00b', 'q'],
    ['sort=name', 'sort'],
  ])('rejects %s with 400 problem+json naming %s', async (query, name) => {
    const r = await get<Problem>(`${PortalContentRoutes.papers(f.slug)}?${query}`);
    expectProblem(r, 400, ProblemType.validation);
    expect(r.body.errors?.map((e) => e.name)).toEqual([name]);
  });

  it('lists the paper types that public papers have, in their order', async () => {
    const r = await read<ListResponse<PortalPaperType>>(PortalContentRoutes.paperTypes(f.slug));
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual([
      { id: f.ids.bv, name: 'Beschlussvorlage', abbreviation: 'BV' },
      { id: f.ids.an, name: 'Antrag', abbreviation: 'AN' },
    ]);
  });
});

describe('GET /api/portal/{tenant}/papers/{id}', () => {
  it('shows a public paper with its path in order, results where recorded, files and links to public papers only', async () => {
    const r = await read<PortalPaper>(PortalContentRoutes.paper(f.slug, f.ids.main!));
    expect(r.status).toBe(200);
    expect(portalPaperSchema.parse(r.body)).toEqual(r.body);
    const p = r.body;
    expect(p).toMatchObject({
      id: f.ids.main,
      reference: `BV/0001/${YEAR}`,
      name: 'Bebauungsplan Nr. 12 „Am Mühlenteich“',
      date: `${YEAR}-03-10`,
      status: 'released',
      derivation: null,
      paperType: { abbreviation: 'BV', name: 'Beschlussvorlage' },
      responsibleDepartment: 'Amt für Stadtentwicklung',
      originatorPersons: [], // the only originator is deleted
      originatorOrganizations: [],
    });
    expect(p.consultations.map((c) => [c.position, c.organization.name, c.role, c.authoritative])).toEqual([
      [1, 'Bauausschuss', 'Vorberatung', false],
      [2, 'Gemeinderat', 'Entscheidung', true],
      [3, 'Bauausschuss', 'Kenntnisnahme', false],
    ]);
    expect(p.consultations[0]).toMatchObject({
      meeting: { id: f.ids.pastMeeting, name: 'Sitzung des Bauausschusses', cancelled: false, meetingState: 'held' },
      agendaItem: { id: f.ids.item1, number: 'Ö 1', result: 'empfohlen' },
    });
    // decided in closed session: that it was, and where, is not public
    expect(p.consultations[1]).toMatchObject({ meeting: null, agendaItem: null });
    expect(p.consultations[2]).toMatchObject({ meeting: null, agendaItem: null });

    expect(p.mainFile).toEqual({
      id: f.ids.mainFile,
      name: 'Vorlage',
      fileName: 'Vorlage.pdf',
      mimeType: 'application/pdf',
      size: 2048,
      sha512Checksum: expect.stringMatching(/^[0-9a-f]{128}$/),
      modifiedAt: expect.any(String),
      accessUrl: `/api/portal/${f.slug}/files/${f.ids.mainFile}/content`,
      downloadUrl: `/api/portal/${f.slug}/files/${f.ids.mainFile}/content?download=1`,
    });
    expect(p.auxiliaryFiles.map((x) => [x.id, x.fileName, x.size])).toEqual([[f.ids.plan, 'Lageplan-v2.pdf', 4096]]);

    expect(p.superordinatePaper).toBeNull();
    expect(p.subordinatePapers.map((x) => x.id)).toEqual([f.ids.child]);
    expect(p.derivativePapers.map((x) => [x.id, x.derivation, x.status])).toEqual([[f.ids.amendment, 'amendment', 'withdrawn']]);
    expect(p.originalPaper).toBeNull();
    expect(p.relatedPapers.map((x) => x.id)).toEqual([f.ids.related]);
  });

  it('shows an amendment with its original and its originators, and a related paper from the other side', async () => {
    const amendment = await read<PortalPaper>(PortalContentRoutes.paper(f.slug, f.ids.amendment!));
    expect(amendment.body.originalPaper?.id).toBe(f.ids.main);
    expect(amendment.body.originatorPersons).toEqual([{ id: f.ids.chair, name: 'Dr. Anna Albrecht' }]);
    expect(amendment.body.originatorOrganizations.map((o) => [o.id, o.organizationType])).toEqual([[f.ids.faction, 'faction']]);
    expect(amendment.body.consultations).toEqual([]);
    expect(amendment.body.mainFile).toBeNull();
    const related = await read<PortalPaper>(PortalContentRoutes.paper(f.slug, f.ids.related!));
    expect(related.body.relatedPapers.map((x) => x.id)).toEqual([f.ids.main]);
    const child = await read<PortalPaper>(PortalContentRoutes.paper(f.slug, f.ids.child!));
    expect(child.body.superordinatePaper?.id).toBe(f.ids.main);
  });

  it.each([
    ['a non-public paper', 'secret'],
    ['a draft', 'draft'],
    ['a deleted paper', 'deletedPaper'],
  ])('answers 404 for %s, exactly as for one that does not exist', async (_what, key) => {
    const r = await get<Problem>(PortalContentRoutes.paper(f.slug, f.ids[key]!));
    expectProblem(r, 404, ProblemType.notFound);
    const none = await get<Problem>(PortalContentRoutes.paper(f.slug, randomUUID()));
    expect(r.text.split(f.ids[key]!).join('')).toBe(none.text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ''));
  });

  it("answers 404 for another authority's paper", async () => {
    expectProblem(await get(PortalContentRoutes.paper(f.slug, other.ids.main!)), 404, ProblemType.notFound);
    expect((await get(PortalContentRoutes.paper(other.slug, other.ids.main!))).status).toBe(200);
  });

  it('answers 400 naming paperId for a malformed id, 410 for a suspended authority and 404 for an unknown one', async () => {
    const bad = await get<Problem>(PortalContentRoutes.paper(f.slug, 'BV-0001'));
    expectProblem(bad, 400, ProblemType.validation);
    expect(bad.body.errors?.map((e) => e.name)).toEqual(['paperId']);
    for (const path of [
      PortalContentRoutes.papers('elbe-parey'),
      PortalContentRoutes.paperTypes('elbe-parey'),
      PortalContentRoutes.paper('elbe-parey', randomUUID()),
      PortalContentRoutes.organization('elbe-parey', randomUUID()),
      PortalContentRoutes.person('elbe-parey', randomUUID()),
    ]) {
      const r = await get(path);
      expectProblem(r, 410, ProblemType.tenantSuspended);
      expect(r.cacheControl).toBe('no-store');
    }
    expectProblem(await get(PortalContentRoutes.papers('gibt-es-nicht')), 404, ProblemType.tenantNotFound);
  });
});

describe('GET /api/portal/{tenant}/organizations/{id}', () => {
  it('shows a committee with its current members (chair first, faction, deputy), term, parent, location and meetings', async () => {
    const r = await read<PortalOrganization>(PortalContentRoutes.organization(f.slug, f.ids.committee!));
    expect(r.status).toBe(200);
    expect(portalOrganizationSchema.parse(r.body)).toEqual(r.body);
    const o = r.body;
    expect(o).toMatchObject({
      id: f.ids.committee,
      name: 'Bauausschuss',
      shortName: 'BauA',
      organizationType: 'committee',
      website: 'https://example.org/bau',
      parent: { id: f.ids.council, name: 'Gemeinderat', organizationType: 'council' },
      location: { description: 'Ratssaal, Rathaus', room: '101', streetAddress: 'Markt 1', postalCode: '39288', locality: 'Burg' },
      currentTerm: { id: f.ids.term, name: 'Wahlperiode 2024–2029', startDate: '2024-07-01', endDate: '2029-06-30' },
    });
    expect(o.members.map((m) => [m.person.name, m.role, m.onBehalfOf?.name ?? null, m.deputyFor?.name ?? null, m.votingRight])).toEqual([
      ['Dr. Anna Albrecht', 'Vorsitzende', 'Fraktion Bürgerliste', null, true],
      ['Bernd Berger', 'Mitglied', null, null, true],
      ['Clara Cramer', 'Stellvertretendes Mitglied', null, 'Bernd Berger', false],
    ]);
    expect(o.upcomingMeetings.map((m) => m.id)).toEqual([f.ids.upcomingMeeting]);
    expect(o.pastMeetings.map((m) => m.id)).toEqual([f.ids.pastMeeting]);
    const council = await read<PortalOrganization>(PortalContentRoutes.organization(f.slug, f.ids.council!));
    expect(council.body.subOrganizations.map((s) => s.id)).toEqual([f.ids.committee]);
    expect(council.body.pastMeetings.map((m) => m.id)).toEqual([f.ids.councilMeeting]);
  });

  it('shows a faction with its members', async () => {
    const r = await read<PortalOrganization>(PortalContentRoutes.organization(f.slug, f.ids.faction!));
    expect(r.body.organizationType).toBe('faction');
    // the former member (ended 2023) is not current
    expect(r.body.members.map((m) => m.person.id)).toEqual([f.ids.chair]);
  });

  it('drops links to a deleted faction and a deleted principal', async () => {
    await admin.query('UPDATE organizations SET deleted_at = now() WHERE id = $1', [other.ids.faction]);
    await admin.query('UPDATE persons SET deleted_at = now() WHERE id = $1', [other.ids.member]);
    let members: PortalOrganization['members'] = [];
    for (let i = 0; i < 100; i++) {
      members = (await read<PortalOrganization>(PortalContentRoutes.organization(other.slug, other.ids.committee!))).body.members;
      if (members.every((m) => !m.onBehalfOf)) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(members.map((m) => [m.person.name, m.onBehalfOf, m.deputyFor])).toEqual([
      ['Dr. Anna Albrecht', null, null],
      ['Clara Cramer', null, null],
    ]);
    const chair = await read<PortalPerson>(PortalContentRoutes.person(other.slug, other.ids.chair!));
    expect(chair.body.memberships.map((m) => [m.organization.name, m.onBehalfOf])).toEqual([['Bauausschuss', null]]);
  });

  it('answers 404 for a deleted body and for one of another authority, 400 for a malformed id', async () => {
    expectProblem(await get(PortalContentRoutes.organization(f.slug, f.ids.deletedOrg!)), 404, ProblemType.notFound);
    expectProblem(await get(PortalContentRoutes.organization(f.slug, other.ids.committee!)), 404, ProblemType.notFound);
    const bad = await get<Problem>(PortalContentRoutes.organization(f.slug, '42'));
    expectProblem(bad, 400, ProblemType.validation);
    expect(bad.body.errors?.map((e) => e.name)).toEqual(['organizationId']);
  });

  it("shows the seed's council of Burg with members", async () => {
    const list = await get<ListResponse<OrganizationDto>>(ApiRoutes.portalOrganizations('burg'));
    // the older lists answer what their declared (OpenAPI) schemas say
    const persons = (await get(ApiRoutes.portalPersons('burg'))).body;
    const meetings = (await get(`${ApiRoutes.portalMeetings('burg')}?from=${YEAR}-01-01&to=${YEAR}-12-31`)).body;
    expect(portalOrganizationListSchema.parse(list.body)).toEqual(list.body);
    expect(portalPersonListSchema.parse(persons)).toEqual(persons);
    expect(portalMeetingListSchema.parse(meetings)).toEqual(meetings);
    const council = list.body.data.find((o) => o.organizationType === 'council')!;
    const r = await get<PortalOrganization>(PortalContentRoutes.organization('burg', council.id));
    expect(r.status).toBe(200);
    expect(r.body.members.length).toBeGreaterThan(5);
    expect(r.body.pastMeetings.length + r.body.upcomingMeetings.length).toBeGreaterThan(0);
  });
});

describe('GET /api/portal/{tenant}/persons/{id}', () => {
  it('shows a person with current and former memberships, photo and public papers only', async () => {
    const chair = await read<PortalPerson>(PortalContentRoutes.person(f.slug, f.ids.chair!));
    expect(chair.status).toBe(200);
    expect(portalPersonSchema.parse(chair.body)).toEqual(chair.body);
    expect(chair.body).toMatchObject({ name: 'Dr. Anna Albrecht', formOfAddress: 'Frau', life: 'Bauingenieurin, seit 2019 im Rat.' });
    expect(chair.body.photo).toMatchObject({ id: f.ids.photo, mimeType: 'image/jpeg', accessUrl: `/api/portal/${f.slug}/files/${f.ids.photo}/content` });
    expect(chair.body.memberships.map((m) => [m.organization.name, m.role, m.onBehalfOf?.name ?? null, m.current])).toEqual([
      ['Bauausschuss', 'Vorsitzende', 'Fraktion Bürgerliste', true],
      ['Fraktion Bürgerliste', 'Fraktionsvorsitzende', null, true],
    ]);
    // the non-public paper and the draft she originated are not listed
    expect(chair.body.papers.map((p) => p.id)).toEqual([f.ids.amendment]);

    const member = await read<PortalPerson>(PortalContentRoutes.person(f.slug, f.ids.member!));
    expect(member.body.photo).toBeNull();
    expect(member.body.memberships.map((m) => [m.organization.name, m.current])).toEqual([
      ['Bauausschuss', true],
      ['Gemeinderat', true],
      ['Fraktion Bürgerliste', false],
    ]);
  });

  it('leaves out a photo that is not public', async () => {
    await admin.query('UPDATE files SET public = false WHERE id = $1', [other.ids.photo]);
    const r = await read<PortalPerson>(PortalContentRoutes.person(other.slug, other.ids.chair!));
    expect(r.body.photo).toBeNull();
    expect(r.text).not.toContain(other.ids.photo);
  });

  it('answers 404 for a deleted person and for one of another authority', async () => {
    expectProblem(await get(PortalContentRoutes.person(f.slug, f.ids.gonePerson!)), 404, ProblemType.notFound);
    expectProblem(await get(PortalContentRoutes.person(f.slug, other.ids.chair!)), 404, ProblemType.notFound);
  });

  it('shows a person of the seed', async () => {
    const persons = await get<ListResponse<PersonDto>>(ApiRoutes.portalPersons('burg'));
    const someone = persons.body.data.find((p) => p.memberships.length > 0)!;
    const r = await get<PortalPerson>(PortalContentRoutes.person('burg', someone.id));
    expect(r.status).toBe(200);
    expect(r.body.name).toBe(someone.name);
    expect(r.body.memberships.filter((m) => m.current).map((m) => m.id).sort()).toEqual(someone.memberships.map((m) => m.id).sort());
  });
});

describe('GET /api/portal/{tenant}/meetings/{id}', () => {
  it('lists per public item its public paper and public files, and the meeting files', async () => {
    const r = await read<PortalMeetingDetail>(ApiRoutes.portalMeeting(f.slug, f.ids.pastMeeting!));
    expect(r.status).toBe(200);
    expect(portalMeetingDetailSchema.parse(r.body)).toEqual(r.body);
    const m = r.body;
    expect(m.agendaItems.map((a) => [a.number, a.name, a.paper?.reference ?? null, a.files.map((x) => x.name), a.level, a.urgent])).toEqual([
      ['Ö 1', 'Bebauungsplan Nr. 12', `BV/0001/${YEAR}`, ['Präsentation', 'Vorlage', 'Anlage 1 – Lageplan'], 1, false],
      ['Ö 2', 'Grundstücksangelegenheit', null, [], 1, false],
      ['Ö 3', 'Ergänzung Mühlenteich', null, [], 1, false],
      ['Ö 3.1', 'Dringliche Anfrage', null, [], 2, true],
    ]);
    expect(m.agendaItems[0]!.paper).toEqual({ id: f.ids.main, reference: `BV/0001/${YEAR}`, name: 'Bebauungsplan Nr. 12 „Am Mühlenteich“' });
    expect(m.agendaItems[0]!.files[0]).toMatchObject({ id: f.ids.itemFile, downloadUrl: `/api/portal/${f.slug}/files/${f.ids.itemFile}/content?download=1` });
    expect(m.files.map((x) => x.id)).toEqual([f.ids.meetingFile]);
    expect(m.cancelledReason).toBeNull();
  });

  it('answers 404 for a deleted meeting', async () => {
    expectProblem(await get(ApiRoutes.portalMeeting(f.slug, f.ids.deletedMeeting!)), 404, ProblemType.notFound);
  });
});

describe('the response cache', () => {
  it('answers a repeated read with 304 and shows a change at once', async () => {
    const path = PortalContentRoutes.paper(f.slug, f.ids.related!);
    const first = await get<PortalPaper>(path);
    expect(first.status).toBe(200);
    expect((await get(path, { 'if-none-match': first.etag! })).status).toBe(304);
    await admin.query(`UPDATE papers SET name = 'Erschließung Mühlenteich (geändert)' WHERE id = $1`, [f.ids.related]);
    let changed: Answer<PortalPaper> | undefined;
    for (let i = 0; i < 100; i++) {
      changed = await get<PortalPaper>(path, { 'if-none-match': first.etag! });
      if (changed.status === 200) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(changed?.status).toBe(200);
    expect(changed?.body.name).toBe('Erschließung Mühlenteich (geändert)');
    // and a paper that becomes non-public vanishes from the list and its page
    await admin.query('UPDATE papers SET public = false WHERE id = $1', [other.ids.related]);
    let gone = false;
    for (let i = 0; i < 100 && !gone; i++) {
      gone = (await get(PortalContentRoutes.paper(other.slug, other.ids.related!))).status === 404;
      if (!gone) await new Promise((res) => setTimeout(res, 50));
    }
    expect(gone).toBe(true);
    expect((await get<PortalPaperList>(PortalContentRoutes.papers(other.slug))).body.data.map((p) => p.id)).not.toContain(other.ids.related);
  });
});

describe('privacy', () => {
  it('no answer above named any non-public, draft or deleted paper, step, item, file, person or body — not even by id', () => {
    expect(seen.length).toBeGreaterThan(15);
    const all = seen.join('\n');
    const found = f.hidden.filter((id) => all.includes(id));
    expect(found).toEqual([]);
    for (const name of ['vertraulich', 'Kaufpreis', 'Gutachten Grundstück', 'Vergabevermerk', 'Interne Notiz', 'Gelöscht', 'Entwurf', 'Vertrauliche Vergabe']) {
      expect(all).not.toContain(name);
    }
  });
});

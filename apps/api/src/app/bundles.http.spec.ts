import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { BUNDLE_LIMITS, DEFAULT_BUNDLE_LIMITS, MeetingBundleGenerator } from '@ratsinfo/api-bundles';
import { CoreModule, loadConfig, TenantContext } from '@ratsinfo/api-core';
import { DatabaseModule } from '@ratsinfo/api-database';
import { BUNDLE_REQUESTED_TOPIC, FileStorage, LocalFolderStorage } from '@ratsinfo/api-files';
import { connect, fixtureAgs, startTestIssuer, testEnv, type TestIssuer } from '@ratsinfo/api-testing';
import { ApiRoutes, BundleRoutes, FileRoutes, MeetingRoutes, PaperRoutes, ProblemType } from '@ratsinfo/contracts';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Client } from 'pg';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createApp } from './create-app';

/**
 * The meeting bundle (Sitzungsmappe) over HTTP: the portal's public bundle (ETag, 304, Range),
 * the back office's full bundle by the member visibility rule, 404 + a generation request while
 * none exists, and the outbox requests written by agenda and file changes. The bundles are
 * generated in this process by the worker's generator (the worker process test runs it for real).
 */
jest.setTimeout(120_000);

let app: INestApplication;
let base: string;
let owner: Client;
let admin: Client;
let issuer: TestIssuer;
let dir: string;
let generator: MeetingBundleGenerator;
let context: TenantContext;
let closeGenerator: () => Promise<void>;

interface Fixture {
  id: string;
  slug: string;
  subs: Record<'clerk' | 'member' | 'outsider', string>;
  meetingId: string;
  publicFileId: string;
}
let t: Fixture;
let other: Fixture;

async function pdf(label: string, pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) doc.addPage([595, 842]).drawText(`${label} ${i}`, { x: 50, y: 780, size: 14, font });
  return Buffer.from(await doc.save());
}

async function createFixture(label: string, storage: FileStorage): Promise<Fixture> {
  const id = randomUUID();
  const slug = `bdl-${label}-${id.slice(0, 6)}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias) VALUES ($1, $2, $3, 'town', $4, $2)`, [id, slug, `Mappenstadt ${label}`, fixtureAgs()]);
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
  const one = async (sql: string, params: unknown[]) => (await owner.query<{ id: string }>(sql, params)).rows[0]!.id;
  await one(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, 'Stadtrat', 'council') RETURNING id`, [id]);
  const committee = await one(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, 'Bauausschuss', 'committee') RETURNING id`, [id]);
  const person = await one(`INSERT INTO persons (tenant_id, family_name, given_name) VALUES ($1, 'Mitglied', 'Maria') RETURNING id`, [id]);
  await owner.query(`INSERT INTO memberships (tenant_id, person_id, organization_id, role) VALUES ($1, $2, $3, 'Mitglied')`, [id, person, committee]);
  const paperType = await one(`INSERT INTO paper_types (tenant_id, name, abbreviation) VALUES ($1, 'Beschlussvorlage', 'BV') RETURNING id`, [id]);
  // In a month: upcoming, and not "late" for agenda edits.
  const meetingId = await one(`INSERT INTO meetings (tenant_id, organization_id, name, start) VALUES ($1, $2, 'Sitzung des Bauausschusses', now() + interval '30 days') RETURNING id`, [id, committee]);
  const files: string[] = [];
  const entries = [
    { n: 1, number: 'Ö 1', name: 'Radweg Hauptstraße', public: true, pages: 2 },
    { n: 2, number: 'N 1', name: 'Vergabe Tiefbau Los 3', public: false, pages: 3 },
  ];
  for (const e of entries) {
    const paper = await one(
      `INSERT INTO papers (tenant_id, paper_type_id, reference, reference_year, reference_sequence, name, date, public, status) VALUES ($1, $2, $3, 2026, $4, $5, '2026-11-02', $6, 'released') RETURNING id`,
      [id, paperType, `BV/00${e.n}/2026`, e.n, e.name, e.public],
    );
    const consultation = await one(`INSERT INTO consultations (tenant_id, paper_id, organization_id, position, authoritative) VALUES ($1, $2, $3, 1, true) RETURNING id`, [id, paper, committee]);
    await owner.query(`INSERT INTO agenda_items (tenant_id, meeting_id, "order", number, name, public, consultation_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [id, meetingId, e.n, e.number, e.name, e.public, consultation]);
    const bytes = await pdf(e.name, e.pages);
    const key = `${id}/${randomUUID()}`;
    await storage.put(key, Readable.from(bytes));
    const file = await one(`INSERT INTO files (tenant_id, name, paper_id, public) VALUES ($1, 'Vorlage', $2, $3) RETURNING id`, [id, paper, e.public]);
    await owner.query(`INSERT INTO file_versions (tenant_id, file_id, number, file_name, mime_type, size, sha512, storage_key) VALUES ($1, $2, 1, 'Vorlage.pdf', 'application/pdf', $3, $4, $5)`, [
      id,
      file,
      bytes.byteLength,
      createHash('sha512').update(bytes).digest('hex'),
      key,
    ]);
    await owner.query(`UPDATE papers SET main_file_id = $1 WHERE id = $2`, [file, paper]);
    files.push(file);
  }
  const subs = { clerk: randomUUID(), member: randomUUID(), outsider: randomUUID() };
  for (const [who, role, personId] of [['clerk', 'clerk', null], ['member', 'member', person], ['outsider', 'member', null]] as const) {
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
  return { id, slug, subs, meetingId, publicFileId: files[0]! };
}

const token = (f: Fixture, who: keyof Fixture['subs']) => issuer.token({ sub: f.subs[who], organization: [f.slug], name: who });

async function get(path: string, bearer: string | null, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function json(method: string, path: string, bearer: string | null, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

async function pendingRequests(f: Fixture): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_events WHERE tenant_id = $1 AND topic = $2 AND payload->>'meetingId' = $3 AND processed_at IS NULL`, [
    f.id,
    BUNDLE_REQUESTED_TOPIC,
    f.meetingId,
  ]);
  return rows[0]!.n;
}

/** What the worker's relay does once a request's handler ran. */
async function markRequestsDone(f: Fixture): Promise<void> {
  await admin.query(`UPDATE outbox_events SET processed_at = now() WHERE tenant_id = $1 AND topic = $2 AND processed_at IS NULL`, [f.id, BUNDLE_REQUESTED_TOPIC]);
}

const generate = (f: Fixture) => context.run({ id: f.id, slug: f.slug }, () => generator.generate(f.meetingId));
const pages = async (bytes: Buffer) => (await PDFDocument.load(bytes)).getPageCount();

beforeAll(async () => {
  const env = testEnv();
  issuer = await startTestIssuer(['ratsinfo']);
  owner = await connect(env.ownerUrl);
  admin = await connect(env.adminUrl);
  dir = await mkdtemp(join(tmpdir(), 'bundles-http-'));
  const config = loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test', AUTH_URL: issuer.url, AUTH_REALM: 'ratsinfo', FILE_STORAGE_DIR: dir });
  const storage = new LocalFolderStorage(config);
  t = await createFixture('a', storage);
  other = await createFixture('b', storage);
  app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const worker = await Test.createTestingModule({
    imports: [CoreModule.forRoot(config), DatabaseModule],
    providers: [MeetingBundleGenerator, { provide: FileStorage, useClass: LocalFolderStorage }, { provide: BUNDLE_LIMITS, useValue: DEFAULT_BUNDLE_LIMITS }],
  }).compile();
  const generatorApp = worker.createNestApplication();
  await generatorApp.init();
  generator = generatorApp.get(MeetingBundleGenerator);
  context = generatorApp.get(TenantContext);
  closeGenerator = () => generatorApp.close();
});

afterAll(async () => {
  await app.close();
  await closeGenerator();
  for (const f of [t, other]) await owner.query('DELETE FROM tenants WHERE id = $1', [f.id]);
  await owner.end();
  await admin.end();
  await issuer.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('before the bundle exists', () => {
  it('answers 404 "not generated yet" (not cacheable) and asks for it once, however often it is asked', async () => {
    const first = await json('GET', BundleRoutes.portal(t.slug, t.meetingId), null);
    expect(first.status).toBe(404);
    expect(first.body.type).toBe(ProblemType.notFound);
    expect(first.body.detail).toMatch(/not been generated yet/);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(await pendingRequests(t)).toBe(1);
    expect((await json('GET', BundleRoutes.office(t.slug, t.meetingId, 'full'), await token(t, 'clerk'))).status).toBe(404);
    expect(await pendingRequests(t)).toBe(1);
    const page = await json('GET', ApiRoutes.portalMeeting(t.slug, t.meetingId), null);
    expect(page.body.bundle).toEqual({ available: false, failed: false, generatedAt: null, pageCount: null, size: null, url: BundleRoutes.portal(t.slug, t.meetingId) });
  });

  it('answers 404 for a meeting that does not exist here, without asking for anything', async () => {
    expect((await json('GET', BundleRoutes.portal(t.slug, other.meetingId), null)).status).toBe(404);
    expect((await json('GET', BundleRoutes.portal(t.slug, randomUUID()), null)).status).toBe(404);
    expect(await pendingRequests(other)).toBe(0);
  });
});

describe('the public bundle on the portal', () => {
  beforeAll(async () => {
    expect(await generate(t)).toEqual({ public: 'generated', full: 'generated' });
    await markRequestsDone(t);
  });

  it('is a PDF of the public part only, with ETag, 304 and ranges', async () => {
    const r = await get(BundleRoutes.portal(t.slug, t.meetingId), null);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('cache-control')).toBe('public, no-cache');
    expect(r.headers.get('content-disposition')).toMatch(/^inline; filename=.*Sitzungsmappe/);
    // cover + agenda + 2 pages of the public paper; the 3 pages of the non-public one are not in it
    expect(await pages(r.bytes)).toBe(4);
    expect(r.bytes.includes(Buffer.from('Vergabe Tiefbau'))).toBe(false);
    const etag = r.headers.get('etag')!;
    expect(etag).toMatch(/^"sha512-[0-9a-f]{32}"$/);
    expect((await get(BundleRoutes.portal(t.slug, t.meetingId), null, { 'if-none-match': etag })).status).toBe(304);
    const part = await get(BundleRoutes.portal(t.slug, t.meetingId), null, { range: 'bytes=0-4' });
    expect(part.status).toBe(206);
    expect(part.bytes.toString('latin1')).toBe('%PDF-');
    expect((await get(`${BundleRoutes.portal(t.slug, t.meetingId)}?download=1`, null)).headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('is announced on the portal meeting page, which never mentions the full bundle', async () => {
    const page = await json('GET', ApiRoutes.portalMeeting(t.slug, t.meetingId), null);
    expect(page.status).toBe(200);
    expect(page.body.bundle).toMatchObject({ available: true, failed: false, pageCount: 4, url: BundleRoutes.portal(t.slug, t.meetingId) });
    expect(page.body.bundle.size).toBeGreaterThan(1000);
    expect(JSON.stringify(page.body)).not.toMatch(/"full"|variant=full|Vergabe Tiefbau/);
  });

  it('is not served under another authority’s address', async () => {
    expect((await get(BundleRoutes.portal(other.slug, t.meetingId), null)).status).toBe(404);
  });
});

describe('the bundles in the back office', () => {
  it('gives clerks and members of the meeting’s body the full bundle', async () => {
    for (const who of ['clerk', 'member'] as const) {
      const r = await get(BundleRoutes.office(t.slug, t.meetingId, 'full'), await token(t, who));
      expect(r.status).toBe(200);
      expect(r.headers.get('cache-control')).toBe('private, no-store');
      expect(await pages(r.bytes)).toBe(1 + 1 + 2 + 3);
      const meeting = await json('GET', ApiRoutes.officeMeeting(t.slug, t.meetingId), await token(t, who));
      expect(meeting.body.bundles.full).toMatchObject({ available: true, pageCount: 7, url: BundleRoutes.office(t.slug, t.meetingId, 'full') });
      expect(meeting.body.bundles.public).toMatchObject({ available: true, pageCount: 4 });
    }
  });

  it('does not know a full bundle for a member who may not read the non-public items (404), but gives them the public one', async () => {
    const outsider = await token(t, 'outsider');
    expect((await get(BundleRoutes.office(t.slug, t.meetingId, 'full'), outsider)).status).toBe(404);
    const pub = await get(BundleRoutes.office(t.slug, t.meetingId, 'public'), outsider);
    expect(pub.status).toBe(200);
    expect(await pages(pub.bytes)).toBe(4);
    const meeting = await json('GET', ApiRoutes.officeMeeting(t.slug, t.meetingId), outsider);
    expect(meeting.body.bundles.full).toBeNull();
  });

  it('answers another authority’s clerk 404, and nobody signed out', async () => {
    expect((await get(BundleRoutes.office(other.slug, t.meetingId, 'full'), await token(other, 'clerk'))).status).toBe(404);
    expect((await get(BundleRoutes.office(other.slug, t.meetingId, 'public'), await token(other, 'clerk'))).status).toBe(404);
    // A token of one authority at the other's address: refused before anything is read.
    expect([403, 404]).toContain((await get(BundleRoutes.office(t.slug, t.meetingId, 'full'), await token(other, 'clerk'))).status);
    expect((await get(BundleRoutes.office(t.slug, t.meetingId, 'full'), null)).status).toBe(401);
    expect((await get(BundleRoutes.office(t.slug, t.meetingId, 'full'), 'forged.token.value')).status).toBe(401);
  });

  it('rejects an unknown variant', async () => {
    expect((await json('GET', `${MeetingRoutes.one(t.slug, t.meetingId)}/bundle?variant=secret`, await token(t, 'clerk'))).status).toBe(400);
  });
});

describe('requests for new bundles', () => {
  it('are written when the agenda is saved, in its transaction, once while one is pending', async () => {
    await markRequestsDone(t);
    const clerk = await token(t, 'clerk');
    const agenda = await json('GET', MeetingRoutes.agenda(t.slug, t.meetingId), clerk);
    const items = (agenda.body.items as { id: string; level: number; public: boolean; name: string; urgent: boolean; urgentReason: string | null; consultation: { id: string } | null }[]).map((a) => ({
      id: a.id,
      level: a.level,
      public: a.public,
      name: a.name === 'Radweg Hauptstraße' ? 'Radweg Hauptstraße (geändert)' : a.name,
      urgent: a.urgent,
      urgentReason: a.urgentReason,
      consultationId: a.consultation?.id ?? null,
    }));
    const saved = await json('PUT', MeetingRoutes.agenda(t.slug, t.meetingId), clerk, { items }, { 'if-match': agenda.headers.get('etag')! });
    expect(saved.status).toBe(200);
    expect(await pendingRequests(t)).toBe(1);
    const again = await json('PUT', MeetingRoutes.agenda(t.slug, t.meetingId), clerk, { items }, { 'if-match': saved.headers.get('etag')! });
    expect(again.status).toBe(200);
    expect(await pendingRequests(t)).toBe(1);
    // A save that fails writes nothing.
    await markRequestsDone(t);
    expect((await json('PUT', MeetingRoutes.agenda(t.slug, t.meetingId), clerk, { items }, { 'if-match': agenda.headers.get('etag')! })).status).toBe(412);
    expect(await pendingRequests(t)).toBe(0);
    // The handler brings the public bundle up to date (the new title is public).
    expect(await generate(t)).toEqual({ public: 'generated', full: 'generated' });
    expect(await generate(t)).toEqual({ public: 'unchanged', full: 'unchanged' });
  });

  it('are written when a main file of a paper on the agenda changes', async () => {
    await markRequestsDone(t);
    const clerk = await token(t, 'clerk');
    const file = await json('GET', FileRoutes.file(t.slug, t.publicFileId), clerk);
    const changed = await json('PATCH', FileRoutes.file(t.slug, t.publicFileId), clerk, { public: false }, { 'if-match': file.headers.get('etag')! });
    expect(changed.status).toBe(200);
    expect(await pendingRequests(t)).toBe(1);
    expect(await generate(t)).toEqual({ public: 'generated', full: 'unchanged' });
    const r = await get(BundleRoutes.portal(t.slug, t.meetingId), null);
    expect(await pages(r.bytes)).toBe(2); // cover and agenda: the paper's main file is no longer public
  });

  it('are written when a paper on the agenda is edited', async () => {
    await markRequestsDone(t);
    const clerk = await token(t, 'clerk');
    const { rows } = await admin.query<{ id: string }>(`SELECT p.id FROM papers p JOIN files f ON f.id = p.main_file_id WHERE f.id = $1`, [t.publicFileId]);
    const paperId = rows[0]!.id;
    const paper = await json('GET', PaperRoutes.paper(t.slug, paperId), clerk);
    expect((await json('PATCH', PaperRoutes.paper(t.slug, paperId), clerk, { name: 'Radweg Hauptstraße, 2. Bauabschnitt' }, { 'if-match': paper.headers.get('etag')! })).status).toBe(200);
    expect(await pendingRequests(t)).toBe(1);
  });

  it('are written when the meeting is edited', async () => {
    await markRequestsDone(t);
    const clerk = await token(t, 'clerk');
    const meeting = await json('GET', ApiRoutes.officeMeeting(t.slug, t.meetingId), clerk);
    expect((await json('PATCH', MeetingRoutes.one(t.slug, t.meetingId), clerk, { name: 'Sondersitzung des Bauausschusses' }, { 'if-match': meeting.headers.get('etag')! })).status).toBe(200);
    expect(await pendingRequests(t)).toBe(1);
  });
});

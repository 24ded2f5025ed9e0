/**
 * The demo seed against a real PostgreSQL: a scratch database on the server of the test stack
 * (`npm test`, or `node tools/test/with-stack.mts node --test tools/db/seed/seed.test.mts`), migrated,
 * seeded twice into a scratch file storage folder. Needs DATABASE_ADMIN_URL, DATABASE_OWNER_URL and
 * DATABASE_URL; fails loudly without them, like the other database tests.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { bootstrapDatabase, withDatabase } from '../bootstrap.mts';
import { migrate } from '../migrate.mts';
import { buildDemoData } from './demo-data.mts';
import { DEMO_LIVE_MEETING_ID } from './demo-ids.mts';
import { refreshLiveDemoMeeting } from './live-meeting.mts';
import { seedDemo } from './seed.mts';
import type { SeedResult } from './seed.mts';

const REF = new Date('2026-11-28T11:00:00Z');

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run with the test stack (npm test, or node tools/test/with-stack.mts node --test tools/db/seed/seed.test.mts)`);
  return v;
}

const database = `ratsinfo_seed_${randomBytes(4).toString('hex')}`;
let adminUrl = '';
let ownerUrl = '';
let admin: pg.Client;
let dir = '';
let first: SeedResult;
const blobPath = (key: string) => join(dir, ...key.split('/'));
const sha512 = (b: Uint8Array) => createHash('sha512').update(b).digest('hex');

interface VersionRow { storage_key: string; sha512: string; size: string; mime_type: string; text: string | null; file_name: string }

before(async () => {
  const owner = new URL(need('DATABASE_OWNER_URL'));
  const app = new URL(need('DATABASE_URL'));
  const serverAdmin = need('DATABASE_ADMIN_URL');
  // same roles and passwords as the stack's own database: bootstrapping only adds a database
  await bootstrapDatabase(serverAdmin, {
    database, ownerRole: decodeURIComponent(owner.username), ownerPassword: decodeURIComponent(owner.password), appPassword: decodeURIComponent(app.password),
  });
  ownerUrl = withDatabase(owner.toString(), database);
  adminUrl = withDatabase(serverAdmin, database);
  await migrate(ownerUrl);
  dir = await mkdtemp(join(tmpdir(), 'ratsinfo-seed-files-'));
  admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  first = await seedDemo(ownerUrl, { referenceDate: REF, fileStorageDir: dir });
}, { timeout: 600_000 });

after(async () => {
  await admin?.end();
  const server = new pg.Client({ connectionString: process.env['DATABASE_ADMIN_URL'] });
  await server.connect();
  await server.query(`DROP DATABASE IF EXISTS ${server.escapeIdentifier(database)} WITH (FORCE)`).catch(() => undefined);
  await server.end();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function versions(): Promise<VersionRow[]> {
  return (await admin.query<VersionRow>('SELECT storage_key, sha512, size::text AS size, mime_type, text, file_name FROM file_versions ORDER BY storage_key')).rows;
}

async function outboxCount(): Promise<number> {
  return (await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox_events')).rows[0].n;
}

async function tableCounts(): Promise<Record<string, number>> {
  const tables = [
    'tenants', 'legislative_terms', 'locations', 'organizations', 'persons', 'memberships', 'meetings', 'agenda_items', 'paper_types',
    'paper_number_counters', 'papers', 'paper_originator_persons', 'paper_originator_organizations', 'paper_relations', 'consultations', 'files', 'file_versions',
    'mail_messages', 'outbox_events', 'meeting_attendances', 'absence_notices', 'vote_conflicts', 'named_votes', 'resolutions', 'resolution_notes',
  ];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n;
  return out;
}

describe('demo seed in PostgreSQL', { timeout: 600_000 }, () => {
  test('inserts the council content of every tenant', async () => {
    const counts = await tableCounts();
    for (const [table, n] of Object.entries(counts)) assert.ok(n > 0, table);
    for (const [table, n] of Object.entries(first.inserted)) assert.equal(n, counts[table], table);
    const { rows } = await admin.query<{ slug: string; types: number; papers: number; main: number }>(
      `SELECT t.slug, count(DISTINCT pt.abbreviation)::int AS types, count(DISTINCT p.id)::int AS papers,
              count(DISTINCT p.id) FILTER (WHERE p.main_file_id IS NOT NULL)::int AS main
         FROM tenants t JOIN paper_types pt ON pt.tenant_id = t.id LEFT JOIN papers p ON p.tenant_id = t.id AND p.paper_type_id = pt.id
        GROUP BY t.slug`,
    );
    assert.equal(rows.length, 5);
    for (const r of rows) {
      assert.equal(r.types, 5, r.slug);
      assert.equal(r.main, r.papers, `${r.slug}: every paper has its main file`);
    }
  });

  test('every file version has its blob at <tenant>/<uuid>, with the recorded size and SHA-512', async () => {
    const rows = await versions();
    assert.equal(rows.length, first.blobsWritten);
    let total = 0;
    for (const v of rows) {
      const bytes = await readFile(blobPath(v.storage_key));
      assert.equal(String(bytes.length), v.size, v.storage_key);
      assert.equal(sha512(bytes), v.sha512, v.storage_key);
      assert.equal(v.mime_type, bytes.subarray(0, 4).toString('latin1') === '%PDF' ? 'application/pdf' : 'image/png', v.file_name);
      total += bytes.length;
    }
    assert.equal(total, first.fileBytes);
    assert.ok(total < 4 * 1024 * 1024, `${total} bytes of demo files`);
    const { rows: misplaced } = await admin.query(`SELECT 1 FROM file_versions WHERE split_part(storage_key, '/', 1) <> tenant_id::text`);
    assert.equal(misplaced.length, 0);
    assert.ok(rows.some((v) => v.mime_type === 'application/pdf' && v.text === null), 'the scan has no text');
    assert.ok(rows.some((v) => v.text !== null && /[äöüß]/.test(v.text)), 'text layers with umlauts');
  });

  test('every version without text (scans, plans) has one text extraction request in the outbox, due now; the others none', async () => {
    const { rows: events } = await admin.query<{ tenant_id: string; payload: { fileId: string; versionNumber: number }; due: boolean; processed_at: Date | null; actor_subject: string | null }>(
      `SELECT tenant_id::text AS tenant_id, payload, available_at <= now() + interval '1 second' AS due, processed_at, actor_subject
         FROM outbox_events WHERE topic = 'file.text-extraction-requested'`,
    );
    const { rows: untexted } = await admin.query<{ tenant_id: string; file_id: string; number: number; mime_type: string }>(
      'SELECT tenant_id::text AS tenant_id, file_id::text AS file_id, number, mime_type FROM file_versions WHERE text IS NULL ORDER BY file_id',
    );
    assert.equal(first.extractionRequests, untexted.length);
    assert.ok(untexted.filter((v) => v.mime_type === 'application/pdf').length >= 5, 'a scanned letter per tenant');
    assert.ok(untexted.some((v) => v.mime_type === 'image/png'), 'site plans');
    const key = (tenant: string, file: string, n: number) => `${tenant}/${file}/${n}`;
    assert.deepEqual(
      events.map((e) => key(e.tenant_id, e.payload.fileId, e.payload.versionNumber)).sort(),
      untexted.map((v) => key(v.tenant_id, v.file_id, v.number)).sort(),
    );
    for (const e of events) {
      assert.deepEqual(Object.keys(e.payload).sort(), ['fileId', 'versionNumber']);
      assert.deepEqual([e.due, e.processed_at, e.actor_subject], [true, null, null]);
    }
    // besides them only the demo dead letters (one per active authority, already dead)
    const { rows: [other] } = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_events WHERE topic <> 'file.text-extraction-requested' AND dead_at IS NULL`);
    assert.equal(other.n, 0);
  });

  test('counters continue the numbering: the last number given per type and year', async () => {
    const { rows } = await admin.query<{ reference: string }>(
      `SELECT c.tenant_id::text || ' ' || c.year AS reference FROM paper_number_counters c
        WHERE c.last_value <> (SELECT max(p.reference_sequence) FROM papers p
                                WHERE p.tenant_id = c.tenant_id AND p.paper_type_id = c.paper_type_id AND p.reference_year = c.year)`,
    );
    assert.deepEqual(rows, []);
    const { rows: uncounted } = await admin.query(
      `SELECT p.reference FROM papers p LEFT JOIN paper_number_counters c
          ON c.tenant_id = p.tenant_id AND c.paper_type_id = p.paper_type_id AND c.year = p.reference_year
        WHERE c.id IS NULL`,
    );
    assert.deepEqual(uncounted, []);
  });

  test('agenda items point at consultations of their meeting\'s body', async () => {
    const { rows } = await admin.query(
      `SELECT a.id FROM agenda_items a JOIN meetings m ON m.id = a.meeting_id JOIN consultations c ON c.id = a.consultation_id
        WHERE c.organization_id <> m.organization_id OR c.tenant_id <> a.tenant_id`,
    );
    assert.deepEqual(rows, []);
    const { rows: [linked] } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM agenda_items WHERE consultation_id IS NOT NULL');
    assert.ok(linked.n > 100);
  });

  test('each active authority has one demo dead letter: a failed mail and its dead mail.send event; the suspended one none', async () => {
    const { rows } = await admin.query<{ slug: string; status: string; topic: string | null; attempts: number | null; dead_at: Date | null; last_error: string | null; mail_status: string | null; recipient: string | null }>(
      `SELECT t.slug, t.status::text, e.topic, e.attempts, e.dead_at, e.last_error, m.status::text AS mail_status, m.recipient_email AS recipient
         FROM tenants t
         LEFT JOIN outbox_events e ON e.tenant_id = t.id AND e.dead_at IS NOT NULL
         LEFT JOIN mail_messages m ON m.tenant_id = t.id AND m.id = (e.payload->>'mailId')::uuid
        ORDER BY t.slug`,
    );
    assert.deepEqual(rows.map((r) => [r.slug, r.topic]), [
      ['burg', 'mail.send'], ['elbe-parey', null], ['genthin', 'mail.send'], ['gommern', 'mail.send'], ['landkreis-jerichower-land', 'mail.send'],
    ]);
    for (const r of rows.filter((x) => x.status === 'active')) {
      assert.equal(r.attempts, 6, r.slug);
      assert.equal(r.dead_at?.toISOString(), new Date(REF.getTime() - 3 * 86_400_000 + 600_000).toISOString(), r.slug);
      assert.equal(r.last_error, 'smtp-rejected: 552 5.2.2 Mailbox full: postfach-voll@example.invalid', r.slug);
      assert.deepEqual([r.mail_status, r.recipient], ['failed', 'postfach-voll@example.invalid'], r.slug);
    }
    // nothing else of the seed waits for a worker but the text extraction requests of scans and plans
    assert.equal((await admin.query(`SELECT 1 FROM outbox_events WHERE dead_at IS NULL AND topic <> 'file.text-extraction-requested'`)).rowCount, 0);
  });

  test('a second run inserts nothing and writes no blob; a blob gone missing is written again', async () => {
    const before = await tableCounts();
    const rows = await versions();
    const mtimes = new Map<string, number>();
    for (const v of rows) mtimes.set(v.storage_key, (await stat(blobPath(v.storage_key))).mtimeMs);

    const events = await outboxCount();
    const second = await seedDemo(ownerUrl, { referenceDate: REF, fileStorageDir: dir });
    assert.deepEqual(second.skipped.sort(), ['burg', 'elbe-parey', 'genthin', 'gommern', 'landkreis-jerichower-land']);
    for (const [table, n] of Object.entries(second.inserted)) assert.equal(n, 0, table);
    assert.equal(second.blobsWritten, 0);
    assert.equal(second.extractionRequests, 0);
    assert.equal(await outboxCount(), events);
    assert.deepEqual(await tableCounts(), before);
    for (const v of rows) assert.equal((await stat(blobPath(v.storage_key))).mtimeMs, mtimes.get(v.storage_key), v.storage_key);

    const lost = rows.find((v) => v.file_name.endsWith('.pdf')) ?? rows[0];
    await rm(blobPath(lost.storage_key));
    const third = await seedDemo(ownerUrl, { referenceDate: REF, fileStorageDir: dir });
    assert.equal(third.blobsWritten, 1);
    assert.equal(sha512(await readFile(blobPath(lost.storage_key))), lost.sha512);
    assert.deepEqual(await tableCounts(), before);
  });

  test('a later run with another reference date leaves the seeded tenants and their files alone', async () => {
    // what a developer's next `npm start` does: the tenants are there, so only blobs are checked
    const later = await seedDemo(ownerUrl, { referenceDate: new Date('2026-12-01T11:00:00Z'), fileStorageDir: dir });
    assert.equal(later.blobsWritten, 0);
    assert.equal(later.extractionRequests, 0);
    for (const [table, n] of Object.entries(later.inserted)) assert.equal(n, 0, table);
  });
});

describe('the meeting service in the demo (Sitzungsdienst)', { timeout: 600_000 }, () => {
  const SERVICE = ['burg', 'landkreis-jerichower-land'];

  test('the trigger made one resolution per accepted item, each with the demo\'s fixed id; every status, some overdue, dated notes', async () => {
    const expected = buildDemoData(REF).resolutions;
    const { rows } = await admin.query<{ id: string; agenda_item_id: string; status: string }>('SELECT id::text, agenda_item_id::text, status::text FROM resolutions ORDER BY id');
    assert.deepEqual(rows, expected.map((r) => ({ id: r.id, agenda_item_id: r.agenda_item_id, status: r.status })).sort((a, b) => a.id.localeCompare(b.id)));
    const accepted = (await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM agenda_items WHERE result_kind = 'accepted'`)).rows[0].n;
    assert.equal(rows.length, accepted);
    const perTenant = await admin.query<{ slug: string; statuses: string[]; overdue: number; departments: number; notes: number }>(
      `SELECT t.slug, array_agg(DISTINCT r.status::text ORDER BY r.status::text) AS statuses,
              count(*) FILTER (WHERE r.status IN ('open', 'in_progress') AND r.due_date < $1::date)::int AS overdue,
              count(*) FILTER (WHERE r.responsible_department IS NOT NULL)::int AS departments,
              (SELECT count(*)::int FROM resolution_notes n WHERE n.tenant_id = t.id AND n.note_date <= $1::date) AS notes
         FROM tenants t JOIN resolutions r ON r.tenant_id = t.id GROUP BY t.id, t.slug`,
      [REF.toISOString().slice(0, 10)],
    );
    for (const slug of SERVICE) {
      const r = perTenant.rows.find((x) => x.slug === slug);
      assert.deepEqual(r?.statuses, ['done', 'in_progress', 'obsolete', 'open'], slug);
      assert.ok((r?.overdue ?? 0) > 0 && (r?.departments ?? 0) > 0 && (r?.notes ?? 0) > 0, slug);
    }
  });

  test('held meetings of Burg and the county have attendance of every kind, and an absence notice for each excused member', async () => {
    const { rows } = await admin.query<{ slug: string; kinds: string[]; late: number; left_early: number; deputies: number; notices: number; excused: number }>(
      `SELECT t.slug, array_agg(DISTINCT a.status::text || '/' || a.role::text ORDER BY a.status::text || '/' || a.role::text) AS kinds,
              count(*) FILTER (WHERE a.arrived_at > m.start)::int AS late, count(*) FILTER (WHERE a.left_at < m."end")::int AS left_early,
              count(*) FILTER (WHERE a.deputy_for_person_id IS NOT NULL)::int AS deputies,
              count(*) FILTER (WHERE a.status = 'excused')::int AS excused,
              count(*) FILTER (WHERE a.status = 'excused' AND EXISTS (SELECT 1 FROM absence_notices n WHERE n.meeting_id = a.meeting_id AND n.person_id = a.person_id))::int AS notices
         FROM meeting_attendances a JOIN meetings m ON m.id = a.meeting_id JOIN tenants t ON t.id = a.tenant_id
        WHERE m.meeting_state IN ('held', 'minutes_drafted', 'minutes_approved') GROUP BY t.slug ORDER BY t.slug`,
    );
    assert.deepEqual(rows.map((r) => r.slug), ['burg', 'landkreis-jerichower-land']);
    for (const r of rows) {
      assert.deepEqual(r.kinds, ['absent/member', 'excused/member', 'present/deputy', 'present/guest', 'present/member'], r.slug);
      assert.ok(r.late > 0 && r.left_early > 0 && r.deputies > 0, r.slug);
      assert.equal(r.notices, r.excused, r.slug);
    }
  });

  test('results of every kind with counted votes; states held, minutes_drafted and minutes_approved, each approval an accepted item of a later meeting', async () => {
    const kinds = await admin.query<{ kind: string }>(`SELECT DISTINCT result_kind::text AS kind FROM agenda_items WHERE result_kind IS NOT NULL ORDER BY 1`);
    assert.deepEqual(kinds.rows.map((r) => r.kind), ['accepted', 'postponed', 'referred', 'rejected', 'taken_note']);
    const { rows: approved } = await admin.query<{ ok: boolean; n: number }>(
      `SELECT bool_and(i.result_kind = 'accepted' AND i.approves_minutes_of_meeting_id = m.id AND later.start > m.start AND later.organization_id = m.organization_id) AS ok, count(*)::int AS n
         FROM meetings m JOIN agenda_items i ON i.id = m.minutes_approved_by_item_id JOIN meetings later ON later.id = i.meeting_id
        WHERE m.meeting_state = 'minutes_approved'`,
    );
    assert.equal(approved[0].ok, true);
    const states = await admin.query<{ slug: string; states: string[]; unlinked: number }>(
      `SELECT t.slug, array_agg(DISTINCT m.meeting_state::text ORDER BY m.meeting_state::text) AS states,
              count(*) FILTER (WHERE m.meeting_state = 'minutes_approved' AND m.minutes_approved_by_item_id IS NULL)::int AS unlinked
         FROM meetings m JOIN tenants t ON t.id = m.tenant_id WHERE NOT m.cancelled GROUP BY t.slug`,
    );
    for (const slug of SERVICE) {
      const s = states.rows.find((r) => r.slug === slug);
      for (const state of ['held', 'minutes_drafted', 'minutes_approved']) assert.ok(s?.states.includes(state), `${slug}: ${state}`);
      // only the first approved meeting of a body within the window may lack a later approving item: none does
      assert.equal(s?.unlinked, 0, slug);
    }
    assert.ok(approved[0].n > 0);
    // counted votes never exceed the voters present
    const over = await admin.query(
      `SELECT i.id FROM agenda_items i WHERE i.vote_mode = 'counted' AND EXISTS (SELECT 1 FROM meeting_attendances a WHERE a.meeting_id = i.meeting_id)
          AND i.votes_yes + i.votes_no + i.votes_abstain > (SELECT count(*) FROM meeting_attendances a WHERE a.meeting_id = i.meeting_id AND a.status = 'present' AND a.role <> 'guest')`,
    );
    assert.equal(over.rowCount, 0);
  });

  test('named votes add up to the item\'s counts, a declared conflict of interest means no vote, on a public and a non-public item', async () => {
    const { rows } = await admin.query<{ slug: string; public: boolean; consistent: boolean; conflicted_voted: boolean; conflicts: number }>(
      `SELECT t.slug, i.public,
              (i.votes_yes, i.votes_no, i.votes_abstain) = (SELECT count(*) FILTER (WHERE v.vote = 'yes'), count(*) FILTER (WHERE v.vote = 'no'), count(*) FILTER (WHERE v.vote = 'abstain')
                                                               FROM named_votes v WHERE v.agenda_item_id = i.id) AS consistent,
              EXISTS (SELECT 1 FROM named_votes v JOIN vote_conflicts c ON c.agenda_item_id = v.agenda_item_id AND c.person_id = v.person_id WHERE v.agenda_item_id = i.id) AS conflicted_voted,
              (SELECT count(*)::int FROM vote_conflicts c WHERE c.agenda_item_id = i.id) AS conflicts
         FROM agenda_items i JOIN tenants t ON t.id = i.tenant_id WHERE i.vote_mode = 'named'`,
    );
    for (const slug of SERVICE) {
      const mine = rows.filter((r) => r.slug === slug);
      assert.ok(mine.some((r) => r.public) && mine.some((r) => !r.public), slug);
      for (const r of mine) assert.deepEqual([r.consistent, r.conflicted_voted, r.conflicts], [true, false, 1], slug);
    }
    // the database refuses a vote of the conflicted person
    await admin.query('BEGIN');
    try {
      const c = (await admin.query<{ tenant_id: string; agenda_item_id: string; person_id: string }>('SELECT tenant_id::text, agenda_item_id::text, person_id::text FROM vote_conflicts LIMIT 1')).rows[0];
      await assert.rejects(
        admin.query(`INSERT INTO named_votes (tenant_id, agenda_item_id, person_id, vote) VALUES ($1, $2, $3, 'yes')`, [c.tenant_id, c.agenda_item_id, c.person_id]),
        /conflict of interest/,
      );
    } finally {
      await admin.query('ROLLBACK');
    }
  });

  test('one meeting runs: after a refresh it started 30 minutes ago, its 2nd public item is current, a non-public item follows; nothing else changes', async () => {
    const snapshot = async () => (await admin.query(`SELECT md5(string_agg(m::text, '|' ORDER BY m.id)) AS h FROM meetings m WHERE m.id <> $1`, [DEMO_LIVE_MEETING_ID])).rows[0].h as string;
    const items = async () => (await admin.query(`SELECT md5(string_agg(i::text, '|' ORDER BY i.id)) AS h FROM agenda_items i`)).rows[0].h as string;
    const before = [await snapshot(), await items()];
    const now = new Date('2027-01-14T09:12:40Z');
    const r = await refreshLiveDemoMeeting(ownerUrl, { now });
    assert.equal(r.refreshed, true);
    const { rows } = await admin.query<{ id: string; start: Date; started_at: Date; closed_at: Date | null; current: string | null; state: string }>(
      `SELECT m.id::text, m.start, m.started_at, m.closed_at, m.meeting_state::text AS state, i.number AS current
         FROM meetings m LEFT JOIN agenda_items i ON i.id = m.current_agenda_item_id WHERE m.meeting_state = 'running'`,
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0].id, DEMO_LIVE_MEETING_ID);
    assert.equal(rows[0].start.toISOString(), '2027-01-14T08:42:00.000Z');
    assert.equal(rows[0].started_at.toISOString(), '2027-01-14T08:42:00.000Z');
    assert.equal(rows[0].closed_at, null);
    assert.equal(rows[0].current, 'Ö 2');
    const np = await admin.query(`SELECT 1 FROM agenda_items WHERE meeting_id = $1 AND NOT public`, [DEMO_LIVE_MEETING_ID]);
    assert.equal(np.rowCount, 1);
    assert.deepEqual([await snapshot(), await items()], before, 'nothing but the live meeting changed');
    // idempotent: a second start moves it again, nothing else
    assert.equal((await refreshLiveDemoMeeting(ownerUrl, { now: new Date('2027-01-15T10:00:00Z') })).start, '2027-01-15T09:30:00.000Z');
  });

  test('the refresh does nothing when the live meeting does not exist', async () => {
    await admin.query('UPDATE meetings SET deleted_at = now() WHERE id = $1', [DEMO_LIVE_MEETING_ID]);
    try {
      const before = (await admin.query(`SELECT start FROM meetings WHERE id = $1`, [DEMO_LIVE_MEETING_ID])).rows[0].start as Date;
      assert.deepEqual(await refreshLiveDemoMeeting(ownerUrl, { now: new Date('2027-02-01T10:00:00Z') }), { refreshed: false });
      assert.equal(((await admin.query(`SELECT start FROM meetings WHERE id = $1`, [DEMO_LIVE_MEETING_ID])).rows[0].start as Date).getTime(), before.getTime());
    } finally {
      await admin.query('UPDATE meetings SET deleted_at = NULL WHERE id = $1', [DEMO_LIVE_MEETING_ID]);
    }
  });
});

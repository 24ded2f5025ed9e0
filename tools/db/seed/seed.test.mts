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
    'mail_messages', 'outbox_events',
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

/**
 * Loads the demo cooperative (see demo-data.mts) into a Ratsinfo database.
 *
 *   source tools/scripts/use-node.sh
 *   DATABASE_OWNER_URL=postgresql://… FILE_STORAGE_DIR=.data/files node tools/db/seed/seed.mts [--reference-date=2026-11-28]
 *
 * (falls back to DATABASE_URL; the reference date also comes from SEED_REFERENCE_DATE, default: now)
 *
 * It connects as a role that row-level security applies to. Every tenant is written in one
 * transaction that first runs `SELECT set_config('app.tenant_id', <tenant id>, true)`, so the RLS
 * policies (USING / WITH CHECK `tenant_id = app.tenant_id`) accept exactly that tenant's rows.
 * The `tenants` row (cooperative-level, no RLS) is written in the same transaction, so a tenant is
 * either seeded completely or not at all.
 *
 * Idempotent: rows are inserted with multi-row `INSERT … ON CONFLICT (id) DO NOTHING`, and a tenant
 * that already exists (by id or slug) is skipped as a whole ("already seeded"). The skip matters
 * because meetings are generated relative to the reference date: without it a run a month later
 * would add the meetings of another month. To reseed a tenant, delete its `tenants` row (the
 * tenant-owned rows go with it by ON DELETE CASCADE) and its folder in the file storage, and run
 * the seed again.
 *
 * Each active authority also gets one demo dead letter (demo-dead-letters.mts): a failed mail to
 * postfach-voll@example.invalid and its dead `mail.send` event, for "Fehlgeschlagene Aufträge".
 *
 * Files: the papers' PDFs and plans are rendered (demo-documents.mts) and written into the file
 * storage (FILE_STORAGE_DIR, `<tenant uuid>/<uuid>`) before the tenant's transaction commits; if
 * it fails, the blobs written for it are removed again. For an already seeded tenant the seed only
 * checks that every file version's blob is on disk with its size and writes a missing (or cut)
 * one again, when the data of this run still renders the same bytes (the row's checksum).
 *
 * Text: a version whose text the seed drew (the papers' PDFs) gets it at once; the others (the
 * scanned letters, the site plans) get an outbox event `file.text-extraction-requested
 * {fileId, versionNumber}` in the same transaction as their row, exactly as an upload does, so the
 * first worker reads them by OCR. Only inserted versions get one: a second run writes no events.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { buildDemoData, listTenantRowsInInsertionOrder, TABLE_INSERTION_ORDER } from './demo-data.mts';
import type { DemoData, DemoDocument, DemoRow, ResolutionNoteRow, TableName } from './demo-data.mts';
import { demoDeadLetter, insertDemoDeadLetter } from './demo-dead-letters.mts';
import { blobSize, eachLimited, pruneRenderCache, removeBlob, renderFile, writeBlob } from './seed-files.mts';
import type { FileVersionRow, RenderedFile } from './seed-files.mts';

export interface SeedOptions {
  /** Meetings run from 6 months before to 6 months after this date. Default: now. */
  referenceDate?: Date;
  /** Folder of the local file storage (FILE_STORAGE_DIR): the demo's PDFs and plans go there. */
  fileStorageDir: string;
  log?: (msg: string) => void;
}

export interface SeedResult {
  /** Rows inserted per table (0 everywhere on a second run). */
  inserted: Record<string, number>;
  /** Slugs of the tenants that existed already and were left alone. */
  skipped: string[];
  /** Blobs written into the file storage (0 on a second run, unless one had gone missing). */
  blobsWritten: number;
  /** Bytes of all demo files of the tenants seeded in this run. */
  fileBytes: number;
  /** `file.text-extraction-requested` events written (one per inserted version without text). */
  extractionRequests: number;
}

/** The worker's text extraction (libs/api/files TEXT_EXTRACTION_TOPIC, libs/api/extraction). */
export const TEXT_EXTRACTION_TOPIC = 'file.text-extraction-requested';

type SeedTable = TableName | 'file_versions' | 'resolution_notes';

/** SQL type of every column written, for the explicit parameter casts (uuid and the enums need them). */
const COLUMNS: Record<SeedTable, ReadonlyArray<readonly [column: string, sqlType: string]>> = {
  tenants: [
    ['id', 'uuid'], ['slug', 'text'], ['name', 'text'], ['kind', 'tenant_kind'], ['ags', 'text'], ['status', 'tenant_status'],
    ['identity_issuer', 'text'], ['identity_organization_alias', 'text'], ['branding_logo_url', 'text'],
    ['branding_primary_color', 'text'], ['notice_period_days', 'integer'], ['oparl_license', 'text'],
  ],
  legislative_terms: [['id', 'uuid'], ['tenant_id', 'uuid'], ['name', 'text'], ['start_date', 'date'], ['end_date', 'date']],
  locations: [
    ['id', 'uuid'], ['tenant_id', 'uuid'], ['description', 'text'], ['room', 'text'], ['street_address', 'text'], ['postal_code', 'text'],
    ['locality', 'text'],
  ],
  organizations: [
    ['id', 'uuid'], ['tenant_id', 'uuid'], ['name', 'text'], ['short_name', 'text'], ['organization_type', 'organization_type'],
    ['classification', 'text'], ['start_date', 'date'], ['end_date', 'date'], ['website', 'text'], ['parent_id', 'uuid'], ['location_id', 'uuid'],
  ],
  persons: [
    ['id', 'uuid'], ['tenant_id', 'uuid'], ['family_name', 'text'], ['given_name', 'text'], ['form_of_address', 'text'],
    ['title', 'text'], ['affix', 'text'], ['gender', 'text'], ['email', 'text'],
  ],
  memberships: [
    ['id', 'uuid'], ['tenant_id', 'uuid'], ['person_id', 'uuid'], ['organization_id', 'uuid'], ['role', 'text'],
    ['voting_right', 'boolean'], ['start_date', 'date'], ['end_date', 'date'], ['on_behalf_of_id', 'uuid'], ['deputy_for_id', 'uuid'],
  ],
  meetings: [
    ['id', 'uuid'], ['tenant_id', 'uuid'], ['organization_id', 'uuid'], ['name', 'text'], ['start', 'timestamptz'],
    ['end', 'timestamptz'], ['location_text', 'text'], ['meeting_state', 'meeting_state'], ['cancelled', 'boolean'],
    ['cancelled_reason', 'text'], ['location_id', 'uuid'], ['started_at', 'timestamptz'], ['closed_at', 'timestamptz'],
  ],
  paper_types: [
    ['id', 'uuid'], ['tenant_id', 'uuid'], ['name', 'text'], ['abbreviation', 'text'], ['number_format', 'text'], ['sequence_digits', 'smallint'],
    ['sort_order', 'integer'],
  ],
  paper_number_counters: [['id', 'uuid'], ['tenant_id', 'uuid'], ['paper_type_id', 'uuid'], ['year', 'integer'], ['last_value', 'integer']],
  // main_file_id follows once the files exist (see linkMainFiles)
  papers: [
    ['id', 'uuid'], ['tenant_id', 'uuid'], ['paper_type_id', 'uuid'], ['reference', 'text'], ['reference_year', 'integer'],
    ['reference_sequence', 'integer'], ['name', 'text'], ['date', 'date'], ['public', 'boolean'], ['status', 'paper_status'],
    ['responsible_department', 'text'], ['original_paper_id', 'uuid'], ['derivation', 'paper_derivation'],
  ],
  paper_originator_persons: [['id', 'uuid'], ['tenant_id', 'uuid'], ['paper_id', 'uuid'], ['person_id', 'uuid']],
  paper_originator_organizations: [['id', 'uuid'], ['tenant_id', 'uuid'], ['paper_id', 'uuid'], ['organization_id', 'uuid']],
  paper_relations: [['id', 'uuid'], ['tenant_id', 'uuid'], ['paper_id', 'uuid'], ['related_paper_id', 'uuid']],
  consultations: [
    ['id', 'uuid'], ['tenant_id', 'uuid'], ['paper_id', 'uuid'], ['organization_id', 'uuid'], ['position', 'integer'],
    ['authoritative', 'boolean'], ['role', 'text'],
  ],
  agenda_items: [
    ['id', 'uuid'], ['tenant_id', 'uuid'], ['meeting_id', 'uuid'], ['order', 'integer'], ['number', 'text'], ['name', 'text'],
    ['public', 'boolean'], ['result', 'text'], ['resolution_text', 'text'], ['level', 'smallint'], ['consultation_id', 'uuid'],
    ['urgent', 'boolean'], ['urgent_reason', 'text'], ['result_kind', 'agenda_result'], ['vote_mode', 'vote_mode'], ['votes_yes', 'integer'],
    ['votes_no', 'integer'], ['votes_abstain', 'integer'], ['decided_at', 'timestamptz'], ['minutes_text', 'text'], ['approves_minutes_of_meeting_id', 'uuid'],
  ],
  files: [
    ['id', 'uuid'], ['tenant_id', 'uuid'], ['name', 'text'], ['public', 'boolean'], ['paper_id', 'uuid'], ['meeting_id', 'uuid'],
    ['agenda_item_id', 'uuid'], ['person_id', 'uuid'], ['sort_order', 'integer'], ['current_version', 'integer'],
  ],
  meeting_attendances: [
    ['id', 'uuid'], ['tenant_id', 'uuid'], ['meeting_id', 'uuid'], ['person_id', 'uuid'], ['status', 'attendance_status'], ['role', 'attendance_role'],
    ['deputy_for_person_id', 'uuid'], ['arrived_at', 'timestamptz'], ['left_at', 'timestamptz'], ['note', 'text'],
  ],
  absence_notices: [['id', 'uuid'], ['tenant_id', 'uuid'], ['meeting_id', 'uuid'], ['person_id', 'uuid'], ['reason', 'text'], ['created_by_name', 'text']],
  vote_conflicts: [['id', 'uuid'], ['tenant_id', 'uuid'], ['agenda_item_id', 'uuid'], ['person_id', 'uuid'], ['note', 'text']],
  named_votes: [['id', 'uuid'], ['tenant_id', 'uuid'], ['agenda_item_id', 'uuid'], ['person_id', 'uuid'], ['vote', 'vote_choice']],
  resolution_notes: [['id', 'uuid'], ['tenant_id', 'uuid'], ['resolution_id', 'uuid'], ['note_date', 'date'], ['text', 'text'], ['created_by_name', 'text']],
  file_versions: [
    ['id', 'uuid'], ['tenant_id', 'uuid'], ['file_id', 'uuid'], ['number', 'integer'], ['file_name', 'text'], ['mime_type', 'text'],
    ['size', 'bigint'], ['sha512', 'text'], ['storage_key', 'text'], ['text', 'text'], ['text_extracted_at', 'timestamptz'],
    ['uploaded_by_name', 'text'],
  ],
};

/** PostgreSQL allows 65535 bind parameters per statement; stay well below. */
const MAX_PARAMS = 30_000;
const MAX_ROWS_PER_STATEMENT = 1_000;

/** Keeps two seed runs from interleaving (arbitrary constant, shared by all seed runs). */
const SEED_LOCK_ID = 72_707_370;

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Inserts `rows` with multi-row INSERT … ON CONFLICT (id) DO NOTHING; returns the number of rows
 * actually inserted, and adds their ids to `insertedIds` when given.
 */
export async function insertRows(
  client: pg.ClientBase, table: SeedTable, rows: ReadonlyArray<DemoRow | FileVersionRow | ResolutionNoteRow>, insertedIds?: Set<string>,
): Promise<number> {
  const columns = COLUMNS[table];
  const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMS / columns.length)));
  const columnList = columns.map(([c]) => quote(c)).join(', ');
  let inserted = 0;
  for (let offset = 0; offset < rows.length; offset += perStatement) {
    const batch = rows.slice(offset, offset + perStatement);
    const params: unknown[] = [];
    const tuples = batch.map((row) => {
      const record = row as unknown as Record<string, unknown>;
      const placeholders = columns.map(([column, type]) => {
        const value = record[column];
        if (value === undefined) throw new Error(`seed: ${table}.${column} is missing in row ${String(record['id'])}`);
        params.push(value);
        return `$${params.length}::${type}`;
      });
      return `(${placeholders.join(', ')})`;
    });
    const sql = `INSERT INTO ${quote(table)} (${columnList}) VALUES ${tuples.join(', ')} ON CONFLICT ("id") DO NOTHING${insertedIds ? ' RETURNING "id"::text AS id' : ''}`;
    const result = await client.query<{ id: string }>(sql, params);
    inserted += result.rowCount ?? 0;
    if (insertedIds) for (const r of result.rows) insertedIds.add(r.id);
  }
  return inserted;
}

/**
 * One `file.text-extraction-requested` event per version, in the caller's tenant transaction (the
 * outbox's RLS policy takes the tenant from app.tenant_id; available at once, no actor: the seed
 * is nobody). Scanned letters first, so the worker reads what the demo is about before the plans.
 */
async function requestTextExtraction(client: pg.ClientBase, tenantId: string, versions: readonly FileVersionRow[]): Promise<number> {
  if (versions.length === 0) return 0;
  const ordered = [...versions].sort((a, b) => Number(b.mime_type === 'application/pdf') - Number(a.mime_type === 'application/pdf') || a.id.localeCompare(b.id));
  const result = await client.query(
    `INSERT INTO outbox_events (tenant_id, topic, payload, available_at)
     SELECT $1::uuid, $2, jsonb_build_object('fileId', v.file_id, 'versionNumber', v.number), now() + v.ord * interval '1 millisecond'
       FROM unnest($3::uuid[], $4::int[]) WITH ORDINALITY AS v(file_id, number, ord)`,
    [tenantId, TEXT_EXTRACTION_TOPIC, ordered.map((v) => v.file_id), ordered.map((v) => v.number)],
  );
  return result.rowCount ?? 0;
}

/**
 * The meeting service's rows that need the agenda items first: the resolutions the trigger made for
 * accepted items get their fixed id, status, department and due date (then their notes), and the
 * meetings their current / approving item. Returns the number of resolutions and notes written.
 */
async function completeMeetingService(client: pg.ClientBase, data: DemoData, tenantId: string): Promise<{ resolutions: number; notes: number }> {
  const resolutions = data.resolutions.filter((r) => r.tenant_id === tenantId);
  let updated = 0;
  if (resolutions.length > 0) {
    const r = await client.query(
      `UPDATE resolutions SET id = v.id, status = v.status::resolution_status, responsible_department = v.department, due_date = v.due
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::date[]) AS v(item_id, id, status, department, due)
        WHERE resolutions.agenda_item_id = v.item_id`,
      [resolutions.map((x) => x.agenda_item_id), resolutions.map((x) => x.id), resolutions.map((x) => x.status), resolutions.map((x) => x.responsible_department), resolutions.map((x) => x.due_date)],
    );
    updated = r.rowCount ?? 0;
    if (updated !== resolutions.length) throw new Error(`${resolutions.length} resolutions expected from the accepted items, the trigger made ${updated}`);
  }
  const notes = await insertRows(client, 'resolution_notes', data.resolution_notes.filter((n) => n.tenant_id === tenantId));
  const links = data.meeting_links.filter((l) => l.tenant_id === tenantId);
  if (links.length > 0) {
    await client.query(
      `UPDATE meetings SET current_agenda_item_id = v.current_item, minutes_approved_by_item_id = v.approving_item
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS v(id, current_item, approving_item)
        WHERE meetings.id = v.id`,
      [links.map((l) => l.id), links.map((l) => l.current_agenda_item_id), links.map((l) => l.minutes_approved_by_item_id)],
    );
  }
  return { resolutions: updated, notes };
}

/** papers.main_file_id points at a file of the paper, so it is set once the files are in. */
async function linkMainFiles(client: pg.ClientBase, rows: DemoData['papers']): Promise<void> {
  const linked = rows.filter((p) => p.main_file_id !== null);
  if (linked.length === 0) return;
  await client.query(
    `UPDATE papers SET main_file_id = v.file_id
       FROM unnest($1::uuid[], $2::uuid[]) AS v(paper_id, file_id)
      WHERE papers.id = v.paper_id AND papers.main_file_id IS NULL`,
    [linked.map((p) => p.id), linked.map((p) => p.main_file_id)],
  );
}

async function renderAll(documents: readonly DemoDocument[]): Promise<RenderedFile[]> {
  const extractedAt = new Date().toISOString();
  const out: RenderedFile[] = new Array(documents.length);
  // rendering is CPU work; the concurrency only overlaps the render cache's file reads
  await eachLimited(documents.map((d, i) => ({ d, i })), 8, async ({ d, i }) => {
    out[i] = await renderFile(d, extractedAt);
  });
  return out;
}

/** Writes the blobs that are not on disk yet; returns the storage keys written. */
async function storeBlobs(dir: string, files: readonly RenderedFile[]): Promise<string[]> {
  const written: string[] = [];
  await eachLimited(files, 8, async (f) => {
    if ((await blobSize(dir, f.row.storage_key)) !== null) return;
    await writeBlob(dir, f.row.storage_key, f.bytes);
    written.push(f.row.storage_key);
  });
  return written;
}

/**
 * An already seeded demo tenant: rewrites any blob missing from the storage, when this run's data
 * renders the very bytes the row describes (same checksum); otherwise says which could not be restored.
 */
async function restoreMissingBlobs(
  client: pg.ClientBase, dir: string, tenant: { id: string; slug: string }, documents: readonly DemoDocument[], log: (m: string) => void,
): Promise<number> {
  await client.query('BEGIN READ ONLY');
  let versions: Array<{ storage_key: string; sha512: string; size: string }>;
  let paperTypes: number;
  try {
    await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenant.id]);
    versions = (await client.query<{ storage_key: string; sha512: string; size: string }>('SELECT storage_key, sha512, size::text AS size FROM file_versions')).rows;
    paperTypes = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM paper_types')).rows[0]?.n ?? 0;
  } finally {
    await client.query('COMMIT');
  }
  if (paperTypes === 0) {
    log(`${tenant.slug}: seeded before papers and files were part of the demo; to get them, delete the tenant (or the data folder) and start again`);
    return 0;
  }
  const missing: typeof versions = [];
  await eachLimited(versions, 16, async (v) => {
    if (String(await blobSize(dir, v.storage_key)) !== v.size) missing.push(v);
  });
  if (missing.length === 0) return 0;
  const byKey = new Map(documents.map((d) => [d.storage_key, d]));
  const extractedAt = new Date().toISOString();
  let restored = 0;
  const lost: string[] = [];
  for (const v of missing.sort((a, b) => a.storage_key.localeCompare(b.storage_key))) {
    const document = byKey.get(v.storage_key);
    const file = document ? await renderFile(document, extractedAt) : undefined;
    if (file && file.row.sha512 === v.sha512 && String(file.row.size) === v.size) {
      await writeBlob(dir, v.storage_key, file.bytes);
      restored++;
    } else {
      lost.push(v.storage_key);
    }
  }
  log(`${tenant.slug}: ${restored} missing demo file(s) written again` + (lost.length > 0 ? `; ${lost.length} cannot be restored from this run's data (other reference date): ${lost.slice(0, 3).join(', ')}${lost.length > 3 ? ', …' : ''}` : ''));
  return restored;
}

export async function seedDemo(connectionString: string, opts: SeedOptions): Promise<SeedResult> {
  const log = opts.log ?? (() => undefined);
  const dir = opts.fileStorageDir;
  if (!dir) throw new Error('seed: no file storage folder (FILE_STORAGE_DIR) given');
  const referenceDate = opts.referenceDate ?? new Date();
  const data = buildDemoData(referenceDate);
  const inserted: Record<string, number> = Object.fromEntries([...TABLE_INSERTION_ORDER, 'resolutions', 'resolution_notes', 'file_versions', 'mail_messages', 'outbox_events'].map((t) => [t, 0]));
  const skipped: string[] = [];
  let blobsWritten = 0;
  let fileBytes = 0;
  let extractionRequests = 0;

  const client = new pg.Client({ connectionString, application_name: 'ratsinfo-demo-seed' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SEED_LOCK_ID]);
    const { rows: existing } = await client.query<{ id: string; slug: string }>(
      'SELECT id::text AS id, slug FROM tenants WHERE id = ANY($1::uuid[]) OR slug = ANY($2::text[])',
      [data.tenants.map((t) => t.id), data.tenants.map((t) => t.slug)],
    );
    log(`reference date ${data.referenceDate}: ${data.tenants.length} demo tenants, ${existing.length} of them already present`);

    const documentsOf = (tenantId: string) => data.documents.filter((d) => d.tenant_id === tenantId);
    const toSeed = data.tenants.filter((t) => !existing.some((e) => e.id === t.id || e.slug === t.slug));
    // The next tenant's documents render while PostgreSQL works on this one's inserts.
    const renderings = new Map<string, Promise<RenderedFile[]>>();
    const rendering = (tenantId: string): Promise<RenderedFile[]> => {
      let p = renderings.get(tenantId);
      if (!p) {
        p = renderAll(documentsOf(tenantId));
        p.catch(() => undefined); // awaited (and reported) when its tenant's turn comes
        renderings.set(tenantId, p);
      }
      return p;
    };
    for (const tenant of data.tenants) {
      const documents = documentsOf(tenant.id);
      const found = existing.find((e) => e.id === tenant.id || e.slug === tenant.slug);
      if (found) {
        skipped.push(tenant.slug);
        if (found.id === tenant.id) {
          log(`${tenant.slug}: already seeded, skipped`);
          blobsWritten += await restoreMissingBlobs(client, dir, tenant, documents, log);
        } else {
          log(`${tenant.slug}: a tenant with this slug already exists (id ${found.id}, not a demo tenant), skipped`);
        }
        continue;
      }
      const started = performance.now();
      const files = await rendering(tenant.id);
      const next = toSeed[toSeed.indexOf(tenant) + 1];
      if (next) void rendering(next.id);
      const rendered = performance.now();
      const written = await storeBlobs(dir, files);
      const stored = performance.now();
      const counts: string[] = [];
      await client.query('BEGIN');
      try {
        // first statement of the transaction: every RLS policy compares tenant_id with this setting
        await client.query("SELECT set_config('app.tenant_id', $1, true)", [tenant.id]);
        for (const { table, rows } of listTenantRowsInInsertionOrder(data, tenant.id)) {
          const n = await insertRows(client, table, rows);
          inserted[table] += n;
          counts.push(`${n} ${table}`);
        }
        await linkMainFiles(client, data.papers.filter((p) => p.tenant_id === tenant.id));
        const service = await completeMeetingService(client, data, tenant.id);
        inserted['resolutions'] += service.resolutions;
        inserted['resolution_notes'] += service.notes;
        counts.push(`${service.resolutions} resolutions`, `${service.notes} resolution_notes`);
        const insertedVersions = new Set<string>();
        const n = await insertRows(client, 'file_versions', files.map((f) => f.row), insertedVersions);
        inserted['file_versions'] += n;
        counts.push(`${n} file_versions`);
        const requests = await requestTextExtraction(client, tenant.id, files.map((f) => f.row).filter((v) => v.text === null && insertedVersions.has(v.id)));
        extractionRequests += requests;
        inserted['outbox_events'] += requests;
        counts.push(`${requests} text extraction requests`);
        // DEMO DEAD LETTER (demo-dead-letters.mts): one failed mail job per active authority
        if (tenant.status === 'active') {
          const dl = await insertDemoDeadLetter(client, demoDeadLetter(tenant, referenceDate));
          inserted['mail_messages'] += dl.mail_messages;
          inserted['outbox_events'] += dl.outbox_events;
          counts.push(`${dl.outbox_events} dead letter`);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        await Promise.all(written.map((key) => removeBlob(dir, key).catch(() => undefined)));
        throw new Error(`seed: tenant ${tenant.slug} failed and was rolled back: ${(error as Error).message}`, { cause: error });
      }
      blobsWritten += written.length;
      const bytes = files.reduce((s, f) => s + f.bytes.length, 0);
      fileBytes += bytes;
      log(
        `${tenant.slug}: inserted ${counts.filter((c) => !c.startsWith('0 ')).join(', ')}; ${files.length} files (${Math.round(bytes / 1024)} KiB, ` +
          `rendered in ${Math.round(rendered - started)} ms, stored in ${Math.round(stored - rendered)} ms) in ${Math.round(performance.now() - started)} ms`,
      );
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK_ID]).catch(() => undefined);
    await client.end();
  }
  await pruneRenderCache();
  return { inserted, skipped, blobsWritten, fileBytes, extractionRequests };
}

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------

function parseReferenceDate(argv: readonly string[]): Date | undefined {
  const arg = argv.find((a) => a.startsWith('--reference-date='))?.slice('--reference-date='.length);
  const raw = arg ?? process.env['SEED_REFERENCE_DATE'];
  if (!raw) return undefined;
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) throw new Error(`invalid reference date: ${raw}`);
  return date;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;

if (invokedDirectly) {
  const url = process.env['DATABASE_OWNER_URL'] || process.env['DATABASE_URL'];
  const fileStorageDir = process.env['FILE_STORAGE_DIR'];
  if (!url || !fileStorageDir) {
    console.error('seed: set DATABASE_OWNER_URL (or DATABASE_URL) to the database to seed, and FILE_STORAGE_DIR to the file storage folder.');
    process.exit(2);
  }
  try {
    const started = performance.now();
    const { inserted, skipped } = await seedDemo(url, { referenceDate: parseReferenceDate(process.argv.slice(2)), fileStorageDir, log: (m) => console.log(`seed: ${m}`) });
    const total = Object.values(inserted).reduce((a, b) => a + b, 0);
    console.log(
      `seed: done in ${Math.round(performance.now() - started)} ms, ${total} rows inserted` +
        ` (${Object.entries(inserted).map(([t, n]) => `${t} ${n}`).join(', ')})` +
        (skipped.length > 0 ? `; already present: ${skipped.join(', ')}` : ''),
    );
  } catch (error) {
    console.error(`seed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}

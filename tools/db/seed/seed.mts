/**
 * Loads the demo cooperative (see demo-data.mts) into a Ratsinfo database.
 *
 *   source tools/scripts/use-node.sh
 *   DATABASE_OWNER_URL=postgresql://… node tools/db/seed/seed.mts [--reference-date=2026-11-28]
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
 * tenant-owned rows go with it by ON DELETE CASCADE) and run the seed again.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { buildDemoData, listTenantRowsInInsertionOrder, TABLE_INSERTION_ORDER } from './demo-data.mts';
import type { DemoRow, TableName } from './demo-data.mts';

export interface SeedOptions {
  /** Meetings run from 6 months before to 6 months after this date. Default: now. */
  referenceDate?: Date;
  log?: (msg: string) => void;
}

export interface SeedResult {
  /** Rows inserted per table (0 everywhere on a second run). */
  inserted: Record<string, number>;
  /** Slugs of the tenants that existed already and were left alone. */
  skipped: string[];
}

/** SQL type of every column written, for the explicit parameter casts (uuid and the enums need them). */
const COLUMNS: Record<TableName, ReadonlyArray<readonly [column: string, sqlType: string]>> = {
  tenants: [
    ['id', 'uuid'], ['slug', 'text'], ['name', 'text'], ['kind', 'tenant_kind'], ['ags', 'text'], ['status', 'tenant_status'],
    ['identity_issuer', 'text'], ['identity_organization_alias', 'text'], ['branding_logo_url', 'text'],
    ['branding_primary_color', 'text'], ['notice_period_days', 'integer'],
  ],
  organizations: [
    ['id', 'uuid'], ['tenant_id', 'uuid'], ['name', 'text'], ['short_name', 'text'], ['organization_type', 'organization_type'],
    ['classification', 'text'], ['start_date', 'date'], ['end_date', 'date'], ['website', 'text'],
  ],
  persons: [
    ['id', 'uuid'], ['tenant_id', 'uuid'], ['family_name', 'text'], ['given_name', 'text'], ['form_of_address', 'text'],
    ['title', 'text'], ['affix', 'text'], ['gender', 'text'], ['email', 'text'],
  ],
  memberships: [
    ['id', 'uuid'], ['tenant_id', 'uuid'], ['person_id', 'uuid'], ['organization_id', 'uuid'], ['role', 'text'],
    ['voting_right', 'boolean'], ['start_date', 'date'], ['end_date', 'date'],
  ],
  meetings: [
    ['id', 'uuid'], ['tenant_id', 'uuid'], ['organization_id', 'uuid'], ['name', 'text'], ['start', 'timestamptz'],
    ['end', 'timestamptz'], ['location_text', 'text'], ['meeting_state', 'meeting_state'], ['cancelled', 'boolean'],
    ['cancelled_reason', 'text'],
  ],
  agenda_items: [
    ['id', 'uuid'], ['tenant_id', 'uuid'], ['meeting_id', 'uuid'], ['order', 'integer'], ['number', 'text'], ['name', 'text'],
    ['public', 'boolean'], ['result', 'text'], ['resolution_text', 'text'],
  ],
};

/** PostgreSQL allows 65535 bind parameters per statement; stay well below. */
const MAX_PARAMS = 30_000;
const MAX_ROWS_PER_STATEMENT = 1_000;

/** Keeps two seed runs from interleaving (arbitrary constant, shared by all seed runs). */
const SEED_LOCK_ID = 72_707_370;

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** Inserts `rows` with multi-row INSERT … ON CONFLICT (id) DO NOTHING; returns the number of rows actually inserted. */
export async function insertRows(client: pg.ClientBase, table: TableName, rows: readonly DemoRow[]): Promise<number> {
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
    const sql = `INSERT INTO ${quote(table)} (${columnList}) VALUES ${tuples.join(', ')} ON CONFLICT ("id") DO NOTHING`;
    const result = await client.query(sql, params);
    inserted += result.rowCount ?? 0;
  }
  return inserted;
}

export async function seedDemo(connectionString: string, opts: SeedOptions = {}): Promise<SeedResult> {
  const log = opts.log ?? (() => undefined);
  const referenceDate = opts.referenceDate ?? new Date();
  const data = buildDemoData(referenceDate);
  const inserted: Record<string, number> = Object.fromEntries(TABLE_INSERTION_ORDER.map((t) => [t, 0]));
  const skipped: string[] = [];

  const client = new pg.Client({ connectionString, application_name: 'ratsinfo-demo-seed' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SEED_LOCK_ID]);
    const { rows: existing } = await client.query<{ id: string; slug: string }>(
      'SELECT id::text AS id, slug FROM tenants WHERE id = ANY($1::uuid[]) OR slug = ANY($2::text[])',
      [data.tenants.map((t) => t.id), data.tenants.map((t) => t.slug)],
    );
    log(`reference date ${data.referenceDate}: ${data.tenants.length} demo tenants, ${existing.length} of them already present`);

    for (const tenant of data.tenants) {
      const found = existing.find((e) => e.id === tenant.id || e.slug === tenant.slug);
      if (found) {
        skipped.push(tenant.slug);
        log(
          found.id === tenant.id
            ? `${tenant.slug}: already seeded, skipped`
            : `${tenant.slug}: a tenant with this slug already exists (id ${found.id}, not a demo tenant), skipped`,
        );
        continue;
      }
      const started = performance.now();
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
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new Error(`seed: tenant ${tenant.slug} failed and was rolled back: ${(error as Error).message}`, { cause: error });
      }
      log(`${tenant.slug}: inserted ${counts.join(', ')} in ${Math.round(performance.now() - started)} ms`);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK_ID]).catch(() => undefined);
    await client.end();
  }
  return { inserted, skipped };
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
  if (!url) {
    console.error('seed: set DATABASE_OWNER_URL (or DATABASE_URL) to the database to seed.');
    process.exit(2);
  }
  try {
    const started = performance.now();
    const { inserted, skipped } = await seedDemo(url, { referenceDate: parseReferenceDate(process.argv.slice(2)), log: (m) => console.log(`seed: ${m}`) });
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

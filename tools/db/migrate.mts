/**
 * Applies prisma/migrations to a PostgreSQL database the way `prisma migrate deploy` does, so
 * that the native schema engine (which cannot be downloaded on our machines) is not needed.
 * Rows in `_prisma_migrations` are written exactly as Prisma's engine writes them, so
 * `prisma migrate deploy/status` accept the database wherever the engine exists.
 * See docs/adr/0002-migrations-offline.md.
 *
 * Unlike the engine, each migration runs in one transaction: a failing script leaves no
 * half-applied schema behind (PostgreSQL DDL is transactional).
 */
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import pg from 'pg';

const ADVISORY_LOCK_ID = 72707369; // the engine's own lock id, so the two never run at once

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
}

export const defaultMigrationsDir = resolve(import.meta.dirname, '../../prisma/migrations');

export async function listMigrations(dir = defaultMigrationsDir): Promise<{ name: string; sql: string; checksum: string }[]> {
  const names = (await readdir(dir)).sort();
  const out: { name: string; sql: string; checksum: string }[] = [];
  for (const name of names) {
    const file = join(dir, name, 'migration.sql');
    if (!(await stat(join(dir, name))).isDirectory()) continue;
    const sql = await readFile(file, 'utf8');
    out.push({ name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return out;
}

export async function migrate(connectionString: string, opts: { dir?: string; log?: (m: string) => void } = {}): Promise<MigrateResult> {
  const log = opts.log ?? (() => undefined);
  const migrations = await listMigrations(opts.dir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_ID]);
    const { rows: tables } = await client.query(
      `SELECT count(*)::int AS n, bool_or(table_name = '_prisma_migrations') AS has_history
         FROM information_schema.tables WHERE table_schema = current_schema()`,
    );
    if (tables[0].n > 0 && !tables[0].has_history) {
      throw new Error('The database has tables but no _prisma_migrations history: refusing to migrate it (as Prisma does).');
    }
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows: history } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
    );
    const failed = history.find((h) => h.finished_at === null && h.rolled_back_at === null);
    if (failed) {
      throw new Error(`Migration ${failed.migration_name} failed earlier and is not marked rolled back; resolve it first.`);
    }
    const done = new Map(history.filter((h) => h.finished_at !== null).map((h) => [h.migration_name, h.checksum]));
    const known = new Set(migrations.map((m) => m.name));
    for (const name of done.keys()) {
      if (!known.has(name)) throw new Error(`Migration ${name} is applied in the database but missing from ${opts.dir ?? defaultMigrationsDir}.`);
    }
    const applied: string[] = [];
    for (const m of migrations) {
      const previous = done.get(m.name);
      if (previous !== undefined) {
        if (previous !== m.checksum && previous !== crlfVariantChecksum(m.sql)) {
          throw new Error(`Migration ${m.name} was modified after it was applied (checksum differs).`);
        }
        continue;
      }
      const id = randomUUID();
      log(`applying ${m.name}`);
      await client.query('BEGIN');
      try {
        await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())', [id, m.checksum, m.name]);
        await client.query(m.sql);
        await client.query('UPDATE "_prisma_migrations" SET applied_steps_count = applied_steps_count + 1, finished_at = now() WHERE id = $1', [id]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        // Recorded like the engine does: a row with logs and no finished_at blocks later runs.
        await client.query('INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, started_at) VALUES ($1, $2, $3, $4, now())', [
          id, m.checksum, m.name, String((e as Error).message),
        ]);
        throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`);
      }
      applied.push(m.name);
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}

function crlfVariantChecksum(sql: string): string {
  const other = sql.includes('\r\n') ? sql.replace(/\r\n/g, '\n') : sql.replace(/\n/g, '\r\n');
  return createHash('sha256').update(other).digest('hex');
}

if (import.meta.main) {
  const url = process.env['DATABASE_OWNER_URL'];
  if (!url) {
    console.error('DATABASE_OWNER_URL is not set: migrations run as the owner role.');
    process.exit(1);
  }
  migrate(url, { log: (m) => console.log(m) })
    .then((r) => console.log(`migrations: ${r.applied.length} applied, ${r.alreadyApplied} already applied`))
    .catch((e: Error) => {
      console.error(e.message);
      process.exit(1);
    });
}

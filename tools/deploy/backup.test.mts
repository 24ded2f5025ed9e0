/**
 * Backup and restore round trip (deploy/backup): a throw-away PostgreSQL with the roles of
 * deploy/compose's init script, the migrated schema and the demo seed (tenants, papers, meetings, files in a local file store) is backed up with
 * backup.sh and restored with restore.sh into a second, FRESH server and an empty file store; then
 * every table's row count, the roles (ratsinfo_app still without BYPASSRLS, its password kept, RLS
 * still applied to it) and every file's checksum must be the same. A damaged backup is refused.
 *
 * pg_dump must not be older than the server, and the stack's embedded server (18) is newer than
 * Debian's client (15): this test runs its own servers from the same Debian binaries as its
 * pg_dump/pg_restore (PG_BIN, default the newest /usr/lib/postgresql/<v>/bin; tools/scripts/apt.sh).
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { APP_ROLE, roleUrl } from '../db/bootstrap.mts';
import { migrate } from '../db/migrate.mts';
import { freePort } from '../services/ports.mts';

const root = resolve(import.meta.dirname, '../..');
const TOOLS = ['initdb', 'pg_ctl', 'pg_dump', 'pg_dumpall', 'pg_restore', 'psql'];

function findPgBin(): string {
  const given = process.env['PG_BIN'];
  if (given) return given;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => join(base, v, 'bin')).find((dir) => TOOLS.every((t) => existsSync(join(dir, t))));
  if (!found) throw new Error('no PostgreSQL server and client binaries (initdb, pg_dump, …): install postgresql-15 and postgresql-client-15 (tools/scripts/apt.sh DEPLOY_APT) or set PG_BIN');
  return found;
}

interface Server {
  port: number;
  password: string;
  url(db: string, user?: string, password?: string): string;
  env: NodeJS.ProcessEnv;
  stop(): void;
}

const isRoot = process.getuid?.() === 0;
/** As root, PostgreSQL runs as the `postgres` OS user (initdb refuses root). */
const asPostgres = (cmd: string, args: string[]) => (isRoot ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' }));
const asPostgresAsync = (cmd: string, args: string[]) =>
  new Promise<void>((ok, fail) => {
    const [c, a] = isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
    execFile(c as string, a as string[], (e, _out, err) => (e ? fail(new Error(`${cmd} failed: ${err}`)) : ok()));
  });

async function startServer(bin: string, dir: string, password: string): Promise<Server> {
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${password}\n`);
  if (isRoot) {
    chmodSync(dir, 0o755);
    const { uid, gid } = { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) };
    chownSync(dir, uid, gid);
    chownSync(pwfile, uid, gid);
  }
  await asPostgresAsync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--pwfile', pwfile, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  await asPostgresAsync(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off`, 'start']);
  return {
    port,
    password,
    url: (db, user = 'postgres', pw = password) => roleUrl('127.0.0.1', port, user, pw, db),
    env: { PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: 'postgres', PGPASSWORD: password, PG_BIN: bin },
    stop: () => {
      try {
        asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      } catch {
        /* already stopped */
      }
    },
  };
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

async function rowCounts(url: string): Promise<Record<string, number>> {
  const tables = await query<{ t: string }>(url, `SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
  const counts: Record<string, number> = {};
  // As superuser: FORCE ROW LEVEL SECURITY does not apply to it, so these are all rows.
  for (const { t } of tables) counts[t] = (await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM "${t}"`))[0].n;
  return counts;
}

function fileChecksums(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

function script(name: string, args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync('bash', [join(root, 'deploy/backup', name), ...args], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
}

describe('deploy/backup: backup.sh → restore.sh into a fresh server', () => {
  const bin = findPgBin();
  const work = mkdtempSync(join(tmpdir(), 'ratsinfo-backup-test-'));
  chmodSync(work, 0o755);
  const database = 'ratsinfo_backup';
  const secrets = { owner: 'owner-pw-1', app: 'app-pw-1' };
  const sourceFiles = join(work, 'files-source');
  const restoredFiles = join(work, 'files-restored');
  let source: Server;
  let target: Server;
  let backupDir = '';
  let before_: Record<string, number> = {};

  before(async () => {
    for (const d of ['pg-source', 'pg-target']) mkdirSync(join(work, d));
    // A different superuser password on the target: restoring the roles must not change it.
    [source, target] = await Promise.all([
      startServer(bin, join(work, 'pg-source'), 'source-superuser-pw'),
      startServer(bin, join(work, 'pg-target'), 'target-superuser-pw'),
    ]);
    // The roles and database as deploy/compose creates them: its PostgreSQL init script.
    const init = spawnSync('bash', [join(root, 'deploy/compose/postgres/10-ratsinfo-roles.sh')], {
      env: { ...process.env, ...source.env, PATH: `${bin}:${process.env['PATH']}`, POSTGRES_USER: 'postgres', RATSINFO_DB_NAME: database, RATSINFO_DB_OWNER_PASSWORD: secrets.owner, RATSINFO_DB_APP_PASSWORD: secrets.app, KEYCLOAK_DB_PASSWORD: 'kc-pw-1' },
      encoding: 'utf8',
    });
    assert.equal(init.status, 0, `compose init script failed: ${init.stderr}`);
    const ownerUrl = source.url(database, 'ratsinfo_owner', secrets.owner);
    await migrate(ownerUrl);
    const { seedDemo } = await import('../db/seed/seed.mts');
    await seedDemo(ownerUrl, { fileStorageDir: sourceFiles, referenceDate: new Date('2026-11-28T10:00:00Z') });
    before_ = await rowCounts(source.url(database));
  });

  after(() => {
    source?.stop();
    target?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('has the roles of the compose init script: the owner owns the database, ratsinfo_app neither BYPASSRLS nor SUPERUSER', async () => {
    const roles = await query<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean }>(source.url('postgres'), `SELECT rolname, rolsuper, rolbypassrls FROM pg_roles WHERE rolname IN ('ratsinfo_owner', 'ratsinfo_app') ORDER BY 1`);
    assert.deepEqual(roles, [
      { rolname: 'ratsinfo_app', rolsuper: false, rolbypassrls: false },
      { rolname: 'ratsinfo_owner', rolsuper: false, rolbypassrls: false },
    ]);
    const [db] = await query<{ owner: string }>(source.url('postgres'), 'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1', [database]);
    assert.equal(db.owner, 'ratsinfo_owner');
  });

  it('backs up database, roles and file store into one checked folder', () => {
    assert.ok(Object.keys(fileChecksums(sourceFiles)).length > 10, 'the seed wrote files');
    assert.ok((before_['papers'] ?? 0) > 0 && (before_['files'] ?? 0) > 0 && (before_['tenants'] ?? 0) > 0, JSON.stringify(before_));
    const r = script('backup.sh', [join(work, 'backups')], { ...source.env, PGDATABASE: database, FILE_STORAGE_DIR: sourceFiles });
    assert.equal(r.status, 0, r.stderr);
    backupDir = r.stdout.trim().split('\n').pop() ?? '';
    for (const f of ['database.dump', 'roles.sql', 'files.tar.gz', 'files.sha256', 'backup.info', 'SHA256SUMS']) assert.ok(existsSync(join(backupDir, f)), `${f} missing`);
    assert.equal(readFileSync(join(backupDir, 'database.dump')).subarray(0, 5).toString(), 'PGDMP', 'not pg_dump custom format');
    assert.match(readFileSync(join(backupDir, 'roles.sql'), 'utf8'), /ALTER ROLE ratsinfo_app WITH NOSUPERUSER NOINHERIT NOCREATEROLE NOCREATEDB LOGIN NOREPLICATION NOBYPASSRLS/);
  });

  it('refuses a damaged backup before writing anything', () => {
    const damaged = join(work, 'damaged');
    cpSync(backupDir, damaged, { recursive: true });
    const dump = readFileSync(join(damaged, 'database.dump'));
    dump[dump.length - 10] ^= 0xff;
    writeFileSync(join(damaged, 'database.dump'), dump);
    const r = script('restore.sh', [damaged], { ...target.env, FILE_STORAGE_DIR: join(work, 'files-damaged') });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /checksums do not match/);
    assert.ok(!existsSync(join(work, 'files-damaged')));
  });

  it('restores into a fresh server: same row count in every table, same files, same roles', async () => {
    const r = script('restore.sh', [backupDir], { ...target.env, FILE_STORAGE_DIR: restoredFiles });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(await rowCounts(target.url(database)), before_);
    const sourceSums = fileChecksums(sourceFiles);
    assert.deepEqual(fileChecksums(restoredFiles), sourceSums);

    // The target's superuser kept its own password; the application role its attributes and password.
    const [role] = await query<{ rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>(target.url('postgres'), 'SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    assert.deepEqual(role, { rolsuper: false, rolbypassrls: false, rolcanlogin: true });
    const appUrl = target.url(database, APP_ROLE, secrets.app);
    // Row-level security came back with the schema: without a tenant the app role sees no paper.
    assert.equal((await query<{ n: number }>(appUrl, 'SELECT count(*)::int AS n FROM papers'))[0].n, 0);
    const [tenant] = await query<{ id: string }>(target.url(database), 'SELECT id::text AS id FROM tenants ORDER BY slug LIMIT 1');
    const c = new pg.Client({ connectionString: appUrl });
    await c.connect();
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
      const seen = (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM papers')).rows[0].n;
      const all = (await query<{ n: number }>(target.url(database), 'SELECT count(*)::int AS n FROM papers WHERE tenant_id = $1', [tenant.id]))[0].n;
      assert.ok(all > 0);
      assert.equal(seen, all);
      await c.query('ROLLBACK');
    } finally {
      await c.end();
    }
  });

  it('refuses to restore over an existing database', () => {
    const r = script('restore.sh', [backupDir], { ...target.env, FILE_STORAGE_DIR: join(work, 'files-again') });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /exists on the target server/);
  });
});

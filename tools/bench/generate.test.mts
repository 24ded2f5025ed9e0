/**
 * The benchmark data generator (generate.mts) in a tiny variant, against the real PostgreSQL of
 * the test stack (`npm test`, or `node tools/test/with-stack.mts node --test tools/bench/generate.test.mts`):
 * three scratch databases, two with the same seed (same rows, byte for byte) and one with another.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { bootstrapDatabase, withDatabase } from '../db/bootstrap.mts';
import { migrate } from '../db/migrate.mts';
import { BENCH_NO_BLOB_MARK, BIG_TENANT_SLUG, generate, GENERATED_TABLES, type GenerateResult, type TenantProfile } from './generate.mts';

const REF = new Date('2026-12-01T00:00:00Z');
const TINY: TenantProfile = { organizations: 8, persons: 12, years: 2, papers: 60, meetings: 20, attachmentShare: 0.5, paragraphs: 2 };
const TINY_BIG: TenantProfile = { organizations: 10, persons: 20, years: 3, papers: 150, meetings: 40, attachmentShare: 1, paragraphs: 3 };

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run with the test stack (npm test, or node tools/test/with-stack.mts node --test tools/bench/generate.test.mts)`);
  return v;
}

const suffix = randomBytes(4).toString('hex');
const databases = ['a', 'b', 'c'].map((x) => `ratsinfo_gen_${suffix}_${x}`);
const owners: string[] = [];
const apps: string[] = [];
const results: GenerateResult[] = [];

before(async () => {
  const owner = new URL(need('DATABASE_OWNER_URL'));
  const app = new URL(need('DATABASE_URL'));
  const serverAdmin = need('DATABASE_ADMIN_URL');
  for (const [i, database] of databases.entries()) {
    await bootstrapDatabase(serverAdmin, { database, ownerRole: decodeURIComponent(owner.username), ownerPassword: decodeURIComponent(owner.password), appPassword: decodeURIComponent(app.password) });
    owners.push(withDatabase(owner.toString(), database));
    apps.push(withDatabase(app.toString(), database));
    await migrate(owners[i] ?? '');
    results.push(await generate({ ownerUrl: owners[i] ?? '', seed: i < 2 ? '42' : '43', tenants: 3, profile: TINY, big: TINY_BIG, referenceDate: REF, skipVacuum: i > 0 }));
  }
}, { timeout: 600_000 });

after(async () => {
  const server = new pg.Client({ connectionString: process.env['DATABASE_ADMIN_URL'] });
  await server.connect();
  for (const d of databases) await server.query(`DROP DATABASE IF EXISTS ${server.escapeIdentifier(d)} WITH (FORCE)`).catch(() => undefined);
  await server.end();
});

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** One md5 over every row of a table, in a fixed order (all columns, as text). */
async function digests(url: string): Promise<Record<string, string>> {
  return withClient(url, async (c) => {
    const out: Record<string, string> = {};
    await c.query('BEGIN');
    for (const table of GENERATED_TABLES) {
      // The owner sees every tenant's rows only tenant by tenant (FORCE RLS): sum over tenants.
      const tenants = (await c.query<{ id: string }>("SELECT id FROM tenants WHERE slug LIKE 'bench-%' ORDER BY slug")).rows;
      const parts: string[] = [];
      for (const t of tenants) {
        await c.query("SELECT set_config('app.tenant_id', $1, true)", [t.id]);
        const where = table === 'tenants' ? 'WHERE id = $1' : 'WHERE tenant_id = $1';
        // Search documents are written by search_refresh() (ADR 0020): their own id and stamps are the database's.
        const row = table === 'search_documents' ? `(to_jsonb(x) - 'id' - 'created_at' - 'updated_at')::text` : 'x::text';
        const r = await c.query<{ d: string | null }>(`SELECT md5(string_agg(${row}, '|' ORDER BY ${row})) AS d FROM ${c.escapeIdentifier(table)} x ${where}`, [t.id]);
        parts.push(r.rows[0]?.d ?? '-');
      }
      out[table] = parts.join(',');
    }
    await c.query('ROLLBACK');
    return out;
  });
}

describe('benchmark data generator', () => {
  test('writes the volumes of the profiles', () => {
    const r = results[0];
    assert.ok(r);
    assert.equal(r.tenants.length, 4);
    assert.equal(r.tenants.filter((t) => t.big).length, 1);
    const c = r.counts;
    assert.equal(c['tenants'], 4);
    assert.equal(c['organizations'], 3 * 8 + 10);
    assert.equal(c['persons'], 3 * 12 + 20);
    assert.equal(c['papers'], 3 * 60 + 150);
    assert.equal(c['meetings'], 3 * 20 + 40);
    // Papers, and (search v2, ADR 0020) meetings, agenda items and files too.
    assert.ok((c['search_documents'] ?? 0) >= (c['papers'] ?? 0) + (c['meetings'] ?? 0));
    assert.equal(c['file_versions'], c['files']);
    assert.ok((c['files'] ?? 0) >= (c['papers'] ?? 0) + 150, 'every paper has a main file, every big-tenant paper an attachment too');
    assert.ok((c['consultations'] ?? 0) >= (c['papers'] ?? 0));
    assert.ok((c['agenda_items'] ?? 0) >= 4 * (c['meetings'] ?? 0), 'opening, agenda, questions and paper items');
    assert.ok((c['memberships'] ?? 0) >= c['persons']!);
  });

  test('the same seed gives the same rows; another seed other rows', async () => {
    const [a, b, other] = await Promise.all(owners.map(digests));
    assert.deepEqual(b, a);
    assert.notEqual(other?.['papers'], a?.['papers']);
    assert.notEqual(other?.['file_versions'], a?.['file_versions']);
    assert.deepEqual(results[1]?.counts, results[0]?.counts);
  });

  test('rows live under row-level security: the app role sees a tenant only with its context', async () => {
    const big = results[0]?.tenants.find((t) => t.big);
    assert.ok(big);
    await withClient(apps[0] ?? '', async (c) => {
      assert.equal((await c.query<{ n: number }>('SELECT count(*)::int AS n FROM papers')).rows[0]?.n, 0);
      await c.query('BEGIN');
      await c.query("SELECT set_config('app.tenant_id', $1, true)", [big.id]);
      assert.equal((await c.query<{ n: number }>('SELECT count(*)::int AS n FROM papers')).rows[0]?.n, 150);
      assert.equal((await c.query<{ n: number }>('SELECT count(*)::int AS n FROM files')).rows[0]?.n, 300);
      // Text and search: every version has text; the public search finds the generated words.
      const v = (await c.query<{ n: number; min: number; marked: number }>(`SELECT count(*)::int AS n, min(length(text))::int AS min, count(*) FILTER (WHERE uploaded_by_name = $1)::int AS marked FROM file_versions`, [BENCH_NO_BLOB_MARK])).rows[0];
      assert.equal(v?.n, 300);
      assert.equal(v?.marked, 300);
      assert.ok((v?.min ?? 0) > 500, `file text of a few hundred characters at least, got ${v?.min}`);
      const hits = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM search_tenant_documents('Verwaltung', true, NULL, 100, 0)`)).rows[0]?.n ?? 0;
      assert.ok(hits > 0, 'the search finds the generated vocabulary');
      // Nothing non-public is in a public search document: no non-public file's text.
      const leak = (await c.query<{ n: number }>(`
        SELECT count(*)::int AS n FROM files f JOIN file_versions v ON v.file_id = f.id JOIN papers p ON p.id = f.paper_id
          JOIN search_documents d ON d.entity_id = p.id AND d.public
         WHERE NOT f.public AND position(v.text IN d.body) > 0`)).rows[0]?.n;
      assert.equal(leak, 0);
      // Drafts are not public in the index.
      const drafts = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM papers p JOIN search_documents d ON d.entity_id = p.id WHERE p.status = 'draft' AND d.public`)).rows[0]?.n;
      assert.equal(drafts, 0);
      // Timestamps spread over the years before the reference date, never after it, never backwards.
      const ts = (await c.query<{ bad: number; oldest: Date; newest: Date }>(`
        SELECT count(*) FILTER (WHERE updated_at < created_at)::int AS bad, min(created_at) AS oldest, max(updated_at) AS newest FROM papers`)).rows[0];
      assert.equal(ts?.bad, 0);
      assert.ok(ts && ts.oldest < new Date('2024-06-01T00:00:00Z'), `oldest paper ${ts?.oldest.toISOString()}`);
      assert.ok(ts && ts.newest <= REF);
      // Counters continue the numbering: the next paper of a type and year gets max + 1.
      const gaps = (await c.query<{ n: number }>(`
        SELECT count(*)::int AS n FROM paper_number_counters k
         WHERE k.last_value <> (SELECT max(reference_sequence) FROM papers p WHERE p.paper_type_id = k.paper_type_id AND p.reference_year = k.year)`)).rows[0]?.n;
      assert.equal(gaps, 0);
      await c.query('ROLLBACK');
    });
  });

  test('the triggers it lifted are on again, and a later write is touched as usual', async () => {
    await withClient(owners[0] ?? '', async (c) => {
      const off = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_trigger WHERE tgname IN ('touch', 'public_data_version') AND tgenabled = 'D'`)).rows[0]?.n;
      assert.equal(off, 0);
      const big = results[0]?.tenants.find((t) => t.slug === BIG_TENANT_SLUG);
      await c.query('BEGIN');
      await c.query("SELECT set_config('app.tenant_id', $1, true)", [big?.id]);
      const r = await c.query<{ updated_at: Date }>(`UPDATE papers SET name = name || ' (geändert)' WHERE id = (SELECT id FROM papers ORDER BY id LIMIT 1) RETURNING updated_at`);
      assert.ok((r.rows[0]?.updated_at.getTime() ?? 0) > REF.getTime(), 'the touch trigger moved modified to now');
      await c.query('ROLLBACK');
    });
  });

  test('a second run into the same database is refused, and leaves nothing behind', async () => {
    await assert.rejects(generate({ ownerUrl: owners[0] ?? '', seed: '42', tenants: 1, profile: TINY, big: null, referenceDate: REF, skipVacuum: true }), /exist already/);
  });
});

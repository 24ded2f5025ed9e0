import { Test } from '@nestjs/testing';
import { CoreModule, loadConfig, TenantContext } from '@ratsinfo/api-core';
import { asTenant, connect, createTenantWithRows, deleteTenant, testEnv } from '@ratsinfo/api-testing';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { DatabaseModule } from './database.module';
import { SearchIndex } from './search-index';
import { TenantDatabase } from './tenant-database';

/**
 * German full-text search under forced RLS (docs/adr/0010-full-text-search-under-rls.md), on
 * 100,000 generated documents across four tenants: the search function uses the
 * (tenant_id, search_vector) GIN index when called by the application role, and returns only
 * the current tenant's (and, for the portal, only public) documents.
 */
jest.setTimeout(300_000);

const ROWS = 100_000;
const INDEX = 'search_documents_tenant_id_search_vector_idx';

type Tenant = Awaited<ReturnType<typeof createTenantWithRows>>;
interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Actual Rows'?: number;
  Plans?: PlanNode[];
}
interface Explained {
  Plan: PlanNode;
  'Planning Time': number;
  'Execution Time': number;
}

let owner: Client;
let admin: Client;
let app: Client;
let t: Tenant[];

const flatten = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(flatten)];

beforeAll(async () => {
  const env = testEnv();
  [owner, admin, app] = await Promise.all([connect(env.ownerUrl), connect(env.adminUrl), connect(env.databaseUrl)]);
  t = [];
  for (const label of ['sa', 'sb', 'sc', 'sd']) t.push(await createTenantWithRows(owner, label));
  // One statement, as the superuser (the generator is the only thing here that bypasses RLS).
  // Tenant = i % 4. Words: a council vocabulary picked by i, so every document differs;
  // "Radschnellweg" in ~0.1% (i % 997 = 0), "Geheimprojekt" only in tenant 1's documents,
  // "Verschlusssache" only in non-public ones (every third is non-public).
  const started = Date.now();
  await admin.query(
    `WITH w AS (SELECT ARRAY['Haushalt','Satzung','Bebauungsplan','Schule','Kindergarten','Feuerwehr','Straßenbau','Friedhof','Sportplatz',
                 'Gewerbegebiet','Abwasser','Kläranlage','Windenergie','Photovoltaik','Bürgerhaus','Bibliothek','Spielplatz','Radweg',
                 'Parkplätze','Gebühren','Grundsteuer','Stellenplan','Jahresabschluss','Zuschuss','Verein','Ortsteil','Denkmalschutz',
                 'Hochwasserschutz','Breitband','Digitalisierung','Beschaffung','Vergabe','Grundstück','Verkauf','Pachtvertrag',
                 'Friedhofssatzung','Kita-Gebühren','Wasserversorgung','Bauantrag','Einvernehmen'] AS words)
     INSERT INTO search_documents (tenant_id, entity_type, entity_id, public, title, body)
     SELECT ($1::uuid[])[1 + i % 4], 'paper', gen_random_uuid(), i % 3 <> 0,
            'Vorlage ' || i || ': ' || w.words[1 + i % 40] || ' ' || w.words[1 + (i / 40) % 40],
            concat_ws(' ', 'Der Ausschuss berät über', w.words[1 + (i * 7) % 40], 'und', w.words[1 + (i * 13) % 40],
                      'im Zusammenhang mit', w.words[1 + (i * 31) % 40], w.words[1 + (i * 17) % 40] || 'n',
                      CASE WHEN i % 997 = 0 THEN 'Der Radschnellweg wird geprüft.' END,
                      CASE WHEN i % 4 = 1 AND i % 50 = 1 THEN 'Geheimprojekt Nordumgehung.' END,
                      CASE WHEN i % 3 = 0 AND i % 10 = 0 THEN 'Verschlusssache, nichtöffentlich.' END,
                      'Beschlussvorschlag: Der Rat stimmt zu.')
       FROM generate_series(1, $2::int) i, w`,
    [t.map((x) => x.id), ROWS],
  );
  // VACUUM also moves GIN's pending list (fastupdate) into the index, as autovacuum would.
  await admin.query('VACUUM ANALYZE search_documents');
  console.info(`search.spec: generated and analysed ${ROWS} documents in ${Date.now() - started} ms`);
});

afterAll(async () => {
  for (const x of t) await deleteTenant(owner, x.id);
  await Promise.all([owner.end(), admin.end(), app.end()]);
});

const search = (c: Client, tenantId: string | null, query: string, publicOnly: boolean) =>
  asTenant(c, tenantId, () =>
    c.query<{ entity_type: string; entity_id: string; title: string; public: boolean; rank: number }>('SELECT * FROM search_tenant_documents($1, $2, NULL, 100)', [query, publicOnly]),
  ).then((r) => r.rows);

/** The truth, read as the superuser: matching documents of a tenant. */
async function truth(tenantId: string, query: string, publicOnly: boolean): Promise<string[]> {
  const { rows } = await admin.query<{ entity_id: string }>(
    `SELECT entity_id FROM search_documents
      WHERE tenant_id = $1 AND search_vector @@ websearch_to_tsquery('german', $2) AND (public OR NOT $3) ORDER BY 1`,
    [tenantId, query, publicOnly],
  );
  return rows.map((r) => r.entity_id);
}

describe('the search plan, as the application role', () => {
  /**
   * EXPLAIN of a call shows only a Function Scan, so auto_explain reports the plan of the statement
   * inside the definer function. It is loaded by the superuser session, which then becomes the
   * application role (SET ROLE: its privileges, no BYPASSRLS) before it searches.
   */
  async function explainAsApp(tenantId: string, query: string, publicOnly: boolean) {
    const notices: string[] = [];
    const onNotice = (n: { message?: string }) => void notices.push(n.message ?? '');
    admin.on('notice', onNotice);
    try {
      await admin.query(`LOAD 'auto_explain'`);
      await admin.query(
        `SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on; SET auto_explain.log_nested_statements = on;
         SET auto_explain.log_format = json; SET auto_explain.log_level = notice; SET auto_explain.log_timing = on`,
      );
      await admin.query('SET ROLE ratsinfo_app');
      const who = await admin.query(`SELECT current_user AS role, (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user) AS privileged`);
      expect(who.rows[0]).toEqual({ role: 'ratsinfo_app', privileged: false });
      const outer = await asTenant(admin, tenantId, () =>
        admin.query<{ 'QUERY PLAN': Explained[] }>('EXPLAIN (ANALYZE, FORMAT JSON) SELECT * FROM search_tenant_documents($1, $2)', [query, publicOnly]),
      );
      const inner = notices.map((m) => /duration: ([\d.]+) ms\s+plan:\s*([\s\S]*)$/.exec(m)).find((m) => m && m[2]!.includes('search_documents'));
      expect(inner).toBeTruthy();
      const innerPlan = JSON.parse(inner![2]!) as { 'Query Text': string; Plan: PlanNode };
      return { outer: outer.rows[0]!['QUERY PLAN'][0]!, inner: innerPlan, innerMs: Number(inner![1]) };
    } finally {
      await admin.query('RESET ROLE');
      await admin.query('SET auto_explain.log_min_duration = -1');
      admin.off('notice', onNotice);
    }
  }

  it('uses the (tenant_id, search_vector) GIN index for a rare term', async () => {
    await explainAsApp(t[0]!.id, 'Radschnellweg', true); // warm the cache: the timing is for a running server
    const { outer, inner, innerMs } = await explainAsApp(t[0]!.id, 'Radschnellweg', true);
    const scans = flatten(inner.Plan).filter((n) => n['Node Type'] === 'Bitmap Index Scan');
    expect(scans.map((n) => n['Index Name'])).toEqual([INDEX]);
    // app_current_tenant() is inlined: its body stands in the condition.
    expect(scans[0]!['Index Cond']).toMatch(/tenant_id = \(NULLIF\(current_setting\('app\.tenant_id'/);
    expect(scans[0]!['Index Cond']).toMatch(/search_vector @@/);
    // The index returns the tenant's matches only: about a quarter of ~0.1%, not the whole tenant.
    expect(scans[0]!['Actual Rows']).toBeLessThan(ROWS / 4 / 20);
    console.info(`search.spec: plan of the function's statement: ${JSON.stringify(inner.Plan, ['Node Type', 'Index Name', 'Recheck Cond', 'Index Cond', 'Filter', 'Sort Key', 'Actual Rows', 'Plans'])}`);
    console.info(
      `search.spec: "Radschnellweg" as ratsinfo_app: planning ${outer['Planning Time'].toFixed(3)} ms, execution ${outer['Execution Time'].toFixed(3)} ms (inner statement ${innerMs} ms, index rows ${scans[0]!['Actual Rows']})`,
    );
  });

  it('uses the index for a common term too', async () => {
    await explainAsApp(t[0]!.id, 'Haushalt', false);
    const { outer, inner } = await explainAsApp(t[0]!.id, 'Haushalt', false);
    const scans = flatten(inner.Plan).filter((n) => n['Node Type'] === 'Bitmap Index Scan');
    expect(scans.map((n) => n['Index Name'])).toEqual([INDEX]);
    console.info(`search.spec: "Haushalt" as ratsinfo_app: planning ${outer['Planning Time'].toFixed(3)} ms, execution ${outer['Execution Time'].toFixed(3)} ms (index rows ${scans[0]!['Actual Rows']})`);
  });

  it('cannot use the index for @@ in a plain query under the tenant policy (why the definer function exists)', async () => {
    const explain = () => asTenant(app, t[0]!.id, () =>
      app.query<{ 'QUERY PLAN': Explained[] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) SELECT entity_id FROM search_documents WHERE search_vector @@ websearch_to_tsquery('german', 'Radschnellweg')`,
      ),
    );
    await explain();
    const plan = await explain();
    const p = plan.rows[0]!['QUERY PLAN'][0]!;
    const conds = flatten(p.Plan).map((n) => n['Index Cond'] ?? '');
    expect(conds.filter((c) => c.includes('@@'))).toEqual([]);
    console.info(`search.spec: plain query under RLS as ratsinfo_app: ${flatten(p.Plan).map((n) => `${n['Node Type']}${n['Index Cond'] ? ` [${n['Index Cond']}]` : ''}`).join(' > ')}; planning ${p['Planning Time'].toFixed(3)} ms, execution ${p['Execution Time'].toFixed(3)} ms`);
  });
});

describe('search results', () => {
  it("finds exactly the current tenant's matching public documents", async () => {
    for (const x of t) {
      const hits = await search(app, x.id, 'Radschnellweg', true);
      const expected = await truth(x.id, 'Radschnellweg', true);
      expect(expected.length).toBeGreaterThan(0);
      expect(hits.map((h) => h.entity_id).sort()).toEqual(expected);
    }
  });

  it("never shows one tenant another tenant's documents", async () => {
    const inB = await search(app, t[1]!.id, 'Geheimprojekt', false);
    expect(inB.length).toBeGreaterThan(0);
    for (const x of [t[0]!, t[2]!, t[3]!]) expect(await search(app, x.id, 'Geheimprojekt', false)).toEqual([]);
  });

  it('finds nothing without a tenant', async () => {
    expect(await search(app, null, 'Radschnellweg', true)).toEqual([]);
    expect(await search(app, null, 'Radschnellweg', false)).toEqual([]);
  });

  it('never returns a non-public document to the public search', async () => {
    expect(await search(app, t[0]!.id, 'Verschlusssache', true)).toEqual([]);
    const internal = await search(app, t[0]!.id, 'Verschlusssache', false);
    expect(internal.length).toBeGreaterThan(0);
    expect(internal.every((h) => !h.public)).toBe(true);
    const publicHits = await search(app, t[0]!.id, 'Haushalt', true);
    expect(publicHits.length).toBe(100);
    expect(publicHits.every((h) => h.public)).toBe(true);
  });

  it('stems German words and ranks title matches first', async () => {
    // "Schulen" finds "Schule"; a document with the term in its title outranks one with it only in the body.
    const hits = await search(app, t[0]!.id, 'Schulen', true);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits[0]!.title).toMatch(/Schule/);
  });

  it('gives the owner read-only access beyond the tenant (the price of the index), no writes', async () => {
    const seen = await asTenant(owner, null, () => owner.query(`SELECT count(*)::int AS n FROM search_documents WHERE tenant_id = ANY($1)`, [t.map((x) => x.id)]));
    expect(seen.rows[0].n).toBeGreaterThanOrEqual(ROWS);
    const upd = await asTenant(owner, null, () => owner.query(`UPDATE search_documents SET title = 'x' WHERE tenant_id = $1`, [t[0]!.id]));
    expect(upd.rowCount).toBe(0);
  });
});

describe('SearchIndex (Prisma, as the application role)', () => {
  let db: TenantDatabase;
  let index: SearchIndex;
  let context: TenantContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const env = testEnv();
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent' })), DatabaseModule],
    }).compile();
    const nest = moduleRef.createNestApplication();
    await nest.init();
    db = nest.get(TenantDatabase);
    index = nest.get(SearchIndex);
    context = nest.get(TenantContext);
    close = () => nest.close();
  });

  afterAll(() => close());

  it('indexes, re-indexes and removes a document in the tenant transaction', async () => {
    const x = t[2]!;
    const asX = <T>(fn: () => Promise<T>) => context.run({ id: x.id, slug: x.slug }, fn);
    const paper = randomUUID();
    await asX(() => db.transaction((tx) => index.upsert(tx, { entityType: 'paper', entityId: paper, public: false, title: 'Antrag Zebrastreifen', body: 'Querungshilfe an der Grundschule' })));
    expect(await asX(() => db.transaction((tx) => index.search(tx, 'Zebrastreifen', { publicOnly: true })))).toEqual([]);
    const internal = await asX(() => db.transaction((tx) => index.search(tx, 'Zebrastreifen', { publicOnly: false })));
    expect(internal).toEqual([expect.objectContaining({ entityType: 'paper', entityId: paper, title: 'Antrag Zebrastreifen', public: false })]);

    await asX(() => db.transaction((tx) => index.upsert(tx, { entityType: 'paper', entityId: paper, public: true, title: 'Antrag Fußgängerüberweg', body: 'Querungshilfe' })));
    expect(await asX(() => db.transaction((tx) => index.search(tx, 'Zebrastreifen', { publicOnly: false })))).toEqual([]);
    expect(await asX(() => db.transaction((tx) => index.search(tx, 'Fußgängerüberweg', { publicOnly: true, entityTypes: ['paper'] })))).toHaveLength(1);
    expect(await asX(() => db.transaction((tx) => index.search(tx, 'Fußgängerüberweg', { publicOnly: true, entityTypes: ['meeting'] })))).toEqual([]);

    // Timestamps are the database's: re-indexing unchanged text keeps updated_at, a change moves it.
    const stamps = () =>
      admin.query<{ created_at: Date; updated_at: Date }>('SELECT created_at, updated_at FROM search_documents WHERE tenant_id = $1 AND entity_id = $2', [x.id, paper]).then((r) => r.rows[0]!);
    const before = await stamps();
    await asX(() => db.transaction((tx) => index.upsert(tx, { entityType: 'paper', entityId: paper, public: true, title: 'Antrag Fußgängerüberweg', body: 'Querungshilfe' })));
    expect(await stamps()).toEqual(before);
    await asX(() => db.transaction((tx) => index.upsert(tx, { entityType: 'paper', entityId: paper, public: true, title: 'Antrag Fußgängerüberweg', body: 'Querungshilfe, geändert' })));
    const after = await stamps();
    expect(after.created_at).toEqual(before.created_at);
    expect(after.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());

    await asX(() => db.transaction((tx) => index.remove(tx, 'paper', paper)));
    expect(await asX(() => db.transaction((tx) => index.search(tx, 'Fußgängerüberweg', { publicOnly: false })))).toEqual([]);
  });
});

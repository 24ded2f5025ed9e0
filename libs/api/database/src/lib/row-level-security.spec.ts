import { asTenant, connect, createTenantWithRows, deleteTenant, insertRow, pgErrorCode, tenantRowBuilders, testEnv } from '@ratsinfo/api-testing';
import type { Client } from 'pg';

/**
 * Tenant isolation, proven in PostgreSQL itself as the application role: these tests bypass
 * all application code, so they hold even when a query in the app forgets its tenant filter.
 */
const RLS_VIOLATION = '42501';
const FK_VIOLATION = '23503';
/** The same SQLSTATE as an RLS violation, for a statement the role has no privilege for at all. */
const INSUFFICIENT_PRIVILEGE = '42501';

let app: Client;
let owner: Client;
let admin: Client;
let tenantTables: string[];
let a: Awaited<ReturnType<typeof createTenantWithRows>>;
let b: Awaited<ReturnType<typeof createTenantWithRows>>;

beforeAll(async () => {
  const env = testEnv();
  [app, owner, admin] = await Promise.all([connect(env.databaseUrl), connect(env.ownerUrl), connect(env.adminUrl)]);
  const { rows } = await admin.query<{ table_name: string }>(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
      ORDER BY 1`,
  );
  tenantTables = rows.map((r) => r.table_name);
  a = await createTenantWithRows(owner, 'a');
  b = await createTenantWithRows(owner, 'b');
});

afterAll(async () => {
  await deleteTenant(owner, a.id);
  await deleteTenant(owner, b.id);
  await Promise.all([app.end(), owner.end(), admin.end()]);
});

describe('the catalog', () => {
  it('lists the tenant tables of the council domain', () => {
    expect(tenantTables).toEqual(expect.arrayContaining(['organizations', 'persons', 'memberships', 'meetings', 'agenda_items']));
  });

  it('has forced row-level security and a tenant policy on every table with a tenant_id column', async () => {
    const { rows } = await admin.query<{ relname: string; rls: boolean; forced: boolean; policies: { cmd: string; qual: string | null; check: string | null }[] }>(
      `SELECT c.relname, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
              coalesce(json_agg(json_build_object('cmd', p.polcmd, 'qual', pg_get_expr(p.polqual, p.polrelid), 'check', pg_get_expr(p.polwithcheck, p.polrelid)))
                FILTER (WHERE p.oid IS NOT NULL), '[]') AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_policy p ON p.polrelid = c.oid
        WHERE n.nspname = 'public' AND c.relname = ANY($1)
        GROUP BY c.relname, c.relrowsecurity, c.relforcerowsecurity`,
      [tenantTables],
    );
    expect(rows).toHaveLength(tenantTables.length);
    for (const r of rows) {
      expect({ table: r.relname, rls: r.rls, forced: r.forced }).toEqual({ table: r.relname, rls: true, forced: true });
      const all = r.policies.find((p) => p.cmd === '*');
      expect({ table: r.relname, qual: all?.qual, check: all?.check }).toEqual({
        table: r.relname,
        qual: '(tenant_id = app_current_tenant())',
        check: '(tenant_id = app_current_tenant())',
      });
    }
  });

  it('has a row builder for every tenant table, so every table is covered below', () => {
    expect(tenantTables.filter((t) => !tenantRowBuilders[t])).toEqual([]);
  });

  it('has composite (tenant_id, …) foreign keys between tenant tables', async () => {
    const { rows } = await admin.query<{ table: string; ref: string; cols: string[] }>(
      `SELECT cl.relname AS table, rf.relname AS ref,
              array(SELECT a.attname::text FROM unnest(co.conkey) k JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k ORDER BY a.attname) AS cols
         FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_class rf ON rf.oid = co.confrelid
        WHERE co.contype = 'f' AND cl.relname = ANY($1) AND rf.relname = ANY($1)`,
      [tenantTables],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect({ fk: `${r.table} -> ${r.ref}`, hasTenant: r.cols.includes('tenant_id') }).toEqual({ fk: `${r.table} -> ${r.ref}`, hasTenant: true });
  });
});

describe('the application role', () => {
  it('is neither superuser nor allowed to bypass row-level security', async () => {
    const { rows } = await app.query('SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user');
    expect(rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false });
  });

  it('owns no table, schema, function or database and is no member of the owner role', async () => {
    const { rows } = await app.query(
      `SELECT (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid) AS relations,
              (SELECT count(*)::int FROM pg_namespace WHERE nspowner = r.oid) AS schemas,
              (SELECT count(*)::int FROM pg_proc WHERE proowner = r.oid) AS functions,
              (SELECT count(*)::int FROM pg_database WHERE datdba = r.oid) AS databases,
              (SELECT count(*)::int FROM pg_auth_members WHERE member = r.oid) AS memberships
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows[0]).toEqual({ relations: 0, schemas: 0, functions: 0, databases: 0, memberships: 0 });
  });

  it('can only append to the audit log, never change or delete it', async () => {
    expect(await pgErrorCode(asTenant(app, a.id, () => app.query(`UPDATE audit_events SET action = 'x'`)))).toBe(RLS_VIOLATION);
    expect(await pgErrorCode(asTenant(app, a.id, () => app.query(`DELETE FROM audit_events`)))).toBe(RLS_VIOLATION);
    expect(await pgErrorCode(app.query(`DELETE FROM cooperative_audit_events`))).toBe(RLS_VIOLATION);
  });
});

describe.each(Object.keys(tenantRowBuilders))('table %s', (table) => {
  it('shows a tenant only its own rows, even to a query without any tenant filter', async () => {
    const truth = await admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE tenant_id = $1`, [a.id]);
    const seen = await asTenant(app, a.id, () => app.query<{ tenant_id: string }>(`SELECT tenant_id FROM "${table}"`));
    expect(seen.rows.length).toBe(truth.rows[0]!.n);
    expect(new Set(seen.rows.map((r) => r.tenant_id))).toEqual(new Set([a.id]));
  });

  it("does not find another tenant's row by its id", async () => {
    const seen = await asTenant(app, a.id, () => app.query(`SELECT 1 FROM "${table}" WHERE id = $1`, [b.graph[table]]));
    expect(seen.rowCount).toBe(0);
  });

  it("refuses to insert a row carrying another tenant's id", async () => {
    const code = await pgErrorCode(asTenant(app, a.id, () => insertRow(app, table, b.id, b.graph)));
    expect(code).toBe(RLS_VIOLATION);
  });

  it('refuses to move a row to another tenant', async () => {
    const code = await pgErrorCode(asTenant(app, a.id, () => app.query(`UPDATE "${table}" SET tenant_id = $1 WHERE id = $2`, [b.id, a.graph[table]])));
    expect(code).toBe(RLS_VIOLATION);
  });

  it("cannot update or delete another tenant's rows", async () => {
    const { rows: priv } = await app.query<{ upd: boolean; del: boolean }>(
      `SELECT has_table_privilege($1, 'UPDATE') AS upd, has_table_privilege($1, 'DELETE') AS del`,
      [table],
    );
    // Where the role has the privilege, RLS must hide the row (0 rows touched); where it has
    // not, PostgreSQL must refuse the statement. Either way the attempt is made and checked.
    const update = asTenant(app, a.id, () => app.query(`UPDATE "${table}" SET tenant_id = tenant_id WHERE id = $1`, [b.graph[table]]));
    if (priv[0]!.upd) expect((await update).rowCount).toBe(0);
    else expect(await pgErrorCode(update)).toBe(INSUFFICIENT_PRIVILEGE);
    const del = asTenant(app, a.id, () => app.query(`DELETE FROM "${table}" WHERE tenant_id = $1`, [b.id]));
    if (priv[0]!.del) expect((await del).rowCount).toBe(0);
    else expect(await pgErrorCode(del)).toBe(INSUFFICIENT_PRIVILEGE);
    const still = await admin.query(`SELECT 1 FROM "${table}" WHERE id = $1`, [b.graph[table]]);
    expect(still.rowCount).toBe(1);
  });

  it('reads nothing and writes nothing when no tenant is set', async () => {
    const seen = await asTenant(app, null, () => app.query(`SELECT 1 FROM "${table}"`));
    expect(seen.rowCount).toBe(0);
    expect(await pgErrorCode(asTenant(app, null, () => insertRow(app, table, a.id, a.graph)))).toBe(RLS_VIOLATION);
  });

  it('forgets the tenant when its transaction ends (pooled connections start clean)', async () => {
    await asTenant(app, a.id, () => app.query(`SELECT 1 FROM "${table}"`));
    const after = await app.query(`SELECT 1 FROM "${table}"`);
    expect(after.rowCount).toBe(0);
  });
});

describe('composite foreign keys', () => {
  it("refuse a membership of one tenant pointing at another tenant's person", async () => {
    const graph = { ...a.graph, persons: b.graph['persons']! };
    expect(await pgErrorCode(asTenant(app, a.id, () => insertRow(app, 'memberships', a.id, graph)))).toBe(FK_VIOLATION);
  });

  it("refuse an agenda item of one tenant in another tenant's meeting", async () => {
    const graph = { ...a.graph, meetings: b.graph['meetings']! };
    expect(await pgErrorCode(asTenant(app, a.id, () => insertRow(app, 'agenda_items', a.id, graph)))).toBe(FK_VIOLATION);
  });
});

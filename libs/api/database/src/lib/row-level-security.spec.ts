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
    const { rows } = await admin.query<{ relname: string; rls: boolean; forced: boolean; policies: { name: string; cmd: string; qual: string | null; check: string | null }[] }>(
      `SELECT c.relname, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
              coalesce(json_agg(json_build_object('name', p.polname, 'cmd', p.polcmd, 'qual', pg_get_expr(p.polqual, p.polrelid), 'check', pg_get_expr(p.polwithcheck, p.polrelid)))
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
      const all = r.policies.find((p) => p.cmd === '*' && p.name === 'tenant_isolation');
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

/** Private to one account besides the tenant (policy owner_only): covered on their own below. */
const ACCOUNT_PRIVATE = ['annotations'];

describe.each(Object.keys(tenantRowBuilders).filter((t) => !ACCOUNT_PRIVATE.includes(t)))('table %s', (table) => {
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

describe('annotations: private to the account that wrote them', () => {
  const asAccount = async <T>(c: Client, tenantId: string, accountId: string | null, fn: () => Promise<T>): Promise<T> => {
    await c.query('BEGIN');
    try {
      await c.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.account_id', $2, true)`, [tenantId, accountId ?? '']);
      const r = await fn();
      await c.query('COMMIT');
      return r;
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    }
  };

  it('has a restrictive owner policy beside the tenant policy', async () => {
    const { rows } = await admin.query<{ name: string; permissive: boolean; qual: string }>(
      `SELECT polname AS name, polpermissive AS permissive, pg_get_expr(polqual, polrelid) AS qual FROM pg_policy WHERE polrelid = 'annotations'::regclass ORDER BY polname`,
    );
    expect(rows).toEqual([
      { name: 'owner_only', permissive: false, qual: '(account_id = app_current_account())' },
      { name: 'tenant_isolation', permissive: true, qual: '(tenant_id = app_current_tenant())' },
    ]);
  });

  it('shows the author their annotation and nobody else of the tenant, nor anyone without an account', async () => {
    const own = await asAccount(app, a.id, a.graph['user_accounts']!, () => app.query('SELECT id FROM annotations'));
    expect(own.rows.map((r) => r.id)).toEqual([a.graph['annotations']]);
    const other = await admin.query<{ id: string }>(
      `INSERT INTO user_accounts (tenant_id, display_name, email) VALUES ($1, 'Andere Person', $2) RETURNING id`,
      [a.id, `andere-${a.id.slice(0, 8)}@example.org`],
    );
    const seenByOther = await asAccount(app, a.id, other.rows[0]!.id, () => app.query('SELECT id FROM annotations'));
    expect(seenByOther.rowCount).toBe(0);
    const seenWithout = await asAccount(app, a.id, null, () => app.query('SELECT id FROM annotations'));
    expect(seenWithout.rowCount).toBe(0);
  });

  it("refuses to write an annotation in another account's name, or to change or delete another's", async () => {
    const other = await admin.query<{ id: string }>(
      `INSERT INTO user_accounts (tenant_id, display_name, email) VALUES ($1, 'Dritte Person', $2) RETURNING id`,
      [a.id, `dritte-${a.id.slice(0, 8)}@example.org`],
    );
    const insert = asAccount(app, a.id, other.rows[0]!.id, () =>
      app.query(`INSERT INTO annotations (tenant_id, account_id, paper_id, text) VALUES ($1, $2, $3, 'fremd')`, [a.id, a.graph['user_accounts'], a.graph['papers']]),
    );
    expect(await pgErrorCode(insert)).toBe(RLS_VIOLATION);
    const upd = await asAccount(app, a.id, other.rows[0]!.id, () => app.query(`UPDATE annotations SET text = 'x' WHERE id = $1`, [a.graph['annotations']]));
    expect(upd.rowCount).toBe(0);
    const del = await asAccount(app, a.id, other.rows[0]!.id, () => app.query(`DELETE FROM annotations WHERE id = $1`, [a.graph['annotations']]));
    expect(del.rowCount).toBe(0);
    // The tenant's own account of another tenant cannot reach it either.
    const cross = await asAccount(app, b.id, a.graph['user_accounts']!, () => app.query('SELECT id FROM annotations'));
    expect(cross.rowCount).toBe(0);
    const still = await admin.query(`SELECT 1 FROM annotations WHERE id = $1 AND text <> 'x'`, [a.graph['annotations']]);
    expect(still.rowCount).toBe(1);
  });
});

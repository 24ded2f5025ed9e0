import { asTenant, connect, createTenantWithRows, deleteTenant, pgErrorCode, testEnv, fixtureAgs } from '@ratsinfo/api-testing';
import { randomUUID } from 'node:crypto';
import type { Client, Notification } from 'pg';

/**
 * The database side of issue 6, proven as the application role with plain SQL (no app code):
 * the tenant registry is read-only for the app and changes only through the lifecycle
 * functions; e-mail addresses have one stored form; created/modified and the public-data
 * version are maintained by the database for every write.
 */
const INSUFFICIENT_PRIVILEGE = '42501';
const CHECK_VIOLATION = '23514';
const NOT_IN_PREREQUISITE_STATE = '55000';
const INVALID_PARAMETER = '22023';
const UNIQUE_VIOLATION = '23505';

let app: Client;
let owner: Client;
let a: Awaited<ReturnType<typeof createTenantWithRows>>;
let b: Awaited<ReturnType<typeof createTenantWithRows>>;

beforeAll(async () => {
  const env = testEnv();
  [app, owner] = await Promise.all([connect(env.databaseUrl), connect(env.ownerUrl)]);
  a = await createTenantWithRows(owner, 'pia');
  b = await createTenantWithRows(owner, 'pib');
});

afterAll(async () => {
  await deleteTenant(owner, a.id);
  await deleteTenant(owner, b.id);
  await Promise.all([app.end(), owner.end()]);
});

async function tenantRow(id: string) {
  const { rows } = await owner.query<{ status: string; slug: string; version: string; last_export_at: Date | null; member_visibility: string }>(
    'SELECT status, slug, public_data_version::text AS version, last_export_at, member_visibility FROM tenants WHERE id = $1',
    [id],
  );
  return rows[0];
}

async function register(c: Client, slug: string, ags = fixtureAgs()): Promise<string> {
  const { rows } = await c.query<{ id: string }>(
    `SELECT app_tenant_register($1, $2, 'municipality', $3, 7, NULL, NULL, false, NULL, $1, '{}'::jsonb) AS id`,
    [slug, `Gemeinde ${slug}`, ags],
  );
  return rows[0]!.id;
}

describe('the tenant registry, as the application role', () => {
  it('can be read', async () => {
    const { rows } = await app.query('SELECT id FROM tenants WHERE id = $1', [a.id]);
    expect(rows).toHaveLength(1);
  });

  it('cannot be inserted into, updated, deleted from or truncated directly', async () => {
    expect(await pgErrorCode(app.query(`INSERT INTO tenants (slug, name, kind, ags) VALUES ('evil', 'Evil', 'town', $1)`, [fixtureAgs()]))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await pgErrorCode(app.query(`UPDATE tenants SET name = 'x' WHERE id = $1`, [a.id]))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await pgErrorCode(app.query(`DELETE FROM tenants WHERE id = $1`, [a.id]))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await pgErrorCode(app.query(`TRUNCATE tenants CASCADE`))).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await tenantRow(a.id)).toMatchObject({ status: 'active' });
  });

  it('registers a new authority only in state provisioning, and one per AGS', async () => {
    const ags = fixtureAgs();
    const slug = `reg-${randomUUID().slice(0, 8)}`;
    const id = await register(app, slug, ags);
    try {
      expect(await tenantRow(id)).toMatchObject({ status: 'provisioning', slug });
      expect(await pgErrorCode(register(app, `reg-${randomUUID().slice(0, 8)}`, ags))).toBe(UNIQUE_VIOLATION);
      expect(await pgErrorCode(register(app, slug))).toBe(UNIQUE_VIOLATION);
    } finally {
      await owner.query('DELETE FROM tenants WHERE id = $1', [id]);
    }
  });

  it('moves the status only along provisioning → active ⇄ suspended', async () => {
    const id = await register(app, `st-${randomUUID().slice(0, 8)}`);
    const set = (s: string) => app.query('SELECT app_tenant_set_status($1, $2::tenant_status) AS before', [id, s]);
    try {
      expect(await pgErrorCode(set('suspended'))).toBe(NOT_IN_PREREQUISITE_STATE);
      expect((await set('active')).rows[0].before).toBe('provisioning');
      expect(await pgErrorCode(set('provisioning'))).toBe(NOT_IN_PREREQUISITE_STATE);
      expect((await set('suspended')).rows[0].before).toBe('active');
      expect((await set('active')).rows[0].before).toBe('suspended');
      expect((await set('active')).rows[0].before).toBe('active');
      expect(await pgErrorCode(app.query('SELECT app_tenant_set_status($1, $2)', [randomUUID(), 'active']))).toBe(INVALID_PARAMETER);
    } finally {
      await owner.query('DELETE FROM tenants WHERE id = $1', [id]);
    }
  });

  it('deletes an authority only when suspended, exported and named by its slug, and then every row goes', async () => {
    const t = await createTenantWithRows(owner, 'del');
    const del = (slug: string) => app.query('SELECT app_tenant_delete($1, $2)', [t.id, slug]);
    expect(await pgErrorCode(del(t.slug))).toBe(NOT_IN_PREREQUISITE_STATE); // active
    await app.query(`SELECT app_tenant_set_status($1, 'suspended')`, [t.id]);
    expect(await pgErrorCode(del(t.slug))).toBe(NOT_IN_PREREQUISITE_STATE); // not exported
    await app.query('SELECT app_tenant_mark_exported($1)', [t.id]);
    expect(await pgErrorCode(del(`${t.slug}x`))).toBe(INVALID_PARAMETER);
    expect(await pgErrorCode(del('%'))).toBe(INVALID_PARAMETER);
    expect(await tenantRow(t.id)).toMatchObject({ status: 'suspended' });
    await del(t.slug);
    expect(await tenantRow(t.id)).toBeUndefined();
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [t.id]);
    const { rows } = await owner.query<{ n: number }>('SELECT (SELECT count(*) FROM persons) + (SELECT count(*) FROM meetings) + (SELECT count(*) FROM user_accounts) AS n');
    await owner.query('COMMIT');
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it('lets a tenant change only its own member visibility setting', async () => {
    await asTenant(app, a.id, () => app.query(`SELECT app_tenant_set_member_visibility('all-bodies')`), true);
    expect(await tenantRow(a.id)).toMatchObject({ member_visibility: 'all-bodies' });
    expect(await tenantRow(b.id)).toMatchObject({ member_visibility: 'own-bodies' });
    expect(await pgErrorCode(app.query(`SELECT app_tenant_set_member_visibility('all-bodies')`))).toBe(NOT_IN_PREREQUISITE_STATE);
    await asTenant(app, a.id, () => app.query(`SELECT app_tenant_set_member_visibility('own-bodies')`), true);
  });
});

describe('e-mail addresses of accounts', () => {
  it('are stored only in their normalized form (trimmed, lower case)', async () => {
    const insert = (email: string) =>
      asTenant(app, a.id, () => app.query(`INSERT INTO user_accounts (tenant_id, email, display_name, roles) VALUES ($1, $2, 'X', '{member}')`, [a.id, email]));
    expect(await pgErrorCode(insert('Erika@Example.org'))).toBe(CHECK_VIOLATION);
    expect(await pgErrorCode(insert(' erika@example.org'))).toBe(CHECK_VIOLATION);
    expect(await pgErrorCode(insert('not-an-address'))).toBe(CHECK_VIOLATION);
    expect(await pgErrorCode(insert(`${randomUUID()}@example.org`))).toBeUndefined();
  });
});

describe('created and modified', () => {
  it('are set by the database on insert, whatever the client sends', async () => {
    const row = await asTenant(app, a.id, async () => {
      await app.query(`INSERT INTO persons (tenant_id, family_name, given_name, created_at, updated_at) VALUES ($1, 'Alt', 'Anna', '1999-01-01', '1999-01-01')`, [a.id]);
      return (await app.query<{ created_at: Date; updated_at: Date; now: Date }>(`SELECT created_at, updated_at, now() AS now FROM persons WHERE family_name = 'Alt'`)).rows[0]!;
    });
    // timestamptz(3): the database's now(), rounded to milliseconds; never the client's 1999.
    expect(Math.abs(row.created_at.getTime() - row.now.getTime())).toBeLessThanOrEqual(1);
    expect(row.updated_at).toEqual(row.created_at);
  });

  it('keep created forever and move modified on every real change, also from raw SQL', async () => {
    const id = a.graph['persons']!;
    const read = async () =>
      (await asTenant(owner, a.id, () => owner.query<{ created_at: Date; updated_at: Date }>('SELECT created_at, updated_at FROM persons WHERE id = $1', [id]))).rows[0]!;
    const before = await read();
    await new Promise((r) => setTimeout(r, 20));
    await asTenant(app, a.id, () => app.query(`UPDATE persons SET given_name = given_name || 'x', created_at = '2000-01-01' WHERE id = $1`, [id]), true);
    const after = await read();
    expect(after.created_at).toEqual(before.created_at);
    expect(after.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());
    await asTenant(app, a.id, () => app.query(`UPDATE persons SET given_name = given_name, updated_at = '2000-01-01' WHERE id = $1`, [id]), true);
    const unchanged = await read();
    expect(unchanged.updated_at).toEqual(after.updated_at);
  });

  it('are indexed by (tenant_id, updated_at, id) on every council table', async () => {
    const { rows } = await owner.query<{ tablename: string }>(
      `SELECT tablename FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE '%(tenant_id, updated_at, id)%' ORDER BY 1`,
    );
    expect(rows.map((r) => r.tablename)).toEqual(expect.arrayContaining(['agenda_items', 'meetings', 'memberships', 'organizations', 'persons']));
  });
});

describe('the public-data version', () => {
  const version = async (id: string) => BigInt((await tenantRow(id))!.version);

  it('moves once per transaction that changes the tenant’s data, and only for that tenant', async () => {
    const [a0, b0] = [await version(a.id), await version(b.id)];
    await asTenant(
      app,
      a.id,
      async () => {
        await app.query(`UPDATE meetings SET name = name || '.' WHERE id = $1`, [a.graph['meetings']]);
        await app.query(`INSERT INTO persons (tenant_id, family_name, given_name) VALUES ($1, 'Neu', 'Nina'), ($1, 'Neu', 'Nils')`, [a.id]);
      },
      true,
    );
    expect(await version(a.id)).toBe(a0 + 1n);
    expect(await version(b.id)).toBe(b0);
  });

  it('does not move when the transaction rolls back', async () => {
    const a0 = await version(a.id);
    await asTenant(app, a.id, () => app.query(`UPDATE meetings SET name = name || '.' WHERE id = $1`, [a.graph['meetings']]));
    expect(await version(a.id)).toBe(a0);
  });

  it('moves when the tenant’s own public fields change', async () => {
    const a0 = await version(a.id);
    await owner.query(`UPDATE tenants SET name = name || ' ' WHERE id = $1`, [a.id]);
    expect(await version(a.id)).toBe(a0 + 1n);
  });

  it('is announced on commit, with the tenant and the new version', async () => {
    const listener = await connect(testEnv().ownerUrl);
    try {
      const seen: Notification[] = [];
      listener.on('notification', (n) => seen.push(n));
      await listener.query('LISTEN ratsinfo_public_data');
      await asTenant(app, b.id, () => app.query(`UPDATE persons SET given_name = given_name || 'y' WHERE id = $1`, [b.graph['persons']]), true);
      const expected = `${b.id}:${await version(b.id)}`;
      for (let i = 0; i < 100 && !seen.some((n) => n.payload === expected); i++) await new Promise((r) => setTimeout(r, 50));
      expect(seen.map((n) => n.payload)).toContain(expected);
    } finally {
      await listener.end();
    }
  });
});

import { Client } from 'pg';

/**
 * Connections of the throw-away stack that `npm test` (tools/test/run.mts) starts. Tests that
 * need the database fail loudly when run outside it, rather than skipping.
 */
export interface TestEnv {
  /** The application role: no BYPASSRLS, owns nothing. */
  databaseUrl: string;
  /** The migration owner (subject to FORCE RLS too). */
  ownerUrl: string;
  /** Superuser: bypasses RLS; used only to see the truth behind the policies. */
  adminUrl: string;
  redisUrl: string;
  /** The dev IdP (Keycloak URL layout) started by the test stack. */
  authUrl: string;
  /** Secret of the dev IdP's `ratsinfo-tests` client (password grant). */
  idpTestClientSecret: string;
  /** Secret of the Keycloak admin service account (`ratsinfo-provisioner`). */
  provisionerSecret: string;
}

export function testEnv(): TestEnv {
  const need = (name: string) => {
    const v = process.env[name];
    if (!v) throw new Error(`${name} is not set: run the tests with \`npm test\`, which starts PostgreSQL and Redis for them.`);
    return v;
  };
  return {
    databaseUrl: need('DATABASE_URL'),
    ownerUrl: need('DATABASE_OWNER_URL'),
    adminUrl: need('DATABASE_ADMIN_URL'),
    redisUrl: need('REDIS_URL'),
    authUrl: need('AUTH_URL'),
    idpTestClientSecret: need('IDP_TEST_CLIENT_SECRET'),
    provisionerSecret: need('KEYCLOAK_ADMIN_CLIENT_SECRET'),
  };
}

export async function connect(url: string): Promise<Client> {
  const c = new Client({ connectionString: url });
  await c.connect();
  return c;
}

/** Runs `fn` in a transaction that declares `tenantId` as the current tenant, then rolls back unless `commit`. */
export async function asTenant<T>(c: Client, tenantId: string | null, fn: () => Promise<T>, commit = false): Promise<T> {
  await c.query('BEGIN');
  try {
    if (tenantId) await c.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const r = await fn();
    await c.query(commit ? 'COMMIT' : 'ROLLBACK');
    return r;
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  }
}

/** The PostgreSQL error code of a failed promise (e.g. 42501 for an RLS violation). */
export async function pgErrorCode(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    return (e as { code?: string }).code ?? 'no-code';
  }
}

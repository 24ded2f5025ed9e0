/**
 * Creates the two database roles and the database on a server where we hold a superuser
 * (the embedded server of the run and test commands). On a managed PostgreSQL the operator
 * does the same once by hand; see docs/adr/0003-tenancy-rls.md.
 *
 * - the owner role owns the schema and runs migrations;
 * - `ratsinfo_app` owns nothing and has neither SUPERUSER nor BYPASSRLS: the API and worker
 *   connect only as this role, so row-level security always applies to them.
 */
import pg from 'pg';

export const APP_ROLE = 'ratsinfo_app';

export interface DatabaseRoles {
  database: string;
  ownerRole: string;
  ownerPassword: string;
  appPassword: string;
}

export function roleUrl(host: string, port: number, role: string, password: string, database: string): string {
  return `postgresql://${encodeURIComponent(role)}:${encodeURIComponent(password)}@${host}:${port}/${database}`;
}

export async function bootstrapDatabase(adminUrl: string, roles: DatabaseRoles): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const ident = (s: string) => admin.escapeIdentifier(s);
    const lit = (s: string) => admin.escapeLiteral(s);
    await upsertRole(admin, roles.ownerRole, `LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS NOREPLICATION PASSWORD ${lit(roles.ownerPassword)}`);
    await upsertRole(admin, APP_ROLE, `LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS NOREPLICATION NOINHERIT PASSWORD ${lit(roles.appPassword)}`);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [roles.database]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${ident(roles.database)} OWNER ${ident(roles.ownerRole)} ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  const db = new pg.Client({ connectionString: withDatabase(adminUrl, roles.database) });
  await db.connect();
  try {
    const ident = (s: string) => db.escapeIdentifier(s);
    await db.query(`ALTER SCHEMA public OWNER TO ${ident(roles.ownerRole)}`);
    await db.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    await db.query(`GRANT USAGE ON SCHEMA public TO ${ident(APP_ROLE)}`);
    await db.query(`REVOKE ALL ON DATABASE ${ident(roles.database)} FROM PUBLIC`);
    await db.query(`GRANT CONNECT ON DATABASE ${ident(roles.database)} TO ${ident(APP_ROLE)}`);
  } finally {
    await db.end();
  }
}

async function upsertRole(c: pg.Client, role: string, options: string): Promise<void> {
  const { rowCount } = await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  await c.query(`${rowCount ? 'ALTER' : 'CREATE'} ROLE ${c.escapeIdentifier(role)} WITH ${options}`);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

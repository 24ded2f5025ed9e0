/**
 * Demo accounts in the app's database: one user account per demo identity and tenant, with its
 * tenant role, linked to the seeded Person by e-mail. They are stored as invitations (e-mail
 * known, identity not yet): the first sign-in with that verified e-mail binds the identity, as
 * for any invited person. Idempotent per (tenant, e-mail).
 */
import pg from 'pg';
import { DEMO_ACCOUNTS } from './demo-accounts.mts';

export async function seedDemoAccounts(connectionString: string, log: (m: string) => void = () => undefined): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  let inserted = 0;
  try {
    const { rows: tenants } = await client.query<{ id: string; slug: string }>('SELECT id, slug FROM tenants');
    for (const tenant of tenants) {
      const accounts = DEMO_ACCOUNTS.flatMap((a) => a.organizations.filter((o) => o.alias === tenant.slug).map((o) => ({ a, o })));
      if (!accounts.length) continue;
      await client.query('BEGIN');
      try {
        await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
        for (const { a, o } of accounts) {
          const r = await client.query(
            `INSERT INTO user_accounts (tenant_id, email, display_name, roles, person_id)
             VALUES ($1, $2, $3, ARRAY[$4]::tenant_role[],
                     (SELECT id FROM persons WHERE lower(email) = lower($5) AND deleted_at IS NULL LIMIT 1))
             ON CONFLICT (tenant_id, email) DO NOTHING`,
            [tenant.id, a.email.toLowerCase(), `${a.firstName} ${a.lastName}`, o.tenantRole, o.personEmail ?? a.email],
          );
          inserted += r.rowCount ?? 0;
        }
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
    }
  } finally {
    await client.end();
  }
  log(`demo accounts: ${inserted} inserted`);
  return inserted;
}

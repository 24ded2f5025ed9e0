import { Test } from '@nestjs/testing';
import { AuthContext, CoreModule, loadConfig, type Principal, TenantContext } from '@ratsinfo/api-core';
import { DatabaseModule, TenantDatabase } from '@ratsinfo/api-database';
import { connect, createTenantWithRows, deleteTenant, testEnv } from '@ratsinfo/api-testing';
import { decodeCursor } from '@ratsinfo/contracts';
import type { Client } from 'pg';
import { AuditEventsRepository } from './audit-events.repository';
import { AuditLog } from './audit-log';
import { AuditModule } from './audit.module';

/**
 * The audit trail as a worker would use it: only the core, the database and this module, no
 * AccessGuard and no token verification in the container.
 */
describe('AuditLog (without the access module)', () => {
  let owner: Client;
  let admin: Client;
  let tenant: Awaited<ReturnType<typeof createTenantWithRows>>;
  let db: TenantDatabase;
  let audit: AuditLog;
  let context: TenantContext;
  let auth: AuthContext;
  let events: AuditEventsRepository;
  let close: () => Promise<void>;

  const clerk: Principal = {
    issuer: 'https://id.example/realms/ratsinfo',
    subject: 'subject-of-clara',
    username: 'clara',
    email: 'clara@example.org',
    emailVerified: true,
    name: 'Clara Schreiber',
    organizations: [],
    realmRoles: [],
    clientId: 'ratsinfo-web',
  };

  beforeAll(async () => {
    const env = testEnv();
    owner = await connect(env.ownerUrl);
    admin = await connect(env.adminUrl);
    tenant = await createTenantWithRows(owner, 'audit');
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent' })), DatabaseModule, AuditModule],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    db = app.get(TenantDatabase);
    audit = app.get(AuditLog);
    context = app.get(TenantContext);
    auth = app.get(AuthContext);
    events = app.get(AuditEventsRepository);
    close = () => app.close();
  });

  afterAll(async () => {
    await close();
    await deleteTenant(owner, tenant.id);
    await owner.end();
    await admin.end();
  });

  const entries = async (action: string) =>
    (await admin.query<{ tenant_id: string; actor_subject: string | null; actor_name: string | null; acting_role: string | null; entity_id: string | null; changes: unknown }>(
      'SELECT tenant_id, actor_subject, actor_name, acting_role, entity_id, changes FROM audit_events WHERE action = $1 AND tenant_id = $2',
      [action, tenant.id],
    )).rows;

  it('records the caller and the current tenant, in the transaction of the change', async () => {
    await auth.runAs(clerk, () =>
      context.run({ id: tenant.id, slug: tenant.slug }, () =>
        db.transaction((tx) => audit.tenantEvent(tx, { action: 'test.recorded', entityType: 'meeting', entityId: 'm-1', changes: { name: 'Sitzung' } })),
      ),
    );
    expect(await entries('test.recorded')).toEqual([
      { tenant_id: tenant.id, actor_subject: 'subject-of-clara', actor_name: 'Clara Schreiber', acting_role: null, entity_id: 'm-1', changes: { name: 'Sitzung' } },
    ]);
  });

  it('writes nothing when the change it describes is rolled back', async () => {
    await expect(
      context.run({ id: tenant.id, slug: tenant.slug }, () =>
        db.transaction(async (tx) => {
          await audit.tenantEvent(tx, { action: 'test.rolled-back', entityType: 'meeting' });
          throw new Error('the change failed');
        }),
      ),
    ).rejects.toThrow('the change failed');
    expect(await entries('test.rolled-back')).toEqual([]);
  });

  it('leaves the actor empty for work nobody signed in for (a job)', async () => {
    await context.run({ id: tenant.id, slug: tenant.slug }, () => db.transaction((tx) => audit.tenantEvent(tx, { action: 'test.job', entityType: 'meeting' })));
    expect(await entries('test.job')).toEqual([{ tenant_id: tenant.id, actor_subject: null, actor_name: null, acting_role: null, entity_id: null, changes: null }]);
  });

  it('pages the cooperative log by cursor without skipping or repeating events of one instant', async () => {
    // Far in the future, so these five are the newest and fill the first pages whatever else is logged.
    const at = '2990-01-01T00:00:00.000Z';
    const { rows } = await admin.query<{ id: string }>(
      `INSERT INTO cooperative_audit_events (occurred_at, action) SELECT $1, 'test.same-instant' FROM generate_series(1, 5) RETURNING id`,
      [at],
    );
    try {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<AuditEventsRepository['cooperativePage']>> = await events.cooperativePage({ limit: 2, cursor: cursor ? decodeCursor(cursor) ?? undefined : undefined });
        seen.push(...page.rows.filter((r) => r.occurredAt.toISOString() === at).map((r) => r.id));
        cursor = seen.length < 5 ? page.nextCursor : null;
      } while (cursor);
      expect(seen).toEqual(rows.map((r) => r.id).sort().reverse());
    } finally {
      await admin.query('DELETE FROM cooperative_audit_events WHERE occurred_at = $1', [at]);
    }
  });
});

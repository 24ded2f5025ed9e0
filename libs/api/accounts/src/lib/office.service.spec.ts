import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuditModule } from '@ratsinfo/api-audit';
import { ConflictError, CoreModule, loadConfig, TenantContext } from '@ratsinfo/api-core';
import { DatabaseModule } from '@ratsinfo/api-database';
import { IDENTITY_PROVISIONER } from '@ratsinfo/api-identity';
import { connect, createTenantWithRows, deleteTenant, testEnv } from '@ratsinfo/api-testing';
import type { Client } from 'pg';
import { AccountsModule } from './accounts.module';
import { OfficeService } from './office.service';

/**
 * Role changes never reach the identity provider; any call to it here is a bug. (`then` and
 * Nest's lifecycle hooks stay undefined, or the container would take it for a promise or a hook.)
 */
const noIdentityCalls = new Proxy(
  {},
  { get: (_t, name) => (typeof name !== 'string' || name === 'then' || /^(on|before)[A-Z]/.test(name) ? undefined : () => Promise.reject(new Error(`unexpected identity call ${name}`))) },
);

@Global()
@Module({ providers: [{ provide: IDENTITY_PROVISIONER, useValue: noIdentityCalls }], exports: [IDENTITY_PROVISIONER] })
class NoIdentityProvider {}

describe('OfficeService: roles', () => {
  let owner: Client;
  let admin: Client;
  let tenant: Awaited<ReturnType<typeof createTenantWithRows>>;
  let adminAccountId: string;
  let office: OfficeService;
  let context: TenantContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const env = testEnv();
    owner = await connect(env.ownerUrl);
    admin = await connect(env.adminUrl);
    tenant = await createTenantWithRows(owner, 'accounts');
    const { rows } = await admin.query<{ id: string }>(
      `INSERT INTO user_accounts (tenant_id, email, display_name, roles) VALUES ($1, $2, 'Anna Admin', '{tenant-admin}') RETURNING id`,
      [tenant.id, `admin-${tenant.id}@example.org`],
    );
    adminAccountId = rows[0]!.id;
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent' })), DatabaseModule, AuditModule, NoIdentityProvider, AccountsModule],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    office = app.get(OfficeService);
    context = app.get(TenantContext);
    close = () => app.close();
  });

  afterAll(async () => {
    await close();
    await deleteTenant(owner, tenant.id);
    await owner.end();
    await admin.end();
  });

  const asTenant = <T>(fn: () => Promise<T>) => context.run({ id: tenant.id, slug: tenant.slug }, fn);
  const rolesOf = async (id: string) => (await admin.query<{ roles: string }>('SELECT roles::text FROM user_accounts WHERE id = $1', [id])).rows[0]?.roles;
  const roleChanges = async () =>
    (await admin.query<{ entity_id: string; changes: unknown }>(`SELECT entity_id, changes FROM audit_events WHERE tenant_id = $1 AND action = 'user-account.roles-changed' ORDER BY occurred_at, id`, [tenant.id])).rows;

  it('keeps the last tenant admin, and writes no audit entry for the refused change', async () => {
    await expect(asTenant(() => office.setRoles(adminAccountId, ['clerk']))).rejects.toThrow(ConflictError);
    expect(await rolesOf(adminAccountId)).toBe('{tenant-admin}');
    expect(await roleChanges()).toEqual([]);
  });

  it('lets an admin step down once another admin exists, audited with before and after', async () => {
    const memberId = tenant.graph['user_accounts']!;
    const promoted = await asTenant(() => office.setRoles(memberId, ['tenant-admin', 'member', 'tenant-admin']));
    expect(promoted.roles).toEqual(['tenant-admin', 'member']);
    const demoted = await asTenant(() => office.setRoles(adminAccountId, ['clerk']));
    expect(demoted.roles).toEqual(['clerk']);
    expect(await roleChanges()).toEqual([
      { entity_id: memberId, changes: { before: ['member'], after: ['tenant-admin', 'member'] } },
      { entity_id: adminAccountId, changes: { before: ['tenant-admin'], after: ['clerk'] } },
    ]);
  });
});

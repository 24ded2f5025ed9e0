import { Test } from '@nestjs/testing';
import { CoreModule, loadConfig, MissingTenantContextError, TenantContext } from '@ratsinfo/api-core';
import { connect, createTenantWithRows, deleteTenant, testEnv } from '@ratsinfo/api-testing';
import type { Client } from 'pg';
import { CooperativeDatabase } from './cooperative-database';
import { DatabaseModule } from './database.module';
import { TenantDatabase } from './tenant-database';

describe('TenantDatabase (Prisma as the application role)', () => {
  let owner: Client;
  let db: TenantDatabase;
  let coop: CooperativeDatabase;
  let context: TenantContext;
  let close: () => Promise<void>;
  let a: Awaited<ReturnType<typeof createTenantWithRows>>;
  let b: Awaited<ReturnType<typeof createTenantWithRows>>;

  beforeAll(async () => {
    const env = testEnv();
    owner = await connect(env.ownerUrl);
    a = await createTenantWithRows(owner, 'pa');
    b = await createTenantWithRows(owner, 'pb');
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent' })), DatabaseModule],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    db = app.get(TenantDatabase);
    coop = app.get(CooperativeDatabase);
    context = app.get(TenantContext);
    close = () => app.close();
  });

  afterAll(async () => {
    await close();
    await deleteTenant(owner, a.id);
    await deleteTenant(owner, b.id);
    await owner.end();
  });

  const asA = <T>(fn: () => Promise<T>) => context.run({ id: a.id, slug: a.slug }, fn);

  it('reads only the current tenant, though the query has no tenant filter', async () => {
    const meetings = await asA(() => db.transaction((tx) => tx.meeting.findMany()));
    expect(meetings.length).toBeGreaterThan(0);
    expect(new Set(meetings.map((m) => m.tenantId))).toEqual(new Set([a.id]));
  });

  it("does not find another tenant's meeting by id", async () => {
    const found = await asA(() => db.transaction((tx) => tx.meeting.findUnique({ where: { id: b.graph['meetings']! } })));
    expect(found).toBeNull();
  });

  it("refuses to create a row with another tenant's id and writes nothing", async () => {
    await expect(
      asA(() => db.transaction((tx) => tx.organization.create({ data: { tenantId: b.id, name: 'Eingeschleust', organizationType: 'committee' } }))),
    ).rejects.toThrow(/row-level security policy/);
    const { rowCount } = await owner.query(`SELECT 1 FROM organizations WHERE name = 'Eingeschleust'`);
    expect(rowCount).toBe(0);
  });

  it('rolls back every write of a transaction that fails half-way', async () => {
    await expect(
      asA(() =>
        db.transaction(async (tx) => {
          await tx.organization.create({ data: { tenantId: a.id, name: 'Halb geschrieben', organizationType: 'committee' } });
          throw new Error('boom');
        }),
      ),
    ).rejects.toThrow('boom');
    const { rowCount } = await owner.query(`SELECT 1 FROM organizations WHERE name = 'Halb geschrieben'`);
    expect(rowCount).toBe(0);
  });

  it('refuses to run without a tenant in the context', async () => {
    expect(() => db.transaction((tx) => tx.meeting.findMany())).toThrow(MissingTenantContextError);
  });

  it('keeps cooperative-level access blind to tenant rows', async () => {
    const client = (coop as unknown as { prisma: { client: { meeting: { count(): Promise<number> } } } }).prisma.client;
    expect(await client.meeting.count()).toBe(0);
    expect(await coop.tenants.count({ where: { id: { in: [a.id, b.id] } } })).toBe(2);
  });
});

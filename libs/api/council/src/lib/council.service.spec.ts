import { Test } from '@nestjs/testing';
import { CoreModule, loadConfig, NotFoundError, TenantContext } from '@ratsinfo/api-core';
import { DatabaseModule } from '@ratsinfo/api-database';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { connect, createTenantWithRows, deleteTenant, testEnv } from '@ratsinfo/api-testing';
import type { Client } from 'pg';
import { randomUUID } from 'node:crypto';
import { CouncilService } from './council.service';
import { PortalRepository } from './portal.repository';

/** The council read rules against the real database: Berlin calendar days, the public agenda. */
describe('CouncilService', () => {
  let owner: Client;
  let admin: Client;
  let tenant: Awaited<ReturnType<typeof createTenantWithRows>>;
  let council: CouncilService;
  let context: TenantContext;
  let close: () => Promise<void>;
  const meeting = { lateOnLastDay: '', firstOfNextDay: '', withClosedItem: '' };

  async function insertMeeting(name: string, start: string): Promise<string> {
    const id = randomUUID();
    await admin.query(`INSERT INTO meetings (id, tenant_id, organization_id, name, start) VALUES ($1, $2, $3, $4, $5)`, [id, tenant.id, tenant.graph['organizations'], name, start]);
    return id;
  }

  beforeAll(async () => {
    const env = testEnv();
    owner = await connect(env.ownerUrl);
    admin = await connect(env.adminUrl);
    tenant = await createTenantWithRows(owner, 'council');
    // 30 June 2031 is summer time: the Berlin day ends at 22:00 UTC
    meeting.lateOnLastDay = await insertMeeting('Spät am letzten Tag', '2031-06-30T21:30:00Z');
    meeting.firstOfNextDay = await insertMeeting('Erster des Folgetags', '2031-06-30T22:00:00Z');
    meeting.withClosedItem = await insertMeeting('Mit nichtöffentlichem Teil', '2031-06-15T16:00:00Z');
    await admin.query(
      `INSERT INTO agenda_items (tenant_id, meeting_id, "order", name, public) VALUES ($1, $2, 1, 'Eröffnung', true), ($1, $2, 2, 'Grundstücksangelegenheit', false)`,
      [tenant.id, meeting.withClosedItem],
    );
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent' })), DatabaseModule, TenancyModule],
      providers: [CouncilService, PortalRepository],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    council = app.get(CouncilService);
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

  it('includes the whole Berlin day of `to`, and nothing of the day after', async () => {
    const ids = (await asTenant(() => council.meetings({ from: '2031-06-30', to: '2031-06-30' }))).map((m) => m.id);
    expect(ids).toEqual([meeting.lateOnLastDay]);
    const next = (await asTenant(() => council.meetings({ from: '2031-07-01', to: '2031-07-01' }))).map((m) => m.id);
    expect(next).toEqual([meeting.firstOfNextDay]);
  });

  it('without `to`, lists 90 days from `from`', async () => {
    const ids = (await asTenant(() => council.meetings({ from: '2031-04-01' }))).map((m) => m.id);
    expect(ids).toEqual([meeting.withClosedItem, meeting.lateOnLastDay]);
  });

  it('shows the public only the public agenda items', async () => {
    const pub = await asTenant(() => council.publicMeeting(meeting.withClosedItem));
    expect(pub.agendaItems.map((a) => a.name)).toEqual(['Eröffnung']);
  });

  it('answers not found for a meeting that does not exist here', async () => {
    await expect(asTenant(() => council.publicMeeting(randomUUID()))).rejects.toThrow(NotFoundError);
  });
});

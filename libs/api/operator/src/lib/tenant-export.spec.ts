import { Test } from '@nestjs/testing';
import { CoreModule, loadConfig } from '@ratsinfo/api-core';
import { DatabaseModule, type Tenant } from '@ratsinfo/api-database';
import { connect, createTenantWithRows, deleteTenant, testEnv } from '@ratsinfo/api-testing';
import { strFromU8, unzipSync } from 'fflate';
import type { Client } from 'pg';
import { TenantExporter } from './tenant-export';
import { TenantExportRepository } from './tenant-export.repository';

/** The export against a real database: complete, OParl-shaped, internally consistent, one tenant only. */
describe('TenantExporter', () => {
  let owner: Client;
  let exporter: TenantExporter;
  let close: () => Promise<void>;
  let a: Awaited<ReturnType<typeof createTenantWithRows>>;
  let b: Awaited<ReturnType<typeof createTenantWithRows>>;

  beforeAll(async () => {
    const env = testEnv();
    owner = await connect(env.ownerUrl);
    a = await createTenantWithRows(owner, 'exa');
    b = await createTenantWithRows(owner, 'exb');
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'https://ratsinfo.example' })), DatabaseModule],
      providers: [TenantExporter, TenantExportRepository],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    exporter = app.get(TenantExporter);
    close = () => app.close();
  });

  afterAll(async () => {
    await close();
    await deleteTenant(owner, a.id);
    await deleteTenant(owner, b.id);
    await owner.end();
  });

  async function exportOf(t: { id: string; slug: string }) {
    const { rows } = await owner.query('SELECT * FROM tenants WHERE id = $1', [t.id]);
    const r = rows[0];
    const tenant = { id: r.id, slug: r.slug, name: r.name, kind: r.kind, ags: r.ags, createdAt: r.created_at, updatedAt: r.updated_at } as Tenant;
    const result = await exporter.export(tenant, new Date('2026-11-28T12:00:00Z'));
    const files = unzipSync(result.zip);
    const json = (name: string) => JSON.parse(strFromU8(files[name] ?? new Uint8Array()));
    return { result, files, json };
  }

  it('writes one OParl-typed file per object type, and a manifest with counts', async () => {
    const { result, files, json } = await exportOf(a);
    expect(result.filename).toBe(`ratsinfo-export-${a.slug}-2026-11-28.zip`);
    expect(Object.keys(files).sort()).toEqual([
      'agenda-items.json',
      'body.json',
      'manifest.json',
      'meetings.json',
      'memberships.json',
      'organizations.json',
      'persons.json',
      'ratsinfo/audit-events.json',
      'ratsinfo/support-access-grants.json',
      'ratsinfo/user-accounts.json',
    ]);
    expect(json('body.json')).toMatchObject({ id: `https://ratsinfo.example/oparl/v1.1/bodies/${a.slug}`, type: 'https://schema.oparl.org/1.1/Body' });
    expect(json('manifest.json')).toMatchObject({ format: 'ratsinfo-tenant-export', version: 1, tenant: { slug: a.slug }, counts: { organizations: 1, meetings: 1, agendaItems: 1, auditEvents: 1 } });
  });

  it('keeps references inside the export (membership → person, meeting → agenda items)', async () => {
    const { json } = await exportOf(a);
    const persons = json('persons.json').map((p: { id: string }) => p.id);
    const memberships: { person: string }[] = json('memberships.json');
    // the fixture has one of each: an empty file would let the reference checks pass vacuously
    expect(memberships).toHaveLength(1);
    expect(memberships.map((m) => m.person)).toEqual(persons);
    const items = json('agenda-items.json').map((i: { id: string }) => i.id);
    // OParl 1.1 embeds the agenda in the meeting (Meeting.agendaItem: array of AgendaItem objects)
    const meetings: { agendaItem: { id: string; meeting: string }[]; id: string }[] = json('meetings.json');
    expect(meetings).toHaveLength(1);
    expect(items).toHaveLength(1);
    expect(meetings[0]!.agendaItem.map((i) => i.id)).toEqual(items);
    expect(meetings[0]!.agendaItem.map((i) => i.meeting)).toEqual([meetings[0]!.id]);
  });

  it("contains nothing of another tenant", async () => {
    const { files } = await exportOf(a);
    const all = Object.values(files).map((f) => strFromU8(f)).join('\n');
    for (const id of Object.values(b.graph)) expect(all).not.toContain(id);
    expect(all).not.toContain(b.id);
  });
});

import { Test } from '@nestjs/testing';
import { CoreModule, loadConfig } from '@ratsinfo/api-core';
import { DatabaseModule, type Tenant } from '@ratsinfo/api-database';
import { asTenant, connect, createTenantWithRows, deleteTenant, testEnv } from '@ratsinfo/api-testing';
import { strFromU8, unzipSync } from 'fflate';
import type { Client } from 'pg';
import { FileStorage, LocalFolderStorage } from '@ratsinfo/api-files';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { TenantExporter } from './tenant-export';
import { TenantExportRepository } from './tenant-export.repository';
import { ZipStream } from './zip-stream';

/** The export against a real database: complete, OParl-shaped, internally consistent, one tenant only. */
describe('TenantExporter', () => {
  let owner: Client;
  let storage: FileStorage;
  let dir: string;
  const bytes = new TextEncoder().encode('%PDF-1.4 Vorlage');
  let exporter: TenantExporter;
  let close: () => Promise<void>;
  let a: Awaited<ReturnType<typeof createTenantWithRows>>;
  let b: Awaited<ReturnType<typeof createTenantWithRows>>;

  beforeAll(async () => {
    const env = testEnv();
    owner = await connect(env.ownerUrl);
    a = await createTenantWithRows(owner, 'exa');
    b = await createTenantWithRows(owner, 'exb');
    dir = await mkdtemp(join(tmpdir(), 'export-spec-'));
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'https://ratsinfo.example', FILE_STORAGE_DIR: dir })), DatabaseModule],
      providers: [TenantExporter, TenantExportRepository, { provide: FileStorage, useClass: LocalFolderStorage }],
    }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    exporter = app.get(TenantExporter);
    storage = app.get(FileStorage);
    // The fixture's file version gets its bytes in the storage.
    const key = await asTenant(owner, a.id, async () => (await owner.query<{ storage_key: string }>('SELECT storage_key FROM file_versions')).rows[0]!.storage_key);
    await storage.put(key, Readable.from([Buffer.from(bytes)]));
    close = () => app.close();
  });

  afterAll(async () => {
    await close?.();
    await deleteTenant(owner, a.id);
    await deleteTenant(owner, b.id);
    await owner.end();
    await rm(dir, { recursive: true, force: true });
  });

  async function exportOf(t: { id: string; slug: string }) {
    const { rows } = await owner.query('SELECT * FROM tenants WHERE id = $1', [t.id]);
    const r = rows[0];
    const tenant = { id: r.id, slug: r.slug, name: r.name, kind: r.kind, ags: r.ags, createdAt: r.created_at, updatedAt: r.updated_at } as Tenant;
    const zip = new ZipStream(new Date('2026-11-28T12:00:00Z'));
    const chunks: Buffer[] = [];
    zip.output.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((resolve) => zip.output.on('end', resolve));
    const result = await exporter.write(tenant, zip, new Date('2026-11-28T12:00:00Z'));
    await ended;
    const files = unzipSync(new Uint8Array(Buffer.concat(chunks)));
    const json = (name: string) => JSON.parse(strFromU8(files[name] ?? new Uint8Array()));
    return { result, files, json };
  }

  it('writes one OParl-typed file per object type, and a manifest with counts', async () => {
    const { result, files, json } = await exportOf(a);
    const [version] = json('ratsinfo/file-versions.json') as { fileId: string; number: number; path: string }[];
    expect(version!.path).toBe(`files/${version!.fileId}/${version!.number}-Vorlage.pdf`);
    expect(Object.keys(files).sort()).toEqual(
      [
        'agenda-items.json',
        'body.json',
        'consultations.json',
        'files.json',
        'manifest.json',
        'meetings.json',
        'memberships.json',
        'organizations.json',
        'papers.json',
        'persons.json',
        'ratsinfo/audit-events.json',
        'ratsinfo/file-versions.json',
        'ratsinfo/meeting-attendances.json',
        'ratsinfo/named-votes.json',
        'ratsinfo/resolution-notes.json',
        'ratsinfo/resolutions.json',
        'ratsinfo/support-access-grants.json',
        'ratsinfo/user-accounts.json',
        'ratsinfo/vote-conflicts.json',
        version!.path,
      ].sort(),
    );
    // The bytes of the version, as stored.
    expect(files[version!.path]).toEqual(bytes);
    expect(result.counts).toMatchObject({ papers: 2, files: 1, fileVersions: 1, fileContents: 1 });
    const [file] = json('files.json') as { type: string; accessUrl: string; sha512Checksum: string }[];
    expect(file).toMatchObject({ type: 'https://schema.oparl.org/1.1/File', accessUrl: version!.path });
    const papers = json('papers.json') as { type: string; auxiliaryFile: string[] }[];
    expect(papers.map((p) => p.type)).toEqual(['https://schema.oparl.org/1.1/Paper', 'https://schema.oparl.org/1.1/Paper']);
    expect(json('body.json')).toMatchObject({ id: `https://ratsinfo.example/oparl/v1.1/bodies/${a.slug}`, type: 'https://schema.oparl.org/1.1/Body' });
    expect(json('manifest.json')).toMatchObject({ format: 'ratsinfo-tenant-export', version: 2, tenant: { slug: a.slug }, counts: { organizations: 1, agendaItems: 2, auditEvents: 1, meetingAttendances: 1, namedVotes: 1, voteConflicts: 1, resolutions: 1, resolutionNotes: 1 }, missingFileContents: { count: 0 } });
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
    // (the fixture's other meetings carry guests, notices and bundles, not agenda items)
    const meetings: { agendaItem: { id: string; meeting: string }[]; id: string }[] = json('meetings.json').filter((m: { agendaItem: unknown[] }) => m.agendaItem.length > 0);
    // (two items: the graph's, and one with a declared conflict of interest, in the same meeting)
    expect(meetings).toHaveLength(1);
    expect(items).toHaveLength(2);
    expect(meetings[0]!.agendaItem.map((i) => i.id).sort()).toEqual([...items].sort());
    expect(meetings[0]!.agendaItem.map((i) => i.meeting)).toEqual(items.map(() => meetings[0]!.id));
  });

  it("contains the meeting service (attendance, votes, resolutions) but no member's private annotation", async () => {
    const { files } = await exportOf(a);
    const all = Object.entries(files).map(([name, f]) => name + strFromU8(f)).join('\n');
    for (const table of ['meeting_attendances', 'named_votes', 'vote_conflicts', 'resolutions', 'resolution_notes']) expect(all).toContain(a.graph[table]);
    // The fixture wrote one (as its author); the export runs without an account, so RLS shows it none.
    expect(a.graph['annotations']).toBeDefined();
    expect(all).not.toContain(a.graph['annotations']);
    expect(all).not.toContain('Nachfragen: Folgekosten?');
  });

  it("contains nothing of another tenant", async () => {
    const { files } = await exportOf(a);
    const all = Object.entries(files).map(([name, f]) => name + strFromU8(f)).join('\n');
    for (const id of Object.values(b.graph)) expect(all).not.toContain(id);
    expect(all).not.toContain(b.id);
  });
});

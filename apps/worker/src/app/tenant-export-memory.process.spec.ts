import { asTenant, connect, fixtureAgs, startWorkerProcess, testEnv, type WorkerProcess } from '@ratsinfo/api-testing';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'pg';

/**
 * The export of a large authority in a worker process: 10,000 papers with a 20 KB file each
 * (≈ 200 MB of incompressible bytes). The ZIP is streamed to the storage and the tables are read
 * in keyset pages, so the worker's peak resident memory (VmHWM) grows by less than the bound
 * below; an export that built the ZIP in memory would need inputs and output at once (≥ 400 MB).
 */
jest.setTimeout(240_000);

const PAPERS = 10_000;
const FILE_BYTES = 20 * 1024;
/**
 * Allowed growth of the worker's peak RSS during the export. Building the archive in memory as
 * before (zipSync over all entries) would hold the inputs (≈ 200 MB of file bytes) and the output
 * (≈ 200 MB) at once: ≥ 400 MB. Streaming measured ≈ 180 MB of growth on a loaded 2-core machine,
 * almost all of it collectable garbage (file chunks) that V8 and malloc give back lazily.
 */
const RSS_GROWTH_LIMIT = 300 * 1024 * 1024;

function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = execFileSync('cat', [`/proc/${pid}/status`], { encoding: 'utf8' });
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

describe('export of a large authority', () => {
  let owner: Client;
  let admin: Client;
  let worker: WorkerProcess;
  let storageDir: string;
  const tenantId = randomUUID();

  beforeAll(async () => {
    const env = testEnv();
    [owner, admin] = await Promise.all([connect(env.ownerUrl), connect(env.adminUrl)]);
    storageDir = await mkdtemp(join(tmpdir(), 'export-memory-'));
    const slug = `gross-${tenantId.slice(0, 6)}`;
    await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias) VALUES ($1, $2, 'Große Stadt', 'town', $3, $2)`, [tenantId, slug, fixtureAgs()]);
    // 10,000 papers, each with one file and one version, in a few set-based statements.
    await asTenant(
      owner,
      tenantId,
      async () => {
        await owner.query(`INSERT INTO paper_types (tenant_id, name, abbreviation) VALUES ($1, 'Beschlussvorlage', 'BV')`, [tenantId]);
        await owner.query(
          `INSERT INTO papers (tenant_id, paper_type_id, reference, reference_year, reference_sequence, name, date, public, status)
           SELECT $1, (SELECT id FROM paper_types), 'BV/' || lpad(i::text, 5, '0') || '/2026', 2026, i, 'Vorlage Nummer ' || i, DATE '2026-01-01' + (i % 300), true, 'released'
             FROM generate_series(1, $2::int) AS i`,
          [tenantId, PAPERS],
        );
        await owner.query(`INSERT INTO files (tenant_id, name, paper_id) SELECT $1, 'Vorlage ' || reference, id FROM papers`, [tenantId]);
        await owner.query(
          `INSERT INTO file_versions (tenant_id, file_id, number, file_name, mime_type, size, sha512, storage_key)
           SELECT $1::uuid, id, 1, 'Vorlage.pdf', 'application/pdf', $2::bigint, repeat('a', 128), $1::text || '/' || gen_random_uuid() FROM files`,
          [tenantId, FILE_BYTES],
        );
      },
      true,
    );
    const keys = await asTenant(owner, tenantId, async () => (await owner.query<{ storage_key: string }>('SELECT storage_key FROM file_versions')).rows.map((r) => r.storage_key));
    expect(keys).toHaveLength(PAPERS);
    await mkdir(join(storageDir, tenantId), { recursive: true });
    const bytes = randomBytes(FILE_BYTES); // incompressible, like a PDF
    for (let i = 0; i < keys.length; i += 200) await Promise.all(keys.slice(i, i + 200).map((k) => writeFile(join(storageDir, k), bytes)));
    const seeded = Date.now();
    worker = await startWorkerProcess({ env: { FILE_STORAGE_DIR: storageDir } });
    console.log(`fixture of ${PAPERS} papers with files: ${((Date.now() - seeded) / 1000).toFixed(1)} s to start the worker`);
  });

  afterAll(async () => {
    await worker?.stop();
    await admin.query('DELETE FROM tenants WHERE id = $1', [tenantId]);
    await Promise.all([owner.end(), admin.end()]);
    await rm(storageDir, { recursive: true, force: true });
  });

  it('streams 10,000 papers with their files into one ZIP while the worker’s peak memory stays flat', async () => {
    // Settle, then take the baseline: the peak so far and the resident memory now.
    await new Promise((r) => setTimeout(r, 1000));
    const before = memoryOf(worker.pid);
    const exportId = await asTenant(
      owner,
      tenantId,
      async () => {
        const { rows } = await owner.query<{ id: string }>(`INSERT INTO tenant_exports (tenant_id, requested_as, reason) VALUES ($1, 'operator', 'Lasttest der Übergabe') RETURNING id`, [tenantId]);
        await owner.query(`INSERT INTO outbox_events (tenant_id, topic, payload) VALUES ($1, 'tenant.export-requested', $2)`, [tenantId, JSON.stringify({ exportId: rows[0]!.id })]);
        return rows[0]!.id;
      },
      true,
    );
    const started = Date.now();
    let row: { status: string; storage_key: string | null; size: string | null; counts: Record<string, number> | null; error: string | null } | undefined;
    while (Date.now() - started < 180_000) {
      row = await asTenant(owner, tenantId, async () => (await owner.query('SELECT status, storage_key, size, counts, error FROM tenant_exports WHERE id = $1', [exportId])).rows[0]);
      if (row?.status === 'ready' || row?.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const seconds = (Date.now() - started) / 1000;
    const after = memoryOf(worker.pid);
    const growth = after.hwm - Math.max(before.rss, 0);
    console.log(
      `export of ${PAPERS} papers: ${seconds.toFixed(1)} s, ZIP ${(Number(row?.size) / 1024 / 1024).toFixed(1)} MB; worker RSS before ${(before.rss / 1048576).toFixed(0)} MB (peak ${(before.hwm / 1048576).toFixed(0)} MB), peak after ${(after.hwm / 1048576).toFixed(0)} MB, growth ${(growth / 1048576).toFixed(0)} MB`,
    );
    expect(row).toMatchObject({ status: 'ready', error: null });
    // Built by this worker (another test's worker on the same stack could claim the event): the measurement is of the right process.
    // Its "export ready" line is logged after the row turns ready, so it may arrive a moment later.
    for (const until = Date.now() + 10_000; !worker.output().includes(exportId) && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
    expect(worker.output()).toContain(exportId);
    expect(Number(row!.size)).toBeGreaterThan(PAPERS * FILE_BYTES);
    expect(row!.counts).toMatchObject({ papers: PAPERS, files: PAPERS, fileVersions: PAPERS, fileContents: PAPERS });

    // The archive itself: its central directory names 10,000 file contents, and papers.json holds 10,000 papers.
    const zipPath = join(storageDir, row!.storage_key!);
    const names = execFileSync('unzip', ['-Z1', zipPath], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim().split('\n');
    expect(names.filter((n) => /^files\/[0-9a-f-]{36}\/1-Vorlage\.pdf$/.test(n))).toHaveLength(PAPERS);
    const papers = JSON.parse(execFileSync('unzip', ['-p', zipPath, 'papers.json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })) as { reference: string }[];
    expect(papers).toHaveLength(PAPERS);
    expect(new Set(papers.map((p) => p.reference)).size).toBe(PAPERS);
    // One stored file, byte for byte.
    const first = names.find((n) => n.startsWith('files/'))!;
    const content = execFileSync('unzip', ['-p', zipPath, first], { maxBuffer: 1024 * 1024 });
    expect(content.byteLength).toBe(FILE_BYTES);
    expect(growth).toBeLessThan(RSS_GROWTH_LIMIT);
    expect(Buffer.compare(content, await readFile(join(storageDir, (await asTenant(owner, tenantId, async () => (await owner.query<{ storage_key: string }>('SELECT storage_key FROM file_versions WHERE file_id = $1', [first.split('/')[1]])).rows[0]!.storage_key)))))).toBe(0);
  });
});

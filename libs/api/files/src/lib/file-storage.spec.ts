import { loadConfig } from '@ratsinfo/api-core';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalFolderStorage, newStorageKey } from './file-storage';
import { safeFileName, sniff } from './upload-receiver';

const tenant = randomUUID();

describe('LocalFolderStorage', () => {
  let dir: string;
  let storage: LocalFolderStorage;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ratsinfo-storage-'));
    storage = new LocalFolderStorage(loadConfig({ DATABASE_URL: 'postgresql://x', REDIS_URL: 'redis://x', FILE_STORAGE_DIR: dir }));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const read = async (s: Readable) => Buffer.concat(await s.toArray());

  it('stores under <tenant>/<uuid>, reads whole and by byte range, deletes', async () => {
    const key = newStorageKey(tenant);
    expect(await storage.put(key, Readable.from([Buffer.from('Hallo '), Buffer.from('Rathaus')]))).toBe(13);
    expect((await read(await storage.get(key))).toString()).toBe('Hallo Rathaus');
    expect((await read(await storage.get(key, { start: 6, end: 12 }))).toString()).toBe('Rathaus');
    expect(await storage.stat(key)).toMatchObject({ key, size: 13 });
    const listed: string[] = [];
    for await (const b of storage.list()) listed.push(b.key);
    expect(listed).toEqual([key]);
    await storage.delete(key);
    await storage.delete(key);
    expect(await storage.stat(key)).toBeNull();
    await expect(storage.get(key)).rejects.toThrow();
  });

  it('leaves nothing behind when the stream fails midway (no blob, no temporary)', async () => {
    const key = newStorageKey(tenant);
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(1000));
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(storage.put(key, failing)).rejects.toThrow('connection lost');
    expect(await readdir(join(dir, tenant))).toEqual([]);
  });

  it('refuses keys that are not <uuid>/<uuid> (no path from outside)', async () => {
    await expect(storage.put('../etc/passwd', Readable.from([]))).rejects.toThrow('not a storage key');
    await expect(storage.stat(`${tenant}/../../x`)).rejects.toThrow('not a storage key');
  });
});

describe('safeFileName', () => {
  it('keeps the last path part, drops control and direction characters, bounds the length keeping the extension', () => {
    expect(safeFileName('C:\\Users\\amt\\Vorlage.pdf')).toBe('Vorlage.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('Rechnung\u202Efdp.exe')).toBe('Rechnungfdp.exe');
    expect(safeFileName('A\u0000B\u0007.pdf')).toBe('AB.pdf');
    expect(safeFileName('  ')).toBe('Datei');
    expect(safeFileName('Gru\u0308nfla\u0308che.pdf')).toBe('Grünfläche.pdf');
    const long = safeFileName(`${'x'.repeat(400)}.docx`);
    expect(long).toHaveLength(255);
    expect(long.endsWith('.docx')).toBe(true);
  });
});

describe('sniff', () => {
  const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1');

  it('trusts the bytes, accepting octet-stream and aliases as the claim', async () => {
    await expect(sniff(pdf, 'a.pdf', 'application/octet-stream', ['application/pdf'])).resolves.toBe('application/pdf');
    await expect(sniff(pdf, 'a', '', ['application/pdf'])).resolves.toBe('application/pdf');
    await expect(sniff(pdf, 'a.PDF', 'application/x-pdf', ['application/pdf'])).resolves.toBe('application/pdf');
  });

  it('refuses a type outside the allowed ones, a wrong extension and a wrong claimed type, naming the file', async () => {
    await expect(sniff(pdf, 'foto.pdf', 'application/pdf', ['image/png', 'image/jpeg'])).rejects.toThrow('"foto.pdf" is not an accepted file type');
    await expect(sniff(pdf, 'brief.html', 'text/html', ['application/pdf'])).rejects.toThrow('"brief.html" is named .html');
    await expect(sniff(pdf, 'brief.pdf', 'text/html', ['application/pdf'])).rejects.toThrow('"brief.pdf" was sent as text/html');
    await expect(sniff(Buffer.alloc(0), 'leer.pdf', 'application/pdf', ['application/pdf'])).rejects.toThrow('"leer.pdf"');
  });
});

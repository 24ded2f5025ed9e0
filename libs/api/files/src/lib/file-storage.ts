import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ratsinfo/api-core';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** `<tenant uuid>/<random uuid>`: generated, never derived from anything a client sent (a CHECK in the database enforces it). */
export const STORAGE_KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}$/;

export function newStorageKey(tenantId: string): string {
  return `${tenantId}/${randomUUID()}`;
}

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

export interface StoredBlob {
  key: string;
  size: number;
  modifiedAt: Date;
}

/**
 * Where the bytes of file versions live (the port; docs/adr/0014). The default adapter is a local
 * folder; an S3 adapter comes with the deploy work. Keys are `<tenant>/<uuid>`. `put` is atomic:
 * a reader sees the whole blob or none, and a failed or aborted write leaves nothing behind.
 */
export abstract class FileStorage {
  /** Writes the stream under `key`; rejects (and leaves nothing) when the stream fails. Returns the byte count. */
  abstract put(key: string, content: Readable): Promise<number>;
  /** The bytes, or one range of them. Rejects when the blob is missing, with `code: 'ENOENT'` whatever the adapter. */
  abstract get(key: string, range?: ByteRange): Promise<Readable>;
  /** Size and time of the blob, null when there is none. */
  abstract stat(key: string): Promise<StoredBlob | null>;
  /** Removes the blob; no error when it is already gone. */
  abstract delete(key: string): Promise<void>;
  /** Every blob of the storage, a tenant at a time (for the orphan sweep). */
  abstract list(): AsyncIterable<StoredBlob>;
  /** Temporary leftovers of writes that never finished (a crash between write and rename), older than `before`: removed. */
  abstract removeStaleTemporaries(before: Date): Promise<number>;
}

const TEMP_PREFIX = '.upload-';

/**
 * FileStorage on a local folder (`FILE_STORAGE_DIR`): `<dir>/<tenant>/<uuid>`. A write goes to a
 * temporary name in the same folder, is fsynced, renamed into place and the folder fsynced, so a
 * crash never leaves a half-written blob under a real key.
 */
@Injectable()
export class LocalFolderStorage extends FileStorage {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super();
    this.root = config.FILE_STORAGE_DIR;
  }

  private readonly root: string;

  private path(key: string): string {
    if (!STORAGE_KEY.test(key)) throw new Error(`not a storage key: ${key}`);
    return join(this.root, key);
  }

  async put(key: string, content: Readable): Promise<number> {
    const target = this.path(key);
    const folder = join(this.root, key.slice(0, 36));
    await mkdir(folder, { recursive: true });
    const temp = join(folder, `${TEMP_PREFIX}${randomUUID()}`);
    let bytes = 0;
    try {
      const out = createWriteStream(temp, { flags: 'wx' });
      await pipeline(content, out);
      bytes = out.bytesWritten;
      const handle = await open(temp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (e) {
      await unlink(temp).catch(() => undefined);
      throw e;
    }
    await syncFolder(folder);
    return bytes;
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.path(key);
    // Open first, so a missing blob rejects here rather than as a stream error mid-response.
    const handle = await open(path, 'r');
    return handle.createReadStream({ autoClose: true, ...(range ? { start: range.start, end: range.end } : {}) });
  }

  async stat(key: string): Promise<StoredBlob | null> {
    try {
      const s = await stat(this.path(key));
      return { key, size: s.size, modifiedAt: s.mtime };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await unlink(this.path(key)).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
  }

  async *list(): AsyncIterable<StoredBlob> {
    for (const tenant of await readdirOrEmpty(this.root)) {
      if (!/^[0-9a-f-]{36}$/.test(tenant)) continue;
      for (const name of await readdirOrEmpty(join(this.root, tenant))) {
        if (!/^[0-9a-f-]{36}$/.test(name)) continue;
        const s = await stat(join(this.root, tenant, name)).catch(() => null);
        if (s?.isFile()) yield { key: `${tenant}/${name}`, size: s.size, modifiedAt: s.mtime };
      }
    }
  }

  async removeStaleTemporaries(before: Date): Promise<number> {
    let removed = 0;
    for (const tenant of await readdirOrEmpty(this.root)) {
      if (!/^[0-9a-f-]{36}$/.test(tenant)) continue;
      for (const name of await readdirOrEmpty(join(this.root, tenant))) {
        if (!name.startsWith(TEMP_PREFIX)) continue;
        const path = join(this.root, tenant, name);
        const s = await stat(path).catch(() => null);
        if (s && s.mtime < before) {
          await unlink(path).catch(() => undefined);
          removed++;
        }
      }
    }
    return removed;
  }
}

async function readdirOrEmpty(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** The rename is durable only once the folder entry is on disk too. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the data itself is synced.
  } finally {
    await handle.close();
  }
}

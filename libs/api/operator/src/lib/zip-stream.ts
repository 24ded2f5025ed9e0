import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { PassThrough, type Readable } from 'node:stream';

/**
 * A ZIP written as a stream (fflate's streaming `Zip`): entries are added one after the other and
 * their bytes leave through `output` as they are compressed. Every write waits while `output` is
 * full, so memory stays at a few buffers whatever the archive's size — the consumer (the file
 * storage) sets the pace.
 */
export class ZipStream {
  readonly output = new PassThrough({ highWaterMark: 1 << 20 });
  private readonly zip: Zip;
  private failed: Error | null = null;

  constructor(private readonly mtime: Date) {
    this.zip = new Zip((err, chunk, final) => {
      if (err) {
        this.failed = err;
        this.output.destroy(err);
        return;
      }
      if (chunk.length) this.output.write(chunk);
      if (final) this.output.end();
    });
  }

  /** One entry: `produce` writes its bytes through `write` (which waits for the consumer). */
  async entry(name: string, produce: (write: (chunk: Uint8Array) => Promise<void>) => Promise<void>, options: { store?: boolean } = {}): Promise<void> {
    const file = options.store ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    file.mtime = this.mtime;
    this.zip.add(file);
    await produce(async (chunk) => {
      this.check();
      file.push(chunk);
      await this.drained();
    });
    file.push(new Uint8Array(0), true);
    await this.drained();
  }

  /** An entry from a readable stream (a stored file's bytes), a chunk at a time. */
  async entryFrom(name: string, source: Readable, options: { store?: boolean } = {}): Promise<void> {
    await this.entry(
      name,
      async (write) => {
        for await (const chunk of source) await write(chunk as Buffer);
      },
      options,
    );
  }

  /** A JSON array written item by item from pages (never held whole). Returns the item count. */
  async jsonArray<T>(name: string, pages: AsyncIterable<T[]>): Promise<number> {
    let n = 0;
    await this.entry(name, async (write) => {
      await write(encode('['));
      for await (const page of pages) {
        if (!page.length) continue;
        const text = page.map((item) => (n++ ? ',\n' : '\n') + indent(toJson(item))).join('');
        await write(encode(text));
      }
      await write(encode(n ? '\n]\n' : ']\n'));
    });
    return n;
  }

  async json(name: string, value: unknown): Promise<void> {
    await this.entry(name, (write) => write(encode(toJson(value) + '\n')));
  }

  finish(): void {
    this.check();
    this.zip.end();
  }

  /** Stops the archive: the consumer sees the error (and the storage keeps nothing). */
  abort(e: Error): void {
    this.failed ??= e;
    this.zip.terminate();
    this.output.destroy(e);
  }

  private check(): void {
    if (this.failed) throw this.failed;
    if (this.output.destroyed) throw new Error('the export stream was closed');
  }

  private drained(): Promise<void> {
    if (!this.output.writableNeedDrain || this.output.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.output.off('drain', done);
        this.output.off('close', done);
        resolve();
      };
      this.output.on('drain', done);
      this.output.on('close', done);
    });
  }
}

const encoder = new TextEncoder();
const encode = (s: string) => encoder.encode(s);

/** JSON with BigInt columns (sizes) as numbers. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v), 2);
}

const indent = (s: string) => '  ' + s.replace(/\n/g, '\n  ');

import { Inject, Injectable, Logger } from '@nestjs/common';
import { TenantContext } from '@ratsinfo/api-core';
import { TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import { FileStorage, newStorageKey } from '@ratsinfo/api-files';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { type BundleLimits, BundleTooLargeError, renderBundle } from './bundle-pdf';
import { BUNDLE_VARIANTS, type BundleDocument, type BundleVariant, planFor, readMeetingSources, sourceHash } from './bundle-sources';

/** The limits of one bundle (pdf-lib builds it in memory, in the worker process). */
export const BUNDLE_LIMITS = Symbol('BUNDLE_LIMITS');
export const DEFAULT_BUNDLE_LIMITS: BundleLimits = { maxPages: 2000, maxSourceBytes: 300 * 1024 ** 2 };

export type BundleOutcome = 'unchanged' | 'generated' | 'failed' | 'removed' | 'superseded';

/**
 * Generates the two bundles of a meeting (public and full) when their sources changed. Runs in
 * the caller's tenant context (the worker's job scope).
 *
 * Idempotent and safe against concurrent runs: the hash of the sources decides whether anything
 * is done; the new PDF is written under a new key before its row is updated, and the row is only
 * updated when — under a per-meeting lock — the sources still have the hash it was made from and
 * no other run stored that hash already. Otherwise the new blob is removed again. The previous
 * blob is deleted only after the row no longer names it.
 */
@Injectable()
export class MeetingBundleGenerator {
  private readonly logger = new Logger(MeetingBundleGenerator.name);

  constructor(
    private readonly db: TenantDatabase,
    private readonly storage: FileStorage,
    private readonly tenant: TenantContext,
    @Inject(BUNDLE_LIMITS) private readonly limits: BundleLimits,
  ) {}

  async generate(meetingId: string): Promise<Record<BundleVariant, BundleOutcome>> {
    const sources = await this.db.transaction((tx) => readMeetingSources(tx, meetingId));
    if (!sources) {
      await this.removeAll(meetingId);
      return { public: 'removed', full: 'removed' };
    }
    const result = { public: 'unchanged', full: 'unchanged' } as Record<BundleVariant, BundleOutcome>;
    // One variant after the other: only one bundle is in memory at a time.
    for (const variant of BUNDLE_VARIANTS) result[variant] = await this.generateVariant(meetingId, variant, planFor(sources, variant));
    return result;
  }

  private async generateVariant(meetingId: string, variant: BundleVariant, plan: ReturnType<typeof planFor>): Promise<BundleOutcome> {
    const hash = sourceHash(plan);
    const stored = await this.db.transaction((tx) => tx.meetingBundle.findUnique({ where: { tenantId_meetingId_variant: { tenantId: this.tenant.require().id, meetingId, variant } }, select: { sourceHash: true } }));
    if (stored?.sourceHash === hash) return 'unchanged';

    let rendered: Awaited<ReturnType<typeof renderBundle>> | null = null;
    let error: string | null = null;
    try {
      rendered = await renderBundle(plan, (doc) => this.read(doc), this.limits);
    } catch (e) {
      if (!(e instanceof BundleTooLargeError)) throw e;
      error = `too-large: ${e.message}`.slice(0, 500);
    }
    const key = rendered ? newStorageKey(this.tenant.require().id) : null;
    const sha512 = rendered ? createHash('sha512').update(rendered.bytes).digest('hex') : null;
    if (rendered && key) await this.storage.put(key, Readable.from(Buffer.from(rendered.bytes.buffer, rendered.bytes.byteOffset, rendered.bytes.byteLength)));

    let previousKey: string | null = null;
    let outcome: BundleOutcome;
    try {
      outcome = await this.db.transaction(async (tx) => {
        await lockMeeting(tx, meetingId);
        const now = await readMeetingSources(tx, meetingId);
        // The sources moved on meanwhile: the request written with that change makes the right one.
        if (!now || sourceHash(planFor(now, variant)) !== hash) return 'superseded';
        const where = { tenantId_meetingId_variant: { tenantId: this.tenant.require().id, meetingId, variant } };
        const row = await tx.meetingBundle.findUnique({ where, select: { sourceHash: true, storageKey: true } });
        if (row?.sourceHash === hash) return 'superseded'; // another run stored this very hash first
        previousKey = row?.storageKey ?? null;
        const data = {
          storageKey: key,
          size: rendered ? BigInt(rendered.bytes.byteLength) : null,
          sha512,
          pageCount: rendered?.pageCount ?? null,
          sourceHash: hash,
          generatedAt: new Date(),
          error,
        };
        await tx.meetingBundle.upsert({ where, create: { tenantId: this.tenant.require().id, meetingId, variant, ...data }, update: data });
        return rendered ? 'generated' : 'failed';
      });
    } catch (e) {
      if (key) await this.storage.delete(key).catch(() => undefined);
      throw e;
    }
    if (outcome === 'superseded') {
      if (key) await this.storage.delete(key);
      return outcome;
    }
    if (previousKey) await this.deleteBlob(previousKey);
    this.logger.log({ meetingId, variant, outcome, pages: rendered?.pageCount, bytes: rendered?.bytes.byteLength, error }, 'meeting bundle');
    return outcome;
  }

  /** A deleted meeting keeps no bundle. */
  private async removeAll(meetingId: string): Promise<void> {
    const keys = await this.db.transaction(async (tx) => {
      const rows = await tx.meetingBundle.findMany({ where: { meetingId }, select: { storageKey: true } });
      await tx.meetingBundle.deleteMany({ where: { meetingId } });
      return rows.flatMap((r) => (r.storageKey ? [r.storageKey] : []));
    });
    for (const key of keys) await this.deleteBlob(key);
  }

  private async deleteBlob(key: string): Promise<void> {
    // A blob left behind is found by the orphan sweep (which knows meeting_bundles.storage_key).
    await this.storage.delete(key).catch((err: unknown) => this.logger.warn({ err, key }, 'could not delete an old bundle blob'));
  }

  /** The bytes of one source document (rejects when the blob is missing: the document becomes a placeholder). */
  private async read(doc: BundleDocument): Promise<Uint8Array> {
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of await this.storage.get(doc.storageKey)) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      bytes += b.byteLength;
      if (bytes > this.limits.maxSourceBytes) throw new BundleTooLargeError(`the document ${doc.fileName} is larger than a bundle may be`);
      chunks.push(b);
    }
    return Buffer.concat(chunks);
  }
}

/** Serializes the commit step of concurrent runs for one meeting (released with the transaction). */
async function lockMeeting(tx: TenantTx, meetingId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${`meeting-bundle:${meetingId}`}, 0))) AS l`;
}

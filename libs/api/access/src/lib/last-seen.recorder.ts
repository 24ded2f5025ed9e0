import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { TenantContext } from '@ratsinfo/api-core';
import { TenantDatabase } from '@ratsinfo/api-database';

/** "Last seen" is shown to admins to the hour; finer writes would only cost. */
export const LAST_SEEN_RESOLUTION_MS = 3_600_000;
/** How long sightings are gathered before they are written together. */
const FLUSH_DELAY_MS = 2_000;

/**
 * Records when an account was last seen, off the request path: the guard only notes the
 * sighting, and a timer writes them a moment later, one transaction per tenant (RLS applies as
 * for any write). A failed write is logged and dropped — it is a display hint, not an audit
 * record — and the next sighting an hour on writes it again.
 */
@Injectable()
export class LastSeenRecorder implements OnModuleDestroy {
  private readonly logger = new Logger(LastSeenRecorder.name);
  /** tenant id → account id → when seen */
  private readonly pending = new Map<string, { slug: string; seen: Map<string, Date> }>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
  ) {}

  /** Notes that the current tenant's account `accountId`, last written `lastSeenAt`, is here now. */
  seen(accountId: string, lastSeenAt: Date | null): void {
    const now = new Date();
    if (lastSeenAt && now.getTime() - lastSeenAt.getTime() <= LAST_SEEN_RESOLUTION_MS) return;
    const t = this.tenant.require();
    let batch = this.pending.get(t.id);
    if (!batch) this.pending.set(t.id, (batch = { slug: t.slug, seen: new Map() }));
    batch.seen.set(accountId, now);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
  }

  /** Writes what has been noted (also on shutdown, and from tests). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batches = [...this.pending.entries()];
    this.pending.clear();
    const run = async () => {
      for (const [id, { slug, seen }] of batches) {
        await this.tenant
          .run({ id, slug }, () =>
            this.db.transaction(async (tx) => {
              for (const [accountId, at] of seen) await tx.userAccount.updateMany({ where: { id: accountId, OR: [{ lastSeenAt: null }, { lastSeenAt: { lt: at } }] }, data: { lastSeenAt: at } });
            }),
          )
          .catch((e: Error) => this.logger.warn(`last-seen times of ${seen.size} account(s) of ${slug} not written: ${e.message}`));
      }
    };
    this.flushing = (this.flushing ?? Promise.resolve()).then(run);
    return this.flushing;
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { TenantContext } from '@ratsinfo/api-core';
import { TenantDatabase } from '@ratsinfo/api-database';
import { FileStorage } from './file-storage';
import { FilesRepository } from './files.repository';

export interface SweepResult {
  /** Blobs old enough to be judged. */
  examined: number;
  /** Of those, removed because no file version refers to them. */
  removed: number;
  /** Leftover temporary files of writes that never finished. */
  temporaries: number;
}

const ONE_HOUR = 60 * 60 * 1000;

/**
 * Removes blobs that no file version refers to: left by a crash between storing the bytes and
 * committing the row, or by a deleted member authority. Only blobs older than an hour are judged,
 * so an upload whose transaction is still running is never touched. Each tenant's keys are
 * checked in that tenant's own context (row-level security), a batch at a time. The worker
 * (issue 8) schedules it; it is safe to run on several replicas at once.
 */
@Injectable()
export class OrphanBlobSweeper {
  private readonly logger = new Logger(OrphanBlobSweeper.name);

  constructor(
    private readonly storage: FileStorage,
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    private readonly files: FilesRepository,
  ) {}

  async sweep(options: { olderThanMs?: number; now?: Date } = {}): Promise<SweepResult> {
    const cutoff = new Date((options.now ?? new Date()).getTime() - (options.olderThanMs ?? ONE_HOUR));
    const byTenant = new Map<string, string[]>();
    let examined = 0;
    for await (const blob of this.storage.list()) {
      if (blob.modifiedAt >= cutoff) continue;
      examined++;
      const tenantId = blob.key.slice(0, 36);
      const keys = byTenant.get(tenantId) ?? [];
      keys.push(blob.key);
      byTenant.set(tenantId, keys);
    }
    let removed = 0;
    for (const [tenantId, keys] of byTenant) {
      for (let i = 0; i < keys.length; i += 500) {
        const batch = keys.slice(i, i + 500);
        const referenced = await this.tenant.run({ id: tenantId, slug: tenantId }, () => this.db.transaction((tx) => this.files.referencedKeys(tx, batch)));
        for (const key of batch) {
          if (referenced.has(key)) continue;
          await this.storage.delete(key);
          removed++;
        }
      }
    }
    const temporaries = await this.storage.removeStaleTemporaries(cutoff);
    if (removed || temporaries) this.logger.log({ examined, removed, temporaries }, 'removed orphan file blobs');
    return { examined, removed, temporaries };
  }
}

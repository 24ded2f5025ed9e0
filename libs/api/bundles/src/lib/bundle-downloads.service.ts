import { Injectable } from '@nestjs/common';
import { AuthContext, DomainError, NotFoundError } from '@ratsinfo/api-core';
import { NonPublicAccess } from '@ratsinfo/api-council';
import { TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import { FileStorage, MeetingBundleRequests, safeFileName, sendFileVersion } from '@ratsinfo/api-files';
import { ProblemType } from '@ratsinfo/contracts';
import type { Request, Response } from 'express';
import type { BundleVariant } from './bundle-sources';
import { VARIANT_FILE_NAME } from './bundle-naming';

/** 404 for a bundle that does not exist yet: its generation has been asked for. */
export class BundleNotGeneratedError extends DomainError {
  readonly type = ProblemType.notFound;
  readonly status = 404;
  readonly title = 'Not Found';
  constructor(failed: boolean) {
    super(failed ? 'The meeting bundle could not be generated (see the meeting page).' : 'The meeting bundle has not been generated yet; it is being generated, try again in a minute.');
  }
}

type Found = { kind: 'bundle'; storageKey: string; size: number; sha512: string; name: string; start: Date } | { kind: 'missing'; failed: boolean };

/**
 * Downloads of the bundles. The portal gets the public one; the back office either, the full one
 * only for readers of every non-public item of the meeting (staff; members by ADR 0013 for the
 * meeting's body) — to anyone else it does not exist (404, like a meeting of another authority).
 *
 * A meeting whose bundle was never generated (older meetings, or a request still queued) answers
 * 404 and, in the same request, asks for it through the outbox (coalesced with a pending request).
 */
@Injectable()
export class BundleDownloadsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly storage: FileStorage,
    private readonly requests: MeetingBundleRequests,
    private readonly auth: AuthContext,
    private readonly nonPublic: NonPublicAccess,
  ) {}

  async sendPortal(meetingId: string, download: boolean, req: Request, res: Response): Promise<void> {
    const found = await this.db.transaction((tx) => this.find(tx, meetingId, 'public'));
    await this.send(found, 'public', download, 'public, no-cache', req, res);
  }

  async sendOffice(meetingId: string, variant: BundleVariant, download: boolean, req: Request, res: Response): Promise<void> {
    const found = await this.db.transaction(async (tx) => {
      if (variant === 'full' && !(await this.mayReadFull(tx, meetingId))) throw new NotFoundError('The meeting bundle');
      return this.find(tx, meetingId, variant);
    });
    // Behind a sign-in: no shared cache may keep it.
    await this.send(found, variant, download, 'private, no-store', req, res);
  }

  /** Staff read everything; a member every non-public item of the meeting when the rule lets them read its body's. */
  private async mayReadFull(tx: TenantTx, meetingId: string): Promise<boolean> {
    if (this.auth.requireTenantSession().actingRole !== 'member') return true;
    const meeting = await tx.meeting.findFirst({ where: { id: meetingId, deletedAt: null }, select: { organizationId: true } });
    return !!meeting && NonPublicAccess.allows(await this.nonPublic.scope(tx), meeting.organizationId);
  }

  private async find(tx: TenantTx, meetingId: string, variant: BundleVariant): Promise<Found> {
    const meeting = await tx.meeting.findFirst({
      where: { id: meetingId, deletedAt: null },
      select: { name: true, start: true, bundles: { where: { variant }, select: { storageKey: true, size: true, sha512: true, error: true } } },
    });
    if (!meeting) throw new NotFoundError('The meeting');
    const row = meeting.bundles[0];
    if (row?.storageKey && row.sha512 && row.size !== null) return { kind: 'bundle', storageKey: row.storageKey, size: Number(row.size), sha512: row.sha512, name: meeting.name, start: meeting.start };
    // Never generated (or still queued): ask for it. A failed one waits for a change of its sources.
    if (!row?.error) await this.requests.forMeetings(tx, [meetingId]);
    return { kind: 'missing', failed: !!row?.error };
  }

  private async send(found: Found, variant: BundleVariant, download: boolean, cacheControl: string, req: Request, res: Response): Promise<void> {
    if (found.kind === 'missing') {
      // Not cacheable: it exists a minute later.
      res.setHeader('Cache-Control', 'no-store');
      throw new BundleNotGeneratedError(found.failed);
    }
    const day = found.start.toISOString().slice(0, 10);
    const fileName = safeFileName(`${VARIANT_FILE_NAME[variant]} ${day} ${found.name}`.replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').slice(0, 200).trim() + '.pdf');
    await sendFileVersion(req, res, this.storage, { fileName, mimeType: 'application/pdf', size: found.size, sha512: found.sha512, storageKey: found.storageKey }, { attachment: download, cacheControl });
  }
}

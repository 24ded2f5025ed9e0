import { Injectable } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { ConflictError, NotFoundError, TenantContext, ValidationError } from '@ratsinfo/api-core';
import { TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import { lifecycleState, type OfficeLiveMeetingDto } from '@ratsinfo/contracts';
import { LiveMeetingEvents } from './live-meeting-events';
import { readLiveRows, toOfficeLive } from './live-snapshot';

/**
 * The clerk's live mode: which item is under deliberation, the recording and each item's moment
 * in it. These are single values a clerk sets while the meeting runs: a PUT replaces the value
 * (last writer wins, the same PUT twice changes nothing and is audited once) and does not move
 * the meeting's version, so the agenda editor's If-Match is not disturbed by the live mode.
 * Every change is audited in its transaction and announced to the live view after the commit.
 */
@Injectable()
export class LiveMeetingService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    private readonly audit: AuditLog,
    private readonly events: LiveMeetingEvents,
  ) {}

  async view(meetingId: string): Promise<OfficeLiveMeetingDto> {
    const rows = await this.db.transaction((tx) => readLiveRows(tx, meetingId));
    if (!rows) throw new NotFoundError('The meeting');
    return toOfficeLive(rows);
  }

  /** Only while the meeting runs (409 naming its state otherwise); the item must be a living item of this meeting. */
  async setCurrentItem(meetingId: string, agendaItemId: string | null): Promise<OfficeLiveMeetingDto> {
    return this.write(meetingId, async (tx, m) => {
      const state = lifecycleState({ meetingState: m.meetingState, cancelled: m.cancelled });
      if (state !== 'running') throw new ConflictError(`The meeting is ${state}: the current item can only be set while it is running.`);
      if (agendaItemId && !(await tx.agendaItem.findFirst({ where: { id: agendaItemId, meetingId, deletedAt: null }, select: { id: true } })))
        throw new ValidationError([{ name: 'agendaItemId', reason: 'is not an item of this agenda' }]);
      if (m.currentAgendaItemId === agendaItemId) return false;
      await tx.meeting.update({ where: { id: meetingId }, data: { currentAgendaItemId: agendaItemId } });
      await this.audit.tenantEvent(tx, { action: 'meeting.current-item.set', entityType: 'meeting', entityId: meetingId, changes: { from: m.currentAgendaItemId, to: agendaItemId } });
      return true;
    });
  }

  /** The recording (https only); not for a cancelled meeting. */
  async setRecording(meetingId: string, recordingUrl: string | null): Promise<OfficeLiveMeetingDto> {
    return this.write(meetingId, async (tx, m) => {
      if (m.cancelled) throw new ConflictError('The meeting is cancelled: it has no recording.');
      if (m.recordingUrl === recordingUrl) return false;
      await tx.meeting.update({ where: { id: meetingId }, data: { recordingUrl } });
      await this.audit.tenantEvent(tx, { action: 'meeting.recording.set', entityType: 'meeting', entityId: meetingId, changes: { from: m.recordingUrl, to: recordingUrl } });
      return true;
    });
  }

  /** An item's moment in the recording, in seconds from its start. */
  async setRecordingOffset(meetingId: string, itemId: string, seconds: number | null): Promise<OfficeLiveMeetingDto> {
    return this.write(meetingId, async (tx) => {
      const item = await tx.agendaItem.findFirst({ where: { id: itemId, meetingId, deletedAt: null }, select: { id: true, number: true, recordingOffsetSeconds: true } });
      if (!item) throw new NotFoundError('The agenda item');
      if (item.recordingOffsetSeconds === seconds) return false;
      await tx.agendaItem.update({ where: { id: itemId }, data: { recordingOffsetSeconds: seconds } });
      await this.audit.tenantEvent(tx, {
        action: 'agenda-item.recording-offset.set',
        entityType: 'agenda-item',
        entityId: itemId,
        changes: { meetingId, number: item.number, from: item.recordingOffsetSeconds, to: seconds },
      });
      return true;
    });
  }

  /**
   * One transaction: locks the meeting row (two live writes of one meeting run one after the
   * other), applies `fn`, reads the result; after the commit, announces a change.
   */
  private async write(
    meetingId: string,
    fn: (tx: TenantTx, m: { meetingState: OfficeLiveMeetingDto['meetingState']; cancelled: boolean; currentAgendaItemId: string | null; recordingUrl: string | null }) => Promise<boolean>,
  ): Promise<OfficeLiveMeetingDto> {
    let changed = false;
    const result = await this.db.transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM meetings WHERE id = ${meetingId}::uuid AND deleted_at IS NULL FOR UPDATE`;
      if (!locked.length) throw new NotFoundError('The meeting');
      const m = await tx.meeting.findFirstOrThrow({ where: { id: meetingId }, select: { meetingState: true, cancelled: true, currentAgendaItemId: true, recordingUrl: true } });
      changed = await fn(tx, m);
      const rows = await readLiveRows(tx, meetingId);
      if (!rows) throw new NotFoundError('The meeting');
      return toOfficeLive(rows);
    });
    if (changed) this.events.changed(this.tenant.require().id, meetingId);
    return result;
  }
}

import { Injectable } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { ConflictError, NotFoundError, StaleVersionError, TenantContext } from '@ratsinfo/api-core';
import { TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import { MeetingBundleRequests } from '@ratsinfo/api-files';
import { InvitationRequests, requireTransition } from '@ratsinfo/api-mail';
import { allowedTransitions, lifecycleState, type MeetingLifecycleDto, type MeetingState, type MeetingTransitionInput } from '@ratsinfo/contracts';
import { LiveMeetingEvents } from '../live/live-meeting-events';
import { MeetingsService } from '../meetings.service';

const LIFECYCLE_SELECT = {
  id: true,
  version: true,
  cancelled: true,
  cancelledReason: true,
  meetingState: true,
  start: true,
  end: true,
  invitedAt: true,
  urgentReason: true,
  startedAt: true,
  closedAt: true,
  minutesApprovedByItemId: true,
} as const;

/**
 * The meeting's lifecycle (planned → invited → running → held → minutes drafted → minutes
 * approved; cancelled before held): every transition is a compare-and-set on the meeting's
 * version in one tenant transaction, audited as `meeting.state-changed`. The invitation records
 * the outbox event that the worker turns into mails (InvitationRequests, shared with
 * `…/invitations`); the cancellation is exactly `POST …/cancel`.
 */
@Injectable()
export class MeetingLifecycleService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditLog,
    private readonly invitations: InvitationRequests,
    private readonly meetings: MeetingsService,
    private readonly bundles: MeetingBundleRequests,
    private readonly tenant: TenantContext,
    private readonly live: LiveMeetingEvents,
  ) {}

  async lifecycle(meetingId: string): Promise<MeetingLifecycleDto> {
    return this.db.transaction(async (tx) => {
      const found = await this.read(tx, meetingId);
      if (!found) throw new NotFoundError('The meeting');
      return found;
    });
  }

  async transition(meetingId: string, expected: number, input: MeetingTransitionInput): Promise<MeetingLifecycleDto> {
    const done = await this.move(meetingId, expected, input);
    // Opening, closing or cancelling changes what the portal's live view shows (ADR 0017).
    this.live.changed(this.tenant.require().id, meetingId);
    return done;
  }

  private async move(meetingId: string, expected: number, input: MeetingTransitionInput): Promise<MeetingLifecycleDto> {
    const to = input.to;
    if (to === 'cancelled') {
      // Exactly the cancellation of `POST …/cancel` (its checks, its mails to everyone invited).
      await this.meetings.cancel(meetingId, expected, { reason: input.reason ?? '' });
      return this.lifecycle(meetingId);
    }
    return this.db.transaction(async (tx) => {
      const stale = () => this.read(tx, meetingId);
      if (to === 'invited') {
        await this.invitations.invite(tx, meetingId, expected, { message: input.message, urgentReason: input.urgentReason }, stale);
        await this.audit.tenantEvent(tx, {
          action: 'meeting.state-changed',
          entityType: 'meeting',
          entityId: meetingId,
          changes: { to: 'invited', ...(input.urgentReason ? { urgentReason: input.urgentReason } : {}) },
        });
        return this.mustRead(tx, meetingId);
      }

      const m = await tx.meeting.findFirst({ where: { id: meetingId, deletedAt: null }, select: { version: true, cancelled: true, meetingState: true } });
      if (!m) throw new NotFoundError('The meeting');
      if (m.version !== expected) throw new StaleVersionError('The meeting', await stale());
      requireTransition(m, to);

      const now = new Date();
      const data: Record<string, unknown> = { meetingState: to satisfies MeetingState };
      const changes: Record<string, unknown> = { from: lifecycleState(m), to };
      if (to === 'running') data['startedAt'] = now;
      if (to === 'held') {
        // Back from the drafted minutes the meeting stays closed when it was.
        if (m.meetingState === 'running') data['closedAt'] = now;
        data['currentAgendaItemId'] = null;
      }
      if (to === 'minutes_approved') {
        const itemId = input.approvedByItemId ?? '';
        await this.requireApprovingItem(tx, meetingId, itemId);
        data['minutesApprovedByItemId'] = itemId;
        changes['approvedByItemId'] = itemId;
      }
      const bumped = await tx.meeting.updateMany({ where: { id: meetingId, deletedAt: null, version: expected }, data: { ...data, version: { increment: 1 } } });
      if (bumped.count === 0) throw new StaleVersionError('The meeting', await stale());
      // The bundles' cover shows the meeting's state.
      await this.bundles.forMeetings(tx, [meetingId]);
      await this.audit.tenantEvent(tx, { action: 'meeting.state-changed', entityType: 'meeting', entityId: meetingId, changes });
      return this.mustRead(tx, meetingId);
    });
  }

  /**
   * The minutes are approved by an agenda item of a later meeting: living, naming this meeting as
   * the one whose minutes it approves, and accepted.
   */
  private async requireApprovingItem(tx: TenantTx, meetingId: string, itemId: string): Promise<void> {
    const [meeting, item] = await Promise.all([
      tx.meeting.findFirst({ where: { id: meetingId }, select: { start: true } }),
      tx.agendaItem.findFirst({
        where: { id: itemId, deletedAt: null, meeting: { deletedAt: null } },
        select: { approvesMinutesOfMeetingId: true, resultKind: true, meeting: { select: { id: true, start: true, cancelled: true } } },
      }),
    ]);
    if (!meeting || !item) throw new ConflictError('approvedByItemId: the agenda item does not exist (in this authority).');
    if (item.meeting.id === meetingId || item.meeting.start <= meeting.start) throw new ConflictError('approvedByItemId: the minutes are approved by an item of a later meeting.');
    if (item.meeting.cancelled) throw new ConflictError('approvedByItemId: the item belongs to a cancelled meeting.');
    if (item.approvesMinutesOfMeetingId !== meetingId) throw new ConflictError('approvedByItemId: the item does not approve the minutes of this meeting (approvesMinutesOfMeetingId).');
    if (item.resultKind !== 'accepted') throw new ConflictError('approvedByItemId: the item has not been decided as accepted.');
  }

  private async mustRead(tx: TenantTx, meetingId: string): Promise<MeetingLifecycleDto> {
    const found = await this.read(tx, meetingId);
    if (!found) throw new NotFoundError('The meeting');
    return found;
  }

  /** Living agenda items of living later meetings that name this meeting's minutes for approval. */
  private async approvalCandidates(tx: TenantTx, meetingId: string): Promise<MeetingLifecycleDto['approvalCandidates']> {
    const rows = await tx.agendaItem.findMany({
      where: { approvesMinutesOfMeetingId: meetingId, deletedAt: null, meeting: { deletedAt: null } },
      select: { id: true, number: true, name: true, resultKind: true, meeting: { select: { id: true, name: true, start: true } } },
      orderBy: [{ meeting: { start: 'asc' } }, { order: 'asc' }],
      take: 20,
    });
    return rows.map((r) => ({
      itemId: r.id,
      number: r.number,
      name: r.name,
      meetingId: r.meeting.id,
      meetingName: r.meeting.name,
      meetingStart: r.meeting.start.toISOString(),
      accepted: r.resultKind === 'accepted',
    }));
  }

  private async read(tx: TenantTx, meetingId: string): Promise<MeetingLifecycleDto | null> {
    const m = await tx.meeting.findFirst({ where: { id: meetingId, deletedAt: null }, select: LIFECYCLE_SELECT });
    if (!m) return null;
    const state = lifecycleState(m);
    return {
      meetingId: m.id,
      state,
      allowedTransitions: [...allowedTransitions(state)],
      version: m.version,
      invitedAt: m.invitedAt?.toISOString() ?? null,
      urgentReason: m.urgentReason,
      startedAt: m.startedAt?.toISOString() ?? null,
      closedAt: m.closedAt?.toISOString() ?? null,
      cancelledReason: m.cancelledReason,
      minutesApprovedByItemId: m.minutesApprovedByItemId,
      approvalCandidates: await this.approvalCandidates(tx, m.id),
      notice: await this.invitations.notice(tx, m.start),
    };
  }
}

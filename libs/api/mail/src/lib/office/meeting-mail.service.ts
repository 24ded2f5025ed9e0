import { Injectable } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { ConflictError, NotFoundError } from '@ratsinfo/api-core';
import { TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import {
  type AddGuestInput,
  INVITATION_REQUESTED_TOPIC,
  type InvitationRequestedDto,
  type MeetingGuestDto,
  type MeetingGuestListDto,
  type MeetingMailListDto,
  type SendInvitationInput,
} from '@ratsinfo/contracts';
import { InvitationRequests } from './invitation-requests';

/**
 * A meeting's invitation as the clerk sees it: sending it (or an update) records one outbox event
 * `meeting.invitation-requested` in the transaction that moves the meeting's iCal SEQUENCE and
 * version; the worker turns it into one mail per entitled recipient. The version compare-and-set
 * makes a double click (the same If-Match twice) a 412, never a second sending.
 */
@Injectable()
export class MeetingMailService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditLog,
    private readonly requests: InvitationRequests,
  ) {}

  /**
   * `kind: 'invitation'` is the lifecycle's `invited` transition (state and notice-period check; a
   * late one is refused here: urgent invitations go through `…/transitions` with a reason);
   * `kind: 'update'` sends the current state again.
   */
  async requestInvitation(meetingId: string, expected: number, input: SendInvitationInput): Promise<InvitationRequestedDto> {
    return this.db.transaction(async (tx) => {
      const stale = () => this.state(tx, meetingId);
      return input.kind === 'invitation'
        ? this.requests.invite(tx, meetingId, expected, { message: input.message }, stale)
        : this.requests.update(tx, meetingId, expected, input.message, stale);
    });
  }

  /** The invitation state and every mail of the meeting, newest sequence first: the proof of a timely invitation. */
  async mails(meetingId: string): Promise<MeetingMailListDto> {
    return this.db.transaction(async (tx) => {
      const state = await this.state(tx, meetingId);
      if (!state) throw new NotFoundError('The meeting');
      const rows = await tx.mailMessage.findMany({
        where: { meetingId },
        orderBy: [{ icalSequence: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }, { recipientName: 'asc' }],
        take: 2000,
        select: { id: true, recipientName: true, recipientEmail: true, template: true, data: true, icalSequence: true, status: true, acceptedAt: true, lastError: true, createdAt: true },
      });
      // Requests the worker has not yet turned into mails ("being sent").
      const pending = await tx.$queryRaw<{ n: bigint }[]>`
        SELECT count(*) AS n FROM outbox_events
         WHERE topic = ${INVITATION_REQUESTED_TOPIC} AND payload->>'meetingId' = ${meetingId} AND processed_at IS NULL AND dead_at IS NULL`;
      return {
        ...state,
        pendingRequests: Number(pending[0]?.n ?? 0),
        data: rows.map((r) => ({
          id: r.id,
          recipientName: r.recipientName,
          recipientEmail: r.recipientEmail,
          template: r.template,
          kind: invitationKindOf(r.template, r.data),
          sequence: r.icalSequence,
          status: r.status,
          acceptedAt: r.acceptedAt?.toISOString() ?? null,
          lastError: r.lastError,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    });
  }

  // ---- Guests -----------------------------------------------------------------------------------

  async guests(meetingId: string): Promise<MeetingGuestListDto> {
    return this.db.transaction(async (tx) => {
      await this.requireMeeting(tx, meetingId);
      const rows = await tx.meetingGuest.findMany({ where: { meetingId, deletedAt: null }, orderBy: [{ name: 'asc' }, { createdAt: 'asc' }] });
      return { data: rows.map(toGuest) };
    });
  }

  async addGuest(meetingId: string, input: AddGuestInput): Promise<MeetingGuestDto> {
    return this.db.transaction(async (tx) => {
      const m = await this.requireMeeting(tx, meetingId);
      if (m.cancelled) throw new ConflictError('The meeting is cancelled: guests can no longer be added.');
      // The address is in its one stored form (lower case); the partial unique index is the backstop for two clerks at once.
      const existing = await tx.meetingGuest.findFirst({ where: { meetingId, deletedAt: null, email: input.email }, select: { id: true } });
      if (existing) throw new ConflictError('A guest with this e-mail address is already invited to the meeting.');
      const g = await tx.meetingGuest.create({ data: { tenantId: m.tenantId, meetingId, name: input.name, email: input.email } });
      await this.audit.tenantEvent(tx, { action: 'meeting-guest.added', entityType: 'meeting', entityId: meetingId, changes: { guestId: g.id, name: g.name, email: g.email } });
      return toGuest(g);
    });
  }

  async removeGuest(meetingId: string, guestId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.requireMeeting(tx, meetingId);
      const g = await tx.meetingGuest.findFirst({ where: { id: guestId, meetingId, deletedAt: null } });
      if (!g) throw new NotFoundError('The guest');
      await tx.meetingGuest.update({ where: { id: g.id }, data: { deletedAt: new Date() } });
      await this.audit.tenantEvent(tx, { action: 'meeting-guest.removed', entityType: 'meeting', entityId: meetingId, changes: { guestId: g.id, name: g.name, email: g.email } });
    });
  }

  // ---- Internals --------------------------------------------------------------------------------

  private async requireMeeting(tx: TenantTx, meetingId: string) {
    const m = await tx.meeting.findFirst({ where: { id: meetingId, deletedAt: null }, select: { id: true, tenantId: true, cancelled: true } });
    if (!m) throw new NotFoundError('The meeting');
    return m;
  }

  private async state(tx: TenantTx, meetingId: string) {
    const m = await tx.meeting.findFirst({ where: { id: meetingId, deletedAt: null }, select: { id: true, version: true, cancelled: true, icalSequence: true, invitedAt: true } });
    if (!m) return null;
    return { meetingId: m.id, version: m.version, cancelled: m.cancelled, sequence: m.icalSequence, invitedAt: m.invitedAt?.toISOString() ?? null };
  }
}

function toGuest(g: { id: string; name: string; email: string; createdAt: Date }): MeetingGuestDto {
  return { id: g.id, name: g.name, email: g.email, createdAt: g.createdAt.toISOString() };
}

/** The kind of a `meeting-invitation` mail from its record's data.kind (the worker renders all three kinds with one template). */
export function invitationKindOf(template: string, data: unknown): 'invitation' | 'update' | 'cancellation' | null {
  if (template !== 'meeting-invitation' || !data || typeof data !== 'object') return null;
  const kind = (data as { kind?: unknown }).kind;
  return kind === 'invitation' || kind === 'update' || kind === 'cancellation' ? kind : null;
}

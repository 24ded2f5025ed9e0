import { Injectable } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { AuthContext, ConflictError, NotFoundError, StaleVersionError } from '@ratsinfo/api-core';
import { type OutboxActor, OutboxWriter, TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import {
  type AddGuestInput,
  INVITATION_REQUESTED_TOPIC,
  type InvitationRequestedDto,
  type InvitationRequestedPayload,
  type MeetingGuestDto,
  type MeetingGuestListDto,
  type MeetingMailListDto,
  type SendInvitationInput,
} from '@ratsinfo/contracts';

/** Who caused an event, so that the worker writes its audit trail in their name. */
export function outboxActor(auth: AuthContext): OutboxActor {
  const p = auth.principal();
  const s = auth.tenantSession();
  return { issuer: p?.issuer ?? null, subject: p?.subject ?? null, name: p?.name ?? null, actingRole: s?.actingRole ?? null };
}

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
    private readonly auth: AuthContext,
    private readonly audit: AuditLog,
    private readonly outbox: OutboxWriter,
  ) {}

  async requestInvitation(meetingId: string, expected: number, input: SendInvitationInput): Promise<InvitationRequestedDto> {
    return this.db.transaction(async (tx) => {
      const m = await tx.meeting.findFirst({
        where: { id: meetingId, deletedAt: null },
        select: { version: true, cancelled: true, start: true, end: true, icalSequence: true, invitedAt: true },
      });
      if (!m) throw new NotFoundError('The meeting');
      if (m.version !== expected) throw new StaleVersionError('The meeting', await this.state(tx, meetingId));
      if (m.cancelled) throw new ConflictError('The meeting is cancelled: its invitation can no longer be sent. The cancellation went to everyone invited.');
      if ((m.end ?? m.start).getTime() < Date.now()) throw new ConflictError('The meeting is over: an invitation can no longer be sent.');
      if (input.kind === 'update' && !m.invitedAt) throw new ConflictError('The meeting has not been invited yet: send the invitation first, then updates.');
      if (input.kind === 'invitation' && m.invitedAt) throw new ConflictError('The meeting has already been invited: send an update instead.');

      const invitedAt = m.invitedAt ?? new Date();
      const sequence = m.icalSequence + 1;
      const bumped = await tx.meeting.updateMany({
        where: { id: meetingId, deletedAt: null, version: expected },
        data: { icalSequence: sequence, invitedAt, version: { increment: 1 } },
      });
      if (bumped.count === 0) throw new StaleVersionError('The meeting', await this.state(tx, meetingId));

      const payload: InvitationRequestedPayload = { meetingId, kind: input.kind, sequence, ...(input.message ? { message: input.message } : {}) };
      await this.outbox.add(tx, { topic: INVITATION_REQUESTED_TOPIC, payload, actor: outboxActor(this.auth) });
      await this.audit.tenantEvent(tx, {
        action: INVITATION_REQUESTED_TOPIC,
        entityType: 'meeting',
        entityId: meetingId,
        changes: { kind: input.kind, sequence, ...(input.message ? { message: input.message } : {}) },
      });
      return { sequence, invitedAt: invitedAt.toISOString(), version: expected + 1 };
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

import { Injectable } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { AuthContext, ConflictError, NotFoundError, StaleVersionError, TenantContext } from '@ratsinfo/api-core';
import { type OutboxActor, OutboxWriter, type TenantTx } from '@ratsinfo/api-database';
import { berlinDate } from '@ratsinfo/berlin-time';
import {
  allowedTransitions,
  INVITATION_REQUESTED_TOPIC,
  type InvitationRequestedDto,
  type InvitationRequestedPayload,
  invitationIsTimely,
  latestTimelyInvitationDate,
  lifecycleState,
  type MeetingState,
  type NoticeInfoDto,
} from '@ratsinfo/contracts';

/** How long an automatic update waits for further changes before it is sent (one mail for a burst of edits). */
export const AUTOMATIC_UPDATE_DELAY_MS = 2 * 60_000;
/**
 * A pending automatic update takes further changes only while it is at least this far from being
 * due: the relay cannot have claimed it (and read the meeting) before the change commits.
 */
const COALESCE_MARGIN_SECONDS = 10;

/** Who caused an event, so that the worker writes its audit trail in their name. */
export function outboxActor(auth: AuthContext): OutboxActor {
  const p = auth.principal();
  const s = auth.tenantSession();
  return { issuer: p?.issuer ?? null, subject: p?.subject ?? null, name: p?.name ?? null, actingRole: s?.actingRole ?? null };
}

export interface InviteOptions {
  message?: string;
  /** Given: a late invitation is sent anyway (Dringlichkeit), the reason stored, audited and shown in the mail. */
  urgentReason?: string;
}

/**
 * The invitation requests of a meeting, written in the caller's tenant transaction (one place for
 * the lifecycle's `invited` transition, the clerk's `…/invitations` route and the automatic update
 * after a change): each moves the meeting's iCal SEQUENCE and records one outbox event
 * `meeting.invitation-requested` that the worker turns into one mail per entitled recipient.
 */
@Injectable()
export class InvitationRequests {
  constructor(
    private readonly auth: AuthContext,
    private readonly tenant: TenantContext,
    private readonly audit: AuditLog,
    private readonly outbox: OutboxWriter,
  ) {}

  /** The authority's notice period applied to a meeting's day (Berlin), as of today (Berlin). */
  async notice(tx: TenantTx, start: Date): Promise<NoticeInfoDto> {
    const t = await tx.tenant.findUniqueOrThrow({ where: { id: this.tenant.require().id }, select: { noticePeriodDays: true, invitationDeliveryDays: true } });
    const meetingDate = berlinDate(start);
    const latestTimelyDate = latestTimelyInvitationDate(meetingDate, t.noticePeriodDays, t.invitationDeliveryDays);
    return {
      noticePeriodDays: t.noticePeriodDays,
      invitationDeliveryDays: t.invitationDeliveryDays,
      meetingDate,
      latestTimelyDate,
      timelyNow: invitationIsTimely(berlinDate(), meetingDate, t.noticePeriodDays, t.invitationDeliveryDays),
    };
  }

  /**
   * The invitation (planned → invited): checks the version, the state and the notice period; a late
   * one needs `urgentReason`. `stale` reads what a 412 carries.
   */
  async invite(tx: TenantTx, meetingId: string, expected: number, opts: InviteOptions, stale: () => Promise<unknown>): Promise<InvitationRequestedDto> {
    const m = await tx.meeting.findFirst({
      where: { id: meetingId, deletedAt: null },
      select: { version: true, cancelled: true, start: true, end: true, icalSequence: true, invitedAt: true, meetingState: true },
    });
    if (!m) throw new NotFoundError('The meeting');
    if (m.version !== expected) throw new StaleVersionError('The meeting', await stale());
    if (m.cancelled) throw new ConflictError('The meeting is cancelled: its invitation can no longer be sent. The cancellation went to everyone invited.', { allowed: [] });
    if ((m.end ?? m.start).getTime() < Date.now()) throw new ConflictError('The meeting is over: an invitation can no longer be sent.');
    if (m.invitedAt) throw new ConflictError('The meeting has already been invited: send an update instead.');
    requireTransition(m, 'invited');

    const notice = await this.notice(tx, m.start);
    if (!notice.timelyNow && !opts.urgentReason) {
      throw new ConflictError(
        `The invitation is too late: with ${notice.noticePeriodDays} days' notice and delivery after ${notice.invitationDeliveryDays} day(s), ` +
          `it had to be sent by ${notice.latestTimelyDate} for the meeting on ${notice.meetingDate}. Invite it as urgent with a reason (urgentReason), or move the meeting.`,
        { latestTimelyDate: notice.latestTimelyDate },
      );
    }
    // An urgent reason is kept only where it was needed: a timely invitation is not urgent.
    const urgentReason = notice.timelyNow ? null : (opts.urgentReason ?? null);

    const invitedAt = new Date();
    const sequence = m.icalSequence + 1;
    const bumped = await tx.meeting.updateMany({
      where: { id: meetingId, deletedAt: null, version: expected },
      data: { icalSequence: sequence, invitedAt, meetingState: 'invited', urgentReason, version: { increment: 1 } },
    });
    if (bumped.count === 0) throw new StaleVersionError('The meeting', await stale());

    const payload: InvitationRequestedPayload = { meetingId, kind: 'invitation', sequence, ...(opts.message ? { message: opts.message } : {}) };
    await this.outbox.add(tx, { topic: INVITATION_REQUESTED_TOPIC, payload, actor: outboxActor(this.auth) });
    await this.audit.tenantEvent(tx, {
      action: INVITATION_REQUESTED_TOPIC,
      entityType: 'meeting',
      entityId: meetingId,
      changes: {
        kind: 'invitation',
        sequence,
        ...(opts.message ? { message: opts.message } : {}),
        ...(urgentReason ? { urgentReason, latestTimelyDate: notice.latestTimelyDate } : {}),
      },
    });
    return { sequence, invitedAt: invitedAt.toISOString(), version: expected + 1 };
  }

  /** The clerk's update of an invited meeting (a new SEQUENCE, sent at once). */
  async update(tx: TenantTx, meetingId: string, expected: number, message: string | undefined, stale: () => Promise<unknown>): Promise<InvitationRequestedDto> {
    const m = await tx.meeting.findFirst({ where: { id: meetingId, deletedAt: null }, select: { version: true, cancelled: true, start: true, end: true, icalSequence: true, invitedAt: true } });
    if (!m) throw new NotFoundError('The meeting');
    if (m.version !== expected) throw new StaleVersionError('The meeting', await stale());
    if (m.cancelled) throw new ConflictError('The meeting is cancelled: its invitation can no longer be sent. The cancellation went to everyone invited.');
    if ((m.end ?? m.start).getTime() < Date.now()) throw new ConflictError('The meeting is over: an invitation can no longer be sent.');
    if (!m.invitedAt) throw new ConflictError('The meeting has not been invited yet: send the invitation first, then updates.');
    const sequence = m.icalSequence + 1;
    const bumped = await tx.meeting.updateMany({ where: { id: meetingId, deletedAt: null, version: expected }, data: { icalSequence: sequence, version: { increment: 1 } } });
    if (bumped.count === 0) throw new StaleVersionError('The meeting', await stale());
    const payload: InvitationRequestedPayload = { meetingId, kind: 'update', sequence, ...(message ? { message } : {}) };
    await this.outbox.add(tx, { topic: INVITATION_REQUESTED_TOPIC, payload, actor: outboxActor(this.auth) });
    await this.audit.tenantEvent(tx, { action: INVITATION_REQUESTED_TOPIC, entityType: 'meeting', entityId: meetingId, changes: { kind: 'update', sequence, ...(message ? { message } : {}) } });
    return { sequence, invitedAt: m.invitedAt.toISOString(), version: expected + 1 };
  }

  /**
   * After a change of an invited meeting (time, place, name, agenda), in the transaction that made
   * it (which holds the meeting row's lock): one update, sent after AUTOMATIC_UPDATE_DELAY_MS so
   * that a burst of edits becomes one mail. While such an update is pending (not yet due, and
   * still the newest request) nothing new is recorded: the worker reads the meeting when it sends.
   * Returns the sequence of the new request, or null when none was needed.
   */
  async automaticUpdate(tx: TenantTx, meetingId: string): Promise<number | null> {
    const m = await tx.meeting.findFirst({ where: { id: meetingId, deletedAt: null }, select: { cancelled: true, invitedAt: true, meetingState: true, icalSequence: true, start: true, end: true } });
    if (!m || m.cancelled || !m.invitedAt) return null;
    if (m.meetingState !== 'planned' && m.meetingState !== 'invited') return null;
    if ((m.end ?? m.start).getTime() < Date.now()) return null;
    const pending = await tx.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM outbox_events
       WHERE topic = ${INVITATION_REQUESTED_TOPIC} AND payload->>'meetingId' = ${meetingId} AND payload->>'kind' = 'update'
         AND (payload->>'sequence')::int = ${m.icalSequence}::int
         AND processed_at IS NULL AND dead_at IS NULL AND claimed_at IS NULL
         AND available_at > now() + make_interval(secs => ${COALESCE_MARGIN_SECONDS}::int)`;
    if (Number(pending[0]?.n ?? 0) > 0) return null;
    const sequence = m.icalSequence + 1;
    await tx.meeting.update({ where: { id: meetingId }, data: { icalSequence: sequence } });
    const payload: InvitationRequestedPayload = { meetingId, kind: 'update', sequence };
    await this.outbox.add(tx, { topic: INVITATION_REQUESTED_TOPIC, payload, actor: outboxActor(this.auth), availableAt: new Date(Date.now() + AUTOMATIC_UPDATE_DELAY_MS) });
    await this.audit.tenantEvent(tx, { action: INVITATION_REQUESTED_TOPIC, entityType: 'meeting', entityId: meetingId, changes: { kind: 'update', sequence, automatic: true } });
    return sequence;
  }
}

/** 409 naming the allowed transitions (and carrying them as the problem's `allowed`) unless `to` is one. */
export function requireTransition(m: { meetingState: MeetingState; cancelled: boolean }, to: string): void {
  const from = lifecycleState(m);
  const allowed = allowedTransitions(from);
  if (!(allowed as readonly string[]).includes(to)) {
    throw new ConflictError(
      `A ${from} meeting cannot become ${to}. ${allowed.length ? `Allowed: ${allowed.join(', ')}.` : 'No transition is allowed from here.'}`,
      { allowed: [...allowed] },
    );
  }
}

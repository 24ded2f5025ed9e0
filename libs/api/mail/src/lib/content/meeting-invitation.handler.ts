import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { TenantContext } from '@ratsinfo/api-core';
import { type Prisma, TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import { type OutboxEventView, type OutboxHandler, OutboxHandlerRegistry, PermanentJobError } from '@ratsinfo/api-jobs';
import { z } from 'zod';
import { MailOutbox, type NewMail } from '../mail-outbox';
import { INVITATION_KINDS, type InvitationData, type ReminderData } from './mail-data';
import { mailDedupeKey, MeetingMailData, type MeetingRecipients, type MeetingRow } from './meeting-mail-data';

export const MEETING_INVITATION_TOPIC = 'meeting.invitation-requested';

export const invitationRequestSchema = z.object({
  meetingId: z.uuid(),
  kind: z.enum(INVITATION_KINDS),
  sequence: z.number().int().min(1),
  message: z.string().max(2000).nullish(),
});
export type InvitationRequest = z.infer<typeof invitationRequestSchema>;

/**
 * The mails for everyone entitled to attend one meeting: members and their deputies get the
 * member version (non-public part as numbers, link to the member area), guests the public one
 * (link to the portal). One address, one mail: a guest who is also a member, or two persons
 * sharing an address, get the member version once.
 */
export function meetingMails<T extends InvitationData | ReminderData>(
  recipients: MeetingRecipients,
  dedupePrefix: string,
  base: { template: string; meetingId: string; icalSequence?: number; eventId?: string | null },
  dataFor: (audience: 'member' | 'guest') => T,
): NewMail[] {
  const seen = new Set<string>();
  const mails: NewMail[] = [];
  const memberData = dataFor('member');
  const guestData = dataFor('guest');
  for (const p of recipients.persons) {
    const key = p.email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    mails.push({
      dedupeKey: mailDedupeKey(dedupePrefix, p.email),
      template: base.template,
      locale: p.locale,
      recipientEmail: p.email,
      recipientName: p.name,
      personId: p.personId,
      meetingId: base.meetingId,
      eventId: base.eventId ?? null,
      icalSequence: base.icalSequence ?? null,
      data: memberData as unknown as Prisma.InputJsonObject,
    });
  }
  for (const g of recipients.guests) {
    const key = g.email.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    mails.push({
      dedupeKey: mailDedupeKey(dedupePrefix, g.email),
      template: base.template,
      locale: 'de',
      recipientEmail: g.email,
      recipientName: g.name,
      meetingId: base.meetingId,
      eventId: base.eventId ?? null,
      icalSequence: base.icalSequence ?? null,
      data: guestData as unknown as Prisma.InputJsonObject,
    });
  }
  return mails;
}

/**
 * `meeting.invitation-requested {meetingId, kind, sequence, message?}` (written by the API in the
 * transaction that raises `meetings.ical_sequence`): records one `meeting-invitation` mail per
 * entitled address, in one tenant transaction, deduplicated by
 * `meeting-invitation:<meetingId>:<sequence>:<lower(email)>` (a second run records nothing).
 *
 * A meeting this tenant cannot see (deleted, or another authority's id) is a PermanentJobError
 * `not-found`: the event becomes a dead letter at once and no mail is recorded. A request
 * superseded by a newer one (sequence below the meeting's) and an invitation or update for a
 * meeting cancelled meanwhile are skipped: the newer message carries the current state.
 */
@Injectable()
export class MeetingInvitationHandler implements OutboxHandler, OnModuleInit {
  private readonly logger = new Logger(MeetingInvitationHandler.name);

  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    private readonly data: MeetingMailData,
    private readonly mails: MailOutbox,
  ) {}

  onModuleInit(): void {
    this.registry.register(MEETING_INVITATION_TOPIC, this);
  }

  async handle(event: OutboxEventView): Promise<void> {
    const p = invitationRequestSchema.safeParse(event.payload);
    if (!p.success) throw new PermanentJobError('invalid-payload', `${MEETING_INVITATION_TOPIC} needs { meetingId, kind, sequence, message? }`);
    const req = p.data;
    const { slug } = this.tenant.require();
    await this.db.transaction(
      async (tx) => {
        const meeting = await this.data.meeting(tx, req.meetingId);
        if (!meeting) throw new PermanentJobError('not-found', `meeting ${req.meetingId} does not exist in this authority`);
        if (req.sequence < meeting.icalSequence) {
          this.logger.log({ meetingId: meeting.id, sequence: req.sequence, current: meeting.icalSequence }, 'invitation superseded by a newer one; skipped');
          return;
        }
        if (req.kind !== 'cancellation' && meeting.cancelled) {
          this.logger.log({ meetingId: meeting.id, kind: req.kind }, 'meeting cancelled meanwhile; invitation skipped');
          return;
        }
        const created = await this.record(tx, meeting, req, slug, event);
        this.logger.log({ meetingId: meeting.id, kind: req.kind, sequence: req.sequence, ...created }, 'invitation mails recorded');
      },
      { timeoutMs: 60_000 },
    );
  }

  private async record(tx: TenantTx, meeting: MeetingRow, req: InvitationRequest, slug: string, event: OutboxEventView) {
    const recipients = await this.data.recipients(tx, meeting);
    if (recipients.withoutAddress.length > 0) {
      this.logger.warn({ meetingId: meeting.id, persons: recipients.withoutAddress }, `${recipients.withoutAddress.length} entitled person(s) without an e-mail address: no invitation`);
    }
    const agenda = await this.data.agenda(tx, meeting.id);
    const snapshot = this.data.snapshot(meeting);
    const mails = meetingMails<InvitationData>(
      recipients,
      `meeting-invitation:${meeting.id}:${req.sequence}`,
      { template: 'meeting-invitation', meetingId: meeting.id, icalSequence: req.sequence, eventId: event.id },
      (audience) => ({
        kind: req.kind,
        sequence: req.sequence,
        audience,
        meeting: snapshot,
        agenda: audience === 'member' ? agenda : { public: agenda.public, nonPublic: null },
        message: req.message?.trim() || null,
        urgentReason: meeting.urgentReason,
        link: audience === 'member' ? this.data.memberLink(slug, meeting.id) : this.data.portalLink(slug, meeting.id),
      }),
    );
    const ids = await this.mails.add(tx, mails, event.actor);
    return { recipients: mails.length, created: ids.length, withoutAddress: recipients.withoutAddress.length };
  }
}

import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { TenantContext } from '@ratsinfo/api-core';
import { type Prisma, TenantDatabase } from '@ratsinfo/api-database';
import { type OutboxEventView, type OutboxHandler, OutboxHandlerRegistry, PermanentJobError } from '@ratsinfo/api-jobs';
import { z } from 'zod';
import { MailOutbox, type NewMail } from '../mail-outbox';
import type { AbsenceData } from './mail-data';
import { MeetingMailData, personName } from './meeting-mail-data';

export const ABSENCE_NOTICED_TOPIC = 'absence.noticed';
const payloadSchema = z.object({ absenceNoticeId: z.uuid() });

/**
 * `absence.noticed {absenceNoticeId}`: tells the absent person's deputies in the meeting's
 * organization (memberships standing in for them, current on the meeting's day) who is absent
 * from which meeting, when, with a link to the member area; never the reason. One
 * `absence-notice` mail per deputy (dedupe `absence-notice:<noticeId>:<deputyPersonId>`).
 * A withdrawn notice, a deleted or cancelled meeting, or no deputy with an address: nothing.
 * A notice this tenant cannot see: PermanentJobError `not-found`.
 */
@Injectable()
export class AbsenceNoticeHandler implements OutboxHandler, OnModuleInit {
  private readonly logger = new Logger(AbsenceNoticeHandler.name);

  constructor(
    private readonly registry: OutboxHandlerRegistry,
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    private readonly data: MeetingMailData,
    private readonly mails: MailOutbox,
  ) {}

  onModuleInit(): void {
    this.registry.register(ABSENCE_NOTICED_TOPIC, this);
  }

  async handle(event: OutboxEventView): Promise<void> {
    const p = payloadSchema.safeParse(event.payload);
    if (!p.success) throw new PermanentJobError('invalid-payload', `${ABSENCE_NOTICED_TOPIC} needs { absenceNoticeId }`);
    const noticeId = p.data.absenceNoticeId;
    const { slug } = this.tenant.require();
    await this.db.transaction(async (tx) => {
      const [notice] = await tx.$queryRaw<{ id: string; meetingId: string; personId: string; withdrawn: boolean; title: string | null; givenName: string; familyName: string }[]>`
        SELECT n.id, n.meeting_id AS "meetingId", n.person_id AS "personId", n.withdrawn_at IS NOT NULL AS withdrawn,
               p.title, p.given_name AS "givenName", p.family_name AS "familyName"
          FROM absence_notices n JOIN persons p ON p.id = n.person_id
         WHERE n.id = ${noticeId}::uuid`;
      if (!notice) throw new PermanentJobError('not-found', `absence notice ${noticeId} does not exist in this authority`);
      if (notice.withdrawn) return;
      const meeting = await this.data.meeting(tx, notice.meetingId);
      if (!meeting || meeting.cancelled) return;
      const deputies = await tx.$queryRaw<{ personId: string; title: string | null; givenName: string; familyName: string; email: string | null; locale: string | null }[]>`
        SELECT DISTINCT ON (p.id) p.id AS "personId", p.title, p.given_name AS "givenName", p.family_name AS "familyName",
               COALESCE(NULLIF(btrim(ua.email), ''), NULLIF(btrim(p.email), '')) AS email, ua.locale
          FROM memberships ms
          JOIN persons p ON p.id = ms.person_id AND p.deleted_at IS NULL
          LEFT JOIN user_accounts ua ON ua.person_id = p.id
         WHERE ms.organization_id = ${meeting.organizationId}::uuid AND ms.deputy_for_id = ${notice.personId}::uuid
           AND ms.person_id <> ${notice.personId}::uuid AND ms.deleted_at IS NULL
           AND (ms.start_date IS NULL OR ms.start_date <= ${meeting.day}::date)
           AND (ms.end_date IS NULL OR ms.end_date >= ${meeting.day}::date)
         ORDER BY p.id`;
      const data: AbsenceData = {
        noticeId: notice.id,
        absentName: personName(notice),
        meeting: this.data.snapshot(meeting),
        link: this.data.memberLink(slug, meeting.id),
      };
      const mails: NewMail[] = deputies
        .filter((d): d is typeof d & { email: string } => !!d.email)
        .map((d) => ({
          dedupeKey: `absence-notice:${notice.id}:${d.personId}`,
          template: 'absence-notice',
          locale: d.locale === 'en' ? 'en' : 'de',
          recipientEmail: d.email,
          recipientName: personName(d),
          personId: d.personId,
          meetingId: meeting.id,
          eventId: event.id,
          data: data as unknown as Prisma.InputJsonObject,
        }));
      const without = deputies.length - mails.length;
      if (without > 0) this.logger.warn({ noticeId, meetingId: meeting.id }, `${without} deputy/deputies without an e-mail address`);
      await this.mails.add(tx, mails, event.actor);
    });
  }
}

import { Injectable } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { AuthContext, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@ratsinfo/api-core';
import { OutboxWriter, TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import { ABSENCE_NOTICED_TOPIC, type AbsenceNoticeDto, type AbsenceNoticeListDto, type MyAbsenceDto, type NoticeAbsenceInput } from '@ratsinfo/contracts';
import { berlinDate } from '@ratsinfo/berlin-time';
import { outboxActor } from './invitation-requests';

const noticeSelect = {
  id: true,
  personId: true,
  reason: true,
  createdByName: true,
  createdAt: true,
  person: { select: { givenName: true, familyName: true } },
} as const;

type NoticeRow = { id: string; personId: string; reason: string | null; createdByName: string | null; createdAt: Date; person: { givenName: string; familyName: string } };

/**
 * Absence notices: a member tells the office they cannot attend (the worker forwards it to their
 * deputy through `absence.noticed`), or a clerk records one for them. Only a member or deputy of
 * the meeting's body, on the meeting's day, can be absent; one standing notice per person and
 * meeting (a partial unique index backs the check against two requests at once).
 */
@Injectable()
export class AbsenceService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly auth: AuthContext,
    private readonly audit: AuditLog,
    private readonly outbox: OutboxWriter,
  ) {}

  /** The caller's own state on the meeting page. */
  async mine(meetingId: string): Promise<MyAbsenceDto> {
    return this.db.transaction(async (tx) => {
      const m = await this.requireMeeting(tx, meetingId);
      const personId = await this.ownPerson(tx);
      if (!personId) return { eligible: false, notice: null };
      const eligible = !m.cancelled && (await this.isMember(tx, m, personId));
      const n = await tx.absenceNotice.findFirst({ where: { meetingId, personId, withdrawnAt: null }, select: noticeSelect });
      return { eligible, notice: n ? toNotice(n) : null };
    });
  }

  async list(meetingId: string): Promise<AbsenceNoticeListDto> {
    return this.db.transaction(async (tx) => {
      await this.requireMeeting(tx, meetingId);
      const rows = await tx.absenceNotice.findMany({ where: { meetingId, withdrawnAt: null }, select: noticeSelect, orderBy: [{ createdAt: 'asc' }] });
      return { data: rows.map(toNotice) };
    });
  }

  async notice(meetingId: string, input: NoticeAbsenceInput): Promise<AbsenceNoticeDto> {
    return this.db.transaction(async (tx) => {
      const m = await this.requireMeeting(tx, meetingId);
      const personId = await this.subject(tx, input.personId);
      if (m.cancelled) throw new ConflictError('The meeting is cancelled: no absence notice is needed.');
      if ((m.end ?? m.start).getTime() < Date.now()) throw new ConflictError('The meeting is over: an absence can no longer be noticed.');
      if (!(await this.isMember(tx, m, personId)))
        throw new ConflictError('Only a member or deputy of the meeting’s body can give notice of absence for this meeting.');
      const standing = await tx.absenceNotice.findFirst({ where: { meetingId, personId, withdrawnAt: null }, select: { id: true } });
      if (standing) throw new ConflictError('An absence notice for this meeting already stands; withdraw it first to give a new one.');
      const n = await tx.absenceNotice.create({
        data: { tenantId: m.tenantId, meetingId, personId, reason: input.reason || null, createdByName: this.auth.principal()?.name ?? null },
        select: noticeSelect,
      });
      await this.outbox.add(tx, { topic: ABSENCE_NOTICED_TOPIC, payload: { absenceNoticeId: n.id }, actor: outboxActor(this.auth) });
      await this.audit.tenantEvent(tx, { action: 'absence.noticed', entityType: 'meeting', entityId: meetingId, changes: { absenceNoticeId: n.id, personId, reason: n.reason } });
      return toNotice(n);
    });
  }

  async withdraw(meetingId: string, forPerson: string | undefined): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.requireMeeting(tx, meetingId);
      const personId = await this.subject(tx, forPerson);
      const n = await tx.absenceNotice.findFirst({ where: { meetingId, personId, withdrawnAt: null }, select: { id: true } });
      if (!n) throw new NotFoundError('The absence notice');
      await tx.absenceNotice.update({ where: { id: n.id }, data: { withdrawnAt: new Date() } });
      await this.audit.tenantEvent(tx, { action: 'absence.withdrawn', entityType: 'meeting', entityId: meetingId, changes: { absenceNoticeId: n.id, personId } });
    });
  }

  // ---- Internals --------------------------------------------------------------------------------

  /** Whose absence: a clerk or admin may name a person; everyone else (and a clerk naming nobody) is their own linked person. */
  private async subject(tx: TenantTx, personId: string | undefined): Promise<string> {
    if (personId) {
      if (this.auth.requireTenantSession().actingRole === 'member') throw new ForbiddenError('Only the office can record an absence for someone else.');
      const p = await tx.person.findFirst({ where: { id: personId, deletedAt: null }, select: { id: true } });
      if (!p) throw new ValidationError([{ name: 'personId', reason: 'does not exist' }]);
      return p.id;
    }
    const own = await this.ownPerson(tx);
    if (!own) throw new ConflictError('Your account is not linked to a person of this authority, so it cannot give notice of absence.');
    return own;
  }

  private async ownPerson(tx: TenantTx): Promise<string | null> {
    const accountId = this.auth.requireTenantSession().accountId;
    if (!accountId) return null;
    const a = await tx.userAccount.findFirst({ where: { id: accountId }, select: { personId: true } });
    return a?.personId ?? null;
  }

  /** A member or deputy of the body on the meeting's day (memberships carry calendar dates). */
  private async isMember(tx: TenantTx, m: { organizationId: string; start: Date }, personId: string): Promise<boolean> {
    const day = new Date(`${berlinDate(m.start)}T00:00:00Z`);
    const found = await tx.membership.findFirst({
      where: {
        personId,
        organizationId: m.organizationId,
        deletedAt: null,
        AND: [{ OR: [{ startDate: null }, { startDate: { lte: day } }] }, { OR: [{ endDate: null }, { endDate: { gte: day } }] }],
      },
      select: { id: true },
    });
    return found !== null;
  }

  private async requireMeeting(tx: TenantTx, meetingId: string) {
    const m = await tx.meeting.findFirst({ where: { id: meetingId, deletedAt: null }, select: { id: true, tenantId: true, organizationId: true, start: true, end: true, cancelled: true } });
    if (!m) throw new NotFoundError('The meeting');
    return m;
  }
}

function toNotice(n: NoticeRow): AbsenceNoticeDto {
  return {
    id: n.id,
    personId: n.personId,
    personName: `${n.person.givenName} ${n.person.familyName}`.trim(),
    reason: n.reason,
    createdByName: n.createdByName,
    createdAt: n.createdAt.toISOString(),
  };
}

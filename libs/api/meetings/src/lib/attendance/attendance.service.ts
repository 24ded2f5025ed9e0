import { Injectable } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { ConflictError, NotFoundError, ValidationError } from '@ratsinfo/api-core';
import { TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import {
  ATTENDANCE_RECORDING_STATES,
  type AttendanceGuestDto,
  type AttendanceRecordDto,
  type AttendanceViewDto,
  type ExpectedAttendeeDto,
  type PutAttendanceInput,
} from '@ratsinfo/contracts';
import { addDays, berlinDate, startOfBerlinDay } from '@ratsinfo/berlin-time';
import { computeQuorum, type QuorumAttendance } from './quorum';

type MeetingRow = {
  id: string;
  tenantId: string;
  name: string;
  organizationId: string;
  start: Date;
  end: Date | null;
  meetingState: AttendanceViewDto['meetingState'];
  cancelled: boolean;
  version: number;
  closedAt: Date | null;
  organization: { name: string };
};

type MembershipRow = { personId: string; role: string | null; votingRight: boolean; deputyForId: string | null };
type AttendanceRow = QuorumAttendance & { note: string | null; updatedAt: Date };

const personName = (p: { givenName: string; familyName: string }) => `${p.givenName} ${p.familyName}`.trim();

/**
 * Attendance of a meeting and its quorum, for the clerk. The expected attendees are the persons
 * with a membership in the meeting's body on the meeting's (Berlin) day: members with their voting
 * right, deputies with whom they stand in for. Writes are one upsert per person (INSERT … ON
 * CONFLICT on the unique (tenant, meeting, person)), so two saves of the same person at once end
 * in one row and the last write wins; each is audited in the same transaction.
 */
@Injectable()
export class AttendanceService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly audit: AuditLog,
  ) {}

  async view(meetingId: string, now = new Date()): Promise<AttendanceViewDto> {
    return this.db.transaction((tx) => this.read(tx, meetingId, now));
  }

  async put(meetingId: string, personId: string, input: PutAttendanceInput): Promise<AttendanceViewDto> {
    return this.db.transaction(async (tx) => {
      const m = await this.requireMeeting(tx, meetingId);
      this.requireRecordable(m);
      const person = await tx.person.findFirst({ where: { id: personId, deletedAt: null }, select: { id: true } });
      if (!person) throw new NotFoundError('The person');
      const memberships = await this.memberships(tx, m);
      const own = memberships.filter((s) => s.personId === personId);
      if (input.role === 'member' && !own.some((s) => s.deputyForId === null))
        throw new ValidationError([{ name: 'role', reason: 'the person is not a member of the meeting’s body on the meeting’s day (record them as a guest)' }]);
      if (input.role === 'deputy') {
        // The contract requires it for a deputy; an empty value is "nobody" here too.
        const target = input.deputyForPersonId ?? '';
        if (target === personId) throw new ValidationError([{ name: 'deputyForPersonId', reason: 'a person cannot stand in for themselves' }]);
        if (!own.some((s) => s.deputyForId === target))
          throw new ValidationError([{ name: 'deputyForPersonId', reason: 'the person is not a deputy of that member in the meeting’s body on the meeting’s day' }]);
      }
      const window = meetingDay(m);
      for (const field of ['arrivedAt', 'leftAt'] as const) {
        const v = input[field];
        if (v && (Date.parse(v) < window.from.getTime() || Date.parse(v) >= window.until.getTime()))
          throw new ValidationError([{ name: field, reason: 'must be within the meeting’s day' }]);
      }
      const before = await tx.meetingAttendance.findFirst({
        where: { meetingId, personId },
        select: { status: true, role: true, deputyForPersonId: true, arrivedAt: true, leftAt: true, note: true },
      });
      const after = {
        status: input.status,
        role: input.role,
        deputyForPersonId: input.deputyForPersonId ?? null,
        arrivedAt: input.arrivedAt ? new Date(input.arrivedAt) : null,
        leftAt: input.leftAt ? new Date(input.leftAt) : null,
        note: input.note ? input.note : null,
      };
      // One statement: two saves of the same person at once cannot both insert (the later one updates).
      await tx.$executeRaw`
        INSERT INTO meeting_attendances (tenant_id, meeting_id, person_id, status, role, deputy_for_person_id, arrived_at, left_at, note)
        VALUES (${m.tenantId}::uuid, ${meetingId}::uuid, ${personId}::uuid, ${after.status}::attendance_status, ${after.role}::attendance_role,
                ${after.deputyForPersonId}::uuid, ${after.arrivedAt}::timestamptz, ${after.leftAt}::timestamptz, ${after.note})
        ON CONFLICT (tenant_id, meeting_id, person_id) DO UPDATE SET
          status = EXCLUDED.status, role = EXCLUDED.role, deputy_for_person_id = EXCLUDED.deputy_for_person_id,
          arrived_at = EXCLUDED.arrived_at, left_at = EXCLUDED.left_at, note = EXCLUDED.note, updated_at = now()`;
      await this.audit.tenantEvent(tx, {
        action: 'attendance.recorded',
        entityType: 'meeting',
        entityId: meetingId,
        changes: { personId, before: before ?? null, after: { ...after, arrivedAt: input.arrivedAt ?? null, leftAt: input.leftAt ?? null } },
      });
      return this.read(tx, meetingId, new Date());
    });
  }

  async remove(meetingId: string, personId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const m = await this.requireMeeting(tx, meetingId);
      this.requireRecordable(m);
      const row = await tx.meetingAttendance.findFirst({ where: { meetingId, personId }, select: { id: true, status: true, role: true } });
      if (!row) throw new NotFoundError('The attendance record');
      await tx.meetingAttendance.delete({ where: { id: row.id } });
      await this.audit.tenantEvent(tx, { action: 'attendance.removed', entityType: 'meeting', entityId: meetingId, changes: { personId, before: { status: row.status, role: row.role } } });
    });
  }

  // ---- Internals --------------------------------------------------------------------------------

  private async read(tx: TenantTx, meetingId: string, now: Date): Promise<AttendanceViewDto> {
    const m = await this.requireMeeting(tx, meetingId);
    const memberships = await this.memberships(tx, m);
    const rows = await tx.meetingAttendance.findMany({
      where: { meetingId },
      select: { personId: true, status: true, role: true, deputyForPersonId: true, arrivedAt: true, leftAt: true, note: true, updatedAt: true },
    });
    const notices = await tx.absenceNotice.findMany({ where: { meetingId, withdrawnAt: null }, select: { id: true, personId: true, reason: true, createdAt: true } });
    const ids = new Set<string>([...memberships.flatMap((s) => (s.deputyForId ? [s.personId, s.deputyForId] : [s.personId])), ...rows.flatMap((r) => (r.deputyForPersonId ? [r.personId, r.deputyForPersonId] : [r.personId]))]);
    const persons = await tx.person.findMany({ where: { id: { in: [...ids] } }, select: { id: true, givenName: true, familyName: true } });
    const names = new Map(persons.map((p) => [p.id, personName(p)]));
    const sortKeys = new Map(persons.map((p) => [p.id, `${p.familyName} ${p.givenName}`]));
    const collator = new Intl.Collator('de');
    const byName = (x: { personId: string }, y: { personId: string }) => collator.compare(sortKeys.get(x.personId) ?? '', sortKeys.get(y.personId) ?? '');
    const ref = (id: string) => ({ personId: id, name: names.get(id) ?? '' });
    const record = (r: AttendanceRow): AttendanceRecordDto => ({
      status: r.status,
      role: r.role,
      deputyFor: r.deputyForPersonId ? ref(r.deputyForPersonId) : null,
      arrivedAt: r.arrivedAt?.toISOString() ?? null,
      leftAt: r.leftAt?.toISOString() ?? null,
      note: r.note,
      updatedAt: r.updatedAt.toISOString(),
    });
    const byPerson = new Map(rows.map((r) => [r.personId, r]));
    const noticeOf = new Map(notices.map((n) => [n.personId, n]));

    const attendees = new Map<string, ExpectedAttendeeDto>();
    for (const s of memberships) {
      const a =
        attendees.get(s.personId) ??
        ({ ...ref(s.personId), kind: 'deputy', membershipRole: null, votingRight: false, deputyFor: [], attendance: null, absenceNotice: null } satisfies ExpectedAttendeeDto);
      if (s.deputyForId) {
        if (!a.deputyFor.some((d) => d.personId === s.deputyForId)) a.deputyFor.push(ref(s.deputyForId));
      } else {
        a.kind = 'member';
        a.votingRight ||= s.votingRight;
        a.membershipRole ??= s.role;
      }
      attendees.set(s.personId, a);
    }
    for (const a of attendees.values()) {
      const r = byPerson.get(a.personId);
      a.attendance = r ? record(r) : null;
      const n = noticeOf.get(a.personId);
      a.absenceNotice = n ? { id: n.id, reason: n.reason, createdAt: n.createdAt.toISOString() } : null;
    }
    const sorted = [...attendees.values()].sort((x, y) => (x.kind === y.kind ? byName(x, y) : x.kind === 'member' ? -1 : 1));
    const guests: AttendanceGuestDto[] = rows
      .filter((r) => !attendees.has(r.personId))
      .map((r) => ({ ...ref(r.personId), attendance: record(r) }))
      .sort(byName);

    const at = m.meetingState === 'running' ? now : (m.closedAt ?? m.end ?? null);
    const quorum = computeQuorum(
      memberships.filter((s) => s.deputyForId === null),
      rows,
      at,
    );
    return {
      meetingId: m.id,
      meetingName: m.name,
      organizationName: m.organization.name,
      start: m.start.toISOString(),
      end: m.end?.toISOString() ?? null,
      meetingState: m.meetingState,
      cancelled: m.cancelled,
      version: m.version,
      recordable: isRecordable(m),
      attendees: sorted,
      guests,
      quorum: { ...quorum, at: at?.toISOString() ?? null },
    };
  }

  /** The body's memberships valid on the meeting's day (memberships carry calendar dates). */
  private async memberships(tx: TenantTx, m: MeetingRow): Promise<MembershipRow[]> {
    const day = new Date(`${berlinDate(m.start)}T00:00:00Z`);
    return tx.membership.findMany({
      where: {
        organizationId: m.organizationId,
        deletedAt: null,
        person: { deletedAt: null },
        AND: [{ OR: [{ startDate: null }, { startDate: { lte: day } }] }, { OR: [{ endDate: null }, { endDate: { gte: day } }] }],
      },
      select: { personId: true, role: true, votingRight: true, deputyForId: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  private requireRecordable(m: MeetingRow): void {
    if (!isRecordable(m))
      throw new ConflictError(
        m.cancelled
          ? 'The meeting is cancelled: attendance cannot be recorded.'
          : `The meeting is ${m.meetingState}: attendance can be recorded only while it is ${ATTENDANCE_RECORDING_STATES.join(', ')}.`,
      );
  }

  private async requireMeeting(tx: TenantTx, meetingId: string): Promise<MeetingRow> {
    const m = await tx.meeting.findFirst({
      where: { id: meetingId, deletedAt: null },
      select: { id: true, tenantId: true, name: true, organizationId: true, start: true, end: true, meetingState: true, cancelled: true, version: true, closedAt: true, organization: { select: { name: true } } },
    });
    if (!m) throw new NotFoundError('The meeting');
    return m;
  }
}

function isRecordable(m: { meetingState: string; cancelled: boolean }): boolean {
  return !m.cancelled && (ATTENDANCE_RECORDING_STATES as readonly string[]).includes(m.meetingState);
}

/**
 * The times a late arrival or early leave may name: the meeting's Berlin calendar day, or until
 * its end when it runs past midnight.
 */
export function meetingDay(m: { start: Date; end: Date | null }): { from: Date; until: Date } {
  const day = berlinDate(m.start);
  const from = startOfBerlinDay(day);
  const nextDay = startOfBerlinDay(addDays(day, 1));
  const until = m.end && m.end.getTime() > nextDay.getTime() ? m.end : nextDay;
  return { from, until };
}

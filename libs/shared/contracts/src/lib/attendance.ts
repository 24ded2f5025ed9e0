import { z } from 'zod';
import { MEETING_STATES } from './council';
import { dateTime, text } from './input';
import { instant } from './response';

/**
 * Attendance and quorum of a meeting (issue 9, Sitzungsdienst): the clerk records per person
 * present / excused / absent, a late arrival or early leave, a deputy standing in for a member,
 * or a guest; the API computes the quorum (Beschlussfähigkeit) from the voting members present.
 * Writes are per person (an upsert, last write wins) and need no If-Match, so live recording
 * stays quick; they are only possible while the meeting is invited, running or held.
 */

const enc = encodeURIComponent;
const meetingPath = (slug: string, id: string) => `/api/office/${enc(slug)}/meetings/${enc(id)}`;

export const AttendanceRoutes = {
  /** GET: expected attendees with their recorded attendance, notices, guests and the quorum (clerks). */
  list: (slug: string, meetingId: string) => `${meetingPath(slug, meetingId)}/attendance`,
  /** PUT: record (upsert) one person's attendance; DELETE: remove the record. */
  one: (slug: string, meetingId: string, personId: string) => `${meetingPath(slug, meetingId)}/attendance/${enc(personId)}`,
} as const;

export const ATTENDANCE_STATUSES = ['present', 'excused', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_ROLES = ['member', 'deputy', 'guest'] as const;
export type AttendanceRole = (typeof ATTENDANCE_ROLES)[number];
/** The meeting states in which attendance can be recorded. */
export const ATTENDANCE_RECORDING_STATES = ['invited', 'running', 'held'] as const;
export const MAX_ATTENDANCE_NOTE = 500;

const id = z.uuid({ message: 'must be a UUID' });

/** `PUT …/meetings/{id}/attendance/{personId}`. */
export const putAttendanceSchema = z
  .object({
    status: z.enum(ATTENDANCE_STATUSES, { message: "must be 'present', 'excused' or 'absent'" }),
    role: z.enum(ATTENDANCE_ROLES, { message: "must be 'member', 'deputy' or 'guest'" }),
    deputyForPersonId: id.nullish(),
    /** Came late: from when (only when present). */
    arrivedAt: dateTime().nullish(),
    /** Left early: from when (only when present). */
    leftAt: dateTime().nullish(),
    note: text({ max: MAX_ATTENDANCE_NOTE }).nullish(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.role === 'deputy' && !v.deputyForPersonId) ctx.addIssue({ code: 'custom', path: ['deputyForPersonId'], message: 'is required for a deputy' });
    if (v.role !== 'deputy' && v.deputyForPersonId) ctx.addIssue({ code: 'custom', path: ['deputyForPersonId'], message: 'is only allowed for a deputy' });
    if (v.status !== 'present') {
      if (v.arrivedAt) ctx.addIssue({ code: 'custom', path: ['arrivedAt'], message: 'is only allowed when present' });
      if (v.leftAt) ctx.addIssue({ code: 'custom', path: ['leftAt'], message: 'is only allowed when present' });
    }
    if (v.arrivedAt && v.leftAt && Date.parse(v.arrivedAt) >= Date.parse(v.leftAt)) ctx.addIssue({ code: 'custom', path: ['leftAt'], message: 'must be after arrivedAt' });
  });
export type PutAttendanceInput = z.infer<typeof putAttendanceSchema>;

const personRef = z.object({ personId: z.string(), name: z.string() });
export type AttendancePersonRef = z.infer<typeof personRef>;

export const attendanceRecordSchema = z.object({
  status: z.enum(ATTENDANCE_STATUSES),
  role: z.enum(ATTENDANCE_ROLES),
  deputyFor: personRef.nullable(),
  arrivedAt: instant.nullable(),
  leftAt: instant.nullable(),
  note: z.string().nullable(),
  updatedAt: instant,
});
export type AttendanceRecordDto = z.infer<typeof attendanceRecordSchema>;

export const expectedAttendeeSchema = z.object({
  personId: z.string(),
  name: z.string(),
  /** member: holds a seat in the body; deputy: only stands in for members (listed in deputyFor). */
  kind: z.enum(['member', 'deputy']),
  /** The membership's role as the body names it ("Vorsitz", "Mitglied"), if any. */
  membershipRole: z.string().nullable(),
  votingRight: z.boolean(),
  /** The members this person is a deputy for in this body on the meeting's day. */
  deputyFor: z.array(personRef),
  attendance: attendanceRecordSchema.nullable(),
  /** A standing absence notice: the page suggests "excused (notice)" while nothing is recorded. */
  absenceNotice: z.object({ id: z.string(), reason: z.string().nullable(), createdAt: instant }).nullable(),
});
export type ExpectedAttendeeDto = z.infer<typeof expectedAttendeeSchema>;

export const attendanceGuestSchema = z.object({ personId: z.string(), name: z.string(), attendance: attendanceRecordSchema });
export type AttendanceGuestDto = z.infer<typeof attendanceGuestSchema>;

export const quorumSchema = z.object({
  /** Voting members of the body on the meeting's day. */
  votingSeats: z.number().int(),
  /** Voting members present, plus deputies present for a voting member who is not. */
  presentVoting: z.number().int(),
  /** More than half: floor(votingSeats / 2) + 1. */
  required: z.number().int(),
  quorate: z.boolean(),
  /** The moment evaluated: now while the meeting runs, else its end (null: no end known, early leavers count as gone). */
  at: instant.nullable(),
});
export type QuorumDto = z.infer<typeof quorumSchema>;

export const attendanceViewSchema = z.object({
  meetingId: z.string(),
  meetingName: z.string(),
  organizationName: z.string(),
  start: instant,
  end: instant.nullable(),
  meetingState: z.enum(MEETING_STATES),
  cancelled: z.boolean(),
  /** The meeting's version (attendance writes do not move it). */
  version: z.number().int(),
  /** Attendance can be recorded: the meeting is invited, running or held and not cancelled. */
  recordable: z.boolean(),
  attendees: z.array(expectedAttendeeSchema),
  /** Recorded persons outside the expected attendees (guests of the tenant). */
  guests: z.array(attendanceGuestSchema),
  quorum: quorumSchema,
});
export type AttendanceViewDto = z.infer<typeof attendanceViewSchema>;

import { Injectable } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { ConflictError, NotFoundError, StaleVersionError, TenantContext } from '@ratsinfo/api-core';
import { type TenantTx, TenantDatabase } from '@ratsinfo/api-database';
import { berlinDate } from '@ratsinfo/berlin-time';
import {
  type AddMinutesApprovalInput,
  DECISION_STATES,
  type DecisionItemDto,
  type EligibleVoterDto,
  LATE_ITEM_DAYS,
  type MeetingDecisionsDto,
  type MeetingState,
  MINUTES_STATES,
  minutesApprovalTitle,
  type PutDecisionInput,
  RESULT_WORDS,
} from '@ratsinfo/contracts';
import { LiveMeetingEvents } from '../live/live-meeting-events';
import { MeetingsService } from '../meetings.service';
import { isConflictOfInterestViolation, UnprocessableError } from './decision-errors';

const PDF = 'application/pdf';

const STATE_WORDS: Record<MeetingState, string> = {
  planned: 'planned',
  invited: 'invited',
  running: 'running',
  held: 'held',
  minutes_drafted: 'minutes drafted',
  minutes_approved: 'minutes approved',
};

interface LockedMeeting {
  id: string;
  organizationId: string;
  meetingState: MeetingState;
  cancelled: boolean;
  start: Date;
  version: number;
}

const personName = (p: { givenName: string; familyName: string; title: string | null }) => [p.title, p.givenName, p.familyName].filter(Boolean).join(' ');

/**
 * Decisions per agenda item (result, resolution text, counted or named vote, conflicts of
 * interest, minutes), the meeting's signed minutes and the item approving an earlier meeting's
 * minutes. Every write is a compare-and-set on the meeting's version (the clerk's If-Match) in one
 * tenant transaction, audited with before and after. The database keeps two rules itself: a person
 * with a conflict of interest has no named vote (trigger, mapped to 422 here), and an accepted
 * decision becomes exactly one resolution (trigger; never written here).
 */
@Injectable()
export class DecisionsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    private readonly audit: AuditLog,
    private readonly meetings: MeetingsService,
    private readonly live: LiveMeetingEvents,
  ) {}

  async decisions(meetingId: string): Promise<MeetingDecisionsDto> {
    const found = await this.db.transaction((tx) => this.read(tx, meetingId));
    if (!found) throw new NotFoundError('The meeting');
    return found;
  }

  async putDecision(meetingId: string, itemId: string, expected: number, input: PutDecisionInput): Promise<MeetingDecisionsDto> {
    const saved = await this.db.transaction(async (tx) => {
      const meeting = await this.lock(tx, meetingId, expected);
      const item = await tx.agendaItem.findFirst({
        where: { id: itemId, meetingId, deletedAt: null },
        include: { namedVotes: { select: { personId: true, vote: true } }, voteConflicts: { select: { personId: true, note: true } } },
      });
      if (!item) throw new NotFoundError('The agenda item');
      this.requireState(meeting, DECISION_STATES, 'decisions are recorded while it runs, once it is held, or while its minutes are drafted');

      const eligible = new Set((await this.eligibleVoters(tx, meeting)).map((v) => v.personId));
      const conflicts = input.conflicts ?? [];
      const votes = input.voteMode === 'named' ? (input.namedVotes ?? []) : [];
      const problems: { name: string; reason: string }[] = [];
      conflicts.forEach((c, i) => {
        if (!eligible.has(c.personId)) problems.push({ name: `conflicts.${i}.personId`, reason: 'is not entitled to vote in this meeting' });
      });
      votes.forEach((v, i) => {
        if (!eligible.has(v.personId)) problems.push({ name: `namedVotes.${i}.personId`, reason: 'is not entitled to vote in this meeting' });
      });
      if (input.voteMode === 'counted' && input.counts) {
        const max = eligible.size - conflicts.filter((c) => eligible.has(c.personId)).length;
        const total = input.counts.yes + input.counts.no + input.counts.abstain;
        if (total > max) problems.push({ name: 'counts', reason: `${total} votes exceed the ${max} persons entitled to vote (without those with a conflict of interest)` });
      }
      if (problems.length) throw new UnprocessableError(problems);

      const tenantId = this.tenant.require().id;
      await tx.namedVote.deleteMany({ where: { agendaItemId: itemId } });
      await tx.voteConflict.deleteMany({ where: { agendaItemId: itemId } });
      // Conflicts first: the database then refuses the named vote of a conflicted person (which
      // this service does not check on its own, so that there is one rule in one place).
      for (const c of conflicts) await tx.voteConflict.create({ data: { tenantId, agendaItemId: itemId, personId: c.personId, note: c.note || null } });
      for (const [i, v] of votes.entries()) {
        try {
          await tx.namedVote.create({ data: { tenantId, agendaItemId: itemId, personId: v.personId, vote: v.vote } });
        } catch (e) {
          if (isConflictOfInterestViolation(e))
            throw new UnprocessableError([{ name: `namedVotes.${i}.personId`, reason: 'has declared a conflict of interest on this item and has no vote' }]);
          throw e;
        }
      }

      const counts =
        input.voteMode === 'named'
          ? { yes: votes.filter((v) => v.vote === 'yes').length, no: votes.filter((v) => v.vote === 'no').length, abstain: votes.filter((v) => v.vote === 'abstain').length }
          : input.voteMode === 'counted'
            ? (input.counts ?? null)
            : null;
      const resultKind = input.resultKind;
      const data = {
        resultKind,
        result: resultKind ? input.result || RESULT_WORDS[resultKind] : input.result || null,
        resolutionText: input.resolutionText || null,
        voteMode: input.voteMode ?? null,
        votesYes: counts?.yes ?? null,
        votesNo: counts?.no ?? null,
        votesAbstain: counts?.abstain ?? null,
        // The moment of the decision: kept while the result stays the same kind.
        decidedAt: resultKind ? (item.resultKind === resultKind && item.decidedAt ? item.decidedAt : new Date()) : null,
        minutesText: input.minutesText || null,
      };
      await tx.agendaItem.update({ where: { id: itemId }, data });
      if (item.approvesMinutesOfMeetingId) await this.linkApproval(tx, itemId, item.approvesMinutesOfMeetingId, resultKind === 'accepted');
      await this.audit.tenantEvent(tx, {
        action: 'decision.recorded',
        entityType: 'agenda_item',
        entityId: itemId,
        changes: {
          meetingId,
          version: meeting.version,
          before: {
            resultKind: item.resultKind,
            result: item.result,
            resolutionText: item.resolutionText,
            voteMode: item.voteMode,
            counts: item.voteMode ? { yes: item.votesYes, no: item.votesNo, abstain: item.votesAbstain } : null,
            namedVotes: item.namedVotes,
            conflicts: item.voteConflicts,
            minutesText: item.minutesText,
          },
          after: {
            resultKind: data.resultKind,
            result: data.result,
            resolutionText: data.resolutionText,
            voteMode: data.voteMode,
            counts,
            namedVotes: votes,
            conflicts: conflicts.map((c) => ({ personId: c.personId, note: c.note || null })),
            minutesText: data.minutesText,
          },
        },
      });
      return this.mustRead(tx, meetingId);
    });
    // The portal's live view shows each recorded result at once (every replica, ADR 0017).
    this.live.changed(this.tenant.require().id, meetingId);
    return saved;
  }

  async setMinutesFile(meetingId: string, expected: number, fileId: string | null): Promise<MeetingDecisionsDto> {
    return this.db.transaction(async (tx) => {
      const meeting = await this.lock(tx, meetingId, expected);
      this.requireState(meeting, MINUTES_STATES, 'the signed minutes are attached once it is held');
      const before = await tx.meeting.findFirst({ where: { id: meetingId }, select: { minutesFileId: true } });
      if (fileId) {
        const file = await tx.file.findFirst({ where: { id: fileId, meetingId, deletedAt: null }, select: { id: true, currentVersion: true, versions: { select: { number: true, mimeType: true } } } });
        if (!file) throw new UnprocessableError([{ name: 'fileId', reason: 'is not a file of this meeting (upload it to the meeting first)' }]);
        const current = file.versions.find((v) => v.number === file.currentVersion);
        if (current?.mimeType !== PDF) throw new UnprocessableError([{ name: 'fileId', reason: 'must be a PDF' }]);
      }
      await tx.meeting.update({ where: { id: meetingId }, data: { minutesFileId: fileId } });
      await this.audit.tenantEvent(tx, {
        action: fileId ? 'meeting.minutes_file_set' : 'meeting.minutes_file_cleared',
        entityType: 'meeting',
        entityId: meetingId,
        changes: { version: meeting.version, before: { minutesFileId: before?.minutesFileId ?? null }, after: { minutesFileId: fileId } },
      });
      return this.mustRead(tx, meetingId);
    });
  }

  /**
   * Adds the public item "Genehmigung der Niederschrift der Sitzung vom …" at the end of the public
   * part (through the agenda's own code path, so numbering and the late-item rule hold).
   */
  async addMinutesApproval(meetingId: string, expected: number, input: AddMinutesApprovalInput): Promise<MeetingDecisionsDto> {
    return this.db.transaction(async (tx) => {
      const approved = await tx.meeting.findFirst({
        where: { id: input.approvesMeetingId, deletedAt: null },
        select: { id: true, organizationId: true, start: true, meetingState: true, cancelled: true },
      });
      const name = approved ? minutesApprovalTitle(approved.start) : 'Genehmigung der Niederschrift';
      const itemId = await this.meetings.addItemIn(tx, meetingId, expected, { name, public: true, urgent: Boolean(input.urgentReason), urgentReason: input.urgentReason }, async (meeting) => {
        if (!approved || approved.id === meeting.id) throw new UnprocessableError([{ name: 'approvesMeetingId', reason: approved ? 'must be another meeting' : 'does not exist' }]);
        if (approved.organizationId !== meeting.organizationId) throw new UnprocessableError([{ name: 'approvesMeetingId', reason: 'is a meeting of another body' }]);
        if (approved.start >= meeting.start) throw new UnprocessableError([{ name: 'approvesMeetingId', reason: 'must be an earlier meeting' }]);
        const late = meeting.meetingState !== 'planned' || meeting.start.getTime() - Date.now() < LATE_ITEM_DAYS * 86_400_000;
        if (late && !input.urgentReason)
          throw new UnprocessableError([{ name: 'urgentReason', reason: `a late item (the meeting is invited or starts within ${LATE_ITEM_DAYS} days) needs the reason of its urgency` }]);
        // The approved meeting's row lock: two meetings cannot take up the same minutes at once.
        await tx.$queryRaw`SELECT id FROM meetings WHERE id = ${approved.id}::uuid FOR UPDATE`;
        if (approved.cancelled || !(MINUTES_STATES as readonly string[]).includes(approved.meetingState))
          throw new ConflictError(
            `The minutes of that meeting cannot be put up for approval: it is ${approved.cancelled ? 'cancelled' : STATE_WORDS[approved.meetingState]} (allowed: held, minutes drafted).`,
          );
        const existing = await tx.agendaItem.findFirst({
          where: { approvesMinutesOfMeetingId: approved.id, deletedAt: null, meeting: { deletedAt: null, cancelled: false } },
          select: { number: true, meeting: { select: { name: true } } },
        });
        if (existing) throw new ConflictError(`The minutes of that meeting are already on the agenda of "${existing.meeting.name}" (${existing.number ?? ''}).`);
      });
      await tx.agendaItem.update({ where: { id: itemId }, data: { approvesMinutesOfMeetingId: input.approvesMeetingId } });
      await this.audit.tenantEvent(tx, {
        action: 'minutes.approval_item_added',
        entityType: 'meeting',
        entityId: meetingId,
        changes: { version: expected, itemId, name, approvesMeetingId: input.approvesMeetingId, ...(input.urgentReason && { urgentReason: input.urgentReason }) },
      });
      return this.mustRead(tx, meetingId);
    });
  }

  // ---- Internals --------------------------------------------------------------------------------

  /**
   * An approval item decided "accepted" records itself on the approved meeting
   * (minutes_approved_by_item_id, OParl-wise the approval of its minutes); another result takes
   * that back. The approved meeting's state is the lifecycle's business and is not changed here;
   * its version moves, so that an editor of it sees the change.
   */
  private async linkApproval(tx: TenantTx, itemId: string, approvedMeetingId: string, accepted: boolean): Promise<void> {
    const where = accepted ? { id: approvedMeetingId, deletedAt: null, minutesApprovedByItemId: null } : { id: approvedMeetingId, minutesApprovedByItemId: itemId };
    const changed = await tx.meeting.updateMany({ where, data: { minutesApprovedByItemId: accepted ? itemId : null, version: { increment: 1 } } });
    if (changed.count > 0)
      await this.audit.tenantEvent(tx, {
        action: accepted ? 'meeting.minutes_approved_by_item' : 'meeting.minutes_approval_withdrawn',
        entityType: 'meeting',
        entityId: approvedMeetingId,
        changes: { approvalItemId: itemId },
      });
  }

  /** Compare-and-set on the meeting's version (it also takes the row's lock: saves of one meeting run one after the other). */
  private async lock(tx: TenantTx, meetingId: string, expected: number): Promise<LockedMeeting> {
    const bumped = await tx.meeting.updateMany({ where: { id: meetingId, deletedAt: null, version: expected }, data: { version: { increment: 1 } } });
    const meeting = await tx.meeting.findFirst({
      where: { id: meetingId, deletedAt: null },
      select: { id: true, organizationId: true, meetingState: true, cancelled: true, start: true, version: true },
    });
    if (!meeting) throw new NotFoundError('The meeting');
    if (bumped.count === 0) throw new StaleVersionError('The meeting', await this.read(tx, meetingId));
    return meeting;
  }

  private requireState(meeting: LockedMeeting, allowed: readonly MeetingState[], why: string) {
    if (meeting.cancelled) throw new ConflictError(`The meeting is cancelled: ${why}.`);
    if (!allowed.includes(meeting.meetingState))
      throw new ConflictError(`The meeting is ${STATE_WORDS[meeting.meetingState]}: ${why} (allowed: ${allowed.map((s) => STATE_WORDS[s]).join(', ')}).`);
  }

  /**
   * Who may vote: the body's members with a voting right on the meeting's (Berlin) date, and the
   * deputies the attendance list records as present, standing in for a member.
   */
  private async eligibleVoters(tx: TenantTx, meeting: { id: string; organizationId: string; start: Date }): Promise<EligibleVoterDto[]> {
    const day = new Date(`${berlinDate(meeting.start)}T00:00:00Z`);
    const person = { select: { id: true, givenName: true, familyName: true, title: true } } as const;
    const [memberships, attendances] = await Promise.all([
      tx.membership.findMany({
        where: {
          organizationId: meeting.organizationId,
          deletedAt: null,
          votingRight: true,
          deputyForId: null,
          person: { deletedAt: null },
          AND: [{ OR: [{ startDate: null }, { startDate: { lte: day } }] }, { OR: [{ endDate: null }, { endDate: { gte: day } }] }],
        },
        select: { person },
      }),
      tx.meetingAttendance.findMany({ where: { meetingId: meeting.id }, select: { personId: true, status: true, role: true, person, deputyFor: person } }),
    ]);
    const status = new Map(attendances.map((a) => [a.personId, a.status]));
    const voters = new Map<string, EligibleVoterDto & { sort: string }>();
    for (const { person: p } of memberships)
      voters.set(p.id, { personId: p.id, name: personName(p), role: 'member', deputyForPersonId: null, deputyForName: null, attendance: status.get(p.id) ?? null, sort: `${p.familyName} ${p.givenName}` });
    for (const a of attendances) {
      if (a.role !== 'deputy' || a.status !== 'present' || voters.has(a.personId)) continue;
      voters.set(a.personId, {
        personId: a.personId,
        name: personName(a.person),
        role: 'deputy',
        deputyForPersonId: a.deputyFor?.id ?? null,
        deputyForName: a.deputyFor ? personName(a.deputyFor) : null,
        attendance: 'present',
        sort: `${a.person.familyName} ${a.person.givenName}`,
      });
    }
    return [...voters.values()].sort((x, y) => x.sort.localeCompare(y.sort, 'de')).map(({ sort: _sort, ...v }) => v);
  }

  private async mustRead(tx: TenantTx, meetingId: string): Promise<MeetingDecisionsDto> {
    const found = await this.read(tx, meetingId);
    if (!found) throw new NotFoundError('The meeting');
    return found;
  }

  private async read(tx: TenantTx, meetingId: string): Promise<MeetingDecisionsDto | null> {
    const m = await tx.meeting.findFirst({
      where: { id: meetingId, deletedAt: null },
      select: { id: true, name: true, start: true, organizationId: true, meetingState: true, cancelled: true, version: true, minutesFileId: true },
    });
    if (!m) return null;
    const person = { select: { givenName: true, familyName: true, title: true } } as const;
    const [items, voters, files, earlier] = await Promise.all([
      tx.agendaItem.findMany({
        where: { meetingId, deletedAt: null },
        orderBy: { order: 'asc' },
        include: {
          namedVotes: { select: { personId: true, vote: true, person } },
          voteConflicts: { select: { personId: true, note: true, person } },
          resolution: { select: { id: true } },
        },
      }),
      this.eligibleVoters(tx, m),
      tx.file.findMany({
        where: { meetingId, deletedAt: null },
        orderBy: [{ sortOrder: 'asc' }, { createdAt: 'asc' }],
        select: { id: true, name: true, currentVersion: true, versions: { select: { number: true, fileName: true, mimeType: true } } },
      }),
      tx.meeting.findMany({
        where: { organizationId: m.organizationId, deletedAt: null, cancelled: false, id: { not: m.id }, start: { lt: m.start }, meetingState: { in: [...MINUTES_STATES] } },
        orderBy: { start: 'desc' },
        take: 20,
        select: { id: true, name: true, start: true, meetingState: true, approvalItems: { where: { deletedAt: null, meeting: { deletedAt: null, cancelled: false } }, select: { id: true }, take: 1 } },
      }),
    ]);
    const fileRefs = files.flatMap((f) => {
      const v = f.versions.find((x) => x.number === f.currentVersion);
      return v ? [{ id: f.id, name: f.name, fileName: v.fileName, mimeType: v.mimeType }] : [];
    });
    const order = new Map(voters.map((v, i) => [v.personId, i]));
    const byVoter = (a: { personId: string }, b: { personId: string }) => (order.get(a.personId) ?? 1e9) - (order.get(b.personId) ?? 1e9);
    return {
      meetingId: m.id,
      name: m.name,
      start: m.start.toISOString(),
      organizationId: m.organizationId,
      meetingState: m.meetingState,
      cancelled: m.cancelled,
      version: m.version,
      items: items.map(
        (a): DecisionItemDto => ({
          id: a.id,
          order: a.order,
          number: a.number,
          name: a.name,
          level: a.level,
          public: a.public,
          approvesMinutesOfMeetingId: a.approvesMinutesOfMeetingId,
          decision: {
            resultKind: a.resultKind,
            result: a.result,
            resolutionText: a.resolutionText,
            voteMode: a.voteMode,
            counts: a.voteMode ? { yes: a.votesYes ?? 0, no: a.votesNo ?? 0, abstain: a.votesAbstain ?? 0 } : null,
            namedVotes: a.namedVotes.map((v) => ({ personId: v.personId, name: personName(v.person), vote: v.vote })).sort(byVoter),
            conflicts: a.voteConflicts.map((c) => ({ personId: c.personId, name: personName(c.person), note: c.note })).sort(byVoter),
            minutesText: a.minutesText,
            decidedAt: a.decidedAt?.toISOString() ?? null,
            resolutionId: a.resolution?.id ?? null,
          },
        }),
      ),
      eligibleVoters: voters,
      minutesFile: fileRefs.find((f) => f.id === m.minutesFileId) ?? null,
      minutesFileCandidates: fileRefs.filter((f) => f.mimeType === PDF),
      approvableMeetings: earlier.map((e) => ({ id: e.id, name: e.name, start: e.start.toISOString(), meetingState: e.meetingState, approvalItemId: e.approvalItems[0]?.id ?? null })),
    };
  }
}

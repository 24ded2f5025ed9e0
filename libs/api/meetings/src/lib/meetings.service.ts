import { Injectable } from '@nestjs/common';
import { AuditLog } from '@ratsinfo/api-audit';
import { AuthContext, ConflictError, NotFoundError, StaleVersionError, TenantContext, ValidationError } from '@ratsinfo/api-core';
import { NonPublicAccess, toBundleInfo } from '@ratsinfo/api-council';
import { OutboxWriter, TenantDatabase, type TenantTx } from '@ratsinfo/api-database';
import { MeetingBundleRequests } from '@ratsinfo/api-files';
import { InvitationRequests, requireTransition } from '@ratsinfo/api-mail';
import { addDays, berlinDate, berlinLocalToUtc, startOfBerlinDay } from '@ratsinfo/berlin-time';
import {
  type AddAgendaItemInput,
  type AgendaDto,
  BundleRoutes,
  type AgendaItemInput,
  agendaNumbers,
  type CancelMeetingInput,
  type CreateMeetingInput,
  INVITATION_REQUESTED_TOPIC,
  type InvitationRequestedPayload,
  LATE_ITEM_DAYS,
  type OfficeMeetingDto,
  type OfficeMeetingListDto,
  type OfficeMeetingListQuery,
  type SchedulableConsultationListDto,
  type UpdateMeetingInput,
} from '@ratsinfo/contracts';
import { meetingInclude, toAgendaItemDto, toMeetingSummary } from './meeting.mapper';
import { readAgendaRows, readMeetingRow } from './meeting.reads';

/** How the office list reads without a range: the current Berlin year. */
const DEFAULT_LIST = (): { from: Date; toExclusive: Date } => {
  const year = Number(berlinDate().slice(0, 4));
  return { from: berlinLocalToUtc(`${year}-01-01`), toExclusive: berlinLocalToUtc(`${year + 1}-01-01`) };
};

/** What the invitation shows of the meeting itself: a change of one of them after the invitation sends an update. */
const INVITATION_FIELDS = ['name', 'start', 'end', 'locationId', 'locationText'];

/** Names the field of an item in the request body: `items.3.consultationId` for a PUT, `consultationId` for the one item a POST adds. */
type FieldOf = (index: number, field: string) => string;

/**
 * Meetings and their agendas for the clerk: every write is a compare-and-set on the meeting's
 * version and is audited in the same tenant transaction; agenda changes bump the meeting's
 * version, so of two clerks editing one agenda the second stale save gets 412 with the agenda as
 * it now is.
 */
@Injectable()
export class MeetingsService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenant: TenantContext,
    private readonly auth: AuthContext,
    private readonly access: NonPublicAccess,
    private readonly audit: AuditLog,
    private readonly bundles: MeetingBundleRequests,
    private readonly outbox: OutboxWriter,
    private readonly invitations: InvitationRequests,
  ) {}

  // ---- Reads ------------------------------------------------------------------------------------

  async list(q: OfficeMeetingListQuery): Promise<OfficeMeetingListDto> {
    let range = DEFAULT_LIST();
    if (q.year !== undefined) range = { from: berlinLocalToUtc(`${q.year}-01-01`), toExclusive: berlinLocalToUtc(`${q.year + 1}-01-01`) };
    else if (q.from || q.to) {
      const from = q.from ?? berlinDate();
      const to = q.to ?? addDays(from, 90);
      range = { from: startOfBerlinDay(from), toExclusive: startOfBerlinDay(addDays(to, 1)) };
    }
    const rows = await this.db.transaction((tx) =>
      tx.meeting.findMany({
        where: { deletedAt: null, start: { gte: range.from, lt: range.toExclusive }, ...(q.organizationId ? { organizationId: q.organizationId } : {}) },
        orderBy: [{ start: 'asc' }, { name: 'asc' }],
        include: meetingInclude,
      }),
    );
    return { data: rows.map(toMeetingSummary) };
  }

  /** The meeting with its agenda as far as the caller may read it (the one visibility rule), and how many non-public items were withheld. */
  async meeting(id: string): Promise<OfficeMeetingDto> {
    const found = await this.db.transaction((tx) => this.readMeeting(tx, id));
    if (!found) throw new NotFoundError('The meeting');
    return found;
  }

  async agenda(id: string): Promise<AgendaDto> {
    const found = await this.db.transaction((tx) => this.readAgenda(tx, id));
    if (!found) throw new NotFoundError('The meeting');
    return found;
  }

  /** Consultations of the meeting's body that are not yet on a living agenda item of a meeting that takes place. */
  async schedulable(meetingId: string): Promise<SchedulableConsultationListDto> {
    return this.db.transaction(async (tx) => {
      const meeting = await tx.meeting.findFirst({ where: { id: meetingId, deletedAt: null }, select: { organizationId: true } });
      if (!meeting) throw new NotFoundError('The meeting');
      const rows = await tx.consultation.findMany({
        where: {
          organizationId: meeting.organizationId,
          deletedAt: null,
          paper: { deletedAt: null, status: { not: 'withdrawn' } },
          agendaItems: { none: { deletedAt: null, meeting: { deletedAt: null, cancelled: false } } },
        },
        include: { paper: { select: { id: true, reference: true, name: true, public: true, status: true, date: true } } },
        orderBy: [{ paper: { date: 'desc' } }, { paper: { reference: 'desc' } }],
        take: 500,
      });
      return {
        data: rows.map((c) => ({
          id: c.id,
          position: c.position,
          authoritative: c.authoritative,
          role: c.role,
          paper: { ...c.paper, date: c.paper.date.toISOString().slice(0, 10) },
        })),
      };
    });
  }

  // ---- Meeting writes ---------------------------------------------------------------------------

  async create(input: CreateMeetingInput): Promise<OfficeMeetingDto> {
    return this.db.transaction(async (tx) => {
      await this.requireReferences(tx, input);
      const m = await tx.meeting.create({
        data: {
          tenantId: this.tenant.require().id,
          organizationId: input.organizationId,
          name: input.name,
          start: new Date(input.start),
          end: input.end ? new Date(input.end) : null,
          locationId: input.locationId ?? null,
          locationText: input.locationText || null,
        },
      });
      await this.audit.tenantEvent(tx, { action: 'meeting.created', entityType: 'meeting', entityId: m.id, changes: { ...input } });
      return this.mustReadMeeting(tx, m.id);
    });
  }

  async update(id: string, expected: number, input: UpdateMeetingInput): Promise<OfficeMeetingDto> {
    return this.db.transaction(async (tx) => {
      const before = await tx.meeting.findFirst({ where: { id, deletedAt: null }, include: meetingInclude });
      if (!before) throw new NotFoundError('The meeting');
      if (before.version !== expected) throw new StaleVersionError('The meeting', await this.readMeeting(tx, id));
      if (before.cancelled) throw new ConflictError('The meeting is cancelled and can no longer be changed.');
      await this.requireReferences(tx, input);
      const start = input.start ? new Date(input.start) : before.start;
      const end = input.end === undefined ? before.end : input.end ? new Date(input.end) : null;
      if (end && end < start) throw new ValidationError([{ name: input.end ? 'end' : 'start', reason: input.end ? 'must not be before start' : 'must not be after the end' }]);
      if (input.organizationId && input.organizationId !== before.organizationId) {
        const scheduled = await tx.agendaItem.count({ where: { meetingId: id, deletedAt: null, consultationId: { not: null } } });
        if (scheduled > 0) throw new ConflictError('The agenda holds consultations of the current body; remove them before moving the meeting to another body.');
      }
      const data = {
        ...(input.organizationId !== undefined && { organizationId: input.organizationId }),
        ...(input.name !== undefined && { name: input.name }),
        ...(input.start !== undefined && { start }),
        ...(input.end !== undefined && { end }),
        // One place or the other: choosing a room clears the free text and the other way round.
        ...(input.locationId !== undefined && { locationId: input.locationId, ...(input.locationId ? { locationText: null } : {}) }),
        ...(input.locationText !== undefined && { locationText: input.locationText || null, ...(input.locationText ? { locationId: null } : {}) }),
      };
      await this.compareAndSet(tx, id, expected, data);
      await this.bundles.forMeetings(tx, [id]);
      await this.audit.tenantEvent(tx, { action: 'meeting.updated', entityType: 'meeting', entityId: id, changes: { before: pick(before, Object.keys(data)), after: { ...input } } });
      // Those invited learn of a new time, place or name (one coalesced update mail).
      const after = pick({ ...before, ...data }, INVITATION_FIELDS);
      if (JSON.stringify(after) !== JSON.stringify(pick(before, INVITATION_FIELDS))) await this.invitations.automaticUpdate(tx, id);
      return this.mustReadMeeting(tx, id);
    });
  }

  async cancel(id: string, expected: number, input: CancelMeetingInput): Promise<OfficeMeetingDto> {
    return this.db.transaction(async (tx) => {
      const before = await tx.meeting.findFirst({ where: { id, deletedAt: null }, select: { version: true, cancelled: true, invitedAt: true, icalSequence: true, meetingState: true } });
      if (!before) throw new NotFoundError('The meeting');
      if (before.version !== expected) throw new StaleVersionError('The meeting', await this.readMeeting(tx, id));
      if (before.cancelled) throw new ConflictError('The meeting is already cancelled.', { allowed: [] });
      // The lifecycle: cancelled from any state before held (a held meeting took place).
      requireTransition(before, 'cancelled');
      // Everyone invited learns of the cancellation, with the invitation's UID and a higher
      // SEQUENCE (the worker sends it): written in this transaction, so it exists exactly when
      // the cancellation commits.
      const invited = before.invitedAt !== null;
      await this.compareAndSet(tx, id, expected, { cancelled: true, cancelledReason: input.reason, ...(invited && { icalSequence: { increment: 1 } }) });
      await this.bundles.forMeetings(tx, [id]);
      let sequence: number | null = null;
      if (invited) {
        sequence = before.icalSequence + 1;
        const payload: InvitationRequestedPayload = { meetingId: id, kind: 'cancellation', sequence, message: input.reason };
        await this.outbox.add(tx, { topic: INVITATION_REQUESTED_TOPIC, payload, actor: this.actor() });
      }
      await this.audit.tenantEvent(tx, { action: 'meeting.cancelled', entityType: 'meeting', entityId: id, changes: { reason: input.reason, ...(invited && { cancellationSequence: sequence }) } });
      return this.mustReadMeeting(tx, id);
    });
  }

  // ---- Agenda writes ----------------------------------------------------------------------------

  /** Replaces the whole agenda: kept items by id, new ones without, the rest soft-deleted; numbers recomputed. */
  async putAgenda(id: string, expected: number, items: AgendaItemInput[]): Promise<AgendaDto> {
    return this.db.transaction(async (tx) => {
      const meeting = await this.lockForAgendaEdit(tx, id, expected);
      if (await this.applyAgenda(tx, meeting, items, (i, f) => `items.${i}.${f}`)) await this.invitations.automaticUpdate(tx, id);
      return this.mustReadAgenda(tx, id);
    });
  }

  /** Schedules one consultation or adds one free item at the end of its part (public or non-public). */
  async addItem(id: string, expected: number, input: AddAgendaItemInput): Promise<AgendaDto> {
    return this.db.transaction(async (tx) => {
      await this.addItemIn(tx, id, expected, input);
      return this.mustReadAgenda(tx, id);
    });
  }

  /**
   * addItem in the caller's transaction (for other writers of this module that add an item, the
   * minutes approval): `check` runs once the meeting is locked, before anything is written.
   * Returns the new item's id.
   */
  async addItemIn(
    tx: TenantTx,
    id: string,
    expected: number,
    input: AddAgendaItemInput,
    check?: (meeting: { id: string; organizationId: string; meetingState: string; start: Date }) => Promise<void>,
  ): Promise<string> {
    const meeting = await this.lockForAgendaEdit(tx, id, expected);
    await check?.(meeting);
    let name = input.name;
    let isPublic = input.public;
    if (input.consultationId) {
      const c = await tx.consultation.findFirst({ where: { id: input.consultationId, deletedAt: null, paper: { deletedAt: null } }, select: { paper: { select: { name: true, public: true } } } });
      if (!c) throw new ValidationError([{ name: 'consultationId', reason: 'does not exist' }]);
      name ??= c.paper.name;
      // A non-public paper belongs to the non-public part; a public one to the public part unless the clerk says otherwise.
      isPublic ??= c.paper.public;
    }
    const current = await tx.agendaItem.findMany({ where: { meetingId: id, deletedAt: null }, orderBy: { order: 'asc' } });
    const kept: AgendaItemInput[] = current.map((a) => ({
      id: a.id,
      level: a.level === 2 ? 2 : 1,
      public: a.public,
      name: a.name,
      urgent: a.urgent,
      urgentReason: a.urgentReason,
      consultationId: a.consultationId,
    }));
    if (!name) throw new ValidationError([{ name: 'name', reason: 'is required for an item without a consultation' }]);
    const added: AgendaItemInput = { level: 1, public: isPublic ?? true, name, urgent: input.urgent, urgentReason: input.urgentReason ?? null, consultationId: input.consultationId ?? null };
    const at = added.public ? kept.filter((k) => k.public).length : kept.length;
    const items = [...kept.slice(0, at), added, ...kept.slice(at)];
    await this.applyAgenda(tx, meeting, items, (i, f) => (i === at ? f : `agenda.${i}.${f}`));
    // An invited meeting's members learn of the new item (one coalesced update, ADR 0016).
    await this.invitations.automaticUpdate(tx, id);
    const created = await tx.agendaItem.findFirst({ where: { meetingId: id, deletedAt: null, order: at + 1 }, select: { id: true } });
    if (!created) throw new Error('The added agenda item was not found after saving.');
    return created.id;
  }

  // ---- Internals --------------------------------------------------------------------------------

  /**
   * Compare-and-set on the meeting's version first: it takes the meeting row's lock, so agenda
   * saves of one meeting run one after the other, and a concurrent save with the same version
   * finds the version moved on and gets 412.
   */
  private async lockForAgendaEdit(tx: TenantTx, id: string, expected: number) {
    const bumped = await tx.meeting.updateMany({ where: { id, deletedAt: null, version: expected }, data: { version: { increment: 1 } } });
    const meeting = await tx.meeting.findFirst({ where: { id, deletedAt: null }, select: { id: true, organizationId: true, cancelled: true, meetingState: true, start: true, version: true } });
    if (!meeting) throw new NotFoundError('The meeting');
    if (bumped.count === 0) throw new StaleVersionError('The agenda', await this.readAgenda(tx, id));
    if (meeting.cancelled) throw new ConflictError('The meeting is cancelled: its agenda can no longer be changed.');
    return meeting;
  }

  private async applyAgenda(
    tx: TenantTx,
    meeting: { id: string; organizationId: string; meetingState: string; start: Date; version: number },
    items: AgendaItemInput[],
    fieldOf: FieldOf,
  ): Promise<boolean> {
    const current = await tx.agendaItem.findMany({ where: { meetingId: meeting.id, deletedAt: null }, orderBy: { order: 'asc' } });
    const byId = new Map(current.map((a) => [a.id, a]));
    const problems: { name: string; reason: string }[] = [];
    const late = meeting.meetingState !== 'planned' || meeting.start.getTime() - Date.now() < LATE_ITEM_DAYS * 86_400_000;

    items.forEach((item, i) => {
      if (item.id && !byId.has(item.id)) problems.push({ name: fieldOf(i, 'id'), reason: 'is not an item of this agenda' });
      if (!item.id && late && !item.urgent)
        problems.push({ name: fieldOf(i, 'urgent'), reason: `a late item (the meeting is invited or starts within ${LATE_ITEM_DAYS} days) must be marked urgent with a reason` });
    });

    // Consultations newly placed, or whose part changed: checked (and locked, so two meetings cannot take the same one at once).
    const toCheck = items
      .map((item, i) => ({ item, i }))
      .filter(({ item }) => {
        if (!item.consultationId) return false;
        const was = item.id ? byId.get(item.id) : undefined;
        return !was || was.consultationId !== item.consultationId || was.public !== item.public;
      });
    if (toCheck.length) {
      const ids = [...new Set(toCheck.flatMap(({ item }) => (item.consultationId ? [item.consultationId] : [])))].sort();
      await tx.$queryRaw`SELECT id FROM consultations WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
      const consultations = await tx.consultation.findMany({
        where: { id: { in: ids }, deletedAt: null, paper: { deletedAt: null } },
        select: {
          id: true,
          organizationId: true,
          paper: { select: { public: true } },
          agendaItems: { where: { deletedAt: null, meetingId: { not: meeting.id }, meeting: { deletedAt: null, cancelled: false } }, select: { number: true, meeting: { select: { name: true } } } },
        },
      });
      const found = new Map(consultations.map((c) => [c.id, c]));
      const conflicts: string[] = [];
      for (const { item, i } of toCheck) {
        const c = found.get(item.consultationId ?? '');
        if (!c) problems.push({ name: fieldOf(i, 'consultationId'), reason: 'does not exist' });
        else if (c.organizationId !== meeting.organizationId) problems.push({ name: fieldOf(i, 'consultationId'), reason: 'is a consultation of another body than the meeting’s' });
        else if (!c.paper.public && item.public) problems.push({ name: fieldOf(i, 'public'), reason: 'the item of a non-public paper belongs to the non-public part' });
        else if (c.agendaItems.length) conflicts.push(`"${item.name}" is already on the agenda of "${c.agendaItems[0]?.meeting.name ?? ''}"`);
      }
      if (!problems.length && conflicts.length) throw new ConflictError(`A consultation can be on one agenda only: ${conflicts.join('; ')}.`);
    }
    if (problems.length) throw new ValidationError(problems);

    const numbers = agendaNumbers(items);
    const keep = new Set(items.flatMap((i) => (i.id ? [i.id] : [])));
    const removed = current.filter((a) => !keep.has(a.id));
    if (removed.length) await tx.agendaItem.updateMany({ where: { id: { in: removed.map((a) => a.id) } }, data: { deletedAt: new Date() } });
    // The unique order index covers living items, and a check keeps orders ≥ 1: park them above
    // the highest order first (one statement, shifted values cannot meet unshifted ones), so that
    // any permutation can then be written item by item without two sharing an order on the way.
    await tx.$executeRaw`UPDATE agenda_items SET "order" = "order" + (SELECT coalesce(max("order"), 0) FROM agenda_items WHERE meeting_id = ${meeting.id}::uuid AND deleted_at IS NULL) WHERE meeting_id = ${meeting.id}::uuid AND deleted_at IS NULL`;
    const tenantId = this.tenant.require().id;
    const changed: { id: string | null; number: string; name: string; was: string | null }[] = [];
    for (const [i, item] of items.entries()) {
      const data = {
        order: i + 1,
        number: numbers[i] ?? '',
        level: item.level,
        public: item.public,
        name: item.name,
        urgent: item.urgent,
        urgentReason: item.urgent ? (item.urgentReason ?? null) : null,
        consultationId: item.consultationId ?? null,
      };
      const was = item.id ? byId.get(item.id) : undefined;
      if (was) {
        await tx.agendaItem.update({ where: { id: was.id }, data });
        if (was.number !== data.number || was.name !== data.name || was.public !== data.public || was.level !== data.level || was.urgent !== data.urgent || was.consultationId !== data.consultationId)
          changed.push({ id: was.id, number: data.number, name: data.name, was: was.number });
      } else {
        const created = await tx.agendaItem.create({ data: { ...data, tenantId, meetingId: meeting.id } });
        changed.push({ id: created.id, number: data.number, name: data.name, was: null });
      }
    }
    // The bundles show the agenda: every save asks for them again (in this transaction).
    await this.bundles.forMeetings(tx, [meeting.id]);
    await this.audit.tenantEvent(tx, {
      action: 'agenda.updated',
      entityType: 'meeting',
      entityId: meeting.id,
      changes: {
        version: meeting.version,
        added: changed.filter((c) => c.was === null).map(({ id, number, name }) => ({ id, number, name })),
        changed: changed.filter((c) => c.was !== null).map(({ id, number, name, was }) => ({ id, from: was, number, name })),
        removed: removed.map((a) => ({ id: a.id, number: a.number, name: a.name })),
      },
    });
    return changed.length > 0 || removed.length > 0;
  }

  /** Who caused an event, so that the worker writes its audit trail in their name. */
  private actor() {
    const p = this.auth.principal();
    const s = this.auth.tenantSession();
    return { issuer: p?.issuer ?? null, subject: p?.subject ?? null, name: p?.name ?? null, actingRole: s?.actingRole ?? null };
  }

  private async compareAndSet(tx: TenantTx, id: string, expected: number, data: Record<string, unknown>) {
    const r = await tx.meeting.updateMany({ where: { id, version: expected, deletedAt: null }, data: { ...data, version: { increment: 1 } } });
    if (r.count === 0) throw new StaleVersionError('The meeting', await this.readMeeting(tx, id));
  }

  /** Organization and location must exist in this authority (another authority's ids are invisible here, so they do not exist). */
  private async requireReferences(tx: TenantTx, input: { organizationId?: string; locationId?: string | null }) {
    const problems: { name: string; reason: string }[] = [];
    if (input.organizationId && !(await tx.organization.findFirst({ where: { id: input.organizationId, deletedAt: null }, select: { id: true } })))
      problems.push({ name: 'organizationId', reason: 'does not exist' });
    if (input.locationId && !(await tx.location.findFirst({ where: { id: input.locationId, deletedAt: null }, select: { id: true } })))
      problems.push({ name: 'locationId', reason: 'does not exist' });
    if (problems.length) throw new ValidationError(problems);
  }

  private async mustReadMeeting(tx: TenantTx, id: string): Promise<OfficeMeetingDto> {
    const m = await this.readMeeting(tx, id);
    if (!m) throw new NotFoundError('The meeting');
    return m;
  }

  private async mustReadAgenda(tx: TenantTx, id: string): Promise<AgendaDto> {
    const a = await this.readAgenda(tx, id);
    if (!a) throw new NotFoundError('The meeting');
    return a;
  }

  private async readMeeting(tx: TenantTx, id: string): Promise<OfficeMeetingDto | null> {
    const m = await readMeetingRow(tx, id);
    if (!m) return null;
    const items = await readAgendaRows(tx, id);
    const staff = this.auth.requireTenantSession().actingRole !== 'member';
    const needsRule = !staff && items.some((a) => !a.public || a.files.some((f) => !f.public) || (a.consultation && !a.consultation.paper.public));
    const mayReadNonPublic = staff || (needsRule && NonPublicAccess.allows(await this.access.scope(tx), m.organizationId));
    const readable = mayReadNonPublic ? items : items.filter((a) => a.public);
    const slug = this.tenant.require().slug;
    const bundle = (variant: 'public' | 'full') => toBundleInfo(m.bundles?.find((b) => b.variant === variant), BundleRoutes.office(slug, id, variant));
    return {
      ...toMeetingSummary(m),
      agendaItems: readable.map((a) => toAgendaItemDto(a, { staff, mayReadNonPublic })),
      withheldNonPublicItems: items.length - readable.length,
      // The full bundle is offered to whoever reads every non-public item here (for a member of a
      // meeting without any non-public content it would be the public one: not offered).
      bundles: { public: bundle('public'), full: mayReadNonPublic ? bundle('full') : null },
    };
  }

  /** The editor's view (clerks and admins only): every living item. */
  private async readAgenda(tx: TenantTx, id: string): Promise<AgendaDto | null> {
    const m = await tx.meeting.findFirst({ where: { id, deletedAt: null }, select: { id: true, version: true, cancelled: true } });
    if (!m) return null;
    const items = await readAgendaRows(tx, id);
    return { meetingId: m.id, version: m.version, cancelled: m.cancelled, items: items.map((a) => toAgendaItemDto(a, { staff: true, mayReadNonPublic: true })) };
  }
}

function pick(row: object, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = (row as Record<string, unknown>)[k];
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

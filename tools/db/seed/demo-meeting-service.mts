/**
 * The meeting service (Sitzungsdienst) of the demo: what the clerks recorded about held meetings,
 * and one meeting of Stadt Burg that is running "now".
 *
 * `applyMeetingService(data, referenceDate)` completes the rows `buildDemoData` made, pure and
 * deterministic like them (ids are UUID v5 of stable keys, choices are hashes):
 *
 * - every tenant: the structured result of each decided item (result_kind, counted votes parsed
 *   from the resolution text, decided_at), the session's started_at / closed_at, the states
 *   held → minutes_drafted → minutes_approved (the approval is item Ö 3 of the body's next meeting,
 *   `approves_minutes_of_meeting_id`, result accepted; `minutes_approved_by_item_id` points back),
 *   results "abgelehnt" and "verwiesen" besides the generator's ones, results of non-public items,
 *   and the follow-up of every accepted item (the resolution the DB trigger creates: its fixed id,
 *   status open / in_progress / done / obsolete, department, due date, dated notes);
 * - Stadt Burg and the county (MEETING_SERVICE_TENANTS): attendance of every held meeting
 *   (present, excused with an absence notice, absent, late, left early, a deputy standing in, a
 *   guest), vote counts that add up to the voters present, minutes text per item, and named votes
 *   with a declared conflict of interest (on a public item and on a non-public one);
 * - the live demo meeting (DEMO_LIVE_MEETING_ID, Hauptausschuss of Burg): state running since
 *   30 minutes before the reference date, its 2nd public item current, a non-public item last.
 *   `npm start` re-times it to the current time (live-meeting.mts) on every start.
 *
 * Resolutions are created by the DB trigger when an agenda item is inserted with result_kind
 * 'accepted' (with a random id); the seed then gives them the id, status, department and due date
 * listed here (`resolutions`, matched by agenda item) and inserts their notes.
 * The meetings' links to agenda items (current item, approving item) are set after the items
 * exist (`meeting_links`).
 */
import { DEMO_LIVE_MEETING_ID, DEMO_LIVE_MEETING_KEY, demoUuid, hashFrac, hashInt, pick } from './demo-ids.mts';
import type { AgendaItemRow, AgendaResultKind, DemoData, MeetingRow, PersonRow } from './demo-data.mts';

/** The authorities whose held meetings have attendance, named votes and minutes text. */
export const MEETING_SERVICE_TENANTS = ['burg', 'landkreis-jerichower-land'] as const;

export type AttendanceStatus = 'present' | 'excused' | 'absent';
export type AttendanceRole = 'member' | 'deputy' | 'guest';
export type ResolutionStatus = 'open' | 'in_progress' | 'done' | 'obsolete';

export interface MeetingAttendanceRow {
  id: string;
  tenant_id: string;
  meeting_id: string;
  person_id: string;
  status: AttendanceStatus;
  role: AttendanceRole;
  deputy_for_person_id: string | null;
  arrived_at: string | null;
  left_at: string | null;
  note: string | null;
}

export interface AbsenceNoticeRow {
  id: string;
  tenant_id: string;
  meeting_id: string;
  person_id: string;
  reason: string | null;
  created_by_name: string | null;
}

export interface VoteConflictRow {
  id: string;
  tenant_id: string;
  agenda_item_id: string;
  person_id: string;
  note: string | null;
}

export interface NamedVoteRow {
  id: string;
  tenant_id: string;
  agenda_item_id: string;
  person_id: string;
  vote: 'yes' | 'no' | 'abstain';
}

/** What the seed sets on the resolution the trigger created for `agenda_item_id`. */
export interface ResolutionRow {
  id: string;
  tenant_id: string;
  agenda_item_id: string;
  status: ResolutionStatus;
  responsible_department: string | null;
  due_date: string | null;
}

export interface ResolutionNoteRow {
  id: string;
  tenant_id: string;
  resolution_id: string;
  note_date: string;
  text: string;
  created_by_name: string | null;
}

/** Links of a meeting to its items, set once the items exist. */
export interface MeetingLinkRow {
  id: string;
  tenant_id: string;
  current_agenda_item_id: string | null;
  minutes_approved_by_item_id: string | null;
}

export interface MeetingServiceData {
  meeting_attendances: MeetingAttendanceRow[];
  absence_notices: AbsenceNoticeRow[];
  vote_conflicts: VoteConflictRow[];
  named_votes: NamedVoteRow[];
  resolutions: ResolutionRow[];
  resolution_notes: ResolutionNoteRow[];
  meeting_links: MeetingLinkRow[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const HELD = new Set(['held', 'minutes_drafted', 'minutes_approved']);
export const RESULT_TEXT: Record<AgendaResultKind, string> = {
  accepted: 'beschlossen',
  rejected: 'abgelehnt',
  referred: 'verwiesen',
  postponed: 'vertagt',
  taken_note: 'zur Kenntnis genommen',
};

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const TIME = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const DATE = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit', month: '2-digit', year: 'numeric' });
const berlinTime = (iso: string) => TIME.format(new Date(iso));
const berlinDate = (iso: string) => DATE.format(new Date(iso));
const personName = (p: PersonRow) => `${p.title ? `${p.title} ` : ''}${p.given_name} ${p.family_name}`;
const VOTE_LINE = /\nAbstimmungsergebnis: (\d+) Ja, (\d+) Nein, (\d+) Enthaltung(?:en)?$/;
const voteLine = (yes: number, no: number, abstain: number) => `\nAbstimmungsergebnis: ${yes} Ja, ${no} Nein, ${abstain} ${abstain === 1 ? 'Enthaltung' : 'Enthaltungen'}`;

const DEPARTMENTS: Record<string, readonly string[]> = {
  county: ['Dezernat I – Zentrale Dienste', 'Amt für Finanzen', 'Bauordnungsamt', 'Amt für Schulverwaltung und Kultur', 'Jugendamt', 'Sozialamt'],
  town: ['Hauptamt', 'Kämmerei', 'Amt für Stadtentwicklung und Bauen', 'Ordnungsamt', 'Amt für Bildung, Kultur und Soziales'],
};
const CLERKS = ['S. Krüger', 'M. Hoffmann', 'A. Neumann', 'T. Schröder', 'K. Wolff', 'J. Braun'];
const ABSENCE_REASONS = ['Urlaub', 'Krankheit', 'dienstlich verhindert', 'familiäre Gründe', null] as const;
const NOTES: Record<ResolutionStatus, readonly string[]> = {
  open: ['Auftrag an das Fachamt weitergeleitet.', 'Zuständigkeit geklärt; die Umsetzung beginnt nach Freigabe der Haushaltsmittel.'],
  in_progress: [
    'Angebote eingeholt; die Vergabe ist für den nächsten Bauausschuss vorgesehen.',
    'Abstimmung mit den beteiligten Ämtern läuft; Zwischenbericht folgt.',
    'Fördermittelantrag gestellt, Bescheid steht aus.',
    'Entwurf liegt vor und wird mit dem Rechtsamt abgestimmt.',
  ],
  done: ['Umgesetzt; Bericht an den Ausschuss erfolgt.', 'Vertrag unterzeichnet, Maßnahme abgeschlossen.', 'Satzung ausgefertigt und öffentlich bekannt gemacht.'],
  obsolete: ['Hat sich durch den Beschluss einer geänderten Vorlage erledigt.', 'Gegenstandslos: Fördermittel wurden nicht bewilligt.'],
};

interface Body { id: string; tenantId: string; isCouncil: boolean; name: string }

/**
 * Completes `data` in place (meetings, agenda items, plus the live demo meeting of Burg) and
 * returns the meeting service's own rows.
 */
export function applyMeetingService(data: DemoData, referenceDate: Date): MeetingServiceData {
  const refMs = referenceDate.getTime();
  const out: MeetingServiceData = { meeting_attendances: [], absence_notices: [], vote_conflicts: [], named_votes: [], resolutions: [], resolution_notes: [], meeting_links: [] };
  const tenants = new Map(data.tenants.map((t) => [t.id, t]));
  const bodies = new Map<string, Body>(
    data.organizations.map((o) => [o.id, { id: o.id, tenantId: o.tenant_id, isCouncil: o.organization_type === 'council', name: o.name }]),
  );
  const persons = new Map(data.persons.map((p) => [p.id, p]));
  const itemsByMeeting = new Map<string, AgendaItemRow[]>();
  for (const a of data.agenda_items) itemsByMeeting.set(a.meeting_id, [...(itemsByMeeting.get(a.meeting_id) ?? []), a]);
  const consultationPaper = new Map(data.consultations.map((c) => [c.id, c.paper_id]));
  const papers = new Map(data.papers.map((p) => [p.id, p]));
  const links = new Map<string, MeetingLinkRow>();
  const link = (m: MeetingRow): MeetingLinkRow => {
    let l = links.get(m.id);
    if (!l) {
      l = { id: m.id, tenant_id: m.tenant_id, current_agenda_item_id: null, minutes_approved_by_item_id: null };
      links.set(m.id, l);
    }
    return l;
  };

  // --- states: the latest held meeting of each body has no approved minutes yet --------------
  // The latest of them in each authority is just "held", the others' minutes are drafted.
  for (const t of data.tenants) {
    const mine = data.meetings.filter((m) => m.tenant_id === t.id && m.meeting_state === 'held' && !m.cancelled).sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
    for (const m of mine.slice(1)) m.meeting_state = 'minutes_drafted';
  }

  // --- the live demo meeting of Burg (before attendance, which it gets too) -------------------
  addLiveMeeting(data, refMs, itemsByMeeting);

  const heldMeetings = data.meetings.filter((m) => !m.cancelled && (HELD.has(m.meeting_state) || m.meeting_state === 'running'));
  const meetingsByBody = new Map<string, MeetingRow[]>();
  for (const m of data.meetings) if (!m.cancelled && m.id !== DEMO_LIVE_MEETING_ID) meetingsByBody.set(m.organization_id, [...(meetingsByBody.get(m.organization_id) ?? []), m]);
  for (const list of meetingsByBody.values()) list.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));

  for (const m of heldMeetings) {
    const tenant = tenants.get(m.tenant_id);
    const body = bodies.get(m.organization_id);
    if (!tenant || !body) continue;
    const live = m.id === DEMO_LIVE_MEETING_ID;
    const start = Date.parse(m.start);
    const started = live ? start : start + (hashInt(`${m.id}/started`) % 6) * MINUTE;
    m.started_at = new Date(started).toISOString();
    m.closed_at = live ? null : m.end;
    const end = Date.parse(m.end ?? m.start);
    const service = (MEETING_SERVICE_TENANTS as readonly string[]).includes(tenant.slug);
    const items = itemsByMeeting.get(m.id) ?? [];
    const day = isoDay(start);

    // attendance
    let voters: string[] = [];
    let presentCount = 0;
    let memberCount = 0;
    if (service) {
      const att = attendance(data, m, body, day, start, end, persons, live);
      out.meeting_attendances.push(...att.rows);
      out.absence_notices.push(...att.notices);
      voters = att.voters;
      presentCount = att.rows.filter((r) => r.status === 'present' && r.role !== 'guest').length;
      memberCount = att.rows.filter((r) => r.role === 'member').length;
    }

    // the approval of the previous meeting's minutes (item Ö 3)
    const sameBody = meetingsByBody.get(m.organization_id) ?? [];
    const previous = live ? undefined : sameBody.filter((o) => Date.parse(o.start) < start).at(-1);
    const approval = items.find((a) => a.order === 3 && a.name.startsWith('Genehmigung der Niederschrift'));

    let clock = started + 5 * MINUTE;
    const closingAt = live ? Number.POSITIVE_INFINITY : end - 5 * MINUTE;
    const decidedAt = () => {
      clock = Math.min(clock + (6 + (hashInt(`${m.id}/${clock}`) % 14)) * MINUTE, closingAt);
      return new Date(clock).toISOString();
    };
    const liveCurrent = live ? items.filter((a) => a.public)[1] : undefined;

    for (const a of items) {
      if (live && liveCurrent && a.order >= liveCurrent.order) break; // not yet dealt with
      if (a === approval) {
        const abstain = hashInt(`${a.id}/abstain`) % 3;
        const total = service ? voters.length : Math.max(abstain + 1, 7 + (hashInt(`${a.id}/n`) % 20));
        setResult(a, 'accepted', 'genehmigt', { yes: total - abstain, no: 0, abstain }, decidedAt());
        a.resolution_text = `Die Niederschrift wird in der vorliegenden Fassung genehmigt.${voteLine(total - abstain, 0, abstain)}`;
        if (previous && previous.meeting_state === 'minutes_approved') {
          a.approves_minutes_of_meeting_id = previous.id;
          link(previous).minutes_approved_by_item_id = a.id;
        }
      } else if (a.result !== null) {
        recordDecision(a, voters.length, service, decidedAt());
      } else if (!a.public && !live) {
        // non-public decisions are recorded too (never shown on the portal)
        const kindRoll = hashFrac(`${a.id}/np-kind`);
        const kind: AgendaResultKind = kindRoll < 0.8 ? 'accepted' : 'taken_note';
        const total = service ? voters.length : 9 + (hashInt(`${a.id}/n`) % 20);
        const no = kind === 'accepted' ? hashInt(`${a.id}/no`) % 3 : 0;
        const abstain = kind === 'accepted' ? hashInt(`${a.id}/abstain`) % 2 : 0;
        setResult(a, kind, kind === 'accepted' ? (no === 0 && abstain === 0 ? 'einstimmig beschlossen' : 'mehrheitlich beschlossen') : 'zur Kenntnis genommen',
          kind === 'accepted' ? { yes: total - no - abstain, no, abstain } : null, decidedAt());
        a.resolution_text = kind === 'accepted'
          ? `Dem Beschlussvorschlag der Verwaltung wird zugestimmt.${voteLine(total - no - abstain, no, abstain)}`
          : 'Die Mitteilung der Verwaltung wird zur Kenntnis genommen.';
      }
      if (service) a.minutes_text = minutesText(a, m, { present: presentCount, members: memberCount, previousDay: previous ? berlinDate(previous.start) : null });
    }
    if (live && liveCurrent) link(m).current_agenda_item_id = liveCurrent.id;
  }

  // --- "abgelehnt" and "verwiesen": some contested decisions of every authority -------------
  for (const t of data.tenants) {
    const contested = data.agenda_items.filter((a) => a.tenant_id === t.id && a.public && a.result === 'mehrheitlich beschlossen');
    let rejected = 0;
    let referred = 0;
    contested.forEach((a, i) => {
      const roll = hashFrac(`${a.id}/contested`);
      const motion = /den Antrag /.test(a.resolution_text ?? '');
      if ((motion && roll < 0.4) || (rejected === 0 && i === contested.length - 1)) {
        reject(a);
        rejected++;
      } else if (roll > 0.9 || (referred === 0 && i === contested.length - 2)) {
        refer(a, data, bodies);
        referred++;
      }
    });
  }

  // --- named votes with a declared conflict of interest ----------------------------------------
  for (const slug of MEETING_SERVICE_TENANTS) {
    const t = data.tenants.find((x) => x.slug === slug);
    if (!t) continue;
    const councilMeetings = data.meetings
      .filter((m) => m.tenant_id === t.id && HELD.has(m.meeting_state) && bodies.get(m.organization_id)?.isCouncil)
      .sort((a, b) => Date.parse(b.start) - Date.parse(a.start))
      .slice(0, 2);
    for (const m of councilMeetings) {
      const items = itemsByMeeting.get(m.id) ?? [];
      const voters = out.meeting_attendances.filter((r) => r.meeting_id === m.id && r.status === 'present' && r.role !== 'guest' && isVoter(data, r, m)).map((r) => r.person_id);
      // a contested decision if there is one (a roll call of only "yes" says little)
      const decisions = items.filter((a) => a.public && a.vote_mode === 'counted' && (a.result_kind === 'accepted' || a.result_kind === 'rejected') && a.order > 3);
      const publicItem = decisions.find((a) => (a.votes_no ?? 0) > 0) ?? decisions[0];
      const secretItem = items.find((a) => !a.public && a.vote_mode === 'counted' && a.result_kind === 'accepted');
      for (const a of [publicItem, secretItem]) {
        if (!a) continue;
        const conflicted = pick(voters, `${a.id}/conflict`);
        out.vote_conflicts.push({
          id: demoUuid(`${a.id}/conflict/${conflicted}`), tenant_id: a.tenant_id, agenda_item_id: a.id, person_id: conflicted,
          note: 'Mitwirkungsverbot wegen persönlicher Beteiligung (§ 33 KVG LSA); hat den Sitzungstisch verlassen.',
        });
        const counts = { yes: 0, no: 0, abstain: 0 };
        const unanimous = a.votes_no === 0 && a.votes_abstain === 0;
        const majority = a.result_kind === 'rejected' ? 'no' : 'yes';
        const minority = majority === 'yes' ? 'no' : 'yes';
        for (const p of voters) {
          if (p === conflicted) continue;
          const r = hashFrac(`${a.id}/vote/${p}`);
          const vote = unanimous || r < 0.68 ? majority : r < 0.9 ? minority : 'abstain';
          counts[vote]++;
          out.named_votes.push({ id: demoUuid(`${a.id}/vote/${p}`), tenant_id: a.tenant_id, agenda_item_id: a.id, person_id: p, vote });
        }
        if (counts[majority] <= counts[minority]) {
          // keep the recorded result: turn minority votes into majority ones until it holds
          for (const v of out.named_votes.filter((x) => x.agenda_item_id === a.id && x.vote === minority)) {
            if (counts[majority] > counts[minority]) break;
            v.vote = majority;
            counts[minority]--;
            counts[majority]++;
          }
        }
        a.vote_mode = 'named';
        a.votes_yes = counts.yes;
        a.votes_no = counts.no;
        a.votes_abstain = counts.abstain;
        if (a.resolution_text) a.resolution_text = a.resolution_text.replace(VOTE_LINE, '') + `${voteLine(counts.yes, counts.no, counts.abstain)} (namentliche Abstimmung)`;
        const barred = persons.get(conflicted);
        if (a.minutes_text && barred) a.minutes_text += ` Auf Antrag wird namentlich abgestimmt. ${personName(barred)} erklärt sich für befangen und wirkt an Beratung und Abstimmung nicht mit.`;
      }
    }
  }

  // --- resolutions (Beschlusskontrolle) ---------------------------------------------------------
  const meetings = new Map(data.meetings.map((m) => [m.id, m]));
  for (const t of data.tenants) {
    const accepted = data.agenda_items.filter((a) => a.tenant_id === t.id && a.result_kind === 'accepted');
    const departments = DEPARTMENTS[t.kind === 'county' ? 'county' : 'town'];
    const mine: Array<{ row: ResolutionRow; decided: number; approval: boolean }> = [];
    for (const a of accepted) {
      const decided = Date.parse(a.decided_at ?? meetings.get(a.meeting_id)?.start ?? '');
      const approval = a.approves_minutes_of_meeting_id !== null || a.name.startsWith('Genehmigung der Niederschrift');
      const paperId = a.consultation_id ? consultationPaper.get(a.consultation_id) : undefined;
      const department = approval ? null : (paperId ? papers.get(paperId)?.responsible_department : null) ?? pick(departments, `${a.id}/department`);
      const ageDays = Math.floor((refMs - decided) / DAY);
      const roll = hashFrac(`${a.id}/status`);
      let status: ResolutionStatus;
      if (approval) status = 'done';
      else if (ageDays < 21) status = 'open';
      else if (ageDays <= 90) status = roll < 0.35 ? 'open' : roll < 0.85 ? 'in_progress' : 'done';
      else status = roll < 0.1 ? 'obsolete' : roll < 0.7 ? 'done' : roll < 0.85 ? 'in_progress' : 'open';
      const due = approval ? null : isoDay(decided + (30 + 30 * (hashInt(`${a.id}/due`) % 5)) * DAY);
      mine.push({ row: { id: demoUuid(`${a.id}/resolution`), tenant_id: t.id, agenda_item_id: a.id, status, responsible_department: department, due_date: due }, decided, approval });
    }
    // every status and an overdue one in every authority that decided enough
    const substantive = mine.filter((r) => !r.approval).sort((a, b) => a.decided - b.decided);
    if (substantive.length >= 6) {
      for (const [status, which] of [['done', 0], ['obsolete', 1], ['in_progress', 2], ['open', substantive.length - 1]] as const) {
        if (!substantive.some((r) => r.row.status === status)) substantive[which].row.status = status;
      }
      const refDay = isoDay(refMs);
      if (!substantive.some((r) => (r.row.status === 'open' || r.row.status === 'in_progress') && (r.row.due_date ?? '9999') < refDay)) {
        const r = substantive.find((x) => x.row.status === 'in_progress') ?? substantive[3];
        r.row.status = 'in_progress';
        r.row.due_date = isoDay(Math.max(r.decided + 14 * DAY, refMs - 10 * DAY));
      }
    }
    for (const { row, decided, approval } of mine) {
      out.resolutions.push(row);
      if (approval) continue;
      const count = row.status === 'open' ? (hashInt(`${row.id}/notes`) % 2) : row.status === 'in_progress' ? 1 + (hashInt(`${row.id}/notes`) % 2) : 2;
      const span = Math.max(1, Math.floor((refMs - decided) / DAY) - 1);
      for (let i = 0; i < count; i++) {
        const last = i === count - 1;
        const pool = last && (row.status === 'done' || row.status === 'obsolete') ? NOTES[row.status] : i === 0 ? NOTES.open : NOTES.in_progress;
        const offset = Math.max(1, Math.round((span * (i + 1)) / (count + 1)));
        out.resolution_notes.push({
          id: demoUuid(`${row.id}/note/${i + 1}`), tenant_id: row.tenant_id, resolution_id: row.id,
          note_date: isoDay(decided + offset * DAY), text: pick(pool, `${row.id}/note/${i + 1}`),
          created_by_name: `${pick(CLERKS, `${row.id}/clerk`)} (${row.responsible_department ?? 'Büro der Vertretung'})`.slice(0, 200),
        });
      }
    }
  }

  out.meeting_links = [...links.values()];
  return out;
}

function isVoter(data: DemoData, r: MeetingAttendanceRow, m: MeetingRow): boolean {
  if (r.role === 'deputy') return true;
  const day = m.start.slice(0, 10);
  return data.memberships.some((x) => x.person_id === r.person_id && x.organization_id === m.organization_id && x.voting_right && x.deputy_for_id === null
    && (x.start_date === null || x.start_date <= day) && (x.end_date === null || x.end_date >= day));
}

function setResult(a: AgendaItemRow, kind: AgendaResultKind, text: string, votes: { yes: number; no: number; abstain: number } | null, decidedAt: string): void {
  a.result = text;
  a.result_kind = kind;
  a.vote_mode = votes ? 'counted' : null;
  a.votes_yes = votes?.yes ?? null;
  a.votes_no = votes?.no ?? null;
  a.votes_abstain = votes?.abstain ?? null;
  a.decided_at = decidedAt;
}

/** The generator's result text → the structured result; counts that add up to the voters present. */
function recordDecision(a: AgendaItemRow, voters: number, service: boolean, decidedAt: string): void {
  const kind: AgendaResultKind = a.result === 'vertagt' ? 'postponed' : a.result === 'zur Kenntnis genommen' ? 'taken_note' : 'accepted';
  const match = VOTE_LINE.exec(a.resolution_text ?? '');
  if (kind !== 'accepted' || !match) {
    setResult(a, kind, a.result ?? RESULT_TEXT[kind], null, decidedAt);
    return;
  }
  let [yes, no, abstain] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (service && voters > 0) {
    no = Math.min(no, Math.floor((voters - 1) / 3));
    abstain = Math.min(abstain, Math.max(0, voters - 2 * no - 1));
    yes = voters - no - abstain;
    a.resolution_text = (a.resolution_text ?? '').replace(VOTE_LINE, voteLine(yes, no, abstain));
  }
  setResult(a, 'accepted', no === 0 && abstain === 0 ? 'einstimmig beschlossen' : 'mehrheitlich beschlossen', { yes, no, abstain }, decidedAt);
}

function reject(a: AgendaItemRow): void {
  const [yes, no] = [a.votes_yes ?? 0, a.votes_no ?? 0];
  const swapped = { yes: Math.min(yes, no), no: Math.max(yes, no), abstain: a.votes_abstain ?? 0 };
  if (swapped.no === swapped.yes) {
    swapped.no++;
    swapped.yes = Math.max(0, swapped.yes - 1);
  }
  const what = /den Antrag (\S+?)[ .,]/.exec(a.resolution_text ?? '')?.[1];
  a.result = 'abgelehnt';
  a.result_kind = 'rejected';
  a.votes_yes = swapped.yes;
  a.votes_no = swapped.no;
  a.resolution_text = `${what ? `Der Antrag ${what}` : 'Die Beschlussvorlage'} wird abgelehnt.${voteLine(swapped.yes, swapped.no, swapped.abstain)}`;
  if (a.minutes_text) a.minutes_text = a.minutes_text.replace(/Der Beschlussvorschlag findet eine Mehrheit\.|Dem Beschlussvorschlag wird einstimmig zugestimmt\./, 'Der Beschlussvorschlag findet keine Mehrheit.');
}

function refer(a: AgendaItemRow, data: DemoData, bodies: Map<string, Body>): void {
  const m = data.meetings.find((x) => x.id === a.meeting_id);
  const committees = data.organizations.filter((o) => o.tenant_id === a.tenant_id && o.organization_type === 'committee' && o.id !== m?.organization_id);
  const to = committees.length > 0 ? pick(committees, `${a.id}/referred-to`).name : 'den zuständigen Fachausschuss';
  a.result = 'verwiesen';
  a.result_kind = 'referred';
  a.resolution_text = `Die Angelegenheit wird zur weiteren Beratung in den ${to} verwiesen.${voteLine(a.votes_yes ?? 0, a.votes_no ?? 0, a.votes_abstain ?? 0)}`;
  if (a.minutes_text) a.minutes_text = a.minutes_text.replace(/Der Beschlussvorschlag findet eine Mehrheit\.|Dem Beschlussvorschlag wird einstimmig zugestimmt\./, `Auf Antrag wird die Angelegenheit in den ${to} verwiesen.`);
  void bodies;
}

function minutesText(a: AgendaItemRow, m: MeetingRow, ctx: { present: number; members: number; previousDay: string | null }): string {
  const at = berlinTime(m.started_at ?? m.start);
  if (a.order === 1) return `Die Sitzung wird um ${at} Uhr eröffnet. Die ordnungsgemäße Ladung und die Beschlussfähigkeit werden festgestellt; anwesend sind ${ctx.present} von ${ctx.members} Mitgliedern.`;
  if (a.order === 2) return hashFrac(`${a.id}/agenda`) < 0.7 ? 'Die Tagesordnung wird ohne Änderungen festgestellt.' : 'Die Tagesordnung wird mit der Absetzung eines Punktes durch die Verwaltung festgestellt.';
  if (a.name.startsWith('Genehmigung der Niederschrift')) return `Einwendungen gegen die Niederschrift${ctx.previousDay ? ` vom ${ctx.previousDay}` : ''} werden nicht erhoben.`;
  if (a.name.startsWith('Verpflichtung')) return 'Die Mitglieder werden per Handschlag verpflichtet; die Stellvertretung des Vorsitzes wird gewählt.';
  if (a.name === 'Einwohnerfragestunde') {
    return hashFrac(`${a.id}/questions`) < 0.5 ? 'Es werden keine Fragen gestellt.' : 'Eine Einwohnerin fragt nach dem Zeitplan der Baumaßnahme in ihrer Straße; die Verwaltung sagt eine schriftliche Antwort zu.';
  }
  if (a.name === 'Anfragen und Mitteilungen' || (a.level === 2 && a.result === null)) return 'Die Verwaltung informiert über aktuelle Angelegenheiten. Weitere Anfragen liegen nicht vor.';
  if (!a.public) return 'Die Angelegenheit wird in nichtöffentlicher Sitzung beraten.';
  switch (a.result_kind) {
    case 'taken_note': return 'Die Verwaltung stellt die Information vor und beantwortet Fragen aus der Mitte des Gremiums.';
    case 'postponed': return 'Aus der Mitte des Gremiums wird Vertagung beantragt, da noch Beratungsbedarf in den Fraktionen besteht. Dem Antrag wird gefolgt.';
    case 'accepted':
      return `Die Verwaltung erläutert die Vorlage. In der Aussprache werden Kosten und Zeitplan erörtert. ${a.votes_no === 0 && a.votes_abstain === 0 ? 'Dem Beschlussvorschlag wird einstimmig zugestimmt.' : 'Der Beschlussvorschlag findet eine Mehrheit.'}`;
    default: return 'Die Angelegenheit wird beraten.';
  }
}

/** Who was there: members (present, excused with notice, absent; late, left early), a deputy, a guest. */
function attendance(
  data: DemoData, m: MeetingRow, body: Body, day: string, start: number, end: number, persons: Map<string, PersonRow>, live: boolean,
): { rows: MeetingAttendanceRow[]; notices: AbsenceNoticeRow[]; voters: string[] } {
  const active = (x: { start_date: string | null; end_date: string | null }) => (x.start_date === null || x.start_date <= day) && (x.end_date === null || x.end_date >= day);
  const memberships = data.memberships.filter((x) => x.organization_id === m.organization_id && active(x));
  const members = [...new Map(memberships.filter((x) => x.deputy_for_id === null).map((x) => [x.person_id, x])).values()];
  const substitutes = memberships.filter((x) => x.deputy_for_id !== null);
  const rows: MeetingAttendanceRow[] = [];
  const notices: AbsenceNoticeRow[] = [];
  const voters: string[] = [];
  const seen = new Set<string>();
  const add = (person: string, status: AttendanceStatus, role: AttendanceRole, extra: Partial<MeetingAttendanceRow> = {}) => {
    seen.add(person);
    rows.push({
      id: demoUuid(`${m.id}/attendance/${person}`), tenant_id: m.tenant_id, meeting_id: m.id, person_id: person, status, role,
      deputy_for_person_id: null, arrived_at: null, left_at: null, note: null, ...extra,
    });
  };
  const excusedCount = live ? 1 : 1 + (hashInt(`${m.id}/excused`) % Math.max(1, Math.min(3, Math.floor(members.length / 5))));
  const order = members.map((x) => x.person_id).sort((a, b) => hashInt(`${m.id}/${a}`) - hashInt(`${m.id}/${b}`));
  const excused = new Set(order.slice(0, excusedCount));
  const absent = !live && members.length > 8 && hashFrac(`${m.id}/absent`) < 0.3 ? order[excusedCount] : null;
  const late = live ? null : order[excusedCount + 1];
  const leftEarly = live ? null : order[excusedCount + 2];
  for (const x of members) {
    const p = x.person_id;
    if (excused.has(p)) {
      const reason = pick(ABSENCE_REASONS, `${m.id}/${p}/reason`);
      add(p, 'excused', 'member', { note: reason ? `entschuldigt (${reason})` : 'entschuldigt' });
      const who = persons.get(p);
      notices.push({ id: demoUuid(`${m.id}/absence/${p}`), tenant_id: m.tenant_id, meeting_id: m.id, person_id: p, reason, created_by_name: who ? personName(who) : null });
      const deputy = substitutes.find((s) => s.deputy_for_id === p && !seen.has(s.person_id) && !members.some((y) => y.person_id === s.person_id));
      if (deputy) {
        add(deputy.person_id, 'present', 'deputy', { deputy_for_person_id: p });
        voters.push(deputy.person_id);
      }
    } else if (p === absent) {
      add(p, 'absent', 'member');
    } else {
      const extra: Partial<MeetingAttendanceRow> = {};
      if (p === late) extra.arrived_at = new Date(start + (15 + (hashInt(`${m.id}/late`) % 4) * 10) * MINUTE).toISOString();
      if (p === leftEarly) extra.left_at = new Date(end - (20 + (hashInt(`${m.id}/left`) % 3) * 10) * MINUTE).toISOString();
      add(p, 'present', 'member', extra);
      if (x.voting_right) voters.push(p);
    }
  }
  // a guest: a council member who is not on this committee, or someone reporting to the council
  if (!live && hashFrac(`${m.id}/guest?`) < (body.isCouncil ? 0.3 : 0.6)) {
    const others = data.persons.filter((p) => p.tenant_id === m.tenant_id && !seen.has(p.id) && !substitutes.some((s) => s.person_id === p.id));
    if (others.length > 0) add(pick(others, `${m.id}/guest`).id, 'present', 'guest', { note: body.isCouncil ? 'als Berichterstatter/in geladen' : 'als Gast ohne Stimmrecht' });
  }
  return { rows, notices, voters };
}

/**
 * The meeting that runs "now" (re-timed by live-meeting.mts on every `npm start`): the
 * Hauptausschuss of Burg, started 30 minutes before the reference date, at its 2nd public item.
 */
function addLiveMeeting(data: DemoData, refMs: number, itemsByMeeting: Map<string, AgendaItemRow[]>): void {
  const tenant = data.tenants.find((t) => t.slug === 'burg');
  const body = data.organizations.find((o) => o.tenant_id === tenant?.id && o.organization_type === 'committee' && o.name === 'Hauptausschuss');
  if (!tenant || !body) return;
  const start = Math.floor(refMs / MINUTE) * MINUTE - 30 * MINUTE;
  const previous = data.meetings.filter((m) => m.organization_id === body.id && !m.cancelled && Date.parse(m.start) < start).at(-1);
  const template = data.meetings.find((m) => m.organization_id === body.id);
  const meeting: MeetingRow = {
    id: DEMO_LIVE_MEETING_ID, tenant_id: tenant.id, organization_id: body.id, name: 'Sitzung des Hauptausschusses',
    start: new Date(start).toISOString(), end: new Date(start + 150 * MINUTE).toISOString(),
    location_text: template?.location_text ?? 'Rathaus Burg, In der Alten Kaserne 2, 39288 Burg', meeting_state: 'running',
    cancelled: false, cancelled_reason: null, location_id: template?.location_id ?? null, started_at: null, closed_at: null,
  };
  data.meetings.push(meeting);
  const names: Array<[string, boolean]> = [
    ['Eröffnung, Feststellung der ordnungsgemäßen Ladung und Beschlussfähigkeit', true],
    ['Feststellung der Tagesordnung', true],
    [previous ? `Genehmigung der Niederschrift über den öffentlichen Teil der Sitzung vom ${berlinDate(previous.start)}` : 'Verpflichtung der Mitglieder und Wahl der Stellvertretung des Vorsitzes', true],
    ['Einwohnerfragestunde', true],
    ['Beschluss über die Sanierung des Spielplatzes am Weinberg', true],
    ['Vergabe der Reinigungsleistungen für die städtischen Kindertagesstätten', true],
    ['Information zum Stand der Umgestaltung des Rolandplatzes', true],
    ['Anfragen und Mitteilungen', true],
    ['Grundstücksangelegenheit: Verkauf einer Teilfläche in der Gemarkung Burg, Flur 7', false],
  ];
  let pub = 0;
  let nonPub = 0;
  const items: AgendaItemRow[] = names.map(([name, isPublic], i) => ({
    id: demoUuid(`${DEMO_LIVE_MEETING_KEY}/item/${i + 1}`), tenant_id: tenant.id, meeting_id: meeting.id, order: i + 1,
    number: isPublic ? `Ö ${++pub}` : `N ${++nonPub}`, name, public: isPublic, result: null, resolution_text: null, level: 1,
    consultation_id: null, urgent: false, urgent_reason: null, result_kind: null, vote_mode: null, votes_yes: null, votes_no: null,
    votes_abstain: null, decided_at: null, minutes_text: null, approves_minutes_of_meeting_id: null,
  }));
  data.agenda_items.push(...items);
  itemsByMeeting.set(meeting.id, items);
}

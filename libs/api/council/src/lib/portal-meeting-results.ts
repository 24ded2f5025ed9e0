import { Prisma, type TenantTx } from '@ratsinfo/api-database';
import {
  PORTAL_RESULT_KINDS,
  PORTAL_RESULT_MEETING_STATES,
  type PortalAgendaItem,
  type PortalAttendance,
  type PortalAttendanceRole,
  type PortalAttendanceStatus,
  type PortalMeetingDetail,
  type PortalNamedVote,
  type PortalResultKind,
  type PortalVoteChoice,
} from '@ratsinfo/contracts';
import { personDisplayName } from './portal.mapper';

/**
 * The results of a held meeting on the portal: attendance, and per PUBLIC item its named votes
 * and conflicts of interest. Non-public items are excluded in the query itself (`i.public`),
 * soft-deleted items and persons too; the reason of an absence (the attendance note) is never read.
 */

interface PersonJson { id: string; title: string | null; givenName: string; familyName: string; affix: string | null }
interface AttendanceJson { person: PersonJson; status: PortalAttendanceStatus; role: PortalAttendanceRole; deputyFor: PersonJson | null; arrivedAt: string | null; leftAt: string | null }
interface ItemPersonJson { itemId: string; person: PersonJson; vote?: PortalVoteChoice }

export interface MeetingResultRows {
  attendance: AttendanceJson[];
  namedVotes: ItemPersonJson[];
  conflicts: ItemPersonJson[];
}

/** The scalar result columns of an agenda item the portal's meeting query loads anyway. */
export interface AgendaItemResultColumns {
  id: string;
  resultKind: string | null;
  voteMode: string | null;
  votesYes: number | null;
  votesNo: number | null;
  votesAbstain: number | null;
}

export interface MeetingHead {
  /** The meeting's body (what the meeting query's `organization` relation gave before). */
  organization: { id: string; name: string; shortName: string | null };
  /** Null unless the meeting was held (showsResults). */
  results: MeetingResultRows | null;
}

const PERSON_JSON = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'title', ${alias}.title, 'givenName', ${alias}.given_name, 'familyName', ${alias}.family_name, 'affix', ${alias}.affix)`;
const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The living meeting's body and, when it was held, its results, in ONE statement: the portal's
 * meeting route stays within its statement budget (the body was a relation query of its own).
 * Null when there is no such living meeting in this authority (row-level security).
 */
export async function readMeetingHead(tx: TenantTx, meetingId: string): Promise<MeetingHead | null> {
  const states = Prisma.join([...PORTAL_RESULT_MEETING_STATES]);
  const rows = await tx.$queryRaw<{ organization: MeetingHead['organization']; held: boolean; attendance: AttendanceJson[]; namedVotes: ItemPersonJson[]; conflicts: ItemPersonJson[] }[]>`
    WITH mtg AS (
      SELECT m.id, m.organization_id, (NOT m.cancelled AND m.meeting_state::text IN (${states})) AS held
        FROM meetings m WHERE m.id = ${meetingId}::uuid AND m.deleted_at IS NULL
    ), item AS (
      SELECT i.id FROM agenda_items i JOIN mtg ON mtg.held AND i.meeting_id = mtg.id WHERE i.public AND i.deleted_at IS NULL
    )
    SELECT
      json_build_object('id', o.id, 'name', o.name, 'shortName', o.short_name) AS organization,
      mtg.held,
      (SELECT coalesce(json_agg(json_build_object(
                'person', ${Prisma.raw(PERSON_JSON('p'))}, 'status', a.status, 'role', a.role,
                'deputyFor', CASE WHEN d.id IS NULL THEN NULL ELSE ${Prisma.raw(PERSON_JSON('d'))} END,
                'arrivedAt', ${Prisma.raw(ISO('a.arrived_at'))}, 'leftAt', ${Prisma.raw(ISO('a.left_at'))})
              ORDER BY a.role, p.family_name, p.given_name, p.id), '[]'::json)
         FROM meeting_attendances a
         JOIN persons p ON p.tenant_id = a.tenant_id AND p.id = a.person_id AND p.deleted_at IS NULL
         LEFT JOIN persons d ON d.tenant_id = a.tenant_id AND d.id = a.deputy_for_person_id AND d.deleted_at IS NULL
        WHERE mtg.held AND a.meeting_id = mtg.id) AS attendance,
      (SELECT coalesce(json_agg(json_build_object('itemId', v.agenda_item_id, 'vote', v.vote, 'person', ${Prisma.raw(PERSON_JSON('p'))})
              ORDER BY p.family_name, p.given_name, p.id), '[]'::json)
         FROM named_votes v
         JOIN item ON item.id = v.agenda_item_id
         JOIN persons p ON p.tenant_id = v.tenant_id AND p.id = v.person_id AND p.deleted_at IS NULL) AS "namedVotes",
      (SELECT coalesce(json_agg(json_build_object('itemId', c.agenda_item_id, 'person', ${Prisma.raw(PERSON_JSON('p'))})
              ORDER BY p.family_name, p.given_name, p.id), '[]'::json)
         FROM vote_conflicts c
         JOIN item ON item.id = c.agenda_item_id
         JOIN persons p ON p.tenant_id = c.tenant_id AND p.id = c.person_id AND p.deleted_at IS NULL) AS conflicts
    FROM mtg JOIN organizations o ON o.id = mtg.organization_id`;
  const row = rows[0];
  if (!row) return null;
  return { organization: row.organization, results: row.held ? { attendance: row.attendance, namedVotes: row.namedVotes, conflicts: row.conflicts } : null };
}

const ref = (p: PersonJson) => ({ id: p.id, name: personDisplayName(p) });
const isKind = (k: string | null): k is PortalResultKind => k !== null && (PORTAL_RESULT_KINDS as readonly string[]).includes(k);

/** The portal meeting with its results: attendance, and per public item result kind, votes, names. */
export function withMeetingResults(detail: PortalMeetingDetail, items: readonly AgendaItemResultColumns[], results: MeetingResultRows): PortalMeetingDetail {
  const columns = new Map(items.map((i) => [i.id, i]));
  const votesOf = new Map<string, PortalNamedVote[]>();
  for (const v of results.namedVotes) if (v.vote) votesOf.set(v.itemId, [...(votesOf.get(v.itemId) ?? []), { person: ref(v.person), vote: v.vote }]);
  const conflictsOf = new Map<string, { id: string; name: string }[]>();
  for (const c of results.conflicts) conflictsOf.set(c.itemId, [...(conflictsOf.get(c.itemId) ?? []), ref(c.person)]);
  const agendaItems: PortalAgendaItem[] = detail.agendaItems.map((a) => {
    const c = columns.get(a.id);
    const counted = c && c.voteMode !== null && c.votesYes !== null && c.votesNo !== null && c.votesAbstain !== null;
    return {
      ...a,
      resultKind: isKind(c?.resultKind ?? null) ? (c?.resultKind as PortalResultKind) : null,
      votes: counted ? { mode: c.voteMode === 'named' ? 'named' : 'counted', yes: c.votesYes ?? 0, no: c.votesNo ?? 0, abstain: c.votesAbstain ?? 0 } : null,
      namedVotes: c?.voteMode === 'named' ? (votesOf.get(a.id) ?? []) : [],
      conflictsOfInterest: conflictsOf.get(a.id) ?? [],
    };
  });
  const attendance: PortalAttendance[] = results.attendance.map((r) => ({
    person: ref(r.person),
    status: r.status,
    role: r.role,
    deputyFor: r.deputyFor ? ref(r.deputyFor) : null,
    arrivedAt: r.status === 'present' ? r.arrivedAt : null,
    leftAt: r.status === 'present' ? r.leftAt : null,
  }));
  return { ...detail, agendaItems, attendance };
}

import type { TenantTx } from '@ratsinfo/api-database';
import type { LiveMeetingItem, LiveMeetingSnapshot, MeetingState, OfficeLiveMeetingDto } from '@ratsinfo/contracts';
import { createHash } from 'node:crypto';

type ResultKind = NonNullable<OfficeLiveMeetingDto['items'][number]['resultKind']>;

interface LiveMeetingRow {
  id: string;
  name: string;
  meeting_state: MeetingState;
  cancelled: boolean;
  current_agenda_item_id: string | null;
  recording_url: string | null;
}

interface LiveItemRow {
  id: string;
  number: string | null;
  name: string;
  public: boolean;
  level: number;
  result: string | null;
  result_kind: ResultKind | null;
  recording_offset_seconds: number | null;
  votes_yes: number | null;
  votes_no: number | null;
  votes_abstain: number | null;
}

export interface LiveMeetingRows {
  meeting: LiveMeetingRow;
  items: LiveItemRow[];
}

/**
 * The meeting and its living items, two statements. Counts of a named vote are derived from the
 * named votes; of a counted one taken from the item. Row-level security scopes both to the tenant.
 */
export async function readLiveRows(tx: TenantTx, meetingId: string): Promise<LiveMeetingRows | null> {
  const meetings = await tx.$queryRaw<LiveMeetingRow[]>`
    SELECT id, name, meeting_state, cancelled, current_agenda_item_id, recording_url
      FROM meetings WHERE id = ${meetingId}::uuid AND deleted_at IS NULL`;
  const meeting = meetings[0];
  if (!meeting) return null;
  const items = await tx.$queryRaw<LiveItemRow[]>`
    SELECT a.id, a.number, a.name, a.public, a.level::int AS level, a.result, a.result_kind::text AS result_kind, a.recording_offset_seconds,
           CASE WHEN a.vote_mode = 'named' THEN v.yes ELSE a.votes_yes END AS votes_yes,
           CASE WHEN a.vote_mode = 'named' THEN v.no ELSE a.votes_no END AS votes_no,
           CASE WHEN a.vote_mode = 'named' THEN v.abstain ELSE a.votes_abstain END AS votes_abstain
      FROM agenda_items a
      LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE n.vote = 'yes')::int AS yes, count(*) FILTER (WHERE n.vote = 'no')::int AS no, count(*) FILTER (WHERE n.vote = 'abstain')::int AS abstain
          FROM named_votes n WHERE n.agenda_item_id = a.id
      ) v ON a.vote_mode = 'named'
     WHERE a.meeting_id = ${meetingId}::uuid AND a.deleted_at IS NULL
     ORDER BY a."order"`;
  return { meeting, items };
}

/** The clerk's view: every item. */
export function toOfficeLive(rows: LiveMeetingRows): OfficeLiveMeetingDto {
  const m = rows.meeting;
  return {
    meetingId: m.id,
    name: m.name,
    meetingState: m.meeting_state,
    cancelled: m.cancelled,
    currentAgendaItemId: m.current_agenda_item_id,
    recordingUrl: m.recording_url,
    items: rows.items.map((a) => ({
      id: a.id,
      number: a.number,
      name: a.name,
      public: a.public,
      level: a.level,
      resultKind: a.result_kind,
      recordingOffsetSeconds: a.recording_offset_seconds,
    })),
  };
}

/**
 * What the public sees. Non-public items become one `{nonPublic: true}` per run of them (neither
 * names nor numbers nor how many); the current item shows only while the meeting runs, and when
 * it is non-public only as `{nonPublic: true}`.
 */
export function toPublicSnapshot(rows: LiveMeetingRows): LiveMeetingSnapshot {
  const m = rows.meeting;
  const items: LiveMeetingItem[] = [];
  for (const a of rows.items) {
    if (!a.public) {
      const last = items[items.length - 1];
      if (!last || !('nonPublic' in last)) items.push({ nonPublic: true });
      continue;
    }
    items.push({
      id: a.id,
      number: a.number,
      name: a.name,
      result: a.result,
      resultKind: a.result_kind,
      votes: a.votes_yes === null && a.votes_no === null && a.votes_abstain === null ? null : { yes: a.votes_yes ?? 0, no: a.votes_no ?? 0, abstain: a.votes_abstain ?? 0 },
      recordingOffsetSeconds: a.recording_offset_seconds,
    });
  }
  let currentItem: LiveMeetingSnapshot['currentItem'] = null;
  const running = m.meeting_state === 'running' && !m.cancelled;
  const current = running && m.current_agenda_item_id ? rows.items.find((a) => a.id === m.current_agenda_item_id) : undefined;
  if (current) currentItem = current.public ? { id: current.id, number: current.number, name: current.name } : { nonPublic: true };
  const content = { meetingId: m.id, meetingState: m.meeting_state, cancelled: m.cancelled, currentItem, items, recordingUrl: m.recording_url };
  return { ...content, version: contentVersion(content) };
}

/** The same content gives the same version on every replica (the SSE event id). */
function contentVersion(content: object): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url').slice(0, 22);
}

import type { TenantTx } from '@ratsinfo/api-database';
import type { MeetingState } from '@ratsinfo/contracts';
import type { AgendaItemRow, MeetingRow } from './meeting.mapper';

/**
 * The two reads behind a meeting page, one statement each (the body, the room and the meeting;
 * then every living item with its consultation, paper and files), instead of one query per
 * relation: the back office's meeting read has a statement budget (query-budget.http.spec.ts).
 * Row-level security filters every table joined here.
 */
export async function readMeetingRow(tx: TenantTx, id: string): Promise<MeetingRow | null> {
  const rows = await tx.$queryRaw<
    {
      id: string; name: string; start: Date; end: Date | null; location_text: string | null; meeting_state: MeetingState; cancelled: boolean; cancelled_reason: string | null; version: number; organization_id: string;
      o_name: string; o_short_name: string | null;
      bundles: { variant: string; storageKey: string | null; size: number | null; pageCount: number | null; generatedAt: string | null; error: string | null }[];
      l_id: string | null; l_description: string | null; l_room: string | null; l_street_address: string | null; l_postal_code: string | null; l_locality: string | null;
    }[]
  >`SELECT m.id, m.name, m.start, m."end", m.location_text, m.meeting_state, m.cancelled, m.cancelled_reason, m.version, m.organization_id,
           o.name AS o_name, o.short_name AS o_short_name,
           coalesce((SELECT json_agg(json_build_object('variant', b.variant, 'storageKey', b.storage_key, 'size', b.size, 'pageCount', b.page_count, 'generatedAt', b.generated_at, 'error', b.error))
                       FROM meeting_bundles b WHERE b.meeting_id = m.id), '[]'::json) AS bundles,
           l.id AS l_id, l.description AS l_description, l.room AS l_room, l.street_address AS l_street_address, l.postal_code AS l_postal_code, l.locality AS l_locality
      FROM meetings m
      JOIN organizations o ON o.id = m.organization_id
      LEFT JOIN locations l ON l.id = m.location_id
     WHERE m.id = ${id}::uuid AND m.deleted_at IS NULL`;
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    name: r.name,
    bundles: r.bundles.map((b) => ({ ...b, size: b.size === null ? null : BigInt(b.size), generatedAt: b.generatedAt ? new Date(b.generatedAt) : null })),
    start: r.start,
    end: r.end,
    locationText: r.location_text,
    meetingState: r.meeting_state,
    cancelled: r.cancelled,
    cancelledReason: r.cancelled_reason,
    version: r.version,
    organizationId: r.organization_id,
    organization: { id: r.organization_id, name: r.o_name, shortName: r.o_short_name },
    location: r.l_id
      ? { id: r.l_id, description: r.l_description ?? '', room: r.l_room, streetAddress: r.l_street_address, postalCode: r.l_postal_code, locality: r.l_locality }
      : null,
  };
}

export async function readAgendaRows(tx: TenantTx, meetingId: string): Promise<AgendaItemRow[]> {
  const rows = await tx.$queryRaw<
    {
      id: string; order: number; number: string | null; name: string; public: boolean; result: string | null; level: number; urgent: boolean; urgent_reason: string | null;
      c_id: string | null; c_organization_id: string | null; c_authoritative: boolean | null; c_role: string | null; c_deleted: boolean | null;
      p_id: string | null; p_reference: string | null; p_name: string | null; p_public: boolean | null; p_status: string | null; p_deleted: boolean | null;
      files: { id: string; name: string; public: boolean; fileName: string; mimeType: string; size: number }[];
    }[]
  >`SELECT a.id, a."order", a.number, a.name, a.public, a.result, a.level, a.urgent, a.urgent_reason,
           c.id AS c_id, c.organization_id AS c_organization_id, c.authoritative AS c_authoritative, c.role AS c_role, c.deleted_at IS NOT NULL AS c_deleted,
           p.id AS p_id, p.reference AS p_reference, p.name AS p_name, p.public AS p_public, p.status::text AS p_status, p.deleted_at IS NOT NULL AS p_deleted,
           coalesce((SELECT json_agg(json_build_object('id', f.id, 'name', f.name, 'public', f.public, 'fileName', v.file_name, 'mimeType', v.mime_type, 'size', v.size) ORDER BY f.sort_order, f.created_at, f.id)
                       FROM files f JOIN file_versions v ON v.file_id = f.id AND v.number = f.current_version
                      WHERE f.agenda_item_id = a.id AND f.deleted_at IS NULL), '[]'::json) AS files
      FROM agenda_items a
      LEFT JOIN consultations c ON c.id = a.consultation_id
      LEFT JOIN papers p ON p.id = c.paper_id
     WHERE a.meeting_id = ${meetingId}::uuid AND a.deleted_at IS NULL
     ORDER BY a."order"`;
  return rows.map((r) => ({
    id: r.id,
    order: r.order,
    number: r.number,
    name: r.name,
    public: r.public,
    result: r.result,
    level: r.level,
    urgent: r.urgent,
    urgentReason: r.urgent_reason,
    consultation:
      // Columns of a matched join are never null; the checks only narrow the types.
      r.c_id !== null && r.c_organization_id !== null && r.p_id !== null && r.p_reference !== null && r.p_name !== null
        ? {
            id: r.c_id,
            organizationId: r.c_organization_id,
            authoritative: r.c_authoritative === true,
            role: r.c_role,
            deleted: r.c_deleted === true,
            paper: { id: r.p_id, reference: r.p_reference, name: r.p_name, public: r.p_public === true, status: r.p_status ?? 'draft', deleted: r.p_deleted === true },
          }
        : null,
    files: r.files.map((f) => ({ ...f, size: Number(f.size) })),
  }));
}

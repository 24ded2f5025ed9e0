import type { TenantTx } from '@ratsinfo/api-database';
import { createHash } from 'node:crypto';

export const BUNDLE_VARIANTS = ['public', 'full'] as const;
export type BundleVariant = (typeof BUNDLE_VARIANTS)[number];

/**
 * Bumped when the layout of the generated PDF changes: it is part of the source hash, so every
 * bundle is generated again on the next request instead of keeping the old layout.
 */
export const BUNDLE_LAYOUT_VERSION = 1;

/** What the cover page says. */
export interface BundleCover {
  authorityName: string;
  organizationName: string;
  meetingName: string;
  start: Date;
  end: Date | null;
  location: string | null;
  cancelled: boolean;
}

/** One stored document to include: the current version of a paper's main file. */
export interface BundleDocument {
  fileId: string;
  fileName: string;
  mimeType: string;
  sha512: string;
  storageKey: string;
  size: number;
}

export interface BundleEntry {
  itemId: string;
  number: string;
  name: string;
  level: number;
  paperReference: string | null;
  document: BundleDocument | null;
}

export interface BundlePlan {
  variant: BundleVariant;
  cover: BundleCover;
  entries: BundleEntry[];
}

interface SourceItem extends Omit<BundleEntry, 'document' | 'paperReference'> {
  public: boolean;
  paper: {
    reference: string;
    /** Public as the portal sees it: public, not a draft, not deleted, its consultation alive. */
    portalPublic: boolean;
    /** Readable by members at all: not a draft, not deleted, its consultation alive. */
    readable: boolean;
    mainFile: (BundleDocument & { public: boolean }) | null;
  } | null;
}

export interface MeetingSources {
  meetingId: string;
  cover: BundleCover;
  items: SourceItem[];
}

/**
 * Everything both bundles of a meeting are made of, in one statement (RLS filters every table
 * joined): the meeting with body, room and authority, its living items in agenda order, each
 * with the paper of its consultation and that paper's main file's current version. Null when the
 * meeting does not exist (or is deleted).
 */
export async function readMeetingSources(tx: TenantTx, meetingId: string): Promise<MeetingSources | null> {
  const meetings = await tx.$queryRaw<
    {
      name: string; start: Date; end: Date | null; cancelled: boolean; location_text: string | null; t_name: string; o_name: string;
      l_description: string | null; l_room: string | null; l_street_address: string | null; l_postal_code: string | null; l_locality: string | null;
    }[]
  >`SELECT m.name, m.start, m."end", m.cancelled, m.location_text, t.name AS t_name, o.name AS o_name,
           l.description AS l_description, l.room AS l_room, l.street_address AS l_street_address, l.postal_code AS l_postal_code, l.locality AS l_locality
      FROM meetings m
      JOIN tenants t ON t.id = m.tenant_id
      JOIN organizations o ON o.id = m.organization_id
      LEFT JOIN locations l ON l.id = m.location_id
     WHERE m.id = ${meetingId}::uuid AND m.deleted_at IS NULL`;
  const m = meetings[0];
  if (!m) return null;
  const rows = await tx.$queryRaw<
    {
      id: string; number: string | null; name: string; level: number; public: boolean;
      p_reference: string | null; p_public: boolean | null; p_draft: boolean | null; p_deleted: boolean | null; c_deleted: boolean | null;
      f_id: string | null; f_public: boolean | null; v_file_name: string | null; v_mime_type: string | null; v_sha512: string | null; v_storage_key: string | null; v_size: bigint | null;
    }[]
  >`SELECT a.id, a.number, a.name, a.level, a.public,
           p.reference AS p_reference, p.public AS p_public, p.status = 'draft' AS p_draft, p.deleted_at IS NOT NULL AS p_deleted, c.deleted_at IS NOT NULL AS c_deleted,
           f.id AS f_id, f.public AS f_public, v.file_name AS v_file_name, v.mime_type AS v_mime_type, v.sha512 AS v_sha512, v.storage_key AS v_storage_key, v.size AS v_size
      FROM agenda_items a
      LEFT JOIN consultations c ON c.id = a.consultation_id
      LEFT JOIN papers p ON p.id = c.paper_id
      LEFT JOIN files f ON f.id = p.main_file_id AND f.deleted_at IS NULL
      LEFT JOIN file_versions v ON v.file_id = f.id AND v.number = f.current_version
     WHERE a.meeting_id = ${meetingId}::uuid AND a.deleted_at IS NULL
     ORDER BY a."order"`;
  const location = [m.l_description, m.l_room, [m.l_street_address, [m.l_postal_code, m.l_locality].filter(Boolean).join(' ')].filter(Boolean).join(', ')]
    .filter((s) => s && s.trim())
    .join(', ');
  return {
    meetingId,
    cover: {
      authorityName: m.t_name,
      organizationName: m.o_name,
      meetingName: m.name,
      start: m.start,
      end: m.end,
      location: location || m.location_text || null,
      cancelled: m.cancelled,
    },
    items: rows.map((r) => {
      const alive = r.p_reference !== null && r.p_deleted === false && r.c_deleted === false;
      const readable = alive && r.p_draft === false;
      return {
        itemId: r.id,
        number: r.number ?? '',
        name: r.name,
        level: r.level,
        public: r.public,
        paper:
          r.p_reference !== null
            ? {
                reference: r.p_reference,
                readable,
                portalPublic: readable && r.p_public === true,
                mainFile:
                  r.f_id && r.v_storage_key && r.v_sha512 && r.v_file_name && r.v_mime_type
                    ? { fileId: r.f_id, public: r.f_public === true, fileName: r.v_file_name, mimeType: r.v_mime_type, sha512: r.v_sha512, storageKey: r.v_storage_key, size: Number(r.v_size ?? 0) }
                    : null,
              }
            : null,
      };
    }),
  };
}

/**
 * The contents of one variant.
 * - public: the portal's rule — public items only; a paper (its reference and its main file) only
 *   when the paper is public, released and alive; the main file only when it is public itself.
 * - full: every living item; the paper and its main file whether public or not (drafts and
 *   deleted papers never: no member may read those). Who may download it is the routes' rule.
 */
export function planFor(sources: MeetingSources, variant: BundleVariant): BundlePlan {
  const entries: BundleEntry[] = [];
  for (const item of sources.items) {
    if (variant === 'public' && !item.public) continue;
    const paper = item.paper && (variant === 'public' ? item.paper.portalPublic : item.paper.readable) ? item.paper : null;
    const file = paper?.mainFile && (variant === 'full' || paper.mainFile.public) ? paper.mainFile : null;
    entries.push({
      itemId: item.itemId,
      number: item.number,
      name: item.name,
      level: item.level,
      paperReference: paper?.reference ?? null,
      document: file ? { fileId: file.fileId, fileName: file.fileName, mimeType: file.mimeType, sha512: file.sha512, storageKey: file.storageKey, size: file.size } : null,
    });
  }
  return { variant, cover: sources.cover, entries };
}

/**
 * SHA-256 over everything the PDF shows and is made of: cover facts, the agenda's numbers, titles
 * and references, the documents' checksums (not their storage keys: the same bytes give the same
 * bundle), and the layout version. Equal hash → the stored bundle is still right.
 */
export function sourceHash(plan: BundlePlan): string {
  const c = plan.cover;
  const canonical = JSON.stringify([
    BUNDLE_LAYOUT_VERSION,
    plan.variant,
    [c.authorityName, c.organizationName, c.meetingName, c.start.toISOString(), c.end?.toISOString() ?? null, c.location, c.cancelled],
    plan.entries.map((e) => [e.itemId, e.number, e.name, e.level, e.paperReference, e.document ? [e.document.sha512, e.document.mimeType, e.document.fileName] : null]),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

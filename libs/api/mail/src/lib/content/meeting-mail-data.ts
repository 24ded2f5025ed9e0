import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@ratsinfo/api-core';
import type { TenantTx } from '@ratsinfo/api-database';
import { agendaNumbers } from '@ratsinfo/contracts';
import type { MailLocale } from '../mail-templates';
import type { AgendaSnapshot, MeetingSnapshot } from './mail-data';

export interface MeetingRow {
  id: string;
  name: string;
  start: Date;
  end: Date | null;
  organizationId: string;
  organization: string;
  location: string | null;
  cancelled: boolean;
  cancelledReason: string | null;
  icalSequence: number;
  /** Why the meeting was invited at short notice (null: invited in time). */
  urgentReason: string | null;
  /** The meeting's calendar day in Europe/Berlin (YYYY-MM-DD): memberships current on it count. */
  day: string;
}

export interface PersonRecipient {
  personId: string;
  name: string;
  /** The linked user account's address, else the person's. */
  email: string;
  locale: MailLocale;
  role: 'member' | 'deputy';
}

export interface GuestRecipient {
  name: string;
  email: string;
}

export interface MeetingRecipients {
  persons: PersonRecipient[];
  guests: GuestRecipient[];
  /** Entitled persons without any e-mail address (skipped). */
  withoutAddress: string[];
}

const MAX_DEDUPE_KEY = 200;

/**
 * A dedupe key `<prefix>:<lower(email)>`; when that would exceed the column (200), the address is
 * replaced by its SHA-256 (still one key per address).
 */
export function mailDedupeKey(prefix: string, email: string): string {
  const key = `${prefix}:${email.trim().toLowerCase()}`;
  return key.length <= MAX_DEDUPE_KEY ? key : `${prefix}:sha256:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
}

export function personName(p: { title: string | null; givenName: string; familyName: string }): string {
  return [p.title, p.givenName, p.familyName].filter((x) => x && x.trim()).join(' ');
}

/**
 * Reads what the meeting mails say, inside the caller's tenant transaction (RLS): the meeting,
 * its agenda (the non-public part as numbers only), and who is entitled to attend.
 */
@Injectable()
export class MeetingMailData {
  private readonly webBaseUrl: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.webBaseUrl = config.WEB_BASE_URL.replace(/\/$/, '');
  }

  /** The meeting in the member area (back office route `/:tenant/verwaltung/sitzungen/:meetingId`). */
  memberLink(slug: string, meetingId: string): string {
    return `${this.webBaseUrl}/${encodeURIComponent(slug)}/verwaltung/sitzungen/${encodeURIComponent(meetingId)}`;
  }

  /** The meeting on the public portal (`/:tenant/sitzungen/:meetingId`), for guests. */
  portalLink(slug: string, meetingId: string): string {
    return `${this.webBaseUrl}/${encodeURIComponent(slug)}/sitzungen/${encodeURIComponent(meetingId)}`;
  }

  async meeting(tx: TenantTx, meetingId: string): Promise<MeetingRow | null> {
    const rows = await tx.$queryRaw<MeetingRow[]>`
      SELECT m.id, m.name, m.start, m."end", m.organization_id AS "organizationId", o.name AS organization,
             COALESCE(NULLIF(m.location_text, ''),
                      NULLIF(concat_ws(', ', l.description, NULLIF(l.room, ''), NULLIF(l.street_address, ''), NULLIF(concat_ws(' ', NULLIF(l.postal_code, ''), NULLIF(l.locality, '')), '')), '')) AS location,
             m.cancelled, m.cancelled_reason AS "cancelledReason", m.ical_sequence AS "icalSequence", m.urgent_reason AS "urgentReason",
             to_char((m.start AT TIME ZONE 'Europe/Berlin')::date, 'YYYY-MM-DD') AS day
        FROM meetings m
        JOIN organizations o ON o.id = m.organization_id
        LEFT JOIN locations l ON l.id = m.location_id AND l.deleted_at IS NULL
       WHERE m.id = ${meetingId}::uuid AND m.deleted_at IS NULL`;
    return rows[0] ?? null;
  }

  snapshot(m: MeetingRow): MeetingSnapshot {
    return {
      id: m.id,
      name: m.name,
      organization: m.organization,
      start: m.start.toISOString(),
      end: m.end ? m.end.toISOString() : null,
      location: m.location,
      cancelledReason: m.cancelled ? m.cancelledReason : null,
    };
  }

  /**
   * The agenda for members: public items with number, title, the paper's reference (public
   * papers only) and urgency; the non-public part as count and numbers only. `forGuests` drops
   * the non-public part entirely.
   */
  async agenda(tx: TenantTx, meetingId: string): Promise<AgendaSnapshot> {
    const items = await tx.$queryRaw<{ number: string | null; name: string; public: boolean; level: number; urgentReason: string | null; urgent: boolean; paperReference: string | null }[]>`
      SELECT a.number, a.name, a.public, a.level::int AS level, a.urgent, a.urgent_reason AS "urgentReason",
             CASE WHEN p.public AND p.deleted_at IS NULL THEN p.reference END AS "paperReference"
        FROM agenda_items a
        LEFT JOIN consultations c ON c.id = a.consultation_id
        LEFT JOIN papers p ON p.id = c.paper_id
       WHERE a.meeting_id = ${meetingId}::uuid AND a.deleted_at IS NULL
       ORDER BY a."order", a.id`;
    const computed = agendaNumbers(items);
    const numbered = items.map((it, i) => ({ ...it, number: it.number?.trim() || computed[i] || String(i + 1) }));
    const nonPublic = numbered.filter((i) => !i.public);
    return {
      public: numbered
        .filter((i) => i.public)
        .map((i) => ({ number: i.number, title: i.name, paperReference: i.paperReference, urgentReason: i.urgent ? (i.urgentReason?.trim() || null) : null })),
      nonPublic: { count: nonPublic.length, numbers: nonPublic.map((i) => i.number) },
    };
  }

  /**
   * Everyone entitled to attend, as of the meeting's day: members (memberships of the meeting's
   * organization current on that day, not deleted, not deputy memberships), their deputies
   * (current memberships in that organization standing in for one of them), and the meeting's
   * guests. Persons are addressed at their user account's e-mail, else their own; those with
   * neither are listed in `withoutAddress`.
   */
  async recipients(tx: TenantTx, m: MeetingRow): Promise<MeetingRecipients> {
    const rows = await tx.$queryRaw<{ personId: string; title: string | null; givenName: string; familyName: string; email: string | null; locale: string | null; role: 'member' | 'deputy' }[]>`
      WITH current AS (
        SELECT ms.person_id, ms.deputy_for_id
          FROM memberships ms
          JOIN persons p ON p.id = ms.person_id AND p.deleted_at IS NULL
         WHERE ms.organization_id = ${m.organizationId}::uuid AND ms.deleted_at IS NULL
           AND (ms.start_date IS NULL OR ms.start_date <= ${m.day}::date)
           AND (ms.end_date IS NULL OR ms.end_date >= ${m.day}::date)
      ),
      members AS (SELECT DISTINCT person_id FROM current WHERE deputy_for_id IS NULL),
      deputies AS (SELECT DISTINCT person_id FROM current WHERE deputy_for_id IN (SELECT person_id FROM members) AND person_id NOT IN (SELECT person_id FROM members)),
      entitled AS (SELECT person_id, 'member' AS role FROM members UNION ALL SELECT person_id, 'deputy' FROM deputies)
      SELECT p.id AS "personId", p.title, p.given_name AS "givenName", p.family_name AS "familyName",
             COALESCE(NULLIF(btrim(ua.email), ''), NULLIF(btrim(p.email), '')) AS email, ua.locale, e.role
        FROM entitled e
        JOIN persons p ON p.id = e.person_id
        LEFT JOIN user_accounts ua ON ua.person_id = p.id
       ORDER BY e.role DESC, p.family_name, p.given_name, p.id`;
    const guests = await tx.$queryRaw<GuestRecipient[]>`
      SELECT name, btrim(email) AS email FROM meeting_guests
       WHERE meeting_id = ${m.id}::uuid AND deleted_at IS NULL AND btrim(email) <> ''
       ORDER BY lower(email), id`;
    const persons: PersonRecipient[] = [];
    const withoutAddress: string[] = [];
    for (const r of rows) {
      if (!r.email) withoutAddress.push(r.personId);
      else persons.push({ personId: r.personId, name: personName(r), email: r.email, locale: r.locale === 'en' ? 'en' : 'de', role: r.role });
    }
    return { persons, guests, withoutAddress };
  }
}

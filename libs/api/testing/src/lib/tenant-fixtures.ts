import { randomInt, randomUUID } from 'node:crypto';
import type { Client } from 'pg';

/**
 * Builders for one row of every tenant-owned table. The RLS suite fails when a table with a
 * tenant_id column has no builder here, so a new table cannot go untested.
 */
export type TenantGraph = Record<string, string>;

type Builder = (tenantId: string, graph: TenantGraph, c: Client) => { columns: Record<string, unknown> } | Promise<{ columns: Record<string, unknown> }>;

export const tenantRowBuilders: Record<string, Builder> = {
  organizations: () => ({ columns: { name: `Ausschuss ${randomUUID().slice(0, 8)}`, organization_type: 'committee' } }),
  persons: () => ({ columns: { family_name: 'Muster', given_name: `Erika ${randomUUID().slice(0, 6)}` } }),
  memberships: (_t, g) => ({ columns: { person_id: g['persons'], organization_id: g['organizations'], role: 'Mitglied' } }),
  meetings: (_t, g) => ({ columns: { organization_id: g['organizations'], name: 'Sitzung', start: new Date().toISOString() } }),
  agenda_items: (_t, g) => ({ columns: { meeting_id: g['meetings'], order: Math.floor(Math.random() * 1_000_000) + 1, name: 'Tagesordnungspunkt', public: true } }),
  user_accounts: (_t, g) => ({ columns: { email: `${randomUUID()}@example.org`, display_name: 'Erika Muster', roles: '{member}', person_id: g['persons'] } }),
  support_access_grants: (_t, g) => ({ columns: { granted_by_id: g['user_accounts'], reason: 'Fehleranalyse', expires_at: new Date(Date.now() + 3_600_000).toISOString() } }),
  audit_events: () => ({ columns: { action: 'test', entity_type: 'test' } }),
  outbox_events: (_t, g) => ({ columns: { topic: 'meeting.changed', payload: JSON.stringify({ meetingId: g['meetings'] }) } }),
  legislative_terms: () => ({ columns: { name: 'Wahlperiode 2024–2029', start_date: '2024-07-01', end_date: '2029-06-30' } }),
  locations: () => ({ columns: { description: 'Ratssaal', room: '101', street_address: 'Markt 1', postal_code: '39288', locality: 'Burg' } }),
  paper_types: () => ({ columns: { name: 'Beschlussvorlage', abbreviation: `B${randomInt(0, 1_000_000)}` } }),
  paper_number_counters: (_t, g) => ({ columns: { paper_type_id: g['paper_types'], year: 2026, last_value: 1 } }),
  papers: (_t, g) => ({ columns: { paper_type_id: g['paper_types'], reference: `BV/${randomUUID().slice(0, 8)}/2026`, reference_year: 2026, reference_sequence: randomInt(1, 1_000_000), name: 'Haushaltssatzung 2027', date: '2026-11-02' } }),
  paper_originator_persons: (_t, g) => ({ columns: { paper_id: g['papers'], person_id: g['persons'] } }),
  paper_originator_organizations: (_t, g) => ({ columns: { paper_id: g['papers'], organization_id: g['organizations'] } }),
  paper_relations: async (t, g, c) => {
    // A pair is stored once, the smaller id first (a check in the database).
    const first = g['papers'];
    if (!first) throw new Error('paper_relations needs a paper row first');
    const other = await insertRow(c, 'papers', t, g);
    const [paper, related] = [first, other].sort();
    return { columns: { paper_id: paper, related_paper_id: related } };
  },
  consultations: (_t, g) => ({ columns: { paper_id: g['papers'], organization_id: g['organizations'], position: randomInt(1, 1_000_000), authoritative: true, role: 'Entscheidung' } }),
  files: (_t, g) => ({ columns: { name: 'Vorlage', paper_id: g['papers'] } }),
  file_versions: (t, g) => ({ columns: { file_id: g['files'], number: randomInt(1, 1_000_000), file_name: 'Vorlage.pdf', mime_type: 'application/pdf', size: 1024, sha512: 'a'.repeat(128), storage_key: `${t}/${randomUUID()}` } }),
  mail_messages: (_t, g) => ({ columns: { dedupe_key: `test:${randomUUID()}`, template: 'meeting-invitation', recipient_email: 'erika@example.org', person_id: g['persons'], meeting_id: g['meetings'] } }),
  meeting_guests: (_t, g) => ({ columns: { meeting_id: g['meetings'], name: 'Gast', email: `${randomUUID()}@example.org` } }),
  absence_notices: async (t, g, c) => ({ columns: { meeting_id: await insertRow(c, 'meetings', t, g), person_id: g['persons'], reason: 'Urlaub' } }),
  meeting_bundles: async (t, g, c) => ({ columns: { meeting_id: await insertRow(c, 'meetings', t, g), variant: 'public' } }),
  tenant_exports: () => ({ columns: { requested_as: 'tenant-admin', reason: 'Archiv' } }),
  meeting_attendances: (_t, g) => ({ columns: { meeting_id: g['meetings'], person_id: g['persons'], status: 'present' } }),
  named_votes: (_t, g) => ({ columns: { agenda_item_id: g['agenda_items'], person_id: g['persons'], vote: 'yes' } }),
  // On an item of its own: the person votes on the graph's item (named_votes), and a declared
  // conflict of interest and a vote of one person on one item exclude each other.
  vote_conflicts: async (t, g, c) => ({ columns: { agenda_item_id: await insertRow(c, 'agenda_items', t, g), person_id: g['persons'], note: 'Anlieger' } }),
  resolutions: (_t, g) => ({ columns: { agenda_item_id: g['agenda_items'], paper_id: g['papers'], responsible_department: 'Bauamt', due_date: '2027-03-31' } }),
  resolution_notes: (_t, g) => ({ columns: { resolution_id: g['resolutions'], note_date: '2026-12-01', text: 'Auftrag erteilt' } }),
  // Private to its account (policy owner_only): written as that account.
  annotations: async (_t, g, c) => {
    await c.query(`SELECT set_config('app.account_id', $1, true)`, [g['user_accounts']]);
    return { columns: { account_id: g['user_accounts'], paper_id: g['papers'], text: 'Nachfragen: Folgekosten?' } };
  },
  search_documents: () => ({ columns: { entity_type: 'fixture', entity_id: randomUUID(), public: true, title: 'Sitzung des Rates', body: 'Haushaltssatzung und Bebauungsplan' } }),
};

/** Tables in dependency order, so each builder finds the rows it references. */
export const tenantTableOrder = [
  'organizations', 'persons', 'memberships', 'meetings', 'agenda_items', 'user_accounts', 'support_access_grants', 'audit_events', 'outbox_events', 'search_documents',
  'legislative_terms', 'locations', 'paper_types', 'paper_number_counters', 'papers', 'paper_originator_persons', 'paper_originator_organizations', 'paper_relations', 'consultations', 'files', 'file_versions',
  'mail_messages', 'meeting_guests', 'absence_notices', 'meeting_bundles', 'tenant_exports',
  'meeting_attendances', 'named_votes', 'vote_conflicts', 'resolutions', 'resolution_notes', 'annotations',
];

export async function insertRow(c: Client, table: string, tenantId: string, graph: TenantGraph): Promise<string> {
  const builder = tenantRowBuilders[table];
  if (!builder) throw new Error(`no row builder for tenant table ${table}`);
  const cols = { id: randomUUID(), tenant_id: tenantId, ...(await builder(tenantId, graph, c)).columns };
  const names = Object.keys(cols);
  const sql = `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`;
  await c.query(sql, Object.values(cols));
  return cols.id;
}

/**
 * A valid 8-digit AGS (states 10–16) for a fixture authority, drawn at random so that fixtures
 * of tests running side by side do not share one, and never one of the seed's district (15086).
 */
export function fixtureAgs(): string {
  for (;;) {
    const ags = `1${randomInt(0, 7)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
    if (!ags.startsWith('15086')) return ags;
  }
}

/** A fresh tenant with one row in every tenant table. `owner` must be able to insert into tenants. */
export async function createTenantWithRows(owner: Client, label: string): Promise<{ id: string; slug: string; graph: TenantGraph }> {
  const id = randomUUID();
  const slug = `test-${label}-${id.slice(0, 8)}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags) VALUES ($1, $2, $3, 'municipality', $4)`, [id, slug, `Testgemeinde ${label}`, fixtureAgs()]);
  const graph: TenantGraph = {};
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
  for (const table of tenantTableOrder) graph[table] = await insertRow(owner, table, id, graph);
  await owner.query('COMMIT');
  return { id, slug, graph };
}

export async function deleteTenant(owner: Client, id: string): Promise<void> {
  await owner.query('DELETE FROM tenants WHERE id = $1', [id]);
}

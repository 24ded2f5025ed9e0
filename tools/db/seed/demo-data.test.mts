/**
 * node --test tools/db/seed/          (Node 24 runs the index.js shim in this folder)
 * node --test 'tools/db/seed/*.test.mts'
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  buildDemoData,
  berlinLocalToUtc,
  demoUuid,
  listRowsInInsertionOrder,
  listTenantRowsInInsertionOrder,
  TABLE_INSERTION_ORDER,
  TWO_COUNCILS_PERSON_EMAIL,
} from './demo-data.mts';
import type { DemoData, MeetingRow, TenantRow } from './demo-data.mts';
import { DEMO_LIVE_MEETING_ID } from './demo-ids.mts';

const REF = new Date('2026-11-28T11:00:00Z');
const DAY = 86_400_000;
const data = buildDemoData(REF);
const active = data.tenants.filter((t) => t.status === 'active');
/** The calendar's meetings: all but the live demo meeting (demo-meeting-service.mts), which runs at the reference date. */
const calendar = (d: DemoData) => d.meetings.filter((m) => m.id !== DEMO_LIVE_MEETING_ID);
const tenantBySlug = (d: DemoData, slug: string): TenantRow => {
  const t = d.tenants.find((x) => x.slug === slug);
  assert.ok(t, `tenant ${slug} exists`);
  return t;
};

/** Columns of the SQL tables (the @map names in prisma/schema.prisma), minus the defaulted timestamps. */
const COLUMNS: Record<string, string[]> = {
  tenants: ['id', 'slug', 'name', 'kind', 'ags', 'status', 'identity_issuer', 'identity_organization_alias', 'branding_logo_url', 'branding_primary_color', 'notice_period_days', 'oparl_license'],
  legislative_terms: ['id', 'tenant_id', 'name', 'start_date', 'end_date'],
  locations: ['id', 'tenant_id', 'description', 'room', 'street_address', 'postal_code', 'locality'],
  organizations: ['id', 'tenant_id', 'name', 'short_name', 'organization_type', 'classification', 'start_date', 'end_date', 'website', 'parent_id', 'location_id'],
  persons: ['id', 'tenant_id', 'family_name', 'given_name', 'form_of_address', 'title', 'affix', 'gender', 'email'],
  memberships: ['id', 'tenant_id', 'person_id', 'organization_id', 'role', 'voting_right', 'start_date', 'end_date', 'on_behalf_of_id', 'deputy_for_id'],
  meetings: ['id', 'tenant_id', 'organization_id', 'name', 'start', 'end', 'location_text', 'meeting_state', 'cancelled', 'cancelled_reason', 'location_id', 'started_at', 'closed_at'],
  paper_types: ['id', 'tenant_id', 'name', 'abbreviation', 'number_format', 'sequence_digits', 'sort_order'],
  paper_number_counters: ['id', 'tenant_id', 'paper_type_id', 'year', 'last_value'],
  papers: [
    'id', 'tenant_id', 'paper_type_id', 'reference', 'reference_year', 'reference_sequence', 'name', 'date', 'public', 'status',
    'responsible_department', 'main_file_id', 'original_paper_id', 'derivation',
  ],
  paper_originator_persons: ['id', 'tenant_id', 'paper_id', 'person_id'],
  paper_originator_organizations: ['id', 'tenant_id', 'paper_id', 'organization_id'],
  paper_relations: ['id', 'tenant_id', 'paper_id', 'related_paper_id'],
  consultations: ['id', 'tenant_id', 'paper_id', 'organization_id', 'position', 'authoritative', 'role'],
  agenda_items: [
    'id', 'tenant_id', 'meeting_id', 'order', 'number', 'name', 'public', 'result', 'resolution_text', 'level', 'consultation_id', 'urgent', 'urgent_reason',
    'result_kind', 'vote_mode', 'votes_yes', 'votes_no', 'votes_abstain', 'decided_at', 'minutes_text', 'approves_minutes_of_meeting_id',
  ],
  files: ['id', 'tenant_id', 'name', 'public', 'paper_id', 'meeting_id', 'agenda_item_id', 'person_id', 'sort_order', 'current_version'],
  meeting_attendances: ['id', 'tenant_id', 'meeting_id', 'person_id', 'status', 'role', 'deputy_for_person_id', 'arrived_at', 'left_at', 'note'],
  absence_notices: ['id', 'tenant_id', 'meeting_id', 'person_id', 'reason', 'created_by_name'],
  vote_conflicts: ['id', 'tenant_id', 'agenda_item_id', 'person_id', 'note'],
  named_votes: ['id', 'tenant_id', 'agenda_item_id', 'person_id', 'vote'],
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function berlinClock(iso: string): { weekday: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: get('weekday'), time: `${get('hour')}:${get('minute')}` };
}

function isActiveOn(m: { start_date: string | null; end_date: string | null }, isoDate: string): boolean {
  return (m.start_date === null || m.start_date <= isoDate) && (m.end_date === null || m.end_date >= isoDate);
}

describe('ids', () => {
  test('are deterministic: two calls with the same reference date give identical data', () => {
    const again = buildDemoData(new Date(REF.getTime()));
    const specs = (d: DemoData) => d.documents.map((x) => ({ ...x, spec: x.spec() }));
    assert.deepEqual({ ...again, documents: specs(again) }, { ...data, documents: specs(data) });
    for (const table of TABLE_INSERTION_ORDER) {
      assert.deepEqual(again[table].map((r) => r.id), data[table].map((r) => r.id), table);
    }
  });

  test('are UUID v5 and unique across all tables', () => {
    const all = TABLE_INSERTION_ORDER.flatMap((t) => data[t].map((r) => r.id));
    for (const id of all) assert.match(id, UUID);
    assert.equal(new Set(all).size, all.length);
    assert.equal(demoUuid('tenant/burg'), tenantBySlug(data, 'burg').id);
  });

  test('of tenants, organizations and persons do not depend on the reference date; meetings on the same day keep their id', () => {
    const other = buildDemoData(new Date('2026-12-20T09:00:00Z'));
    for (const t of ['tenants', 'organizations', 'persons', 'memberships'] as const) {
      assert.deepEqual(other[t].map((r) => r.id), data[t].map((r) => r.id), t);
    }
    const ids = new Set(calendar(data).map((m) => m.id));
    const shared = calendar(other).filter((m) => ids.has(m.id));
    assert.ok(shared.length > data.meetings.length * 0.8);
    for (const m of shared) assert.equal(m.start, data.meetings.find((x) => x.id === m.id)?.start);
  });

  test('rejects an invalid reference date', () => {
    assert.throws(() => buildDemoData(new Date('nonsense')), TypeError);
  });
});

describe('rows', () => {
  test('have exactly the SQL columns of their table', () => {
    for (const table of TABLE_INSERTION_ORDER) {
      for (const row of data[table]) assert.deepEqual(Object.keys(row).sort(), [...COLUMNS[table]].sort(), `${table} ${row.id}`);
    }
  });

  test('are listed per table in insertion order', () => {
    assert.deepEqual(listRowsInInsertionOrder(data).map((x) => x.table), [
      'tenants', 'legislative_terms', 'locations', 'organizations', 'persons', 'memberships', 'meetings', 'paper_types', 'paper_number_counters',
      'papers', 'paper_originator_persons', 'paper_originator_organizations', 'paper_relations', 'consultations', 'agenda_items', 'files',
      'meeting_attendances', 'absence_notices', 'vote_conflicts', 'named_votes',
    ]);
    const burg = tenantBySlug(data, 'burg');
    const perTenant = listTenantRowsInInsertionOrder(data, burg.id);
    assert.deepEqual(perTenant[0].rows, [burg]);
    for (const { table, rows } of perTenant.slice(1)) {
      if (table !== 'paper_relations') assert.ok(rows.length > 0, table);
      for (const r of rows) assert.equal((r as { tenant_id: string }).tenant_id, burg.id);
    }
    const total = data.tenants.reduce((sum, t) => sum + listTenantRowsInInsertionOrder(data, t.id).reduce((s, x) => s + x.rows.length, 0), 0);
    assert.equal(total, listRowsInInsertionOrder(data).reduce((s, x) => s + x.rows.length, 0));
  });

  test('fit the column limits of the schema', () => {
    for (const o of data.organizations) assert.ok(o.name.length <= 300 && (o.short_name ?? '').length <= 50 && (o.classification ?? '').length <= 100);
    for (const p of data.persons) assert.ok(p.family_name.length <= 100 && p.given_name.length <= 100 && (p.email ?? '').length <= 254);
    for (const m of data.memberships) assert.ok((m.role ?? '').length <= 100);
    for (const m of data.meetings) assert.ok(m.name.length <= 300 && (m.location_text ?? '').length <= 500);
    for (const a of data.agenda_items) assert.ok(a.name.length <= 500 && (a.number ?? '').length <= 20 && (a.result ?? '').length <= 200);
    for (const t of data.tenants) assert.match(t.branding_primary_color ?? '', /^#[0-9a-f]{6}$/i);
  });
});

describe('tenants', () => {
  test('are the county, three towns and one suspended municipality, with 8-digit AGS in the Jerichower Land', () => {
    assert.deepEqual(
      data.tenants.map((t) => [t.slug, t.kind, t.status, t.ags]),
      [
        ['landkreis-jerichower-land', 'county', 'active', '15086000'],
        ['burg', 'town', 'active', '15086015'],
        ['genthin', 'town', 'active', '15086040'],
        ['gommern', 'town', 'active', '15086055'],
        ['elbe-parey', 'municipality', 'suspended', '15086035'],
      ],
    );
    for (const t of data.tenants) {
      assert.match(t.ags, /^\d{8}$/);
      assert.ok(t.ags.startsWith('15086'));
      assert.match(t.slug, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      assert.equal(t.notice_period_days, t.kind === 'county' ? 10 : 7);
    }
  });

  test('the suspended tenant still has a little data', () => {
    const ep = tenantBySlug(data, 'elbe-parey');
    for (const table of ['organizations', 'persons', 'memberships', 'meetings', 'agenda_items'] as const) {
      assert.ok(data[table].some((r) => r.tenant_id === ep.id), table);
    }
  });
});

describe('organizations, persons and memberships', () => {
  test('every active tenant has one council, 3–5 committees and 4–6 factions with German classifications', () => {
    for (const t of active) {
      const orgs = data.organizations.filter((o) => o.tenant_id === t.id);
      const councils = orgs.filter((o) => o.organization_type === 'council');
      assert.equal(councils.length, 1, t.slug);
      assert.equal(councils[0].classification, t.kind === 'county' ? 'Kreistag' : 'Stadtrat');
      const committees = orgs.filter((o) => o.organization_type === 'committee');
      assert.ok(committees.length >= 3 && committees.length <= 5, t.slug);
      assert.ok(committees.every((o) => o.classification === 'Ausschuss'));
      const factions = orgs.filter((o) => o.organization_type === 'faction');
      assert.ok(factions.length >= 4 && factions.length <= 6, t.slug);
      assert.ok(factions.every((o) => o.classification === 'Fraktion'));
    }
  });

  test('every active tenant has 30+ persons with unique names', () => {
    for (const t of active) {
      const persons = data.persons.filter((p) => p.tenant_id === t.id);
      assert.ok(persons.length >= 30, `${t.slug}: ${persons.length} persons`);
      const names = persons.map((p) => `${p.given_name} ${p.family_name}`);
      assert.equal(new Set(names).size, names.length, t.slug);
      assert.ok(persons.every((p) => p.form_of_address === (p.gender === 'female' ? 'Frau' : 'Herr')));
      assert.ok(persons.some((p) => p.title === 'Dr.'), t.slug);
    }
  });

  test('memberships, meetings and agenda items reference rows of their own tenant only', () => {
    const tenantOf = new Map<string, string>();
    for (const table of ['organizations', 'persons', 'meetings'] as const) for (const r of data[table]) tenantOf.set(r.id, r.tenant_id);
    const tenantIds = new Set(data.tenants.map((t) => t.id));
    for (const table of ['organizations', 'persons', 'memberships', 'meetings', 'agenda_items'] as const) {
      for (const r of data[table]) assert.ok(tenantIds.has(r.tenant_id), `${table} ${r.id}`);
    }
    for (const m of data.memberships) {
      assert.equal(tenantOf.get(m.person_id), m.tenant_id, `membership ${m.id} person`);
      assert.equal(tenantOf.get(m.organization_id), m.tenant_id, `membership ${m.id} organization`);
    }
    for (const m of data.meetings) assert.equal(tenantOf.get(m.organization_id), m.tenant_id, `meeting ${m.id}`);
    for (const a of data.agenda_items) assert.equal(tenantOf.get(a.meeting_id), a.tenant_id, `agenda item ${a.id}`);
  });

  test('the two-council person is one Person row in the county and one in Burg, with the same name and email', () => {
    const rows = data.persons.filter((p) => p.email === TWO_COUNCILS_PERSON_EMAIL);
    const county = tenantBySlug(data, 'landkreis-jerichower-land');
    const burg = tenantBySlug(data, 'burg');
    assert.deepEqual(rows.map((p) => p.tenant_id).sort(), [county.id, burg.id].sort());
    assert.notEqual(rows[0].id, rows[1].id);
    for (const p of rows) {
      assert.deepEqual([p.title, p.given_name, p.family_name], ['Dr.', 'Katrin', 'Lehmann']);
      const council = data.organizations.find((o) => o.tenant_id === p.tenant_id && o.organization_type === 'council');
      assert.ok(data.memberships.some((m) => m.person_id === p.id && m.organization_id === council?.id && m.end_date === null));
    }
  });

  test('every sitting elected council member belongs to exactly one faction; the Landrat / Bürgermeister sits in the council', () => {
    const day = REF.toISOString().slice(0, 10);
    for (const t of data.tenants) {
      const orgs = data.organizations.filter((o) => o.tenant_id === t.id);
      const council = orgs.find((o) => o.organization_type === 'council');
      const factionIds = new Set(orgs.filter((o) => o.organization_type === 'faction').map((o) => o.id));
      const seats = data.memberships.filter((m) => m.organization_id === council?.id && isActiveOn(m, day));
      const heads = seats.filter((m) => ['Landrat', 'Landrätin', 'Bürgermeister', 'Bürgermeisterin'].includes(m.role ?? ''));
      assert.equal(heads.length, 1, t.slug);
      assert.ok(seats.some((m) => m.role === 'Vorsitzender' || m.role === 'Vorsitzende'), t.slug);
      for (const seat of seats) {
        if (seat === heads[0]) continue;
        const factions = data.memberships.filter((m) => m.person_id === seat.person_id && factionIds.has(m.organization_id) && isActiveOn(m, day));
        assert.equal(factions.length, 1, `${t.slug}: person ${seat.person_id}`);
      }
    }
  });

  test('committees have non-voting members, and some memberships ended during the term', () => {
    for (const t of active) {
      const ms = data.memberships.filter((m) => m.tenant_id === t.id);
      assert.ok(ms.some((m) => !m.voting_right && /Sachkundige|beratendes/.test(m.role ?? '')), t.slug);
      assert.ok(ms.some((m) => m.end_date !== null), t.slug);
      assert.ok(ms.every((m) => m.start_date !== null && m.start_date >= '2024-07-01' && (m.end_date === null || m.end_date >= m.start_date)));
    }
  });
});

describe('meetings', () => {
  test('lie within 6 months around the reference date, on weekday evenings (Europe/Berlin), lasting 1.5–3 hours', () => {
    const from = new Date(REF); from.setUTCMonth(from.getUTCMonth() - 6);
    const to = new Date(REF); to.setUTCMonth(to.getUTCMonth() + 6);
    for (const m of calendar(data)) {
      const start = Date.parse(m.start);
      assert.ok(start >= from.getTime() && start < to.getTime(), m.id);
      const { weekday, time } = berlinClock(m.start);
      assert.ok(['Mon', 'Tue', 'Wed', 'Thu'].includes(weekday), `${m.name} on ${weekday}`);
      assert.ok(['17:00', '18:00', '18:30'].includes(time), `${m.name} at ${time}`);
      const minutes = (Date.parse(m.end ?? '') - start) / 60_000;
      assert.ok(minutes >= 90 && minutes <= 180, `${m.name}: ${minutes} min`);
    }
  });

  test('local times are converted to UTC with daylight saving time', () => {
    assert.equal(berlinLocalToUtc('2026-07-02', '18:00').toISOString(), '2026-07-02T16:00:00.000Z');
    assert.equal(berlinLocalToUtc('2026-12-03', '18:00').toISOString(), '2026-12-03T17:00:00.000Z');
    assert.equal(berlinLocalToUtc('2027-03-25', '18:30').toISOString(), '2027-03-25T17:30:00.000Z'); // before the switch on 28 March
    assert.equal(berlinLocalToUtc('2027-03-29', '18:30').toISOString(), '2027-03-29T16:30:00.000Z');
    assert.equal(berlinLocalToUtc('2026-10-26', '17:00').toISOString(), '2026-10-26T16:00:00.000Z'); // after the switch on 25 October
  });

  test('have states that fit the reference date, and each active tenant has 1–2 cancelled meetings', () => {
    const ref = REF.getTime();
    for (const m of calendar(data)) {
      const start = Date.parse(m.start);
      if (m.cancelled) continue;
      if (start < ref) assert.ok(['held', 'minutes_drafted', 'minutes_approved'].includes(m.meeting_state), m.id);
      else assert.equal(m.meeting_state, start - ref <= 14 * DAY ? 'invited' : 'planned', m.id);
    }
    for (const t of active) {
      const mine = data.meetings.filter((m) => m.tenant_id === t.id);
      const cancelled = mine.filter((m) => m.cancelled).length;
      assert.ok(cancelled >= 1 && cancelled <= 2, `${t.slug}: ${cancelled} cancelled`);
      assert.ok(mine.some((m) => m.meeting_state === 'minutes_approved'), t.slug);
      assert.equal(mine.filter((m) => m.meeting_state === 'held').length, 1, `${t.slug}: the latest held meeting`);
      assert.ok(t.status === 'suspended' || mine.some((m) => m.meeting_state === 'minutes_drafted'), t.slug);
      assert.ok(mine.some((m) => m.meeting_state === 'invited'), t.slug);
      assert.ok(mine.some((m) => m.meeting_state === 'planned'), t.slug);
    }
  });

  test('council meetings are numbered through the term, committee meetings are not', () => {
    const orgs = new Map(data.organizations.map((o) => [o.id, o]));
    for (const m of data.meetings) {
      const type = orgs.get(m.organization_id)?.organization_type;
      if (type === 'council') assert.match(m.name, /^\d+\. Sitzung des (Kreistages|Stadtrates|Gemeinderates)$/);
      else assert.match(m.name, /^Sitzung des /);
      assert.notEqual(type, 'faction');
    }
  });

  test('each active tenant has upcoming public meetings within 90 days', () => {
    const ref = REF.getTime();
    for (const t of active) {
      const upcoming = data.meetings.filter((m) => m.tenant_id === t.id && !m.cancelled && Date.parse(m.start) > ref && Date.parse(m.start) <= ref + 90 * DAY);
      assert.ok(upcoming.length > 0, t.slug);
      assert.ok(upcoming.some((m) => data.agenda_items.some((a) => a.meeting_id === m.id && a.public)), t.slug);
    }
  });

  test('the Stadtrat of Burg and each of its committees meet within 90 days, whatever the reference date', () => {
    for (let day = Date.UTC(2025, 0, 3); day < Date.UTC(2028, 11, 31); day += 17 * DAY) {
      const d = buildDemoData(new Date(day + 10 * 3_600_000));
      const burg = tenantBySlug(d, 'burg');
      const bodies = d.organizations.filter((o) => o.tenant_id === burg.id && o.organization_type !== 'faction');
      for (const body of bodies) {
        const next = d.meetings.find((m: MeetingRow) => m.organization_id === body.id && !m.cancelled && Date.parse(m.start) > day + 10 * 3_600_000);
        assert.ok(next && Date.parse(next.start) - day <= 90 * DAY, `${body.name}, reference ${new Date(day).toISOString().slice(0, 10)}: next ${next?.start}`);
      }
    }
  });

  test('no body of an authority meets twice a day, and no two bodies of one authority meet on the same day', () => {
    for (const t of data.tenants) {
      const days = calendar(data).filter((m) => m.tenant_id === t.id).map((m) => new Date(m.start).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' }));
      assert.equal(new Set(days).size, days.length, t.slug);
    }
  });
});

describe('agenda items', () => {
  test('every meeting has an agenda; order is 1..n and unique, numbers are unique', () => {
    const byMeeting = new Map<string, typeof data.agenda_items>();
    for (const a of data.agenda_items) byMeeting.set(a.meeting_id, [...(byMeeting.get(a.meeting_id) ?? []), a]);
    for (const m of data.meetings) {
      const items = byMeeting.get(m.id) ?? [];
      assert.ok(items.length >= 8, m.id);
      assert.deepEqual(items.map((a) => a.order), items.map((_, i) => i + 1), m.id);
      assert.equal(new Set(items.map((a) => a.number)).size, items.length, m.id);
    }
  });

  test('follow the usual structure: Ö 1–4 formalities, substantive items, Anfragen und Mitteilungen, then N items; sub-items under their item', () => {
    const byMeeting = new Map<string, typeof data.agenda_items>();
    for (const a of data.agenda_items) byMeeting.set(a.meeting_id, [...(byMeeting.get(a.meeting_id) ?? []), a]);
    let subItems = 0;
    for (const all of byMeeting.values()) {
      assert.equal(all[0].level, 1);
      all.forEach((a, i) => {
        if (a.level !== 2) return;
        subItems++;
        const parent = all.slice(0, i).reverse().find((x) => x.level === 1);
        const siblings = all.slice(all.indexOf(parent ?? all[0]) + 1, i + 1);
        assert.equal(a.number, `${parent?.number}.${siblings.length}`, a.id);
        assert.equal(a.public, parent?.public, a.id);
      });
      const items = all.filter((a) => a.level === 1);
      assert.match(items[0].name, /^Eröffnung, Feststellung der ordnungsgemäßen Ladung und Beschlussfähigkeit$/);
      assert.equal(items[1].name, 'Feststellung der Tagesordnung');
      assert.match(items[2].name, /^Genehmigung der Niederschrift|^Verpflichtung/);
      assert.equal(items[3].name, 'Einwohnerfragestunde');
      const publicItems = items.filter((a) => a.public);
      const nonPublic = items.filter((a) => !a.public);
      assert.equal(publicItems.at(-1)?.name, 'Anfragen und Mitteilungen');
      // up to 8 planned items, and up to 3 decisions on committee recommendations added to a council agenda
      assert.ok(publicItems.length - 5 >= 3 && publicItems.length - 5 <= 11, `${publicItems.length - 5} substantive items`);
      publicItems.forEach((a, i) => assert.equal(a.number, `Ö ${i + 1}`));
      nonPublic.forEach((a, i) => assert.equal(a.number, `N ${i + 1}`));
      assert.ok(items.findIndex((a) => !a.public) === -1 || items.findIndex((a) => !a.public) === publicItems.length, 'N items come last');
    }
    assert.ok(subItems > 0, 'some agendas have sub-items (Anfragen, Mitteilungen, Änderungsanträge)');
  });

  test('each active tenant has non-public agenda items (on most council meetings)', () => {
    for (const t of active) {
      assert.ok(data.agenda_items.some((a) => a.tenant_id === t.id && !a.public), t.slug);
      const council = data.organizations.find((o) => o.tenant_id === t.id && o.organization_type === 'council');
      const meetings = data.meetings.filter((m) => m.organization_id === council?.id);
      const withNonPublic = meetings.filter((m) => data.agenda_items.some((a) => a.meeting_id === m.id && !a.public));
      assert.ok(withNonPublic.length > meetings.length / 2, t.slug);
    }
  });

  test('results on substantive items and approvals of minutes of held meetings only, each with its kind; counted votes in the text', () => {
    const meetings = new Map(data.meetings.map((m) => [m.id, m]));
    const kinds: Record<string, string> = {
      'einstimmig beschlossen': 'accepted', 'mehrheitlich beschlossen': 'accepted', genehmigt: 'accepted', abgelehnt: 'rejected', verwiesen: 'referred',
      vertagt: 'postponed', 'zur Kenntnis genommen': 'taken_note',
    };
    const seen = new Set<string>();
    for (const a of data.agenda_items) {
      const m = meetings.get(a.meeting_id);
      const held = !m?.cancelled && ['held', 'minutes_drafted', 'minutes_approved'].includes(m?.meeting_state ?? '');
      const decided = (a.public && a.order > 4 && a.name !== 'Anfragen und Mitteilungen' && a.level === 1) || a.name.startsWith('Genehmigung der Niederschrift') || (!a.public && a.level === 1);
      if (held && decided) {
        assert.ok(a.result !== null && a.result in kinds, `${a.id}: ${a.result}`);
        assert.equal(a.result_kind, kinds[a.result], a.id);
        assert.ok(a.decided_at !== null && a.decided_at >= (m?.start ?? '') && a.decided_at <= (m?.end ?? ''), a.id);
        seen.add(a.result);
        if (a.vote_mode !== null) {
          const votes = [a.votes_yes, a.votes_no, a.votes_abstain];
          assert.ok(votes.every((v) => v !== null && v >= 0), a.id);
          assert.match(a.resolution_text ?? '', new RegExp(`Abstimmungsergebnis: ${a.votes_yes} Ja, ${a.votes_no} Nein, ${a.votes_abstain} Enthaltung`), a.id);
          if (a.result_kind === 'rejected') assert.ok((a.votes_no ?? 0) > (a.votes_yes ?? 0), a.id);
          if (a.result_kind === 'accepted') assert.ok((a.votes_yes ?? 0) > (a.votes_no ?? 0), a.id);
          if (a.result === 'einstimmig beschlossen') assert.deepEqual([a.votes_no, a.votes_abstain], [0, 0], a.id);
        }
      } else if (!(held && a.level === 2)) {
        assert.equal(a.result, null, a.id);
        assert.equal(a.result_kind, null, a.id);
        assert.equal(a.resolution_text, null, a.id);
      }
    }
    for (const r of Object.keys(kinds)) assert.ok(seen.has(r), r);
  });
});

describe('the meeting service (demo-meeting-service.mts)', () => {
  const meetings = new Map(data.meetings.map((m) => [m.id, m]));
  const held = (id: string) => ['held', 'minutes_drafted', 'minutes_approved'].includes(meetings.get(id)?.meeting_state ?? '');

  test('is deterministic and leaves the other tenants\' meetings without attendance', () => {
    const again = buildDemoData(REF);
    for (const t of ['meeting_attendances', 'absence_notices', 'vote_conflicts', 'named_votes', 'resolutions', 'resolution_notes', 'meeting_links'] as const) {
      assert.deepEqual(again[t], data[t], t);
    }
    const service = new Set(['burg', 'landkreis-jerichower-land'].map((s) => tenantBySlug(data, s).id));
    assert.ok(data.meeting_attendances.every((a) => service.has(a.tenant_id)));
    for (const r of [...data.meeting_attendances, ...data.named_votes, ...data.resolutions, ...data.resolution_notes]) assert.match(r.id, UUID);
  });

  test('every held meeting of Burg and the county has attendance with each member once; deputies stand in for an excused member', () => {
    for (const slug of ['burg', 'landkreis-jerichower-land']) {
      const t = tenantBySlug(data, slug);
      for (const m of data.meetings.filter((x) => x.tenant_id === t.id && held(x.id))) {
        const rows = data.meeting_attendances.filter((a) => a.meeting_id === m.id);
        assert.ok(rows.length >= 5, m.id);
        assert.equal(new Set(rows.map((r) => r.person_id)).size, rows.length, m.id);
        for (const r of rows.filter((x) => x.role === 'deputy')) {
          assert.equal(rows.find((x) => x.person_id === r.deputy_for_person_id)?.status, 'excused', m.id);
        }
        for (const r of rows) {
          if (r.arrived_at) assert.ok(r.status === 'present' && r.arrived_at > m.start, m.id);
          if (r.left_at) assert.ok(r.status === 'present' && r.left_at < (m.end ?? ''), m.id);
        }
        assert.ok(m.started_at !== null && m.closed_at !== null, m.id);
        assert.ok(data.agenda_items.filter((a) => a.meeting_id === m.id).every((a) => a.minutes_text !== null), `${m.id}: minutes text per item`);
      }
    }
  });

  test('the approval of minutes is item Ö 3 of the body\'s next meeting; each approved meeting points at it', () => {
    const items = new Map(data.agenda_items.map((a) => [a.id, a]));
    const approved = calendar(data).filter((m) => m.meeting_state === 'minutes_approved');
    for (const m of approved) {
      const link = data.meeting_links.find((l) => l.id === m.id);
      const item = items.get(link?.minutes_approved_by_item_id ?? '');
      assert.ok(item, m.id);
      assert.equal(item.approves_minutes_of_meeting_id, m.id);
      assert.equal(item.result_kind, 'accepted');
      assert.equal(item.number, 'Ö 3');
      const later = meetings.get(item.meeting_id);
      assert.ok(later && later.organization_id === m.organization_id && later.start > m.start, m.id);
    }
  });

  test('named votes: no vote of the person with a conflict of interest; the counts are the named votes', () => {
    for (const slug of ['burg', 'landkreis-jerichower-land']) {
      const t = tenantBySlug(data, slug);
      const named = data.agenda_items.filter((a) => a.tenant_id === t.id && a.vote_mode === 'named');
      assert.ok(named.some((a) => a.public) && named.some((a) => !a.public), slug);
      for (const a of named) {
        const votes = data.named_votes.filter((v) => v.agenda_item_id === a.id);
        const conflicts = data.vote_conflicts.filter((c) => c.agenda_item_id === a.id);
        assert.equal(conflicts.length, 1, a.id);
        assert.ok(!votes.some((v) => v.person_id === conflicts[0].person_id), a.id);
        assert.deepEqual([a.votes_yes, a.votes_no, a.votes_abstain], ['yes', 'no', 'abstain'].map((k) => votes.filter((v) => v.vote === k).length), a.id);
        const present = new Set(data.meeting_attendances.filter((r) => r.meeting_id === a.meeting_id && r.status === 'present').map((r) => r.person_id));
        assert.ok([...votes, ...conflicts].every((v) => present.has(v.person_id)), `${a.id}: only those present vote`);
      }
    }
  });

  test('one resolution per accepted item, in every status per authority, with departments, due dates (some overdue) and dated notes', () => {
    const accepted = data.agenda_items.filter((a) => a.result_kind === 'accepted');
    assert.deepEqual(data.resolutions.map((r) => r.agenda_item_id).sort(), accepted.map((a) => a.id).sort());
    const refDay = REF.toISOString().slice(0, 10);
    for (const t of active) {
      const mine = data.resolutions.filter((r) => r.tenant_id === t.id);
      assert.deepEqual([...new Set(mine.map((r) => r.status))].sort(), ['done', 'in_progress', 'obsolete', 'open'], t.slug);
      assert.ok(mine.some((r) => (r.status === 'open' || r.status === 'in_progress') && (r.due_date ?? '9999') < refDay), `${t.slug}: overdue`);
      assert.ok(mine.some((r) => r.responsible_department !== null), t.slug);
    }
    const byId = new Map(data.resolutions.map((r) => [r.id, r]));
    for (const n of data.resolution_notes) {
      assert.ok(byId.has(n.resolution_id));
      assert.ok(n.note_date <= refDay && n.text.trim().length > 0, n.id);
    }
    assert.ok(data.resolutions.filter((r) => r.status === 'done').every((r) => data.resolution_notes.some((n) => n.resolution_id === r.id) || r.responsible_department === null));
  });

  test('the live meeting of Burg runs since 30 minutes before the reference date, at its 2nd public item; a non-public item follows', () => {
    const live = data.meetings.find((m) => m.id === DEMO_LIVE_MEETING_ID);
    assert.ok(live);
    assert.equal(live.tenant_id, tenantBySlug(data, 'burg').id);
    assert.deepEqual([live.meeting_state, live.start, live.started_at, live.closed_at], ['running', '2026-11-28T10:30:00.000Z', '2026-11-28T10:30:00.000Z', null]);
    assert.deepEqual(data.meetings.filter((m) => m.meeting_state === 'running').map((m) => m.id), [DEMO_LIVE_MEETING_ID]);
    const items = data.agenda_items.filter((a) => a.meeting_id === live.id);
    const current = data.meeting_links.find((l) => l.id === live.id)?.current_agenda_item_id;
    assert.equal(current, items.filter((a) => a.public)[1].id);
    assert.ok(items.some((a) => !a.public));
    assert.ok(items.every((a) => a.result === null), 'nothing decided yet');
  });
});

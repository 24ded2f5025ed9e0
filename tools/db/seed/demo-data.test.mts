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

const REF = new Date('2026-11-28T11:00:00Z');
const DAY = 86_400_000;
const data = buildDemoData(REF);
const active = data.tenants.filter((t) => t.status === 'active');
const tenantBySlug = (d: DemoData, slug: string): TenantRow => {
  const t = d.tenants.find((x) => x.slug === slug);
  assert.ok(t, `tenant ${slug} exists`);
  return t;
};

/** Columns of the SQL tables (the @map names in prisma/schema.prisma), minus the defaulted timestamps. */
const COLUMNS: Record<string, string[]> = {
  tenants: ['id', 'slug', 'name', 'kind', 'ags', 'status', 'identity_issuer', 'identity_organization_alias', 'branding_logo_url', 'branding_primary_color', 'notice_period_days'],
  legislative_terms: ['id', 'tenant_id', 'name', 'start_date', 'end_date'],
  locations: ['id', 'tenant_id', 'description', 'room', 'street_address', 'postal_code', 'locality'],
  organizations: ['id', 'tenant_id', 'name', 'short_name', 'organization_type', 'classification', 'start_date', 'end_date', 'website', 'parent_id', 'location_id'],
  persons: ['id', 'tenant_id', 'family_name', 'given_name', 'form_of_address', 'title', 'affix', 'gender', 'email'],
  memberships: ['id', 'tenant_id', 'person_id', 'organization_id', 'role', 'voting_right', 'start_date', 'end_date', 'on_behalf_of_id', 'deputy_for_id'],
  meetings: ['id', 'tenant_id', 'organization_id', 'name', 'start', 'end', 'location_text', 'meeting_state', 'cancelled', 'cancelled_reason', 'location_id'],
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
  agenda_items: ['id', 'tenant_id', 'meeting_id', 'order', 'number', 'name', 'public', 'result', 'resolution_text', 'level', 'consultation_id', 'urgent', 'urgent_reason'],
  files: ['id', 'tenant_id', 'name', 'public', 'paper_id', 'meeting_id', 'agenda_item_id', 'person_id', 'sort_order', 'current_version'],
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
    const ids = new Set(data.meetings.map((m) => m.id));
    const shared = other.meetings.filter((m) => ids.has(m.id));
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
    for (const m of data.meetings) {
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
    for (const m of data.meetings) {
      const start = Date.parse(m.start);
      if (m.cancelled) continue;
      if (start < ref) assert.ok(m.meeting_state === 'held' || m.meeting_state === 'minutes_approved', m.id);
      else assert.equal(m.meeting_state, start - ref <= 14 * DAY ? 'invited' : 'planned', m.id);
    }
    for (const t of active) {
      const mine = data.meetings.filter((m) => m.tenant_id === t.id);
      const cancelled = mine.filter((m) => m.cancelled).length;
      assert.ok(cancelled >= 1 && cancelled <= 2, `${t.slug}: ${cancelled} cancelled`);
      assert.ok(mine.some((m) => m.meeting_state === 'minutes_approved'), t.slug);
      assert.ok(mine.some((m) => m.meeting_state === 'held'), t.slug);
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
      const days = data.meetings.filter((m) => m.tenant_id === t.id).map((m) => new Date(m.start).toLocaleDateString('sv-SE', { timeZone: 'Europe/Berlin' }));
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

  test('results only on substantive public items of held meetings', () => {
    const meetings = new Map(data.meetings.map((m) => [m.id, m]));
    const allowed = ['einstimmig beschlossen', 'mehrheitlich beschlossen', 'vertagt', 'zur Kenntnis genommen', 'abgelehnt'];
    const seen = new Set<string>();
    for (const a of data.agenda_items) {
      const m = meetings.get(a.meeting_id);
      const held = !m?.cancelled && (m?.meeting_state === 'held' || m?.meeting_state === 'minutes_approved');
      const substantive = a.public && a.order > 4 && a.name !== 'Anfragen und Mitteilungen';
      if (held && substantive) {
        assert.ok(a.result !== null && allowed.includes(a.result), a.id);
        seen.add(a.result);
      } else {
        assert.equal(a.result, null, a.id);
        assert.equal(a.resolution_text, null, a.id);
      }
    }
    for (const r of allowed.filter((x) => x !== 'abgelehnt')) assert.ok(seen.has(r), r);
  });
});

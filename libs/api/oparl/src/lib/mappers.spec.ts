import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toOParlAgendaItem, toOParlMeeting } from './content-mappers';
import { toOParlBody, toOParlMembership, toOParlOrganization, toOParlPerson } from './mappers';
import { oparlUrls } from './urls';

interface PropertySchema {
  type?: string;
  format?: string;
  items?: { type?: string; format?: string; schema?: string };
  schema?: string;
}
interface ObjectSchema {
  required?: string[];
  properties: Record<string, PropertySchema>;
}

const schema = (name: string): ObjectSchema => JSON.parse(readFileSync(join(__dirname, '../../schema', `${name}.json`), 'utf8'));

const URL_RE = /^https:\/\/[^\s/]+\//;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Problems of `value` against the OParl schema `name`, embedded objects included. */
function violations(name: string, value: Record<string, unknown>, path = name): string[] {
  const s = schema(name);
  const out: string[] = [];
  for (const r of s.required ?? []) if (!(r in value) || value[r] === undefined) out.push(`${path}.${r} is required`);
  if (value['type'] !== `https://schema.oparl.org/1.1/${name}`) out.push(`${path}.type is ${String(value['type'])}`);
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const p = s.properties[k];
    if (!p) {
      out.push(`${path}.${k} is not an OParl field`);
      continue;
    }
    out.push(...check(p, v, `${path}.${k}`));
  }
  return out;
}

function check(p: PropertySchema, v: unknown, path: string): string[] {
  if (v === null) return [`${path} is null (leave it out instead)`];
  switch (p.type) {
    case 'string':
      if (typeof v !== 'string') return [`${path} should be a string`];
      if (p.format === 'url' && !URL_RE.test(v)) return [`${path} should be a URL: ${v}`];
      if (p.format === 'date' && !DATE_RE.test(v)) return [`${path} should be a date: ${v}`];
      if (p.format === 'date-time' && !DATE_TIME_RE.test(v)) return [`${path} should be a date-time: ${v}`];
      return [];
    case 'boolean':
      return typeof v === 'boolean' ? [] : [`${path} should be a boolean`];
    case 'integer':
      return Number.isInteger(v) ? [] : [`${path} should be an integer`];
    case 'object':
      return typeof v === 'object' && p.schema ? violations(p.schema.replace(/\.json$/, ''), v as Record<string, unknown>, path) : [`${path} should be an object`];
    case 'array':
      if (!Array.isArray(v)) return [`${path} should be an array`];
      return v.flatMap((item, i) => check({ ...p.items, schema: p.items?.schema }, item, `${path}[${i}]`));
    default:
      return [`${path} has no type in the schema`];
  }
}

const urls = oparlUrls('https://ratsinfo.example/', 'moeckern');
const created = new Date('2026-01-05T08:00:00.000Z');
const updated = new Date('2026-02-10T09:15:30.250Z');
const stamps = { createdAt: created, updatedAt: updated, deletedAt: null };

const organization = { ...stamps, id: 'org-1', name: 'Hauptausschuss', shortName: 'HA', organizationType: 'committee' as const, classification: 'Ausschuss', startDate: new Date('2024-07-01T00:00:00Z'), endDate: null, website: null };
const membership = { ...stamps, id: 'mem-1', personId: 'per-1', organizationId: 'org-1', role: 'Vorsitz', votingRight: true, startDate: new Date('2024-07-01T00:00:00Z'), endDate: null };
const person = { ...stamps, id: 'per-1', familyName: 'Muster', givenName: 'Erika', title: 'Dr.', affix: null, formOfAddress: 'Frau', gender: 'female', email: 'erika@example.org' };
const item = { ...stamps, id: 'ai-1', meetingId: 'mee-1', number: 'Ö 1', order: 1, name: 'Eröffnung', public: true, result: null, resolutionText: null };
const meeting = { ...stamps, id: 'mee-1', organizationId: 'org-1', name: '12. Sitzung', meetingState: 'invited', cancelled: false, start: new Date('2026-03-02T17:00:00Z'), end: null, locationText: 'Rathaus, Ratssaal' };

describe('OParl 1.1 mappers', () => {
  it('build ids from the public base URL in the layout OParl tools expect', () => {
    expect(urls.body()).toBe('https://ratsinfo.example/oparl/v1.1/bodies/moeckern');
    expect(urls.object('agendaItems', 'ai-1')).toBe('https://ratsinfo.example/oparl/v1.1/bodies/moeckern/agendaItems/ai-1');
  });

  it('Body: the required lists, the AGS and a classification', () => {
    const body = toOParlBody({ ...stamps, name: 'Stadt Möckern', ags: '15086140', kind: 'town' }, urls);
    expect(violations('Body', body)).toEqual([]);
    expect(body).toMatchObject({ id: urls.body(), name: 'Stadt Möckern', ags: '15086140', classification: 'Stadt', meeting: `${urls.body()}/meetings`, legislativeTerm: [] });
  });

  it('Organization: membership URLs, dates as dates, no null fields', () => {
    const o = toOParlOrganization(organization, urls, ['mem-1']);
    expect(violations('Organization', o)).toEqual([]);
    expect(o).toMatchObject({ body: urls.body(), organizationType: 'Gremium', startDate: '2024-07-01', membership: [urls.object('memberships', 'mem-1')] });
    expect('endDate' in o && o.endDate !== undefined).toBe(false);
  });

  it('Person: name, title and e-mail as lists, memberships embedded as objects', () => {
    const p = toOParlPerson(person, urls, [membership]);
    expect(violations('Person', p)).toEqual([]);
    expect(p).toMatchObject({ name: 'Dr. Erika Muster', title: ['Dr.'], email: ['erika@example.org'] });
    expect(p.membership[0]).toMatchObject({ id: urls.object('memberships', 'mem-1'), person: p.id, organization: urls.object('organizations', 'org-1') });
  });

  it('Membership: references to person and organization, voting right as boolean', () => {
    const m = toOParlMembership(membership, urls);
    expect(violations('Membership', m)).toEqual([]);
    expect(m.votingRight).toBe(true);
  });

  it('Meeting: agenda embedded, the location inline, organizations as URLs', () => {
    const m = toOParlMeeting(meeting, urls, [item]);
    expect(violations('Meeting', m)).toEqual([]);
    expect(m.location).toMatchObject({ type: 'https://schema.oparl.org/1.1/Location', description: 'Rathaus, Ratssaal', meetings: [m.id] });
    expect(m.agendaItem).toHaveLength(1);
    expect(m.agendaItem[0]).toMatchObject({ meeting: m.id, order: 1, public: true });
    expect(toOParlMeeting({ ...meeting, locationText: null }, urls).location).toBeUndefined();
  });

  it('AgendaItem: order is an integer, number a string', () => {
    const a = toOParlAgendaItem(item, urls);
    expect(violations('AgendaItem', a)).toEqual([]);
    expect(a).toMatchObject({ number: 'Ö 1', order: 1 });
  });

  it('marks soft-deleted objects with deleted: true and keeps them valid', () => {
    const o = toOParlOrganization({ ...organization, deletedAt: updated }, urls);
    expect(o.deleted).toBe(true);
    expect(violations('Organization', o)).toEqual([]);
  });

  it('the checker itself catches a wrong type and an unknown field', () => {
    const bad = { ...toOParlAgendaItem(item, urls), order: '1', agenda: 'x' };
    expect(violations('AgendaItem', bad)).toEqual(['AgendaItem.order should be an integer', 'AgendaItem.agenda is not an OParl field']);
  });
});

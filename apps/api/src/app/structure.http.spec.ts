import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import { connect, fixtureAgs, startTestIssuer, testEnv, type TestIssuer } from '@ratsinfo/api-testing';
import { ProblemType, StructureRoutes } from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { createApp } from './create-app';

/**
 * The council structure over HTTP, as a clerk of a freshly onboarded (empty) authority builds it:
 * legislative terms, locations, organizations, persons and memberships. Who may read and write,
 * optimistic concurrency (If-Match), bad input, the domain rules, and the audit entry written in
 * the same transaction as the change.
 */
jest.setTimeout(120_000);

let app: INestApplication;
let base: string;
let owner: Client;
let issuer: TestIssuer;

type Who = 'admin' | 'clerk' | 'member';
interface Fixture {
  id: string;
  slug: string;
  subs: Record<Who, string>;
}
let t: Fixture;
let other: Fixture;

async function createFixture(label: string): Promise<Fixture> {
  const id = randomUUID();
  const slug = `struct-${label}-${id.slice(0, 6)}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias) VALUES ($1, $2, $3, 'municipality', $4, $2)`, [id, slug, `Neudorf ${label}`, fixtureAgs()]);
  const subs = { admin: randomUUID(), clerk: randomUUID(), member: randomUUID() };
  await asTenant(id, async () => {
    for (const [who, role] of [['admin', 'tenant-admin'], ['clerk', 'clerk'], ['member', 'member']] as const) {
      await owner.query(`INSERT INTO user_accounts (tenant_id, issuer, subject, email, display_name, roles) VALUES ($1, $2, $3, $4, $5, $6::tenant_role[])`, [
        id,
        issuer.issuer(),
        subs[who],
        `${who}@${slug}.example`,
        who,
        `{${role}}`,
      ]);
    }
  });
  return { id, slug, subs };
}

/** Runs owner SQL inside the tenant (forced RLS applies to the owner too). */
async function asTenant<T>(tenantId: string, fn: () => Promise<T>): Promise<T> {
  await owner.query('BEGIN');
  try {
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const result = await fn();
    await owner.query('COMMIT');
    return result;
  } catch (e) {
    await owner.query('ROLLBACK');
    throw e;
  }
}

const token = (f: Fixture, who: Who) => issuer.token({ sub: f.subs[who], organization: [f.slug], name: who });

async function call(method: string, path: string, options: { as?: [Fixture, Who] | null; body?: unknown; ifMatch?: string; rawBody?: string } = {}) {
  const as = options.as === undefined ? ([t, 'clerk'] as [Fixture, Who]) : options.as;
  const headers: Record<string, string> = {};
  if (as) headers['authorization'] = `Bearer ${await token(as[0], as[1])}`;
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['if-match'] = options.ifMatch;
  const res = await fetch(base + path, { method, headers, body: options.rawBody ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined) });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), contentType: res.headers.get('content-type'), body: text ? JSON.parse(text) : null };
}

const errorNames = (a: Awaited<ReturnType<typeof call>>): string[] => (a.body?.errors ?? []).map((e: { name: string }) => e.name);

beforeAll(async () => {
  const env = testEnv();
  issuer = await startTestIssuer(['ratsinfo']);
  owner = await connect(env.ownerUrl);
  t = await createFixture('a');
  other = await createFixture('b');
  app = await createApp(
    loadConfig({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test', AUTH_URL: issuer.url, AUTH_REALM: 'ratsinfo', RATE_LIMIT_PER_IP: '1000000', RATE_LIMIT_PER_USER: '1000000' }),
  );
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
});

afterAll(async () => {
  await app?.close();
  for (const f of [t, other]) if (f) await owner.query('DELETE FROM tenants WHERE id = $1', [f.id]);
  await owner?.end();
  await issuer?.stop();
});

/** One resource of the structure API, with a valid body to create it, a change, and a text field to aim bad input at. */
interface Resource {
  name: string;
  list: (slug: string) => string;
  one: (slug: string, id: string) => string;
  entityType: string;
  create: (f: Fixture) => Promise<Record<string, unknown>>;
  patch: Record<string, unknown>;
  textField: string;
  dateField?: string;
}

async function created(f: Fixture, path: string, body: Record<string, unknown>): Promise<string> {
  const r = await call('POST', path, { as: [f, 'clerk'], body });
  expect(r.status).toBe(201);
  return r.body.id as string;
}

const resources: Resource[] = [
  {
    name: 'legislative terms',
    list: StructureRoutes.legislativeTerms,
    one: StructureRoutes.legislativeTerm,
    entityType: 'legislative-term',
    create: async () => ({ name: 'Wahlperiode 2024–2029', startDate: '2024-07-01', endDate: '2029-06-30' }),
    patch: { endDate: '2029-07-31' },
    textField: 'name',
    dateField: 'startDate',
  },
  {
    name: 'locations',
    list: StructureRoutes.locations,
    one: StructureRoutes.location,
    entityType: 'location',
    create: async () => ({ description: 'Ratssaal, Rathaus', room: '101', streetAddress: 'Markt 1', postalCode: '39288', locality: 'Neudorf' }),
    patch: { room: '102' },
    textField: 'description',
  },
  {
    name: 'organizations',
    list: StructureRoutes.organizations,
    one: StructureRoutes.organization,
    entityType: 'organization',
    create: async () => ({ name: 'Gemeinderat', organizationType: 'council', shortName: 'GR', startDate: '2024-07-01', website: 'https://neudorf.example/rat' }),
    patch: { classification: 'Hauptorgan' },
    textField: 'name',
    dateField: 'startDate',
  },
  {
    name: 'persons',
    list: StructureRoutes.persons,
    one: StructureRoutes.person,
    entityType: 'person',
    create: async () => ({ formOfAddress: 'Frau', title: 'Dr.', givenName: 'Erika', familyName: 'Mustermann', gender: 'female', email: 'Erika@Neudorf.example', phone: '+49 3921 12345', address: 'Markt 1\n39288 Neudorf' }),
    patch: { phone: '03921 54321' },
    textField: 'familyName',
  },
  {
    name: 'memberships',
    list: StructureRoutes.memberships,
    one: StructureRoutes.membership,
    entityType: 'membership',
    create: async (f) => ({
      personId: await created(f, StructureRoutes.persons(f.slug), { givenName: 'Max', familyName: `Mitglied ${randomUUID().slice(0, 4)}` }),
      organizationId: await created(f, StructureRoutes.organizations(f.slug), { name: `Bauausschuss ${randomUUID().slice(0, 4)}`, organizationType: 'committee' }),
      role: 'Mitglied',
      startDate: '2024-07-01',
    }),
    patch: { votingRight: false, endDate: '2029-06-30' },
    textField: 'role',
    dateField: 'startDate',
  },
];

describe.each(resources)('$name', (r) => {
  it('are created, read, changed and deleted by a clerk, each change audited in its own transaction', async () => {
    const body = await r.create(t);
    const c = await call('POST', r.list(t.slug), { body });
    expect(c.status).toBe(201);
    expect(c.body.version).toBe(1);
    expect(c.etag).toBe('"1"');
    const id = c.body.id as string;

    const read = await call('GET', r.one(t.slug, id));
    expect(read.status).toBe(200);
    expect(read.etag).toBe('"1"');
    expect(read.body).toEqual(c.body);
    const listed = await call('GET', r.list(t.slug));
    expect(listed.body.data.map((x: { id: string }) => x.id)).toContain(id);

    const u = await call('PATCH', r.one(t.slug, id), { body: r.patch, ifMatch: '"1"' });
    expect(u.status).toBe(200);
    expect(u.body).toMatchObject({ ...r.patch, version: 2 });
    expect(u.etag).toBe('"2"');
    // Fields not sent stay as they were.
    expect(u.body[r.textField]).toBe(c.body[r.textField]);

    // The audit entries were committed by the transactions that wrote the rows (same xmin).
    const table = { 'legislative-term': 'legislative_terms', location: 'locations', organization: 'organizations', person: 'persons', membership: 'memberships' }[r.entityType] as string;
    const audit = await asTenant(t.id, async () =>
      (
        await owner.query<{ action: string; same_tx: boolean; changes: Record<string, unknown> }>(
          `SELECT a.action, a.xmin::text = x.xmin::text AS same_tx, a.changes FROM audit_events a, ${table} x WHERE x.id = $1 AND a.entity_id = $2 ORDER BY a.occurred_at`,
          [id, id],
        )
      ).rows,
    );
    expect(audit.map((a) => a.action)).toEqual([`${r.entityType}.created`, `${r.entityType}.updated`]);
    expect(audit[1]?.same_tx).toBe(true);
    expect(audit[1]?.changes['after']).toEqual(r.patch);

    const d = await call('DELETE', r.one(t.slug, id), { ifMatch: '"2"' });
    expect(d.status).toBe(204);
    expect((await call('GET', r.one(t.slug, id))).status).toBe(404);
    expect((await call('GET', r.list(t.slug))).body.data.map((x: { id: string }) => x.id)).not.toContain(id);
    expect((await call('PATCH', r.one(t.slug, id), { body: r.patch, ifMatch: '"3"' })).status).toBe(404);
    // Soft: the row keeps its deletion time (OParl's deleted objects).
    const kept = await asTenant(t.id, async () => (await owner.query(`SELECT deleted_at FROM ${table} WHERE id = $1`, [id])).rows[0]);
    expect(kept.deleted_at).toBeInstanceOf(Date);
  });

  it('are read by members, not changed by them; anonymous callers and other authorities’ clerks get nothing', async () => {
    const id = (await call('POST', r.list(t.slug), { body: await r.create(t) })).body.id as string;
    expect((await call('GET', r.one(t.slug, id), { as: [t, 'member'] })).status).toBe(200);
    expect((await call('GET', r.list(t.slug), { as: [t, 'member'] })).status).toBe(200);
    expect((await call('POST', r.list(t.slug), { as: [t, 'member'], body: await r.create(t) })).status).toBe(403);
    expect((await call('PATCH', r.one(t.slug, id), { as: [t, 'member'], body: r.patch, ifMatch: '"1"' })).status).toBe(403);
    expect((await call('DELETE', r.one(t.slug, id), { as: [t, 'member'], ifMatch: '"1"' })).status).toBe(403);
    expect((await call('GET', r.one(t.slug, id), { as: null })).status).toBe(401);
    expect((await call('POST', r.list(t.slug), { as: null, body: await r.create(t) })).status).toBe(401);
    expect((await call('GET', r.one(t.slug, id), { as: [other, 'clerk'] })).status).toBe(403);
    expect((await call('PATCH', r.one(t.slug, id), { as: [other, 'clerk'], body: r.patch, ifMatch: '"1"' })).status).toBe(403);
    // Through their own authority's path, the id does not exist.
    for (const [method, extra] of [['GET', {}], ['PATCH', { body: r.patch, ifMatch: '"1"' }], ['DELETE', { ifMatch: '"1"' }]] as const) {
      const a = await call(method, r.one(other.slug, id), { as: [other, 'clerk'], ...extra });
      expect(a.status).toBe(404);
      expect(a.body.type).toBe(ProblemType.notFound);
    }
    // Tenant admins write too.
    expect((await call('PATCH', r.one(t.slug, id), { as: [t, 'admin'], body: r.patch, ifMatch: '"1"' })).status).toBe(200);
    // Nothing was changed by the refused calls.
    expect((await call('GET', r.one(t.slug, id))).body.version).toBe(2);
  });

  it('refuse a stale If-Match with 412 and the current state, a missing one with 428', async () => {
    const c = await call('POST', r.list(t.slug), { body: await r.create(t) });
    const id = c.body.id as string;
    expect((await call('PATCH', r.one(t.slug, id), { body: r.patch, ifMatch: '"1"' })).status).toBe(200);
    const stale = await call('PATCH', r.one(t.slug, id), { body: r.patch, ifMatch: '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.contentType).toContain('application/problem+json');
    expect(stale.body.type).toBe(ProblemType.staleVersion);
    expect(stale.body.current).toMatchObject({ id, version: 2, ...r.patch });
    const staleDelete = await call('DELETE', r.one(t.slug, id), { ifMatch: '"1"' });
    expect(staleDelete.status).toBe(412);
    expect((await call('PATCH', r.one(t.slug, id), { body: r.patch })).status).toBe(428);
    expect((await call('DELETE', r.one(t.slug, id))).status).toBe(428);
    const malformed = await call('PATCH', r.one(t.slug, id), { body: r.patch, ifMatch: 'version two' });
    expect(malformed.status).toBe(400);
    expect(errorNames(malformed)).toEqual(['If-Match']);
    expect((await call('GET', r.one(t.slug, id))).body.version).toBe(2);
  });

  it('let exactly one of two concurrent saves of the same version win', async () => {
    const id = (await call('POST', r.list(t.slug), { body: await r.create(t) })).body.id as string;
    const answers = await Promise.all([call('PATCH', r.one(t.slug, id), { body: r.patch, ifMatch: '"1"' }), call('PATCH', r.one(t.slug, id), { body: r.patch, ifMatch: '"1"' })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
    const audit = await asTenant(t.id, async () => (await owner.query(`SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action LIKE '%.updated'`, [id])).rows[0]);
    expect(audit.n).toBe(1);
  });

  it('refuse bad input with a 400 naming the field, and write nothing', async () => {
    const body = await r.create(t);
    const before = await asTenant(t.id, async () => (await owner.query(`SELECT count(*)::int AS n FROM audit_events`)).rows[0].n as number);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...body, colour: 'blau' }, 'colour'],
      [{ ...body, [r.textField]: 'A\u0000B' }, r.textField],
      [{ ...body, [r.textField]: 'x'.repeat(10_000) }, r.textField],
      [{ ...body, [r.textField]: 42 }, r.textField],
      ...(r.dateField ? ([[{ ...body, [r.dateField]: '0000-01-01' }, r.dateField], [{ ...body, [r.dateField]: '2026-02-30' }, r.dateField]] as [Record<string, unknown>, string][]) : []),
    ];
    for (const [bad, field] of cases) {
      const a = await call('POST', r.list(t.slug), { body: bad });
      expect({ field, status: a.status, type: a.body.type }).toEqual({ field, status: 400, type: ProblemType.validation });
      expect(errorNames(a)).toContain(field);
    }
    const huge = await call('POST', r.list(t.slug), { rawBody: JSON.stringify({ ...body, [r.textField]: 'x'.repeat(2 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
    expect(huge.contentType).toContain('application/problem+json');
    const notJson = await call('POST', r.list(t.slug), { rawBody: '{"name": ' });
    expect(notJson.status).toBe(400);
    const badId = await call('GET', r.one(t.slug, 'not-a-uuid'));
    expect(badId.status).toBe(400);
    expect(errorNames(badId)).toEqual(['id']);
    const after = await asTenant(t.id, async () => (await owner.query(`SELECT count(*)::int AS n FROM audit_events`)).rows[0].n as number);
    expect(after).toBe(before);
  });
});

describe('structure rules', () => {
  const org = (f: Fixture, body: Record<string, unknown>) => call('POST', StructureRoutes.organizations(f.slug), { as: [f, 'clerk'], body });
  const person = (f: Fixture, givenName: string, familyName: string) => created(f, StructureRoutes.persons(f.slug), { givenName, familyName });

  it('builds a council from nothing: organizations with parent and location, persons, members for factions and deputies', async () => {
    const location = await created(t, StructureRoutes.locations(t.slug), { description: 'Sitzungssaal' });
    const council = (await org(t, { name: 'Rat der Gemeinde', organizationType: 'council', locationId: location })).body;
    expect(council.location).toEqual({ id: location, description: 'Sitzungssaal' });
    const committee = (await org(t, { name: 'Hauptausschuss', organizationType: 'committee', parentId: council.id })).body;
    expect(committee.parent).toEqual({ id: council.id, name: 'Rat der Gemeinde', shortName: null });
    const faction = (await org(t, { name: 'Fraktion Bürger für Neudorf', shortName: 'BfN', organizationType: 'faction' })).body;
    const anna = await person(t, 'Anna', 'Arndt');
    const bernd = await person(t, 'Bernd', 'Berger');

    const member = await call('POST', StructureRoutes.memberships(t.slug), { body: { personId: anna, organizationId: committee.id, role: 'Mitglied', onBehalfOfId: faction.id } });
    expect(member.status).toBe(201);
    expect(member.body).toMatchObject({ person: { id: anna, name: 'Anna Arndt' }, organization: { id: committee.id }, onBehalfOf: { id: faction.id, shortName: 'BfN' }, votingRight: true, deputyFor: null });
    const deputy = await call('POST', StructureRoutes.memberships(t.slug), { body: { personId: bernd, organizationId: committee.id, role: 'stellv. Mitglied', deputyForId: anna, votingRight: false } });
    expect(deputy.status).toBe(201);
    expect(deputy.body.deputyFor).toEqual({ id: anna, name: 'Anna Arndt' });

    const listed = await call('GET', `${StructureRoutes.memberships(t.slug)}?organizationId=${committee.id}`);
    expect(listed.body.data.map((m: { person: { id: string } }) => m.person.id)).toEqual([anna, bernd]);
    const byPerson = await call('GET', `${StructureRoutes.memberships(t.slug)}?personId=${bernd}`);
    expect(byPerson.body.data).toHaveLength(1);
    expect((await call('GET', StructureRoutes.organization(t.slug, committee.id))).body.currentMemberCount).toBe(2);
    expect((await call('GET', StructureRoutes.person(t.slug, anna))).body.currentMemberships).toEqual([{ id: member.body.id, organization: { id: committee.id, name: 'Hauptausschuss', shortName: null }, role: 'Mitglied' }]);
    const badFilter = await call('GET', `${StructureRoutes.memberships(t.slug)}?organisation=${committee.id}`);
    expect(badFilter.status).toBe(400);
    expect(errorNames(badFilter)).toEqual(['organisation']);

    // The portal shows what the clerk built.
    const portal = await call('GET', `/api/portal/${t.slug}/persons`, { as: null });
    expect(portal.body.data.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['Anna Arndt', 'Bernd Berger']));
  });

  it('refuses a parent that would make a cycle, and unknown or foreign references, naming the field', async () => {
    const a = (await org(t, { name: 'Ausschuss A', organizationType: 'committee' })).body;
    const b = (await org(t, { name: 'Unterausschuss B', organizationType: 'committee', parentId: a.id })).body;
    const c = (await org(t, { name: 'Arbeitsgruppe C', organizationType: 'other', parentId: b.id })).body;
    const cycle = await call('PATCH', StructureRoutes.organization(t.slug, a.id), { body: { parentId: c.id }, ifMatch: '"1"' });
    expect(cycle.status).toBe(400);
    expect(errorNames(cycle)).toEqual(['parentId']);
    const self = await call('PATCH', StructureRoutes.organization(t.slug, a.id), { body: { parentId: a.id }, ifMatch: '"1"' });
    expect(errorNames(self)).toEqual(['parentId']);

    const foreign = (await org(other, { name: 'Fremder Rat', organizationType: 'council' })).body;
    const foreignPerson = await person(other, 'Fritz', 'Fremd');
    for (const [body, field] of [
      [{ name: 'X', organizationType: 'committee', parentId: foreign.id }, 'parentId'],
      [{ name: 'X', organizationType: 'committee', parentId: randomUUID() }, 'parentId'],
      [{ name: 'X', organizationType: 'committee', locationId: randomUUID() }, 'locationId'],
      [{ name: 'X', organizationType: 'committee', parentId: 'Rat' }, 'parentId'],
      [{ name: 'X', organizationType: 'parliament' }, 'organizationType'],
      [{ name: 'X', organizationType: 'committee', website: 'javascript:alert(1)' }, 'website'],
      [{ name: 'X', organizationType: 'committee', startDate: '2026-01-01', endDate: '2025-12-31' }, 'endDate'],
    ] as const) {
      const r = await org(t, body);
      expect({ field, status: r.status }).toEqual({ field, status: 400 });
      expect(errorNames(r)).toEqual([field]);
    }
    // An end date before the stored start date, sent alone.
    const dated = (await org(t, { name: 'Befristet', organizationType: 'other', startDate: '2026-01-01' })).body;
    const early = await call('PATCH', StructureRoutes.organization(t.slug, dated.id), { body: { endDate: '2025-01-01' }, ifMatch: '"1"' });
    expect(errorNames(early)).toEqual(['endDate']);

    const anna = await person(t, 'Anna', 'Andere');
    const committee = (await org(t, { name: 'Kulturausschuss', organizationType: 'committee' })).body;
    for (const [body, field] of [
      [{ personId: foreignPerson, organizationId: committee.id }, 'personId'],
      [{ personId: anna, organizationId: foreign.id }, 'organizationId'],
      [{ personId: anna, organizationId: committee.id, onBehalfOfId: committee.id }, 'onBehalfOfId'],
      [{ personId: anna, organizationId: committee.id, onBehalfOfId: randomUUID() }, 'onBehalfOfId'],
      [{ personId: anna, organizationId: committee.id, deputyForId: anna }, 'deputyForId'],
      [{ personId: anna, organizationId: committee.id, deputyForId: foreignPerson }, 'deputyForId'],
      [{ personId: anna, organizationId: committee.id, votingRight: 'ja' }, 'votingRight'],
    ] as const) {
      const r = await call('POST', StructureRoutes.memberships(t.slug), { body });
      expect({ field, status: r.status }).toEqual({ field, status: 400 });
      expect(errorNames(r)).toEqual([field]);
    }
    // deputyFor must sit in the same organization.
    const notMember = await person(t, 'Nils', 'Nichtmitglied');
    const r = await call('POST', StructureRoutes.memberships(t.slug), { body: { personId: anna, organizationId: committee.id, deputyForId: notMember } });
    expect(errorNames(r)).toEqual(['deputyForId']);
    // A membership's person and organization are fixed.
    const m = (await call('POST', StructureRoutes.memberships(t.slug), { body: { personId: anna, organizationId: committee.id } })).body;
    const move = await call('PATCH', StructureRoutes.membership(t.slug, m.id), { body: { organizationId: a.id }, ifMatch: '"1"' });
    expect(errorNames(move)).toEqual(['organizationId']);
  });

  it('deletes an organization only when no living meeting, sub-organization or faction seat depends on it', async () => {
    const council = (await org(t, { name: 'Rat mit Sitzung', organizationType: 'council' })).body;
    const meetingId = await asTenant(t.id, async () => (await owner.query<{ id: string }>(`INSERT INTO meetings (tenant_id, organization_id, name, start) VALUES ($1, $2, 'Sitzung', now()) RETURNING id`, [t.id, council.id])).rows[0]!.id);
    const refused = await call('DELETE', StructureRoutes.organization(t.slug, council.id), { ifMatch: '"1"' });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe(ProblemType.conflict);
    expect(refused.body.detail).toMatch(/1 meeting/);
    await asTenant(t.id, () => owner.query(`UPDATE meetings SET deleted_at = now() WHERE id = $1`, [meetingId]));

    const sub = (await org(t, { name: 'Unterausschuss', organizationType: 'committee', parentId: council.id })).body;
    expect((await call('DELETE', StructureRoutes.organization(t.slug, council.id), { ifMatch: '"1"' })).body.detail).toMatch(/sub-organization/);
    expect((await call('DELETE', StructureRoutes.organization(t.slug, sub.id), { ifMatch: '"1"' })).status).toBe(204);

    const faction = (await org(t, { name: 'Fraktion X', organizationType: 'faction' })).body;
    const p = await person(t, 'Petra', 'Partei');
    const seat = (await call('POST', StructureRoutes.memberships(t.slug), { body: { personId: p, organizationId: council.id, onBehalfOfId: faction.id } })).body;
    expect((await call('DELETE', StructureRoutes.organization(t.slug, faction.id), { ifMatch: '"1"' })).status).toBe(409);

    // The council goes, and its memberships with it.
    expect((await call('DELETE', StructureRoutes.organization(t.slug, council.id), { ifMatch: '"1"' })).status).toBe(204);
    expect((await call('GET', StructureRoutes.membership(t.slug, seat.id))).status).toBe(404);
    expect((await call('DELETE', StructureRoutes.organization(t.slug, faction.id), { ifMatch: '"1"' })).status).toBe(204);
  });

  it('deletes a person softly with their memberships, but not one linked to a user account', async () => {
    const committee = (await org(t, { name: 'Sozialausschuss', organizationType: 'committee' })).body;
    const p = await person(t, 'Gerda', 'Gehtweg');
    const m = (await call('POST', StructureRoutes.memberships(t.slug), { body: { personId: p, organizationId: committee.id } })).body;
    expect((await call('DELETE', StructureRoutes.person(t.slug, p), { ifMatch: '"1"' })).status).toBe(204);
    expect((await call('GET', StructureRoutes.membership(t.slug, m.id))).status).toBe(404);
    expect((await call('GET', StructureRoutes.organization(t.slug, committee.id))).body.currentMemberCount).toBe(0);

    const linked = await person(t, 'Lena', 'Linked');
    await asTenant(t.id, () => owner.query(`UPDATE user_accounts SET person_id = $1 WHERE subject = $2`, [linked, t.subs.member]));
    const refused = await call('DELETE', StructureRoutes.person(t.slug, linked), { ifMatch: '"1"' });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/user account/);
    await asTenant(t.id, () => owner.query(`UPDATE user_accounts SET person_id = NULL WHERE subject = $1`, [t.subs.member]));
  });
});

import type { INestApplication } from '@nestjs/common';
import { connect, fixtureAgs, startTestIssuer, testEnv, type TestIssuer } from '@ratsinfo/api-testing';
import { ApiRoutes, type AuditEventDto, ProblemType } from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { startHttpApp } from '../testing/http-app';

/**
 * The member visibility rule over HTTP: which non-public agenda items a council member reads
 * depends on the authority's setting — only their own bodies plus the council (default), or all
 * bodies. Clerks read everything; other authorities nothing.
 */
let app: INestApplication;
let base: string;
let owner: Client;
let issuer: TestIssuer;

interface Fixture {
  id: string;
  slug: string;
  subs: Record<'admin' | 'clerk' | 'member' | 'unlinked', string>;
  meetings: Record<'council' | 'ownCommittee' | 'otherCommittee' | 'formerCommittee', string>;
}
let t: Fixture;
let other: Fixture;

async function createFixture(label: string): Promise<Fixture> {
  const id = randomUUID();
  const slug = `vis-${label}-${id.slice(0, 6)}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias) VALUES ($1, $2, $3, 'town', $4, $2)`, [id, slug, `Sichtstadt ${label}`, fixtureAgs()]);
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
  const one = async (sql: string, params: unknown[]) => (await owner.query<{ id: string }>(sql, params)).rows[0]!.id;
  const org = (name: string, type: string) => one(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, $2, $3) RETURNING id`, [id, name, type]);
  const council = await org('Stadtrat', 'council');
  const own = await org('Bauausschuss', 'committee');
  const otherCommittee = await org('Finanzausschuss', 'committee');
  const former = await org('Sozialausschuss', 'committee');
  const person = await one(`INSERT INTO persons (tenant_id, family_name, given_name) VALUES ($1, 'Mitglied', 'Maria') RETURNING id`, [id]);
  await owner.query(`INSERT INTO memberships (tenant_id, person_id, organization_id, role) VALUES ($1, $2, $3, 'Mitglied')`, [id, person, own]);
  await owner.query(`INSERT INTO memberships (tenant_id, person_id, organization_id, role, end_date) VALUES ($1, $2, $3, 'Mitglied', '2020-12-31')`, [id, person, former]);
  const meeting = async (organization: string) => {
    const m = await one(`INSERT INTO meetings (tenant_id, organization_id, name, start) VALUES ($1, $2, 'Sitzung', now()) RETURNING id`, [id, organization]);
    await owner.query(`INSERT INTO agenda_items (tenant_id, meeting_id, "order", name, public) VALUES ($1, $2, 1, 'Öffentlich', true), ($1, $2, 2, 'Vertraulich', false)`, [id, m]);
    return m;
  };
  const meetings = { council: await meeting(council), ownCommittee: await meeting(own), otherCommittee: await meeting(otherCommittee), formerCommittee: await meeting(former) };
  const subs = { admin: randomUUID(), clerk: randomUUID(), member: randomUUID(), unlinked: randomUUID() };
  for (const [who, role, personId] of [['admin', 'tenant-admin', null], ['clerk', 'clerk', null], ['member', 'member', person], ['unlinked', 'member', null]] as const) {
    await owner.query(
      `INSERT INTO user_accounts (tenant_id, issuer, subject, email, display_name, roles, person_id) VALUES ($1, $2, $3, $4, $5, $6::tenant_role[], $7)`,
      [id, issuer.issuer(), subs[who], `${who}@${slug}.example`, who, `{${role}}`, personId],
    );
  }
  await owner.query('COMMIT');
  return { id, slug, subs, meetings };
}

const token = (f: Fixture, who: keyof Fixture['subs']) => issuer.token({ sub: f.subs[who], organization: [f.slug], name: who });

async function call(method: string, path: string, bearer: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function nonPublicSeen(f: Fixture, who: keyof Fixture['subs']) {
  const seen: Record<string, number> = {};
  for (const [name, id] of Object.entries(f.meetings)) {
    const r = await call('GET', ApiRoutes.officeMeeting(f.slug, id), await token(f, who));
    expect(r.status).toBe(200);
    seen[name] = (r.body.agendaItems as { public: boolean }[]).filter((a) => !a.public).length;
    expect(r.body.withheldNonPublicItems + seen[name]).toBe(1);
  }
  return seen;
}

beforeAll(async () => {
  const env = testEnv();
  issuer = await startTestIssuer(['ratsinfo']);
  owner = await connect(env.ownerUrl);
  t = await createFixture('a');
  other = await createFixture('b');
  ({ app, base } = await startHttpApp({ AUTH_URL: issuer.url, AUTH_REALM: 'ratsinfo' }));
});

afterAll(async () => {
  await app.close();
  for (const f of [t, other]) await owner.query('DELETE FROM tenants WHERE id = $1', [f.id]);
  await owner.end();
  await issuer.stop();
});

describe('member visibility of non-public agenda items', () => {
  it('by default shows a member only their current bodies and the council', async () => {
    expect(await nonPublicSeen(t, 'member')).toEqual({ council: 1, ownCommittee: 1, otherCommittee: 0, formerCommittee: 0 });
  });

  it('shows a member account without a Person only the council', async () => {
    expect(await nonPublicSeen(t, 'unlinked')).toEqual({ council: 1, ownCommittee: 0, otherCommittee: 0, formerCommittee: 0 });
  });

  it('shows clerks and tenant admins everything', async () => {
    expect(await nonPublicSeen(t, 'clerk')).toEqual({ council: 1, ownCommittee: 1, otherCommittee: 1, formerCommittee: 1 });
    expect(await nonPublicSeen(t, 'admin')).toEqual({ council: 1, ownCommittee: 1, otherCommittee: 1, formerCommittee: 1 });
  });

  it('follows the authority’s setting, which only its tenant admins change (audited)', async () => {
    expect((await call('GET', ApiRoutes.officeSettings(t.slug), await token(t, 'clerk'))).body).toMatchObject({ memberVisibility: 'own-bodies' });
    const byClerk = await call('PUT', ApiRoutes.officeSettings(t.slug), await token(t, 'clerk'), { memberVisibility: 'all-bodies' });
    expect(byClerk.status).toBe(403);
    const byMember = await call('PUT', ApiRoutes.officeSettings(t.slug), await token(t, 'member'), { memberVisibility: 'all-bodies' });
    expect(byMember.status).toBe(403);
    const byOtherAdmin = await call('PUT', ApiRoutes.officeSettings(t.slug), await token(other, 'admin'), { memberVisibility: 'all-bodies' });
    expect(byOtherAdmin.status).toBe(403);
    const invalid = await call('PUT', ApiRoutes.officeSettings(t.slug), await token(t, 'admin'), { memberVisibility: 'everyone' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.type).toBe(ProblemType.validation);
    expect(invalid.body.errors.map((e: { name: string }) => e.name)).toEqual(['memberVisibility']);

    const changed = await call('PUT', ApiRoutes.officeSettings(t.slug), await token(t, 'admin'), { memberVisibility: 'all-bodies' });
    expect(changed).toMatchObject({ status: 200, body: { memberVisibility: 'all-bodies' } });
    expect(await nonPublicSeen(t, 'member')).toEqual({ council: 1, ownCommittee: 1, otherCommittee: 1, formerCommittee: 1 });
    // The other authority keeps its own default.
    expect(await nonPublicSeen(other, 'member')).toEqual({ council: 1, ownCommittee: 1, otherCommittee: 0, formerCommittee: 0 });

    const audit = await call('GET', ApiRoutes.officeAudit(t.slug), await token(t, 'admin'));
    const entry = (audit.body.data as AuditEventDto[]).find((e) => e.action === 'settings.member-visibility-changed');
    expect(entry?.changes).toEqual({ before: 'own-bodies', after: 'all-bodies' });

    await call('PUT', ApiRoutes.officeSettings(t.slug), await token(t, 'admin'), { memberVisibility: 'own-bodies' });
    expect(await nonPublicSeen(t, 'member')).toEqual({ council: 1, ownCommittee: 1, otherCommittee: 0, formerCommittee: 0 });
  });

  it('never shows another authority’s meeting, not even its public items', async () => {
    const r = await call('GET', ApiRoutes.officeMeeting(t.slug, other.meetings.council), await token(t, 'admin'));
    expect(r.status).toBe(404);
  });
});

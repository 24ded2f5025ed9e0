import type { INestApplication } from '@nestjs/common';
import { connect, fixtureAgs, startTestIssuer, testEnv, type TestIssuer } from '@ratsinfo/api-testing';
import { ApiRoutes, type AuditEventDto } from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { startHttpApp } from '../testing/http-app';

/**
 * The Body license of an authority's open data (OParl `license`, tenants.oparl_license) in the
 * authority settings: tenant admins set and clear it (audited, the public-data version moves),
 * clerks read it, nobody else changes it, and anything but a plain http(s) URL is a 400 naming
 * the field.
 */
jest.setTimeout(180_000);

let app: INestApplication;
let base: string;
let owner: Client;
let admin: Client;
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
  const slug = `lic-${label}-${id.slice(0, 6)}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias) VALUES ($1, $2, $3, 'town', $4, $2)`, [id, slug, `Lizenzstadt ${label}`, fixtureAgs()]);
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
  const subs = { admin: randomUUID(), clerk: randomUUID(), member: randomUUID() };
  for (const [who, role] of [['admin', 'tenant-admin'], ['clerk', 'clerk'], ['member', 'member']] as const) {
    await owner.query(`INSERT INTO user_accounts (tenant_id, issuer, subject, email, display_name, roles) VALUES ($1, $2, $3, $4, $5, $6::tenant_role[])`, [
      id, issuer.issuer(), subs[who], `${who}@${slug}.example`, who, `{${role}}`,
    ]);
  }
  await owner.query('COMMIT');
  return { id, slug, subs };
}

const token = (f: Fixture, who: Who) => issuer.token({ sub: f.subs[who], organization: [f.slug], name: `${who} of ${f.slug}` });
const operatorToken = () => issuer.token({ sub: 'operator-1', realm_access: { roles: ['operator'] }, name: 'Olaf Betreiber' });

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test answers are read loosely; DTO types are asserted field by field
  body: any;
  contentType: string | null;
}

async function call(method: string, path: string, who: [Fixture, Who] | string | null, body?: unknown): Promise<Answer> {
  const bearer = who === null ? null : typeof who === 'string' ? who : await token(...who);
  const res = await fetch(base + path, {
    method,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, contentType: res.headers.get('content-type') };
}

const fieldsOf = (r: Answer) => (r.body?.errors as { name: string }[] | undefined)?.map((e) => e.name) ?? [];
const tenantRow = async (id: string) =>
  (await admin.query<{ oparl_license: string | null; v: string }>('SELECT oparl_license, public_data_version::text AS v FROM tenants WHERE id = $1', [id])).rows[0]!;

beforeAll(async () => {
  const env = testEnv();
  issuer = await startTestIssuer(['ratsinfo']);
  owner = await connect(env.ownerUrl);
  admin = await connect(env.adminUrl);
  t = await createFixture('a');
  other = await createFixture('b');
  ({ app, base } = await startHttpApp({ AUTH_URL: issuer.url, AUTH_REALM: 'ratsinfo' }));
});

afterAll(async () => {
  await app.close();
  for (const f of [t, other]) await owner.query('DELETE FROM tenants WHERE id = $1', [f.id]);
  await owner.end();
  await admin.end();
});

const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';

describe('the open-data license in the authority settings', () => {
  it('is set and cleared by the tenant admin only (audited, public-data version moves); clerks read it; others get nothing', async () => {
    expect((await call('GET', ApiRoutes.officeSettings(t.slug), [t, 'clerk'])).body).toMatchObject({ oparlLicense: null });
    for (const who of [[t, 'clerk'], [t, 'member'], [other, 'admin']] as const) {
      expect((await call('PUT', ApiRoutes.officeSettings(t.slug), [...who], { oparlLicense: CC_BY })).status).toBe(403);
    }
    expect((await call('PUT', ApiRoutes.officeSettings(t.slug), await operatorToken(), { oparlLicense: CC_BY })).status).toBe(403);
    expect((await call('PUT', ApiRoutes.officeSettings(t.slug), null, { oparlLicense: CC_BY })).status).toBe(401);
    expect((await call('GET', ApiRoutes.officeSettings(t.slug), [other, 'admin'])).status).toBe(403);
    expect(await tenantRow(t.id)).toMatchObject({ oparl_license: null });

    const before = await tenantRow(t.id);
    const set = await call('PUT', ApiRoutes.officeSettings(t.slug), [t, 'admin'], { oparlLicense: CC_BY });
    expect([set.status, set.body.oparlLicense, set.body.noticePeriodDays]).toEqual([200, CC_BY, 7]);
    const after = await tenantRow(t.id);
    expect(after.oparl_license).toBe(CC_BY);
    expect(BigInt(after.v)).toBeGreaterThan(BigInt(before.v));
    expect((await call('GET', ApiRoutes.officeSettings(t.slug), [t, 'clerk'])).body.oparlLicense).toBe(CC_BY);
    expect((await tenantRow(other.id)).oparl_license).toBeNull();

    // The same value again (a double submit) changes and audits nothing.
    expect((await call('PUT', ApiRoutes.officeSettings(t.slug), [t, 'admin'], { oparlLicense: CC_BY })).status).toBe(200);
    expect((await tenantRow(t.id)).v).toBe(after.v);

    const cleared = await call('PUT', ApiRoutes.officeSettings(t.slug), [t, 'admin'], { oparlLicense: null });
    expect([cleared.status, cleared.body.oparlLicense]).toEqual([200, null]);

    const audit = await call('GET', ApiRoutes.officeAudit(t.slug), [t, 'admin']);
    const entries = (audit.body.data as AuditEventDto[]).filter((e) => e.action === 'settings.oparl-license-changed');
    expect(entries.map((e) => e.changes)).toEqual([
      { before: { oparlLicense: CC_BY }, after: { oparlLicense: null } },
      { before: { oparlLicense: null }, after: { oparlLicense: CC_BY } },
    ]);
  });

  it('refuses anything but an http(s) URL of at most 500 characters, naming the field, and writes nothing', async () => {
    for (const bad of ['ftp://example.org/license', 'javascript:alert(1)', 'Creative Commons', 'https://example.org/a b', 'https://example.org/\u0000', `https://example.org/${'x'.repeat(500)}`, 42, '']) {
      const r = await call('PUT', ApiRoutes.officeSettings(t.slug), [t, 'admin'], { oparlLicense: bad });
      expect([String(bad).slice(0, 40), r.status, fieldsOf(r)[0], r.contentType]).toEqual([String(bad).slice(0, 40), 400, 'oparlLicense', expect.stringContaining('application/problem+json')]);
    }
    const huge = await call('PUT', ApiRoutes.officeSettings(t.slug), [t, 'admin'], { oparlLicense: `https://example.org/${'x'.repeat(2 * 1024 * 1024)}` });
    expect(huge.status).toBe(413);
    expect((await tenantRow(t.id)).oparl_license).toBeNull();
  });
});

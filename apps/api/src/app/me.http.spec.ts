import type { INestApplication } from '@nestjs/common';
import { connect, fixtureAgs, startTestIssuer, testEnv, type TestIssuer } from '@ratsinfo/api-testing';
import { ApiRoutes, ProblemType, type ListResponse, type MyAuthorityDto } from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { startHttpApp } from '../testing/http-app';

/**
 * `GET /api/me/authorities` over HTTP: the authority switcher's source. It lists only active
 * authorities the token belongs to AND where an account with roles exists (or an invitation to
 * the verified e-mail waits); it never reveals another tenant, even when the same person has an
 * account there.
 */
jest.setTimeout(60_000);

let app: INestApplication;
let base: string;
let owner: Client;
let issuer: TestIssuer;
const tenants: string[] = [];

async function createTenant(label: string, status: 'active' | 'suspended' = 'active'): Promise<{ id: string; slug: string; name: string }> {
  const id = randomUUID();
  const slug = `me-${label}-${id.slice(0, 6)}`;
  const name = `Teststadt ${label}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias, status) VALUES ($1, $2, $3, 'town', $5, $2, $4)`, [id, slug, name, status, fixtureAgs()]);
  tenants.push(id);
  return { id, slug, name };
}

async function addAccount(tenantId: string, account: { subject: string | null; email: string; roles: string[] }): Promise<void> {
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
  await owner.query(`INSERT INTO user_accounts (tenant_id, issuer, subject, email, display_name, roles) VALUES ($1, $2, $3, $4, 'Test', $5::tenant_role[])`, [
    tenantId,
    account.subject ? issuer.issuer() : null,
    account.subject,
    account.email,
    `{${account.roles.join(',')}}`,
  ]);
  await owner.query('COMMIT');
}

async function authorities(token?: string) {
  const res = await fetch(base + ApiRoutes.meAuthorities, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, cacheControl: res.headers.get('cache-control'), type: res.headers.get('content-type'), body: (await res.json()) as ListResponse<MyAuthorityDto> & { type?: string } };
}

beforeAll(async () => {
  const env = testEnv();
  issuer = await startTestIssuer(['ratsinfo']);
  owner = await connect(env.ownerUrl);
  ({ app, base } = await startHttpApp({ AUTH_URL: issuer.url, AUTH_REALM: 'ratsinfo' }));
});

afterAll(async () => {
  await app.close();
  for (const id of tenants) await owner.query('DELETE FROM tenants WHERE id = $1', [id]);
  await owner.end();
  await issuer.stop();
});

describe('GET /api/me/authorities', () => {
  it('answers 401 problem+json without a token or with a forged one, and is never cached', async () => {
    const none = await authorities();
    expect(none.status).toBe(401);
    expect(none.type).toContain('application/problem+json');
    expect(none.body.type).toBe(ProblemType.unauthorized);
    const forged = await authorities('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.');
    expect(forged.status).toBe(401);
    const ok = await authorities(await issuer.token({ sub: randomUUID(), organization: [] }));
    expect(ok.status).toBe(200);
    expect(ok.cacheControl).toBe('no-store');
    expect(ok.body.data).toEqual([]);
  });

  it('lists both authorities of a person in two, with the roles of each', async () => {
    const town = await createTenant('town');
    const county = await createTenant('county');
    const sub = randomUUID();
    await addAccount(town.id, { subject: sub, email: `both-${sub}@example.org`, roles: ['member'] });
    await addAccount(county.id, { subject: sub, email: `both-${sub}@example.org`, roles: ['member', 'clerk'] });
    const token = await issuer.token({ sub, organization: [town.slug, county.slug], email: `both-${sub}@example.org`, email_verified: true });
    const { status, body } = await authorities(token);
    expect(status).toBe(200);
    const mine = body.data.filter((t) => t.slug === town.slug || t.slug === county.slug);
    expect(mine.map((t) => [t.slug, t.name, [...t.roles].sort()])).toEqual(
      expect.arrayContaining([
        [town.slug, town.name, ['member']],
        [county.slug, county.name, ['clerk', 'member']],
      ]),
    );
    expect(body.data).toHaveLength(2);
  });

  it("never lists tenant B for a token of tenant A, even when the same person has an account in B", async () => {
    const a = await createTenant('a');
    const b = await createTenant('b');
    const sub = randomUUID();
    await addAccount(a.id, { subject: sub, email: `a-${sub}@example.org`, roles: ['clerk'] });
    await addAccount(b.id, { subject: sub, email: `a-${sub}@example.org`, roles: ['tenant-admin'] });
    const token = await issuer.token({ sub, organization: [a.slug], email: `a-${sub}@example.org`, email_verified: true });
    const { body } = await authorities(token);
    expect(body.data.map((t) => t.slug)).toEqual([a.slug]);
    expect(JSON.stringify(body)).not.toContain(b.slug);
  });

  it('leaves out an authority of the token without an account there, and a suspended one', async () => {
    const member = await createTenant('member');
    const noAccount = await createTenant('noaccount');
    const suspended = await createTenant('suspended', 'suspended');
    const sub = randomUUID();
    await addAccount(member.id, { subject: sub, email: `m-${sub}@example.org`, roles: ['member'] });
    await addAccount(suspended.id, { subject: sub, email: `m-${sub}@example.org`, roles: ['member'] });
    const token = await issuer.token({ sub, organization: [member.slug, noAccount.slug, suspended.slug] });
    const { body } = await authorities(token);
    expect(body.data.map((t) => t.slug)).toEqual([member.slug]);
  });

  it('counts a pending invitation to the verified e-mail (bound on the first visit), not to an unverified one', async () => {
    const t = await createTenant('invited');
    const sub = randomUUID();
    const email = `invited_${sub.slice(0, 8)}@example.org`;
    await addAccount(t.id, { subject: null, email, roles: ['member'] });
    const verified = await authorities(await issuer.token({ sub, organization: [t.slug], email, email_verified: true }));
    expect(verified.body.data.map((x) => [x.slug, x.roles])).toEqual([[t.slug, ['member']]]);
    const unverified = await authorities(await issuer.token({ sub, organization: [t.slug], email, email_verified: false }));
    expect(unverified.body.data).toEqual([]);
    // `_` is no wildcard: a look-alike address is not the invited one.
    const lookalike = await authorities(await issuer.token({ sub, organization: [t.slug], email: email.replace('_', 'x'), email_verified: true }));
    expect(lookalike.body.data).toEqual([]);
    // Listing binds nothing: the invitation still waits for its first sign-in.
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [t.id]);
    const { rows } = await owner.query<{ subject: string | null }>('SELECT subject FROM user_accounts WHERE tenant_id = $1', [t.id]);
    await owner.query('COMMIT');
    expect(rows).toEqual([{ subject: null }]);
  });
});

import type { INestApplication } from '@nestjs/common';
import { connect, fixtureAgs, startTestIssuer, testEnv, type TestIssuer } from '@ratsinfo/api-testing';
import { ApiRoutes, ProblemType, type TenantSessionDto, type UserAccountDto, type AuditEventDto, type ListResponse, type PagedResponse } from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { routeTable } from './route-table';
import { startHttpApp } from '../testing/http-app';

/**
 * Authentication and authorization over HTTP: the bad-token cases one by one, cross-tenant
 * attempts on every back-office route, roles, invitations, support access and the audit trail.
 * Tokens come from a real JWKS endpoint (TestIssuer), so the API verifies them as in production.
 */
let app: INestApplication;
let base: string;
let owner: Client;
let issuer: TestIssuer;

interface TestTenant {
  id: string;
  slug: string;
  accounts: Record<'admin' | 'clerk' | 'member', { id: string; sub: string }>;
}
let a: TestTenant;
let b: TestTenant;

async function createTenant(label: string): Promise<TestTenant> {
  const id = randomUUID();
  const slug = `auth-${label}-${id.slice(0, 6)}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias) VALUES ($1, $2, $3, 'town', $4, $2)`, [id, slug, `Teststadt ${label}`, fixtureAgs()]);
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
  const accounts = {} as TestTenant['accounts'];
  for (const role of ['admin', 'clerk', 'member'] as const) {
    const sub = randomUUID();
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO user_accounts (tenant_id, issuer, subject, email, display_name, roles) VALUES ($1, $2, $3, $4, $5, $6::tenant_role[]) RETURNING id`,
      [id, issuer.issuer(), sub, `${role}@${slug}.example`, `${role} ${label}`, `{${role === 'admin' ? 'tenant-admin' : role}}`],
    );
    accounts[role] = { id: rows[0]!.id, sub };
  }
  const { rows: org } = await owner.query<{ id: string }>(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, 'Stadtrat', 'council') RETURNING id`, [id]);
  const { rows: meeting } = await owner.query<{ id: string }>(`INSERT INTO meetings (tenant_id, organization_id, name, start) VALUES ($1, $2, 'Sitzung', now()) RETURNING id`, [id, org[0]!.id]);
  await owner.query(`INSERT INTO agenda_items (tenant_id, meeting_id, "order", name, public) VALUES ($1, $2, 1, 'Öffentlich', true), ($1, $2, 2, 'Grundstücksangelegenheit', false)`, [id, meeting[0]!.id]);
  await owner.query('COMMIT');
  meetings.set(slug, meeting[0]!.id);
  return { id, slug, accounts };
}
const meetings = new Map<string, string>();

const tokenFor = (t: TestTenant, role: keyof TestTenant['accounts'], extra: Record<string, unknown> = {}) =>
  issuer.token({ sub: t.accounts[role].sub, organization: [t.slug], name: `${role} of ${t.slug}`, email: `${role}@${t.slug}.example`, email_verified: true, ...extra });
const operatorToken = () => issuer.token({ sub: 'operator-1', realm_access: { roles: ['operator'] }, name: 'Olaf Betreiber' });

async function call(method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), body: text ? JSON.parse(text) : null, wwwAuthenticate: res.headers.get('www-authenticate') };
}

beforeAll(async () => {
  const env = testEnv();
  issuer = await startTestIssuer(['ratsinfo', 'other-realm']);
  owner = await connect(env.ownerUrl);
  a = await createTenant('a');
  b = await createTenant('b');
  ({ app, base } = await startHttpApp({ AUTH_URL: issuer.url, AUTH_REALM: 'ratsinfo' }));
});

afterAll(async () => {
  await app.close();
  for (const t of [a, b]) await owner.query('DELETE FROM tenants WHERE id = $1', [t.id]);
  await owner.end();
  await issuer.stop();
});

const routes = () => routeTable(app);

describe('every route', () => {
  it('states who may call it (no route without an access decision)', () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter((r) => !r.rule).map((r) => `${r.method} ${r.path} (${r.name})`)).toEqual([]);
  });

  it("gives a token of another tenant's organization no data on any back-office route", async () => {
    const office = routes().filter((r) => r.rule?.kind === 'tenant');
    expect(office.length).toBeGreaterThanOrEqual(6);
    const token = await tokenFor(b, 'admin');
    for (const r of office) {
      const path = r.path.replace(':tenant', a.slug).replace(/:[A-Za-z]+/g, meetings.get(a.slug)!);
      const res = await call(r.method, path, token, r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
      expect({ route: `${r.method} ${r.path}`, status: res.status, type: res.body?.type }).toEqual({ route: `${r.method} ${r.path}`, status: 403, type: ProblemType.forbidden });
    }
  });

  it('refuses every operator route to a tenant admin', async () => {
    const operator = routes().filter((r) => r.rule?.kind === 'operator');
    expect(operator.length).toBeGreaterThanOrEqual(8);
    const token = await tokenFor(a, 'admin');
    for (const r of operator) {
      const res = await call(r.method, r.path.replace(/:[A-Za-z]+/g, a.id), token, r.method === 'GET' ? undefined : {});
      expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 403 });
    }
  });
});

describe('bad tokens, one by one', () => {
  const path = () => ApiRoutes.officeSession(a.slug);
  const expect401 = async (token: string | undefined, header?: string) => {
    const res = header !== undefined ? await fetch(base + path(), { headers: { authorization: header } }).then(async (r) => ({ status: r.status, body: await r.json(), wwwAuthenticate: r.headers.get('www-authenticate') })) : await call('GET', path(), token);
    expect(res.status).toBe(401);
    expect(res.body.type).toBe(ProblemType.unauthorized);
    expect(res.wwwAuthenticate).toContain('Bearer');
    return res.body.detail as string;
  };

  it('accepts a valid token (the baseline the others deviate from)', async () => {
    const res = await call('GET', path(), await tokenFor(a, 'member'));
    expect(res.status).toBe(200);
    expect((res.body as TenantSessionDto).roles).toEqual(['member']);
  });

  it('rejects a missing token', async () => expect(await expect401(undefined)).toMatch(/Sign-in required/));
  it('rejects a non-Bearer Authorization header', async () => expect401(undefined, 'Basic dXNlcjpwYXNz'));
  it('rejects garbage', async () => expect401('not.a.jwt'));
  it('rejects an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await expect401(await tokenFor(a, 'member').then(() => issuer.token({ sub: a.accounts.member.sub, organization: [a.slug] }, { issuedAt: now - 3600, notBefore: now - 3600, expiresIn: 60 })))).toMatch(/expired/);
  });
  it('rejects a token that is not valid yet', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await expect401(await issuer.token({ sub: a.accounts.member.sub, organization: [a.slug] }, { notBefore: now + 600 }))).toMatch(/not valid yet/);
  });
  it('rejects a token of an untrusted issuer', async () => {
    expect(await expect401(await issuer.token({ sub: a.accounts.member.sub, organization: [a.slug], iss: 'https://evil.example/realms/ratsinfo' }))).toMatch(/trusted/);
    // same keys' server, but a realm that is neither the shared one nor any tenant's
    expect(await expect401(await issuer.token({ sub: a.accounts.member.sub, organization: [a.slug] }, { realm: 'other-realm' }))).toMatch(/trusted/);
  });
  it('rejects a token for another audience', async () => {
    expect(await expect401(await issuer.token({ sub: a.accounts.member.sub, organization: [a.slug], aud: 'some-other-api' }))).toMatch(/audience/);
  });
  it('rejects alg none', async () => {
    const claims = { iss: issuer.issuer(), aud: 'ratsinfo-api', sub: a.accounts.member.sub, organization: [a.slug], exp: Math.floor(Date.now() / 1000) + 300, iat: Math.floor(Date.now() / 1000), typ: 'Bearer' };
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    expect(await expect401(unsigned)).toMatch(/none/);
  });
  it('rejects a tampered signature', async () => {
    const [h, p, s] = (await tokenFor(a, 'member')).split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    claims.organization = [a.slug, b.slug];
    expect(await expect401(`${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`)).toMatch(/signature/);
  });
  it('rejects an HMAC token signed with a guessable secret', async () => {
    const h = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
    const p = Buffer.from(JSON.stringify({ iss: issuer.issuer(), aud: 'ratsinfo-api', sub: 'x', exp: 9999999999, iat: 1 })).toString('base64url');
    const { createHmac } = await import('node:crypto');
    expect(await expect401(`${h}.${p}.${createHmac('sha256', 'secret').update(`${h}.${p}`).digest('base64url')}`)).toMatch(/HS256/);
  });
  it('rejects an ID token used as an access token', async () => {
    expect(await expect401(await tokenFor(a, 'member', { typ: 'ID' }))).toMatch(/access tokens/);
  });
  it("forbids (403) a valid token of another tenant's organization", async () => {
    const res = await call('GET', path(), await tokenFor(b, 'admin'));
    expect(res.status).toBe(403);
    expect(res.body.type).toBe(ProblemType.forbidden);
  });
  it('forbids a token that names the organization but has no account there', async () => {
    const res = await call('GET', path(), await issuer.token({ sub: randomUUID(), organization: [a.slug] }));
    expect(res.status).toBe(403);
  });
});

describe('roles', () => {
  it('lets only tenant admins manage accounts', async () => {
    expect((await call('GET', ApiRoutes.officeUsers(a.slug), await tokenFor(a, 'member'))).status).toBe(403);
    expect((await call('GET', ApiRoutes.officeUsers(a.slug), await tokenFor(a, 'clerk'))).status).toBe(403);
    const res = await call('GET', ApiRoutes.officeUsers(a.slug), await tokenFor(a, 'admin'));
    expect(res.status).toBe(200);
    expect((res.body as ListResponse<UserAccountDto>).data.map((u) => u.roles[0]).sort()).toEqual(['clerk', 'member', 'tenant-admin']);
  });

  it('shows members the non-public agenda items that the portal never shows', async () => {
    const office = await call('GET', ApiRoutes.officeMeeting(a.slug, meetings.get(a.slug)!), await tokenFor(a, 'member'));
    expect(office.status).toBe(200);
    expect(office.body.agendaItems.map((i: { name: string; public: boolean }) => [i.name, i.public])).toEqual([
      ['Öffentlich', true],
      ['Grundstücksangelegenheit', false],
    ]);
    const portal = await call('GET', ApiRoutes.portalMeeting(a.slug, meetings.get(a.slug)!));
    expect(portal.body.agendaItems.map((i: { name: string }) => i.name)).toEqual(['Öffentlich']);
  });

  it("answers 404 for another tenant's meeting even to its own members' route", async () => {
    const res = await call('GET', ApiRoutes.officeMeeting(a.slug, meetings.get(b.slug)!), await tokenFor(a, 'member'));
    expect(res.status).toBe(404);
  });

  it('changes roles with an audit entry naming who, as which role, what', async () => {
    const admin = await tokenFor(a, 'admin');
    const res = await call('PUT', ApiRoutes.officeUserRoles(a.slug, a.accounts.clerk.id), admin, { roles: ['clerk', 'member'] });
    expect(res.status).toBe(200);
    expect(res.body.roles.sort()).toEqual(['clerk', 'member']);
    const audit = await call('GET', ApiRoutes.officeAudit(a.slug), admin);
    const entry = (audit.body as ListResponse<AuditEventDto>).data.find((e) => e.action === 'user-account.roles-changed' && e.entityId === a.accounts.clerk.id);
    expect(entry).toMatchObject({ actor: { subject: a.accounts.admin.sub }, actingRole: 'tenant-admin', changes: { before: ['clerk'], after: ['clerk', 'member'] } });
    const other = await call('GET', ApiRoutes.officeAudit(b.slug), await tokenFor(b, 'admin'));
    expect((other.body as ListResponse<AuditEventDto>).data.find((e) => e.entityId === a.accounts.clerk.id)).toBeUndefined();
  });

  it('keeps the last tenant admin', async () => {
    const res = await call('PUT', ApiRoutes.officeUserRoles(a.slug, a.accounts.admin.id), await tokenFor(a, 'admin'), { roles: ['member'] });
    expect(res.status).toBe(409);
  });

  it('names invalid roles', async () => {
    const res = await call('PUT', ApiRoutes.officeUserRoles(a.slug, a.accounts.clerk.id), await tokenFor(a, 'admin'), { roles: ['mayor'] });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].name).toBe('roles.0');
  });
});

describe('invitations', () => {
  it('binds an invited account at the first sign-in with a verified e-mail, and not with an unverified one', async () => {
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.id]);
    await owner.query(`INSERT INTO user_accounts (tenant_id, email, display_name, roles) VALUES ($1, 'neu@example.org', 'Neue Person', '{clerk}')`, [a.id]);
    await owner.query('COMMIT');
    const sub = randomUUID();
    const unverified = await call('GET', ApiRoutes.officeSession(a.slug), await issuer.token({ sub, organization: [a.slug], email: 'neu@example.org', email_verified: false }));
    expect(unverified.status).toBe(403);
    const verified = await call('GET', ApiRoutes.officeSession(a.slug), await issuer.token({ sub, organization: [a.slug], email: 'NEU@example.org', email_verified: true, name: 'Neue Person' }));
    expect(verified.status).toBe(200);
    expect(verified.body.roles).toEqual(['clerk']);
  });
});

describe('invitation takeover', () => {
  async function invite(email: string, roles = '{tenant-admin}') {
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.id]);
    await owner.query(`INSERT INTO user_accounts (tenant_id, email, display_name, roles) VALUES ($1, $2, 'Eingeladen', $3::tenant_role[])`, [a.id, email, roles]);
    await owner.query('COMMIT');
  }
  const signIn = async (email: string) =>
    call('GET', ApiRoutes.officeSession(a.slug), await issuer.token({ sub: randomUUID(), organization: [a.slug], email, email_verified: true, name: 'Angreifer' }));

  it('does not bind a pending admin invitation to a verified e-mail that only matches as a pattern', async () => {
    await invite('chef_in@example.org');
    expect((await signIn('chefXin@example.org')).status).toBe(403); // `_` is a character, not a wildcard
    await invite('100%admin@example.org');
    expect((await signIn('100-admin@example.org')).status).toBe(403);
    expect((await signIn('100%ADMIN@example.org')).status).toBe(200); // the invited address, in other case
  });

  it('does not bind an invitation to a different verified e-mail, nor twice', async () => {
    await invite('nur.diese@example.org');
    expect((await signIn('nur.diese@example.org.evil.test')).status).toBe(403);
    expect((await signIn('other@example.org')).status).toBe(403);
    expect((await signIn('nur.diese@example.org')).status).toBe(200);
    expect((await signIn('nur.diese@example.org')).status).toBe(403); // already bound to the first identity
  });
});

// Content exports (requests, roles, cross-tenant, audit): exports.http.spec.ts.

describe('support access for operators', () => {
  it('admits an operator only while a tenant admin has granted access, visibly and audited', async () => {
    const op = await operatorToken();
    expect((await call('GET', ApiRoutes.officeSession(a.slug), op)).status).toBe(403);
    const admin = await tokenFor(a, 'admin');
    const grant = await call('POST', ApiRoutes.officeSupportAccess(a.slug), admin, { hours: 2, reason: 'Fehler bei der Einladung prüfen' });
    expect(grant.status).toBe(201);
    expect(grant.body).toMatchObject({ active: true, reason: 'Fehler bei der Einladung prüfen' });
    const session = await call('GET', ApiRoutes.officeSession(a.slug), op);
    expect(session.status).toBe(200);
    expect(session.body.supportAccess).toMatchObject({ grantId: grant.body.id });
    // shown to everyone in the authority while it lasts
    expect((await call('GET', ApiRoutes.officeSession(a.slug), await tokenFor(a, 'member'))).body.supportAccess).toMatchObject({ grantId: grant.body.id });
    // still no tenant-admin powers, and nothing in the other tenant
    expect((await call('GET', ApiRoutes.officeUsers(a.slug), op)).status).toBe(403);
    expect((await call('GET', ApiRoutes.officeSession(b.slug), op)).status).toBe(403);
    expect((await call('DELETE', ApiRoutes.officeSupportAccessGrant(a.slug, grant.body.id), admin)).status).toBe(200);
    expect((await call('GET', ApiRoutes.officeSession(a.slug), op)).status).toBe(403);
    expect((await call('GET', ApiRoutes.officeSession(a.slug), await tokenFor(a, 'member'))).body.supportAccess).toBeNull();
    const audit = await call('GET', ApiRoutes.officeAudit(a.slug), admin);
    expect((audit.body as ListResponse<AuditEventDto>).data.map((e) => e.action)).toEqual(expect.arrayContaining(['support-access.granted', 'support-access.revoked']));
  });

  it('rejects grants longer than 72 hours, naming the field', async () => {
    const res = await call('POST', ApiRoutes.officeSupportAccess(a.slug), await tokenFor(a, 'admin'), { hours: 500, reason: 'zu lang' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].name).toBe('hours');
  });
});

describe('audit log paging (keyset cursor)', () => {
  it('neither skips nor repeats events that share a timestamp across a page boundary', async () => {
    const at = new Date(Date.now() + 60_000).toISOString(); // newest in the log, so they sit on the first pages
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.id]);
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO audit_events (tenant_id, occurred_at, action, entity_type) SELECT $1, $2, 'test.same-instant', 'test' FROM generate_series(1, 5) RETURNING id`,
      [a.id, at],
    );
    await owner.query('COMMIT');
    const inserted = rows.map((r) => r.id);
    const admin = await tokenFor(a, 'admin');
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Awaited<ReturnType<typeof call>> = await call('GET', `${ApiRoutes.officeAudit(a.slug)}?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, admin);
      expect(res.status).toBe(200);
      const page = res.body as PagedResponse<AuditEventDto>;
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((e) => e.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    // limit 2 puts page boundaries inside the five events of one instant
    expect(seen.filter((id) => inserted.includes(id)).sort()).toEqual([...inserted].sort());
    expect(new Set(seen).size).toBe(seen.length);
    const all = await call('GET', `${ApiRoutes.officeAudit(a.slug)}?limit=200`, admin);
    expect(seen).toEqual((all.body as PagedResponse<AuditEventDto>).data.map((e) => e.id));
    expect((all.body as PagedResponse<AuditEventDto>).nextCursor).toBeNull();
  });

  it('answers 400 naming `cursor` for a cursor it did not issue, on both audit logs', async () => {
    for (const [path, token] of [
      [ApiRoutes.officeAudit(a.slug), await tokenFor(a, 'admin')],
      [ApiRoutes.operatorAudit, await operatorToken()],
    ] as const) {
      for (const bad of ['nonsense', Buffer.from('["2026-01-01T00:00:00.000Z","not-a-uuid"]').toString('base64url'), '2026-01-01T00:00:00.000Z']) {
        const res = await call('GET', `${path}?cursor=${encodeURIComponent(bad)}`, token);
        expect(res.status).toBe(400);
        expect(res.type).toContain('application/problem+json');
        expect(res.body.errors.map((e: { name: string }) => e.name)).toEqual(['cursor']);
      }
    }
  });

  it('refuses the old `before` parameter rather than ignoring it', async () => {
    const res = await call('GET', `${ApiRoutes.officeAudit(a.slug)}?before=2026-01-01T00:00:00Z`, await tokenFor(a, 'admin'));
    expect(res.status).toBe(400);
  });
});

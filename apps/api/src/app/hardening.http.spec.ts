import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import { connect, createTenantWithRows, deleteTenant, fixtureAgs, startTestIssuer, testEnv, type TestIssuer } from '@ratsinfo/api-testing';
import { ApiRoutes } from '@ratsinfo/contracts';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'pg';
import { createApp } from './create-app';

/**
 * Security headers on every kind of response (API, errors, the served web app) and the cache
 * rules for private responses and tenant-status errors.
 */
jest.setTimeout(120_000);

const SILENT_CHECK_SSO_SCRIPT = '\n      parent.postMessage(location.href, location.origin);\n    ';
const sha256 = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

let owner: Client;
let issuer: TestIssuer;
let active: { id: string; slug: string };
const others: string[] = [];
let web: string;

async function start(env: Record<string, string>): Promise<{ app: INestApplication; base: string }> {
  const e = testEnv();
  const app = await createApp(loadConfig({ DATABASE_URL: e.databaseUrl, REDIS_URL: e.redisUrl, LOG_LEVEL: 'silent', NODE_ENV: 'test', AUTH_URL: issuer.url, AUTH_REALM: 'ratsinfo', ...env }));
  await app.listen(0, '127.0.0.1');
  return { app, base: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

async function tenantWithStatus(status: 'suspended' | 'provisioning'): Promise<string> {
  const id = randomUUID();
  const slug = `cache-${status.slice(0, 4)}-${id.slice(0, 6)}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, status) VALUES ($1, $2, 'Teststadt', 'town', $3, $4)`, [id, slug, fixtureAgs(), status]);
  others.push(id);
  return slug;
}

let app: INestApplication;
let base: string;

beforeAll(async () => {
  issuer = await startTestIssuer(['ratsinfo']);
  owner = await connect(testEnv().ownerUrl);
  active = await createTenantWithRows(owner, 'cache');
  web = mkdtempSync(join(tmpdir(), 'ratsinfo-web-'));
  // As Angular builds it: a critical-CSS loader in an event handler attribute, and the silent check-sso page.
  writeFileSync(join(web, 'index.html'), `<!doctype html><html lang="de"><title>Ratsinfo</title><link rel="stylesheet" href="styles.css" media="print" onload="this.media='all'"></html>`);
  writeFileSync(join(web, 'silent-check-sso.html'), `<!DOCTYPE html><html><body><script>${SILENT_CHECK_SSO_SCRIPT}</script></body></html>`);
  ({ app, base } = await start({ WEB_DIST_DIR: web }));
});

afterAll(async () => {
  await app?.close();
  await deleteTenant(owner, active.id);
  for (const id of others) await deleteTenant(owner, id);
  await owner.end();
  await issuer.stop();
  rmSync(web, { recursive: true, force: true });
});

function csp(res: Response): Map<string, string[]> {
  return new Map(
    (res.headers.get('content-security-policy') ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers', () => {
  it.each([
    ['a public API response', () => ApiRoutes.portalTenants],
    ['a problem response', () => ApiRoutes.portalTenant('gibt-es-nicht')],
    ['an unknown API path', () => '/api/does-not-exist'],
    ['the health check', () => '/health/live'],
    ['the web app', () => '/burg/sitzungen'],
  ])('are on %s', async (_, path) => {
    const res = await fetch(base + path());
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(csp(res).get('frame-ancestors')).toEqual(["'none'"]);
    expect(res.headers.get('x-powered-by')).toBeNull();
    // Only in production, where TLS ends in front of the API.
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('gives API responses a policy that loads nothing', async () => {
    expect(csp(await fetch(base + ApiRoutes.portalTenants)).get('default-src')).toEqual(["'none'"]);
  });

  it("gives the web app its own scripts, the critical-CSS loader's hash, Angular's styles and the identity provider", async () => {
    const policy = csp(await fetch(`${base}/`));
    expect(policy.get('default-src')).toEqual(["'self'"]);
    // The inline scripts of all the app's pages, by hash; nothing else inline.
    expect(policy.get('script-src')).toEqual(["'self'", sha256(SILENT_CHECK_SSO_SCRIPT), "'unsafe-hashes'", sha256("this.media='all'")]);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(policy.get('connect-src')).toEqual(["'self'", new URL(issuer.url).origin]);
    expect(policy.get('frame-src')).toEqual(["'self'", new URL(issuer.url).origin]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
  });

  it('lets only the app itself frame the silent check-sso page, and allows exactly its script', async () => {
    const res = await fetch(`${base}/silent-check-sso.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(csp(res).get('frame-ancestors')).toEqual(["'self'"]);
    expect(csp(res).get('script-src')).toContain(sha256(SILENT_CHECK_SSO_SCRIPT));
  });

  it('adds HSTS in production', async () => {
    const prod = await start({ NODE_ENV: 'production', AUTH_URL: 'https://login.ratsinfo.example', PUBLIC_BASE_URL: 'https://ratsinfo.example' });
    try {
      const res = await fetch(`${prod.base}/health/live`);
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      await prod.app.close();
    }
  });
});

describe('caching', () => {
  it('forbids storing back-office responses, also when the caller is refused', async () => {
    const token = await issuer.token({ sub: randomUUID(), organization: [active.slug] });
    for (const res of [await fetch(base + ApiRoutes.officeSession(active.slug), { headers: { authorization: `Bearer ${token}` } }), await fetch(base + ApiRoutes.officeUsers(active.slug))]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('forbids storing operator responses, successful ones included', async () => {
    const token = await issuer.token({ sub: 'operator-cache', realm_access: { roles: ['operator'] }, name: 'Olaf Betreiber' });
    const res = await fetch(base + ApiRoutes.operatorSession, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await fetch(base + ApiRoutes.operatorTenants)).headers.get('cache-control')).toBe('no-store');
  });

  it('forbids storing the 410 of a suspended authority, so that its reactivation shows at once', async () => {
    const slug = await tenantWithStatus('suspended');
    for (const path of [ApiRoutes.portalTenant(slug), ApiRoutes.portalMeetings(slug)]) {
      const res = await fetch(base + path);
      expect(res.status).toBe(410);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('forbids storing the 404 of an authority still being set up, or of an unknown one', async () => {
    const slug = await tenantWithStatus('provisioning');
    for (const path of [ApiRoutes.portalTenant(slug), ApiRoutes.portalMeetings(slug), ApiRoutes.portalTenant('gibt-es-nicht')]) {
      const res = await fetch(base + path);
      expect(res.status).toBe(404);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('leaves successful public reads cacheable', async () => {
    const res = await fetch(base + ApiRoutes.portalTenant(active.slug));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control') ?? '').not.toContain('no-store');
  });
});

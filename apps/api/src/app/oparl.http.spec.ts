import type { NestExpressApplication } from '@nestjs/platform-express';
import { asTenant, connect, createTenantWithRows, deleteTenant, testEnv } from '@ratsinfo/api-testing';
import { request as httpRequest } from 'node:http';
import type { Client } from 'pg';
import { startHttpApp } from '../testing/http-app';
import { oparlValidator } from '../testing/oparl-schemas';

/**
 * OParl 1.1 framework (docs/oparl.md): paging, windows, limits, errors, CORS, validators and
 * tombstones, in fresh fixture tenants with data made for each case.
 */
jest.setTimeout(180_000);

const PUBLIC_BASE = 'https://ratsinfo.example';

let app: NestExpressApplication;
let base: string;
let owner: Client;
let a: { id: string; slug: string; graph: Record<string, string> };
let b: { id: string; slug: string; graph: Record<string, string> };

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

// node:http rather than fetch: fetch marks conditional requests `Cache-Control: no-cache`.
function call(path: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const url = path.startsWith(PUBLIC_BASE) ? base + path.slice(PUBLIC_BASE.length) : base + path;
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers ?? {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        let json: unknown;
        try {
          json = body ? JSON.parse(body) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const oparl = (slug: string, rest = '') => `/oparl/v1.1/bodies/${slug}${rest}`;
const idOf = (slug: string, list: string, id: string) => `${PUBLIC_BASE}/oparl/v1.1/bodies/${slug}/${list}/${id}`;

/** Every page of a list from `start`, following `next`; the URLs must never repeat. */
async function crawl(start: string, between?: (page: number) => Promise<void>): Promise<{ pages: Answer[]; ids: string[] }> {
  const pages: Answer[] = [];
  const seen = new Set<string>();
  let url: string | undefined = start;
  while (url) {
    expect(seen.has(url)).toBe(false);
    seen.add(url);
    const page = await call(url);
    expect(page.status).toBe(200);
    pages.push(page);
    if (between) await between(pages.length);
    url = page.json.links.next;
    expect(pages.length).toBeLessThan(100);
  }
  return { pages, ids: pages.flatMap((p) => p.json.data.map((o: { id: string }) => o.id)) };
}

/** `d` written with the offset `+hh:mm` (the local time there), as a client in Berlin summer would. */
function withOffset(d: Date, hours: number): string {
  const local = new Date(d.getTime() + hours * 3_600_000).toISOString().slice(0, 23);
  const sign = hours >= 0 ? '+' : '-';
  return `${local}${sign}${String(Math.abs(hours)).padStart(2, '0')}:00`;
}

async function organizationIds(c: Client, tenantId: string): Promise<string[]> {
  return asTenant(c, tenantId, async () => (await c.query<{ id: string }>('SELECT id FROM organizations WHERE deleted_at IS NULL')).rows.map((r) => r.id));
}

beforeAll(async () => {
  const env = testEnv();
  [{ app, base }, owner] = await Promise.all([startHttpApp({ PUBLIC_BASE_URL: PUBLIC_BASE }), connect(env.ownerUrl)]);
  a = await createTenantWithRows(owner, 'oparl-a');
  b = await createTenantWithRows(owner, 'oparl-b');
  // 250 more organizations in A, all in one transaction (one updated_at: the keyset must break ties by id).
  await asTenant(
    owner,
    a.id,
    () => owner.query(`INSERT INTO organizations (tenant_id, name, organization_type) SELECT $1, 'Gremium ' || g, 'committee' FROM generate_series(1, 250) g`, [a.id]),
    true,
  );
});

afterAll(async () => {
  for (const t of [a, b]) if (t) await deleteTenant(owner, t.id);
  await owner?.end();
  await app?.close();
});

describe('paging', () => {
  it('pages a list of 251 by 100: three pages, links kept, no duplicates, no gaps, the chain ends', async () => {
    const { pages, ids } = await crawl(oparl(a.slug, '/organizations?limit=100'));
    expect(pages.map((p) => p.json.data.length)).toEqual([100, 100, 51]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual((await organizationIds(owner, a.id)).map((id) => idOf(a.slug, 'organizations', id)).sort());
    for (const p of pages) {
      expect(p.json.pagination).toEqual({ elementsPerPage: 100 });
      expect(p.json.links.first).toBe(`${PUBLIC_BASE}${oparl(a.slug, '/organizations?limit=100')}`);
    }
    expect(pages[2]!.json.links.next).toBeUndefined();
    expect(pages[0]!.json.links.self).toBe(`${PUBLIC_BASE}${oparl(a.slug, '/organizations?limit=100')}`);
    expect(pages[1]!.json.links.self).toBe(pages[0]!.json.links.next);
  });

  it('the default page is 100; the largest is 1000; beyond, zero or not a number is a 400 naming limit', async () => {
    const d = await call(oparl(a.slug, '/organizations'));
    expect(d.json.data).toHaveLength(100);
    expect(d.json.links.next).toMatch(/\?cursor=/);
    const max = await call(oparl(a.slug, '/organizations?limit=1000'));
    expect(max.json.data).toHaveLength(251);
    expect(max.json.links.next).toBeUndefined();
    for (const bad of ['1001', '0', '-1', 'abc', '1.5', '99999999999']) {
      const r = await call(oparl(a.slug, `/organizations?limit=${bad}`));
      expect(r.status).toBe(400);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json.errors[0].name).toBe('limit');
    }
  });

  it('an object changed mid-crawl moves behind the cursor: seen again, nothing skipped', async () => {
    const ids = await organizationIds(owner, a.id);
    let changed: string | undefined;
    const { ids: seen } = await crawl(oparl(a.slug, '/organizations?limit=100'), async (page) => {
      if (page !== 1) return;
      // Change an object of the first page and delete nothing: the crawl must still see all.
      const first = (await call(oparl(a.slug, '/organizations?limit=1'))).json.data[0].id as string;
      changed = first;
      const uuid = first.split('/').pop()!;
      await asTenant(owner, a.id, () => owner.query(`UPDATE organizations SET name = name || ' (neu)' WHERE id = $1`, [uuid]), true);
    });
    expect(new Set(seen)).toEqual(new Set(ids.map((id) => idOf(a.slug, 'organizations', id))));
    expect(seen.filter((s) => s === changed)).toHaveLength(2);
  });

  it('a forged or garbled cursor is a 400 naming cursor, never a 500 or page 1', async () => {
    const forged = [
      'garbage!',
      Buffer.from('2026-01-01T00:00:00.000Z|not-a-uuid').toString('base64url'),
      Buffer.from('yesterday|00000000-0000-0000-0000-000000000000').toString('base64url'),
      Buffer.from("2026-01-01T00:00:00.000Z|00000000-0000-0000-0000-000000000000'; --").toString('base64url'),
      'x'.repeat(301),
    ];
    for (const cursor of forged) {
      const r = await call(oparl(a.slug, `/organizations?cursor=${encodeURIComponent(cursor)}`));
      expect(r.status).toBe(400);
      expect(r.json.errors[0].name).toBe('cursor');
    }
  });
});

describe('windows', () => {
  it('modified_since with a +02:00 offset is honoured and kept, %2B-encoded, in every next link', async () => {
    const { rows } = await owner.query<{ t: Date }>('SELECT clock_timestamp() AS t');
    const since = rows[0]!.t;
    await new Promise((r) => setTimeout(r, 20));
    await asTenant(owner, a.id, () => owner.query(`INSERT INTO organizations (tenant_id, name, organization_type) SELECT $1, 'Neu ' || g, 'faction' FROM generate_series(1, 5) g`, [a.id]), true);
    const param = withOffset(since, 2);
    const start = oparl(a.slug, `/organizations?modified_since=${encodeURIComponent(param)}&limit=2`);
    const { pages, ids } = await crawl(start);
    expect(ids.length).toBeGreaterThanOrEqual(5);
    for (const p of pages) for (const o of p.json.data) expect(Date.parse(o.modified)).toBeGreaterThanOrEqual(since.getTime());
    for (const p of pages.slice(0, -1)) {
      expect(p.json.links.next).toContain(`modified_since=${encodeURIComponent(param)}`);
      expect(p.json.links.next).toContain('%2B02%3A00');
      expect(p.json.links.next).toContain('limit=2');
    }
    // A `+` the client forgot to encode arrives as a space: read as the offset it was meant to be.
    const raw = await call(oparl(a.slug, `/organizations?modified_since=${param}&limit=2`));
    expect(raw.status).toBe(200);
    expect(raw.json.data.map((o: { id: string }) => o.id)).toEqual(pages[0]!.json.data.map((o: { id: string }) => o.id));
  });

  it('created_since/created_until select the window; an empty window is a 200 with data []', async () => {
    const empty = await call(oparl(a.slug, `/organizations?created_since=${encodeURIComponent('2099-01-01T00:00:00+01:00')}`));
    expect(empty.status).toBe(200);
    expect(empty.json.data).toEqual([]);
    expect(empty.json.links.next).toBeUndefined();
    const before = await call(oparl(a.slug, `/organizations?created_until=${encodeURIComponent('2000-01-01T00:00:00Z')}`));
    expect(before.json.data).toEqual([]);
    const all = await call(oparl(a.slug, `/organizations?created_since=2000-01-01T00:00:00Z&modified_until=2099-01-01T00:00:00Z&limit=1000`));
    expect(all.json.data.length).toBeGreaterThanOrEqual(251);
  });

  it.each([
    ['modified_since', 'gestern'],
    ['modified_since', '0000-01-01T00:00:00Z'],
    ['created_until', '2026-01-01T00:00:00'],
    ['created_since', '2026-13-01T00:00:00Z'],
    ['modified_until', '2'.repeat(50)],
  ])('%s=%s is a 400 naming the parameter', async (name, value) => {
    const r = await call(oparl(a.slug, `/organizations?${name}=${encodeURIComponent(value)}`));
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: { name: string }) => e.name)).toContain(name);
  });

  it('control characters, unknown parameters and repeated parameters are 400s naming them', async () => {
    const ctl = await call(oparl(a.slug, `/organizations?modified_since=2026-01-01T00:00:00Z%00`));
    expect(ctl.status).toBe(400);
    expect(ctl.json.errors[0].name).toBe('modified_since');
    const unknown = await call(oparl(a.slug, '/organizations?page=2'));
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors[0]).toEqual({ name: 'page', reason: 'unknown parameter' });
    const twice = await call(oparl(a.slug, '/organizations?limit=1&limit=2'));
    expect(twice.status).toBe(400);
    expect(twice.json.errors[0].name).toBe('limit');
  });
});

describe('deletions', () => {
  it('a deleted object is a tombstone: only in modified_since lists, at its URL, never embedded', async () => {
    const { rows } = await owner.query<{ t: Date }>('SELECT clock_timestamp() AS t');
    const since = rows[0]!.t;
    const orgId = a.graph['organizations']!;
    const membershipId = a.graph['memberships']!;
    await asTenant(owner, a.id, () => owner.query(`UPDATE memberships SET deleted_at = now() WHERE id = $1`, [membershipId]), true);
    const url = idOf(a.slug, 'memberships', membershipId);
    const plain = await call(oparl(a.slug, '/memberships?limit=1000'));
    expect(plain.json.data.map((o: { id: string }) => o.id)).not.toContain(url);
    const changes = await call(oparl(a.slug, `/memberships?limit=1000&modified_since=${encodeURIComponent(since.toISOString())}`));
    const tomb = changes.json.data.find((o: { id: string }) => o.id === url);
    expect(Object.keys(tomb).sort()).toEqual(['created', 'deleted', 'id', 'modified', 'type']);
    expect(tomb).toMatchObject({ deleted: true, type: 'https://schema.oparl.org/1.1/Membership' });
    expect(Date.parse(tomb.modified)).toBeGreaterThanOrEqual(since.getTime());
    const one = await call(url);
    expect(one.status).toBe(200);
    expect(one.json).toEqual(tomb);
    // Not embedded in the person, and not named by the organization.
    const person = await call(idOf(a.slug, 'persons', a.graph['persons']!));
    expect(person.json.membership.map((m: { id: string }) => m.id)).not.toContain(url);
    const org = await call(idOf(a.slug, 'organizations', orgId));
    expect(org.json.membership ?? []).not.toContain(url);
  });
});

describe('objects and errors', () => {
  it('System, bodies and a Body are valid OParl 1.1 with all lists, terms, created and modified', async () => {
    const v = oparlValidator();
    const system = await call('/oparl/v1.1/system');
    expect(system.status).toBe(200);
    expect(v.check(system.json)).toEqual([]);
    expect(system.json).toMatchObject({ id: `${PUBLIC_BASE}/oparl/v1.1/system`, oparlVersion: 'https://schema.oparl.org/1.1/', body: `${PUBLIC_BASE}/oparl/v1.1/bodies` });
    const bodies = await call('/oparl/v1.1/bodies?limit=1000');
    const mine = bodies.json.data.find((x: { id: string }) => x.id === `${PUBLIC_BASE}${oparl(a.slug)}`);
    expect(mine).toBeDefined();
    const body = await call(oparl(a.slug));
    expect(body.json).toEqual(mine);
    expect(v.check(body.json)).toEqual([]);
    for (const [k, list] of Object.entries({ organization: 'organizations', person: 'persons', meeting: 'meetings', paper: 'papers', membership: 'memberships', agendaItem: 'agendaItems', consultation: 'consultations', file: 'files', locationList: 'locations', legislativeTermList: 'legislativeTerms' }))
      expect(body.json[k]).toBe(`${PUBLIC_BASE}${oparl(a.slug)}/${list}`);
    expect(body.json.system).toBe(`${PUBLIC_BASE}/oparl/v1.1/system`);
    expect(body.json.legislativeTerm).toHaveLength(1);
    expect(body.json.legislativeTerm[0]).toMatchObject({ id: idOf(a.slug, 'legislativeTerms', a.graph['legislative_terms']!), startDate: '2024-07-01', endDate: '2029-06-30' });
    for (const k of ['created', 'modified']) expect(body.json[k]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(JSON.stringify(body.json)).not.toContain('null');
  });

  it('bodies pages like every list', async () => {
    const { ids } = await crawl('/oparl/v1.1/bodies?limit=1');
    expect(ids).toContain(`${PUBLIC_BASE}${oparl(a.slug)}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('unknown things are OParl-style 404s in JSON, never the System, never HTML', async () => {
    for (const path of [
      '/oparl/v1.1/nonsense',
      '/oparl/v1.2/system',
      '/oparl',
      '/oparl/v1.1/bodies/gibt-es-nicht',
      oparl(a.slug, '/nonsense'),
      oparl(a.slug, '/organizations/00000000-0000-0000-0000-000000000000'),
      oparl(a.slug, '/organizations/kein-uuid'),
      oparl(a.slug, '/locations/meeting-kein-uuid'),
    ]) {
      const r = await call(path);
      expect([path, r.status]).toEqual([path, 404]);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(r.json.status).toBe(404);
      expect(r.body).not.toContain('oparlVersion');
      expect(r.headers['access-control-allow-origin']).toBe('*');
    }
  });

  it("an object of tenant A under body B is a 404, never A's data", async () => {
    const r = await call(oparl(b.slug, `/organizations/${a.graph['organizations']}`));
    expect(r.status).toBe(404);
    const p = await call(oparl(b.slug, `/persons/${a.graph['persons']}`));
    expect(p.status).toBe(404);
    const list = await call(oparl(b.slug, '/organizations?limit=1000'));
    expect(list.body).not.toContain(a.graph['organizations']!);
  });

  it('a suspended authority is a 410 and leaves the bodies list', async () => {
    const c = await createTenantWithRows(owner, 'oparl-susp');
    try {
      expect((await call(oparl(c.slug))).status).toBe(200);
      await owner.query(`UPDATE tenants SET status = 'suspended' WHERE id = $1`, [c.id]);
      const r = await call(oparl(c.slug, '/organizations'));
      expect(r.status).toBe(410);
      expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
      const bodies = await call('/oparl/v1.1/bodies?limit=1000');
      expect(bodies.body).not.toContain(c.slug);
    } finally {
      await deleteTenant(owner, c.id);
    }
  });
});

describe('HTTP', () => {
  it('CORS for everyone, cross-origin resource policy, JSON in UTF-8, no cookies; preflight answered; writes refused', async () => {
    const r = await call(oparl(a.slug, '/persons'), { headers: { Origin: 'https://example.org' } });
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['set-cookie']).toBeUndefined();
    const pre = await call(oparl(a.slug, '/persons'), { method: 'OPTIONS', headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match' } });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(pre.headers['access-control-allow-methods']).toContain('GET');
    expect(String(pre.headers['access-control-allow-headers']).toLowerCase()).toContain('if-none-match');
    const post = await call(oparl(a.slug, '/persons'), { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers['access-control-allow-origin']).toBe('*');
    const err = await call('/oparl/v1.1/nonsense');
    expect(err.headers['access-control-allow-origin']).toBe('*');
    // HEAD: the GET's headers without the body (twice: once computed, once from the cache).
    for (let i = 0; i < 2; i++) {
      const head = await call(oparl(a.slug, '/persons'), { method: 'HEAD' });
      expect([head.status, head.body, head.headers['etag']]).toEqual([200, '', r.headers['etag']]);
    }
  });

  it('ETag and Last-Modified from the response cache: 304 on If-None-Match and If-Modified-Since, 200 after a change', async () => {
    const path = idOf(a.slug, 'organizations', a.graph['organizations']!);
    const first = await call(path);
    const second = await call(path); // from the cache
    expect(second.body).toBe(first.body);
    const etag = String(first.headers['etag']);
    const lm = String(first.headers['last-modified']);
    expect(second.headers['etag']).toBe(etag);
    expect(second.headers['last-modified']).toBe(lm);
    expect(new Date(lm).getTime()).toBe(Math.floor(Date.parse(first.json.modified) / 1000) * 1000);
    const inm = await call(path, { headers: { 'If-None-Match': etag } });
    expect(inm.status).toBe(304);
    expect(inm.body).toBe('');
    expect(inm.headers['access-control-allow-origin']).toBe('*');
    const ims = await call(path, { headers: { 'If-Modified-Since': lm } });
    expect(ims.status).toBe(304);
    const older = await call(path, { headers: { 'If-Modified-Since': new Date(Date.parse(lm) - 1000).toUTCString() } });
    expect(older.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1000));
    await asTenant(owner, a.id, () => owner.query(`UPDATE organizations SET short_name = 'NEU' WHERE id = $1`, [a.graph['organizations']]), true);
    let after = await call(path, { headers: { 'If-None-Match': etag } });
    for (let i = 0; i < 50 && after.status === 304; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await call(path, { headers: { 'If-None-Match': etag } });
    }
    expect(after.status).toBe(200);
    expect(after.json.shortName).toBe('NEU');
    const imsAfter = await call(path, { headers: { 'If-Modified-Since': lm } });
    expect(imsAfter.status).toBe(200);
    // System and the bodies list: validators too (not stored per tenant).
    for (const url of ['/oparl/v1.1/system', '/oparl/v1.1/bodies']) {
      const first = await call(url);
      expect(first.headers['etag']).toBeDefined();
      expect(first.headers['last-modified']).toBeDefined();
      expect((await call(url, { headers: { 'If-None-Match': String(first.headers['etag']) } })).status).toBe(304);
      expect((await call(url, { headers: { 'If-None-Match': '"anders"' } })).status).toBe(200);
    }
  });

  it('persons are published without e-mail, phone, address or gender; memberships embedded', async () => {
    await asTenant(owner, a.id, () => owner.query(`UPDATE persons SET email = 'geheim@example.org', phone = '0391 123', gender = 'female', address = 'Weg 1' WHERE id = $1`, [a.graph['persons']]), true);
    const p = await call(idOf(a.slug, 'persons', a.graph['persons']!));
    expect(p.status).toBe(200);
    expect(p.body).not.toMatch(/geheim@example\.org|0391 123|female|Weg 1/);
    expect(oparlValidator().check(p.json)).toEqual([]);
  });
});

import type { NestExpressApplication } from '@nestjs/platform-express';
import { OParlService } from '@ratsinfo/api-oparl';
import { connect, testEnv } from '@ratsinfo/api-testing';
import type { Client } from 'pg';
import { startHttpApp } from '../testing/http-app';
import { externalListProperties, oparlValidator } from '../testing/oparl-schemas';

/**
 * Crawls the whole OParl tree of the seeded system as an importer would: from the System, every
 * list URL and every `next` link, then every object id met (embedded ones too). Every object is
 * validated against the official 1.1 schemas by its type, every page chain must end without
 * repeating a page, and no response may contain a word that only non-public content has.
 * It covers whatever lists the server serves (OParlService.servedLists()); the others must be an
 * OParl-style 404.
 */
jest.setTimeout(600_000);

const PUBLIC_BASE = 'https://ratsinfo.example';
const OPARL = 'https://schema.oparl.org/1.1/';
const CONCURRENCY = 8;

let app: NestExpressApplication;
let base: string;
let admin: Client;

beforeAll(async () => {
  ({ app, base } = await startHttpApp({ PUBLIC_BASE_URL: PUBLIC_BASE }));
  admin = await connect(testEnv().adminUrl);
});

afterAll(async () => {
  await admin?.end();
  await app?.close();
});

interface Fetched {
  status: number;
  body: string;
  json: unknown;
}

const local = (url: string) => {
  if (!url.startsWith(`${PUBLIC_BASE}/oparl/`)) throw new Error(`not an OParl URL of this server: ${url}`);
  return base + url.slice(PUBLIC_BASE.length);
};

const bodies: string[] = [];
let requests = 0;

async function fetchOParl(url: string): Promise<Fetched> {
  requests++;
  const res = await fetch(local(url));
  const body = await res.text();
  bodies.push(body);
  expect(res.headers.get('access-control-allow-origin')).toBe('*');
  expect(res.headers.get('set-cookie')).toBeNull();
  if (res.status === 200) expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  return { status: res.status, body, json: res.status === 200 || res.headers.get('content-type')?.includes('json') ? JSON.parse(body) : undefined };
}

/** Runs `fn` over `items` with at most CONCURRENCY at once. */
async function pool<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, items.length) }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

type OParlObject = { id: string; type: string; [k: string]: unknown };
const isOParlObject = (v: unknown): v is OParlObject =>
  !!v && typeof v === 'object' && !Array.isArray(v) && typeof (v as OParlObject).type === 'string' && (v as OParlObject).type.startsWith(OPARL);

/** Non-public words of the seed: names that only non-public agenda items, papers and files carry. */
async function nonPublicMarkers(): Promise<string[]> {
  const { rows } = await admin.query<{ marker: string }>(`
    WITH hidden AS (
      SELECT name AS marker FROM agenda_items WHERE NOT public
      UNION SELECT name FROM papers WHERE NOT public OR status = 'draft'
      UNION SELECT reference FROM papers WHERE (NOT public OR status = 'draft') AND reference IS NOT NULL
      UNION SELECT name FROM files WHERE NOT public
    ), shown AS (
      SELECT name FROM agenda_items WHERE public
      UNION SELECT name FROM papers WHERE public AND status <> 'draft'
      UNION SELECT reference FROM papers WHERE public AND status <> 'draft' AND reference IS NOT NULL
      UNION SELECT name FROM files WHERE public
      UNION SELECT name FROM meetings UNION SELECT name FROM organizations
    )
    SELECT marker FROM hidden WHERE length(marker) >= 6 AND marker NOT IN (SELECT name FROM shown WHERE name IS NOT NULL)`);
  // A hidden name that is part of a shown one ("Anfragen" in "Anfragen der Fraktionen") is not a marker.
  const { rows: shown } = await admin.query<{ name: string }>(
    `SELECT name FROM agenda_items WHERE public UNION SELECT name FROM papers WHERE public AND status <> 'draft' UNION SELECT name FROM files WHERE public UNION SELECT name FROM meetings UNION SELECT name FROM organizations`,
  );
  const shownText = shown.map((s) => s.name).join('\n');
  return [...new Set(['Eisvogelakte', ...rows.map((r) => r.marker).filter((m) => !shownText.includes(m))])];
}

it('crawls the seeded system: every list, every next link, every id; all valid, nothing non-public', async () => {
  const started = Date.now();
  const validator = oparlValidator();
  const listProps = externalListProperties();
  const served = new Set(app.get(OParlService).servedLists());

  const invalid: string[] = [];
  const objects = new Map<string, OParlObject>(); // id → first copy seen (from a list or embedded)
  const listsSeen = new Set<string>();
  const listsToCrawl: string[] = [];
  const perList = new Map<string, number>();

  /** Validates an object and everything embedded in it; queues its list URLs. */
  const visit = (o: OParlObject, where: string) => {
    for (const e of validator.check(o)) invalid.push(`${where} ${o.id}: ${e}`);
    if (!objects.has(o.id)) objects.set(o.id, o);
    for (const prop of listProps.get(o.type) ?? []) {
      const url = o[prop];
      if (typeof url === 'string' && !listsSeen.has(url)) {
        listsSeen.add(url);
        listsToCrawl.push(url);
      }
    }
    for (const [k, v] of Object.entries(o)) {
      if (isOParlObject(v)) visit(v, `${where} ${o.id}#${k}`);
      else if (Array.isArray(v)) for (const item of v) if (isOParlObject(item)) visit(item, `${where} ${o.id}#${k}[]`);
    }
  };

  const system = await fetchOParl(`${PUBLIC_BASE}/oparl/v1.1/system`);
  expect(system.status).toBe(200);
  visit(system.json as OParlObject, 'system');

  // Lists, breadth-first (the bodies list adds the bodies' lists).
  while (listsToCrawl.length) {
    const batch = listsToCrawl.splice(0);
    await pool(batch, async (listUrl) => {
      const name = listUrl.split('/').pop() ?? '';
      const isBodyList = listUrl === `${PUBLIC_BASE}/oparl/v1.1/bodies`;
      let url: string | undefined = `${listUrl}?limit=1000`;
      const pages = new Set<string>();
      let first = true;
      while (url) {
        expect(pages.has(url)).toBe(false);
        pages.add(url);
        const page = await fetchOParl(url);
        if (first && !isBodyList && !served.has(name as never)) {
          // A list this server does not serve (yet): an OParl-style 404, never the System, never HTML.
          expect(page.status).toBe(404);
          expect(page.body).toContain('"status":404');
          return;
        }
        first = false;
        expect(page.status).toBe(200);
        const p = page.json as { data: OParlObject[]; pagination: { elementsPerPage: number }; links: { next?: string; self: string; first: string } };
        expect(Array.isArray(p.data)).toBe(true);
        expect(p.pagination.elementsPerPage).toBe(1000);
        expect(p.links.first).toBe(`${listUrl}?limit=1000`);
        if (p.links.next) expect(p.data).toHaveLength(1000);
        for (const o of p.data) {
          expect(o.deleted).toBeUndefined();
          visit(o, name);
        }
        perList.set(name, (perList.get(name) ?? 0) + p.data.length);
        url = p.links.next;
        expect(pages.size).toBeLessThan(1000);
      }
    });
  }
  expect(perList.get('bodies')).toBeGreaterThan(0);

  // One Body per active authority, with its license when the authority has set one (column of the
  // license setting, read by name so this holds before and after that column exists).
  const { rows: active } = await admin.query<{ slug: string; license: string | null }>(`SELECT slug, to_jsonb(t) ->> 'oparl_license' AS license FROM tenants t WHERE status = 'active'`);
  expect(active.length).toBe(perList.get('bodies'));
  for (const t of active) {
    const body = objects.get(`${PUBLIC_BASE}/oparl/v1.1/bodies/${t.slug}`);
    expect(body).toBeDefined();
    expect(body?.['license']).toBe(t.license ?? undefined);
  }
  for (const l of ['organizations', 'persons', 'memberships', 'legislativeTerms']) expect(perList.get(l)).toBeGreaterThan(0);

  // Every id met, fetched at its own URL: the same object (id, type) as the copy seen.
  const ids = [...objects.keys()];
  const unreachable: string[] = [];
  await pool(ids, async (id) => {
    const seen = objects.get(id) as OParlObject;
    const got = await fetchOParl(id);
    if (got.status !== 200) {
      unreachable.push(`${got.status} ${id}`);
      return;
    }
    const o = got.json as OParlObject;
    if (o.id !== id || o.type !== seen.type) unreachable.push(`${id}: got ${o.id} ${o.type}`);
    for (const e of validator.check(o)) invalid.push(`GET ${id}: ${e}`);
  });
  expect(unreachable).toEqual([]);
  expect(invalid).toEqual([]);

  const markers = await nonPublicMarkers();
  expect(markers.length).toBeGreaterThan(0);
  const leaks = markers.filter((m) => bodies.some((b) => b.includes(m) || b.includes(JSON.stringify(m).slice(1, -1))));
  expect(leaks).toEqual([]);

  console.log(
    `OParl crawl: ${requests} requests, ${objects.size} objects (${[...perList].map(([k, v]) => `${k} ${v}`).join(', ')}), ${markers.length} non-public markers, ${Date.now() - started} ms`,
  );
});

import type { INestApplication } from '@nestjs/common';
import { connect, fixtureAgs, startTestIssuer, testEnv, type TestIssuer } from '@ratsinfo/api-testing';
import { ProblemType, type SearchHit, SearchRoutes } from '@ratsinfo/contracts';
import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { startHttpApp } from '../testing/http-app';

/**
 * Full-text search v2 over HTTP (issue 10; docs/adr/0020-search-v2.md): the portal's public
 * search and the members' search, on a fixture authority whose rows are written with plain SQL —
 * the search documents come from the database's triggers alone, as for every other writer.
 */
jest.setTimeout(120_000);

let app: INestApplication;
let base: string;
let owner: Client;
let issuer: TestIssuer;

interface Fixture {
  id: string;
  slug: string;
  subs: Record<'clerk' | 'member', string>;
  orgs: Record<'council' | 'own' | 'other', string>;
  types: Record<'bv' | 'zg', string>;
  papers: Record<string, string>;
  files: Record<string, string>;
  meeting: string;
  items: Record<string, string>;
}
let a: Fixture;
let b: Fixture;

async function createFixture(label: string): Promise<Fixture> {
  const id = randomUUID();
  const slug = `search-${label}-${id.slice(0, 6)}`;
  await owner.query(`INSERT INTO tenants (id, slug, name, kind, ags, identity_organization_alias) VALUES ($1, $2, $3, 'town', $4, $2)`, [id, slug, `Suchstadt ${label}`, fixtureAgs()]);
  await owner.query('BEGIN');
  await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [id]);
  const one = async (sql: string, params: unknown[]) => (await owner.query<{ id: string }>(sql, params)).rows[0]!.id;
  const org = (name: string, type: string) => one(`INSERT INTO organizations (tenant_id, name, organization_type) VALUES ($1, $2, $3) RETURNING id`, [id, name, type]);
  const orgs = { council: await org('Stadtrat', 'council'), own: await org('Bauausschuss', 'committee'), other: await org('Finanzausschuss', 'committee') };
  const type = (name: string, abbr: string) => one(`INSERT INTO paper_types (tenant_id, name, abbreviation) VALUES ($1, $2, $3) RETURNING id`, [id, name, abbr]);
  const types = { bv: await type('Beschlussvorlage', 'BV'), zg: await type('Ziegeleivorlage', 'ZIEGELEI') };
  let seq = 0;
  const paper = async (name: string, o: { type?: string; abbr?: string; seq?: number; date?: string; public?: boolean; status?: string; org?: string }) => {
    const s = o.seq ?? 500 + seq++;
    const p = await one(
      `INSERT INTO papers (tenant_id, paper_type_id, reference, reference_year, reference_sequence, name, date, public, status)
       VALUES ($1, $2, $3, 2026, $4, $5, $6, $7, $8::paper_status) RETURNING id`,
      [id, o.type ?? types.bv, `${o.abbr ?? 'BV'}/${String(s).padStart(4, '0')}/2026`, s, name, o.date ?? '2026-03-01', o.public ?? true, o.status ?? 'released'],
    );
    await owner.query(`INSERT INTO consultations (tenant_id, paper_id, organization_id, position) VALUES ($1, $2, $3, 1)`, [id, p, o.org ?? orgs.own]);
    return p;
  };
  const file = async (owner_: { paper_id?: string; meeting_id?: string; agenda_item_id?: string }, name: string, text: string | null, isPublic = true) => {
    const f = await one(`INSERT INTO files (tenant_id, name, public, paper_id, meeting_id, agenda_item_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, [
      id,
      name,
      isPublic,
      owner_.paper_id ?? null,
      owner_.meeting_id ?? null,
      owner_.agenda_item_id ?? null,
    ]);
    await owner.query(
      `INSERT INTO file_versions (tenant_id, file_id, number, file_name, mime_type, size, sha512, storage_key, text) VALUES ($1, $2, 1, $3, 'application/pdf', 1, $4, $5, $6)`,
      [id, f, name, 'a'.repeat(128), `${id}/${randomUUID()}`, text],
    );
    return f;
  };
  const papers: Record<string, string> = {
    main: await paper('Sanierung der Langen Straße und der Hauptstraße', { seq: 123 }),
    budget: await paper('Haushaltssatzung 2026', { seq: 124, date: '2026-05-01', org: orgs.other }),
    titleHit: await paper('Ziegelei am Fluss', { date: '2026-01-10' }),
    referenceHit: await paper('Sonstiges Vorhaben', { type: types.zg, abbr: 'ZIEGELEI', seq: 1, date: '2026-01-11' }),
    script: await paper('<script>alert(1)</script> Bussard', {}),
    secretOther: await paper(`Eisvogelakte ${label} Finanzen`, { public: false, org: orgs.other }),
    secretOwn: await paper(`Grundstücksankauf Amselweg ${label}`, { public: false, org: orgs.own }),
    draft: await paper(`Entwurf Kranichweg ${label}`, { status: 'draft', org: orgs.own }),
    swallow: await paper('Uferpromenade', {}),
  };
  const meeting = await one(`INSERT INTO meetings (tenant_id, organization_id, name, start) VALUES ($1, $2, 'Sitzung des Bauausschusses', '2026-04-15T16:00:00Z') RETURNING id`, [id, orgs.own]);
  const consultation = (await owner.query<{ id: string }>(`SELECT id FROM consultations WHERE paper_id = $1`, [papers['main']])).rows[0]!.id;
  const items = {
    main: await one(`INSERT INTO agenda_items (tenant_id, meeting_id, "order", name, public, consultation_id, resolution_text) VALUES ($1, $2, 1, 'Straßensanierung', true, $3, 'Der Ausschuss empfiehlt die Sanierung.') RETURNING id`, [
      id,
      meeting,
      consultation,
    ]),
    secret: await one(`INSERT INTO agenda_items (tenant_id, meeting_id, "order", name, public) VALUES ($1, $2, 2, 'Personalangelegenheit Zaunkönig ${label}', false) RETURNING id`, [id, meeting]),
  };
  const files = {
    main: await file({ paper_id: papers['main'] }, 'Gutachten.pdf', 'Vor <script>alert(2)</script> liegt die Feuchtwiese am Ortsrand.'),
    bodyHit: await file({ meeting_id: meeting }, 'Protokollnotiz.pdf', 'Die alte Ziegelei wird abgerissen.'),
    hiddenFile: await file({ paper_id: papers['main'] }, 'Intern.pdf', `Wachtelkönig ${label}`, false),
    ofSecretPaper: await file({ paper_id: papers['secretOwn'] }, 'Anlage.pdf', `Rohrdommel ${label}`),
    swallow: await file({ paper_id: papers['swallow'] }, 'Karte.pdf', 'Uferschwalbe am Hang'),
    scan: await file({ paper_id: papers['main'] }, 'Scan.pdf', null),
  };
  // 25 papers with one shared word, for paging.
  for (let i = 0; i < 25; i++) await paper(`Feldlerche Abschnitt ${i}`, { date: '2025-06-01' });
  const subs = { clerk: randomUUID(), member: randomUUID() };
  const person = await one(`INSERT INTO persons (tenant_id, family_name, given_name) VALUES ($1, 'Mitglied', 'Maria') RETURNING id`, [id]);
  await owner.query(`INSERT INTO memberships (tenant_id, person_id, organization_id, role) VALUES ($1, $2, $3, 'Mitglied')`, [id, person, orgs.own]);
  for (const [who, role, personId] of [['clerk', 'clerk', null], ['member', 'member', person]] as const) {
    await owner.query(
      `INSERT INTO user_accounts (tenant_id, issuer, subject, email, display_name, roles, person_id) VALUES ($1, $2, $3, $4, $5, $6::tenant_role[], $7)`,
      [id, issuer.issuer(), subs[who], `${who}@${slug}.example`, who, `{${role}}`, personId],
    );
  }
  await owner.query('COMMIT');
  return { id, slug, subs, orgs, types, papers, files, meeting, items };
}

const token = (f: Fixture, who: keyof Fixture['subs']) => issuer.token({ sub: f.subs[who], organization: [f.slug], name: who });

interface Answer {
  status: number;
  body: { data: SearchHit[]; nextCursor: string | null; type?: string; errors?: { name: string; reason: string }[] };
  contentType: string | null;
}

async function get(path: string, params: Record<string, string>, bearer?: string): Promise<Answer> {
  const res = await fetch(`${base}${path}?${new URLSearchParams(params)}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, contentType: res.headers.get('content-type') };
}

const portal = (f: Fixture, params: Record<string, string>) => get(SearchRoutes.portal(f.slug), params);
const members = async (f: Fixture, who: keyof Fixture['subs'], params: Record<string, string>, as = f) => get(SearchRoutes.members(f.slug), params, await token(as, who));
const ids = (r: Answer) => r.body.data.map((h) => h.id);

/** The portal's response cache learns a new public-data version by NOTIFY, a moment after commit. */
async function eventually(q: string, expected: string[]): Promise<void> {
  let got: string[] = [];
  for (let i = 0; i < 50; i++) {
    got = ids(await portal(a, { q }));
    if (JSON.stringify(got) === JSON.stringify(expected)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect({ q, got }).toEqual({ q, got: expected });
}

beforeAll(async () => {
  const env = testEnv();
  issuer = await startTestIssuer(['ratsinfo']);
  owner = await connect(env.ownerUrl);
  a = await createFixture('a');
  b = await createFixture('b');
  ({ app, base } = await startHttpApp({ AUTH_URL: issuer.url, AUTH_REALM: 'ratsinfo' }));
});

afterAll(async () => {
  await app.close();
  for (const f of [a, b]) await owner.query('DELETE FROM tenants WHERE id = $1', [f.id]);
  await owner.end();
  await issuer.stop();
});

describe('reference numbers', () => {
  it.each(['bv 123 2026', '0123/2026', 'BV/0123/2026', 'bv/123/2026', '123/2026'])('finds BV/0123/2026 as %s, first', async (q) => {
    const r = await portal(a, { q });
    expect(r.status).toBe(200);
    expect(r.body.data[0]).toMatchObject({ kind: 'paper', id: a.papers['main'], reference: 'BV/0123/2026', target: { kind: 'paper', id: a.papers['main'] } });
    // the agenda item that deliberates it carries the reference too; the neighbour number does not match
    expect(ids(r)).toContain(a.items['main']);
    expect(ids(r)).not.toContain(a.papers['budget']);
  });
});

describe('German words', () => {
  it('matches Strasse and Straße both ways (snowball german maps ß to ss)', async () => {
    for (const q of ['Strasse', 'Straße', 'Hauptstrasse', 'hauptstraße']) expect(ids(await portal(a, { q }))).toContain(a.papers['main']);
  });

  it('finds compounds by their first part (prefix matching): Haushalt → Haushaltssatzung', async () => {
    expect(ids(await portal(a, { q: 'Haushalt' }))).toContain(a.papers['budget']);
  });

  it('finds compounds by an inner part too (Satzung → Haushaltssatzung, Promenade → Uferpromenade), a 3-letter word only as a prefix', async () => {
    expect(ids(await portal(a, { q: 'Satzung' }))).toContain(a.papers['budget']);
    expect(ids(await portal(a, { q: 'Satzungen' }))).toContain(a.papers['budget']);
    expect(ids(await portal(a, { q: 'Promenade' }))).toContain(a.papers['swallow']);
    expect(ids(await portal(a, { q: 'Straßen' }))).toContain(a.papers['main']);
    expect(ids(await portal(a, { q: 'ade' }))).not.toContain(a.papers['swallow']);
  });

  it('ranks a title hit above a reference-only hit above a text-only hit', async () => {
    const r = await portal(a, { q: 'Ziegelei' });
    expect(ids(r)).toEqual([a.papers['titleHit'], a.papers['referenceHit'], a.files['bodyHit']]);
    expect(r.body.data[2]).toMatchObject({ kind: 'file', title: 'Protokollnotiz.pdf', target: { kind: 'meeting', id: a.meeting }, date: '2026-04-15', context: 'Bauausschuss' });
  });
});

describe('snippets', () => {
  it('come as text segments with the words found marked, never as HTML', async () => {
    const r = await portal(a, { q: 'Feuchtwiese' });
    const hit = r.body.data.find((h) => h.id === a.files['main'])!;
    expect(hit.snippet).toContainEqual({ text: 'Feuchtwiese', match: true });
    // markup tags are dropped (replaced by a space, as ts_headline did); the rest is text, no markers left
    const joined = hit.snippet.map((s) => s.text).join('');
    expect(joined).toContain('Feuchtwiese am Ortsrand');
    expect(joined).not.toMatch(/[\uE000\uE001]|<script/);
    const title = (await portal(a, { q: 'Bussard' })).body.data[0]!;
    expect(title.title).toBe('<script>alert(1)</script> Bussard');
  });
});

describe('renamed names', () => {
  it('follows a renamed paper type, body and originator person in the documents that show them', async () => {
    const inTenant = async (sql: string, params: unknown[]) => {
      await owner.query('BEGIN');
      await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.id]);
      const { rows } = await owner.query<{ id: string }>(sql, params);
      await owner.query('COMMIT');
      return rows;
    };
    const [{ id: person } = { id: '' }] = await inTenant(`SELECT id FROM persons WHERE family_name = 'Mitglied'`, []);
    // an originator added by SQL: the paper's document does not know it until something refreshes it
    await inTenant(`INSERT INTO paper_originator_persons (tenant_id, paper_id, person_id) VALUES ($1, $2, $3)`, [a.id, a.papers['titleHit'], person]);
    expect(ids(await portal(a, { q: 'Bachstelze' }))).toEqual([]);
    try {
      await inTenant(`UPDATE paper_types SET name = 'Backsteinvorlage' WHERE id = $1`, [a.types.zg]);
      await inTenant(`UPDATE organizations SET name = 'Haushaltsausschuss' WHERE id = $1`, [a.orgs.other]);
      await inTenant(`UPDATE organizations SET name = 'Bau- und Vergabeausschuss' WHERE id = $1`, [a.orgs.own]);
      await inTenant(`UPDATE persons SET family_name = 'Bachstelze' WHERE id = $1`, [person]);
      await eventually('Backsteinvorlage', [a.papers['referenceHit']]);
      expect((await portal(a, { q: 'Ziegelei', kind: 'paper' })).body.data.find((h) => h.id === a.papers['referenceHit'])?.context).toBe('Backsteinvorlage');
      expect(ids(await portal(a, { q: 'Ziegeleivorlage' }))).not.toContain(a.papers['referenceHit']);
      expect(ids(await portal(a, { q: 'Haushaltsausschuss' }))).toContain(a.papers['budget']);
      const meetingHits = (await portal(a, { q: 'Vergabeausschuss' })).body.data;
      expect(meetingHits.map((h) => h.id)).toEqual(expect.arrayContaining([a.meeting, a.papers['main']]));
      const ziegelei = (await portal(a, { q: 'Ziegelei', kind: 'file' })).body.data.find((h) => h.id === a.files['bodyHit']);
      expect(ziegelei?.context).toBe('Bau- und Vergabeausschuss');
      expect(ids(await portal(a, { q: 'Bachstelze' }))).toEqual([a.papers['titleHit']]);
      // the other authority's documents are not touched
      expect(ids(await portal(b, { q: 'Vergabeausschuss' }))).toEqual([]);
    } finally {
      await inTenant(`UPDATE paper_types SET name = 'Ziegeleivorlage' WHERE id = $1`, [a.types.zg]);
      await inTenant(`UPDATE organizations SET name = CASE id WHEN $1::uuid THEN 'Finanzausschuss' ELSE 'Bauausschuss' END WHERE id IN ($1, $2)`, [a.orgs.other, a.orgs.own]);
      await inTenant(`UPDATE persons SET family_name = 'Mitglied' WHERE id = $1`, [person]);
      await inTenant(`DELETE FROM paper_originator_persons WHERE paper_id = $1`, [a.papers['titleHit']]);
    }
    await eventually('Backsteinvorlage', []);
  });
});

describe('filters and paging', () => {
  it('filters by kind, paper type, organization, date range and files', async () => {
    expect(new Set((await portal(a, { q: 'Ziegelei', kind: 'file' })).body.data.map((h) => h.kind))).toEqual(new Set(['file']));
    expect(ids(await portal(a, { q: 'Ziegelei', paperType: a.types.zg }))).toEqual([a.papers['referenceHit']]);
    expect(ids(await portal(a, { q: 'Haushalt', organization: a.orgs.other }))).toEqual([a.papers['budget']]);
    expect(ids(await portal(a, { q: 'Haushalt', organization: a.orgs.own }))).toEqual([]);
    expect(ids(await portal(a, { q: 'Ziegelei', from: '2026-01-11', to: '2026-01-31' }))).toEqual([a.papers['referenceHit']]);
    const withFiles = await portal(a, { q: 'Sanierung', hasFiles: 'true' });
    expect(ids(withFiles)).toContain(a.papers['main']);
    expect(ids(await portal(a, { q: 'Haushalt', hasFiles: 'true' }))).toEqual([]);
  });

  it('pages by keyset: every hit once, and the last page says so', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: Answer = await portal(a, { q: 'Feldlerche', limit: '10', ...(cursor ? { cursor } : {}) });
      expect(r.status).toBe(200);
      seen.push(...ids(r));
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });
});

describe('visibility', () => {
  const secrets = (f: Fixture) => [`Eisvogelakte ${f === a ? 'a' : 'b'}`, 'Amselweg', 'Kranichweg', 'Zaunkönig', 'Wachtelkönig', 'Rohrdommel'];

  it('never shows non-public, draft or hidden-owner content on the portal', async () => {
    for (const q of secrets(a)) {
      const r = await portal(a, { q });
      expect({ q, hits: r.body.data }).toEqual({ q, hits: [] });
    }
  });

  it('shows a clerk everything, non-public hits marked', async () => {
    const r = await members(a, 'clerk', { q: 'Eisvogelakte' });
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual([expect.objectContaining({ id: a.papers['secretOther'], nonPublic: true })]);
    expect(ids(await members(a, 'clerk', { q: 'Kranichweg' }))).toEqual([a.papers['draft']]);
    expect(ids(await members(a, 'clerk', { q: 'Wachtelkönig' }))).toEqual([a.files['hiddenFile']]);
    expect((await members(a, 'clerk', { q: 'Sanierung' })).body.data.find((h) => h.id === a.papers['main'])).toMatchObject({ nonPublic: false });
  });

  it('shows a member the non-public content of their own bodies only, and no drafts', async () => {
    expect(ids(await members(a, 'member', { q: 'Amselweg' }))).toEqual([a.papers['secretOwn']]);
    expect(ids(await members(a, 'member', { q: 'Zaunkönig' }))).toEqual([a.items['secret']]);
    expect(ids(await members(a, 'member', { q: 'Rohrdommel' }))).toEqual([a.files['ofSecretPaper']]);
    expect(ids(await members(a, 'member', { q: 'Eisvogelakte' }))).toEqual([]);
    expect(ids(await members(a, 'member', { q: 'Kranichweg' }))).toEqual([]);
  });

  it('follows visibility changes and deletions in the same transaction', async () => {
    expect(ids(await portal(a, { q: 'Uferschwalbe' }))).toEqual([a.files['swallow']]);
    const setPublic = async (v: boolean) => {
      await owner.query('BEGIN');
      await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.id]);
      await owner.query('UPDATE papers SET public = $2 WHERE id = $1', [a.papers['swallow'], v]);
      await owner.query('COMMIT');
    };
    await setPublic(false);
    await eventually('Uferschwalbe', []);
    await eventually('Uferpromenade', []);
    await setPublic(true);
    await eventually('Uferschwalbe', [a.files['swallow']]);
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.id]);
    await owner.query('UPDATE files SET deleted_at = now() WHERE id = $1', [a.files['swallow']]);
    await owner.query('COMMIT');
    await eventually('Uferschwalbe', []);
  });

  it('finds a file’s text once the extraction writes it (as the worker does)', async () => {
    expect(ids(await portal(a, { q: 'Kiebitzwiese' }))).toEqual([]);
    await owner.query('BEGIN');
    await owner.query(`SELECT set_config('app.tenant_id', $1, true)`, [a.id]);
    await owner.query(`UPDATE file_versions SET text = 'Die Kiebitzwiese am See bleibt erhalten.', text_extracted_at = now(), text_extraction_method = 'ocr' WHERE file_id = $1`, [a.files['scan']]);
    await owner.query('COMMIT');
    await eventually('Kiebitzwiese', [a.files['scan']]);
    const r = await portal(a, { q: 'Kiebitzwiese' });
    expect(r.body.data[0]).toMatchObject({ target: { kind: 'paper', id: a.papers['main'] }, reference: 'BV/0123/2026' });
  });
});

describe('tenants and access', () => {
  it('never returns another authority’s documents', async () => {
    const r = await portal(a, { q: 'Ziegelei' });
    const bIds = new Set([...Object.values(b.papers), ...Object.values(b.files), ...Object.values(b.items), b.meeting]);
    expect(ids(r).some((x) => bIds.has(x))).toBe(false);
    expect(ids(await members(a, 'clerk', { q: 'Eisvogelakte b' }))).toEqual([]);
  });

  it('refuses the members’ search to anonymous callers and to other authorities’ staff', async () => {
    expect((await get(SearchRoutes.members(a.slug), { q: 'Haushalt' })).status).toBe(401);
    const foreign = await members(a, 'clerk', { q: 'Eisvogelakte' }, b);
    expect([403, 404]).toContain(foreign.status);
    expect(foreign.body.data).toBeUndefined();
  });
});

describe('bad input', () => {
  it.each([
    ['an empty query', { q: '' }, 'q'],
    ['an over-long query', { q: 'x'.repeat(10_000) }, 'q'],
    ['control characters', { q: 'Haus\u0007halt' }, 'q'],
    ['a forged cursor', { q: 'Haushalt', cursor: 'bm90LWEtY3Vyc29y' }, 'cursor'],
    ['a cursor with a foreign shape', { q: 'Haushalt', cursor: Buffer.from(JSON.stringify([1, 'paper; DROP', 'x'])).toString('base64url') }, 'cursor'],
    ['from after to', { q: 'Haushalt', from: '2026-05-01', to: '2026-01-01' }, 'to'],
    ['year 0000', { q: 'Haushalt', from: '0000-01-01' }, 'from'],
    ['an unknown kind', { q: 'Haushalt', kind: 'person' }, 'kind'],
    ['an unknown parameter', { q: 'Haushalt', sort: 'date' }, 'sort'],
  ])('answers 400 problem+json naming the field for %s', async (_label, params, field) => {
    for (const r of [await portal(a, params), await members(a, 'clerk', params)]) {
      expect(r.status).toBe(400);
      expect(r.contentType).toContain('application/problem+json');
      expect(r.body.type).toBe(ProblemType.validation);
      expect(JSON.stringify(r.body.errors)).toContain(field);
    }
  });

  it('answers an empty list for queries of stop words and punctuation only', async () => {
    for (const q of ['der die das', '!!!', "'", '"', '-', 'or']) {
      const r = await portal(a, { q });
      expect({ q, status: r.status, data: r.body.data }).toEqual({ q, status: 200, data: [] });
    }
  });
});

/**
 * Benchmark data (issue 10): many authorities at realistic volume plus one big one, generated in
 * PostgreSQL itself (generate_series, bulk INSERT … SELECT), reproducible from a seed.
 *
 *   source tools/scripts/use-node.sh
 *   DATABASE_OWNER_URL=postgresql://… node tools/bench/generate.mts [--tenants 100] [--years 3] [--seed 1] [--no-big] [--reference-date 2026-12-01]
 *
 * (`--tenants 1000` is the variant for the tenant-scaling target; `--years 1` makes it a third
 * of the size, as the target is about the number of authorities, not their history.)
 *
 * What it writes (per realistic tenant, "bench-0001" …, like a county or a town): 15 organizations
 * (council, committees, factions), 60 persons with memberships, 80 meetings a year with agendas
 * (public and non-public items, paper items linked to consultations), 300 papers a year with
 * 1–3 consultations and 1–2 files each, every file version with a few KB of extracted German text,
 * and the papers' search documents. The big tenant ("bench-big") has 10,000 papers, 3,000 meetings
 * and 20,000 files with text. 100 realistic tenants × 3 years + the big one = 100,000 papers.
 *
 * Reproducible: every id is md5(seed / tenant / kind / n) shaped as a UUID (version 4 bits) and
 * every choice a hash of the same key, never random(), so the same seed and reference date give the
 * same rows in any order of evaluation. Timestamps are spread over the years before the reference
 * date (default 2026-12-01, fixed, so that a run next month writes the same rows).
 *
 * How it writes: as the owner role (DATABASE_OWNER_URL), in ONE transaction; each tenant's rows
 * after `set_config('app.tenant_id', …)`, so FORCE'd row-level security checks every row. The
 * `touch` triggers (created_at/updated_at := now()) and the public-data version triggers are
 * disabled for that transaction only (ALTER TABLE … DISABLE TRIGGER, rolled back on failure), so
 * created/modified can lie in the past; foreign keys and checks stay on. VACUUM ANALYZE at the end.
 *
 * The files have no blobs: their versions carry uploaded_by_name = BENCH_NO_BLOB_MARK, and a
 * download scenario must not pick them (their storage_key points nowhere).
 */
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import {
  COMMITTEES, COMPOUNDS, DEPARTMENTS, FACTIONS, FAMILY_NAMES, FILLER_NOUNS, GIVEN_NAMES, OPENERS, PAPER_SUBJECTS, PAPER_TYPES, STREETS, VERB_PHRASES,
} from './vocabulary.mts';

export const BENCH_NO_BLOB_MARK = 'Benchmark-Generator (ohne Datei)';
export const BIG_TENANT_SLUG = 'bench-big';
export const benchTenantSlug = (i: number) => `bench-${String(i).padStart(4, '0')}`;

export interface TenantProfile {
  organizations: number;
  persons: number;
  years: number;
  papers: number;
  meetings: number;
  /** Each paper has a main file; this share also has an attachment (1 → exactly 2 files per paper). */
  attachmentShare: number;
  /** Paragraphs (~450 characters each) of extracted text per file. */
  paragraphs: number;
}

/** A county or town: 15 organizations, 60 persons, 80 meetings and 300 papers a year, 3 years. */
export const REALISTIC: TenantProfile = { organizations: 15, persons: 60, years: 3, papers: 900, meetings: 240, attachmentShare: 0.7, paragraphs: 3 };
/** The realistic profile over another number of years (300 papers and 80 meetings a year). */
export const realisticYears = (years: number): TenantProfile => ({ ...REALISTIC, years, papers: 300 * years, meetings: 80 * years });
/** The one big authority: 10,000 papers, 3,000 meetings, 20,000 files with text, over 10 years. */
export const BIG: TenantProfile = { organizations: 30, persons: 120, years: 10, papers: 10_000, meetings: 3_000, attachmentShare: 1, paragraphs: 8 };

export interface GenerateOptions {
  ownerUrl: string;
  seed?: string;
  /** Realistic tenants (default 100). */
  tenants?: number;
  profile?: TenantProfile;
  /** The big tenant's profile; null: none. */
  big?: TenantProfile | null;
  referenceDate?: Date;
  log?: (m: string) => void;
  /** Skip VACUUM ANALYZE (tests). */
  skipVacuum?: boolean;
}

export interface GeneratedTenant {
  id: string;
  slug: string;
  big: boolean;
}

export interface GenerateResult {
  tenants: GeneratedTenant[];
  /** Rows per table, over all generated tenants. */
  counts: Record<string, number>;
  /** Milliseconds per phase. */
  timings: Record<string, number>;
}

/** Tables the generator writes, in insertion order (also the order of the counts). */
export const GENERATED_TABLES = [
  'tenants', 'legislative_terms', 'locations', 'organizations', 'persons', 'memberships', 'paper_types', 'papers', 'paper_number_counters',
  'consultations', 'meetings', 'agenda_items', 'files', 'file_versions', 'search_documents',
] as const;

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const sqlArray = (a: readonly string[]) => `ARRAY[${a.map(sqlText).join(',')}]::text[]`;

/**
 * Session helpers (temporary functions, gone with the connection): a UUID, a number in [0, 1) and
 * an index in [0, n) from a key, all md5 of the key, so the same key gives the same value.
 */
const HELPERS = `
CREATE FUNCTION pg_temp.bid(k text) RETURNS uuid LANGUAGE sql IMMUTABLE AS
  $$ SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid FROM (SELECT md5(k) AS h) x $$;
CREATE FUNCTION pg_temp.bu(k text) RETURNS double precision LANGUAGE sql IMMUTABLE AS
  $$ SELECT ('x' || substr(md5(k), 1, 8))::bit(32)::bigint / 4294967296.0 $$;
CREATE FUNCTION pg_temp.bi(k text, n integer) RETURNS integer LANGUAGE sql IMMUTABLE AS
  $$ SELECT (('x' || substr(md5(k), 1, 8))::bit(32)::bigint % n)::integer $$;
`;

/** The pool of paragraphs the files' texts are made of (a temporary table, per seed). */
function paragraphPoolSql(seed: string, size: number): string {
  const s = sqlText(seed);
  // Specific words skewed (u²) toward the front of the list, like real vocabularies.
  const compound = (k: string) => `(${sqlArray(COMPOUNDS)})[1 + floor(${COMPOUNDS.length} * pg_temp.bu(${k}) ^ 2)::int]`;
  const pick = (arr: readonly string[], k: string) => `(${sqlArray(arr)})[1 + pg_temp.bi(${k}, ${arr.length})]`;
  const key = (what: string) => `${s} || '/para/' || p || '/' || x || '/${what}'`;
  return `
CREATE TEMP TABLE bench_paragraphs (i integer PRIMARY KEY, text text NOT NULL) ON COMMIT DROP;
INSERT INTO bench_paragraphs (i, text)
SELECT p - 1, string_agg(
    ${pick(OPENERS, key('o'))} || ' ' || lower(${pick(['betrifft die', 'zur', 'für die', 'bei der'], key('prep'))}) || ' ' || ${compound(key('c1'))}
    || ' in der ' || ${pick(STREETS, key('s'))} || ': Die ' || ${compound(key('c2'))} || ' ' || ${pick(VERB_PHRASES, key('v'))} || '. '
    || ${pick(FILLER_NOUNS, key('f1'))} || ' und ' || ${pick(FILLER_NOUNS, key('f2'))} || ' halten die ' || ${compound(key('c3'))}
    || ' für ' || ${pick(['notwendig', 'wirtschaftlich', 'vordringlich', 'vertretbar', 'förderfähig'], key('a'))} || ' (Kosten rund '
    || (1000 * (5 + pg_temp.bi(${key('e')}, 900)))::text || ' Euro).', ' ' ORDER BY x)
  FROM generate_series(1, ${size}) p, generate_series(1, 3) x
 GROUP BY p;`;
}

interface TenantSpec {
  index: number;
  id: string;
  slug: string;
  name: string;
  kind: 'county' | 'town' | 'municipality';
  ags: string;
  profile: TenantProfile;
  big: boolean;
}

/**
 * The statements of one tenant, run after set_config('app.tenant_id'). Parameters: $1 tenant id,
 * $2 key prefix (seed/tenant), $3 reference date (timestamptz). Each statement is one INSERT …
 * SELECT over generate_series (or over the rows inserted before).
 */
function tenantStatements(t: TenantSpec, paragraphPool: number, dbRefresh: boolean): { table: string; sql: string }[] {
  const P = t.profile;
  const K = `$2::text`;
  const R = `$3::timestamptz`;
  const id = (kind: string, n: string) => `pg_temp.bid(${K} || '/${kind}/' || ${n})`;
  const u = (kind: string, n: string) => `pg_temp.bu(${K} || '/${kind}/' || ${n})`;
  const idx = (kind: string, n: string, m: number | string) => `pg_temp.bi(${K} || '/${kind}/' || ${n}, ${m})`;
  const periodStart = `(${R} - interval '${P.years} years')`;
  const span = `(${R} - ${periodStart})`;
  const committees = Math.max(1, P.organizations - 1 - Math.min(FACTIONS.length, 5));
  const factions = P.organizations - 1 - committees;
  const councilName = t.kind === 'county' ? 'Kreistag' : t.kind === 'town' ? 'Stadtrat' : 'Gemeinderat';
  const councilSeats = Math.floor(P.persons * 0.6);
  const terms = Math.ceil(P.years / 5) + 1;

  return [
    {
      table: 'legislative_terms',
      sql: `INSERT INTO legislative_terms (id, tenant_id, name, start_date, end_date, created_at, updated_at)
        SELECT ${id('term', 'n')}, $1, 'Wahlperiode ' || y || '–' || (y + 5), make_date(y, 6, 1), make_date(y + 5, 5, 31), ${periodStart}, ${periodStart}
          FROM generate_series(1, ${terms}) n, LATERAL (SELECT extract(year FROM ${R})::int - 5 * (${terms} - n) - 2 AS y) x`,
    },
    {
      table: 'locations',
      sql: `INSERT INTO locations (id, tenant_id, description, room, street_address, postal_code, locality, created_at, updated_at)
        SELECT ${id('loc', 'n')}, $1, (ARRAY['Ratssaal, Rathaus', 'Sitzungsraum 1, Rathaus', 'Bürgerhaus'])[n], (ARRAY['Ratssaal', 'Raum 1.12', 'Saal'])[n],
               (ARRAY['Markt 1', 'Markt 1', 'Schulstraße 4'])[n], '39288', ${sqlText(t.name)}, ${periodStart}, ${periodStart}
          FROM generate_series(1, 3) n`,
    },
    {
      // 1: the council; 2 … 1+committees: committees; then factions.
      table: 'organizations',
      sql: `INSERT INTO organizations (id, tenant_id, name, short_name, organization_type, classification, start_date, location_id, created_at, updated_at)
        SELECT ${id('org', 'n')}, $1,
               CASE WHEN n = 1 THEN ${sqlText(councilName)} WHEN n <= ${1 + committees} THEN (${sqlArray(COMMITTEES)})[n - 1] ELSE (${sqlArray(FACTIONS.map((f) => f[0]))})[n - ${1 + committees}] END,
               CASE WHEN n > ${1 + committees} THEN (${sqlArray(FACTIONS.map((f) => f[1]))})[n - ${1 + committees}] END,
               (CASE WHEN n = 1 THEN 'council' WHEN n <= ${1 + committees} THEN 'committee' ELSE 'faction' END)::organization_type,
               CASE WHEN n = 1 THEN 'Hauptorgan' WHEN n <= ${1 + committees} THEN 'Ausschuss' ELSE 'Fraktion' END,
               (${periodStart})::date, CASE WHEN n <= ${1 + committees} THEN ${id('loc', "'1'")} END,
               ${periodStart}, ${periodStart} + ${u('orgmod', 'n')} * ${span}
          FROM generate_series(1, ${1 + committees + factions}) n`,
    },
    {
      table: 'persons',
      sql: `INSERT INTO persons (id, tenant_id, family_name, given_name, form_of_address, title, created_at, updated_at)
        SELECT ${id('person', 'n')}, $1, (${sqlArray(FAMILY_NAMES)})[1 + ${idx('fam', 'n', FAMILY_NAMES.length)}],
               (${sqlArray(GIVEN_NAMES)})[1 + g], CASE WHEN g % 2 = 0 THEN 'Frau' ELSE 'Herr' END,
               CASE WHEN ${u('dr', 'n')} < 0.08 THEN 'Dr.' END, ${periodStart}, ${periodStart} + ${u('permod', 'n')} * ${span}
          FROM generate_series(1, ${P.persons}) n, LATERAL (SELECT ${idx('given', 'n', GIVEN_NAMES.length)} AS g) x`,
    },
    {
      // Council seats (on behalf of a faction), the faction itself, and one or two committees.
      table: 'memberships',
      sql: `INSERT INTO memberships (id, tenant_id, person_id, organization_id, role, voting_right, start_date, on_behalf_of_id, created_at, updated_at)
        SELECT ${id('ms', "n || '/' || kind")}, $1, ${id('person', 'n')}, org, role, kind <> 'c2', (${periodStart})::date, behalf, ${periodStart}, ${periodStart}
          FROM generate_series(1, ${P.persons}) n,
               LATERAL (SELECT ${id('org', `(${2 + committees} + (n % ${factions}))`)} AS faction) f,
               LATERAL (VALUES
                 ('council', CASE WHEN n <= ${councilSeats} THEN ${id('org', "'1'")} END, CASE WHEN n = 1 THEN 'Vorsitzende(r)' ELSE 'Mitglied' END, f.faction),
                 ('faction', CASE WHEN n <= ${councilSeats} THEN f.faction END, CASE WHEN n <= ${factions} THEN 'Fraktionsvorsitzende(r)' ELSE 'Mitglied' END, NULL::uuid),
                 ('c1', ${id('org', `(2 + (n % ${committees}))`)}, CASE WHEN n > ${councilSeats} THEN 'Sachkundige(r) Einwohner(in)' ELSE 'Mitglied' END, NULL::uuid),
                 ('c2', CASE WHEN n % 3 = 0 AND ${committees} > 1 THEN ${id('org', `(2 + ((n / 3) % ${committees}))`)} END, 'Stellvertretendes Mitglied', NULL::uuid)
               ) v(kind, org, role, behalf)
         WHERE org IS NOT NULL AND NOT (kind = 'c2' AND org = ${id('org', `(2 + (n % ${committees}))`)})`,
    },
    {
      table: 'paper_types',
      sql: `INSERT INTO paper_types (id, tenant_id, name, abbreviation, sort_order, created_at, updated_at)
        SELECT ${id('ptype', 'n')}, $1, (${sqlArray(PAPER_TYPES.map((p) => p[0]))})[n], (${sqlArray(PAPER_TYPES.map((p) => p[1]))})[n], n, ${periodStart}, ${periodStart}
          FROM generate_series(1, ${PAPER_TYPES.length}) n`,
    },
    {
      // Dates spread evenly over the years; type 55 % BV, 20 % A, 15 % AF, 10 % IV; numbered per
      // type and year in date order; 93 % public; 3 % drafts, 2 % withdrawn.
      table: 'papers',
      sql: `INSERT INTO papers (id, tenant_id, paper_type_id, reference, reference_year, reference_sequence, name, date, public, status, responsible_department, created_at, updated_at)
        SELECT pid, $1, ${id('ptype', 'ty')}, (${sqlArray(PAPER_TYPES.map((p) => p[1]))})[ty] || '/' || lpad(seq::text, 4, '0') || '/' || yr, yr, seq,
               (${sqlArray(PAPER_SUBJECTS)})[1 + ${idx('subj', 'n', PAPER_SUBJECTS.length)}] || ' ' || (${sqlArray(COMPOUNDS)})[1 + ${idx('topic', 'n', COMPOUNDS.length)}]
                 || CASE WHEN ${u('street', 'n')} < 0.5 THEN ' in der ' || (${sqlArray(STREETS)})[1 + ${idx('st', 'n', STREETS.length)}] ELSE '' END,
               d, ${u('pub', 'n')} >= 0.07, (CASE WHEN st < 0.03 THEN 'draft' WHEN st < 0.05 THEN 'withdrawn' ELSE 'released' END)::paper_status,
               (${sqlArray(DEPARTMENTS)})[1 + ${idx('dep', 'n', DEPARTMENTS.length)}],
               created, least(created + ${u('pmod', 'n')} ^ 3 * interval '400 days', ${R})
          FROM (
            SELECT n, ${id('paper', 'n')} AS pid, ty, d, extract(year FROM d)::int AS yr, ${u('status', 'n')} AS st,
                   least(d + interval '8 hours' + ${u('ctime', 'n')} * interval '9 hours', ${R} - interval '1 hour') AS created,
                   row_number() OVER (PARTITION BY ty, extract(year FROM d) ORDER BY d, n) AS seq
              FROM generate_series(1, ${P.papers}) n,
                   LATERAL (SELECT CASE WHEN r < 0.55 THEN 1 WHEN r < 0.75 THEN 2 WHEN r < 0.90 THEN 3 ELSE 4 END AS ty FROM (SELECT ${u('type', 'n')} AS r) r) x,
                   LATERAL (SELECT (${periodStart} + ((n - 1)::double precision / ${P.papers}) * ${span})::date AS d) y
          ) p`,
    },
    {
      table: 'paper_number_counters',
      sql: `INSERT INTO paper_number_counters (id, tenant_id, paper_type_id, year, last_value)
        SELECT ${id('counter', "paper_type_id || '/' || reference_year")}, $1, paper_type_id, reference_year, max(reference_sequence)
          FROM papers WHERE tenant_id = $1 GROUP BY paper_type_id, reference_year`,
    },
    {
      // 1–3 steps: committees first (preliminary), the council last (decides).
      table: 'consultations',
      sql: `INSERT INTO consultations (id, tenant_id, paper_id, organization_id, position, authoritative, role, created_at, updated_at)
        SELECT ${id('cons', "p.id || '/' || k")}, $1, p.id,
               CASE WHEN k = steps THEN ${id('org', "'1'")} ELSE ${id('org', `(2 + ${idx('corg', "p.id || '/' || k", committees)})`)} END,
               k, k = steps, CASE WHEN k = steps THEN 'Entscheidung' ELSE 'Vorberatung' END, p.created_at, p.updated_at
          FROM papers p, LATERAL (SELECT 1 + ${idx('steps', 'p.id', 3)} AS steps) s, generate_series(1, s.steps) k
         WHERE p.tenant_id = $1`,
    },
    {
      // Evenly over the years and four months ahead; the council every fourth meeting. Past:
      // held; the next two weeks: invited; later: planned. 2 % cancelled.
      table: 'meetings',
      sql: `INSERT INTO meetings (id, tenant_id, organization_id, name, start, "end", location_id, meeting_state, cancelled, cancelled_reason, ical_sequence, created_at, updated_at)
        SELECT ${id('meeting', 'n')}, $1, org, o.name || ' – ' || to_char(st, 'DD.MM.YYYY'), st, st + interval '150 minutes', ${id('loc', `(1 + ${idx('mloc', 'n', 3)})`)},
               (CASE WHEN st < ${R} THEN 'held' WHEN st < ${R} + interval '14 days' THEN 'invited' ELSE 'planned' END)::meeting_state,
               cx, CASE WHEN cx THEN 'Die Sitzung entfällt mangels Beratungsgegenständen.' END, CASE WHEN st < ${R} + interval '14 days' THEN 1 ELSE 0 END,
               least(st - interval '28 days', ${R}), least(greatest(st - interval '28 days', st + ${u('mmod', 'n')} * interval '20 days'), ${R})
          FROM generate_series(1, ${P.meetings}) n,
               LATERAL (SELECT CASE WHEN n % 4 = 0 THEN ${id('org', "'1'")} ELSE ${id('org', `(2 + ${idx('morg', 'n', committees)})`)} END AS org,
                               ${u('cancel', 'n')} < 0.02 AS cx,
                               date_trunc('day', ${periodStart} + ((n - 1)::double precision / ${P.meetings}) * (${span} + interval '120 days')) + interval '16 hours' AS st) x
          JOIN organizations o ON o.tenant_id = $1 AND o.id = x.org`,
    },
    {
      // Per meeting: opening, agenda, the consultations of its organization whose paper is
      // dated in the 6 weeks before (at most 10), questions, and 0–2 non-public items.
      table: 'agenda_items',
      sql: `WITH m AS (SELECT id, organization_id, start, created_at, updated_at FROM meetings WHERE tenant_id = $1),
             pi AS (
               SELECT m.id AS meeting_id, c.id AS consultation_id, p.name, row_number() OVER (PARTITION BY m.id ORDER BY p.date, p.id) AS rn
                 FROM m JOIN consultations c ON c.tenant_id = $1 AND c.organization_id = m.organization_id
                 JOIN papers p ON p.tenant_id = $1 AND p.id = c.paper_id
                WHERE p.public AND p.status <> 'draft' AND p.date >= (m.start - interval '42 days')::date AND p.date < m.start::date),
             items AS (
               SELECT id AS meeting_id, 1 AS grp, 1::bigint AS sub, 'Eröffnung der Sitzung und Feststellung der Beschlussfähigkeit' AS name, NULL::uuid AS consultation_id, true AS public FROM m
               UNION ALL SELECT id, 2, 1, 'Feststellung der Tagesordnung', NULL, true FROM m
               UNION ALL SELECT meeting_id, 3, rn, name, consultation_id, true FROM pi WHERE rn <= 10
               UNION ALL SELECT id, 4, 1, 'Anfragen und Mitteilungen', NULL, true FROM m
               UNION ALL SELECT id, 5, k, (ARRAY['Grundstücksangelegenheiten', 'Personalangelegenheiten'])[k], NULL, false
                 FROM m, generate_series(1, ${idx('npub', 'm.id', 3)}) k)
        INSERT INTO agenda_items (id, tenant_id, meeting_id, "order", number, name, public, result, consultation_id, created_at, updated_at)
        SELECT ${id('item', "i.meeting_id || '/' || grp || '/' || sub")}, $1, i.meeting_id, ord,
               CASE WHEN i.public THEN 'Ö ' || ord ELSE 'N ' || (ord - pubs) END, i.name, i.public,
               CASE WHEN m.start < ${R} AND i.consultation_id IS NOT NULL THEN (ARRAY['Beschlossen', 'Zur Kenntnis genommen', 'Vertagt'])[1 + ${idx('res', "i.meeting_id || '/' || sub", 3)}] END,
               i.consultation_id, m.created_at, m.updated_at
          FROM (SELECT items.*, row_number() OVER (PARTITION BY meeting_id ORDER BY grp, sub) AS ord,
                       count(*) FILTER (WHERE public) OVER (PARTITION BY meeting_id) AS pubs FROM items) i
          JOIN m ON m.id = i.meeting_id`,
    },
    {
      // The main file ("Vorlage") and, for a share of the papers, an attachment; 5 % of the
      // attachments and every file of a non-public paper are non-public.
      table: 'files',
      sql: `INSERT INTO files (id, tenant_id, name, public, paper_id, sort_order, created_at, updated_at)
        SELECT ${id('file', "p.id || '/' || k")}, $1,
               CASE WHEN k = 1 THEN (SELECT name FROM paper_types WHERE tenant_id = $1 AND id = p.paper_type_id) ELSE 'Anlage 1 – ' || (${sqlArray(['Lageplan', 'Kostenschätzung', 'Stellungnahme', 'Gutachten', 'Kostenaufstellung'])})[1 + ${idx('att', 'p.id', 5)}] END,
               p.public AND NOT (k = 2 AND ${u('fpub', 'p.id')} < 0.05), p.id, k - 1, p.created_at, p.updated_at
          FROM papers p, generate_series(1, 2) k
         WHERE p.tenant_id = $1 AND (k = 1 OR ${u('hasatt', 'p.id')} < ${P.attachmentShare})`,
    },
    {
      table: 'file_versions',
      sql: `INSERT INTO file_versions (id, tenant_id, file_id, number, file_name, mime_type, size, sha512, storage_key, text, text_extracted_at, text_extraction_method, text_page_count, uploaded_by_name, created_at, updated_at)
        SELECT ${id('fv', 'f.id')}, $1, f.id, 1, replace(p.reference, '/', '-') || CASE WHEN f.sort_order = 0 THEN '' ELSE '-anlage' END || '.pdf', 'application/pdf',
               length(body) * 3, encode(sha512(convert_to(body, 'UTF8')), 'hex'), $1 || '/' || f.id, body, f.created_at, 'pdftotext', 1 + length(body) / 2500,
               ${sqlText(BENCH_NO_BLOB_MARK)}, f.created_at, f.updated_at
          FROM files f JOIN papers p ON p.tenant_id = $1 AND p.id = f.paper_id,
               LATERAL (
                 SELECT p.reference || E'\\n' || f.name || ': ' || p.name || E'\\n\\nSachverhalt:\\n'
                        || string_agg(bp.text, E'\\n\\n' ORDER BY j) || E'\\n\\nBeschlussvorschlag:\\nDer ' || ${sqlText(councilName)} || ' beschließt die ' || p.name || '.' AS body
                   FROM generate_series(1, ${P.paragraphs}) j
                   JOIN bench_paragraphs bp ON bp.i = ${idx('para', "f.id || '/' || j", paragraphPool)}
               ) t
         WHERE f.tenant_id = $1`,
    },
    {
      table: 'papers (main files)',
      sql: `UPDATE papers p SET main_file_id = f.id FROM files f WHERE p.tenant_id = $1 AND f.tenant_id = $1 AND f.paper_id = p.id AND f.sort_order = 0`,
    },
    { table: 'search_documents', sql: dbRefresh ? SEARCH_REFRESH_SQL : paperSearchDocumentsSql() },
  ];
}

/**
 * When the database keeps the search documents itself (a `search_refresh(type, id)` function and
 * row triggers named `search_document`, the search design of issue 10), the generator turns those
 * triggers off for its transaction like the touch triggers and asks the function once per row
 * afterwards, so every document is exactly what a write through the API would have made.
 */
const SEARCH_REFRESH_SQL = `SELECT count(*) FROM (
    SELECT search_refresh(s.t, s.id) AS r FROM (
      SELECT 'paper' AS t, id FROM papers WHERE tenant_id = $1
      UNION ALL SELECT 'meeting', id FROM meetings WHERE tenant_id = $1
      UNION ALL SELECT 'agenda_item', id FROM agenda_items WHERE tenant_id = $1
      UNION ALL SELECT 'file', id FROM files WHERE tenant_id = $1) s) x`;

/**
 * The papers' search documents, as PapersService.reindex writes them (title `${reference}
 * ${name}`, body: reference, name, type, department, consultation organizations; public when the
 * paper is public and not a draft) plus the text of the paper's PUBLIC files (the search design
 * of issue 10 indexes file text; a non-public file's text must never be found by the public).
 * $1: the tenant, $2: the key prefix of the ids. One function, so the integrator can follow a change of the index's shape.
 */
export function paperSearchDocumentsSql(): string {
  return `INSERT INTO search_documents (id, tenant_id, entity_type, entity_id, public, title, body, created_at, updated_at)
    SELECT pg_temp.bid($2::text || '/sdoc/' || p.id), $1, 'paper', p.id, p.public AND p.status <> 'draft', p.reference || ' ' || p.name,
           left(concat_ws(E'\\n', p.reference, p.name, pt.name, p.responsible_department,
                     (SELECT string_agg(o.name, E'\\n' ORDER BY c.position) FROM consultations c JOIN organizations o ON o.tenant_id = $1 AND o.id = c.organization_id
                       WHERE c.tenant_id = $1 AND c.paper_id = p.id AND c.deleted_at IS NULL),
                     (SELECT string_agg(v.text, E'\\n\\n' ORDER BY f.sort_order) FROM files f JOIN file_versions v ON v.tenant_id = $1 AND v.file_id = f.id AND v.number = f.current_version
                       WHERE f.tenant_id = $1 AND f.paper_id = p.id AND f.public AND f.deleted_at IS NULL AND v.text IS NOT NULL)), 500000),
           p.created_at, p.updated_at
      FROM papers p JOIN paper_types pt ON pt.tenant_id = $1 AND pt.id = p.paper_type_id
     WHERE p.tenant_id = $1 AND p.deleted_at IS NULL`;
}

function tenantSpecs(seed: string, count: number, profile: TenantProfile, big: TenantProfile | null): TenantSpec[] {
  const kinds = ['town', 'municipality', 'county'] as const;
  const specs: TenantSpec[] = [];
  for (let i = 1; i <= count; i++) {
    specs.push({ index: i, id: '', slug: benchTenantSlug(i), name: `Benchstadt ${String(i).padStart(4, '0')}`, kind: kinds[i % 3] ?? 'town', ags: `169${String(i).padStart(5, '0')}`, profile, big: false });
  }
  if (big) specs.push({ index: 0, id: '', slug: BIG_TENANT_SLUG, name: 'Große Benchstadt', kind: 'town', ags: '16800000', profile: big, big: true });
  return specs;
}

/** Generates everything in one transaction; throws (and leaves nothing behind) on any error. */
export async function generate(o: GenerateOptions): Promise<GenerateResult> {
  const seed = o.seed ?? '1';
  const log = o.log ?? (() => undefined);
  const ref = o.referenceDate ?? new Date('2026-12-01T00:00:00Z');
  const specs = tenantSpecs(seed, o.tenants ?? 100, o.profile ?? REALISTIC, o.big === undefined ? BIG : o.big);
  const timings: Record<string, number> = {};
  const perTable: Record<string, number> = Object.fromEntries(GENERATED_TABLES.map((t) => [t, 0]));
  const client = new pg.Client({ connectionString: o.ownerUrl });
  await client.connect();
  const started = performance.now();
  try {
    await client.query(HELPERS);
    await client.query('BEGIN');
    await client.query("SET LOCAL synchronous_commit = off; SET LOCAL maintenance_work_mem = '256MB'; SET LOCAL work_mem = '64MB'; SET LOCAL jit = off");
    const taken = await client.query<{ slug: string }>('SELECT slug FROM tenants WHERE slug = ANY($1::text[]) OR ags = ANY($2::text[])', [specs.map((s) => s.slug), specs.map((s) => s.ags)]);
    if (taken.rows.length) throw new Error(`bench tenants exist already (${taken.rows.slice(0, 3).map((r) => r.slug).join(', ')}…): generate into a fresh database`);

    // created_at/updated_at as generated (also not moved by the embedded-modified propagation of
    // ADR 0019), no version bumps: for this transaction only.
    const triggers = await client.query<{ rel: string; name: string }>(
      `SELECT c.relname AS rel, t.tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND t.tgname IN ('touch', 'public_data_version', 'search_document', 'oparl_modified_insert', 'oparl_modified_update', 'oparl_modified_delete', 'oparl_body_modified') AND c.relname = ANY($1::text[])`,
      [GENERATED_TABLES],
    );
    const dbRefresh = (await client.query<{ ok: boolean }>(`SELECT to_regprocedure('search_refresh(text,uuid)') IS NOT NULL AS ok`)).rows[0]?.ok === true;
    if (dbRefresh) log('search documents: by the database function search_refresh()');
    for (const t of triggers.rows) await client.query(`ALTER TABLE ${client.escapeIdentifier(t.rel)} DISABLE TRIGGER ${client.escapeIdentifier(t.name)}`);

    // The full-text index is built once at the end (as its migration defines it, whatever that
    // is then), which is many times faster than growing it row by row.
    const gin = await client.query<{ name: string; def: string }>(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'search_documents' AND indexdef ILIKE '%USING gin%'`,
    );
    for (const i of gin.rows) await client.query(`DROP INDEX ${client.escapeIdentifier(i.name)}`);

    const pool = 4000;
    let t0 = performance.now();
    await client.query(paragraphPoolSql(seed, pool));
    timings['text pool'] = Math.round(performance.now() - t0);

    for (const [n, spec] of specs.entries()) {
      t0 = performance.now();
      const key = `${seed}/${spec.slug}`;
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO tenants (id, slug, name, kind, ags, status, created_at, updated_at)
         VALUES (pg_temp.bid($1 || '/tenant'), $2, $3, $4::tenant_kind, $5, 'active', $6::timestamptz - interval '${spec.profile.years} years', $6::timestamptz - interval '${spec.profile.years} years')
         RETURNING id`,
        [key, spec.slug, spec.name, spec.kind, spec.ags, ref.toISOString()],
      );
      spec.id = rows[0]?.id ?? '';
      perTable['tenants'] = (perTable['tenants'] ?? 0) + 1;
      await client.query("SELECT set_config('app.tenant_id', $1, true)", [spec.id]);
      for (const s of tenantStatements(spec, pool, dbRefresh)) {
        const ts = performance.now();
        const sql = s.sql.replace(/\$1(?![0-9:])/g, '$$1::uuid');
        const r = await client.query(sql, [spec.id, key, ref.toISOString()].slice(0, maxParam(sql)));
        const n = s.sql === SEARCH_REFRESH_SQL ? Number((r.rows[0] as { count?: string } | undefined)?.count ?? 0) : (r.rowCount ?? 0);
        if (s.table in perTable) perTable[s.table] = (perTable[s.table] ?? 0) + n;
        const tk = spec.big ? `big: ${s.table}` : `realistic: ${s.table}`;
        timings[tk] = Math.round((timings[tk] ?? 0) + performance.now() - ts);
      }
      const ms = Math.round(performance.now() - t0);
      if (spec.big) {
        timings['big tenant'] = ms;
        log(`${spec.slug}: ${ms} ms`);
      } else if (n === 0 || (n + 1) % 25 === 0) log(`${n + 1}/${specs.length} tenants (${spec.slug}: ${ms} ms)`);
    }
    await client.query("SELECT set_config('app.tenant_id', '', true)");
    t0 = performance.now();
    // Serially: a parallel GIN build's workers fail to load btree_gin from the embedded server's
    // library folder ("could not access file "btree_gin"").
    await client.query('SET LOCAL max_parallel_maintenance_workers = 0');
    for (const i of gin.rows) await client.query(i.def);
    timings['search index build'] = Math.round(performance.now() - t0);
    for (const t of triggers.rows) await client.query(`ALTER TABLE ${client.escapeIdentifier(t.rel)} ENABLE TRIGGER ${client.escapeIdentifier(t.name)}`);
    t0 = performance.now();
    await client.query('COMMIT');
    timings['commit'] = Math.round(performance.now() - t0);
    timings['insert total'] = Math.round(performance.now() - started);
    if (!o.skipVacuum) {
      t0 = performance.now();
      for (const table of GENERATED_TABLES) await client.query(`VACUUM (ANALYZE) ${client.escapeIdentifier(table)}`);
      timings['vacuum analyze'] = Math.round(performance.now() - t0);
    }
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
  timings['total'] = Math.round(performance.now() - started);
  return { tenants: specs.map((s) => ({ id: s.id, slug: s.slug, big: s.big })), counts: perTable, timings };
}

/** The highest $n a statement uses (pg refuses unused parameters it cannot type). */
function maxParam(sql: string): number {
  let max = 0;
  for (const m of sql.matchAll(/\$(\d+)/g)) max = Math.max(max, Number(m[1]));
  return max;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const ownerUrl = process.env['DATABASE_OWNER_URL'];
  if (!ownerUrl) {
    console.error('DATABASE_OWNER_URL is not set (the owner role: it writes past the touch triggers)');
    process.exit(2);
  }
  const tenants = Number(arg('tenants') ?? process.env['BENCH_TENANTS'] ?? 100);
  const refArg = arg('reference-date');
  const r = await generate({
    ownerUrl,
    seed: arg('seed') ?? process.env['BENCH_SEED'] ?? '1',
    tenants,
    profile: realisticYears(Number(arg('years') ?? process.env['BENCH_YEARS'] ?? REALISTIC.years)),
    big: args.includes('--no-big') ? null : BIG,
    ...(refArg ? { referenceDate: new Date(`${refArg}T00:00:00Z`) } : {}),
    log: (m) => console.error(`[generate] ${m}`),
  });
  console.log(JSON.stringify({ counts: r.counts, timings: r.timings }, null, 2));
}

/**
 * The expand/contract rule for migrations (docs/adr/0022-expand-contract-migrations.md): during a
 * rolling update the previous release's api and worker run against the migrated schema, so a
 * migration may only ADD what the old code does not know. Statements that take away or narrow
 * what old code uses ("contract" statements) are allowed only in a later release, once no old
 * code runs, and each must say so with a `-- contract: <why it is safe now>` comment right above
 * it (or on its line). Objects created in the same migration are exempt (no old code knows them).
 *
 *   node tools/db/expand-contract.mts [migrations dir]   → lists findings, exit 1 on a violation
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Statement {
  /** The statement without comments, whitespace collapsed. */
  sql: string;
  /** Comments right above it and on its lines. */
  comments: string;
  line: number;
}

export interface Finding {
  migration: string;
  line: number;
  rule: string;
  statement: string;
  /** Carries a `contract:` justification. */
  justified: boolean;
}

/** Splits SQL into statements on `;` outside quotes, dollar-quoted bodies and comments. */
export function splitStatements(sql: string): Statement[] {
  const out: Statement[] = [];
  let text = '';
  let comments = '';
  let line = 1;
  let startLine = 0;
  let lastEndLine = 0;
  let i = 0;
  const push = () => {
    const s = text.replace(/\s+/g, ' ').trim();
    if (s) out.push({ sql: s, comments: comments.trim(), line: startLine || line });
    text = '';
    comments = '';
    startLine = 0;
  };
  while (i < sql.length) {
    const ch = sql[i];
    const rest = sql.slice(i);
    if (ch === '\n') line++;
    if (rest.startsWith('--')) {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      const previous = out[out.length - 1];
      // `…; -- contract: why` belongs to the statement it ends.
      if (!text.trim() && previous && lastEndLine === line) previous.comments += `\n${sql.slice(i + 2, stop)}`;
      else comments += sql.slice(i + 2, stop) + '\n';
      i = stop;
      continue;
    }
    if (rest.startsWith('/*')) {
      const end = sql.indexOf('*/', i + 2);
      const stop = end === -1 ? sql.length : end + 2;
      const body = sql.slice(i + 2, stop - 2);
      comments += body + '\n';
      line += (body.match(/\n/g) ?? []).length;
      i = stop;
      continue;
    }
    if (!/\s/.test(ch) && !startLine) startLine = line;
    const dollar = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(rest);
    if (dollar || ch === "'" || ch === '"') {
      const close = dollar ? dollar[0] : ch;
      const end = sql.indexOf(close, i + close.length);
      const stop = end === -1 ? sql.length : end + close.length;
      const chunk = sql.slice(i, stop);
      line += (chunk.match(/\n/g) ?? []).length;
      // Bodies stay opaque: their contents are not separate statements.
      text += dollar ? ` ${close}…${close} ` : chunk;
      i = stop;
      continue;
    }
    if (ch === ';') {
      push();
      lastEndLine = line;
      i++;
      continue;
    }
    text += ch;
    i++;
  }
  push();
  return out;
}

const ident = String.raw`(?:"[^"]+"|[A-Za-z_][\w$]*)(?:\.(?:"[^"]+"|[A-Za-z_][\w$]*))?`;
const unquote = (name: string) => (name.split('.').pop() ?? name).replace(/"/g, '').toLowerCase();

interface Rule {
  name: string;
  test(sql: string): string | null;
}

/** Each returns the object the statement takes away or narrows, or null. */
const RULES: Rule[] = [
  { name: 'DROP TABLE', test: (s) => new RegExp(String.raw`^DROP TABLE (?:IF EXISTS )?(${ident})`, 'i').exec(s)?.[1] ?? null },
  { name: 'DROP VIEW / FUNCTION / TYPE', test: (s) => new RegExp(String.raw`^DROP (?:MATERIALIZED VIEW|VIEW|FUNCTION|TYPE) (?:IF EXISTS )?(${ident})`, 'i').exec(s)?.[1] ?? null },
  { name: 'DROP COLUMN', test: (s) => new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?(${ident}) .*\bDROP (?:COLUMN )?(?!CONSTRAINT\b|DEFAULT\b|NOT NULL\b)(?:IF EXISTS )?${ident}`, 'i').exec(s)?.[1] ?? null },
  { name: 'RENAME', test: (s) => new RegExp(String.raw`^ALTER (?:TABLE|VIEW|TYPE|FUNCTION) (?:IF EXISTS )?(?:ONLY )?(${ident}).* RENAME (?:COLUMN |VALUE |TO |${ident} TO )`, 'i').exec(s)?.[1] ?? null },
  { name: 'ALTER COLUMN TYPE', test: (s) => new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?(${ident}) .*\bALTER (?:COLUMN )?${ident} (?:SET DATA )?TYPE\b`, 'i').exec(s)?.[1] ?? null },
  { name: 'SET NOT NULL', test: (s) => new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?(${ident}) .*\bSET NOT NULL\b`, 'i').exec(s)?.[1] ?? null },
  // Old code may write rows a new CHECK or UNIQUE refuses (NOT VALID spares existing rows, not new writes).
  { name: 'ADD CHECK / UNIQUE / EXCLUDE constraint', test: (s) => new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?(${ident}) .*\bADD (?:CONSTRAINT ${ident} )?(?:CHECK|UNIQUE|EXCLUDE)\b`, 'i').exec(s)?.[1] ?? null },
  { name: 'CREATE UNIQUE INDEX', test: (s) => new RegExp(String.raw`^CREATE UNIQUE INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?${ident} ON (?:ONLY )?(${ident})`, 'i').exec(s)?.[1] ?? null },
  {
    name: 'ADD COLUMN NOT NULL without DEFAULT',
    test: (s) => {
      const m = new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?(${ident}) (.*)$`, 'i').exec(s);
      if (!m) return null;
      const adds = m[2].split(/,\s*(?=ADD\b|ALTER\b|DROP\b)/i).filter((p) => /^ADD (?:COLUMN )?(?!CONSTRAINT\b)/i.test(p.trim()));
      return adds.some((a) => /\bNOT NULL\b/i.test(a) && !/\bDEFAULT\b|\bGENERATED\b/i.test(a)) ? m[1] : null;
    },
  },
];

/** The contract statements of one migration; objects it creates itself are exempt. */
export function checkMigration(migration: string, sql: string): Finding[] {
  const statements = splitStatements(sql);
  const created = new Set<string>();
  for (const s of statements) {
    const m = new RegExp(String.raw`^CREATE (?:OR REPLACE )?(?:UNLOGGED |TEMP(?:ORARY)? )?(?:TABLE|VIEW|MATERIALIZED VIEW|FUNCTION|TYPE) (?:IF NOT EXISTS )?(${ident})`, 'i').exec(s.sql);
    if (m) created.add(unquote(m[1]));
  }
  // Columns this migration adds: old code never writes them (they get their default), so a CHECK
  // that only reads them cannot refuse what old code writes.
  const added = new Map<string, Set<string>>();
  for (const s of statements) {
    const m = new RegExp(String.raw`^ALTER TABLE (?:IF EXISTS )?(?:ONLY )?(${ident}) (.*)$`, 'i').exec(s.sql);
    if (!m) continue;
    for (const part of m[2].split(/,\s*(?=ADD\b|ALTER\b|DROP\b)/i)) {
      const col = new RegExp(String.raw`^ADD (?:COLUMN )?(?:IF NOT EXISTS )?(?!CONSTRAINT\b)(${ident})`, 'i').exec(part.trim());
      if (col) added.set(unquote(m[1]), (added.get(unquote(m[1])) ?? new Set()).add(unquote(col[1])));
    }
  }
  const onlyNewColumns = (table: string, sql: string) => {
    const check = /\bCHECK\s*\(([\s\S]*)\)/i.exec(sql);
    if (!check) return false;
    const cols = [...check[1].matchAll(/"([^"]+)"/g)].map((c) => c[1].toLowerCase());
    return cols.length > 0 && cols.every((c) => added.get(table)?.has(c));
  };
  const findings: Finding[] = [];
  for (const s of statements) {
    for (const rule of RULES) {
      const target = rule.test(s.sql);
      if (!target) continue;
      // DROP of something created again in the same migration is a replacement (functions, views).
      if (created.has(unquote(target))) continue;
      if (rule.name.startsWith('ADD CHECK') && onlyNewColumns(unquote(target), s.sql)) continue;
      // A column dropped and added again under its name in the same migration (one transaction) is
      // redefined, e.g. a generated column's expression: old code finds it as before.
      if (rule.name === 'DROP COLUMN') {
        const col = new RegExp(String.raw`\bDROP (?:COLUMN )?(?:IF EXISTS )?(${ident})`, 'i').exec(s.sql)?.[1];
        if (col && added.get(unquote(target))?.has(unquote(col))) continue;
      }
      findings.push({ migration, line: s.line, rule: rule.name, statement: s.sql.slice(0, 160), justified: /\bcontract:\s*\S/i.test(s.comments) });
      break;
    }
  }
  return findings;
}

export function checkMigrations(dir: string): Finding[] {
  return readdirSync(dir)
    .filter((n) => statSync(join(dir, n)).isDirectory())
    .sort()
    .flatMap((n) => checkMigration(n, readFileSync(join(dir, n, 'migration.sql'), 'utf8')));
}

/**
 * Migrations written before the rule (docs/adr/0022): each ran before any installation had two
 * releases side by side. Their contract statements are listed, not repeated: every migration
 * after them follows the rule.
 */
export const GRANDFATHERED: readonly string[] = [
  '20261128100100_row_level_security',
  '20261128125601_one_account_per_person',
  '20261202100000_platform_isolation',
  '20261202150000_council_content',
  '20261202170000_sitzungsdienst',
];
/** The last migration written before the rule; nothing after it can be grandfathered. */
export const RULE_CUTOFF = '20261202170000_sitzungsdienst';

if (import.meta.main) {
  const dir = resolve(process.argv[2] ?? join(import.meta.dirname, '../../prisma/migrations'));
  const findings = checkMigrations(dir);
  let bad = 0;
  for (const f of findings) {
    const state = f.justified ? 'justified' : GRANDFATHERED.includes(f.migration) ? 'grandfathered' : 'VIOLATION';
    if (state === 'VIOLATION') bad++;
    console.log(`${state.padEnd(13)} ${f.migration}:${f.line} ${f.rule}: ${f.statement}`);
  }
  console.log(`${findings.length} contract statement(s), ${bad} violation(s)`);
  process.exit(bad ? 1 : 0);
}

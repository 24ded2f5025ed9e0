// Checks the translation files of the web app (run: `npx nx run web:i18n-check`).
//
// 1. transloco-keys-manager `find` extracts every key used in the web code (templates with the
//    transloco pipe/directive, `translate`/`selectTranslate` calls, `t(...)` marker comments)
//    and fails when a key is missing from de.json or en.json (exit 1) or when a file holds a key
//    no code uses (exit 2, `--emit-error-on-extra-keys`).
// 2. Own checks: both files are valid JSON, no value is empty, and every value uses the same
//    `{{placeholders}}` in both languages.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const workspaceRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const translationsDir = join(workspaceRoot, 'apps/web/public/i18n');
const languages = ['de', 'en'];
const sourceDirs = ['apps/web/src', 'libs/web/portal/src', 'libs/web/ui/src', 'libs/web/auth/src', 'libs/web/office/src', 'libs/web/operator/src'].map((dir) => join(workspaceRoot, dir));
const keysManager = join(workspaceRoot, 'node_modules/@jsverse/transloco-keys-manager/index.js');

const out = (line) => process.stdout.write(`${line}\n`);
const problems = [];

// keys-manager silently exits 0 when a path is wrong: check them first.
for (const dir of [translationsDir, ...sourceDirs]) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) problems.push(`missing directory: ${relative(workspaceRoot, dir)}`);
}
if (!existsSync(keysManager)) problems.push('@jsverse/transloco-keys-manager is not installed (npm ci)');

function flatten(value, prefix = '', into = new Map()) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, value);
  }
  return into;
}

const placeholders = (text) => [...String(text).matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort().join(',');

const translations = new Map();
for (const language of languages) {
  const file = join(translationsDir, `${language}.json`);
  try {
    translations.set(language, flatten(JSON.parse(readFileSync(file, 'utf8'))));
  } catch (error) {
    problems.push(`${relative(workspaceRoot, file)}: ${error.message}`);
  }
}

if (translations.size === languages.length) {
  const [first, ...others] = languages;
  for (const [key, value] of translations.get(first)) {
    for (const language of languages) {
      const text = translations.get(language).get(key);
      if (typeof text === 'string' && text.trim() === '') problems.push(`${language}.json: empty value for "${key}"`);
      if (text !== undefined && typeof text !== 'string') problems.push(`${language}.json: "${key}" is not a string`);
    }
    for (const language of others) {
      const text = translations.get(language).get(key);
      if (typeof text === 'string' && typeof value === 'string' && placeholders(text) !== placeholders(value)) {
        problems.push(`"${key}": placeholders differ between ${first}.json (${placeholders(value) || 'none'}) and ${language}.json (${placeholders(text) || 'none'})`);
      }
    }
  }
}

if (problems.length > 0) {
  for (const problem of problems) out(`i18n-check: ${problem}`);
  process.exit(1);
}

// Run from the app folder: keys-manager then finds apps/web/project.json instead of warning.
const appDir = join(workspaceRoot, 'apps/web');
const result = spawnSync(
  process.execPath,
  [
    keysManager,
    'find',
    '--input',
    sourceDirs.map((dir) => relative(appDir, dir)).join(','),
    '--translations-path',
    relative(appDir, translationsDir),
    '--langs',
    ...languages,
    '--emit-error-on-extra-keys',
  ],
  { cwd: appDir, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } },
);

if (result.status !== 0) {
  out(
    result.status === 2
      ? 'i18n-check: the translation files contain keys that no code uses (see "Extra Keys" above).'
      : 'i18n-check: keys used in the code are missing from the translation files (see "Missing Keys" above).',
  );
  process.exit(result.status ?? 1);
}
out(`i18n-check: ${translations.get('de').size} keys, de.json and en.json complete and consistent.`);

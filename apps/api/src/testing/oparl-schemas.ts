import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * A validator for OParl 1.1 objects from the official schema files (libs/api/oparl/schema, copied
 * unchanged from OParl/spec v1.1.1, CC BY-SA 4.0). The files are OParl's own dialect of JSON
 * Schema (draft-07 keywords plus `schema`, `references`, `cardinality`, `backreference`):
 * a property with `"schema": "X.json"` is an embedded object of type X, which this rewrites into
 * `$ref: "X.json"` so a standard validator checks embedded objects too. `format: "url"` is an
 * absolute http(s) URL.
 */
const SCHEMA_DIR = join(__dirname, '../../../../libs/api/oparl/schema');

function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (!node || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === 'schema' || k === 'references' || k === 'cardinality' || k === 'backreference' || k === 'description' || k === 'title') continue;
    // `properties` maps names (which may be `title` or `description`) to schemas.
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([name, sub]) => [name, rewrite(sub)])) : rewrite(v);
  }
  // An embedded object: its own schema says what it is (`type: "object"` plus `$ref`).
  if (typeof o['schema'] === 'string') return { ...out, $ref: o['schema'] };
  return out;
}

export interface OParlValidator {
  /** The errors of `object` against the schema of its `type`, or [] when valid. */
  check(object: unknown): string[];
  types: string[];
}

export function oparlValidator(): OParlValidator {
  // The files' patterns escape ':' and '/', which unicode-mode regular expressions refuse.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv, ['date', 'date-time']);
  ajv.addFormat('url', { type: 'string', validate: (s: string) => /^https?:\/\/[^\s/]+(\/\S*)?$/.test(s) && URL.canParse(s) });
  const byType = new Map<string, ValidateFunction>();
  const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'));
  for (const file of files) ajv.addSchema({ ...(rewrite(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8'))) as object), $id: file });
  for (const file of files) {
    const name = file.replace(/\.json$/, '');
    const validate = ajv.getSchema(file);
    if (validate) byType.set(`https://schema.oparl.org/1.1/${name}`, validate);
  }
  return {
    types: [...byType.keys()],
    check(object) {
      const type = (object as { type?: unknown } | null)?.type;
      const validate = typeof type === 'string' ? byType.get(type) : undefined;
      if (!validate) return [`unknown type ${String(type)}`];
      if (validate(object)) return [];
      return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    },
  };
}

/** The schema's list-URL properties (`references: externalList`) per type, e.g. Body → organization, person, …. */
export function externalListProperties(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
    const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as { properties: Record<string, { references?: string }> };
    const props = Object.entries(schema.properties).filter(([, p]) => p.references === 'externalList').map(([k]) => k);
    out.set(`https://schema.oparl.org/1.1/${file.replace(/\.json$/, '')}`, props);
  }
  return out;
}

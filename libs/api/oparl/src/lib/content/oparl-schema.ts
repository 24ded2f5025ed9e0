import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The official OParl 1.1 schema files (libs/api/oparl/schema, unchanged) as plain JSON Schema for
 * a standard validator: OParl's dialect writes an embedded object as `"schema": "X.json"`, which
 * becomes `$ref`; `references` (the type behind a URL) is only documentation. Used by tests.
 */
export function oparlJsonSchemas(dir = join(__dirname, '../../../schema')): Record<string, object> {
  const out: Record<string, object> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const raw = JSON.parse(readFileSync(join(dir, file), 'utf8')) as object;
    out[file.replace(/\.json$/, '')] = { $id: file, ...(rewrite(raw) as object) };
  }
  return out;
}

function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (!node || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  if (typeof o['schema'] === 'string') return { $ref: o['schema'] };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (k !== 'references') out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, rewrite(s)])) : rewrite(v);
  return out;
}

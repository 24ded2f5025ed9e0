import { randomUUID } from 'node:crypto';
import type { JsonSchema, OpenApiDocument, OpenApiOperation, OpenApiParameter } from './openapi-document';

/**
 * Schema-violating requests for every operation of the OpenAPI document, derived from the
 * document alone (as an outside client would): each required field missing, wrong types, an
 * unknown field, over-long strings, control characters, year 0000, invalid ids in the path,
 * broken JSON, the wrong media type, an empty body. Each case breaks exactly one rule of an
 * otherwise valid request, so that the answer must be a 4xx naming what was broken.
 */

export interface FuzzCase {
  operation: string;
  label: string;
  method: string;
  /** Path with query string. */
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  /** For a 400: the parameter, header or field `errors[]` must name (a dotted path). */
  names?: string;
  /** An answer that shows the document wrong (428 where it declares no If-Match). */
  contradicts?: { status: number; because: string };
}

export interface FuzzTarget {
  path: string;
  method: string;
  operation: OpenApiOperation;
}

const TWO_MB = 2 * 1024 * 1024;
const MAX_FIELDS = 12;
const MAX_CASES = 45;

export function operationsOf(doc: OpenApiDocument): FuzzTarget[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })));
}

/** Follows `$ref`s into the document's components. */
export function resolver(doc: OpenApiDocument): (schema: JsonSchema | undefined) => JsonSchema {
  const resolve = (schema: JsonSchema | undefined, seen = 0): JsonSchema => {
    if (!schema) return {};
    const ref = schema['$ref'];
    if (typeof ref !== 'string' || seen > 20) return schema;
    const target = ref.split('/').slice(1).reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[decodeURIComponent(key.replace(/~1/g, '/').replace(/~0/g, '~'))], doc);
    return resolve(target as JsonSchema | undefined, seen + 1);
  };
  return resolve;
}

type Resolve = ReturnType<typeof resolver>;

/** The non-null branch of `anyOf: [X, {type: null}]` (nullable fields). */
function nonNull(schema: JsonSchema, resolve: Resolve): JsonSchema {
  const s = resolve(schema);
  const anyOf = (s['anyOf'] ?? s['oneOf']) as JsonSchema[] | undefined;
  if (anyOf) {
    const branch = anyOf.map(resolve).find((b) => b['type'] !== 'null');
    return branch ? nonNull(branch, resolve) : s;
  }
  return s;
}

const PATTERN_CANDIDATES = ['abc', 'abc-def', '12345678', '01001000', '#1a5e9b', 'BV', 'x', '1', '2026', 'A1'];

/**
 * A valid value for a schema, as a well-behaved client would send it: with `complete`, every
 * property and one element in each list; otherwise only what is required.
 */
export function sample(schema: JsonSchema | undefined, resolve: Resolve, depth = 0, complete = false): unknown {
  const s = resolve(schema);
  if ('const' in s) return s['const'];
  if (Array.isArray(s['enum'])) return s['enum'][0];
  if ('default' in s && s['default'] !== undefined) return s['default'];
  const anyOf = (s['anyOf'] ?? s['oneOf'] ?? s['allOf']) as JsonSchema[] | undefined;
  if (anyOf) {
    const branch = anyOf.map(resolve).find((b) => b['type'] !== 'null') ?? anyOf[0];
    return sample(branch, resolve, depth, complete);
  }
  const type = Array.isArray(s['type']) ? (s['type'] as string[]).find((t) => t !== 'null') : (s['type'] as string | undefined);
  switch (type) {
    case 'string':
      return sampleString(s);
    case 'integer':
    case 'number': {
      const min = typeof s['minimum'] === 'number' ? s['minimum'] : typeof s['exclusiveMinimum'] === 'number' ? s['exclusiveMinimum'] + 1 : 1;
      const max = typeof s['maximum'] === 'number' ? s['maximum'] : Infinity;
      return Math.min(Math.max(min, 1), max);
    }
    case 'boolean':
      return false;
    case 'array': {
      const n = Math.max(typeof s['minItems'] === 'number' ? s['minItems'] : 0, complete ? 1 : 0);
      return depth > 4 ? [] : Array.from({ length: n }, () => sample(s['items'] as JsonSchema, resolve, depth + 1, complete));
    }
    case 'object': {
      const properties = (s['properties'] ?? {}) as Record<string, JsonSchema>;
      const required = (s['required'] ?? []) as string[];
      const keys = complete ? Object.keys(properties) : required.filter((k) => k in properties);
      return Object.fromEntries(keys.map((k) => [k, depth > 4 ? null : sample(properties[k], resolve, depth + 1, complete)]));
    }
    case 'null':
      return null;
    default:
      return 'x';
  }
}

function sampleString(s: JsonSchema): string {
  const min = typeof s['minLength'] === 'number' ? s['minLength'] : 0;
  const max = typeof s['maxLength'] === 'number' ? s['maxLength'] : Infinity;
  switch (s['format']) {
    case 'uuid':
      return randomUUID();
    case 'date':
      return '2026-03-01';
    case 'date-time':
      return '2026-03-01T18:00:00+01:00';
    case 'email':
      return 'fuzz@example.org';
    case 'uri':
    case 'url':
      return 'https://example.org/';
  }
  if (typeof s['pattern'] === 'string') {
    const re = new RegExp(s['pattern'], 'u');
    const hit = PATTERN_CANDIDATES.find((c) => re.test(c) && c.length >= min && c.length <= max);
    if (hit) return hit;
  }
  const text = 'Fuzz'.padEnd(Math.max(min, 4), 'z');
  return text.slice(0, Math.min(text.length, max));
}

interface Leaf {
  path: string[];
  schema: JsonSchema;
}

/** Fields of a body (nested objects and the first element of arrays of objects), breadth first. */
function leaves(schema: JsonSchema, resolve: Resolve): Leaf[] {
  const out: Leaf[] = [];
  const queue: Leaf[] = [{ path: [], schema }];
  for (let next = queue.shift(); next && out.length < MAX_FIELDS * 2; next = queue.shift()) {
    const { path, schema: raw } = next;
    const s = nonNull(raw, resolve);
    if (path.length) out.push({ path, schema: s });
    if (path.length > 3) continue;
    if (s['type'] === 'object' && s['properties']) {
      for (const [k, v] of Object.entries(s['properties'] as Record<string, JsonSchema>)) queue.push({ path: [...path, k], schema: v });
    } else if (s['type'] === 'array' && path.length) {
      const items = nonNull((s['items'] ?? {}) as JsonSchema, resolve);
      if (items['type'] === 'object') queue.push({ path: [...path, '0'], schema: items });
    }
  }
  return out;
}

/** `value` at `path` inside a copy of `base`, building what is missing (arrays for numeric keys). */
function withValue(base: unknown, path: string[], value: unknown, remove = false): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path as [string, ...string[]];
  if (/^\d+$/.test(head)) {
    const arr = Array.isArray(base) ? [...(base as unknown[])] : [];
    const i = Number(head);
    arr[i] = withValue(arr[i] ?? {}, rest, value, remove);
    return arr;
  }
  const obj = { ...(typeof base === 'object' && base !== null && !Array.isArray(base) ? (base as Record<string, unknown>) : {}) };
  if (remove && !rest.length) delete obj[head];
  else obj[head] = withValue(obj[head], rest, value, remove);
  return obj;
}

/** Values that break the rule of one field, each with what they break. */
function badValuesFor(schema: JsonSchema, where: 'body' | 'query'): { label: string; value: unknown; at?: string }[] {
  const type = Array.isArray(schema['type']) ? (schema['type'] as string[]).find((t) => t !== 'null') : (schema['type'] as string | undefined);
  const out: { label: string; value: unknown; at?: string }[] = [];
  const wrongType = where === 'body';
  if (type === 'string' || Array.isArray(schema['enum'])) {
    if (wrongType) out.push({ label: 'a number instead of text', value: 12345 });
    out.push({ label: 'a NUL character', value: 'Fu\u0000zz' }, { label: 'an escape sequence', value: 'Fu\u001b[2Jzz' });
    if (typeof schema['maxLength'] === 'number' && schema['maxLength'] < 200_000 && (where === 'body' || schema['maxLength'] < 6_000)) {
      out.push({ label: `${schema['maxLength'] + 1} characters`, value: 'x'.repeat(schema['maxLength'] + 1) });
    }
    if (schema['format'] === 'date') out.push({ label: 'year 0000', value: '0000-01-01' }, { label: 'February 30th', value: '2026-02-30' });
    if (schema['format'] === 'date-time') out.push({ label: 'year 0000', value: '0000-01-01T00:00:00Z' }, { label: 'a year of five digits', value: '+099999-01-01T00:00:00Z' });
    if (schema['format'] === 'uuid') out.push({ label: 'an invalid uuid', value: 'not-a-uuid' });
    if (Array.isArray(schema['enum'])) out.push({ label: 'a value not in the list', value: 'not-one-of-them' });
  } else if (type === 'integer' || type === 'number') {
    out.push({ label: 'text instead of a number', value: where === 'body' ? '12' : 'abc' });
    if (type === 'integer') out.push({ label: 'a fraction', value: where === 'body' ? 1.5 : '1.5' });
    if (typeof schema['maximum'] === 'number') out.push({ label: 'above the maximum', value: where === 'body' ? schema['maximum'] + 1 : String(schema['maximum'] + 1) });
    out.push({ label: 'a huge number', value: where === 'body' ? 1e308 : '1e400' });
  } else if (type === 'boolean') {
    out.push({ label: 'text instead of true/false', value: where === 'body' ? 'yes' : 'maybe' });
  } else if (type === 'array') {
    if (wrongType) out.push({ label: 'text instead of a list', value: 'x' }, { label: 'a list of objects', value: [{ x: 1 }], at: '.0' });
  } else if (type === 'object') {
    if (wrongType) out.push({ label: 'text instead of an object', value: 'x' }, { label: 'a list instead of an object', value: [] });
  }
  return out;
}

export interface FuzzContext {
  tenant: string;
  /**
   * Whether a body is valid by the operation's own rules, including those JSON Schema cannot
   * say ("a name or a consultation"): the sample that breaks one rule must keep all others.
   */
  validBody?: (operationId: string, body: unknown) => boolean;
}

export function casesFor(target: FuzzTarget, resolve: Resolve, context: FuzzContext): FuzzCase[] {
  const { operation } = target;
  const cases: FuzzCase[] = [];
  const params = operation.parameters;
  const pathValues = Object.fromEntries(params.filter((p) => p.in === 'path').map((p) => [p.name, p.name === 'tenant' ? context.tenant : String(sample(p.schema, resolve))]));
  const query = params.filter((p) => p.in === 'query');
  const validQuery = Object.fromEntries(query.filter((p) => p.required).map((p) => [p.name, String(sample(p.schema, resolve))]));
  const baseHeaders: Record<string, string> = {};
  for (const h of params.filter((p) => p.in === 'header' && p.required)) baseHeaders[h.name] = h.name === 'If-Match' ? '"1"' : String(sample(h.schema, resolve));
  const jsonSchema = operation.requestBody?.content['application/json']?.schema;
  const multipart = operation.requestBody?.content['multipart/form-data']?.schema;
  const candidates = jsonSchema ? [sample(jsonSchema, resolve), sample(jsonSchema, resolve, 0, true)] : [];
  const checkBody = context.validBody;
  const knownValid = checkBody ? candidates.find((b) => checkBody(operation.operationId, b)) : candidates[0];
  const validBody = knownValid ?? candidates[0];
  // Without a valid body, a 400 may name the body's problem before the one a case is about.
  const exact = !jsonSchema || knownValid !== undefined;
  const bodyRequired = operation.requestBody?.required ?? false;

  const url = (paths: Record<string, string> = {}, q: Record<string, string | string[]> = validQuery) => {
    const p = target.path.replace(/\{([^}]+)\}/g, (_, name: string) => (paths[name] ?? encodeURIComponent(pathValues[name] ?? 'x')));
    const qs = Object.entries(q)
      .flatMap(([k, v]) => [v].flat().map((one) => `${encodeURIComponent(k)}=${encodeURIComponent(one)}`))
      .join('&');
    return qs ? `${p}?${qs}` : p;
  };
  const add = (c: Omit<FuzzCase, 'operation' | 'method' | 'url' | 'headers'> & { url?: string; headers?: Record<string, string> }) =>
    cases.push({ operation: operation.operationId, method: target.method, url: c.url ?? url(), headers: c.headers ?? { ...baseHeaders, ...(jsonSchema ? { 'content-type': 'application/json' } : {}) }, ...c, ...(c.body === undefined && jsonSchema && !('body' in c) ? { body: JSON.stringify(validBody) } : {}) });

  // Every URL: control characters are refused before any route sees them.
  add({ label: 'a NUL in an extra query parameter', url: `${url()}${url().includes('?') ? '&' : '?'}fuzz=%00`, names: 'fuzz' });

  // Path parameters.
  for (const p of params.filter((x) => x.in === 'path')) {
    if (p.name === 'tenant') {
      add({ label: 'an unknown member authority', url: url({ tenant: 'no-such-authority-fuzz' }) });
      continue;
    }
    const s = nonNull(p.schema, resolve);
    if (s['format'] === 'uuid') add({ label: `an invalid uuid as ${p.name}`, url: url({ [p.name]: 'not-a-uuid' }), ...(exact ? { names: p.name } : {}) });
    add({ label: `a date of year 0000 as ${p.name}`, url: url({ [p.name]: '0000-01-01' }) });
    add({ label: `a NUL in ${p.name}`, url: url({ [p.name]: 'a%00b' }), names: 'path' });
    add({ label: `300 characters as ${p.name}`, url: url({ [p.name]: 'x'.repeat(300) }) });
  }

  // Query parameters.
  if (query.length) {
    add({ label: 'an unknown query parameter', url: url({}, { ...validQuery, fuzzUnknown: '1' }), names: 'fuzzUnknown' });
    for (const p of query.slice(0, MAX_FIELDS)) {
      const s = nonNull(p.schema, resolve);
      for (const bad of badValuesFor(s, 'query')) add({ label: `?${p.name}= ${bad.label}`, url: url({}, { ...validQuery, [p.name]: String(bad.value) }), names: p.name });
      if (s['type'] === 'string' || s['type'] === 'integer') add({ label: `?${p.name} twice`, url: url({}, { ...validQuery, [p.name]: [String(sample(s, resolve)), String(sample(s, resolve))] }), names: p.name });
    }
    const firstRequired = query.find((p) => p.required);
    if (firstRequired) add({ label: 'required query parameters missing', url: url({}, {}), names: firstRequired.name });
  }

  // Headers.
  const changesOne = ['PUT', 'PATCH', 'DELETE', 'POST'].includes(target.method) && params.some((p) => p.in === 'path' && p.name !== 'tenant');
  if (baseHeaders['If-Match'] === undefined && changesOne && exact) {
    // A valid change of a made-up id: 404, or 428 from a handler that reads If-Match unannounced.
    add({ label: 'a change without If-Match (none declared)', contradicts: { status: 428, because: 'the operation needs If-Match, but the document does not declare it (use @Headers(\'if-match\') or @RequiresIfMatch())' } });
  }
  if (baseHeaders['If-Match'] !== undefined) {
    const { ['If-Match']: _, ...without } = baseHeaders;
    add({ label: 'without If-Match', headers: { ...without, ...(jsonSchema ? { 'content-type': 'application/json' } : {}) } });
    add({ label: 'a malformed If-Match', headers: { ...baseHeaders, 'If-Match': 'version 7', ...(jsonSchema ? { 'content-type': 'application/json' } : {}) }, ...(exact ? { names: 'If-Match' } : {}) });
  }

  // JSON bodies.
  if (jsonSchema) {
    const schema = resolve(jsonSchema);
    const json = { ...baseHeaders, 'content-type': 'application/json' };
    add({ label: 'malformed JSON', headers: json, body: '{"name": ', names: 'body' });
    add({ label: 'truncated JSON', headers: json, body: JSON.stringify(validBody).slice(0, -1), names: 'body' });
    add({ label: 'a JSON array', headers: json, body: '[]' });
    add({ label: '2 MB of JSON', headers: json, body: JSON.stringify({ ...(validBody as object), fuzz: 'x'.repeat(TWO_MB) }) });
    if (bodyRequired) {
      add({ label: 'an empty body', headers: { ...baseHeaders }, body: '' });
      add({ label: 'the body as text/plain', headers: { ...baseHeaders, 'content-type': 'text/plain' }, body: JSON.stringify(validBody) });
      add({ label: 'the body as XML', headers: { ...baseHeaders, 'content-type': 'application/xml' }, body: '<?xml version="1.0"?><x/>' });
    }
    if (schema['additionalProperties'] === false) add({ label: 'an unknown field', headers: json, body: JSON.stringify({ ...(validBody as object), fuzzUnknownField: 1 }), names: 'fuzzUnknownField' });
    const fields = leaves(schema, resolve);
    for (const field of fields.slice(0, MAX_FIELDS)) {
      const name = field.path.join('.');
      const parent = resolveParent(schema, field.path, resolve);
      if (parent?.required.includes(field.path.at(-1) ?? '')) {
        add({ label: `${name} missing`, headers: json, body: JSON.stringify(withValue(validBody, field.path, undefined, true)), names: name });
      }
      for (const bad of badValuesFor(field.schema, 'body')) add({ label: `${name}: ${bad.label}`, headers: json, body: JSON.stringify(withValue(validBody, field.path, bad.value)), names: name + (bad.at ?? '') });
    }
  }

  // Multipart uploads: broken framing, never a file that could be stored.
  if (multipart) {
    const boundary = 'fuzzBoundary7MA4YWxkTrZu0gW';
    const mp = { ...baseHeaders, 'content-type': `multipart/form-data; boundary=${boundary}` };
    add({ label: 'JSON instead of multipart', headers: { ...baseHeaders, 'content-type': 'application/json' }, body: '{}' });
    add({ label: 'multipart without a boundary', headers: { ...baseHeaders, 'content-type': 'multipart/form-data' }, body: 'x' });
    add({ label: 'an empty multipart body', headers: mp, body: `--${boundary}--\r\n` });
    add({ label: 'truncated multipart', headers: mp, body: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n` });
    add({ label: 'form fields without a file', headers: mp, body: `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nFuzz\r\n--${boundary}--\r\n` });
    add({ label: 'a NUL in a field', headers: mp, body: `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nFu\u0000zz\r\n--${boundary}--\r\n` });
  }
  return spread(cases, MAX_CASES);
}

function resolveParent(schema: JsonSchema, path: string[], resolve: Resolve): { required: string[] } | undefined {
  let node = nonNull(schema, resolve);
  for (const key of path.slice(0, -1)) {
    if (/^\d+$/.test(key)) node = nonNull((node['items'] ?? {}) as JsonSchema, resolve);
    else node = nonNull(((node['properties'] ?? {}) as Record<string, JsonSchema>)[key] ?? {}, resolve);
  }
  return { required: (node['required'] ?? []) as string[] };
}

/** At most `max` cases, taken evenly, so that every kind of case of a big operation still runs. */
function spread<T>(cases: T[], max: number): T[] {
  if (cases.length <= max) return cases;
  return Array.from({ length: max }, (_, i) => cases[Math.floor((i * cases.length) / max)] as T);
}

export type { OpenApiParameter };

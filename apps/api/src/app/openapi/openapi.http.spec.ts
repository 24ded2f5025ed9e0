import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@ratsinfo/api-core';
import { passwordGrant, testEnv } from '@ratsinfo/api-testing';
import { isDeepStrictEqual } from 'node:util';
import { createApp } from '../create-app';
import { type RouteInfo, routeTable } from '../route-table';
import { type JsonSchema, type OpenApiDocument, type OpenApiOperation, openApiPath } from './openapi-document';
import { casesFor, type FuzzCase, operationsOf, resolver, sample } from './openapi-fuzz';

/**
 * `GET /api/openapi.json` against the running app: the document is valid OpenAPI 3.1, lists
 * every API route with request and response schemas (a route without them fails here, so nobody
 * can add an undocumented one), the answers match those schemas, and schema-violating requests
 * derived from the document get a 4xx problem+json at every operation, never a 5xx.
 *
 * Signed in through the dev IdP as the demo accounts of Burg (and the operator), whichever role
 * each operation admits. The requests carry random ids and break a rule each, so they change nothing.
 */
jest.setTimeout(240_000);

let app: INestApplication;
let base: string;
let doc: OpenApiDocument;
let routes: RouteInfo[];
const TENANT = 'burg';

beforeAll(async () => {
  const env = testEnv();
  app = await createApp(
    loadConfig({
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      AUTH_URL: env.authUrl,
      KEYCLOAK_ADMIN_CLIENT_SECRET: env.provisionerSecret,
      RATE_LIMIT_ENABLED: 'false',
    }),
  );
  await app.listen(0, '127.0.0.1');
  base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const res = await fetch(`${base}/api/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as OpenApiDocument;
  routes = routeTable(app).filter((r) => r.path.startsWith('/api/'));
});

afterAll(async () => {
  await app?.close();
});

const tokens = new Map<string, Promise<string>>();
const tokenOf = (account: string) => {
  if (!tokens.has(account)) tokens.set(account, passwordGrant(account, 'demo'));
  return tokens.get(account)!;
};

/** The demo account to call an operation with: the least special role it admits. */
function accountFor(op: OpenApiOperation): string | undefined {
  const access = op['x-ratsinfo-access'];
  if (access.kind === 'operator') return 'operator';
  if (access.kind === 'tenant') {
    if (access.roles.includes('clerk')) return `${TENANT}-clerk`;
    if (access.roles.includes('tenant-admin')) return `${TENANT}-admin`;
    return `${TENANT}-member1`;
  }
  return op.security.length ? `${TENANT}-clerk` : undefined;
}

const routeOf = (path: string, method: string) => routes.find((r) => openApiPath(r.path) === path && r.method === method);

describe('the OpenAPI document', () => {
  it('is public, cacheable and answers a repeated request with 304', async () => {
    const res = await fetch(`${base}/api/openapi.json`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    console.info(`openapi document: ${operationsOf(doc).length} operations, ${(await res.clone().text()).length} bytes`);
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await fetch(`${base}/api/openapi.json`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('is structurally valid OpenAPI 3.1: every $ref resolves, every path parameter is declared', () => {
    expect(structuralProblems(doc)).toEqual([]);
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it('finds a structurally broken document broken (the check above can fail)', () => {
    const broken = structuredClone(doc);
    const [path, ops] = Object.entries(broken.paths).find(([p]) => p.includes('{tenant}'))!;
    const op = Object.values(ops)[0]!;
    op.parameters = op.parameters.filter((p) => p.name !== 'tenant');
    op.responses['200'] = { $ref: '#/components/responses/NoSuchResponse' };
    expect(structuralProblems(broken)).toEqual(
      expect.arrayContaining([expect.stringContaining(`${path}: path parameter {tenant} is not declared`), expect.stringContaining('#/components/responses/NoSuchResponse does not resolve')]),
    );
  });

  it('lists every route under /api/ and nothing else', () => {
    const listed = operationsOf(doc).map((o) => `${o.method} ${o.path}`).sort();
    expect(listed).toEqual(routes.map((r) => `${r.method} ${openApiPath(r.path)}`).sort());
    expect(listed).toEqual(expect.arrayContaining(['GET /api/office/{tenant}/users', 'POST /api/operator/tenants', 'GET /api/portal/{tenant}/meetings/{meetingId}', 'GET /api/openapi.json']));
    expect(listed.filter((l) => /\/(health|oparl)\//.test(l))).toEqual([]);
  });

  it('declares the answer of every operation (@Responds) with the status Nest sends', () => {
    const failures: string[] = [];
    for (const r of routes) {
      const label = `${r.method} ${r.path} (${r.name})`;
      if (!r.response) failures.push(`${label}: no @Responds`);
      else if (!r.response.schema && r.response.status !== 204 && !r.response.contentType) failures.push(`${label}: @Responds without a schema`);
      else if (r.successStatus !== undefined && r.successStatus !== r.response.status) failures.push(`${label}: @Responds says ${r.response.status}, Nest sends ${r.successStatus}`);
    }
    expect(failures).toEqual([]);
    for (const { operation } of operationsOf(doc)) {
      const success = Object.entries(operation.responses).filter(([status]) => status.startsWith('2'));
      expect({ op: operation.operationId, success: success.length }).toEqual({ op: operation.operationId, success: 1 });
    }
  });

  it('validates every input of every operation with a zod schema (no unchecked body, query or path parameter)', () => {
    const failures: string[] = [];
    for (const r of routes) {
      const label = `${r.method} ${r.path} (${r.name})`;
      if (r.unvalidated.length) failures.push(`${label}: ${r.unvalidated.join(', ')} without ZodValidationPipe`);
      const shape = (r.inputs.params as unknown as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
      // The tenant slug is checked by tenant resolution (404/410) before any handler runs.
      for (const name of [...r.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!).filter((n) => n !== 'tenant')) {
        if (!(name in shape)) failures.push(`${label}: path parameter :${name} is not validated by a params schema`);
      }
      if (['POST', 'PUT', 'PATCH'].includes(r.method) && r.requestBody && r.inputs.body) failures.push(`${label}: both @AcceptsBody and a JSON @Body`);
    }
    expect(failures).toEqual([]);
  });

  it('takes only strict objects as input: an unknown field or query parameter is a 400, never ignored', () => {
    const resolve = resolver(doc);
    const failures: string[] = [];
    for (const { method, path, operation } of operationsOf(doc)) {
      const schemas: [string, JsonSchema][] = Object.entries(operation.requestBody?.content ?? {}).map(([type, c]) => [`body ${type}`, c.schema]);
      for (const [where, schema] of schemas) for (const loose of looseObjects(schema, resolve)) failures.push(`${method} ${path} ${where}${loose}: object without additionalProperties: false`);
      const route = routeOf(path, method);
      const query = route?.inputs.query?.safeParse({ fuzzUnknownParameter: '1' });
      if (query && (query.success || !query.error.issues.some((i) => i.code === 'unrecognized_keys'))) failures.push(`${method} ${path}: an unknown query parameter is not refused`);
    }
    expect(failures).toEqual([]);
  });

  it('describes what the API answers: every read of the demo data matches its declared schema exactly', async () => {
    const failures: string[] = [];
    const checked: string[] = [];
    const resolve = resolver(doc);
    const firstIdCache = new Map<string, Promise<string | undefined>>();
    const firstId = (listPath: string, account: string | undefined) => {
      const key = `${listPath} ${account}`;
      if (!firstIdCache.has(key))
        firstIdCache.set(
          key,
          (async () => {
            const res = await get(listPath.replace('{tenant}', TENANT), account);
            const data = (res.body as { data?: { id?: string }[] } | null)?.data;
            return res.status === 200 ? data?.[0]?.id : undefined;
          })(),
        );
      return firstIdCache.get(key)!;
    };
    for (const { method, path, operation } of operationsOf(doc)) {
      const route = routeOf(path, method);
      if (method !== 'GET' || !route?.response?.schema || route.response.contentType) continue;
      const account = accountFor(operation);
      let concrete = path.replace('{tenant}', TENANT);
      // An id of something that exists: the first entry of the list one level up.
      for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
        if (name === 'tenant') continue;
        const listPath = path.slice(0, path.indexOf(`/{${name}}`));
        const listAccount = operationsOf(doc).find((o) => o.path === listPath && o.method === 'GET');
        const id = listAccount ? await firstId(listPath, accountFor(listAccount.operation)) : undefined;
        if (!id) {
          concrete = '';
          break;
        }
        concrete = concrete.replace(`{${name}}`, id);
      }
      if (!concrete) continue;
      const required = operation.parameters.filter((p) => p.in === 'query' && p.required);
      const qs = required.map((p) => `${p.name}=${encodeURIComponent(String(sample(p.schema, resolve)))}`).join('&');
      const res = await get(qs ? `${concrete}?${qs}` : concrete, account);
      const label = `GET ${path} as ${account ?? 'anonymous'}`;
      // A required query parameter names something by a made-up id (`?meetingId=`): nothing to read.
      if (res.status === 404 && required.length) continue;
      if (res.status !== route.response.status) {
        failures.push(`${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        continue;
      }
      const parsed = route.response.schema.safeParse(res.body);
      if (!parsed.success) failures.push(`${label}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      // zod drops fields it does not know: a difference means the API sends undeclared fields.
      else if (!isDeepStrictEqual(parsed.data, res.body)) failures.push(`${label}: the answer has fields the schema does not declare`);
      checked.push(label);
    }
    console.info(`openapi answers: ${checked.length} reads checked against their schemas`);
    expect(failures).toEqual([]);
    expect(checked.length).toBeGreaterThanOrEqual(15);
  });
});

describe('schema-violating requests at every operation', () => {
  it('never answer 5xx; every 4xx is problem+json; every 400 names what was wrong', async () => {
    const resolve = resolver(doc);
    const started = Date.now();
    const cases: FuzzCase[] = [];
    const accounts = new Map<string, string | undefined>();
    const bodySchemas = new Map(operationsOf(doc).map((o) => [o.operation.operationId, routeOf(o.path, o.method)?.inputs.body]));
    const validBody = (operationId: string, body: unknown) => bodySchemas.get(operationId)?.safeParse(body).success === true;
    for (const target of operationsOf(doc)) {
      accounts.set(target.operation.operationId, accountFor(target.operation));
      cases.push(...casesFor(target, resolve, { tenant: TENANT, validBody }));
    }
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++]!;
        const account = accounts.get(c.operation);
        const headers = { ...c.headers, ...(account ? { authorization: `Bearer ${await tokenOf(account)}` } : {}) };
        let status: number;
        let type: string | null;
        let text: string;
        try {
          const res = await fetch(base + c.url, { method: c.method, headers, body: c.body });
          status = res.status;
          type = res.headers.get('content-type');
          text = await res.text();
        } catch (e) {
          failures.push(`${c.method} ${c.url.slice(0, 120)} (${c.operation}, ${c.label}): request failed: ${(e as Error).message}`);
          continue;
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        const problems: string[] = [];
        if (c.contradicts?.status === status) problems.push(`answered ${status}: ${c.contradicts.because}`);
        if (status >= 500) problems.push(`answered ${status}: ${text.slice(0, 300)}`);
        else if (status < 400) problems.push(`was accepted (${status})`);
        else {
          if (!type?.startsWith('application/problem+json')) problems.push(`${status} as ${type}`);
          if (status === 400) {
            const errors = (safeJson(text) as { errors?: { name?: unknown }[] } | null)?.errors ?? [];
            if (!errors.length || errors.some((e) => typeof e.name !== 'string' || !e.name)) problems.push(`400 without errors[].name: ${text.slice(0, 200)}`);
            // The field itself, or a part of it (`items.0` for a bad element of `items`).
            else if (c.names !== undefined && !errors.some((e) => e.name === c.names || String(e.name).startsWith(`${c.names}.`))) problems.push(`400 does not name ${c.names}: ${JSON.stringify(errors).slice(0, 200)}`);
          }
        }
        if (problems.length) failures.push(`${c.method} ${c.url.slice(0, 120)} (${c.operation}, ${c.label}): ${problems.join('; ')}`);
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    const seconds = (Date.now() - started) / 1000;
    console.info(`openapi fuzz: ${cases.length} requests at ${operationsOf(doc).length} operations in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThan(300);
  });
});

async function get(path: string, account: string | undefined): Promise<{ status: number; body: unknown }> {
  const res = await fetch(base + path, { headers: account ? { authorization: `Bearer ${await tokenOf(account)}` } : {} });
  return { status: res.status, body: safeJson(await res.text()) };
}

function safeJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** What makes a document invalid OpenAPI 3.1 (the parts this generator writes), as readable lines. */
function structuralProblems(d: OpenApiDocument): string[] {
  const problems: string[] = [];
  const raw = d as unknown as Record<string, unknown>;
  if (typeof raw['openapi'] !== 'string' || !/^3\.1\.\d+$/.test(raw['openapi'])) problems.push(`openapi is ${String(raw['openapi'])}`);
  if (typeof d.info?.title !== 'string' || typeof d.info?.version !== 'string') problems.push('info needs title and version');
  const tags = new Set((d.tags ?? []).map((t) => t.name));
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(d.paths ?? {})) {
    if (!path.startsWith('/')) problems.push(`${path}: paths start with /`);
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    for (const [method, op] of Object.entries(item)) {
      const at = `${method.toUpperCase()} ${path}`;
      if (!OPERATION_METHODS.includes(method)) {
        problems.push(`${at}: not an HTTP method`);
        continue;
      }
      if (!op.operationId || operationIds.has(op.operationId)) problems.push(`${at}: operationId missing or not unique`);
      operationIds.add(op.operationId);
      const seen = new Set<string>();
      for (const p of op.parameters ?? []) {
        if (!['path', 'query', 'header', 'cookie'].includes(p.in) || !p.name || !p.schema) problems.push(`${at}: parameter ${p.name} needs name, in and schema`);
        if (seen.has(`${p.in}:${p.name}`)) problems.push(`${at}: parameter ${p.name} declared twice`);
        seen.add(`${p.in}:${p.name}`);
        if (p.in === 'path' && p.required !== true) problems.push(`${at}: path parameter ${p.name} must be required`);
        if (p.in === 'path' && !templated.includes(p.name)) problems.push(`${at}: path parameter ${p.name} is not in the path`);
      }
      for (const name of templated) if (!seen.has(`path:${name}`)) problems.push(`${at}: path parameter {${name}} is not declared`);
      if (!op.responses || !Object.keys(op.responses).length) problems.push(`${at}: no responses`);
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(status)) problems.push(`${at}: response key ${status}`);
        const resolved = resolvePointer(d, response['$ref']) ?? response;
        if (typeof (resolved as Record<string, unknown>)['description'] !== 'string') problems.push(`${at}: response ${status} without description`);
      }
      if (op.requestBody && !Object.keys(op.requestBody.content ?? {}).length) problems.push(`${at}: requestBody without content`);
      for (const requirement of op.security ?? []) for (const scheme of Object.keys(requirement)) if (!d.components.securitySchemes[scheme]) problems.push(`${at}: unknown security scheme ${scheme}`);
      for (const tag of op.tags ?? []) if (!tags.has(tag)) problems.push(`${at}: undeclared tag ${tag}`);
    }
  }
  walk(d, (node, where) => {
    const ref = node['$ref'];
    if (ref === undefined) return;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) problems.push(`${where}: $ref ${String(ref)} is not local`);
    else if (resolvePointer(d, ref) === undefined) problems.push(`${where}: $ref ${ref} does not resolve`);
    if ('$defs' in node || '$schema' in node) problems.push(`${where}: leftover $defs/$schema`);
  });
  return problems;
}

function resolvePointer(d: unknown, ref: unknown): unknown {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), d);
}

function walk(node: unknown, visit: (node: Record<string, unknown>, where: string) => void, where = '#'): void {
  if (Array.isArray(node)) node.forEach((n, i) => walk(n, visit, `${where}/${i}`));
  else if (typeof node === 'object' && node !== null) {
    visit(node as Record<string, unknown>, where);
    for (const [k, v] of Object.entries(node)) walk(v, visit, `${where}/${k}`);
  }
}

/** Paths inside a request schema to objects that accept unknown properties. */
function looseObjects(schema: JsonSchema, resolve: ReturnType<typeof resolver>, where = '', depth = 0): string[] {
  const s = resolve(schema);
  if (depth > 6) return [];
  const out: string[] = [];
  if (s['type'] === 'object' && s['properties'] && s['additionalProperties'] !== false) out.push(where || ' (root)');
  for (const [k, v] of Object.entries((s['properties'] ?? {}) as Record<string, JsonSchema>)) out.push(...looseObjects(v, resolve, `${where}.${k}`, depth + 1));
  if (s['items']) out.push(...looseObjects(s['items'] as JsonSchema, resolve, `${where}[]`, depth + 1));
  for (const branch of ((s['anyOf'] ?? s['oneOf'] ?? s['allOf'] ?? []) as JsonSchema[])) out.push(...looseObjects(branch, resolve, where, depth + 1));
  return out;
}

import type { AccessRule } from '@ratsinfo/api-core';
import { problemSchema, tenantSlugSchema } from '@ratsinfo/contracts';
import { isDeepStrictEqual } from 'node:util';
import { z, type ZodType } from 'zod';
import type { RouteInfo } from '../route-table';

/**
 * The OpenAPI 3.1 document of the HTTP API, built from what the running app declares: routes
 * and access rules from Nest's metadata, request schemas from each handler's ZodValidationPipes,
 * answers from `@Responds`, multipart bodies from `@AcceptsBody`. Nothing is written twice, so
 * the document cannot drift from the code.
 *
 * Covered: every route under `/api/`. Left out: `/health/*` (probes for the platform, not an API
 * anyone integrates with) and `/oparl/*` (described by the OParl 1.1 specification itself).
 */

export type JsonSchema = { [key: string]: unknown };

export interface OpenApiOperation {
  operationId: string;
  summary?: string;
  description?: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters: OpenApiParameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, JsonSchema>;
  /** Who may call it, as the access decorators say (the fuzz test signs in accordingly). */
  'x-ratsinfo-access': AccessRule | { kind: 'undeclared' };
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiDocument {
  openapi: '3.1.1';
  jsonSchemaDialect: string;
  info: { title: string; version: string; description: string };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, JsonSchema>;
    securitySchemes: Record<string, JsonSchema>;
  };
}

export const OPENAPI_PATH = '/api/openapi.json';
const DOCUMENTED = /^\/api\//;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
/** Headers described elsewhere in the document (security, request body) or by HTTP itself. */
const IMPLICIT_HEADERS = new Set(['authorization', 'content-type', 'accept', 'content-length', 'if-match']);

const ERRORS: Record<string, { name: string; description: string }> = {
  '400': { name: 'BadRequest', description: 'Invalid input; `errors[]` names each invalid parameter, header or field.' },
  '401': { name: 'Unauthorized', description: 'No valid bearer token.' },
  '403': { name: 'Forbidden', description: 'Signed in, but without a role that may do this here.' },
  '404': { name: 'NotFound', description: 'Unknown member authority, or nothing of this id that the caller may read (another tenant, no access, deleted).' },
  '409': { name: 'Conflict', description: 'The change conflicts with existing data (a duplicate, a reference in use, a state that does not allow it).' },
  '410': { name: 'Gone', description: 'The member authority is suspended; its pages are not available at the moment.' },
  '412': { name: 'PreconditionFailed', description: 'Someone else saved in between: `If-Match` names an older version. `current` holds the resource as it is now.' },
  '413': { name: 'PayloadTooLarge', description: 'The request body is over the limit (checked while reading it).' },
  '415': { name: 'UnsupportedMediaType', description: 'The body is not of a media type (or, for uploads, a content type by its bytes) this operation accepts.' },
  '428': { name: 'PreconditionRequired', description: 'A change without `If-Match`: send the ETag (version) of the resource you read.' },
  '429': { name: 'TooManyRequests', description: 'Over the request budget; `Retry-After` says when to come back.' },
  '503': { name: 'ServiceUnavailable', description: 'A service the API depends on is busy or down; retry later (`Retry-After`).' },
};

const ROLE_NAMES: Record<string, string> = { 'tenant-admin': 'tenant admins', clerk: 'clerks', member: 'council members' };

export function buildOpenApiDocument(routes: RouteInfo[], options: { version: string }): OpenApiDocument {
  const schemas = new SchemaCollector();
  schemas.component('Problem', problemSchema, 'output');
  const doc: OpenApiDocument = {
    openapi: '3.1.1',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Ratsinfo API',
      version: options.version,
      description:
        'The HTTP API of Ratsinfo: public portal reads, the back office of each member authority (`/api/office/{tenant}/…`) and the operator console (`/api/operator/…`). ' +
        'Every error is `application/problem+json` (RFC 9457). Changes to versioned resources need `If-Match` with the ETag the read returned. ' +
        'Generated from the running code; OParl 1.1 (`/oparl/…`) and the health probes (`/health/…`) are not part of it.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'portal', description: 'Public reads of a member authority (anonymous, cacheable).' },
      { name: 'office', description: 'The back office of one member authority (signed in, by role).' },
      { name: 'operator', description: 'The operator console of the cooperative (operators only).' },
      { name: 'general', description: 'Everything else: member authorities, client configuration, the signed-in person, this document.' },
    ],
    paths: {},
    components: {
      schemas: schemas.components,
      responses: Object.fromEntries(
        Object.values(ERRORS).map((e) => [e.name, { description: e.description, content: { 'application/problem+json': { schema: PROBLEM_REF } } }]),
      ),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Access token of the identity provider (Keycloak, realm of the member authority or the shared one; operators: the operator realm role).',
        },
      },
    },
  };
  const operationIds = new Set<string>();
  for (const route of routes) {
    if (!DOCUMENTED.test(route.path) || !['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method)) continue;
    const path = openApiPath(route.path);
    let operationId = operationIdOf(route.name);
    for (let i = 2; operationIds.has(operationId); i++) operationId = `${operationIdOf(route.name)}${i}`;
    operationIds.add(operationId);
    (doc.paths[path] ??= {})[route.method.toLowerCase()] = operation(route, operationId, routes, schemas);
  }
  doc.paths = Object.fromEntries(Object.entries(doc.paths).sort(([a], [b]) => a.localeCompare(b)));
  return doc;
}

/** `/api/office/:tenant/users/:id` → `/api/office/{tenant}/users/{id}`. */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

const pathParameterNames = (expressPath: string) => [...expressPath.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string);

function operationIdOf(name: string): string {
  const [controller = '', handler = ''] = name.split('.');
  const area = controller.replace(/Controller$/, '');
  return `${area.charAt(0).toLowerCase()}${area.slice(1)}${handler.charAt(0).toUpperCase()}${handler.slice(1)}`;
}

function tagOf(path: string): string {
  const area = path.split('/')[2];
  return area === 'portal' || area === 'office' || area === 'operator' ? area : 'general';
}

function operation(route: RouteInfo, operationId: string, all: RouteInfo[], schemas: SchemaCollector): OpenApiOperation {
  const rule = route.rule;
  // /api/me is @Public for the guard (it has no tenant) and checks the bearer token itself.
  const bearer = rule?.kind === 'tenant' || rule?.kind === 'operator' || route.headers.includes('authorization');
  const parameters = [...pathParameters(route, operationId, schemas), ...queryParameters(route, operationId, schemas), ...headerParameters(route)];
  const body = requestBody(route, operationId, schemas);
  return {
    operationId,
    ...(route.response?.description ? { summary: route.response.description } : {}),
    description: accessDescription(rule),
    tags: [tagOf(route.path)],
    security: bearer ? [{ bearer: [] }] : [],
    parameters,
    ...(body ? { requestBody: body } : {}),
    responses: { ...successResponse(route, operationId, all, schemas), ...errorResponses(route, bearer, parameters.length > 0 || body !== undefined) },
    'x-ratsinfo-access': rule ?? { kind: 'undeclared' },
  };
}

function accessDescription(rule: AccessRule | undefined): string {
  if (!rule) return 'Who may call it: not declared.';
  if (rule.kind === 'public') return 'Who may call it: anyone.';
  if (rule.kind === 'operator') return 'Who may call it: operators of the cooperative.';
  const who = rule.roles.map((r) => ROLE_NAMES[r] ?? r).join(', ');
  return `Who may call it: ${who} of the member authority${rule.supportAccess ? '; operators while support access is granted' : ''}.`;
}

function pathParameters(route: RouteInfo, operationId: string, schemas: SchemaCollector): OpenApiParameter[] {
  const declared = route.inputs.params ? objectParts(schemas.inline(route.inputs.params, 'input', `${operationId}Params`)) : undefined;
  return pathParameterNames(route.path).map((name) => {
    const schema = declared?.properties[name];
    if (name === 'tenant') {
      // Checked by tenant resolution (unknown: 404, suspended: 410) before any handler runs.
      return { name, in: 'path', required: true, description: 'The member authority, by its slug (e.g. `burg`).', schema: schema ?? schemas.inline(tenantSlugSchema, 'input', 'TenantSlug') };
    }
    return { name, in: 'path', required: true, schema: schema ?? { type: 'string' } };
  });
}

function queryParameters(route: RouteInfo, operationId: string, schemas: SchemaCollector): OpenApiParameter[] {
  if (!route.inputs.query) return [];
  const schema = schemas.inline(route.inputs.query, 'input', `${operationId}Query`);
  const parts = objectParts(schema);
  if (!parts) return [{ name: 'query', in: 'query', required: false, schema }];
  return Object.entries(parts.properties).map(([name, s]) => ({ name, in: 'query', required: parts.required.includes(name), schema: s }));
}

function headerParameters(route: RouteInfo): OpenApiParameter[] {
  const out: OpenApiParameter[] = [];
  if (route.ifMatch) {
    out.push({
      name: 'If-Match',
      in: 'header',
      required: true,
      description: 'The ETag of the version this change is based on, as the read returned it (`"7"`).',
      schema: { type: 'string', pattern: '^\\s*(W/)?"\\d{1,9}"\\s*$' },
    });
  }
  for (const name of route.headers) {
    if (!IMPLICIT_HEADERS.has(name)) out.push({ name: headerCase(name), in: 'header', required: false, schema: { type: 'string' } });
  }
  return out;
}

const headerCase = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());

function requestBody(route: RouteInfo, operationId: string, schemas: SchemaCollector): OpenApiOperation['requestBody'] {
  if (route.requestBody) {
    return { required: true, content: { [route.requestBody.contentType]: { schema: schemas.inline(route.requestBody.schema, 'input', `${operationId}Body`) } } };
  }
  if (!route.inputs.body) return undefined;
  // The pipe sees a missing body as `{}`: the body is optional exactly when `{}` is valid.
  return { required: !route.inputs.body.safeParse({}).success, content: { 'application/json': { schema: schemas.inline(route.inputs.body, 'input', `${operationId}Body`) } } };
}

function successResponse(route: RouteInfo, operationId: string, all: RouteInfo[], schemas: SchemaCollector): Record<string, JsonSchema> {
  const contract = route.response;
  if (!contract) return { '200': { description: 'Not documented: the operation declares no @Responds.' } };
  const answer: JsonSchema = { description: contract.description ?? (contract.status === 204 ? 'Done; no content.' : 'Success.') };
  if (contract.contentType) {
    answer['content'] = { [contract.contentType]: { schema: contract.schema ? schemas.inline(contract.schema, 'output', `${operationId}Response`) : { type: 'string', contentMediaType: contract.contentType } } };
  } else if (contract.schema) {
    answer['content'] = { 'application/json': { schema: schemas.inline(contract.schema, 'output', `${operationId}Response`) } };
  }
  // A read of something that is changed with If-Match hands out the version to send.
  if (route.method === 'GET' && all.some((r) => r.path === route.path && r.ifMatch)) {
    answer['headers'] = { ETag: { description: 'The version of the resource, to send back as `If-Match`.', schema: { type: 'string' } } };
  }
  return { [String(contract.status)]: answer };
}

function errorResponses(route: RouteInfo, bearer: boolean, takesInput: boolean): Record<string, JsonSchema> {
  const statuses: string[] = [];
  const hasBody = route.inputs.body !== undefined || route.requestBody !== undefined;
  const pathParams = pathParameterNames(route.path);
  if (takesInput) statuses.push('400');
  if (bearer) statuses.push('401');
  if (route.rule?.kind === 'tenant' || route.rule?.kind === 'operator') statuses.push('403');
  if (pathParams.length) statuses.push('404');
  if (WRITE_METHODS.has(route.method)) statuses.push('409');
  if (route.rule?.kind === 'public' && pathParams.includes('tenant')) statuses.push('410');
  if (route.ifMatch) statuses.push('412');
  if (hasBody) statuses.push('413', '415');
  if (route.ifMatch) statuses.push('428');
  statuses.push('429', '503');
  return Object.fromEntries(statuses.map((s) => [s, { $ref: `#/components/responses/${ERRORS[s]?.name ?? s}` }]));
}

function objectParts(schema: JsonSchema): { properties: Record<string, JsonSchema>; required: string[] } | undefined {
  const properties = schema['properties'];
  if (schema['type'] !== 'object' || typeof properties !== 'object' || properties === null) return undefined;
  return { properties: properties as Record<string, JsonSchema>, required: (schema['required'] as string[] | undefined) ?? [] };
}

/**
 * zod → JSON Schema 2020-12 (the dialect of OpenAPI 3.1). Schemas named with `.meta({ id })`
 * become components (`#/components/schemas/<id>`); a request schema that differs from the
 * response schema of the same name (defaults, transforms) gets the suffix `Input`.
 */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {};

  component(name: string, schema: ZodType, io: 'input' | 'output'): JsonSchema {
    const inline = this.inline(schema, io, name);
    if (inline['$ref']) return inline;
    this.components[name] = inline;
    return { $ref: `#/components/schemas/${name}` };
  }

  inline(schema: ZodType, io: 'input' | 'output', fallbackName: string): JsonSchema {
    const raw = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', cycles: 'ref', reused: 'inline' }) as JsonSchema;
    delete raw['$schema'];
    const defs = (raw['$defs'] ?? {}) as Record<string, JsonSchema>;
    delete raw['$defs'];
    const names = this.namesFor(defs, io);
    const root = rewriteRefs(raw, names, fallbackName) as JsonSchema;
    for (const [def, name] of names) this.components[name] ??= rewriteRefs(defs[def], names, fallbackName) as JsonSchema;
    // A recursive schema without a name refers to itself as `#`: it must live at a name of its own.
    if (containsRef(root, `#/components/schemas/${fallbackName}`) && !names.has(fallbackName)) {
      this.components[fallbackName] = root;
      return { $ref: `#/components/schemas/${fallbackName}` };
    }
    return root;
  }

  /** Component names for one conversion's `$defs`: the zod id, unless taken by a different schema. */
  private namesFor(defs: Record<string, JsonSchema>, io: 'input' | 'output'): Map<string, string> {
    const names = new Map(Object.keys(defs).map((d) => [d, d]));
    // Renaming one definition changes the refs inside others: repeat until the names are stable.
    for (let round = 0; round < 10; round++) {
      let changed = false;
      for (const [def, name] of names) {
        const existing = this.components[name];
        if (existing && !isDeepStrictEqual(existing, rewriteRefs(defs[def], names, def))) {
          let candidate = io === 'input' ? `${def}Input` : `${def}Output`;
          for (let i = 2; this.components[candidate] && !isDeepStrictEqual(this.components[candidate], rewriteRefs(defs[def], names, def)); i++) candidate = `${def}${io === 'input' ? 'Input' : 'Output'}${i}`;
          if (candidate !== name) {
            names.set(def, candidate);
            changed = true;
          }
        }
      }
      if (!changed) break;
    }
    return names;
  }
}

function rewriteRefs(value: unknown, names: Map<string, string>, self: string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, names, self));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      if (k !== '$ref' || typeof v !== 'string') return [k, rewriteRefs(v, names, self)];
      if (v === '#') return [k, `#/components/schemas/${self}`];
      const def = /^#\/\$defs\/(.+)$/.exec(v)?.[1];
      return [k, def !== undefined ? `#/components/schemas/${names.get(def) ?? def}` : v];
    }),
  );
}

function containsRef(value: unknown, ref: string): boolean {
  if (Array.isArray(value)) return value.some((v) => containsRef(v, ref));
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([k, v]) => (k === '$ref' ? v === ref : containsRef(v, ref)));
}

import { z } from 'zod';
import type { RouteInfo } from '../route-table';
import { buildOpenApiDocument, type JsonSchema, openApiPath } from './openapi-document';

/** The generator on hand-made routes: the cases the running app does not have (yet). */
const route = (over: Partial<RouteInfo> & Pick<RouteInfo, 'method' | 'path'>): RouteInfo => ({
  rule: { kind: 'tenant', roles: ['tenant-admin', 'clerk'], supportAccess: false },
  name: `TestController.${over.method.toLowerCase()}${over.path.replace(/[^A-Za-z]/g, '')}`,
  inputs: {},
  unvalidated: [],
  headers: [],
  ifMatch: false,
  response: { status: 200, schema: z.object({ ok: z.boolean() }) },
  requestBody: undefined,
  successStatus: 200,
  ...over,
});

const refTarget = (doc: unknown, ref: string) => ref.slice(2).split('/').reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], doc);

describe('buildOpenApiDocument', () => {
  it('converts Express paths to OpenAPI templates', () => {
    expect(openApiPath('/api/office/:tenant/papers/:id/consultations')).toBe('/api/office/{tenant}/papers/{id}/consultations');
  });

  it('leaves out health probes and OParl, lists /api routes', () => {
    const doc = buildOpenApiDocument([route({ method: 'GET', path: '/health/live' }), route({ method: 'GET', path: '/oparl/v1/system' }), route({ method: 'GET', path: '/api/tenants' })], { version: '1' });
    expect(Object.keys(doc.paths)).toEqual(['/api/tenants']);
  });

  it('declares If-Match, 412 and 428 for a compare-and-set, and the ETag on the read of the same resource', () => {
    const doc = buildOpenApiDocument(
      [
        route({ method: 'GET', path: '/api/office/:tenant/things/:id', inputs: { params: z.object({ tenant: z.string(), id: z.uuid() }).strict() } }),
        route({ method: 'PATCH', path: '/api/office/:tenant/things/:id', ifMatch: true, headers: ['if-match'], inputs: { body: z.object({ name: z.string() }).strict() } }),
      ],
      { version: '1' },
    );
    const patch = doc.paths['/api/office/{tenant}/things/{id}']!['patch']!;
    expect(patch.parameters.find((p) => p.name === 'If-Match')).toMatchObject({ in: 'header', required: true });
    expect(Object.keys(patch.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '409', '412', '428']));
    expect(patch.requestBody).toMatchObject({ required: true, content: { 'application/json': { schema: { type: 'object', required: ['name'], additionalProperties: false } } } });
    const get = doc.paths['/api/office/{tenant}/things/{id}']!['get']!;
    expect(get.responses['200']).toMatchObject({ headers: { ETag: {} } });
    expect(Object.keys(get.responses)).not.toContain('412');
  });

  it('marks a body optional exactly when {} is valid', () => {
    const doc = buildOpenApiDocument([route({ method: 'POST', path: '/api/x', inputs: { body: z.object({ note: z.string().optional() }).strict() } })], { version: '1' });
    expect(doc.paths['/api/x']!['post']!.requestBody?.required).toBe(false);
  });

  it('describes a multipart upload with its media type, and a download by its media type', () => {
    const doc = buildOpenApiDocument(
      [
        route({ method: 'POST', path: '/api/files', requestBody: { contentType: 'multipart/form-data', schema: z.object({ name: z.string(), file: z.string() }).strict() }, response: { status: 201, schema: z.object({ id: z.uuid() }) } }),
        route({ method: 'GET', path: '/api/files/:id/content', response: { status: 200, schema: null, contentType: 'application/pdf' } }),
      ],
      { version: '1' },
    );
    expect(doc.paths['/api/files']!['post']!.requestBody?.content['multipart/form-data']?.schema).toMatchObject({ required: ['name', 'file'] });
    expect(doc.paths['/api/files']!['post']!.responses['415']).toEqual({ $ref: '#/components/responses/UnsupportedMediaType' });
    expect(doc.paths['/api/files/{id}/content']!['get']!.responses['200']).toEqual({ description: 'Success.', content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } } });
  });

  it('names schemas by their zod id; a request variant that differs gets its own name', () => {
    const thing = z
      .object({ name: z.string(), colour: z.enum(['red', 'blue']).default('red') })
      .strict()
      .meta({ id: 'Thing' });
    const doc = buildOpenApiDocument(
      [route({ method: 'GET', path: '/api/thing', response: { status: 200, schema: thing } }), route({ method: 'PUT', path: '/api/thing', inputs: { body: thing }, response: { status: 200, schema: thing } })],
      { version: '1' },
    );
    expect(doc.paths['/api/thing']!['get']!.responses['200']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } });
    expect(doc.paths['/api/thing']!['put']!.requestBody?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/ThingInput' });
    // In the answer the default is applied (required); in the request it may be left out.
    expect(doc.components.schemas['Thing']!['required']).toEqual(['name', 'colour']);
    expect(doc.components.schemas['ThingInput']!['required']).toEqual(['name']);
  });

  it('gives a recursive schema a name of its own, so that its self-reference resolves inside the document', () => {
    interface Node {
      name: string;
      children: Node[];
    }
    const node: z.ZodType<Node> = z.object({ name: z.string(), children: z.lazy(() => z.array(node)) });
    const doc = buildOpenApiDocument([route({ method: 'GET', path: '/api/tree', name: 'TreeController.get', response: { status: 200, schema: node } })], { version: '1' });
    const schema = (doc.paths['/api/tree']!['get']!.responses['200'] as { content: Record<string, { schema: JsonSchema }> }).content['application/json']!.schema;
    expect(schema['$ref']).toBe('#/components/schemas/treeGetResponse');
    const target = refTarget(doc, schema['$ref'] as string) as JsonSchema;
    expect(JSON.stringify(target)).toContain('"$ref":"#/components/schemas/treeGetResponse"');
  });

  it('says "not documented" for a route without @Responds (the HTTP test fails on it)', () => {
    const doc = buildOpenApiDocument([route({ method: 'GET', path: '/api/undocumented', response: undefined })], { version: '1' });
    expect(doc.paths['/api/undocumented']!['get']!.responses['200']).toEqual({ description: 'Not documented: the operation declares no @Responds.' });
  });

  it('states who may call an operation, as bearer security and as x-ratsinfo-access', () => {
    const doc = buildOpenApiDocument(
      [route({ method: 'GET', path: '/api/portal/:tenant', rule: { kind: 'public' } }), route({ method: 'GET', path: '/api/operator/session', rule: { kind: 'operator' } }), route({ method: 'GET', path: '/api/me', rule: { kind: 'public' }, headers: ['authorization'] })],
      { version: '1' },
    );
    expect(doc.paths['/api/portal/{tenant}']!['get']).toMatchObject({ security: [], 'x-ratsinfo-access': { kind: 'public' } });
    expect(Object.keys(doc.paths['/api/portal/{tenant}']!['get']!.responses)).toEqual(expect.arrayContaining(['404', '410']));
    expect(doc.paths['/api/operator/session']!['get']).toMatchObject({ security: [{ bearer: [] }], 'x-ratsinfo-access': { kind: 'operator' } });
    expect(doc.paths['/api/me']!['get']!.security).toEqual([{ bearer: [] }]);
  });
});

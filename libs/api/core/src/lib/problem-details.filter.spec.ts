import { ArgumentsHost, BadRequestException, NotFoundException } from '@nestjs/common';
import { ProblemType } from '@ratsinfo/contracts';
import { NotFoundError, TenantSuspendedError, ValidationError } from './errors';
import { ProblemDetailsFilter } from './problem-details.filter';

function run(exception: unknown) {
  const sent: { status?: number; type?: string; body?: string; headers: Record<string, string> } = { headers: {} };
  const res = {
    headersSent: false,
    setHeader(name: string, value: string) {
      sent.headers[name.toLowerCase()] = value;
    },
    status(s: number) {
      sent.status = s;
      return this;
    },
    type(t: string) {
      sent.type = t;
      return this;
    },
    send(b: string) {
      sent.body = b;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/api/x' }), getResponse: () => res }) } as unknown as ArgumentsHost;
  new ProblemDetailsFilter().catch(exception, host);
  return { ...sent, json: JSON.parse(sent.body ?? '{}') };
}

describe('ProblemDetailsFilter', () => {
  it('maps a validation error with the offending fields', () => {
    const r = run(new ValidationError([{ name: 'from', reason: 'must be a date as YYYY-MM-DD' }]));
    expect(r.status).toBe(400);
    expect(r.type).toBe('application/problem+json');
    expect(r.json).toEqual({
      type: ProblemType.validation,
      title: 'Invalid input',
      status: 400,
      detail: 'from: must be a date as YYYY-MM-DD',
      errors: [{ name: 'from', reason: 'must be a date as YYYY-MM-DD' }],
      instance: '/api/x',
    });
  });

  it('maps domain errors to their status and stable type', () => {
    expect(run(new NotFoundError('The meeting')).json).toMatchObject({ status: 404, type: ProblemType.notFound, detail: 'The meeting was not found.' });
    expect(run(new TenantSuspendedError('burg')).json).toMatchObject({ status: 410, type: ProblemType.tenantSuspended });
  });

  it("maps Nest's HTTP exceptions", () => {
    expect(run(new NotFoundException('Cannot GET /x')).json).toMatchObject({ status: 404, type: ProblemType.notFound, title: 'Not Found', detail: 'Cannot GET /x' });
    expect(run(new BadRequestException('bad')).json).toMatchObject({ status: 400, type: ProblemType.validation });
  });

  it('maps a malformed JSON body to 400 and an oversized one to 413', () => {
    expect(run(Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' })).json).toMatchObject({ status: 400, type: ProblemType.validation, errors: [{ name: 'body' }] });
    // What Nest's router makes of the parser's SyntaxError: the body is still named.
    expect(run(new BadRequestException('Unexpected end of JSON input')).json).toMatchObject({ status: 400, type: ProblemType.validation, errors: [{ name: 'body', reason: 'is not valid JSON' }] });
    expect(run(new BadRequestException('URI malformed')).json).toMatchObject({ status: 400, errors: [{ name: 'path' }] });
    expect(run(Object.assign(new Error('too large'), { status: 413, type: 'entity.too.large' })).json).toMatchObject({ status: 413, type: ProblemType.payloadTooLarge });
  });

  it('forbids every cache to keep an error (a suspended authority may be reactivated a minute later)', () => {
    expect(run(new TenantSuspendedError('burg')).headers['cache-control']).toBe('no-store');
    expect(run(new NotFoundError('The meeting')).headers['cache-control']).toBe('no-store');
  });

  it('maps a unique violation to 409, whichever layer reports it', () => {
    const prisma = Object.assign(new Error('Unique constraint failed on the fields: (`ags`)'), { code: 'P2002', meta: { target: ['ags'] } });
    expect(run(prisma).json).toMatchObject({ status: 409, type: ProblemType.conflict, detail: expect.stringContaining('Fields: ags.') });
    expect(run(Object.assign(new Error('duplicate key value violates unique constraint "tenants_slug_key"'), { code: '23505' })).json).toMatchObject({ status: 409 });
    const adapter = Object.assign(new Error('x'), { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'postgres', originalCode: '23505' } } } });
    expect(run(adapter).json).toMatchObject({ status: 409 });
    expect(run(adapter).body).not.toContain('tenants_slug_key');
  });

  it('maps check and foreign-key violations', () => {
    expect(run(Object.assign(new Error('violates check constraint'), { code: '23514' })).json).toMatchObject({ status: 400, type: ProblemType.validation });
    expect(run(Object.assign(new Error('violates foreign key constraint'), { code: '23503' })).json).toMatchObject({ status: 409, type: ProblemType.conflict });
    expect(run(Object.assign(new Error('x'), { code: 'P2003' })).json).toMatchObject({ status: 409 });
  });

  it.each([
    ['pool exhausted (node-postgres)', new Error('timeout exceeded when trying to connect')],
    ['Prisma pool timeout', Object.assign(new Error('Timed out fetching a new connection'), { code: 'P2024' })],
    ['Prisma transaction start timeout', Object.assign(new Error('Transaction API error: Unable to start a transaction in the given time.'), { code: 'P2028' })],
    ['server shutting down', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['too many connections', Object.assign(new Error('sorry, too many clients already'), { code: '53300' })],
    ['wrapped in a cause', new Error('query failed', { cause: Object.assign(new Error('x'), { code: '57P01' }) })],
  ])('maps %s to 503 with Retry-After', (_, error) => {
    const r = run(error);
    expect(r.json).toMatchObject({ status: 503, type: ProblemType.unavailable });
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('hides the internals of unknown errors behind a 500', () => {
    const r = run(new Error('connection string postgresql://secret@db'));
    expect(r.json).toMatchObject({ status: 500, type: ProblemType.internal });
    expect(r.body).not.toContain('secret');
  });
});

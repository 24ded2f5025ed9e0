import { ArgumentsHost, BadRequestException, NotFoundException } from '@nestjs/common';
import { ProblemType } from '@ratsinfo/contracts';
import { NotFoundError, TenantSuspendedError, ValidationError } from './errors';
import { ProblemDetailsFilter } from './problem-details.filter';

function run(exception: unknown) {
  const sent: { status?: number; type?: string; body?: string } = {};
  const res = {
    headersSent: false,
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
    expect(run(Object.assign(new SyntaxError('Unexpected token'), { status: 400, type: 'entity.parse.failed' })).json).toMatchObject({ status: 400, type: ProblemType.validation });
    expect(run(Object.assign(new Error('too large'), { status: 413, type: 'entity.too.large' })).json).toMatchObject({ status: 413, type: ProblemType.payloadTooLarge });
  });

  it('hides the internals of unknown errors behind a 500', () => {
    const r = run(new Error('connection string postgresql://secret@db'));
    expect(r.json).toMatchObject({ status: 500, type: ProblemType.internal });
    expect(r.body).not.toContain('secret');
  });
});

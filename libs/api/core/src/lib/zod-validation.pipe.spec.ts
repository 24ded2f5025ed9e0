import { meetingRangeQuerySchema } from '@ratsinfo/contracts';
import { z } from 'zod';
import { ValidationError } from './errors';
import { ZodValidationPipe } from './zod-validation.pipe';

describe('ZodValidationPipe', () => {
  const pipe = new ZodValidationPipe(meetingRangeQuerySchema);

  it('passes valid input through', () => {
    expect(pipe.transform({ from: '2026-01-01' }, { type: 'query' })).toEqual({ from: '2026-01-01' });
  });

  /** The error `transform` throws, or undefined when it throws none (the assertions then fail). */
  const errorOf = (input: unknown): unknown => {
    try {
      pipe.transform(input, { type: 'query' });
      return undefined;
    } catch (e) {
      return e;
    }
  };

  it('names the invalid parameter', () => {
    const error = errorOf({ from: 'x' });
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([{ name: 'from', reason: 'must be a date as YYYY-MM-DD' }]);
  });

  it('names unknown parameters', () => {
    const error = errorOf({ since: '2026-01-01' });
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([{ name: 'since', reason: 'unknown parameter' }]);
  });

  it('names each unknown field by its full path', () => {
    const nested = new ZodValidationPipe(z.object({ items: z.array(z.object({ name: z.string() }).strict()) }).strict());
    let error: unknown;
    try {
      nested.transform({ items: [{ name: 'a', colour: 'red', size: 1 }], extra: true }, { type: 'body' });
    } catch (e) {
      error = e;
    }
    expect((error as ValidationError).errors).toEqual(
      expect.arrayContaining([
        { name: 'items.0.colour', reason: 'unknown field' },
        { name: 'items.0.size', reason: 'unknown field' },
        { name: 'extra', reason: 'unknown field' },
      ]),
    );
  });

  it('names unknown fields inside nested objects and list items by their place', () => {
    const nested = new ZodValidationPipe(z.object({ steps: z.array(z.object({ id: z.string() }).strict()) }).strict());
    let error: unknown;
    try {
      nested.transform({ steps: [{ id: 'a' }, { id: 'b', extra: 1 }] }, { type: 'body' });
    } catch (e) {
      error = e;
    }
    expect((error as ValidationError).errors).toEqual([{ name: 'steps.1.extra', reason: 'unknown field' }]);
  });
});

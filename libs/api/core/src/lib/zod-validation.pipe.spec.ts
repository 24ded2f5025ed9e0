import { meetingRangeQuerySchema } from '@ratsinfo/contracts';
import { ValidationError } from './errors';
import { ZodValidationPipe } from './zod-validation.pipe';

describe('ZodValidationPipe', () => {
  const pipe = new ZodValidationPipe(meetingRangeQuerySchema);

  it('passes valid input through', () => {
    expect(pipe.transform({ from: '2026-01-01' }, { type: 'query' })).toEqual({ from: '2026-01-01' });
  });

  it('names the invalid parameter', () => {
    expect(() => pipe.transform({ from: 'x' }, { type: 'query' })).toThrow(ValidationError);
    try {
      pipe.transform({ from: 'x' }, { type: 'query' });
    } catch (e) {
      expect((e as ValidationError).errors).toEqual([{ name: 'from', reason: 'must be a date as YYYY-MM-DD' }]);
    }
  });

  it('names unknown parameters', () => {
    try {
      pipe.transform({ since: '2026-01-01' }, { type: 'query' });
      fail('expected a ValidationError');
    } catch (e) {
      expect((e as ValidationError).errors).toEqual([{ name: 'since', reason: 'unknown parameter' }]);
    }
  });
});

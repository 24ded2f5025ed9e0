import { agsSchema, tenantSlugSchema } from './tenant';
import { meetingRangeQuerySchema } from './council';

describe('tenant slug', () => {
  it.each(['burg', 'landkreis-jerichower-land', 'gommern2'])('accepts %s', (s) => {
    expect(tenantSlugSchema.safeParse(s).success).toBe(true);
  });
  it.each(['Burg', 'a', '-burg', 'burg-', 'bu--rg', 'burg ort', 'api', 'oparl', 'tenants'])('rejects %s', (s) => {
    expect(tenantSlugSchema.safeParse(s).success).toBe(false);
  });
});

describe('AGS', () => {
  it('accepts the AGS of Burg (15086015)', () => {
    expect(agsSchema.safeParse('15086015').success).toBe(true);
  });
  it.each(['1508601', '150860150', '1508601x', '00000000', '17086015'])('rejects %s', (s) => {
    expect(agsSchema.safeParse(s).success).toBe(false);
  });
});

describe('meeting range query', () => {
  it('accepts an empty query and a valid range', () => {
    expect(meetingRangeQuerySchema.safeParse({}).success).toBe(true);
    expect(meetingRangeQuerySchema.safeParse({ from: '2026-01-01', to: '2026-12-31' }).success).toBe(true);
  });
  it('names the malformed parameter', () => {
    const r = meetingRangeQuerySchema.safeParse({ from: '2026-13-45' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['from']);
  });
  it('rejects a reversed or too long range on "to"', () => {
    expect(meetingRangeQuerySchema.safeParse({ from: '2026-02-01', to: '2026-01-01' }).error?.issues[0]?.path).toEqual(['to']);
    expect(meetingRangeQuerySchema.safeParse({ from: '2020-01-01', to: '2026-01-01' }).error?.issues[0]?.path).toEqual(['to']);
  });
  it('rejects unknown parameters', () => {
    expect(meetingRangeQuerySchema.safeParse({ since: '2026-01-01' }).success).toBe(false);
  });
});

import { cursorSchema, decodeCursor, encodeCursor, pageQuerySchema } from './cursor';

describe('keyset cursor', () => {
  const id = '0b7c5a4e-2f1d-4c3b-9a8e-7d6c5b4a3f2e';

  it('round-trips a position, and is URL-safe', () => {
    const c = encodeCursor({ at: new Date('2026-03-01T09:30:00.123Z'), id });
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c)).toEqual({ at: '2026-03-01T09:30:00.123Z', id });
  });

  it.each([
    ['not base64', '!!!'],
    ['base64 of no JSON', btoa('hello')],
    ['a JSON object', btoa(JSON.stringify({ at: '2026-03-01T09:30:00.123Z', id }))],
    ['a date without milliseconds', btoa(JSON.stringify(['2026-03-01T09:30:00Z', id]))],
    ['a year out of range', btoa(JSON.stringify(['0000-03-01T09:30:00.123Z', id]))],
    ['an impossible date', btoa(JSON.stringify(['2026-02-31T09:30:00.123Z', id]))],
    ['an id that is no UUID', btoa(JSON.stringify(['2026-03-01T09:30:00.123Z', "x' OR 1=1"]))],
    ['something too long', 'A'.repeat(500)],
  ])('refuses %s', (_what, cursor) => {
    expect(decodeCursor(cursor)).toBeNull();
    const r = cursorSchema.safeParse(cursor);
    expect(r.success).toBe(false);
  });

  it('names `cursor` when the query parameter is bad', () => {
    const r = pageQuerySchema.safeParse({ cursor: 'nonsense' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toEqual(['cursor']);
  });

  it('pages from the start without a cursor', () => {
    expect(pageQuerySchema.parse({})).toEqual({ limit: 50 });
  });
});

import { ValidationError } from '@ratsinfo/api-core';
import { decodeCursor, encodeCursor, listPage, oparlListQuerySchema, pageLink, parseListQuery, UUID_ID } from './oparl-query';

const uuid = '0b9c6c55-1f3a-4c1e-9a56-6f1f0d7f6a11';
const parse = (q: Record<string, string>) => parseListQuery(oparlListQuerySchema.parse(q));

describe('OParl list query', () => {
  it('round-trips a cursor and refuses anything the server did not make', () => {
    const c = { modified: new Date('2026-03-01T17:00:00.123Z'), id: uuid };
    expect(decodeCursor(encodeCursor(c), UUID_ID)).toEqual(c);
    for (const bad of [
      'a b',
      `${encodeCursor(c)}=`,
      Buffer.from(`2026-03-01T17:00:00Z|${uuid}`).toString('base64url'),
      Buffer.from(`2026-02-30T17:00:00.000Z|${uuid}`).toString('base64url'),
      Buffer.from('2026-03-01T17:00:00.000Z|x').toString('base64url'),
      Buffer.from(`2026-03-01T17:00:00.000Z${uuid}`).toString('base64url'),
    ])
      expect(() => decodeCursor(bad, UUID_ID)).toThrow(ValidationError);
  });

  it('keeps the window and the limit in links, with + encoded as %2B', () => {
    const q = parse({ modified_since: '2026-03-01T18:00:00+01:00', limit: '20' });
    expect(pageLink('https://x.example/l', q, 'abc')).toBe('https://x.example/l?modified_since=2026-03-01T18%3A00%3A00%2B01%3A00&limit=20&cursor=abc');
    expect(q.window.modifiedSince?.toISOString()).toBe('2026-03-01T17:00:00.000Z');
  });

  it('reads a space before the offset as the + a client forgot to encode', () => {
    expect(parse({ created_since: '2026-03-01T18:00:00 01:00' }).windowParams.created_since).toBe('2026-03-01T18:00:00+01:00');
  });

  it('refuses limits outside 1..1000 and timestamps without offset', () => {
    for (const limit of ['0', '1001', '-5', '2.5', 'zehn']) expect(oparlListQuerySchema.safeParse({ limit }).success).toBe(false);
    expect(oparlListQuerySchema.safeParse({ modified_until: '2026-03-01T18:00:00' }).success).toBe(false);
    expect(oparlListQuerySchema.safeParse({ other: '1' }).success).toBe(false);
  });

  it('gives next only when the source returned more than a page', () => {
    const q = parse({ limit: '2' });
    const e = (i: number) => ({ cursor: { modified: new Date(Date.UTC(2026, 0, 1, 0, 0, i)), id: uuid }, object: { id: `o${i}`, type: 't', created: '', modified: '' } });
    const full = listPage('https://x.example/l', q, [e(1), e(2), e(3)]);
    expect(full.data.map((o) => o.id)).toEqual(['o1', 'o2']);
    expect(full.links.next).toBe(`https://x.example/l?limit=2&cursor=${encodeCursor(e(2).cursor)}`);
    expect(listPage('https://x.example/l', q, [e(1), e(2)]).links.next).toBeUndefined();
  });
});

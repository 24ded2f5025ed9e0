import { literalWords, paperTitleOrReferenceContainsAll } from './literal-words';

describe('literalWords', () => {
  it('takes up to ten words and escapes what LIKE would read as a pattern', () => {
    expect(literalWords('  10%  Rate_A  C:\\Pfad ')).toEqual(['10\\%', 'Rate\\_A', 'C:\\\\Pfad']);
    expect(literalWords(Array.from({ length: 12 }, (_, i) => `w${i}`).join(' '))).toHaveLength(10);
    expect(literalWords(undefined)).toEqual([]);
    expect(literalWords('   ')).toEqual([]);
  });

  it('asks for every word in the title or the reference, case-insensitively', () => {
    expect(paperTitleOrReferenceContainsAll(['a', 'b'])).toEqual([
      { OR: [{ name: { contains: 'a', mode: 'insensitive' } }, { reference: { contains: 'a', mode: 'insensitive' } }] },
      { OR: [{ name: { contains: 'b', mode: 'insensitive' } }, { reference: { contains: 'b', mode: 'insensitive' } }] },
    ]);
  });
});

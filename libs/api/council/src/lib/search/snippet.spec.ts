import { foldWord, snippetFromWindow, wordMatcher } from './snippet';

const marked = (segments: { text: string; match: boolean }[]) => segments.filter((s) => s.match).map((s) => s.text);
const joined = (segments: { text: string }[]) => segments.map((s) => s.text).join('');

describe('foldWord', () => {
  it('folds as the German stemmer does, and numbers without leading zeros', () => {
    expect(foldWord('Prüfung')).toBe('prufung');
    expect(foldWord('Straße')).toBe('strasse');
    expect(foldWord('ÄNDERUNG')).toBe('anderung');
    expect(foldWord('0126')).toBe('126');
    expect(foldWord('0')).toBe('0');
  });
});

describe('wordMatcher', () => {
  it('marks words beginning with a stem, equal to a number or short lexeme, or containing a compound part', () => {
    // search_query('Sanierung Haushaltssatzung 0126 Satzung')
    const m = wordMatcher(['sanier', 'zzsanier', 'haushaltssatz', 'zzhaushaltssatz', '126', 'satzung', 'zzsatzung', 'bv/0126/2017']);
    expect(['Sanierung', 'Sanierungsplan', 'saniert', 'Haushaltssatzung', '0126', 'Satzungen', 'Gebührensatzung'].filter(m)).toHaveLength(7);
    expect(['Sanitär', '1260', '2017', 'Haushalt', 'BV'].filter(m)).toEqual([]);
  });

  it('folds umlauts and ß on the text side as the stems are folded', () => {
    const m = wordMatcher(['prufung', 'strass']);
    expect(m('Prüfungen')).toBe(true);
    expect(m('Straßenbau')).toBe(true);
    expect(m('Strasse')).toBe(true);
  });

  it('marks nothing without usable terms', () => {
    expect(wordMatcher([])('Haushalt')).toBe(false);
    expect(wordMatcher(['a/b'])('a')).toBe(false);
  });
});

describe('snippetFromWindow', () => {
  const words = (n: number, w = 'Wort') => Array.from({ length: n }, (_, i) => `${w}${i}`).join(' ');

  it('starts a few words before the first word found and marks every word found', () => {
    const text = `${words(20)} Die Sanierung der Brücke und weitere Sanierungen. ${words(40, 'Rest')}`;
    const s = snippetFromWindow(text, ['sanier', 'zzsanier']);
    expect(marked(s)).toEqual(['Sanierung', 'Sanierungen']);
    expect(joined(s)).toMatch(/^… Wort1[2-9] /);
    expect(joined(s)).toMatch(/ …$/);
    expect(joined(s).split(/\s+/).filter((w) => /\p{L}/u.test(w)).length).toBeLessThanOrEqual(30);
  });

  it('drops the words cut by the database window and keeps a short text whole', () => {
    const s = snippetFromWindow('… ierung der Brücke. Die Sanierung beginnt im Mai …', ['sanier']);
    expect(joined(s)).toBe('… der Brücke. Die Sanierung beginnt im …');
    expect(snippetFromWindow('Die Sanierung beginnt.', ['sanier'])).toEqual([
      { text: 'Die ', match: false },
      { text: 'Sanierung', match: true },
      { text: ' beginnt.', match: false },
    ]);
  });

  it('shows the start when only the title matched, and nothing for an empty text', () => {
    const s = snippetFromWindow(words(50), ['haushalt']);
    expect(marked(s)).toEqual([]);
    expect(joined(s)).toMatch(/^Wort0 Wort1 .* Wort29 …$/);
    expect(snippetFromWindow('', ['haushalt'])).toEqual([]);
    expect(snippetFromWindow('…  …', ['haushalt'])).toEqual([]);
  });

  it('is text, never markup: tags become spaces, whitespace collapses', () => {
    const s = snippetFromWindow('Die <script>alert(1)</script>Feuchtwiese\n\nam   Ortsrand', ['feuchtwies']);
    expect(joined(s)).toBe('Die alert(1) Feuchtwiese am Ortsrand');
    expect(marked(s)).toEqual(['Feuchtwiese']);
  });
});

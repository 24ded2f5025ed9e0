import type { SearchSnippetSegment } from '@ratsinfo/contracts';

/**
 * A search hit's snippet, made in the API from the window of text the database returns
 * (search_tenant_documents_v3, ADR 0020 "Speed"): about 30 words from a few words before the
 * first word found, with the words found marked. ts_headline did this in PostgreSQL, but it
 * parsed and stemmed every hit's whole text and was three quarters of a search's CPU.
 *
 * A word is found when, folded as the German stemmer folds it (lower case, ä→a, ö→o, ü→u,
 * ß→ss), it begins with one of the query's lexemes (the stems search_query searched for as
 * prefixes: `sanier` marks "Sanierung" and "Sanierungsplan"), equals a short or numeric lexeme
 * (numbers without leading zeros, as references are indexed), or contains a `zz` lexeme's word
 * (a part inside a compound: `zzsatzung` marks "Haushaltssatzung"). Marking by the word's start
 * can mark a little more than the stemmer matched ("andere" for `ander`); it never marks less.
 */

const WORD = /[\p{L}\p{N}]+/gu;
const ALNUM = /^[\p{L}\p{N}]+$/u;
const DIGITS = /^\d+$/;
/** Words shown before the first word found, and in all. */
const BEFORE = 8;
export const SNIPPET_WORDS = 30;

const HAS_UMLAUT = /[äöüß]/;
const UMLAUT = /[äöüß]/g;
const UNFOLD: Record<string, string> = { ä: 'a', ö: 'o', ü: 'u', ß: 'ss' };

export function foldWord(word: string): string {
  const f = word.toLowerCase();
  if (f.charCodeAt(0) <= 57 && DIGITS.test(f)) return f.replace(/^0+(?=\d)/, '');
  return HAS_UMLAUT.test(f) ? f.replace(UMLAUT, (c) => UNFOLD[c] ?? c) : f;
}

/** Whether a word of the text is one the query found (see above). */
export function wordMatcher(terms: readonly string[]): (word: string) => boolean {
  const prefixes: string[] = [];
  const exact = new Set<string>();
  const inner: string[] = [];
  for (const term of terms) {
    if (!ALNUM.test(term)) continue; // a whole reference such as `bv/0126/2017`: its parts are terms too
    if (term.startsWith('zz') && term.length >= 6) inner.push(term.slice(2));
    else if (term.length >= 3 && !/^\d/.test(term)) prefixes.push(term);
    else exact.add(foldWord(term));
  }
  if (!prefixes.length && !exact.size && !inner.length) return () => false;
  return (word) => {
    const f = foldWord(word);
    return exact.has(f) || prefixes.some((p) => f.startsWith(p)) || inner.some((i) => f.includes(i));
  };
}

/**
 * The segments of one snippet. `window` is plain text (markup is dropped, as ts_headline did:
 * a tag becomes a space); "… " at its start and " …" at its end mean the database cut there, and
 * the word cut by that is left out.
 */
export function snippetFromWindow(window: string, terms: readonly string[], words = SNIPPET_WORDS): SearchSnippetSegment[] {
  let text = window.replace(/<[^>]*>/g, ' ');
  const cutStart = text.startsWith('… ');
  const cutEnd = text.endsWith(' …');
  text = text.slice(cutStart ? 2 : 0, cutEnd ? text.length - 2 : text.length);
  const isMatch = wordMatcher(terms);
  // whether a word was found is worked out only for the words up to the first one found and those shown
  interface Token {
    start: number;
    end: number;
    word: string;
    found?: boolean;
  }
  const tokens: Token[] = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, word: m[0] }));
  const found = (t: Token) => (t.found ??= isMatch(t.word));
  if (!tokens.length) return [];
  const min = cutStart && tokens.length > 1 ? 1 : 0;
  const max = cutEnd && tokens.length - min > 1 ? tokens.length - 1 : tokens.length;
  const first = tokens.slice(min, max).findIndex(found);
  let from = first < 0 ? min : Math.max(min, min + first - BEFORE);
  const to = Math.min(max, from + words);
  from = Math.max(min, Math.min(from, to - words));

  const out: SearchSnippetSegment[] = [];
  const push = (s: string, match: boolean) => {
    if (!s) return;
    const last = out[out.length - 1];
    if (last && last.match === match) last.text += s;
    else out.push({ text: s, match });
  };
  if (from > 0) push('… ', false);
  let end = -1;
  for (const t of tokens.slice(from, to)) {
    if (end >= 0) push(text.slice(end, t.start).replace(/\s+/g, ' '), false);
    push(t.word, found(t));
    end = t.end;
  }
  // the punctuation right after the last word shown (a full stop, a closing bracket)
  push(text.slice(end, tokens[to]?.start ?? text.length).match(/^[^\s\p{L}\p{N}]*/u)?.[0] ?? '', false);
  if (to < tokens.length || cutEnd) push(' …', false);
  return out;
}

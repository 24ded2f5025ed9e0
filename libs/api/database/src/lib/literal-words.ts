import type { Prisma } from '../generated/prisma/client';

/**
 * Up to ten words of a search query, each escaped for LIKE: Prisma's `contains` with
 * `mode: 'insensitive'` is ILIKE, where `%`, `_` and a backslash would be patterns. Escaped, a
 * search for "10%" finds "10%" and nothing else.
 */
export function literalWords(query: string | undefined | null): string[] {
  return (query ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 10)
    .map((w) => w.replace(/[\\%_]/g, (c) => `\\${c}`));
}

/** Papers whose title or reference contains every one of the (escaped) words, case-insensitively. */
export function paperTitleOrReferenceContainsAll(words: readonly string[]): Prisma.PaperWhereInput[] {
  return words.map((w) => ({ OR: [{ name: { contains: w, mode: 'insensitive' } }, { reference: { contains: w, mode: 'insensitive' } }] }));
}

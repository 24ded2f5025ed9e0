import { encodeCursor, type KeysetPosition } from '@ratsinfo/contracts';

/**
 * The Prisma side of the keyset cursor (contracts' cursor.ts): newest first by `field`, ties
 * broken by `id`, and the page after `after` holds the rows strictly behind it in that order.
 * Fetch `take` rows (one more than the page) and hand them to `pageOf`.
 */
export function keysetNewestFirst<F extends string>(field: F, after: KeysetPosition | undefined, limit: number) {
  const orderBy = [{ [field]: 'desc' }, { id: 'desc' }] as { [K in F | 'id']?: 'desc' }[];
  const where = after
    ? { OR: [{ [field]: { lt: new Date(after.at) } }, { [field]: new Date(after.at), id: { lt: after.id } }] }
    : {};
  return { where, orderBy, take: limit + 1 };
}

/** Cuts the extra row off and names the position after the page, if there is more. */
export function pageOf<R extends { id: string }>(rows: R[], limit: number, at: (r: R) => Date): { rows: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor({ at: at(last), id: last.id }) : null };
}

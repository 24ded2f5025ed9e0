import { PreconditionRequiredError, ValidationError } from './errors';

/**
 * Optimistic concurrency (docs/adr/0014-…): a resource's ETag is its version as a strong tag,
 * `"7"`. Every update sends `If-Match` with the tag it read; the write is a compare-and-set on
 * the version column, so of two concurrent saves exactly one wins and the other gets 412 with
 * the current state.
 */
export function versionEtag(version: number): string {
  return `"${version}"`;
}

/** The version an `If-Match` header names: 428 when missing, 400 when it is not one of our tags. */
export function expectedVersion(ifMatch: string | string[] | undefined): number {
  const raw = Array.isArray(ifMatch) ? ifMatch[0] : ifMatch;
  if (raw === undefined || raw.trim() === '') throw new PreconditionRequiredError();
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(raw);
  if (!m) throw new ValidationError([{ name: 'If-Match', reason: 'must be the ETag of the resource, e.g. "3"' }]);
  return Number(m[1]);
}

import { ValidationError } from '@ratsinfo/api-core';
import type { InvalidParam } from '@ratsinfo/contracts';

/**
 * 422: the input is well-formed but breaks a rule of the meeting (a vote by someone without a
 * vote, more votes than voters, a file that is not a PDF of this meeting). A ValidationError, so
 * the problem carries `errors[]` naming the fields like every 400; only the status differs.
 */
export class UnprocessableError extends ValidationError {
  constructor(errors: InvalidParam[]) {
    super(errors);
    // ValidationError fixes 400 as a literal; this subclass answers 422 with the same body.
    Object.defineProperty(this, 'status', { value: 422 });
    Object.defineProperty(this, 'title', { value: 'Unprocessable Content' });
  }
}

/**
 * Whether `e` is the database refusing the named vote of a person with a declared conflict of
 * interest (SQLSTATE 23514, constraint named_votes_conflict_of_interest), however Prisma or its
 * pg adapter wrapped it. Called around the insert of a named vote only.
 */
export function isConflictOfInterestViolation(e: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = e;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null && !seen.has(current); depth++) {
    seen.add(current);
    const err = current as {
      code?: unknown;
      originalCode?: unknown;
      meta?: { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown } } };
      cause?: unknown;
    };
    const adapter = err.meta?.driverAdapterError?.cause;
    const codes = [err.code, err.originalCode, err.meta?.code, adapter?.originalCode];
    // named_votes has no other check: on its insert, a check violation is this trigger's refusal.
    if (codes.includes('23514')) return true;
    current = err.cause;
  }
  return false;
}

import { type Problem, ProblemType } from '@ratsinfo/contracts';

/**
 * Turns errors of PostgreSQL (through Prisma, its pg driver adapter, or node-postgres directly)
 * into problems a client can act on. Matched by shape, not by class, because the same violation
 * arrives as a Prisma `P2002`, a driver-adapter error `{ kind, originalCode }` or a raw pg error
 * with SQLSTATE `23505`, depending on the call that made it. The detail never echoes SQL,
 * values or constraint names beyond the fields concerned.
 */
export interface DatabaseProblem extends Problem {
  /** Seconds after which a retry may succeed (sent as `Retry-After`). */
  retryAfterSeconds?: number;
}

const RETRY_AFTER_SECONDS = 5;

const conflict = (detail: string): DatabaseProblem => ({ type: ProblemType.conflict, title: 'Conflict', status: 409, detail });
const invalid = (detail: string): DatabaseProblem => ({ type: ProblemType.validation, title: 'Invalid input', status: 400, detail });
const unavailable = (detail: string): DatabaseProblem => ({
  type: ProblemType.unavailable,
  title: 'Service Unavailable',
  status: 503,
  detail,
  retryAfterSeconds: RETRY_AFTER_SECONDS,
});

const UNIQUE = 'This conflicts with an existing record (a value that must be unique is already taken).';
const FOREIGN_KEY = 'This refers to a record that does not exist, or the record is still referenced by others.';
const CHECK = 'A value is not allowed here.';
const BUSY = 'The database is busy or unavailable at the moment. Please try again shortly.';
const WRITE_CONFLICT = 'The record was changed at the same time by someone else. Please try again.';

/** By Prisma error code (https://www.prisma.io/docs/orm/reference/error-reference). */
const BY_PRISMA_CODE: Record<string, () => DatabaseProblem> = {
  P2002: () => conflict(UNIQUE),
  P2003: () => conflict(FOREIGN_KEY),
  P2014: () => conflict(FOREIGN_KEY),
  P2000: () => invalid('A value is too long.'),
  P2011: () => invalid('A required value is missing.'),
  P2020: () => invalid('A value is out of range.'),
  P2007: () => invalid('A value has the wrong format.'),
  P2034: () => unavailable(WRITE_CONFLICT),
  P2024: () => unavailable(BUSY),
  P2028: () => unavailable(BUSY),
  P1001: () => unavailable(BUSY),
  P1002: () => unavailable(BUSY),
  P1008: () => unavailable(BUSY),
  P1017: () => unavailable(BUSY),
};

/** By driver adapter error kind (@prisma/driver-adapter-utils). */
const BY_ADAPTER_KIND: Record<string, () => DatabaseProblem> = {
  UniqueConstraintViolation: () => conflict(UNIQUE),
  ForeignKeyConstraintViolation: () => conflict(FOREIGN_KEY),
  RestrictViolation: () => conflict(FOREIGN_KEY),
  NullConstraintViolation: () => invalid('A required value is missing.'),
  LengthMismatch: () => invalid('A value is too long.'),
  ValueOutOfRange: () => invalid('A value is out of range.'),
  InvalidInputValue: () => invalid('A value has the wrong format.'),
  TransactionWriteConflict: () => unavailable(WRITE_CONFLICT),
  TooManyConnections: () => unavailable(BUSY),
  DatabaseNotReachable: () => unavailable(BUSY),
  ConnectionClosed: () => unavailable(BUSY),
  SocketTimeout: () => unavailable(BUSY),
};

/** By SQLSTATE (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
function bySqlState(code: string): DatabaseProblem | undefined {
  switch (code) {
    case '23505':
      return conflict(UNIQUE);
    case '23503':
    case '23001':
      return conflict(FOREIGN_KEY);
    case '23514':
    case '23P01':
      return invalid(CHECK);
    case '23502':
      return invalid('A required value is missing.');
    case '22001':
      return invalid('A value is too long.');
    case '22003':
    case '22008':
      return invalid('A value is out of range.');
    case '22007':
    case '22P02':
    case '22021':
    case '22P05':
      return invalid('A value has the wrong format.');
    // Raised by the database's own functions (e.g. the tenant lifecycle, ADR 0011).
    case '55000':
      return conflict('This is not possible in the current state of the record.');
    case '22023':
      return invalid(CHECK);
    case '40001':
    case '40P01':
      return unavailable(WRITE_CONFLICT);
    case '53300':
    case '57P01':
    case '57P02':
    case '57P03':
    case '57014':
      return unavailable(BUSY);
  }
  // Class 08: connection exceptions.
  return code.startsWith('08') ? unavailable(BUSY) : undefined;
}

/** Messages of node-postgres' pool and of Prisma's transaction manager that carry no code. */
const UNAVAILABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /connection terminated/i,
  /too many clients/i,
  /Unable to start a transaction in the given time/i,
  /Transaction already closed/i,
  /ECONNREFUSED/,
];

function fieldsOf(e: object): string | undefined {
  const target = (e as { meta?: { target?: unknown } }).meta?.target;
  if (Array.isArray(target) && target.every((t) => typeof t === 'string')) return target.join(', ');
  return undefined;
}

/** The problem for a database error, or undefined when `e` is not one (the caller's 500). */
export function databaseProblem(e: unknown): DatabaseProblem | undefined {
  const seen = new Set<unknown>();
  let current: unknown = e;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null && !seen.has(current); depth++) {
    seen.add(current);
    const err = current as {
      code?: unknown;
      kind?: unknown;
      originalCode?: unknown;
      message?: unknown;
      meta?: { code?: unknown; driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
      cause?: unknown;
    };
    const adapter = err.meta?.driverAdapterError?.cause;
    const sqlState = [err.originalCode, adapter?.originalCode, err.meta?.code, err.code].find((c): c is string => typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c) && !c.startsWith('P'));
    const fromSqlState = sqlState ? bySqlState(sqlState) : undefined;
    if (fromSqlState) return withFields(fromSqlState, current);
    const kind = [err.kind, adapter?.kind].find((k): k is string => typeof k === 'string' && k in BY_ADAPTER_KIND);
    if (kind) return withFields(BY_ADAPTER_KIND[kind]!(), current);
    if (typeof err.code === 'string' && err.code in BY_PRISMA_CODE) return withFields(BY_PRISMA_CODE[err.code]!(), current);
    if (typeof err.message === 'string' && UNAVAILABLE_MESSAGES.some((m) => m.test(err.message as string))) return unavailable(BUSY);
    current = err.cause;
  }
  return undefined;
}

function withFields(problem: DatabaseProblem, e: object): DatabaseProblem {
  const fields = fieldsOf(e);
  return fields && problem.status === 409 ? { ...problem, detail: `${problem.detail} Fields: ${fields}.` } : problem;
}

/*
 * Kept apart from the zod schemas of problem.ts: the web app's initial bundle switches on these
 * constants (through the data-access client) and must not pull in zod.
 */

/**
 * RFC 9457 problem details, as every API error is returned (`application/problem+json`).
 * `type` values are stable identifiers that clients may switch on.
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export const ProblemType = {
  validation: 'urn:ratsinfo:problem:validation-error',
  notFound: 'urn:ratsinfo:problem:not-found',
  tenantNotFound: 'urn:ratsinfo:problem:tenant-not-found',
  tenantSuspended: 'urn:ratsinfo:problem:tenant-suspended',
  unauthorized: 'urn:ratsinfo:problem:unauthorized',
  forbidden: 'urn:ratsinfo:problem:forbidden',
  conflict: 'urn:ratsinfo:problem:conflict',
  gone: 'urn:ratsinfo:problem:gone',
  staleVersion: 'urn:ratsinfo:problem:stale-version',
  preconditionRequired: 'urn:ratsinfo:problem:precondition-required',
  payloadTooLarge: 'urn:ratsinfo:problem:payload-too-large',
  unsupportedMediaType: 'urn:ratsinfo:problem:unsupported-media-type',
  tooManyRequests: 'urn:ratsinfo:problem:too-many-requests',
  unavailable: 'urn:ratsinfo:problem:service-unavailable',
  internal: 'urn:ratsinfo:problem:internal-error',
} as const;
export type ProblemTypeUri = (typeof ProblemType)[keyof typeof ProblemType];

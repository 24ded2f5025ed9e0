import { z } from 'zod';

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
  staleVersion: 'urn:ratsinfo:problem:stale-version',
  preconditionRequired: 'urn:ratsinfo:problem:precondition-required',
  payloadTooLarge: 'urn:ratsinfo:problem:payload-too-large',
  unsupportedMediaType: 'urn:ratsinfo:problem:unsupported-media-type',
  tooManyRequests: 'urn:ratsinfo:problem:too-many-requests',
  unavailable: 'urn:ratsinfo:problem:service-unavailable',
  internal: 'urn:ratsinfo:problem:internal-error',
} as const;
export type ProblemTypeUri = (typeof ProblemType)[keyof typeof ProblemType];

/** One invalid input: `name` is the parameter or body field (dotted path), `reason` says why. */
export const invalidParamSchema = z
  .object({
    name: z.string().meta({ description: 'The parameter, header or body field (dotted path, e.g. `branding.logoUrl`, `items.0.name`).' }),
    reason: z.string(),
  })
  .meta({ id: 'InvalidParam' });
export type InvalidParam = z.infer<typeof invalidParamSchema>;

/** RFC 9457 problem details (`application/problem+json`). */
export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'Stable identifier of the kind of problem (`urn:ratsinfo:problem:…`); clients may switch on it.' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(invalidParamSchema).optional().meta({ description: 'Present on validation errors (400): each invalid input by name.' }),
    current: z.unknown().optional().meta({ description: 'On a stale save (412): the resource as it is now, so the client can show what changed.' }),
  })
  .meta({ id: 'Problem' });

export interface Problem {
  type: ProblemTypeUri | string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** Present on validation errors. */
  errors?: InvalidParam[];
  /** On a stale save (412): the resource as it is now, so the client can show what changed. */
  current?: unknown;
}

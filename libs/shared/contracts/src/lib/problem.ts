import { z } from 'zod';
import type { ProblemTypeUri } from './problem-types';

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
    allowed: z.array(z.string()).optional().meta({ description: 'On an invalid meeting transition (409): the states the meeting may move to now.' }),
    latestTimelyDate: z.string().optional().meta({ description: 'On a late invitation (409): the last day on which it would have been timely (YYYY-MM-DD).' }),
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
  /** On an invalid meeting transition (409): the states the meeting may move to now. */
  allowed?: string[];
  /** On a late invitation (409): the last day on which it would have been timely. */
  latestTimelyDate?: string;
}

import { z } from 'zod';
import { pageQuerySchema } from './cursor';
import { DEAD_LETTER_SUBJECT_KINDS } from './dead-letter-routes';
import { instant, uuidOut } from './response';

/**
 * What a dead letter refers to, read in the authority's own context: a meeting's name and
 * start, a file's name, a mail's recipient and template, an export's reason. `name` is null
 * when the record is gone or could not be read (the list never fails over it).
 */
export const deadLetterSubjectSchema = z
  .object({
    kind: z.enum(DEAD_LETTER_SUBJECT_KINDS),
    id: z.string(),
    name: z.string().nullable(),
    date: instant.nullable(),
    detail: z.string().nullable(),
    /** The meeting to link to, where the subject belongs to one. */
    meetingId: uuidOut.nullable(),
  })
  .meta({ id: 'DeadLetterSubject' });
export type DeadLetterSubjectDto = z.infer<typeof deadLetterSubjectSchema>;

/** A dead letter of the clerk's own authority: with its full error. */
export const deadLetterSchema = z
  .object({
    id: uuidOut,
    topic: z.string(),
    /** Translation key of the topic; null for a topic this version does not know (show `topic`). */
    labelKey: z.string().nullable(),
    createdAt: instant,
    deadAt: instant,
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    refersTo: deadLetterSubjectSchema.nullable(),
  })
  .meta({ id: 'DeadLetter' });
export type DeadLetterDto = z.infer<typeof deadLetterSchema>;

/** A dead letter as operators see it: which authority, what kind of job and error; no content. */
export const operatorDeadLetterSchema = z
  .object({
    id: uuidOut,
    tenant: z.object({ id: uuidOut, slug: z.string().nullable(), name: z.string().nullable() }),
    topic: z.string(),
    labelKey: z.string().nullable(),
    createdAt: instant,
    deadAt: instant,
    attempts: z.number().int(),
    errorKind: z.string(),
  })
  .meta({ id: 'OperatorDeadLetter' });
export type OperatorDeadLetterDto = z.infer<typeof operatorDeadLetterSchema>;

export const deadLetterCountSchema = z.object({ count: z.number().int() }).meta({ id: 'DeadLetterCount' });
export type DeadLetterCountDto = z.infer<typeof deadLetterCountSchema>;

/** `limit` (1–200, default 50) rows after `cursor`. */
export const deadLetterQuerySchema = pageQuerySchema;
export type DeadLetterQuery = z.infer<typeof deadLetterQuerySchema>;

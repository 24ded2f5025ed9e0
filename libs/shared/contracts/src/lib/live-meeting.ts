import { z } from 'zod';
import { AGENDA_RESULT_KINDS } from './decision-routes';
import { MEETING_STATES } from './council';
import { text } from './input';
import { MAX_RECORDING_OFFSET_SECONDS } from './live-meeting-routes';

/**
 * The live meeting (issue 9): the clerk's live mode (current item, recording, per-item moments)
 * and the portal's live snapshot (JSON and server-sent events). Inputs are strict.
 */

const id = z.uuid({ message: 'must be a UUID' });

// ---- Inputs -----------------------------------------------------------------------------------

export const putCurrentItemSchema = z.object({ agendaItemId: id.nullable() }).strict();
export type PutCurrentItemInput = z.infer<typeof putCurrentItemSchema>;

export const putRecordingSchema = z
  .object({
    recordingUrl: text({ max: 2000, min: 1 })
      .pipe(z.url({ protocol: /^https$/, message: 'must be an https URL' }))
      .nullable(),
  })
  .strict();
export type PutRecordingInput = z.infer<typeof putRecordingSchema>;

export const putRecordingOffsetSchema = z
  .object({
    seconds: z
      .number({ message: 'must be a whole number of seconds' })
      .int('must be a whole number of seconds')
      .min(0, 'must not be negative')
      .max(MAX_RECORDING_OFFSET_SECONDS, `must be at most ${MAX_RECORDING_OFFSET_SECONDS}`)
      .nullable(),
  })
  .strict();
export type PutRecordingOffsetInput = z.infer<typeof putRecordingOffsetSchema>;

// ---- Responses --------------------------------------------------------------------------------

/** The clerk's live-mode view: every living item (non-public ones included). */
export const officeLiveMeetingSchema = z.object({
  meetingId: z.string(),
  name: z.string(),
  meetingState: z.enum(MEETING_STATES),
  cancelled: z.boolean(),
  currentAgendaItemId: z.string().nullable(),
  recordingUrl: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.string(),
      number: z.string().nullable(),
      name: z.string(),
      public: z.boolean(),
      level: z.number().int(),
      resultKind: z.enum(AGENDA_RESULT_KINDS).nullable(),
      recordingOffsetSeconds: z.number().int().nullable(),
    }),
  ),
});
export type OfficeLiveMeetingDto = z.infer<typeof officeLiveMeetingSchema>;

const votes = z.object({ yes: z.number().int(), no: z.number().int(), abstain: z.number().int() });

const publicLiveItem = z.object({
  id: z.string(),
  number: z.string().nullable(),
  name: z.string(),
  result: z.string().nullable(),
  resultKind: z.enum(AGENDA_RESULT_KINDS).nullable(),
  votes: votes.nullable(),
  recordingOffsetSeconds: z.number().int().nullable(),
});
/** A run of non-public items: one entry, without names, numbers or results. */
const nonPublicLiveItem = z.object({ nonPublic: z.literal(true) });

/**
 * What the portal shows of a meeting as it happens. Non-public items appear only as one
 * `{nonPublic: true}` entry per run of them; a non-public current item only as `{nonPublic: true}`.
 * `version` is a hash of the rest: the same state has the same version on every replica (it is
 * the SSE event id, so a reconnect with Last-Event-ID skips an unchanged snapshot).
 */
export const liveMeetingSnapshotSchema = z.object({
  meetingId: z.string(),
  meetingState: z.enum(MEETING_STATES),
  cancelled: z.boolean(),
  currentItem: z.union([z.object({ id: z.string(), number: z.string().nullable(), name: z.string() }), nonPublicLiveItem]).nullable(),
  items: z.array(z.union([publicLiveItem, nonPublicLiveItem])),
  recordingUrl: z.string().nullable(),
  version: z.string(),
});
export type LiveMeetingSnapshot = z.infer<typeof liveMeetingSnapshotSchema>;
export type LiveMeetingItem = LiveMeetingSnapshot['items'][number];
export type PublicLiveMeetingItem = z.infer<typeof publicLiveItem>;

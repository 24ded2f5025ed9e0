/**
 * The zod-free part of the live-meeting contract (issue 9): routes and limits the web app's
 * pages use without pulling zod into a bundle (see ./live-meeting for the schemas).
 */

const enc = encodeURIComponent;

export const LiveMeetingRoutes = {
  /** Clerk: the live-mode view (GET) of a meeting. */
  office: (slug: string, meetingId: string) => `/api/office/${enc(slug)}/meetings/${enc(meetingId)}/live`,
  /** Clerk: PUT `{agendaItemId | null}` while the meeting runs. */
  currentItem: (slug: string, meetingId: string) => `/api/office/${enc(slug)}/meetings/${enc(meetingId)}/live/current-item`,
  /** Clerk: PUT `{recordingUrl | null}`. */
  recording: (slug: string, meetingId: string) => `/api/office/${enc(slug)}/meetings/${enc(meetingId)}/recording`,
  /** Clerk: PUT `{seconds | null}`. */
  recordingOffset: (slug: string, meetingId: string, itemId: string) =>
    `/api/office/${enc(slug)}/meetings/${enc(meetingId)}/agenda-items/${enc(itemId)}/recording-offset`,
  /** Public: the live snapshot as JSON. */
  snapshot: (slug: string, meetingId: string) => `/api/portal/${enc(slug)}/meetings/${enc(meetingId)}/live`,
  /** Public: the live snapshot as a server-sent event stream (text/event-stream). */
  events: (slug: string, meetingId: string) => `/api/portal/${enc(slug)}/meetings/${enc(meetingId)}/live/events`,
} as const;

/** The SSE event name of a snapshot. */
export const LIVE_SNAPSHOT_EVENT = 'snapshot';

/** The latest moment in a recording an item may point to (24 h), in seconds. */
export const MAX_RECORDING_OFFSET_SECONDS = 86_400;

/** "01:02:03" for 3723 seconds (hours always shown: a council meeting runs for hours). */
export function formatRecordingOffset(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}

/** The seconds that "hh:mm:ss", "mm:ss" or plain seconds stand for; null for anything else (or beyond 24 h). */
export function parseRecordingOffset(value: string): number | null {
  const v = value.trim();
  if (!/^\d{1,5}(?::[0-5]?\d){0,2}$/.test(v)) return null;
  const parts = v.split(':').map(Number);
  const seconds = parts.reduce((acc, p) => acc * 60 + p, 0);
  return seconds <= MAX_RECORDING_OFFSET_SECONDS ? seconds : null;
}

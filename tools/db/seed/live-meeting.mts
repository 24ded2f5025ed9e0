/**
 * Keeps the demo's live meeting live: the seed runs once per data folder, so on every start
 * (`npm start`, tools/services/stack.mts, only when the demo seed is on) the one demo meeting of
 * Stadt Burg that is "running" (DEMO_LIVE_MEETING_ID) is re-timed to today: it started 30 minutes
 * ago, runs for another two hours, state running, its 2nd public item is the current one.
 *
 * Nothing else is touched (not its items, results or attendance, no other meeting). When the
 * meeting does not exist (seed off, deleted, another database) it does nothing and says so.
 * Runs as the owner in one transaction with app.tenant_id set, like the seed (RLS applies).
 *
 *   DATABASE_OWNER_URL=postgresql://… node tools/db/seed/live-meeting.mts
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { DEMO_LIVE_MEETING_ID, DEMO_LIVE_MEETING_TENANT_ID } from './demo-ids.mts';

const MINUTE = 60_000;

export interface LiveMeetingRefresh {
  refreshed: boolean;
  start?: string;
  currentAgendaItemId?: string | null;
}

export async function refreshLiveDemoMeeting(connectionString: string, opts: { now?: Date; log?: (m: string) => void } = {}): Promise<LiveMeetingRefresh> {
  const log = opts.log ?? (() => undefined);
  const now = Math.floor((opts.now ?? new Date()).getTime() / MINUTE) * MINUTE;
  const start = new Date(now - 30 * MINUTE);
  const end = new Date(now + 120 * MINUTE);
  const client = new pg.Client({ connectionString, application_name: 'ratsinfo-demo-live-meeting' });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT set_config('app.tenant_id', $1, true)", [DEMO_LIVE_MEETING_TENANT_ID]);
    const { rows } = await client.query<{ start: Date; current_agenda_item_id: string | null }>(
      `UPDATE meetings m
          SET start = $2, "end" = $3, meeting_state = 'running', started_at = $2, closed_at = NULL, cancelled = false,
              current_agenda_item_id = (SELECT a.id FROM agenda_items a WHERE a.meeting_id = m.id AND a.public AND a.deleted_at IS NULL ORDER BY a."order" OFFSET 1 LIMIT 1)
        WHERE m.id = $1 AND m.deleted_at IS NULL
        RETURNING m.start, m.current_agenda_item_id::text AS current_agenda_item_id`,
      [DEMO_LIVE_MEETING_ID, start, end],
    );
    await client.query('COMMIT');
    const row = rows[0];
    if (!row) {
      log('live demo meeting: not found, nothing re-timed');
      return { refreshed: false };
    }
    log(`live demo meeting re-timed: running since ${start.toISOString()}`);
    return { refreshed: true, start: row.start.toISOString(), currentAgendaItemId: row.current_agenda_item_id };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;

if (invokedDirectly) {
  const url = process.env['DATABASE_OWNER_URL'] || process.env['DATABASE_URL'];
  if (!url) {
    console.error('live-meeting: set DATABASE_OWNER_URL (or DATABASE_URL).');
    process.exit(2);
  }
  if (process.env['RATSINFO_SEED'] === 'false') {
    console.log('live-meeting: RATSINFO_SEED=false, skipped');
  } else {
    await refreshLiveDemoMeeting(url, { log: (m) => console.log(`live-meeting: ${m}`) }).catch((e: Error) => {
      console.error(`live-meeting: ${e.message}`);
      process.exitCode = 1;
    });
  }
}

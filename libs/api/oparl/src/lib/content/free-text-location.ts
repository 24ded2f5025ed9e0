import type { TenantTx } from '@ratsinfo/api-database';
import { FREE_TEXT_LOCATION_PREFIX, toOParlMeetingLocation } from '../content-mappers';
import type { OParlContext, OParlObject } from '../list-source';
import { isUuid } from './public-rules';

/** `meeting-{uuid}` → the meeting's id, or null when the location id is not of that form. */
export function meetingIdOfFreeTextLocation(locationId: string): string | null {
  if (!locationId.startsWith(FREE_TEXT_LOCATION_PREFIX)) return null;
  const id = locationId.slice(FREE_TEXT_LOCATION_PREFIX.length);
  return isUuid(id) ? id : null;
}

/**
 * The Location `…/locations/meeting-{meetingId}`: the free-text place of a living meeting that has
 * no locations row (what Meeting.location embeds for it), or null. The location source delegates
 * ids of that form here.
 */
export async function freeTextLocationOf(tx: TenantTx, meetingId: string, ctx: OParlContext): Promise<OParlObject | null> {
  if (!isUuid(meetingId)) return null;
  const m = await tx.meeting.findFirst({
    where: { id: meetingId, deletedAt: null, locationId: null, locationText: { not: null } },
    select: { id: true, locationText: true, createdAt: true, updatedAt: true },
  });
  return (m && toOParlMeetingLocation(m, ctx.urls)) || null;
}

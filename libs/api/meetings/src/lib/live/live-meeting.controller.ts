import { Body, Controller, Get, Param, Put, Req, Res, UseInterceptors } from '@nestjs/common';
import { NotFoundError, Public, Responds, TenantAccess, ZodValidationPipe } from '@ratsinfo/api-core';
import { PublicCacheInterceptor } from '@ratsinfo/api-tenancy';
import {
  type LiveMeetingSnapshot,
  liveMeetingSnapshotSchema,
  type OfficeLiveMeetingDto,
  officeLiveMeetingSchema,
  pathSegment,
  type PutCurrentItemInput,
  putCurrentItemSchema,
  type PutRecordingInput,
  type PutRecordingOffsetInput,
  putRecordingOffsetSchema,
  putRecordingSchema,
} from '@ratsinfo/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { LiveMeetingHub } from './live-meeting-hub';
import { LiveMeetingService } from './live-meeting.service';

const uuid = z.uuid({ message: 'must be a UUID' });
const meetingParams = z.object({ tenant: pathSegment(), meetingId: uuid }).strict();
type MeetingParams = z.infer<typeof meetingParams>;
const itemParams = z.object({ tenant: pathSegment(), meetingId: uuid, itemId: uuid }).strict();
type ItemParams = z.infer<typeof itemParams>;

const STAFF = ['tenant-admin', 'clerk'] as const;

/** The clerk's live mode of a meeting (issue 9). */
@Controller('api/office/:tenant/meetings/:meetingId')
export class OfficeLiveMeetingController {
  constructor(private readonly live: LiveMeetingService) {}

  @Get('live')
  @TenantAccess(STAFF)
  @Responds(officeLiveMeetingSchema, { description: 'The live mode: state, current item, recording and every item with its moment in the recording.' })
  view(@Param(new ZodValidationPipe(meetingParams)) p: MeetingParams): Promise<OfficeLiveMeetingDto> {
    return this.live.view(p.meetingId);
  }

  @Put('live/current-item')
  @TenantAccess(STAFF)
  @Responds(officeLiveMeetingSchema, { description: 'Marks the item under deliberation (null: none). Only while the meeting is running (409 otherwise).' })
  currentItem(@Param(new ZodValidationPipe(meetingParams)) p: MeetingParams, @Body(new ZodValidationPipe(putCurrentItemSchema)) body: PutCurrentItemInput): Promise<OfficeLiveMeetingDto> {
    return this.live.setCurrentItem(p.meetingId, body.agendaItemId);
  }

  @Put('recording')
  @TenantAccess(STAFF)
  @Responds(officeLiveMeetingSchema, { description: 'The recording (video) of the meeting, https only (null: none).' })
  recording(@Param(new ZodValidationPipe(meetingParams)) p: MeetingParams, @Body(new ZodValidationPipe(putRecordingSchema)) body: PutRecordingInput): Promise<OfficeLiveMeetingDto> {
    return this.live.setRecording(p.meetingId, body.recordingUrl);
  }

  @Put('agenda-items/:itemId/recording-offset')
  @TenantAccess(STAFF)
  @Responds(officeLiveMeetingSchema, { description: 'The item’s moment in the recording, 0..86400 seconds from its start (null: none).' })
  recordingOffset(@Param(new ZodValidationPipe(itemParams)) p: ItemParams, @Body(new ZodValidationPipe(putRecordingOffsetSchema)) body: PutRecordingOffsetInput): Promise<OfficeLiveMeetingDto> {
    return this.live.setRecordingOffset(p.meetingId, p.itemId, body.seconds);
  }
}

/**
 * The portal's live view of a meeting: a snapshot (through the response cache like every public
 * read: it depends only on public data) and the same as server-sent events (never cached).
 */
@Controller('api/portal/:tenant/meetings/:meetingId/live')
@Public()
export class PortalLiveMeetingController {
  constructor(private readonly hub: LiveMeetingHub) {}

  @Get()
  @UseInterceptors(PublicCacheInterceptor)
  @Responds(liveMeetingSnapshotSchema, { description: 'The meeting as it happens: state, current item, public items with results and votes; non-public items only as “nicht öffentlicher Teil”.' })
  async snapshot(@Param(new ZodValidationPipe(meetingParams)) p: MeetingParams): Promise<LiveMeetingSnapshot> {
    const s = await this.hub.snapshot(p.meetingId);
    if (!s) throw new NotFoundError('The meeting');
    return s;
  }

  @Get('events')
  @Responds(null, {
    contentType: 'text/event-stream',
    description: 'The snapshot as server-sent events (`event: snapshot`, `id:` its version): at once, then on every change; heartbeats; Last-Event-ID skips an unchanged first snapshot. 503 when this server holds too many streams.',
  })
  events(@Param(new ZodValidationPipe(meetingParams)) p: MeetingParams, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.hub.open(p.meetingId, req, res);
  }
}

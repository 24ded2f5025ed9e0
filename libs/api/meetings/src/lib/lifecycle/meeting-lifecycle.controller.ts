import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { expectedVersion, RequiresIfMatch, Responds, TenantAccess, versionEtag, ZodValidationPipe } from '@ratsinfo/api-core';
import { type MeetingLifecycleDto, meetingLifecycleSchema, type MeetingTransitionInput, meetingTransitionSchema, pathSegment } from '@ratsinfo/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { MeetingLifecycleService } from './meeting-lifecycle.service';

const meetingParams = z.object({ tenant: pathSegment(), meetingId: z.uuid({ message: 'must be a UUID' }) }).strict();
type MeetingParams = z.infer<typeof meetingParams>;

const STAFF = ['tenant-admin', 'clerk'] as const;

/**
 * The meeting's lifecycle for clerks and tenant admins: its state, the allowed transitions and the
 * notice period (GET), and a transition (POST, If-Match: the meeting's version; an invalid one is
 * a 409 whose `allowed` names the possible ones).
 */
@Controller('api/office/:tenant/meetings/:meetingId')
export class MeetingLifecycleController {
  constructor(private readonly lifecycle: MeetingLifecycleService) {}

  @Get('lifecycle')
  @TenantAccess(STAFF)
  @Responds(meetingLifecycleSchema)
  async get(@Param(new ZodValidationPipe(meetingParams)) p: MeetingParams, @Res({ passthrough: true }) res: Response): Promise<MeetingLifecycleDto> {
    const r = await this.lifecycle.lifecycle(p.meetingId);
    res.setHeader('ETag', versionEtag(r.version));
    // "Timely now" moves with the day: never from a cache.
    res.setHeader('Cache-Control', 'no-store');
    return r;
  }

  @Post('transitions')
  @RequiresIfMatch()
  @HttpCode(200)
  @TenantAccess(STAFF)
  @Responds(meetingLifecycleSchema)
  async transition(
    @Param(new ZodValidationPipe(meetingParams)) p: MeetingParams,
    @Body(new ZodValidationPipe(meetingTransitionSchema)) body: MeetingTransitionInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeetingLifecycleDto> {
    const r = await this.lifecycle.transition(p.meetingId, expectedVersion(req.headers['if-match']), body);
    res.setHeader('ETag', versionEtag(r.version));
    return r;
  }
}

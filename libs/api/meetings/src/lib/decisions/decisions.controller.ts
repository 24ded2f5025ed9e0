import { Body, Controller, Delete, Get, Param, Post, Put, Req, Res } from '@nestjs/common';
import { expectedVersion, RequiresIfMatch, Responds, TenantAccess, versionEtag, ZodValidationPipe } from '@ratsinfo/api-core';
import {
  type AddMinutesApprovalInput,
  addMinutesApprovalSchema,
  type MeetingDecisionsDto,
  meetingDecisionsSchema,
  pathSegment,
  type PutDecisionInput,
  putDecisionSchema,
  type PutMinutesFileInput,
  putMinutesFileSchema,
} from '@ratsinfo/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { DecisionsService } from './decisions.service';

const uuid = () => z.uuid({ message: 'must be a UUID' });
const meetingParams = z.object({ tenant: pathSegment(), meetingId: uuid() }).strict();
const itemParams = z.object({ tenant: pathSegment(), meetingId: uuid(), itemId: uuid() }).strict();
type MeetingParams = z.infer<typeof meetingParams>;
type ItemParams = z.infer<typeof itemParams>;

const STAFF = ['tenant-admin', 'clerk'] as const;

/**
 * The clerk's record of a meeting's decisions and minutes: per agenda item the result, the
 * resolution text, the vote and the conflicts of interest; the signed minutes; the item approving
 * an earlier meeting's minutes. Every write names the meeting's version (If-Match) and answers
 * with the whole record and the new version as ETag.
 */
@Controller('api/office/:tenant/meetings/:meetingId')
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Get('decisions')
  @TenantAccess(STAFF)
  @Responds(meetingDecisionsSchema)
  async read(@Param(new ZodValidationPipe(meetingParams)) p: MeetingParams, @Res({ passthrough: true }) res: Response): Promise<MeetingDecisionsDto> {
    return withEtag(res, await this.decisions.decisions(p.meetingId));
  }

  @Put('agenda-items/:itemId/decision')
  @RequiresIfMatch()
  @TenantAccess(STAFF)
  @Responds(meetingDecisionsSchema)
  async put(
    @Param(new ZodValidationPipe(itemParams)) p: ItemParams,
    @Body(new ZodValidationPipe(putDecisionSchema)) body: PutDecisionInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeetingDecisionsDto> {
    return withEtag(res, await this.decisions.putDecision(p.meetingId, p.itemId, expectedVersion(req.headers['if-match']), body));
  }

  @Put('minutes-file')
  @RequiresIfMatch()
  @TenantAccess(STAFF)
  @Responds(meetingDecisionsSchema)
  async putMinutesFile(
    @Param(new ZodValidationPipe(meetingParams)) p: MeetingParams,
    @Body(new ZodValidationPipe(putMinutesFileSchema)) body: PutMinutesFileInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeetingDecisionsDto> {
    return withEtag(res, await this.decisions.setMinutesFile(p.meetingId, expectedVersion(req.headers['if-match']), body.fileId));
  }

  @Delete('minutes-file')
  @RequiresIfMatch()
  @TenantAccess(STAFF)
  @Responds(meetingDecisionsSchema)
  async deleteMinutesFile(@Param(new ZodValidationPipe(meetingParams)) p: MeetingParams, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<MeetingDecisionsDto> {
    return withEtag(res, await this.decisions.setMinutesFile(p.meetingId, expectedVersion(req.headers['if-match']), null));
  }

  @Post('agenda/minutes-approval')
  @RequiresIfMatch()
  @TenantAccess(STAFF)
  @Responds(meetingDecisionsSchema, { status: 201 })
  async addMinutesApproval(
    @Param(new ZodValidationPipe(meetingParams)) p: MeetingParams,
    @Body(new ZodValidationPipe(addMinutesApprovalSchema)) body: AddMinutesApprovalInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<MeetingDecisionsDto> {
    return withEtag(res, await this.decisions.addMinutesApproval(p.meetingId, expectedVersion(req.headers['if-match']), body));
  }
}

function withEtag<T extends { version: number }>(res: Response, dto: T): T {
  res.setHeader('ETag', versionEtag(dto.version));
  return dto;
}

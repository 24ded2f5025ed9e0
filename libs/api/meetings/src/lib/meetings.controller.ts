import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { expectedVersion, RequiresIfMatch, Responds, TenantAccess, versionEtag, ZodValidationPipe } from '@ratsinfo/api-core';
import {
  type AddAgendaItemInput,
  addAgendaItemSchema,
  type AgendaDto,
  agendaSchema,
  type CancelMeetingInput,
  cancelMeetingSchema,
  type CreateMeetingInput,
  createMeetingSchema,
  meetingIdQuerySchema,
  type OfficeMeetingDto,
  type OfficeMeetingListDto,
  officeMeetingListQuerySchema,
  type OfficeMeetingListQuery,
  officeMeetingListSchema,
  officeMeetingSchema,
  pathSegment,
  type PutAgendaInput,
  putAgendaSchema,
  type SchedulableConsultationListDto,
  schedulableConsultationListSchema,
  type UpdateMeetingInput,
  updateMeetingSchema,
} from '@ratsinfo/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { MeetingsService } from './meetings.service';

const tenantParams = z.object({ tenant: pathSegment() }).strict();
const meetingParams = z.object({ tenant: pathSegment(), meetingId: z.uuid({ message: 'must be a UUID' }) }).strict();
type MeetingParams = z.infer<typeof meetingParams>;

const STAFF = ['tenant-admin', 'clerk'] as const;

/**
 * Meetings and agendas in the back office. Clerks and tenant admins write; members read a meeting
 * (with the non-public items the visibility rule allows). Every write names the version it read
 * (If-Match); the answer carries the new one as ETag.
 */
@Controller('api/office/:tenant/meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Get()
  @TenantAccess(STAFF)
  @Responds(officeMeetingListSchema)
  list(@Param(new ZodValidationPipe(tenantParams)) _p: unknown, @Query(new ZodValidationPipe(officeMeetingListQuerySchema)) q: OfficeMeetingListQuery): Promise<OfficeMeetingListDto> {
    return this.meetings.list(q);
  }

  @Post()
  @TenantAccess(STAFF)
  @Responds(officeMeetingSchema, { status: 201 })
  async create(
    @Param(new ZodValidationPipe(tenantParams)) _p: unknown,
    @Body(new ZodValidationPipe(createMeetingSchema)) body: CreateMeetingInput,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OfficeMeetingDto> {
    return withEtag(res, await this.meetings.create(body));
  }

  // Before `:meetingId`, so the path is not read as an id.
  @Get('schedulable-consultations')
  @TenantAccess(STAFF)
  @Responds(schedulableConsultationListSchema)
  schedulable(@Param(new ZodValidationPipe(tenantParams)) _p: unknown, @Query(new ZodValidationPipe(meetingIdQuerySchema)) q: { meetingId: string }): Promise<SchedulableConsultationListDto> {
    return this.meetings.schedulable(q.meetingId);
  }

  @Get(':meetingId')
  @TenantAccess(['tenant-admin', 'clerk', 'member'])
  @Responds(officeMeetingSchema)
  async meeting(@Param(new ZodValidationPipe(meetingParams)) p: MeetingParams, @Res({ passthrough: true }) res: Response): Promise<OfficeMeetingDto> {
    return withEtag(res, await this.meetings.meeting(p.meetingId));
  }

  @Patch(':meetingId')
  @RequiresIfMatch()
  @TenantAccess(STAFF)
  @Responds(officeMeetingSchema)
  async update(
    @Param(new ZodValidationPipe(meetingParams)) p: MeetingParams,
    @Body(new ZodValidationPipe(updateMeetingSchema)) body: UpdateMeetingInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OfficeMeetingDto> {
    return withEtag(res, await this.meetings.update(p.meetingId, expectedVersion(req.headers['if-match']), body));
  }

  @Post(':meetingId/cancel')
  @RequiresIfMatch()
  @HttpCode(200)
  @TenantAccess(STAFF)
  @Responds(officeMeetingSchema)
  async cancel(
    @Param(new ZodValidationPipe(meetingParams)) p: MeetingParams,
    @Body(new ZodValidationPipe(cancelMeetingSchema)) body: CancelMeetingInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OfficeMeetingDto> {
    return withEtag(res, await this.meetings.cancel(p.meetingId, expectedVersion(req.headers['if-match']), body));
  }

  @Get(':meetingId/agenda')
  @TenantAccess(STAFF)
  @Responds(agendaSchema)
  async agenda(@Param(new ZodValidationPipe(meetingParams)) p: MeetingParams, @Res({ passthrough: true }) res: Response): Promise<AgendaDto> {
    return withEtag(res, await this.meetings.agenda(p.meetingId));
  }

  @Put(':meetingId/agenda')
  @RequiresIfMatch()
  @TenantAccess(STAFF)
  @Responds(agendaSchema)
  async putAgenda(
    @Param(new ZodValidationPipe(meetingParams)) p: MeetingParams,
    @Body(new ZodValidationPipe(putAgendaSchema)) body: PutAgendaInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AgendaDto> {
    return withEtag(res, await this.meetings.putAgenda(p.meetingId, expectedVersion(req.headers['if-match']), body.items));
  }

  @Post(':meetingId/agenda/items')
  @RequiresIfMatch()
  @TenantAccess(STAFF)
  @Responds(agendaSchema, { status: 201 })
  async addItem(
    @Param(new ZodValidationPipe(meetingParams)) p: MeetingParams,
    @Body(new ZodValidationPipe(addAgendaItemSchema)) body: AddAgendaItemInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AgendaDto> {
    return withEtag(res, await this.meetings.addItem(p.meetingId, expectedVersion(req.headers['if-match']), body));
  }
}

function withEtag<T extends { version: number }>(res: Response, dto: T): T {
  res.setHeader('ETag', versionEtag(dto.version));
  return dto;
}

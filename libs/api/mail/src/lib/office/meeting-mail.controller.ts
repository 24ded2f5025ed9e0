import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { expectedVersion, RequiresIfMatch, Responds, TenantAccess, versionEtag, ZodValidationPipe } from '@ratsinfo/api-core';
import {
  type AbsenceNoticeDto,
  absenceNoticeListSchema,
  type AbsenceNoticeListDto,
  absenceNoticeSchema,
  type AbsenceQuery,
  absenceQuerySchema,
  type AddGuestInput,
  addGuestSchema,
  type InvitationRequestedDto,
  invitationRequestedSchema,
  type MeetingGuestDto,
  type MeetingGuestListDto,
  meetingGuestListSchema,
  meetingGuestSchema,
  type MeetingMailListDto,
  meetingMailListSchema,
  type MyAbsenceDto,
  myAbsenceSchema,
  type NoticeAbsenceInput,
  noticeAbsenceSchema,
  pathSegment,
  type SendInvitationInput,
  sendInvitationSchema,
} from '@ratsinfo/contracts';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AbsenceService } from './absence.service';
import { MeetingMailService } from './meeting-mail.service';

const uuid = z.uuid({ message: 'must be a UUID' });
const meetingParams = z.object({ tenant: pathSegment(), meetingId: uuid }).strict();
type MeetingParams = z.infer<typeof meetingParams>;
const guestParams = z.object({ tenant: pathSegment(), meetingId: uuid, guestId: uuid }).strict();
type GuestParams = z.infer<typeof guestParams>;

const STAFF = ['tenant-admin', 'clerk'] as const;
const EVERYONE = ['tenant-admin', 'clerk', 'member'] as const;

/**
 * A meeting's invitation, guests and absence notices in the back office. Clerks and tenant admins
 * send invitations (If-Match: the meeting's version, so a double click is a 412, not a second
 * sending), see the mail records and keep the guest list; members give notice of their own absence.
 */
@Controller('api/office/:tenant/meetings/:meetingId')
export class MeetingMailController {
  constructor(
    private readonly mail: MeetingMailService,
    private readonly absence: AbsenceService,
  ) {}

  @Post('invitations')
  @RequiresIfMatch()
  @HttpCode(202)
  @TenantAccess(STAFF)
  @Responds(invitationRequestedSchema, { status: 202 })
  async invite(
    @Param(new ZodValidationPipe(meetingParams)) p: MeetingParams,
    @Body(new ZodValidationPipe(sendInvitationSchema)) body: SendInvitationInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<InvitationRequestedDto> {
    const r = await this.mail.requestInvitation(p.meetingId, expectedVersion(req.headers['if-match']), body);
    res.setHeader('ETag', versionEtag(r.version));
    return r;
  }

  @Get('mails')
  @TenantAccess(STAFF)
  @Responds(meetingMailListSchema)
  async mails(@Param(new ZodValidationPipe(meetingParams)) p: MeetingParams, @Res({ passthrough: true }) res: Response): Promise<MeetingMailListDto> {
    const r = await this.mail.mails(p.meetingId);
    // The status moves while the worker sends: never from a cache.
    res.setHeader('Cache-Control', 'no-store');
    return r;
  }

  @Get('guests')
  @TenantAccess(STAFF)
  @Responds(meetingGuestListSchema)
  guests(@Param(new ZodValidationPipe(meetingParams)) p: MeetingParams): Promise<MeetingGuestListDto> {
    return this.mail.guests(p.meetingId);
  }

  @Post('guests')
  @TenantAccess(STAFF)
  @Responds(meetingGuestSchema, { status: 201 })
  addGuest(@Param(new ZodValidationPipe(meetingParams)) p: MeetingParams, @Body(new ZodValidationPipe(addGuestSchema)) body: AddGuestInput): Promise<MeetingGuestDto> {
    return this.mail.addGuest(p.meetingId, body);
  }

  @Delete('guests/:guestId')
  @HttpCode(204)
  @TenantAccess(STAFF)
  @Responds(null, { status: 204 })
  async removeGuest(@Param(new ZodValidationPipe(guestParams)) p: GuestParams): Promise<void> {
    await this.mail.removeGuest(p.meetingId, p.guestId);
  }

  @Get('absence')
  @TenantAccess(EVERYONE)
  @Responds(myAbsenceSchema)
  myAbsence(@Param(new ZodValidationPipe(meetingParams)) p: MeetingParams): Promise<MyAbsenceDto> {
    return this.absence.mine(p.meetingId);
  }

  @Post('absence')
  @TenantAccess(EVERYONE)
  @Responds(absenceNoticeSchema, { status: 201 })
  noticeAbsence(@Param(new ZodValidationPipe(meetingParams)) p: MeetingParams, @Body(new ZodValidationPipe(noticeAbsenceSchema)) body: NoticeAbsenceInput): Promise<AbsenceNoticeDto> {
    return this.absence.notice(p.meetingId, body);
  }

  @Delete('absence')
  @HttpCode(204)
  @TenantAccess(EVERYONE)
  @Responds(null, { status: 204 })
  async withdrawAbsence(@Param(new ZodValidationPipe(meetingParams)) p: MeetingParams, @Query(new ZodValidationPipe(absenceQuerySchema)) q: AbsenceQuery): Promise<void> {
    await this.absence.withdraw(p.meetingId, q.personId);
  }

  @Get('absences')
  @TenantAccess(STAFF)
  @Responds(absenceNoticeListSchema)
  absences(@Param(new ZodValidationPipe(meetingParams)) p: MeetingParams): Promise<AbsenceNoticeListDto> {
    return this.absence.list(p.meetingId);
  }
}

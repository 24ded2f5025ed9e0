import { Body, Controller, Delete, Get, HttpCode, Param, Put, Res } from '@nestjs/common';
import { Responds, TenantAccess, ZodValidationPipe } from '@ratsinfo/api-core';
import { type AttendanceViewDto, attendanceViewSchema, pathSegment, type PutAttendanceInput, putAttendanceSchema } from '@ratsinfo/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { AttendanceService } from './attendance.service';

const uuid = z.uuid({ message: 'must be a UUID' });
const meetingParams = z.object({ tenant: pathSegment(), meetingId: uuid }).strict();
type MeetingParams = z.infer<typeof meetingParams>;
const personParams = z.object({ tenant: pathSegment(), meetingId: uuid, personId: uuid }).strict();
type PersonParams = z.infer<typeof personParams>;

const STAFF = ['tenant-admin', 'clerk'] as const;

/**
 * A meeting's attendance and quorum in the back office (clerks and tenant admins only). One
 * person's record is written at a time without If-Match (live recording must be quick; the last
 * write wins); each answer carries the whole list and the new quorum.
 */
@Controller('api/office/:tenant/meetings/:meetingId/attendance')
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Get()
  @TenantAccess(STAFF)
  @Responds(attendanceViewSchema)
  async view(@Param(new ZodValidationPipe(meetingParams)) p: MeetingParams, @Res({ passthrough: true }) res: Response): Promise<AttendanceViewDto> {
    const r = await this.attendance.view(p.meetingId);
    // The quorum moves with the clock while the meeting runs: never from a cache.
    res.setHeader('Cache-Control', 'no-store');
    return r;
  }

  @Put(':personId')
  @TenantAccess(STAFF)
  @Responds(attendanceViewSchema)
  async put(
    @Param(new ZodValidationPipe(personParams)) p: PersonParams,
    @Body(new ZodValidationPipe(putAttendanceSchema)) body: PutAttendanceInput,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AttendanceViewDto> {
    const r = await this.attendance.put(p.meetingId, p.personId, body);
    res.setHeader('Cache-Control', 'no-store');
    return r;
  }

  @Delete(':personId')
  @HttpCode(204)
  @TenantAccess(STAFF)
  @Responds(null, { status: 204 })
  async remove(@Param(new ZodValidationPipe(personParams)) p: PersonParams): Promise<void> {
    await this.attendance.remove(p.meetingId, p.personId);
  }
}

import { Controller, Get, Param } from '@nestjs/common';
import { Responds, TenantAccess, ZodValidationPipe } from '@ratsinfo/api-core';
import { type OfficeMeetingDetailDto, officeMeetingDetailSchema, pathSegment, uuidSchema } from '@ratsinfo/contracts';
import { z } from 'zod';
import { CouncilService } from './council.service';

const params = z.object({ tenant: pathSegment(), meetingId: uuidSchema }).strict();

/** Meetings as members and staff of the authority see them, non-public agenda items included. */
@Controller('api/office/:tenant/meetings')
export class OfficeMeetingsController {
  constructor(private readonly council: CouncilService) {}

  @Get(':meetingId')
  @Responds(officeMeetingDetailSchema)
  @TenantAccess(['tenant-admin', 'clerk', 'member'])
  meeting(@Param(new ZodValidationPipe(params)) p: z.infer<typeof params>): Promise<OfficeMeetingDetailDto> {
    return this.council.officeMeeting(p.meetingId);
  }
}

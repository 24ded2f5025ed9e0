import { Controller, Get, Param } from '@nestjs/common';
import { NotFoundError, TenantAccess, ZodValidationPipe } from '@ratsinfo/api-core';
import { type AgendaItemDto, type MeetingDetailDto, pathSegment, uuidSchema } from '@ratsinfo/contracts';
import { z } from 'zod';
import { toAgendaItemDto, toMeetingSummary } from './portal.mapper';
import { NonPublicAccess } from './non-public-access';
import { PortalRepository } from './portal.repository';

const params = z.object({ tenant: pathSegment(), meetingId: uuidSchema }).strict();

export type OfficeMeetingDetailDto = Omit<MeetingDetailDto, 'agendaItems'> & {
  agendaItems: (AgendaItemDto & { public: boolean })[];
  /** Non-public items of this meeting that the caller may not read (member visibility rule). */
  withheldNonPublicItems: number;
};

/** Meetings as members and staff of the authority see them, non-public agenda items included. */
@Controller('api/office/:tenant/meetings')
export class OfficeMeetingsController {
  constructor(
    private readonly repo: PortalRepository,
    private readonly access: NonPublicAccess,
  ) {}

  @Get(':meetingId')
  @TenantAccess(['tenant-admin', 'clerk', 'member'])
  async meeting(@Param(new ZodValidationPipe(params)) p: z.infer<typeof params>): Promise<OfficeMeetingDetailDto> {
    const found = await this.repo.meetingForOffice(p.meetingId, this.access);
    if (!found) throw new NotFoundError('The meeting');
    const m = found.meeting;
    return { ...toMeetingSummary(m), agendaItems: m.agendaItems.map((a) => ({ ...toAgendaItemDto(a), public: a.public })), withheldNonPublicItems: found.withheld };
  }
}

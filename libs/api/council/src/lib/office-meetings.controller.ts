import { Controller, Get, Param } from '@nestjs/common';
import { NotFoundError, TenantAccess, ZodValidationPipe } from '@ratsinfo/api-core';
import { type AgendaItemDto, type MeetingDetailDto, pathSegment, uuidSchema } from '@ratsinfo/contracts';
import { z } from 'zod';
import { toAgendaItemDto, toMeetingSummary } from './portal.mapper';
import { PortalRepository } from './portal.repository';

const params = z.object({ tenant: pathSegment(), meetingId: uuidSchema }).strict();

export type OfficeMeetingDetailDto = Omit<MeetingDetailDto, 'agendaItems'> & { agendaItems: (AgendaItemDto & { public: boolean })[] };

/** Meetings as members and staff of the authority see them, non-public agenda items included. */
@Controller('api/office/:tenant/meetings')
export class OfficeMeetingsController {
  constructor(private readonly repo: PortalRepository) {}

  @Get(':meetingId')
  @TenantAccess(['tenant-admin', 'clerk', 'member'])
  async meeting(@Param(new ZodValidationPipe(params)) p: z.infer<typeof params>): Promise<OfficeMeetingDetailDto> {
    const m = await this.repo.meetingWithFullAgenda(p.meetingId);
    if (!m) throw new NotFoundError('The meeting');
    return { ...toMeetingSummary(m), agendaItems: m.agendaItems.map((a) => ({ ...toAgendaItemDto(a), public: a.public })) };
  }
}

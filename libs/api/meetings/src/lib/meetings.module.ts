import { Module } from '@nestjs/common';
import { CouncilModule } from '@ratsinfo/api-council';
import { MeetingBundleRequests } from '@ratsinfo/api-files';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { DecisionsController } from './decisions/decisions.controller';
import { DecisionsService } from './decisions/decisions.service';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

/** Meetings and their agendas in the back office (the clerk's meeting and agenda editor; members read). */
@Module({
  imports: [TenancyModule, CouncilModule],
  controllers: [MeetingsController, DecisionsController],
  providers: [MeetingsService, MeetingBundleRequests, DecisionsService],
})
export class MeetingsModule {}

import { Module } from '@nestjs/common';
import { CouncilModule } from '@ratsinfo/api-council';
import { MeetingBundleRequests } from '@ratsinfo/api-files';
import { InvitationRequests } from '@ratsinfo/api-mail';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { AttendanceController } from './attendance/attendance.controller';
import { AttendanceService } from './attendance/attendance.service';
import { DecisionsController } from './decisions/decisions.controller';
import { DecisionsService } from './decisions/decisions.service';
import { MeetingLifecycleController } from './lifecycle/meeting-lifecycle.controller';
import { MeetingLifecycleService } from './lifecycle/meeting-lifecycle.service';
import { LiveMeetingModule } from './live/live-meeting.module';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './meetings.service';

/** Meetings and their agendas in the back office (the clerk's meeting and agenda editor; members read), and the meeting's lifecycle. */
@Module({
  imports: [
    TenancyModule,
    CouncilModule,
    LiveMeetingModule,
  ],
  controllers: [
    MeetingsController,
    MeetingLifecycleController,
    AttendanceController,
    DecisionsController,
  ],
  providers: [
    MeetingsService,
    MeetingBundleRequests,
    InvitationRequests,
    MeetingLifecycleService,
    AttendanceService,
    DecisionsService,
  ],
  exports: [LiveMeetingModule],
})
export class MeetingsModule {}

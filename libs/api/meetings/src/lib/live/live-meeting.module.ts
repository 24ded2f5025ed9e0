import { Module } from '@nestjs/common';
import { TenancyModule } from '@ratsinfo/api-tenancy';
import { LiveMeetingEvents } from './live-meeting-events';
import { LiveMeetingHub } from './live-meeting-hub';
import { OfficeLiveMeetingController, PortalLiveMeetingController } from './live-meeting.controller';
import { LiveMeetingService } from './live-meeting.service';

/**
 * The live meeting (docs/adr/0017-live-meeting-events.md). Other modules whose writes change
 * what the live view shows import this module and call LiveMeetingEvents.changed after commit.
 */
@Module({
  imports: [TenancyModule],
  controllers: [OfficeLiveMeetingController, PortalLiveMeetingController],
  providers: [LiveMeetingHub, LiveMeetingEvents, LiveMeetingService],
  exports: [LiveMeetingEvents],
})
export class LiveMeetingModule {}

export * from './lib/meetings.module';
export { LiveMeetingModule } from './lib/live/live-meeting.module';
export { LiveMeetingEvents } from './lib/live/live-meeting-events';

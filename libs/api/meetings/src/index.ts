export * from './lib/meetings.module';

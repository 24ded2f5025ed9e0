export * from './lib/meetings.module';
export * from './lib/resolutions/resolutions.module';

export * from './lib/queues';
export * from './lib/handler-registry';
export * from './lib/job-scope';
export * from './lib/jobs.module';
export * from './lib/dead-letters/dead-letters.module';
export * from './lib/dead-letters/dead-letters.repository';

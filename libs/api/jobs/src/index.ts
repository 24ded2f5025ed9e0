export * from './lib/queues';
export * from './lib/handler-registry';
export * from './lib/job-scope';
export * from './lib/jobs.module';

export * from './lib/audit.module';
export * from './lib/audit-log';
export * from './lib/audit-event.dto';
export * from './lib/audit-events.repository';

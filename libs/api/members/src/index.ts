export * from './lib/members.module';

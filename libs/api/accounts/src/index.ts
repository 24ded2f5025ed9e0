export * from './lib/accounts.module';
export * from './lib/accounts.repository';

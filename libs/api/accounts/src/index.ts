export * from './lib/accounts.module';
export * from './lib/accounts.repository';
export * from './lib/me.module';
export * from './lib/access-notice';

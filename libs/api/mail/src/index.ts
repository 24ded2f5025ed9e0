export * from './lib/mail.module';
export * from './lib/mail-outbox';
export * from './lib/mail-sender';
export * from './lib/mail-templates';
export * from './lib/mail-transport';
export * from './lib/plain-template';
export * from './lib/office/mail-api.module';

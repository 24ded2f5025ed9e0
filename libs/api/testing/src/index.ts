export * from './lib/test-env';
export * from './lib/tenant-fixtures';
export * from './lib/test-issuer';
export * from './lib/dev-idp';
export * from './lib/worker-process';
export * from './lib/mailbox';
export * from './lib/documents';
export * from './lib/s3-server';

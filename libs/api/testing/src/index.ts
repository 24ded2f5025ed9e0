export * from './lib/test-env';
export * from './lib/tenant-fixtures';

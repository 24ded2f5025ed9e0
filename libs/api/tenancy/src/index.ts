export * from './lib/tenancy.module';
export * from './lib/tenant-registry';
export * from './lib/tenant-resolver';
export * from './lib/public-cache';
export * from './lib/public-cache.interceptor';
export * from './lib/public-data-events';
export * from './lib/public-cache.middleware';

export * from './lib/tenancy.module';
export * from './lib/tenant-registry';
export * from './lib/tenant-resolver';

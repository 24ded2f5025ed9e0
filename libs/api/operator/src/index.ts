export * from './lib/operator.module';
export * from './lib/operator-tenants.service';
export * from './lib/tenant-jobs';
export * from './lib/tenant-exports.service';
export * from './lib/tenant-provisioner';
export * from './lib/tenant-export';
export * from './lib/zip-stream';

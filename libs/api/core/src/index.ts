export * from './lib/config';
export * from './lib/errors';
export * from './lib/problem-details.filter';
export * from './lib/zod-validation.pipe';
export * from './lib/tenant-context';
export * from './lib/auth-context';
export * from './lib/core.module';
export * from './lib/access';

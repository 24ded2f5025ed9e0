export * from './lib/portal-api';
export * from './lib/portal-api-error';

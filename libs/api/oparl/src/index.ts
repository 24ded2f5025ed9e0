export * from './lib/urls';
export * from './lib/mappers';

export * from './lib/urls';
export * from './lib/mappers';
export * from './lib/content-mappers';
export * from './lib/list-source';
export * from './lib/content';

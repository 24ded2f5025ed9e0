export * from './lib/portal-api';
export * from './lib/api-error';
export * from './lib/office-api';
export * from './lib/operator-api';
export * from './lib/export-download';
export * from './lib/structure-api';
export * from './lib/files-api';
export * from './lib/meetings-api';

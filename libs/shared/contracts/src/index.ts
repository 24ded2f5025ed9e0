export * from './lib/problem';
export * from './lib/tenant';
export * from './lib/council';
export * from './lib/routes';
export * from './lib/access';
export * from './lib/input';
export * from './lib/cursor';
export * from './lib/response';

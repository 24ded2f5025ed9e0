export * from './lib/council.module';
export * from './lib/non-public-access';

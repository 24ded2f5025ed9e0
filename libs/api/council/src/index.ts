export * from './lib/council.module';

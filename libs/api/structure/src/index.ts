export * from './lib/structure.module';

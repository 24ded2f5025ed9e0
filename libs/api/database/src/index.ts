export * from './lib/api-database.module';


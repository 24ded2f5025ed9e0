export * from './lib/berlin-time';

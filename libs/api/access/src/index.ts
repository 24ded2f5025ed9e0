export * from './lib/access.module';
export * from './lib/roles';
export * from './lib/token-verifier';

export * from './lib/access.module';
export * from './lib/roles';
export * from './lib/token-verifier';
export * from './lib/last-seen.recorder';

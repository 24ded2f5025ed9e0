export * from './lib/auth.module';
export * from './lib/principal';
export * from './lib/audit-log';
export * from './lib/roles';
export * from './lib/token-verifier';
export { toAuditDto } from './lib/office.service';

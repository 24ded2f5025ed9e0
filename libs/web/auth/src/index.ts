// configuration and providers
export * from './lib/auth-settings';
export * from './lib/web-config';
export * from './lib/provide-auth';
export * from './lib/area-paths';
// sign-in state
export * from './lib/auth.service';
// shared parts of the signed-in areas
export * from './lib/auth-status/auth-status';
export * from './lib/sign-in-page/sign-in-page';
export * from './lib/access-error/access-error';
export * from './lib/audit-log/audit-log';
export * from './lib/my-authorities/my-authorities';
export * from './lib/my-authorities/authority-switcher';

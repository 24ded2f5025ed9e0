export * from './lib/council.module';
export * from './lib/non-public-access';
export { toBundleInfo, type BundleRow } from './lib/portal-content.mapper';
export { PUBLIC_PAPER } from './lib/portal.repository';

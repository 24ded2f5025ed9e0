export * from './lib/bundles.module';
export * from './lib/bundle-generator';
export * from './lib/bundle-pdf';
export * from './lib/bundle-sources';
export * from './lib/bundle-requested.handler';
export * from './lib/bundle-downloads.service';

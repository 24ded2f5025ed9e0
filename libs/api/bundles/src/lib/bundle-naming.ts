import type { BundleVariant } from './bundle-sources';

/** How a downloaded bundle's file name starts. */
export const VARIANT_FILE_NAME: Record<BundleVariant, string> = { public: 'Sitzungsmappe', full: 'Sitzungsmappe (mit nichtöffentlichem Teil)' };

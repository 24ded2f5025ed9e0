const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  // ESM-only packages that Jest's CommonJS loader must have transpiled.
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
  // Sized for a loaded 2-core machine (two `npm test` runs side by side), not for an idle laptop:
  // Jest's default of 5 s fails tests that only had to wait for a CPU. Hooks (beforeAll starting
  // a Nest app, creating fixture tenants) share this limit.
  testTimeout: 30_000,
};

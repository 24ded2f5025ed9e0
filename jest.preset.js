const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  // ESM-only packages that Jest's CommonJS loader must have transpiled.
  transformIgnorePatterns: ['/node_modules/(?!(jose|file-type|strtok3|token-types|@tokenizer|uint8array-extras|@borewit)/)'],
  // Sized for a loaded 2-core machine (two `npm test` runs side by side), not for an idle laptop:
  // Jest's default of 5 s fails tests that only had to wait for a CPU. Hooks (beforeAll starting
  // a Nest app, creating fixture tenants) share this limit.
  testTimeout: 30_000,
  // A suite whose setup failed cannot run its teardown, and the pools, LISTEN connections and
  // Redis subscriptions it opened then keep Jest alive forever: CI would hang until its time
  // limit instead of reporting the failure. Exit when the tests are done; leaks still show up as
  // failures of the suite that caused them.
  forceExit: true,
};

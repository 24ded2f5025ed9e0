const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  // ESM-only packages that Jest's CommonJS loader must have transpiled.
  transformIgnorePatterns: ['/node_modules/(?!(jose)/)'],
};

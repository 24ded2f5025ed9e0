const nxPreset = require('@nx/jest/preset').default;
const path = require('node:path');

module.exports = {
  ...nxPreset,
  // Every project writes JUnit XML next to the others; tools/test/run.mts sums them up.
  reporters: [
    'default',
    [
      'jest-junit',
      {
        outputDirectory: process.env.TEST_RESULTS_DIR || path.join(__dirname, 'test-results', 'junit'),
        uniqueOutputName: 'true',
        suiteNameTemplate: '{displayName} › {filepath}',
        classNameTemplate: '{displayName} › {classname}',
        titleTemplate: '{title}',
      },
    ],
  ],
};

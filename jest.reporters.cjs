const path = require('node:path');

/** Console output plus JUnit XML per project; tools/test/run.mts sums the XML files. */
module.exports = (project) => [
  'default',
  [
    'jest-junit',
    {
      outputDirectory: process.env.TEST_RESULTS_DIR || path.join(__dirname, 'test-results', 'junit'),
      outputName: `${project}.xml`,
      suiteNameTemplate: '{displayName} › {filepath}',
      classNameTemplate: '{displayName} › {classname}',
      titleTemplate: '{title}',
    },
  ],
];

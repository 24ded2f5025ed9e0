module.exports = {
  displayName: 'api-extraction',
  reporters: require('../../../jest.reporters.cjs')('api-extraction'),
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  passWithNoTests: true,
  // Real PostgreSQL: generous on a busy 2-core machine.
  testTimeout: 60_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }]
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/extraction'
};

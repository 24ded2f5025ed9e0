module.exports = {
  displayName: 'api-identity',
  reporters: require('../../../jest.reporters.cjs')('api-identity'),
  preset: '../../../jest.preset.js',
  globalSetup: '<rootDir>/jest.global-setup.cts',
  testEnvironment: 'node',
  // Real PostgreSQL (and for identity the IdP): generous on a busy 2-core machine.
  testTimeout: 60_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }]
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/identity'
};

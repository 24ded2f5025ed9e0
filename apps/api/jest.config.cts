module.exports = {
  displayName: 'api',
  reporters: require('../../jest.reporters.cjs')('api'),
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // HTTP tests boot the whole Nest app, sign in at the dev IdP and onboard authorities end to end.
  testTimeout: 90_000,
  // The scale-out test runs on its own after the build (jest.scale.config.cts).
  testPathIgnorePatterns: ['/node_modules/', '\\.scale\\.spec\\.ts$'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }]
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/api'
};

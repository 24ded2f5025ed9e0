/**
 * The scale-out test (issue 11): two api and two worker processes of the production build behind
 * HAProxy. `npm test` runs it after building the api, on its own (it loads the machine for 60 s).
 */
module.exports = {
  displayName: 'api-scale',
  reporters: require('../../jest.reporters.cjs')('api-scale'),
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.scale.spec.ts'],
  testTimeout: 300_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }]
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
};

module.exports = {
  displayName: 'api-members',
  reporters: require('../../../jest.reporters.cjs')('api-members'),
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  // Its behaviour is tested through HTTP in apps/api (members.http.spec.ts); no unit tests here yet.
  passWithNoTests: true,
  // Real PostgreSQL: generous on a busy 2-core machine.
  testTimeout: 60_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }]
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/members'
};

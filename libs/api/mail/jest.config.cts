module.exports = {
  displayName: 'api-mail',
  reporters: require('../../../jest.reporters.cjs')('api-mail'),
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  passWithNoTests: true,
  // Real PostgreSQL: generous on a busy 2-core machine.
  testTimeout: 60_000,
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }]
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/mail'
};

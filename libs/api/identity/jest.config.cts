module.exports = {
  displayName: 'api-identity',
  reporters: require('../../../jest.reporters.cjs')('api-identity'),
  preset: '../../../jest.preset.js',
  globalSetup: '<rootDir>/jest.global-setup.cts',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }]
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/identity'
};

module.exports = {
  displayName: 'worker',
  reporters: require('../../jest.reporters.cjs')('worker'),
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // Fault tests start real worker processes, stop Redis and kill workers.
  testTimeout: 180_000,
  // One suite at a time: the worker processes of one suite would otherwise claim (and count
  // attempts on) the events another suite is watching.
  maxWorkers: 1,
  // ... and the demo seed's scans first (jest.sequencer.cjs).
  testSequencer: '<rootDir>/jest.sequencer.cjs',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json', diagnostics: false }]
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/worker'
};

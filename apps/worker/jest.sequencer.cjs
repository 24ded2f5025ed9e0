const Sequencer = require('@jest/test-sequencer').default;

/**
 * Jest's order (slowest or largest suite first), except that the demo seed's scans go first: the
 * seeded stack has text extraction requests waiting (tools/db/seed/seed.mts), and the first
 * worker process takes them. Its suite waits until they are done, so the suites after it neither
 * carry that OCR load in their measurements nor stop or kill workers in the middle of it.
 */
class WorkerSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const rank = (t) => (/seed-scan\.process\.spec\.ts$/.test(t.path) ? 0 : 1);
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = WorkerSequencer;

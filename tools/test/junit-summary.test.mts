import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closingLine, countJUnit } from './junit-summary.mts';

describe('JUnit summary', () => {
  it('counts passed, failed, errored and skipped test cases', () => {
    const xml = `<testsuites><testsuite name="a" tests="4">
      <testcase name="ok"/>
      <testcase name="ok2"></testcase>
      <testcase name="bad"><failure message="x">trace</failure></testcase>
      <testcase name="err"><error message="y"/></testcase>
      <testcase name="skip"><skipped/></testcase>
    </testsuite></testsuites>`;
    assert.deepEqual(countJUnit(xml), { passed: 2, failed: 2, skipped: 1 });
  });
  it('does not count nested suites twice', () => {
    const xml = `<testsuites tests="1"><testsuite tests="1"><testsuite tests="1"><testcase name="x"/></testsuite></testsuite></testsuites>`;
    assert.deepEqual(countJUnit(xml), { passed: 1, failed: 0, skipped: 0 });
  });
  it('prints skipped only when some were skipped', () => {
    assert.equal(closingLine({ passed: 3, failed: 0, skipped: 0 }), '3 passed, 0 failed');
    assert.equal(closingLine({ passed: 3, failed: 1, skipped: 2 }), '3 passed, 1 failed, 2 skipped');
  });
});

import { steps } from '../testing/fixtures';
import { displayStates, retryBaseline, summarize } from './provisioning';

describe('provisioning state', () => {
  it('marks the first unfinished step as running', () => {
    expect(displayStates(steps('done', 'done'), null)).toEqual(['done', 'done', 'running', 'pending', 'pending']);
    expect(summarize(displayStates(steps('done', 'done'), null))).toBe('running');
  });

  it('is done when every step is done, failed when one failed', () => {
    expect(summarize(displayStates(steps('done', 'done', 'done', 'done', 'done'), null))).toBe('done');
    const failed = displayStates(steps('done', 'failed'), null);
    expect(failed).toEqual(['done', 'failed', 'pending', 'pending', 'pending']);
    expect(summarize(failed)).toBe('failed');
    expect(summarize([])).toBe('none');
  });

  it('after a retry shows the old failure as running until the step has a new result', () => {
    const before = steps('done', 'failed');
    const baseline = retryBaseline(before);
    expect(displayStates(before, baseline)).toEqual(['done', 'running', 'pending', 'pending', 'pending']);
    const failedAgain = before.map((s) => (s.step === 'identity-organization' ? { ...s, finishedAt: '2026-03-02T10:00:00.000Z' } : s));
    expect(summarize(displayStates(failedAgain, baseline))).toBe('failed');
  });
});

import type { ProvisioningStepDto } from '@ratsinfo/contracts';
import { ProvisioningSummary, StepDisplayState } from './labels';

/**
 * Failed steps at the moment a retry was requested, by step, with their `finishedAt`. The API
 * answers a retry with the state before the new run, so a step that still reports this failure
 * is being worked on again; a new `finishedAt` is the new result.
 */
export type RetryBaseline = ReadonlyMap<string, string | null>;

export function retryBaseline(steps: readonly ProvisioningStepDto[]): RetryBaseline {
  return new Map(steps.filter((step) => step.state === 'failed').map((step) => [step.step, step.finishedAt]));
}

/** Display state of each step: the first unfinished step (or a retried failure) is "running". */
export function displayStates(steps: readonly ProvisioningStepDto[], baseline: RetryBaseline | null): StepDisplayState[] {
  const effective = steps.map<StepDisplayState>((step) =>
    step.state === 'failed' && baseline?.has(step.step) && baseline.get(step.step) === step.finishedAt ? 'pending' : step.state,
  );
  if (effective.includes('failed')) return effective;
  const next = effective.findIndex((state) => state === 'pending');
  return effective.map((state, index) => (index === next ? 'running' : state));
}

export function summarize(states: readonly StepDisplayState[]): ProvisioningSummary {
  if (states.length === 0) return 'none';
  if (states.includes('failed')) return 'failed';
  return states.every((state) => state === 'done') ? 'done' : 'running';
}

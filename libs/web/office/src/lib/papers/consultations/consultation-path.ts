import type { ConsultationDto, ConsultationStepInput } from '@ratsinfo/contracts';

/** One step of the consultation path while the clerk edits it. */
export interface ConsultationStepDraft {
  /** Stable while editing (for tracking and focus): the consultation's id, or a generated one for a new step. */
  key: string;
  /** The saved consultation this step keeps (its agenda items stay linked); null for a new step. */
  id: string | null;
  /** '' until the clerk picks a body. */
  organizationId: string;
  role: string;
  authoritative: boolean;
}

let nextKey = 0;

export function newStep(): ConsultationStepDraft {
  return { key: `new-${++nextKey}`, id: null, organizationId: '', role: '', authoritative: false };
}

/** The saved path as editable steps, in order. */
export function toDrafts(consultations: readonly ConsultationDto[]): ConsultationStepDraft[] {
  return [...consultations]
    .sort((a, b) => a.position - b.position)
    .map((c) => ({ key: c.id, id: c.id, organizationId: c.organization.id, role: c.role ?? '', authoritative: c.authoritative }));
}

/** The steps as `PUT …/consultations` takes them (empty role as null). */
export function toInput(steps: readonly ConsultationStepDraft[]): ConsultationStepInput[] {
  return steps.map((step) => {
    const role = step.role.trim();
    return {
      ...(step.id ? { id: step.id } : {}),
      organizationId: step.organizationId,
      authoritative: step.authoritative,
      role: role === '' ? null : role,
    };
  });
}

/**
 * Whether two paths say the same. A new step (no id yet) matches a saved one with the same
 * values, so a path equals itself once saved.
 */
export function sameSteps(a: readonly ConsultationStepDraft[], b: readonly ConsultationStepDraft[]): boolean {
  return (
    a.length === b.length &&
    a.every((step, i) => {
      const other = b[i];
      return (
        (step.id === null || other.id === null || step.id === other.id) &&
        step.organizationId === other.organizationId &&
        step.role.trim() === other.role.trim() &&
        step.authoritative === other.authoritative
      );
    })
  );
}

/** The steps with the one at `index` moved by `by` places (no change past either end). */
export function moveStep(steps: readonly ConsultationStepDraft[], index: number, by: -1 | 1): ConsultationStepDraft[] {
  const target = index + by;
  if (index < 0 || index >= steps.length || target < 0 || target >= steps.length) return [...steps];
  const result = [...steps];
  [result[index], result[target]] = [result[target], result[index]];
  return result;
}

/**
 * The steps to show after the saved path changed (e.g. the paper was saved or reloaded): the
 * fresh path, unless the clerk has unsaved edits that the fresh path does not already contain;
 * those are kept, never dropped silently.
 */
export function mergeDrafts(
  fresh: readonly ConsultationStepDraft[],
  previous: { saved: readonly ConsultationStepDraft[]; edited: readonly ConsultationStepDraft[] } | undefined,
): ConsultationStepDraft[] {
  if (!previous) return [...fresh];
  const hadEdits = !sameSteps(previous.edited, previous.saved);
  if (!hadEdits || sameSteps(previous.edited, fresh)) return [...fresh];
  return [...previous.edited];
}

/** A step is on (or was on) an agenda: the API refuses to remove it (409). */
export function isOnAgenda(consultation: ConsultationDto | undefined): boolean {
  return !!consultation && (consultation.state !== 'pending' || consultation.agendaItems.length > 0);
}

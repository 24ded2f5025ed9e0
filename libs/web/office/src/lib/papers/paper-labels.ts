import type { ConsultationState, PaperDerivation, PaperStatus } from '@ratsinfo/contracts';
import type { PaperField } from './editor/paper-form';

/*
 * Translation keys of the paper screens chosen at run time; the marker comments let
 * `nx run web:i18n-check` see them, paper-labels.spec.ts checks that they exist.
 */

/** Status of a paper in words ("Entwurf", "freigegeben", "zurückgezogen"). */
export const PAPER_STATUS_KEYS: Readonly<Record<PaperStatus, string>> = {
  /** t(papers.status.draft, papers.status.released, papers.status.withdrawn) */
  draft: 'papers.status.draft',
  released: 'papers.status.released',
  withdrawn: 'papers.status.withdrawn',
};

/** KERN badge variant (and icon) per status: a draft is still work in progress, a withdrawn paper stands out. */
export const PAPER_STATUS_BADGE: Readonly<Record<PaperStatus, { variant: string; icon: string }>> = {
  draft: { variant: 'info', icon: 'draft' },
  released: { variant: 'success', icon: 'success' },
  withdrawn: { variant: 'warning', icon: 'warning' },
};

/** How a paper derives from its original ("Änderungsantrag", "Ergänzung"). */
export const PAPER_DERIVATION_KEYS: Readonly<Record<PaperDerivation, string>> = {
  /** t(papers.derivation.amendment, papers.derivation.supplement) */
  amendment: 'papers.derivation.amendment',
  supplement: 'papers.derivation.supplement',
};

/** Where a consultation stands. */
export const CONSULTATION_STATE_KEYS: Readonly<Record<ConsultationState, string>> = {
  /** t(papers.consultations.state.pending, papers.consultations.state.scheduled, papers.consultations.state.deliberated) */
  pending: 'papers.consultations.state.pending',
  scheduled: 'papers.consultations.state.scheduled',
  deliberated: 'papers.consultations.state.deliberated',
};

/**
 * Roles a clerk usually gives a step (OParl `consultation.role` is free text): offered as
 * suggestions of the role field, in German because they are stored as the authority's words.
 */
export const CONSULTATION_ROLE_SUGGESTIONS = ['Vorberatung', 'Entscheidung', 'Kenntnisnahme', 'Anhörung', 'Empfehlung'] as const;

/** What the status section says about each status. */
export const PAPER_STATUS_TEXT_KEYS: Readonly<Record<PaperStatus, string>> = {
  /** t(papers.editor.statusText.draft, papers.editor.statusText.released, papers.editor.statusText.withdrawn) */
  draft: 'papers.editor.statusText.draft',
  released: 'papers.editor.statusText.released',
  withdrawn: 'papers.editor.statusText.withdrawn',
};

/** The paper fields by name, for the list of differences after a refused save. */
export const PAPER_FIELD_LABEL_KEYS: Readonly<Record<PaperField, string>> = {
  /**
   * t(papers.fields.label.paperTypeId, papers.fields.label.name, papers.fields.label.date, papers.fields.label.public,
   *   papers.fields.label.responsibleDepartment, papers.fields.label.originatorPersonIds, papers.fields.label.originatorOrganizationIds,
   *   papers.fields.label.relatedPaperIds, papers.fields.label.superordinatePaperId)
   */
  paperTypeId: 'papers.fields.label.paperTypeId',
  name: 'papers.fields.label.name',
  date: 'papers.fields.label.date',
  public: 'papers.fields.label.public',
  responsibleDepartment: 'papers.fields.label.responsibleDepartment',
  originatorPersonIds: 'papers.fields.label.originatorPersonIds',
  originatorOrganizationIds: 'papers.fields.label.originatorOrganizationIds',
  relatedPaperIds: 'papers.fields.label.relatedPaperIds',
  superordinatePaperId: 'papers.fields.label.superordinatePaperId',
};

/** What was refused with 412: the paper's fields, its path, or a status change. */
export type StaleAction = 'paper' | 'path' | 'release' | 'withdraw' | 'delete';

export const STALE_TEXT_KEYS: Readonly<Record<StaleAction, string>> = {
  /** t(papers.stale.text.paper, papers.stale.text.path, papers.stale.text.release, papers.stale.text.withdraw, papers.stale.text.delete) */
  paper: 'papers.stale.text.paper',
  path: 'papers.stale.text.path',
  release: 'papers.stale.text.release',
  withdraw: 'papers.stale.text.withdraw',
  delete: 'papers.stale.text.delete',
};

/** Status changes and deletion, each confirmed in a dialog first. */
export type Confirmation = 'release' | 'withdraw' | 'delete';

export const CONFIRMATION_KEYS: Readonly<Record<Confirmation, { heading: string; text: string; confirm: string }>> = {
  /** t(papers.confirm.release.heading, papers.confirm.release.text, papers.confirm.release.confirm) */
  release: { heading: 'papers.confirm.release.heading', text: 'papers.confirm.release.text', confirm: 'papers.confirm.release.confirm' },
  /** t(papers.confirm.withdraw.heading, papers.confirm.withdraw.text, papers.confirm.withdraw.confirm) */
  withdraw: { heading: 'papers.confirm.withdraw.heading', text: 'papers.confirm.withdraw.text', confirm: 'papers.confirm.withdraw.confirm' },
  /** t(papers.confirm.delete.heading, papers.confirm.delete.text, papers.confirm.delete.confirm) */
  delete: { heading: 'papers.confirm.delete.heading', text: 'papers.confirm.delete.text', confirm: 'papers.confirm.delete.confirm' },
};

/** "Änderungsantrag zu:" / "Ergänzung zu:" before the link to the original. */
export const DERIVATIVE_ORIGINAL_KEYS: Readonly<Record<PaperDerivation, string>> = {
  /** t(papers.derivatives.original.amendment, papers.derivatives.original.supplement) */
  amendment: 'papers.derivatives.original.amendment',
  supplement: 'papers.derivatives.original.supplement',
};

/** "Änderungsantrag anlegen" / "Ergänzung anlegen". */
export const DERIVATIVE_CREATE_KEYS: Readonly<Record<PaperDerivation, string>> = {
  /** t(papers.derivatives.create.amendment, papers.derivatives.create.supplement) */
  amendment: 'papers.derivatives.create.amendment',
  supplement: 'papers.derivatives.create.supplement',
};

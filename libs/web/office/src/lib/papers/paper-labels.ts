import type { ConsultationState, PaperDerivation, PaperStatus } from '@ratsinfo/contracts';

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

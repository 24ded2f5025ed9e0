import type { ProvisioningStepName, ProvisioningStepState, TenantKind, TenantStatus } from '@ratsinfo/contracts';

/*
 * Translation keys chosen at run time; the marker comments let `nx run web:i18n-check` see them,
 * `labels.spec.ts` checks that every key exists in both languages.
 */

/** Kind of authority in words (the portal's keys). */
export const TENANT_KIND_KEYS: Readonly<Record<TenantKind, string>> = {
  /** t(tenant.kind.county, tenant.kind.town, tenant.kind.municipality, tenant.kind.municipal_association) */
  county: 'tenant.kind.county',
  town: 'tenant.kind.town',
  municipality: 'tenant.kind.municipality',
  municipal_association: 'tenant.kind.municipal_association',
};

/**
 * The state an operator needs to see: the stored status, with onboarding split into "running"
 * and "failed" (a failed onboarding is neither active nor suspended).
 */
export type TenantDisplayState = 'active' | 'suspended' | 'provisioning' | 'provisioning-failed';

export const TENANT_DISPLAY_STATE_KEYS: Readonly<Record<TenantDisplayState, string>> = {
  /** t(operator.status.active, operator.status.suspended, operator.status.provisioning, operator.status.provisioningFailed) */
  active: 'operator.status.active',
  suspended: 'operator.status.suspended',
  provisioning: 'operator.status.provisioning',
  'provisioning-failed': 'operator.status.provisioningFailed',
};

/** Status of an authority in words ("aktiv", "gesperrt", "in Einrichtung"). */
export const TENANT_STATUS_KEYS: Readonly<Record<TenantStatus, string>> = {
  /** t(operator.status.active, operator.status.suspended, operator.status.provisioning) */
  active: 'operator.status.active',
  suspended: 'operator.status.suspended',
  provisioning: 'operator.status.provisioning',
};

/** The provisioning steps in words. */
export const PROVISIONING_STEP_KEYS: Readonly<Record<ProvisioningStepName, string>> = {
  /**
   * t(operator.provisioning.steps.registerTenant, operator.provisioning.steps.identityOrganization,
   *   operator.provisioning.steps.firstAdminUser, operator.provisioning.steps.firstAdminRole,
   *   operator.provisioning.steps.invitationEmail)
   */
  'register-tenant': 'operator.provisioning.steps.registerTenant',
  'identity-organization': 'operator.provisioning.steps.identityOrganization',
  'first-admin-user': 'operator.provisioning.steps.firstAdminUser',
  'first-admin-role': 'operator.provisioning.steps.firstAdminRole',
  'invitation-email': 'operator.provisioning.steps.invitationEmail',
};

/**
 * What a failed step means and what to do, in words; the identity provider's technical message
 * (English) is shown separately, folded away.
 */
export const PROVISIONING_FAILURE_KEYS: Readonly<Record<ProvisioningStepName, string>> = {
  /**
   * t(operator.provisioning.failure.registerTenant, operator.provisioning.failure.identityOrganization,
   *   operator.provisioning.failure.firstAdminUser, operator.provisioning.failure.firstAdminRole,
   *   operator.provisioning.failure.invitationEmail)
   */
  'register-tenant': 'operator.provisioning.failure.registerTenant',
  'identity-organization': 'operator.provisioning.failure.identityOrganization',
  'first-admin-user': 'operator.provisioning.failure.firstAdminUser',
  'first-admin-role': 'operator.provisioning.failure.firstAdminRole',
  'invitation-email': 'operator.provisioning.failure.invitationEmail',
};

/** How a step is shown: the API's states plus "running" for the step being worked on. */
export type StepDisplayState = ProvisioningStepState | 'running';

export const STEP_STATE_KEYS: Readonly<Record<StepDisplayState, string>> = {
  /** t(operator.provisioning.state.pending, operator.provisioning.state.running, operator.provisioning.state.done, operator.provisioning.state.failed) */
  pending: 'operator.provisioning.state.pending',
  running: 'operator.provisioning.state.running',
  done: 'operator.provisioning.state.done',
  failed: 'operator.provisioning.state.failed',
};

/** Overall provisioning state of an authority. */
export type ProvisioningSummary = 'done' | 'running' | 'failed' | 'none';

export const PROVISIONING_SUMMARY_KEYS: Readonly<Record<ProvisioningSummary, string>> = {
  /** t(operator.provisioning.summary.done, operator.provisioning.summary.running, operator.provisioning.summary.failed, operator.provisioning.summary.none) */
  done: 'operator.provisioning.summary.done',
  running: 'operator.provisioning.summary.running',
  failed: 'operator.provisioning.summary.failed',
  none: 'operator.provisioning.summary.none',
};

import type { OperatorTenantDto, ProvisioningStepDto, ProvisioningStepName, ProvisioningStepState } from '@ratsinfo/contracts';

export const NOW = new Date('2026-03-02T10:00:00+01:00');

const STEP_NAMES: ProvisioningStepName[] = ['register-tenant', 'identity-organization', 'first-admin-user', 'first-admin-role', 'invitation-email'];

/** Provisioning steps with the given states (in step order); failed steps carry an error. */
export function steps(...states: ProvisioningStepState[]): ProvisioningStepDto[] {
  return STEP_NAMES.map((step, i) => ({
    step,
    state: states[i] ?? 'pending',
    error: states[i] === 'failed' ? 'Keycloak answered 503' : null,
    finishedAt: states[i] === 'pending' || !states[i] ? null : `2026-03-02T09:0${i}:00.000Z`,
  }));
}

export const burgTenant: OperatorTenantDto = {
  id: '7b0c8f5e-0000-4000-8000-000000000001',
  slug: 'burg',
  name: 'Stadt Burg',
  kind: 'town',
  ags: '15086015',
  status: 'active',
  noticePeriodDays: 7,
  branding: { logoUrl: null, primaryColor: '#1a5e9b' },
  identity: { issuer: null, organizationAlias: 'burg', dedicatedRealm: false },
  provisioning: steps('done', 'done', 'done', 'done', 'done'),
  lastExportAt: null,
  createdAt: '2026-01-10T09:00:00.000Z',
};

export const elbeParey: OperatorTenantDto = {
  ...burgTenant,
  id: '7b0c8f5e-0000-4000-8000-000000000002',
  slug: 'elbe-parey',
  name: 'Gemeinde Elbe-Parey',
  kind: 'municipality',
  status: 'suspended',
  lastExportAt: '2026-02-20T10:00:00.000Z',
};

export const moeserNew: OperatorTenantDto = {
  ...burgTenant,
  id: '7b0c8f5e-0000-4000-8000-000000000003',
  slug: 'gemeinde-moeser',
  name: 'Gemeinde Möser',
  kind: 'municipality',
  ags: '15086140',
  status: 'provisioning',
  provisioning: steps('done'),
};

export const problemJson = { 'Content-Type': 'application/problem+json' };

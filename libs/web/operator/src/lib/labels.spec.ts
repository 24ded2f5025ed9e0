import { PROVISIONING_STEPS, TENANT_KINDS, TENANT_STATUSES } from '@ratsinfo/contracts';
import { de, en, text } from '@ratsinfo/web-ui/testing';
import {
  PROVISIONING_FAILURE_KEYS,
  PROVISIONING_STEP_KEYS,
  PROVISIONING_SUMMARY_KEYS,
  STEP_STATE_KEYS,
  TENANT_DISPLAY_STATE_KEYS,
  TENANT_KIND_KEYS,
  TENANT_STATUS_KEYS,
} from './labels';
import { ONBOARD_FIELDS, SLUG_SERVER_ERROR_KEY } from './pages/onboard/onboard-fields';

describe('operator labels', () => {
  const keys = [
    ...Object.values(TENANT_KIND_KEYS),
    ...Object.values(TENANT_STATUS_KEYS),
    ...Object.values(PROVISIONING_STEP_KEYS),
    ...Object.values(PROVISIONING_FAILURE_KEYS),
    ...Object.values(TENANT_DISPLAY_STATE_KEYS),
    ...Object.values(STEP_STATE_KEYS),
    ...Object.values(PROVISIONING_SUMMARY_KEYS),
    ...Object.values(ONBOARD_FIELDS).map((field) => field.errorKey),
    SLUG_SERVER_ERROR_KEY,
  ];

  it.each(keys)('%s exists in de.json and en.json', (key) => {
    expect(text(de, key)).not.toBe('');
    expect(text(en, key)).not.toBe('');
  });

  it('covers every kind, status and provisioning step of the contracts', () => {
    expect(Object.keys(TENANT_KIND_KEYS).sort()).toEqual([...TENANT_KINDS].sort());
    expect(Object.keys(TENANT_STATUS_KEYS).sort()).toEqual([...TENANT_STATUSES].sort());
    expect(Object.keys(PROVISIONING_STEP_KEYS).sort()).toEqual([...PROVISIONING_STEPS].sort());
  });

  it('names the steps in German', () => {
    expect(PROVISIONING_STEPS.map((step) => text(de, PROVISIONING_STEP_KEYS[step]))).toEqual([
      'Kommune registrieren',
      'Organisation im Identitätsdienst anlegen',
      'Erste Administratorin / ersten Administrator anlegen',
      'Rolle zuweisen',
      'Einladung versenden',
    ]);
  });
});

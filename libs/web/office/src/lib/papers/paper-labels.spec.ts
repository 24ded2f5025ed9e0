import { CONSULTATION_STATES, PAPER_DERIVATIONS, PAPER_STATUSES } from '@ratsinfo/contracts';
import { de, en, text } from '@ratsinfo/web-ui/testing';
import { PAPER_FIELD_ORDER } from './editor/paper-form';
import {
  CONFIRMATION_KEYS,
  CONSULTATION_STATE_KEYS,
  DERIVATIVE_CREATE_KEYS,
  DERIVATIVE_ORIGINAL_KEYS,
  PAPER_DERIVATION_KEYS,
  PAPER_FIELD_LABEL_KEYS,
  PAPER_STATUS_KEYS,
  PAPER_STATUS_TEXT_KEYS,
  STALE_TEXT_KEYS,
} from './paper-labels';

describe('paper labels', () => {
  const keys = [
    ...Object.values(PAPER_STATUS_KEYS),
    ...Object.values(PAPER_STATUS_TEXT_KEYS),
    ...Object.values(PAPER_DERIVATION_KEYS),
    ...Object.values(DERIVATIVE_ORIGINAL_KEYS),
    ...Object.values(DERIVATIVE_CREATE_KEYS),
    ...Object.values(CONSULTATION_STATE_KEYS),
    ...Object.values(PAPER_FIELD_LABEL_KEYS),
    ...Object.values(STALE_TEXT_KEYS),
    ...Object.values(CONFIRMATION_KEYS).flatMap((group) => Object.values(group)),
  ];

  it.each(keys)('%s exists in de.json and en.json', (key) => {
    expect(text(de, key)).not.toBe('');
    expect(text(en, key)).not.toBe('');
  });

  it('covers every status, derivation, consultation state and field of the contracts', () => {
    expect(Object.keys(PAPER_STATUS_KEYS).sort()).toEqual([...PAPER_STATUSES].sort());
    expect(Object.keys(PAPER_STATUS_TEXT_KEYS).sort()).toEqual([...PAPER_STATUSES].sort());
    expect(Object.keys(PAPER_DERIVATION_KEYS).sort()).toEqual([...PAPER_DERIVATIONS].sort());
    expect(Object.keys(CONSULTATION_STATE_KEYS).sort()).toEqual([...CONSULTATION_STATES].sort());
    expect(Object.keys(PAPER_FIELD_LABEL_KEYS).sort()).toEqual([...PAPER_FIELD_ORDER].sort());
  });
});

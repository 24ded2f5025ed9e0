import { MEETING_STATES, TENANT_KINDS } from '@ratsinfo/contracts';
import { de, en, text } from '@ratsinfo/web-ui/testing';
import { ERROR_MESSAGE_KEYS, ERROR_TITLE_KEYS, MEETING_STATE_KEYS, TENANT_KIND_KEYS } from './labels';

describe('translation keys chosen at run time', () => {
  const keys = [
    ...Object.values(TENANT_KIND_KEYS),
    ...Object.values(MEETING_STATE_KEYS),
    ...Object.values(ERROR_TITLE_KEYS),
    ...Object.values(ERROR_MESSAGE_KEYS).flatMap((m) => [m.title, m.text]),
  ];

  it.each(keys)('%s exists in de.json and en.json', (key) => {
    expect(text(de, key)).not.toBe('');
    expect(text(en, key)).not.toBe('');
  });

  it('covers every tenant kind and meeting state of the contracts', () => {
    expect(Object.keys(TENANT_KIND_KEYS).sort()).toEqual([...TENANT_KINDS].sort());
    expect(Object.keys(MEETING_STATE_KEYS).sort()).toEqual([...MEETING_STATES].sort());
  });

  it('names the kinds in German words', () => {
    expect(TENANT_KINDS.map((kind) => text(de, TENANT_KIND_KEYS[kind]))).toEqual(['Landkreis', 'Stadt', 'Gemeinde', 'Verbandsgemeinde']);
  });
});

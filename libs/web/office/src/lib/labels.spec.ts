import { MEETING_STATES, MEMBER_VISIBILITIES } from '@ratsinfo/contracts';
import { activeGrant, expiredGrant, persons, revokedGrant, NOW } from '../testing/fixtures';
import { de, en, text } from '@ratsinfo/web-ui/testing';
import { GRANT_STATE_KEYS, MEETING_STATE_KEYS, MEMBER_VISIBILITY_KEYS, grantState, personOptions } from './labels';

describe('office labels', () => {
  it.each([...Object.values(MEETING_STATE_KEYS), ...Object.values(GRANT_STATE_KEYS)])('%s exists in de.json and en.json', (key) => {
    expect(text(de, key)).not.toBe('');
    expect(text(en, key)).not.toBe('');
  });

  it.each(Object.values(MEMBER_VISIBILITY_KEYS).flatMap((keys) => [keys.label, keys.hint]))('%s exists in de.json and en.json', (key) => {
    expect(text(de, key)).not.toBe('');
    expect(text(en, key)).not.toBe('');
  });

  it('covers every member visibility rule', () => {
    expect(Object.keys(MEMBER_VISIBILITY_KEYS).sort()).toEqual([...MEMBER_VISIBILITIES].sort());
  });

  it('covers every meeting state', () => {
    expect(Object.keys(MEETING_STATE_KEYS).sort()).toEqual([...MEETING_STATES].sort());
  });

  it('tells active, expired and revoked grants apart (by the clock, too)', () => {
    expect(grantState(activeGrant, NOW)).toBe('active');
    expect(grantState(expiredGrant, NOW)).toBe('expired');
    expect(grantState(revokedGrant, NOW)).toBe('revoked');
    expect(grantState(activeGrant, new Date('2026-03-02T15:00:00+01:00'))).toBe('expired');
  });

  it('names persons with the bodies they belong to, by family name', () => {
    expect(personOptions([persons[1], persons[0]])).toEqual([
      { id: persons[0].id, label: 'Dr. Anna Lehmann', givenName: 'Anna', familyName: 'Lehmann' },
      { id: persons[1].id, label: 'Karl Meier (Bauausschuss, Stadtrat)', givenName: 'Karl', familyName: 'Meier' },
    ]);
  });
});

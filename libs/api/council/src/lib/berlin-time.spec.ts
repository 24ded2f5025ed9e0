import { addDays, berlinToday, startOfBerlinDay } from './berlin-time';

describe('Berlin calendar days', () => {
  it('starts a winter day at 23:00 UTC of the previous day', () => {
    expect(startOfBerlinDay('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
  });
  it('starts a summer day at 22:00 UTC of the previous day', () => {
    expect(startOfBerlinDay('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
  });
  it('handles the days of the DST switches', () => {
    expect(startOfBerlinDay('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfBerlinDay('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });
  it('knows that 23:30 UTC on New Year\'s Eve is already the next day in Berlin', () => {
    expect(berlinToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
  it('adds days across month ends', () => {
    expect(addDays('2026-01-30', 3)).toBe('2026-02-02');
  });
});

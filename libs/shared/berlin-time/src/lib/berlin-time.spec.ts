import { addDays, berlinDate, berlinLocalToUtc, startOfBerlinDay } from './berlin-time';

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
    expect(berlinDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(berlinDate(new Date('2026-07-14T21:59:59Z'))).toBe('2026-07-14');
  });
  it('adds days across month ends', () => {
    expect(addDays('2026-01-30', 3)).toBe('2026-02-02');
  });
  it('adds days across DST changes without drifting', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(addDays('2026-12-15', 30)).toBe('2027-01-14');
  });
  it('turns a Berlin wall-clock time into the instant, in winter and summer', () => {
    expect(berlinLocalToUtc('2026-01-15', '17:00').toISOString()).toBe('2026-01-15T16:00:00.000Z');
    expect(berlinLocalToUtc('2026-07-01', '18:30').toISOString()).toBe('2026-07-01T16:30:00.000Z');
    // the evening of the spring and autumn switch days
    expect(berlinLocalToUtc('2026-03-29', '19:00').toISOString()).toBe('2026-03-29T17:00:00.000Z');
    expect(berlinLocalToUtc('2026-10-25', '19:00').toISOString()).toBe('2026-10-25T18:00:00.000Z');
  });
});

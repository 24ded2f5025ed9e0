import { addDays, berlinDate, formatDate, formatTime, isSameBerlinDay } from './date-time';

describe('date and time formatting (Europe/Berlin)', () => {
  it('formats dates the German way', () => {
    expect(formatDate('2026-03-02T17:00:00+01:00', 'de')).toBe('Mo., 02.03.2026');
    expect(formatDate('2026-03-02T17:00:00+01:00', 'de', 'long')).toBe('Montag, 2. März 2026');
  });

  it('formats dates for English readers without ambiguous numbers', () => {
    expect(formatDate('2026-03-02T17:00:00+01:00', 'en')).toBe('Mon, 2 Mar 2026');
    expect(formatDate('2026-03-02T17:00:00+01:00', 'en', 'long')).toBe('Monday, 2 March 2026');
  });

  it('shows the wall-clock time in Berlin, whatever the offset of the timestamp', () => {
    expect(formatTime('2026-03-02T16:00:00Z', 'de')).toBe('17:00'); // CET, UTC+1
    expect(formatTime('2026-07-14T16:30:00Z', 'de')).toBe('18:30'); // CEST, UTC+2
    expect(formatTime('2026-07-14T16:30:00Z', 'en')).toBe('18:30');
  });

  it('uses the Berlin calendar day around midnight', () => {
    expect(formatDate('2026-07-14T22:30:00Z', 'de')).toBe('Mi., 15.07.2026');
    expect(berlinDate(new Date('2026-07-14T22:30:00Z'))).toBe('2026-07-15');
    expect(berlinDate(new Date('2026-12-31T22:59:00Z'))).toBe('2026-12-31');
    expect(isSameBerlinDay('2026-07-14T21:00:00Z', '2026-07-14T22:30:00Z')).toBe(false);
    expect(isSameBerlinDay('2026-07-14T15:00:00Z', '2026-07-14T19:00:00Z')).toBe(true);
  });

  it('returns an empty string for missing or invalid input and falls back to German', () => {
    expect(formatDate(null, 'de')).toBe('');
    expect(formatTime('not a date', 'de')).toBe('');
    expect(formatDate('2026-03-02T17:00:00+01:00', 'fr')).toBe('Mo., 02.03.2026');
  });

  it('adds calendar days across month, year and DST boundaries', () => {
    expect(addDays('2026-03-02', 90)).toBe('2026-05-31');
    expect(addDays('2026-12-15', 30)).toBe('2027-01-14');
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
  });
});

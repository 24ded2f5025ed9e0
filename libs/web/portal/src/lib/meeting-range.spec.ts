import { archiveYear, archiveYears, meetingHome, upcomingRange, yearRange } from './meeting-range';

describe('upcomingRange', () => {
  it('runs from today to 90 days later in Berlin calendar dates', () => {
    expect(upcomingRange(new Date('2026-03-02T10:00:00+01:00'))).toEqual({ from: '2026-03-02', to: '2026-05-31' });
  });

  it('already counts the next day in Berlin shortly after midnight (UTC still the day before)', () => {
    expect(upcomingRange(new Date('2026-07-14T22:30:00Z'), 7)).toEqual({ from: '2026-07-15', to: '2026-07-22' });
  });
});

describe('the meetings archive by year', () => {
  const now = new Date('2026-12-02T10:00:00Z');

  it('accepts only plain years from 1990 to next year', () => {
    expect(archiveYear('2025', now)).toBe(2025);
    expect(archiveYear('2027', now)).toBe(2027);
    expect(archiveYear('2028', now)).toBeNull();
    expect(archiveYear('1989', now)).toBeNull();
    expect(archiveYear('0000', now)).toBeNull();
    expect(archiveYear('20x5', now)).toBeNull();
    expect(archiveYear(undefined, now)).toBeNull();
  });

  it('covers a whole calendar year', () => {
    expect(yearRange(2025)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('offers seven years around the selected one, newest first, never beyond next year', () => {
    expect(archiveYears(2026, now)).toEqual([2027, 2026, 2025, 2024, 2023, 2022, 2021]);
    expect(archiveYears(2015, now)).toEqual([2018, 2017, 2016, 2015, 2014, 2013, 2012]);
    expect(archiveYears(1990, now)).toEqual([1993, 1992, 1991, 1990]);
  });

  it('leads back from a meeting to the upcoming list or to the archive of its year', () => {
    expect(meetingHome('2026-12-15T17:00:00Z', now)).toEqual({ kind: 'upcoming' });
    expect(meetingHome('2026-11-26T17:00:00Z', now)).toEqual({ kind: 'archive', year: 2026 });
    expect(meetingHome('2027-06-01T17:00:00Z', now)).toEqual({ kind: 'archive', year: 2027 });
    // 31 Dec 23:30 UTC is already New Year's Day in Berlin.
    expect(meetingHome('2025-12-31T23:30:00Z', now)).toEqual({ kind: 'archive', year: 2026 });
  });
});

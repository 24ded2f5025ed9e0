import { upcomingRange } from './meeting-range';

describe('upcomingRange', () => {
  it('runs from today to 90 days later in Berlin calendar dates', () => {
    expect(upcomingRange(new Date('2026-03-02T10:00:00+01:00'))).toEqual({ from: '2026-03-02', to: '2026-05-31' });
  });

  it('already counts the next day in Berlin shortly after midnight (UTC still the day before)', () => {
    expect(upcomingRange(new Date('2026-07-14T22:30:00Z'), 7)).toEqual({ from: '2026-07-15', to: '2026-07-22' });
  });
});

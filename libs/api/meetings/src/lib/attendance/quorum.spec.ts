import { computeQuorum, presentAt, type QuorumAttendance, type QuorumSeat, requiredFor } from './quorum';

const seats = (n: number, votingRight = true): QuorumSeat[] => Array.from({ length: n }, (_, i) => ({ personId: `m${i + 1}`, votingRight }));
const present = (personId: string, extra: Partial<QuorumAttendance> = {}): QuorumAttendance => ({
  personId,
  status: 'present',
  role: 'member',
  deputyForPersonId: null,
  arrivedAt: null,
  leftAt: null,
  ...extra,
});
const at = new Date('2031-03-04T18:00:00Z');
const before = new Date('2031-03-04T17:30:00Z');
const after = new Date('2031-03-04T18:30:00Z');

describe('requiredFor', () => {
  it('is more than half', () => {
    expect([0, 1, 2, 3, 12, 13].map(requiredFor)).toEqual([1, 1, 2, 2, 7, 7]);
  });
});

describe('computeQuorum', () => {
  it('counts voting members present: 7 of 13 is quorate, 6 is not', () => {
    const s = seats(13);
    expect(computeQuorum(s, ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7'].map((p) => present(p)), at)).toEqual({ votingSeats: 13, presentVoting: 7, required: 7, quorate: true });
    expect(computeQuorum(s, ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'].map((p) => present(p)), at)).toEqual({ votingSeats: 13, presentVoting: 6, required: 7, quorate: false });
  });

  it('counts neither excused nor absent members, nor guests, nor members without a voting right', () => {
    const s = [...seats(3), { personId: 'advisor', votingRight: false }];
    const r = computeQuorum(s, [present('m1', { status: 'excused' }), present('m2', { status: 'absent' }), present('guest', { role: 'guest' }), present('advisor')], at);
    expect(r).toEqual({ votingSeats: 3, presentVoting: 0, required: 2, quorate: false });
  });

  it('a deputy fills the seat of an absent voting member', () => {
    const r = computeQuorum(seats(3), [present('m1'), present('d2', { role: 'deputy', deputyForPersonId: 'm2' })], at);
    expect(r).toEqual({ votingSeats: 3, presentVoting: 2, required: 2, quorate: true });
  });

  it('a deputy for a member who is present does not count twice, nor do two deputies for one member', () => {
    const r = computeQuorum(seats(3), [present('m1'), present('d1', { role: 'deputy', deputyForPersonId: 'm1' }), present('d1b', { role: 'deputy', deputyForPersonId: 'm1' })], at);
    expect(r.presentVoting).toBe(1);
    expect(r.quorate).toBe(false);
  });

  it('a deputy for a member without a voting right (or not of the body) adds nothing', () => {
    const r = computeQuorum([...seats(2), { personId: 'adv', votingRight: false }], [present('d', { role: 'deputy', deputyForPersonId: 'adv' }), present('e', { role: 'deputy', deputyForPersonId: 'stranger' })], at);
    expect(r.presentVoting).toBe(0);
  });

  it('a voting member recorded as a guest, or as someone else’s deputy, does not hold their own seat', () => {
    const r = computeQuorum(seats(3), [present('m1', { role: 'guest' }), present('m2', { role: 'deputy', deputyForPersonId: 'm3' })], at);
    // m2 fills m3's seat, not their own; m1 as a guest fills none.
    expect(r.presentVoting).toBe(1);
  });

  it('a person with two memberships is one seat, voting if either membership votes', () => {
    const r = computeQuorum([{ personId: 'm1', votingRight: false }, { personId: 'm1', votingRight: true }, { personId: 'm2', votingRight: true }], [present('m1')], at);
    expect(r).toEqual({ votingSeats: 2, presentVoting: 1, required: 2, quorate: false });
  });

  it('zero seats: never quorate, one required', () => {
    expect(computeQuorum([], [present('x')], at)).toEqual({ votingSeats: 0, presentVoting: 0, required: 1, quorate: false });
    expect(computeQuorum(seats(2, false), [present('m1')], at)).toEqual({ votingSeats: 0, presentVoting: 0, required: 1, quorate: false });
  });

  it('late arrivals count from arrivedAt, early leavers until leftAt', () => {
    const s = seats(3);
    const late = present('m1', { arrivedAt: after });
    const arrived = present('m2', { arrivedAt: before });
    const left = present('m3', { leftAt: before });
    expect(computeQuorum(s, [late, arrived, left], at).presentVoting).toBe(1);
    expect(computeQuorum(s, [late, arrived, left], new Date('2031-03-04T17:00:00Z')).presentVoting).toBe(1); // m3 still there, m2 not yet
    expect(computeQuorum(s, [late, arrived, left], new Date('2031-03-04T19:00:00Z')).presentVoting).toBe(2);
    // Leaving at exactly `at` is gone; arriving at exactly `at` is there.
    expect(presentAt(present('x', { leftAt: at }), at)).toBe(false);
    expect(presentAt(present('x', { arrivedAt: at }), at)).toBe(true);
  });

  it('a member who left early is replaced by their deputy arriving afterwards', () => {
    const s = seats(1);
    const r = computeQuorum(s, [present('m1', { leftAt: before }), present('d1', { role: 'deputy', deputyForPersonId: 'm1', arrivedAt: before })], at);
    expect(r).toEqual({ votingSeats: 1, presentVoting: 1, required: 1, quorate: true });
  });

  it('without a moment (no end known): late arrivals count, early leavers do not', () => {
    expect(presentAt(present('x', { arrivedAt: after }), null)).toBe(true);
    expect(presentAt(present('x', { leftAt: before }), null)).toBe(false);
    expect(presentAt(present('x', { status: 'excused' }), null)).toBe(false);
  });
});

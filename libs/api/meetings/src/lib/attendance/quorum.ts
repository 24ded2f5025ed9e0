/**
 * The quorum (Beschlussfähigkeit) of a meeting, as a pure function: a body can decide when more
 * than half of its voting members are present. A deputy present for a voting member who is not
 * there fills that member's seat; a deputy for a member who is there adds nothing (a seat counts
 * once). Late arrivals count from `arrivedAt`, early leavers until `leftAt`.
 */

export interface QuorumSeat {
  personId: string;
  votingRight: boolean;
}

export interface QuorumAttendance {
  personId: string;
  status: 'present' | 'excused' | 'absent';
  role: 'member' | 'deputy' | 'guest';
  deputyForPersonId: string | null;
  arrivedAt: Date | null;
  leftAt: Date | null;
}

export interface Quorum {
  votingSeats: number;
  presentVoting: number;
  required: number;
  quorate: boolean;
}

/**
 * Whether a recorded attendance is present at `at`. Without a moment (`at` null: a meeting whose
 * end is not known) a late arrival counts and an early leaver does not.
 */
export function presentAt(a: QuorumAttendance, at: Date | null): boolean {
  if (a.status !== 'present') return false;
  if (at === null) return a.leftAt === null;
  if (a.arrivedAt && a.arrivedAt.getTime() > at.getTime()) return false;
  if (a.leftAt && a.leftAt.getTime() <= at.getTime()) return false;
  return true;
}

/** More than half of the seats: floor(seats / 2) + 1 (for 13 seats 7, for 12 seats 7). */
export function requiredFor(votingSeats: number): number {
  return Math.floor(votingSeats / 2) + 1;
}

/**
 * @param seats the body's memberships on the meeting's day (a person may hold several; the seat is
 *   voting when any of them has a voting right)
 * @param attendances the meeting's recorded attendance (one per person)
 * @param at the moment to evaluate (now while running, else the meeting's end)
 */
export function computeQuorum(seats: readonly QuorumSeat[], attendances: readonly QuorumAttendance[], at: Date | null): Quorum {
  const voting = new Set(seats.filter((s) => s.votingRight).map((s) => s.personId));
  const here = attendances.filter((a) => presentAt(a, at));
  const filled = new Set<string>();
  // A voting member present as a member holds their seat (as a guest or as someone's deputy they do not).
  for (const a of here) if (a.role === 'member' && voting.has(a.personId)) filled.add(a.personId);
  // A deputy fills the seat of a voting member who is not there; never a seat already filled.
  for (const a of here) if (a.role === 'deputy' && a.deputyForPersonId && voting.has(a.deputyForPersonId)) filled.add(a.deputyForPersonId);
  const votingSeats = voting.size;
  const presentVoting = filled.size;
  const required = requiredFor(votingSeats);
  return { votingSeats, presentVoting, required, quorate: votingSeats > 0 && presentVoting >= required };
}

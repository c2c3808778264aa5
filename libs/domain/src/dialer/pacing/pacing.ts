/**
 * The dialer's pacing decision (issue 6 §4): how many calls a campaign places now. Pure: the runtime builds the
 * snapshot (its agents, its calls in flight, rolling statistics from the calls table), asks every second or so,
 * and caps the answer by the account's calls per second and the leads it has.
 */
import { powerCalls, type PacerSnapshot } from './pacer-snapshot';
import { predictiveCalls } from './predictive-pacing';

/** How many calls to place now (never negative). */
export function callsToPlace(snapshot: PacerSnapshot): number {
  const n = rawCallsToPlace(snapshot);
  const cap = snapshot.max_calls ?? Number.POSITIVE_INFINITY;
  return Math.max(0, Math.min(n, Math.floor(cap)));
}

function rawCallsToPlace(snapshot: PacerSnapshot): number {
  switch (snapshot.mode) {
    case 'preview':
      // The agent picks the lead and confirms: nothing is dialed ahead of them.
      return 0;
    case 'power':
      return powerCalls(snapshot, snapshot.lines_per_agent);
    case 'predictive':
      return predictiveCalls(snapshot);
  }
}

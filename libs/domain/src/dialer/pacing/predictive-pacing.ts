/**
 * Predictive pacing (issue 6 §4, DESIGN §7.3). Each call it would place is weighed by what it adds to the expected
 * abandoned calls over the next seconds: the forecast (pacing-forecast.ts) says when people on the calls in flight
 * (and on the calls it would place) will be ready, and when agents will be free; a dynamic programme over the idle
 * agents (pacing-loss.ts) turns that into the expected people no agent takes in time. Calls are added while the
 * abandonment each one adds, per person it brings, stays under an allowance; the allowance follows the campaign's
 * observed abandonment (a feedback on the rate the cap is judged on). Until the statistics mean something it dials
 * as power dialing with one line per available agent.
 */
import { AbandonmentForecast } from './pacing-loss';
import { powerCalls, type PacerSnapshot, type PacerStats } from './pacer-snapshot';
import { addRingingArrivals, agentSupply, dialModel, horizonBins, inFlightArrivals } from './pacing-forecast';

/** Safe start: power dialing (one line per available agent) until the window holds this many dials and people. */
export const MIN_DIALS = 50;
export const MIN_HUMAN_ANSWERS = 10;
/** At most this many calls per decision (the runtime asks again within a second). */
export const MAX_CALLS_PER_DECISION = 16;

/** The observed rate the feedback aims at, as a share of the cap (room for the rest of the period's luck). */
export const AIM_SHARE = 0.7;
/** The abandonment a call may add per person it brings when the observed rate is at the aim, × the cap. */
const BASE_ALLOWANCE = 2;
/** How strongly the allowance follows the gap between the aim and the observed rate. */
const FEEDBACK_GAIN = 3;
/** Prior weight (in people) pulling the observed rates towards the aim while few have answered. */
const PERIOD_PRIOR = 100;
const WINDOW_PRIOR = 50;
/** The allowance's bounds, × the cap; the lower one applies once the observed rate is over the cap. */
const MIN_ALLOWANCE = 0.1;
const MAX_ALLOWANCE = 10;
/** The last window's rate over this many times the cap throttles too (something changed). */
const WINDOW_THROTTLE = 1.5;

export function predictiveCalls(snapshot: PacerSnapshot): number {
  const onShift = snapshot.agents.filter((a) => a.state !== 'reserved').length;
  if (onShift === 0) return 0;
  const { stats } = snapshot;
  if (snapshot.max_abandon_rate <= 0 || stats.dials < MIN_DIALS || stats.human_answers < MIN_HUMAN_ANSWERS) {
    return powerCalls(snapshot, 1);
  }
  const model = dialModel(stats);
  const bins = horizonBins(model);
  const demand = inFlightArrivals(snapshot, model, bins);
  const supply = agentSupply(snapshot, model, bins);
  const fresh = new Array<number>(bins).fill(0);
  addRingingArrivals(model, 0, fresh);
  const freshHuman = fresh.reduce((a, b) => a + b, 0);
  if (freshHuman <= 0) return 0;

  const allowed = abandonAllowance(snapshot.max_abandon_rate, stats) * freshHuman;
  const limit = Math.min(
    snapshot.max_calls ?? MAX_CALLS_PER_DECISION,
    MAX_CALLS_PER_DECISION,
    4 * onShift + 4,
  );
  const forecast = new AbandonmentForecast(supply, demand, fresh);
  let loss = forecast.expected(0);
  let n = 0;
  while (n < limit) {
    const next = forecast.expected(n + 1, loss + allowed);
    if (next - loss > allowed) break;
    loss = next;
    n++;
  }
  return n;
}

/**
 * The abandonment a call may add per person it brings: BASE_ALLOWANCE × the cap when the period's observed rate is
 * at the aim, more under it, less over it, and MIN_ALLOWANCE × the cap once the period's rate (or the last
 * window's, by far) is over the cap. The observed rates lean on the aim while few people have answered.
 */
export function abandonAllowance(cap: number, stats: PacerStats): number {
  const aim = AIM_SHARE * cap;
  const period = (stats.period_abandoned + aim * PERIOD_PRIOR) / (stats.period_human_answers + PERIOD_PRIOR);
  const recent = (stats.abandoned + aim * WINDOW_PRIOR) / (stats.human_answers + WINDOW_PRIOR);
  if (period > cap || recent > WINDOW_THROTTLE * cap) return MIN_ALLOWANCE * cap;
  const factor = Math.exp((FEEDBACK_GAIN * (aim - period)) / cap);
  return cap * Math.min(MAX_ALLOWANCE, Math.max(MIN_ALLOWANCE, BASE_ALLOWANCE * factor));
}

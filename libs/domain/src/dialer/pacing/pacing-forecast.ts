/**
 * The predictive pacer's forecast, second by second over a short horizon: when the people on the calls in flight
 * (and on a call placed now) will be ready for an agent, and when agents will be free to take them. Built from the
 * snapshot alone.
 */
import { logNormalDuration, quantileSeconds, type Duration } from './pacing-math';
import { CONNECT_WINDOW_MS, type PacerSnapshot, type PacerStats } from './pacer-snapshot';

export const BIN_MS = 1000;
/** The horizon never reaches past this (a call is over long before). */
const MAX_HORIZON_BINS = 120;

/** What the rolling statistics say about a dial, once there are enough of them. */
export interface DialModel {
  /** P(a dial reaches a person who is sent to an agent). */
  pHuman: number;
  /** P(an answered call awaiting its AMD result turns out to be a person), whatever its ring. */
  pHumanIfAnswered: number;
  /** Placement to answer, for people. */
  humanRing: Duration;
  /** The share of dials a machine answers, and its placement to answer. */
  machine: { p: number; ring: Duration };
  /** The non-human outcomes: their shares and placement-to-resolution times (while they ring). */
  others: { p: number; ring: Duration }[];
  amdMs: number;
  talk: Duration;
}

/**
 * The dial model, the human share taken at the upper end of its uncertainty (one standard error up, a Wilson
 * bound): a share over-estimated places fewer calls, never more.
 */
export function dialModel(stats: PacerStats): DialModel {
  const n = Math.max(1, stats.dials);
  const share = (count: number) => Math.min(1, Math.max(0, count) / n);
  const p = share(stats.human_answers);
  const z = 1;
  const pHuman = Math.min(
    1,
    (p + (z * z) / (2 * n) + z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n),
  );
  const pMachine = share(stats.machine_answers);
  const pNoAnswer = share(stats.no_answers);
  // Whatever is not a person, a machine or a no-answer resolved like a busy.
  const pRejected = Math.max(0, 1 - p - pMachine - pNoAnswer);
  // The others share what the raised human share leaves.
  const scale = p < 1 ? (1 - pHuman) / (1 - p) : 0;
  const answered = stats.human_answers + stats.machine_answers;
  const machine = {
    p: pMachine * scale,
    ring: logNormalDuration(stats.machine_answer_ms_mean, stats.machine_answer_ms_sd),
  };
  return {
    pHuman,
    pHumanIfAnswered: answered > 0 ? Math.min(1, stats.human_answers / answered) : 1,
    humanRing: logNormalDuration(stats.human_answer_ms_mean, stats.human_answer_ms_sd),
    machine,
    others: [
      machine,
      { p: pNoAnswer * scale, ring: logNormalDuration(stats.no_answer_ms_mean, stats.no_answer_ms_sd) },
      { p: pRejected * scale, ring: logNormalDuration(stats.rejected_ms_mean, stats.rejected_ms_sd) },
    ],
    amdMs: Math.max(0, stats.amd_ms_mean),
    talk: logNormalDuration(stats.talk_ms_mean, stats.talk_ms_sd),
  };
}

/**
 * P(a call answered after ringing `ringMs`, its AMD result not in yet, is a person): people and machines pick up
 * after different rings (a person's spread wide, a machine's greeting after a near-fixed time), so the observed
 * ring times weigh the two shares (over a bin around the ring). Where neither ring time is seen, the share of
 * people among all answers.
 */
export function humanIfAnsweredAfter(model: DialModel, ringMs: number): number {
  const near = (d: Duration) => d.cdf(ringMs + BIN_MS / 2) - d.cdf(ringMs - BIN_MS / 2);
  const human = model.pHuman * near(model.humanRing);
  const machine = model.machine.p * near(model.machine.ring);
  return human + machine > 1e-12 ? human / (human + machine) : model.pHumanIfAnswered;
}

/** Bins (of BIN_MS) to look ahead: until nearly every person a call placed now reaches would be ready, and a bit. */
export function horizonBins(model: DialModel): number {
  const ring = quantileSeconds(model.humanRing, 0.999, MAX_HORIZON_BINS);
  const extra = Math.ceil((model.amdMs + CONNECT_WINDOW_MS) / BIN_MS) + 1;
  return Math.min(MAX_HORIZON_BINS, Math.max(1, ring + extra));
}

/**
 * Adds to `out[k]` the chance that a call still ringing at age `ageMs` brings a person ready for an agent in bin k
 * (from now + k·BIN_MS to the next bin). The person's chance is weighed against the other outcomes still possible
 * at that age.
 */
export function addRingingArrivals(model: DialModel, ageMs: number, out: number[]): void {
  const survivesHuman = 1 - model.humanRing.cdf(ageMs);
  if (survivesHuman <= 1e-9) return;
  const human = model.pHuman * survivesHuman;
  let other = 0;
  for (const o of model.others) other += o.p * (1 - o.ring.cdf(ageMs));
  const pHuman = human / (human + other);
  if (pHuman <= 1e-9) return;
  const base = model.humanRing.cdf(ageMs);
  let previous = base;
  for (let k = 0; k < out.length && previous < 1 - 1e-9; k++) {
    // Ready when the ring ends plus the AMD time: ring <= age + (k + 1) bins − amd.
    const upTo = Math.max(base, model.humanRing.cdf(ageMs + (k + 1) * BIN_MS - model.amdMs));
    out[k] += (pHuman * (upTo - previous)) / survivesHuman;
    previous = upTo;
  }
}

/**
 * The forecast of the snapshot's calls in flight, per bin. The ringing calls: the expected people ready in the bin
 * (`ringing`), out of `ringingCalls` calls that each reach at most one. Each answered call awaiting its AMD result
 * is one chance (given how long it rang) in the bin its result is due; a person already waiting is a certainty in the first bin.
 */
export interface Demand {
  ringing: number[];
  ringingCalls: number;
  bernoulli: number[][];
}

export function inFlightArrivals(snapshot: PacerSnapshot, model: DialModel, bins: number): Demand {
  const ringing = new Array<number>(bins).fill(0);
  const bernoulli = Array.from({ length: bins }, () => [] as number[]);
  let ringingCalls = 0;
  for (const call of snapshot.calls) {
    if (call.human) {
      bernoulli[0].push(1);
    } else if (call.answered_at_ms !== undefined) {
      const bin = Math.floor((call.answered_at_ms + model.amdMs - snapshot.now_ms) / BIN_MS);
      const p = humanIfAnsweredAfter(model, call.answered_at_ms - call.placed_at_ms);
      bernoulli[Math.min(bins - 1, Math.max(0, bin))].push(p);
    } else {
      ringingCalls++;
      addRingingArrivals(model, Math.max(0, snapshot.now_ms - call.placed_at_ms), ringing);
    }
  }
  return { ringing, ringingCalls, bernoulli };
}

/** Agents idle now; per bin, agents known to come free (wrap-up ends) and the expected number of talking ones. */
export interface AgentSupply {
  idle: number;
  known: number[];
  expected: number[];
}

/**
 * When agents can take a person, per bin: an agent free at time f takes one ready from f − CONNECT_WINDOW_MS on,
 * so each free moment is moved that much earlier. Known: the available agents (bin 0) and the ends of wrap-up;
 * expected: talking agents, from the talk-time distribution given how long they have talked, plus the wrap-up.
 */
export function agentSupply(snapshot: PacerSnapshot, model: DialModel, bins: number): AgentSupply {
  const known = new Array<number>(bins).fill(0);
  const expected = new Array<number>(bins).fill(0);
  let idle = 0;
  const binOf = (freeAt: number) => Math.round((freeAt - CONNECT_WINDOW_MS - snapshot.now_ms) / BIN_MS);
  for (const agent of snapshot.agents) {
    if (agent.state === 'available') {
      idle++;
    } else if (agent.state === 'wrap_up') {
      const bin = binOf(agent.wrap_up_until_ms ?? agent.since_ms + snapshot.wrap_up_ms);
      if (bin <= 0) idle++;
      else if (bin < bins) known[bin]++;
    } else if (agent.state === 'talking') {
      const talked = Math.max(0, snapshot.now_ms - agent.since_ms);
      const survives = 1 - model.talk.cdf(talked);
      if (survives <= 1e-9) continue;
      // Free at now + remaining talk + wrap-up; in bin k when the talk ends by now + (k + 1) bins + window − wrap-up.
      let previous = model.talk.cdf(talked);
      const first = Math.max(0, Math.floor((snapshot.wrap_up_ms - CONNECT_WINDOW_MS) / BIN_MS) - 1);
      for (let k = first; k < bins; k++) {
        const upTo = Math.max(
          previous,
          model.talk.cdf(talked + (k + 1) * BIN_MS + CONNECT_WINDOW_MS - snapshot.wrap_up_ms),
        );
        expected[k] += (upTo - previous) / survives;
        previous = upTo;
      }
    }
  }
  return { idle, known, expected };
}

/** What the pacer is shown of a campaign at one moment (issue 6 §4). Times are epoch milliseconds. */

/** An answered human is bridged to an agent within this, or played the safe-harbour message (issue 6 §4). */
export const CONNECT_WINDOW_MS = 2000;

export type DialingMode = 'preview' | 'power' | 'predictive';

export interface PacerAgent {
  /**
   * available: idle, on the campaign, ready for a lead; talking: bridged to a lead; wrap_up: after a call, until
   * `wrap_up_until_ms`; reserved: chosen for a lead that is being connected (not available to anyone else).
   */
  state: 'available' | 'talking' | 'wrap_up' | 'reserved';
  /** When the agent entered this state (for talking: when the lead was bridged). */
  since_ms: number;
  /** When wrap-up ends (`agents.wrap_up_until`); absent: `since_ms + wrap_up_ms`. */
  wrap_up_until_ms?: number;
}

/**
 * A call of the campaign in flight that no agent has taken yet: ringing, or answered and waiting for the AMD
 * result, or a person waiting for an agent. A call bridged to an agent, reserved for one, sent to voicemail or
 * ended is not listed.
 */
export interface PacerCall {
  placed_at_ms: number;
  answered_at_ms?: number;
  /** The AMD said human (or AMD is off and it was answered): the person waits for an agent now. */
  human?: boolean;
}

/**
 * Rolling observations over the campaign's dialer calls (kind 'dialer'), every field a SQL aggregate over
 * `calls`. The window ones cover calls placed in the last 60 minutes or so whose outcome is known (`start_time >=
 * now() - interval '60 minutes' AND (answered_by IS NOT NULL OR end_time IS NOT NULL)`; a small campaign may take
 * its last few hundred such calls instead: predictive pacing waits for 50 dials and 10 human answers); the
 * `period_` ones cover the period the abandonment rate is judged over (the campaign so far, or the last 30 days as
 * the regulators count). Durations in ms; a mean or sd of no rows is 0. A "human answer" is a call sent to an
 * agent: AMD said human (or an answer the campaign's `amd_actions` send to an agent, `unknown` by default), or the
 * call was answered with no AMD answer.
 *
 * The SQL, one row: `count(*)` as dials; `count(*) FILTER (WHERE answered_by = ANY(<the answers sent to an agent>) OR
 * (answered_by IS NULL AND answer_time IS NOT NULL))` as human_answers; `FILTER (WHERE (answered_by LIKE 'machine%'
 * OR answered_by = 'fax') AND NOT answered_by = ANY(<the same>))` as machine_answers; `FILTER (WHERE status =
 * 'no-answer')` as no_answers; `FILTER (WHERE status IN ('busy', 'failed', 'canceled'))` as rejected; `FILTER
 * (WHERE disposition = 'abandoned')` as abandoned; `FILTER (WHERE connected_at IS NOT NULL)` as connected; `avg` /
 * `stddev_samp` of `answer_time - start_time` in ms over the same filters for human_answer_ms_* and
 * machine_answer_ms_*, of `end_time - start_time` for no_answer_ms_* and
 * rejected_ms_*; `avg((metadata->>'amd_ms')::numeric)` (Twilio's `MachineDetectionDuration`, kept in the call's
 * metadata) as amd_ms_mean; `avg` / `stddev_samp(talk_time) * 1000` over connected calls as talk_ms_*.
 */
export interface PacerStats {
  dials: number;
  human_answers: number;
  machine_answers: number;
  no_answers: number;
  /** Busy, failed or canceled before an answer. */
  rejected: number;
  /** Human answers no agent took in time (safe-harbour message played). */
  abandoned: number;
  connected: number;
  /** Placement to answer, over human answers. */
  human_answer_ms_mean: number;
  human_answer_ms_sd: number;
  /** Placement to answer, over machine answers. */
  machine_answer_ms_mean: number;
  machine_answer_ms_sd: number;
  /** Placement to the end, over no-answers. */
  no_answer_ms_mean: number;
  no_answer_ms_sd: number;
  /** Placement to the end, over busy, failed and canceled calls. */
  rejected_ms_mean: number;
  rejected_ms_sd: number;
  /** Answer to the AMD result (0 when AMD is off). */
  amd_ms_mean: number;
  /** Talk time of connected calls (bridged to the end). */
  talk_ms_mean: number;
  talk_ms_sd: number;
  /** The judged period's human answers and abandoned calls (the rate regulators compute). */
  period_human_answers: number;
  period_abandoned: number;
}

export interface PacerSnapshot {
  now_ms: number;
  mode: DialingMode;
  /** Power mode: lines per available agent. */
  lines_per_agent: number;
  /** The campaign's cap on abandoned / human answers (0.03 by default). */
  max_abandon_rate: number;
  /** The campaign's agents on shift (available, talking, in wrap-up or reserved); offline and on break left out. */
  agents: PacerAgent[];
  calls: PacerCall[];
  stats: PacerStats;
  /** The campaign's wrap-up time after each call. */
  wrap_up_ms: number;
  /** Optional upper bound on the answer (the calls the account's CPS allows now, the leads ready). */
  max_calls?: number;
}

/** `lines` per available agent, less the calls already in flight. */
export function powerCalls(snapshot: Pick<PacerSnapshot, 'agents' | 'calls'>, lines: number): number {
  const available = snapshot.agents.filter((a) => a.state === 'available').length;
  return Math.max(0, Math.floor(Math.max(0, lines) * available) - snapshot.calls.length);
}

/** Stats with nothing observed yet (a campaign's first minutes). */
export const EMPTY_PACER_STATS: PacerStats = {
  dials: 0,
  human_answers: 0,
  machine_answers: 0,
  no_answers: 0,
  rejected: 0,
  abandoned: 0,
  connected: 0,
  human_answer_ms_mean: 0,
  human_answer_ms_sd: 0,
  machine_answer_ms_mean: 0,
  machine_answer_ms_sd: 0,
  no_answer_ms_mean: 0,
  no_answer_ms_sd: 0,
  rejected_ms_mean: 0,
  rejected_ms_sd: 0,
  amd_ms_mean: 0,
  talk_ms_mean: 0,
  talk_ms_sd: 0,
  period_human_answers: 0,
  period_abandoned: 0,
};

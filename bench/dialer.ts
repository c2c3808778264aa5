/**
 * bench:dialer — the production pacing code (libs/domain/src/dialer/pacing) against the telephony simulator's
 * production outcome model (libs/providers/src/simulator/telephony-plan.ts) on a simulated clock (issue 6,
 * "Performance and quality"): an 8-hour shift of 20 agents, per mode (predictive; power with one line per
 * available agent) and seed: human answer 25 %, answering machine 25 %, no answer 40 % (rings 25 s, then gives
 * up), busy 10 % (after 5 s); a person answers after a log-normal ring of mean 8 s, a machine after 10 s; the AMD
 * decides 2-3 s after the answer; talk log-normal of mean 180 s and sd 120 s; wrap-up 30 s; 1 call per second (the
 * account's default CPS); a person the AMD calls human is bridged to an available agent, or to one free within
 * 2 s, else abandoned. The pacer is asked every simulated second; the n-th call of every run of a seed meets the
 * same fate. Prints, per mode and seed, talk minutes per agent-hour, the abandonment rate (abandoned / human
 * answers) and the agent-connect delay, and the ceiling wrap-up sets (60 × 180 / 210 = 51.4 min). A reference run
 * per seed, flat-out, places every call the CPS allows with no regard for abandonment: as near an upper bound on
 * talk as pacing gets in this simulation (people are there whenever an agent frees), against which the 1.3 × power
 * goal can be judged. A perfect-foresight run per seed (bench/dialer/foresight.ts) knows every call's fate and
 * every talk time before it places a call, and holds the calls that would reach a person too early: near the most
 * any pacer can reach at this CPS, with no abandonment (the strict bound is the ceiling).
 * Goals (issue 6): predictive's mean >= 0.9 × the ceiling (46.3); predictive's mean >= 1.3 × power's on the same
 * seeds; predictive's abandonment <= 3.0 % on every seed. No database or Redis: nothing to clean up.
 *   npm run bench:dialer [-- --seeds 10 --agents 20 --hours 8 --runs predictive,power,flat-out,foresight]
 */
import type { DialingMode } from '../libs/domain/src/dialer/pacing';
import { simulateShift, type ShiftResult, type ShiftSettings } from './dialer/shift-simulation';
import { numberArg, textArg } from './support';

const SEEDS = numberArg('seeds', 10);
const AGENTS = numberArg('agents', 20);
const HOURS = numberArg('hours', 8);
/**
 * predictive and power: the production pacer; flat-out: a reference (every call the CPS allows); foresight: a
 * reference (perfect foresight of every call's fate).
 */
const RUN_KINDS = ['predictive', 'power', 'flat-out', 'foresight'] as const;
type RunKind = (typeof RUN_KINDS)[number];
const RUNS = textArg('runs', RUN_KINDS.join(',')).split(',') as RunKind[];
const say = (line: string) => process.stdout.write(`${line}\n`);
const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

const TALK_MEAN_S = 180;
const WRAP_UP_S = 30;
/** Talk minutes per agent-hour when agents never wait: 60 × 180 / 210. */
const CEILING = (60 * TALK_MEAN_S) / (TALK_MEAN_S + WRAP_UP_S);
const MAX_ABANDON_RATE = 0.03;

function settings(seed: string, kind: RunKind): ShiftSettings {
  const mode: DialingMode = kind === 'power' ? 'power' : 'predictive';
  return {
    telephony: {
      seed,
      timeScale: 1,
      mix: { human: 25, machine: 25, no_answer: 40, busy: 10, failed: 0 },
      humanRingMeanMs: 8000,
      machineRingMs: 10_000,
      noAnswerRingMs: 25_000,
      busyAfterMs: 5000,
      amdMinMs: 2000,
      amdMaxMs: 3000,
      talkMeanMs: TALK_MEAN_S * 1000,
      talkSdMs: 120_000,
      humanPatienceMs: 20_000,
      agentAnswerMs: 2000,
    },
    mode,
    policy: kind === 'flat-out' || kind === 'foresight' ? kind : 'pacer',
    agents: AGENTS,
    shiftMs: HOURS * 3_600_000,
    linesPerAgent: 1,
    maxAbandonRate: MAX_ABANDON_RATE,
    wrapUpMs: WRAP_UP_S * 1000,
    ringTimeoutMs: 25_000,
    callsPerSecond: 1,
    tickMs: 1000,
    statsWindowMs: 60 * 60_000,
    bridgeMs: 0,
  };
}

interface RunFigures {
  seed: string;
  talk_min_per_agent_hour: number;
  abandonment_pct: number;
  connect_delay_s: number;
  wait_after_amd_s: number;
  max_wait_after_amd_s: number;
  idle_s_per_call: number;
  dials: number;
  human_answers: number;
  connected: number;
  abandoned: number;
  pacer_us_per_call: number;
}

function figuresOf(seed: string, r: ShiftResult): RunFigures {
  const agentHours = AGENTS * HOURS;
  return {
    seed,
    talk_min_per_agent_hour: round(r.talkMs / 60_000 / agentHours, 2),
    abandonment_pct: round((100 * r.abandoned) / Math.max(1, r.humanAnswers), 2),
    connect_delay_s: round(r.answerToAgentMs / 1000 / Math.max(1, r.connected), 2),
    wait_after_amd_s: round(r.waitAfterAmdMs / 1000 / Math.max(1, r.connected), 3),
    max_wait_after_amd_s: round(r.maxWaitAfterAmdMs / 1000, 2),
    idle_s_per_call: round(r.idleMs / 1000 / Math.max(1, r.connected), 1),
    dials: r.dials,
    human_answers: r.humanAnswers,
    connected: r.connected,
    abandoned: r.abandoned,
    pacer_us_per_call: round((1000 * r.pacerMs) / Math.max(1, r.pacerCalls), 1),
  };
}

function main(): void {
  const started = Date.now();
  say(
    `bench:dialer: ${AGENTS} agents, ${HOURS} h shift, ${SEEDS} seeds; predictive and power (one line per available ` +
      `agent) through the production pacer, flat-out (every call the 1 CPS allows, no abandonment limit) as the ` +
      `reference; ceiling set by wrap-up 60 × ${TALK_MEAN_S} / ${TALK_MEAN_S + WRAP_UP_S} = ${CEILING.toFixed(1)} ` +
      `talk min per agent-hour`,
  );
  const runs: Partial<Record<RunKind, RunFigures[]>> = {};
  for (let i = 1; i <= SEEDS; i++) {
    const seed = `dialer-seed-${i}`;
    for (const kind of RUNS) {
      const f = figuresOf(seed, simulateShift(settings(seed, kind)));
      (runs[kind] ??= []).push(f);
      say(
        `${kind.padEnd(10)} ${seed}: talk ${f.talk_min_per_agent_hour.toFixed(2)} min/agent-hour, abandonment ` +
          `${f.abandonment_pct.toFixed(2)} % (${f.abandoned}/${f.human_answers}), agent-connect delay ` +
          `${f.connect_delay_s.toFixed(2)} s after the answer (waiting for an agent after the AMD: mean ` +
          `${f.wait_after_amd_s.toFixed(3)} s, max ${f.max_wait_after_amd_s.toFixed(2)} s), idle ` +
          `${f.idle_s_per_call.toFixed(1)} s per call, ${f.dials} dials`,
      );
    }
  }
  const summary = (kind: RunKind) => {
    const rs = runs[kind] ?? [];
    return {
      talk_min_per_agent_hour_mean: round(mean(rs.map((r) => r.talk_min_per_agent_hour)), 2),
      talk_min_per_agent_hour_min: round(Math.min(...rs.map((r) => r.talk_min_per_agent_hour)), 2),
      abandonment_pct_mean: round(mean(rs.map((r) => r.abandonment_pct)), 2),
      abandonment_pct_max: round(Math.max(0, ...rs.map((r) => r.abandonment_pct)), 2),
      connect_delay_s_mean: round(mean(rs.map((r) => r.connect_delay_s)), 2),
      wait_after_amd_s_mean: round(mean(rs.map((r) => r.wait_after_amd_s)), 3),
      idle_s_per_call_mean: round(mean(rs.map((r) => r.idle_s_per_call)), 1),
      pacer_us_per_decision_mean: round(mean(rs.map((r) => r.pacer_us_per_call)), 1),
    };
  };
  const summaries = Object.fromEntries(RUNS.map((kind) => [kind, summary(kind)]));
  for (const kind of RUNS) {
    const m = summary(kind);
    say(
      `${kind} over ${SEEDS} seeds: talk ${m.talk_min_per_agent_hour_mean} min/agent-hour (` +
        `${round((100 * m.talk_min_per_agent_hour_mean) / CEILING, 1)} % of the ceiling ${CEILING.toFixed(1)}), ` +
        `abandonment mean ${m.abandonment_pct_mean} % max ${m.abandonment_pct_max} %, agent-connect delay ` +
        `${m.connect_delay_s_mean} s after the answer (waiting after the AMD ${m.wait_after_amd_s_mean} s), idle ` +
        `${m.idle_s_per_call_mean} s per call` +
        (kind === 'predictive' || kind === 'power'
          ? `, pacer ${m.pacer_us_per_decision_mean} µs per decision`
          : ''),
    );
  }
  const predictive = summary('predictive');
  const power = summary('power');
  const ratio = predictive.talk_min_per_agent_hour_mean / Math.max(1e-9, power.talk_min_per_agent_hour_mean);
  // What 1.3 × power asks: talk T per cycle of T + wrap-up + idle, so idle <= 60 T / target − T − wrap-up.
  const needed = 1.3 * power.talk_min_per_agent_hour_mean;
  const idleAllowed = (60 * TALK_MEAN_S) / needed - TALK_MEAN_S - WRAP_UP_S;
  if (runs.predictive && runs.power) {
    say(
      `predictive / power: ${ratio.toFixed(3)}. 1.3 × power = ${needed.toFixed(2)} talk min/agent-hour = ` +
        `${round((100 * needed) / CEILING, 1)} % of the ceiling, i.e. agents idle at most ${idleAllowed.toFixed(1)} s ` +
        `per ${TALK_MEAN_S} s call; the ceiling itself is ${(CEILING / power.talk_min_per_agent_hour_mean).toFixed(3)} × power`,
    );
    if (runs['flat-out']) {
      const flat = summary('flat-out');
      say(
        `flat-out dialing at the CPS limit (every call the account allows, whatever is abandoned): ${flat.talk_min_per_agent_hour_mean} ` +
          `talk min/agent-hour = ${(flat.talk_min_per_agent_hour_mean / power.talk_min_per_agent_hour_mean).toFixed(3)} ` +
          `× power, abandoning ${flat.abandonment_pct_mean} % of the people who answer`,
      );
    }
    if (runs.foresight) {
      const seer = summary('foresight');
      say(
        `perfect foresight (every call's fate and talk time known before dialing): ${seer.talk_min_per_agent_hour_mean} ` +
          `talk min/agent-hour = ${(seer.talk_min_per_agent_hour_mean / power.talk_min_per_agent_hour_mean).toFixed(3)} ` +
          `× power, abandoning ${seer.abandonment_pct_mean} %, idle ${seer.idle_s_per_call_mean} s per call`,
      );
    }
  }
  const goals = [
    {
      name: 'predictive mean talk minutes per agent-hour, >= 0.9 of the ceiling 60 x 180 / 210 = 51.4',
      value: predictive.talk_min_per_agent_hour_mean,
      target: 46.3,
      op: '>=',
      met: predictive.talk_min_per_agent_hour_mean >= 0.9 * CEILING,
    },
    {
      name: 'predictive mean / power mean (one line per available agent), same seeds',
      value: round(ratio, 3),
      target: 1.3,
      op: '>=',
      met: ratio >= 1.3,
    },
    {
      name: 'predictive abandonment on the worst seed (%)',
      value: predictive.abandonment_pct_max,
      target: 3.0,
      op: '<=',
      met: (runs.predictive ?? []).every((r) => r.abandoned <= MAX_ABANDON_RATE * r.human_answers),
    },
  ];
  const figures = {
    agents: AGENTS,
    shift_hours: HOURS,
    seeds: SEEDS,
    calls_per_second: 1,
    ceiling_talk_min_per_agent_hour: round(CEILING, 2),
    ...summaries,
    predictive_over_power: round(ratio, 3),
    needed_for_1_3x_power: round(needed, 2),
    idle_s_per_call_allowed_for_1_3x: round(idleAllowed, 1),
    runs,
    seconds: round((Date.now() - started) / 1000, 1),
  };
  say(JSON.stringify({ bench: 'dialer', goals, figures }));
}

main();

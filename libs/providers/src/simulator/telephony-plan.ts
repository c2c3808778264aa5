import type { AnsweredBy } from '../telephony.port';
import { seededUnit } from './simulator-plan';

/**
 * What the telephony simulator is told to do (libs/config: SIMULATOR_SEED, SIMULATOR_CALL_*). Every duration is
 * in simulated milliseconds; the adapter multiplies them by `timeScale` when it schedules them.
 */
export interface TelephonySimulatorSettings {
  seed: string;
  /** Multiplies every simulated duration (1 = real time; tests use e.g. 0.02). */
  timeScale: number;
  /** Weights of each outcome (they need not add up to 1 or 100). */
  mix: { human: number; machine: number; no_answer: number; busy: number; failed: number };
  /** Mean ring time before a human answers: log-normal, its sd half the mean (8000 ms: sd 4000). */
  humanRingMeanMs: number;
  /** Ring time before a voicemail picks up (±20 %). */
  machineRingMs: number;
  /** Ring time before `no-answer`, capped by the request's timeout. */
  noAnswerRingMs: number;
  /** Time before `busy` (±20 %). */
  busyAfterMs: number;
  /** The AMD result comes this long after the answer, drawn uniformly in [min, max]. */
  amdMinMs: number;
  amdMaxMs: number;
  /** Talk time of a human bridged to an agent: log-normal of this mean and sd. */
  talkMeanMs: number;
  talkSdMs: number;
  /** How long an answered human waits alone (no agent) before hanging up. */
  humanPatienceMs: number;
  /** An agent's leg answers after this. */
  agentAnswerMs: number;
}

export type CallOutcome = 'human' | 'machine' | 'no_answer' | 'busy' | 'failed';

export interface CallPlan {
  outcome: CallOutcome;
  /** ms from placement to answer (human, machine) or to the final status (no_answer, busy, failed). */
  ringMs: number;
  /** ms after answer when the AMD result is posted (human or machine); 0 otherwise. */
  amdMs: number;
  /** human -> 'human'; machine -> 'machine_end_beep' (DetectMessageEnd) or 'machine_start'; 'unknown' otherwise. */
  answeredBy: AnsweredBy;
  /** ms the human talks once bridged to an agent; 0 for other outcomes. */
  talkMs: number;
}

/** The numbers: 25 % humans, 25 % machines, 40 % no answer, 10 % busy; talk 3 min ± 2 min. */
export const DEFAULT_TELEPHONY_SETTINGS: Omit<TelephonySimulatorSettings, 'seed'> = {
  timeScale: 1,
  mix: { human: 25, machine: 25, no_answer: 40, busy: 10, failed: 0 },
  humanRingMeanMs: 8000,
  machineRingMs: 10_000,
  noAnswerRingMs: 25_000,
  busyAfterMs: 5000,
  amdMinMs: 2000,
  amdMaxMs: 3000,
  talkMeanMs: 180_000,
  talkSdMs: 120_000,
  humanPatienceMs: 20_000,
  agentAnswerMs: 2000,
};

export const CALL_OUTCOMES: readonly CallOutcome[] = ['human', 'machine', 'no_answer', 'busy', 'failed'];

/** A failed call (unreachable number, carrier error) fails this soon. */
const FAILED_AFTER_MS = 1000;
/** A human's ring time has an sd of this share of its mean. */
const HUMAN_RING_SD_RATIO = 0.5;
/** Fixed ring and busy times vary by this share either way. */
const JITTER = 0.2;

/** The outcome a unit draw falls on, by the mix's weights. */
export function pickOutcome(mix: TelephonySimulatorSettings['mix'], unit: number): CallOutcome {
  const total = CALL_OUTCOMES.reduce((sum, o) => sum + Math.max(0, mix[o]), 0);
  if (!(total > 0)) throw new Error('The telephony simulator mix needs a positive weight');
  let at = unit * total;
  for (const outcome of CALL_OUTCOMES) {
    const weight = Math.max(0, mix[outcome]);
    if (at < weight) return outcome;
    at -= weight;
  }
  // unit < 1, so only rounding lands here: the last outcome with a weight.
  return [...CALL_OUTCOMES].reverse().find((o) => mix[o] > 0) as CallOutcome;
}

/**
 * A log-normal draw of mean `mean` and sd `sd` from two unit draws (Box-Muller):
 * sigma² = ln(1 + s²/m²), mu = ln m − sigma²/2.
 */
export function logNormal(mean: number, sd: number, u1: number, u2: number): number {
  if (mean <= 0) return 0;
  if (sd <= 0) return mean;
  const sigma2 = Math.log(1 + (sd * sd) / (mean * mean));
  const mu = Math.log(mean) - sigma2 / 2;
  const z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  return Math.exp(mu + Math.sqrt(sigma2) * z);
}

/**
 * What a simulated call will do (DESIGN §2): who or what answers, after how long, the AMD answer and when, and how
 * long a human talks. Every draw follows from the seed and `callKey` (a placement's key: our call id or the call
 * SID), so the same seed repeats the same calls. Durations are not scaled.
 */
export function telephonyPlan(
  settings: TelephonySimulatorSettings,
  callKey: string,
  machineDetection?: 'Enable' | 'DetectMessageEnd',
): CallPlan {
  const unit = (purpose: string) => seededUnit(settings.seed, callKey, `call:${purpose}`);
  const jitter = (ms: number, purpose: string) => ms * (1 - JITTER + 2 * JITTER * unit(purpose));
  const outcome = pickOutcome(settings.mix, unit('outcome'));
  const amd = () => Math.round(settings.amdMinMs + (settings.amdMaxMs - settings.amdMinMs) * unit('amd'));
  switch (outcome) {
    case 'human':
      return {
        outcome,
        ringMs: Math.round(
          logNormal(
            settings.humanRingMeanMs,
            settings.humanRingMeanMs * HUMAN_RING_SD_RATIO,
            unit('ring:1'),
            unit('ring:2'),
          ),
        ),
        amdMs: amd(),
        answeredBy: 'human',
        talkMs: Math.round(logNormal(settings.talkMeanMs, settings.talkSdMs, unit('talk:1'), unit('talk:2'))),
      };
    case 'machine':
      return {
        outcome,
        ringMs: Math.round(jitter(settings.machineRingMs, 'ring')),
        amdMs: amd(),
        answeredBy: machineDetection === 'DetectMessageEnd' ? 'machine_end_beep' : 'machine_start',
        talkMs: 0,
      };
    case 'no_answer':
      return { outcome, ringMs: settings.noAnswerRingMs, amdMs: 0, answeredBy: 'unknown', talkMs: 0 };
    case 'busy':
      return {
        outcome,
        ringMs: Math.round(jitter(settings.busyAfterMs, 'ring')),
        amdMs: 0,
        answeredBy: 'unknown',
        talkMs: 0,
      };
    case 'failed':
      return { outcome, ringMs: FAILED_AFTER_MS, amdMs: 0, answeredBy: 'unknown', talkMs: 0 };
  }
}

/**
 * One simulated shift of a campaign, event by event on a simulated clock: the production pacer (`callsToPlace`)
 * asked every second, its answer capped by the account's calls per second; every call's fate drawn by the
 * telephony simulator's production model (`telephonyPlan`); an answered person (after the AMD says human) bridged
 * to the longest-idle available agent, or to the first agent free within CONNECT_WINDOW_MS, else abandoned (the
 * safe-harbour message); then talk, wrap-up, available again.
 */
import {
  callsToPlace,
  CONNECT_WINDOW_MS,
  type DialingMode,
  type PacerAgent,
  type PacerCall,
} from '../../libs/domain/src/dialer/pacing';
import {
  telephonyPlan,
  type CallPlan,
  type TelephonySimulatorSettings,
} from '../../libs/providers/src/simulator/telephony-plan';
import { EventQueue, type Timed } from './event-queue';
import { foresightCalls } from './foresight';
import { RollingPacerStats } from './rolling-stats';

export interface ShiftSettings {
  telephony: TelephonySimulatorSettings;
  mode: DialingMode;
  /**
   * pacer: the production `callsToPlace` decides; flat-out (a reference, not a dialing mode): every call the CPS
   * allows is placed, whatever happens to the people reached: near the most talk any pacing can get here;
   * foresight (a reference): the perfect-foresight pacer of foresight.ts.
   */
  policy: 'pacer' | 'flat-out' | 'foresight';
  agents: number;
  shiftMs: number;
  linesPerAgent: number;
  maxAbandonRate: number;
  wrapUpMs: number;
  ringTimeoutMs: number;
  callsPerSecond: number;
  /** The pacer is asked this often. */
  tickMs: number;
  /** The rolling window of the statistics the pacer sees. */
  statsWindowMs: number;
  /** A bridged lead hears the agent this long after the bridge starts (agents wait on a live leg). */
  bridgeMs: number;
}

export interface ShiftResult {
  dials: number;
  humanAnswers: number;
  connected: number;
  abandoned: number;
  /** Talk inside the shift, ms (a talk still going at the end counts up to the end). */
  talkMs: number;
  /** Sums over connected calls: answer to agent, and the wait for an agent after the AMD said human. */
  answerToAgentMs: number;
  waitAfterAmdMs: number;
  maxWaitAfterAmdMs: number;
  /** Agents' idle time inside the shift, ms. */
  idleMs: number;
  pacerCalls: number;
  pacerMs: number;
}

interface SimCall {
  placedAt: number;
  plan: CallPlan;
  answeredAt?: number;
  readyAt?: number;
  state: 'ringing' | 'amd' | 'waiting' | 'done';
}

interface SimAgent {
  state: PacerAgent['state'];
  since: number;
  wrapUntil?: number;
  /** When a talking or wrapping-up agent will be available (known to the foresight reference only). */
  freeAt?: number;
}

type Event = Timed &
  (
    | { kind: 'tick' | 'place' }
    | { kind: 'answer' | 'amd' | 'end' | 'deadline'; call: SimCall }
    | { kind: 'talk-end' | 'wrap-end'; agent: SimAgent }
  );

/** Events on calls and agents come before the pacer's tick of the same millisecond. */
const STATE_ORDER = 0;
const TICK_ORDER = 1;

export function simulateShift(s: ShiftSettings): ShiftResult {
  const queue = new EventQueue<Event>();
  const stats = new RollingPacerStats(s.statsWindowMs);
  const agents: SimAgent[] = Array.from({ length: s.agents }, () => ({ state: 'available', since: 0 }));
  const inFlight = new Set<SimCall>();
  const waiting: SimCall[] = [];
  const r: ShiftResult = {
    dials: 0,
    humanAnswers: 0,
    connected: 0,
    abandoned: 0,
    talkMs: 0,
    answerToAgentMs: 0,
    waitAfterAmdMs: 0,
    maxWaitAfterAmdMs: 0,
    idleMs: 0,
    pacerCalls: 0,
    pacerMs: 0,
  };
  let calls = 0;
  let nextSlotAt = 0;

  const idleUntil = (agent: SimAgent, at: number) => {
    if (agent.state === 'available') r.idleMs += Math.min(at, s.shiftMs) - Math.min(agent.since, s.shiftMs);
  };

  // The n-th call of every run of a seed meets the same fate (common random numbers across the modes).
  const planOf = (n: number) => telephonyPlan(s.telephony, `call-${n}`, 'DetectMessageEnd');

  const place = (at: number) => {
    const plan = planOf(calls++);
    const call: SimCall = { placedAt: at, plan, state: 'ringing' };
    r.dials++;
    inFlight.add(call);
    const answers = plan.outcome === 'human' || plan.outcome === 'machine';
    if (answers && plan.ringMs < s.ringTimeoutMs) {
      queue.push({ at: at + plan.ringMs, order: STATE_ORDER, kind: 'answer', call });
    } else {
      queue.push({ at: at + Math.min(plan.ringMs, s.ringTimeoutMs), order: STATE_ORDER, kind: 'end', call });
    }
  };

  const connect = (call: SimCall, agent: SimAgent, at: number) => {
    idleUntil(agent, at);
    call.state = 'done';
    inFlight.delete(call);
    r.connected++;
    stats.connect(at);
    const wait = at - (call.readyAt ?? at);
    r.waitAfterAmdMs += wait;
    r.maxWaitAfterAmdMs = Math.max(r.maxWaitAfterAmdMs, wait);
    r.answerToAgentMs += at + s.bridgeMs - (call.answeredAt ?? at);
    agent.state = 'talking';
    agent.since = at;
    const talkEndsAt = at + s.bridgeMs + call.plan.talkMs;
    agent.freeAt = talkEndsAt + s.wrapUpMs;
    r.talkMs += Math.max(0, Math.min(talkEndsAt, s.shiftMs) - Math.min(at + s.bridgeMs, s.shiftMs));
    queue.push({ at: talkEndsAt, order: STATE_ORDER, kind: 'talk-end', agent });
  };

  const longestIdle = (): SimAgent | undefined => {
    let best: SimAgent | undefined;
    for (const a of agents) if (a.state === 'available' && (!best || a.since < best.since)) best = a;
    return best;
  };

  const handle = (e: Event) => {
    switch (e.kind) {
      case 'tick': {
        if (e.at >= s.shiftMs) return;
        queue.push({ at: e.at + s.tickMs, order: TICK_ORDER, kind: 'tick' });
        // The account's CPS: calls evenly spaced at 1 / CPS, as many as the slots up to the next tick.
        const spacing = 1000 / s.callsPerSecond;
        const maxCalls = Math.max(0, Math.ceil((e.at + s.tickMs - Math.max(e.at, nextSlotAt)) / spacing));
        if (maxCalls === 0) return;
        let n = maxCalls;
        const firstSlot = Math.max(e.at, nextSlotAt);
        if (s.policy === 'foresight') {
          const answers = (c: SimCall) => c.plan.outcome === 'human' && c.plan.ringMs < s.ringTimeoutMs;
          n = foresightCalls({
            now: e.at,
            agentsFreeAt: agents.map((a) => (a.state === 'available' ? e.at : (a.freeAt ?? e.at))),
            peopleInFlight: [...inFlight].filter(answers).length,
            // Every call asked of earlier ticks has been placed: the next one is the `calls`-th.
            planOf: (k) => planOf(calls + k),
            slotAt: (k) => firstSlot + k * spacing,
            maxCalls,
            ringTimeoutMs: s.ringTimeoutMs,
          });
        }
        if (s.policy === 'pacer') {
          const started = process.hrtime.bigint();
          n = callsToPlace({
            now_ms: e.at,
            mode: s.mode,
            lines_per_agent: s.linesPerAgent,
            max_abandon_rate: s.maxAbandonRate,
            agents: agents.map(pacerAgent),
            calls: [...inFlight].map(pacerCall),
            stats: stats.snapshot(e.at),
            wrap_up_ms: s.wrapUpMs,
            max_calls: maxCalls,
          });
          r.pacerMs += Number(process.hrtime.bigint() - started) / 1e6;
          r.pacerCalls++;
        }
        let at = firstSlot;
        for (let i = 0; i < n; i++) {
          queue.push({ at, order: STATE_ORDER, kind: 'place' });
          at += spacing;
        }
        if (n > 0) nextSlotAt = at;
        return;
      }
      case 'place':
        place(e.at);
        return;
      case 'answer': {
        const call = e.call;
        call.answeredAt = e.at;
        call.state = 'amd';
        queue.push({ at: e.at + call.plan.amdMs, order: STATE_ORDER, kind: 'amd', call });
        return;
      }
      case 'amd': {
        const call = e.call;
        stats.amdResult(e.at, call.plan.amdMs);
        if (call.plan.outcome === 'machine') {
          stats.dial(e.at, 'machine', call.plan.ringMs);
          call.state = 'done';
          inFlight.delete(call);
          return;
        }
        stats.dial(e.at, 'human', call.plan.ringMs);
        r.humanAnswers++;
        call.readyAt = e.at;
        const agent = longestIdle();
        if (agent) {
          connect(call, agent, e.at);
        } else {
          call.state = 'waiting';
          waiting.push(call);
          queue.push({ at: e.at + CONNECT_WINDOW_MS, order: STATE_ORDER, kind: 'deadline', call });
        }
        return;
      }
      case 'deadline': {
        const call = e.call;
        if (call.state !== 'waiting') return;
        call.state = 'done';
        inFlight.delete(call);
        waiting.splice(waiting.indexOf(call), 1);
        r.abandoned++;
        stats.abandon(e.at);
        return;
      }
      case 'end': {
        const call = e.call;
        const kind =
          call.plan.outcome === 'busy' || call.plan.outcome === 'failed' ? 'rejected' : 'no_answer';
        stats.dial(e.at, kind, e.at - call.placedAt);
        call.state = 'done';
        inFlight.delete(call);
        return;
      }
      case 'talk-end': {
        const agent = e.agent;
        stats.talked(e.at, e.at - agent.since);
        agent.state = 'wrap_up';
        agent.since = e.at;
        agent.wrapUntil = e.at + s.wrapUpMs;
        queue.push({ at: agent.wrapUntil, order: STATE_ORDER, kind: 'wrap-end', agent });
        return;
      }
      case 'wrap-end': {
        const agent = e.agent;
        agent.state = 'available';
        agent.since = e.at;
        agent.wrapUntil = undefined;
        const call = waiting.shift();
        if (call) connect(call, agent, e.at);
        return;
      }
    }
  };

  queue.push({ at: 0, order: TICK_ORDER, kind: 'tick' });
  for (let e = queue.pop(); e && e.at <= s.shiftMs; e = queue.pop()) handle(e);
  for (const agent of agents) idleUntil(agent, s.shiftMs);
  return r;
}

function pacerAgent(a: SimAgent): PacerAgent {
  return a.state === 'wrap_up'
    ? { state: a.state, since_ms: a.since, wrap_up_until_ms: a.wrapUntil }
    : { state: a.state, since_ms: a.since };
}

function pacerCall(c: SimCall): PacerCall {
  return c.state === 'waiting'
    ? { placed_at_ms: c.placedAt, answered_at_ms: c.answeredAt, human: true }
    : { placed_at_ms: c.placedAt, answered_at_ms: c.answeredAt };
}

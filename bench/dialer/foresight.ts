/**
 * The perfect-foresight reference of bench:dialer (not a dialing mode): a pacer that knows every call's fate before
 * placing it (who or what answers, after how long, and how long a person will talk) and so when every agent comes
 * free. It places the calls in order, as many as the CPS allows, but holds the next one that would reach a person
 * before an agent can take them (the agent free soonest after the people already on their way, less the connect
 * window). Calls that reach no one cost it nothing but their slot. Greedy, so not proven the best a clairvoyant
 * can do (that best bounds every pacer that does not know the fates), but with no abandonment and little idle.
 */
import { CONNECT_WINDOW_MS } from '../../libs/domain/src/dialer/pacing';
import type { CallPlan } from '../../libs/providers/src/simulator/telephony-plan';

export interface ForesightView {
  now: number;
  /** When each agent is (or will be) free: now for the available ones, talk end plus wrap-up for the others. */
  agentsFreeAt: number[];
  /** People already on their way (placed, and will answer before the ring timeout). */
  peopleInFlight: number;
  /** The plan of the n-th call from now on. */
  planOf: (n: number) => CallPlan;
  /** When the n-th call from now on would be placed. */
  slotAt: (n: number) => number;
  maxCalls: number;
  ringTimeoutMs: number;
}

export function foresightCalls(v: ForesightView): number {
  const free = [...v.agentsFreeAt].sort((a, b) => a - b);
  let claimed = v.peopleInFlight;
  let n = 0;
  while (n < v.maxCalls) {
    const plan = v.planOf(n);
    if (plan.outcome === 'human' && plan.ringMs < v.ringTimeoutMs) {
      if (claimed >= free.length) break;
      const ready = v.slotAt(n) + plan.ringMs + plan.amdMs;
      if (ready < free[claimed] - CONNECT_WINDOW_MS) break;
      claimed++;
    }
    n++;
  }
  return n;
}

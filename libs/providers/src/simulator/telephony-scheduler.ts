import type { SimulatorJobOptions } from './simulator-scheduler';

/** The payload of a `simulator.call` job: the `step`-th event of the call's list in the telephony ledger. */
export interface SimulatorCallJob {
  tenant_id: string;
  call_sid: string;
  step: number;
}

/** Where the telephony simulator puts its timers: the `simulator` queue (libs/queues' JobProducer satisfies it). */
export interface TelephonySimulatorScheduler {
  enqueue(name: 'simulator.call', payload: SimulatorCallJob, options: SimulatorJobOptions): Promise<unknown>;
}

/** Each step: retried with backoff while our API is down (8 tries over about four minutes). */
const RETRY = { attempts: 8, backoff: { type: 'exponential' as const, delay: 1000 } };

/** Schedules step `job.step` of a call `delayMs` (real ms, already scaled) from now; twice adds one job. */
export function scheduleTelephonyStep(
  scheduler: TelephonySimulatorScheduler,
  job: SimulatorCallJob,
  delayMs: number,
): Promise<unknown> {
  return scheduler.enqueue('simulator.call', job, {
    delay: Math.max(0, Math.round(delayMs)),
    jobId: `simcall:${job.tenant_id}:${job.call_sid}:${job.step}`,
    ...RETRY,
  });
}

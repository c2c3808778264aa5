import type { MessagingChannel } from '../messaging.port';

/** The payload of a `simulator.deliver` job: ids only; the handler re-reads the send and re-derives the event. */
export interface SimulatorDeliverJob {
  tenant_id: string;
  channel: MessagingChannel;
  provider_message_id: string;
  /** Which event of the send's plan (simulatorPlan) this job delivers. */
  step: number;
}

/** Bull options the simulator sets: a delay (the provider's latency) and a job id that makes scheduling idempotent. */
export interface SimulatorJobOptions {
  delay: number;
  jobId: string;
  attempts?: number;
  backoff?: { type: 'exponential' | 'fixed'; delay: number };
}

/**
 * Where the simulator puts its pending callbacks: the `simulator` queue. libs/queues' JobProducer satisfies it, so
 * the simulator never imports Bull.
 */
export interface SimulatorScheduler {
  enqueue(
    name: 'simulator.deliver',
    payload: SimulatorDeliverJob,
    options: SimulatorJobOptions,
  ): Promise<unknown>;
}

/** Each callback: retried with backoff while our API is down (8 tries over about four minutes). */
const RETRY = { attempts: 8, backoff: { type: 'exponential' as const, delay: 1000 } };

/**
 * Schedules event `step` of a send `delayMs` from now; scheduling the same step again while its job is pending adds
 * none (a completed one is forgotten, libs/queues: a message sent again schedules nothing, SimulatorLedger.record).
 */
export function scheduleSimulatorStep(
  scheduler: SimulatorScheduler,
  job: SimulatorDeliverJob,
  delayMs: number,
): Promise<unknown> {
  return scheduler.enqueue('simulator.deliver', job, {
    delay: delayMs,
    jobId: `sim:${job.tenant_id}:${job.provider_message_id}:${job.step}`,
    ...RETRY,
  });
}

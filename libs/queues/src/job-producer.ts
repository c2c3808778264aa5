import { AppConfig } from '@app/config';
import { assertTenantId } from '@app/db';
import { getQueueToken } from '@nestjs/bull';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Job, JobOptions, Queue } from 'bull';
import { RETRY_BACKOFF, RETRY_BACKOFF_BASE_MS } from './job-backoff';
import { JOB_QUEUES, JobName, JobPayloads, PLATFORM_JOBS } from './job-payloads';
import { QUEUE_NAMES, QueueName } from './queue-names';

const DEFAULT_JOB_OPTIONS: JobOptions = {
  attempts: 5,
  // Exponential, unless the error asks for a longer wait (a provider's Retry-After): see retryBackoffMs.
  backoff: { type: RETRY_BACKOFF, options: { delay: RETRY_BACKOFF_BASE_MS } },
  removeOnComplete: 1000,
};

/**
 * Jobs whose completed copies nothing reads, forgotten as they complete instead of kept among the queue's last
 * thousand: keeping one costs its finishing script four more Redis commands (ZADD, HMSET, then trimming the oldest
 * out), twice per campaign send (its `messages.send` and the simulator's `simulator.deliver`). A re-enqueue under
 * the same id after completion then adds the job again, which finds its work done (a send re-reads its row, under
 * its lease; the webhooks a repeated callback reaches are idempotent, DESIGN §7.7).
 */
const FORGOTTEN_ONCE_COMPLETE: ReadonlySet<JobName> = new Set<JobName>([
  'messages.send',
  'simulator.deliver',
]);

/** The states of a job that will still run (or is running): not completed, failed or gone. */
const PENDING_STATES = new Set(['waiting', 'delayed', 'active', 'paused']);

/** Jobs per `addBulk` call: one Redis round trip (a MULTI) each. */
const BULK_CHUNK = 1000;

/** The typed way to enqueue: the job name picks its queue, the payload type is checked, the tenant id is required. */
@Injectable()
export class JobProducer implements OnModuleInit {
  private readonly logger = new Logger(JobProducer.name);
  /** The defaults, with how long and how many failed jobs each queue keeps (Bull trims them as jobs fail). */
  private readonly defaults: JobOptions;

  constructor(
    private readonly moduleRef: ModuleRef,
    config: AppConfig,
  ) {
    const { days, max } = config.worker.failedRetention;
    this.defaults = { ...DEFAULT_JOB_OPTIONS, removeOnFail: { age: days * 86_400, count: max } };
  }

  /**
   * Bull re-emits its Redis clients' errors as the queue's 'error' event, and an EventEmitter with no 'error'
   * listener throws: a Redis blip (or a close during start-up) would crash the process. Log them instead.
   */
  onModuleInit(): void {
    for (const name of QUEUE_NAMES) {
      const queue = this.queue(name) as Queue & { onApplicationShutdown?: () => Promise<void> };
      queue.on('error', (err: Error) => this.logger.warn({ err, queue: name }, 'Queue error'));
      // @nestjs/bull closes each queue at shutdown; Bull's close() rejects when a client was still connecting
      // ("Connection is closed"), which would fail the whole shutdown. The queue is closed either way: log it.
      const close = queue.close.bind(queue);
      queue.onApplicationShutdown = () =>
        close().catch((err: unknown) =>
          this.logger.warn({ err, queue: name }, 'Queue did not close cleanly'),
        );
    }
  }

  /** A job's options: the defaults (attempts, backoff, what is kept once finished), then `options`. */
  jobOptions(options: JobOptions = {}): JobOptions {
    return { ...this.defaults, ...options };
  }

  /** A job's options by its name: jobOptions, with a job nothing reads once complete forgotten as it completes. */
  private optionsFor(name: JobName, options: JobOptions): JobOptions {
    return this.jobOptions(
      FORGOTTEN_ONCE_COMPLETE.has(name) ? { removeOnComplete: true, ...options } : options,
    );
  }

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options: JobOptions = {},
  ): Promise<string> {
    assertTenantId(payload.tenant_id);
    const job = await this.queue(JOB_QUEUES[name]).add(name, payload, this.optionsFor(name, options));
    return String(job.id);
  }

  /** Many jobs of one name, one round trip per chunk of a thousand (Bull `addBulk`). */
  async enqueueBulk<N extends JobName>(
    name: N,
    payloads: readonly JobPayloads[N][],
    options: JobOptions = {},
  ): Promise<void> {
    await this.enqueueEach(
      name,
      payloads.map((payload) => ({ payload })),
      options,
    );
  }

  /**
   * Many jobs of one name, one round trip per chunk of a thousand (Bull `addBulk`), each under its own `jobId` when
   * it has one: as `enqueue` with a `jobId`, a job whose id is still held is not added again.
   */
  async enqueueEach<N extends JobName>(
    name: N,
    jobs: readonly { payload: JobPayloads[N]; jobId?: string }[],
    options: JobOptions = {},
  ): Promise<void> {
    const queue = this.queue(JOB_QUEUES[name]);
    const shared = this.optionsFor(name, options);
    for (let i = 0; i < jobs.length; i += BULK_CHUNK) {
      const chunk = jobs.slice(i, i + BULK_CHUNK);
      for (const { payload } of chunk) assertTenantId(payload.tenant_id);
      await queue.addBulk(
        chunk.map(({ payload, jobId }) => ({
          name,
          data: payload,
          opts: jobId === undefined ? shared : this.optionsFor(name, { ...options, jobId }),
        })),
      );
    }
  }

  /**
   * Enqueues each job under its `jobId` unless a job with that id is still waiting, delayed or active; a finished
   * one (completed or failed, kept for inspection) is removed first so the id can run again. Answers how many were
   * enqueued. A thousand at a time: their look-ups leave together and the adds go in one `addBulk`, whose script
   * skips an id that exists by then, so a job enqueued meanwhile by another process is never doubled. `options`
   * (attempts, backoff) are added to the defaults, as `enqueue`'s are.
   */
  async ensureMany<N extends JobName>(
    name: N,
    jobs: readonly { payload: JobPayloads[N]; jobId: string }[],
    options: JobOptions = {},
  ): Promise<number> {
    const queue = this.queue(JOB_QUEUES[name]);
    let enqueued = 0;
    for (let i = 0; i < jobs.length; i += BULK_CHUNK) {
      const chunk = jobs.slice(i, i + BULK_CHUNK);
      for (const { payload } of chunk) assertTenantId(payload.tenant_id);
      const existing = await Promise.all(chunk.map(({ jobId }) => queue.getJob(jobId)));
      const states = await Promise.all(existing.map((job) => job?.getState() ?? null));
      const finished = existing.filter(
        (job, k): job is NonNullable<typeof job> => states[k] === 'completed' || states[k] === 'failed',
      );
      await Promise.all(finished.map((job) => job.remove()));
      const due = chunk.filter((_, k) => !existing[k] || states[k] === 'completed' || states[k] === 'failed');
      if (!due.length) continue;
      await queue.addBulk(
        due.map(({ payload, jobId }) => ({
          name,
          data: payload,
          opts: this.optionsFor(name, { ...options, jobId }),
        })),
      );
      enqueued += due.length;
    }
    return enqueued;
  }

  /**
   * Moves these delayed jobs (of the job name's queue) to waiting now, instead of at their due time; answers how
   * many moved. An id whose job is no longer delayed (it came due, ran, or is gone) is skipped.
   */
  promote(name: JobName, jobIds: readonly string[]): Promise<number> {
    return this.onEachJob(name, jobIds, (job) => job.promote());
  }

  /**
   * Removes these jobs (of the job name's queue) unless one is running now (Bull refuses a locked job: it finishes);
   * answers how many went. An id whose job is gone is skipped.
   */
  remove(name: JobName, jobIds: readonly string[]): Promise<number> {
    return this.onEachJob(name, jobIds, (job) => job.remove());
  }

  /** Which of these job ids (of the job name's queue) have a job still waiting, delayed or running. */
  async pending(name: JobName, jobIds: readonly string[]): Promise<Set<string>> {
    const queue = this.queue(JOB_QUEUES[name]);
    const states = await Promise.all(jobIds.map(async (id) => (await queue.getJob(id))?.getState()));
    return new Set(jobIds.filter((_, k) => PENDING_STATES.has(states[k] ?? 'gone')));
  }

  /**
   * Does `act` to each of these jobs that still exists, a chunk at a time; answers how many it was done to. Bull
   * refusing it (a job no longer delayed, or locked by the worker running it) counts as not done.
   */
  private async onEachJob(
    name: JobName,
    jobIds: readonly string[],
    act: (job: Job) => Promise<unknown>,
  ): Promise<number> {
    const queue = this.queue(JOB_QUEUES[name]);
    let done = 0;
    for (let i = 0; i < jobIds.length; i += BULK_CHUNK) {
      const results = await Promise.all(
        jobIds.slice(i, i + BULK_CHUNK).map(async (id) => {
          const job = await queue.getJob(id);
          return job
            ? act(job).then(
                () => true,
                () => false,
              )
            : false;
        }),
      );
      done += results.filter(Boolean).length;
    }
    return done;
  }

  /**
   * Adds a platform job repeating every `everyMs`. Bull keys a repeatable job by its name and interval (the repeat
   * key) and each run's id by that key and its due time, so N workers adding it at start schedule it once. A
   * schedule of the same job at another interval (its setting changed since) is removed first: Bull would keep
   * both, and the job would run on the old interval too.
   */
  async repeat(name: JobName, everyMs: number): Promise<void> {
    if (!PLATFORM_JOBS.includes(name)) throw new Error(`${name} is not a platform job`);
    const queue = this.queue(JOB_QUEUES[name]);
    const stale = (await queue.getRepeatableJobs()).filter(
      (r) => r.name === name && Number(r.every) !== everyMs,
    );
    await Promise.all(stale.map((r) => queue.removeRepeatableByKey(r.key)));
    await queue.add(
      name,
      {},
      { repeat: { every: everyMs }, removeOnComplete: 100, removeOnFail: 100, attempts: 1 },
    );
  }
}

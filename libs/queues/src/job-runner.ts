import { AppConfig } from '@app/config';
import { assertTenantId } from '@app/db';
import { JobLogFields, RequestContext, runInTenant } from '@app/tenancy';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Job, Queue } from 'bull';
import { PinoLogger } from 'nestjs-pino';
import { JobCatalog, jobsOf, PLATFORM_JOBS } from './job-payloads';
import { JobProducer } from './job-producer';
import { JOB_CATALOG } from './queues.module';
import { isQueueName, QueueName } from './queue-names';
import { ON_JOB, ON_JOB_STALLED } from './on-job.decorator';

type Handler = (payload: unknown, job: Job) => Promise<unknown>;

/** The reason Bull gives a job it failed for stalling more often than `maxStalledCount` allows. */
export const STALLED_FAILURE = 'job stalled more than allowable limit';

export class JobHandlerError extends Error {
  override name = 'JobHandlerError';
}

/**
 * Thrown by a handler (or by the runner, for a payload it cannot run) when running the job again cannot go better:
 * the job fails at once, without the attempts left (it stays in the failed list, where an admin sees and may retry
 * it).
 */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

/** The queues a worker consumes: WORKER_QUEUES, where `all` means every queue that has jobs. */
export function consumedQueues(config: AppConfig, catalog: JobCatalog): QueueName[] {
  const all = [...new Set(Object.values(catalog))];
  if (config.worker.queues === 'all') return all;
  const unknown = config.worker.queues.filter((q) => !isQueueName(q));
  if (unknown.length) throw new JobHandlerError(`WORKER_QUEUES names unknown queues: ${unknown.join(', ')}`);
  return config.worker.queues as QueueName[];
}

/**
 * The worker's side of the queues: finds every @OnJob handler, refuses to start when a job of a consumed queue
 * has no handler (or two), then consumes those queues, running each job inside its tenant with its own log context
 * (its fields on every line it logs: requestLogBindings, the root logger's mixin).
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobRunner.name);
  private readonly handlers = new Map<string, Handler>();
  private readonly stalledHandlers = new Map<string, Handler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
    private readonly pino: PinoLogger,
    @Inject(JOB_CATALOG) private readonly catalog: JobCatalog,
  ) {}

  onApplicationBootstrap(): void {
    this.discover();
    const queues = consumedQueues(this.config, this.catalog);
    for (const queue of queues) {
      const missing = jobsOf(this.catalog, queue).filter((name) => !this.handlers.has(name));
      if (missing.length)
        throw new JobHandlerError(`Queue ${queue} has jobs without a handler: ${missing.join(', ')}`);
    }
    for (const queue of queues) {
      this.producer
        .queue(queue)
        .on('failed', (job: Job | null, err: Error | undefined) => void this.failed(queue, job, err));
      void this.producer
        .queue(queue)
        .process('*', this.concurrencyOf(queue), (job: Job) => this.run(queue, job))
        .catch((err: unknown) => this.logger.error({ err, queue }, 'Queue processing stopped'));
    }
    this.consumed = queues;
    this.started = Promise.all(queues.map((name) => this.consuming(name))).then(() => undefined);
    this.logger.log({ queues }, 'Consuming queues');
  }

  /**
   * Sends wait far more than they compute (their pacing slot, the provider's answer), and so do the simulator's
   * callbacks (our webhook's answer), as a real provider's would: they run more at once.
   */
  private concurrencyOf(queue: QueueName): number {
    return queue === QueueName.OutboundMessages || queue === QueueName.Simulator
      ? this.config.worker.sendConcurrency
      : this.config.worker.concurrency;
  }

  private started: Promise<void> = Promise.resolve();
  private consumed: QueueName[] = [];

  /**
   * Stops taking jobs and waits (up to `timeoutMs`) for the jobs in flight to finish, so that none of them is
   * cut off by the shutdown closing Redis and Postgres under it. Call it before closing the app.
   */
  async drain(timeoutMs = 10_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const pauses = this.consumed.map((name) =>
      this.producer
        .queue(name)
        .pause(true)
        .catch((err: unknown) => this.logger.warn({ err, queue: name }, 'Queue did not pause')),
    );
    await Promise.race([
      Promise.all(pauses),
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  }

  /** Resolves once every consumed queue is blocking on Redis for its next job (a start-up that is finished). */
  whenStarted(): Promise<void> {
    return this.started;
  }

  private async consuming(name: QueueName): Promise<void> {
    const queue = this.producer.queue(name) as Queue & {
      bclient: { status: string; once(e: string, f: () => void): void };
    };
    await queue.isReady();
    const client = queue.bclient;
    if (client.status !== 'ready') await new Promise<void>((resolve) => client.once('ready', resolve));
  }

  private discover(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || wrapper.isNotMetatype) continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        for (const [key, handlers, decorator] of [
          [ON_JOB, this.handlers, 'OnJob'],
          [ON_JOB_STALLED, this.stalledHandlers, 'OnJobStalled'],
        ] as const) {
          const name = this.reflector.get<string | undefined>(key, fn as () => unknown);
          if (!name) continue;
          if (!this.catalog[name])
            throw new JobHandlerError(`@${decorator}('${name}') names a job no queue declares`);
          if (handlers.has(name)) throw new JobHandlerError(`Job ${name} has two @${decorator} handlers`);
          handlers.set(name, (fn as Handler).bind(instance));
        }
      }
    }
  }

  /**
   * Bull failed a job this worker's stalled-job check found stalled too often (its worker died mid-job): its
   * @OnJobStalled handler, if any, settles what the job left. Other failures went through the job's handler.
   */
  private async failed(queue: QueueName, job: Job | null, err: Error | undefined): Promise<void> {
    const handler = job && err?.message === STALLED_FAILURE ? this.stalledHandlers.get(job.name) : undefined;
    if (!job || !handler) return;
    const { tenantId, platform, jobId } = jobScope(job);
    const fields: JobLogFields = {
      job_id: jobId,
      job: job.name,
      queue,
      tenant_id: platform ? null : (tenantId as string),
    };
    const context = { jobId, job: fields };
    const logger = this.pino.logger;
    await RequestContext.run(context, async () => {
      logger.warn('Job failed for good: it stalled too often');
      try {
        if (!platform) assertTenantId(tenantId);
        const settle = () => handler(job.data, job);
        await (platform ? settle() : runInTenant(tenantId as string, settle, context));
      } catch (failure) {
        logger.error({ err: failure }, 'Stalled job not settled');
      }
    });
  }

  private async run(queue: QueueName, job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) {
      await job.discard();
      throw new JobHandlerError(`No handler for job ${job.name} on queue ${queue}`);
    }
    const { tenantId, platform, jobId } = jobScope(job);
    if (!platform) {
      try {
        assertTenantId(tenantId);
      } catch (err) {
        await job.discard();
        throw err;
      }
    }
    const fields: JobLogFields = {
      job_id: jobId,
      job: job.name,
      queue,
      tenant_id: platform ? null : (tenantId as string),
      attempt: job.attemptsMade + 1,
    };
    const logger = this.pino.logger;
    const started = performance.now();
    const work = async () => {
      try {
        const result = await handler(job.data, job);
        logger.debug({ duration_ms: Math.round(performance.now() - started) }, 'Job completed');
        return result;
      } catch (err) {
        const permanent = err instanceof PermanentJobError;
        logger.warn(
          { err, duration_ms: Math.round(performance.now() - started), permanent },
          permanent ? 'Job failed for good' : 'Job failed',
        );
        if (permanent) await job.discard();
        throw err;
      }
    };
    return platform
      ? RequestContext.run({ jobId, job: fields }, work)
      : runInTenant(tenantId as string, work, { jobId, job: fields });
  }
}

/** Whose job it is: a platform job runs outside any tenant; any other names its tenant in `tenant_id`. */
function jobScope(job: Job): { tenantId: unknown; platform: boolean; jobId: string } {
  return {
    tenantId: (job.data as { tenant_id?: unknown })?.tenant_id,
    platform: (PLATFORM_JOBS as readonly string[]).includes(job.name),
    jobId: String(job.id),
  };
}

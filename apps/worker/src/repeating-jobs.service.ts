import { AppConfig } from '@app/config';
import { consumedQueues, JOB_CATALOG, JOB_QUEUES, JobCatalog, JobName, JobProducer } from '@app/queues';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';

interface RepeatingJob {
  name: JobName;
  everyMs: number;
  what: string;
}

/**
 * The platform's repeating jobs, added by every worker that consumes their queue when it starts, and again every
 * `WORKER_REPEAT_CHECK_MS`: Redis that lost its data (a flush, a restart without persistence) would otherwise stop
 * the scheduler's ticks and the sweeps until a worker restarted. Bull keeps one repeatable job per repeat key (name
 * and interval), and the next run's job id is derived from it, so however many workers add them, however often,
 * each runs once per interval.
 */
@Injectable()
export class RepeatingJobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RepeatingJobsService.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly producer: JobProducer,
    private readonly config: AppConfig,
    @Inject(JOB_CATALOG) private readonly catalog: JobCatalog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const jobs = this.jobs();
    await this.add(jobs);
    for (const job of jobs) this.logger.log({ every_ms: job.everyMs }, `${job.what} scheduled`);
    const every = this.config.worker.repeatCheckMs;
    if (every > 0 && jobs.length) {
      this.timer = setInterval(() => {
        this.add(jobs).catch((err: unknown) =>
          this.logger.warn({ err }, 'Repeating jobs not added again: next check'),
        );
      }, every);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async add(jobs: RepeatingJob[]): Promise<void> {
    for (const job of jobs) await this.producer.repeat(job.name, job.everyMs);
  }

  /** The repeating jobs of the queues this worker consumes, with their configured intervals (0: none). */
  private jobs(): RepeatingJob[] {
    const { messageSweep, statusSweep, imports, campaigns, webhooks, workflowSweep, statisticsSweep } =
      this.config;
    const all: RepeatingJob[] = [
      {
        name: 'messages.sweep',
        everyMs: messageSweep.everyMs,
        what: 'Sweep of queued messages',
      },
      {
        name: 'inbound.sweep',
        everyMs: statusSweep.everyMs,
        what: 'Sweep of pending status callbacks',
      },
      {
        name: 'imports.sweep',
        everyMs: imports.sweepEveryMs,
        what: 'Sweep of unfinished imports',
      },
      {
        name: 'campaigns.tick',
        everyMs: campaigns.tickMs,
        what: 'Campaign scheduler tick',
      },
      { name: 'dialer.tick', everyMs: campaigns.tickMs, what: 'Dialer tick' },
      { name: 'webhooks.prune', everyMs: webhooks.pruneEveryMs, what: 'Prune of old webhook deliveries' },
      { name: 'workflows.sweep', everyMs: workflowSweep.everyMs, what: 'Sweep of stranded workflow runs' },
      { name: 'statistics.sweep', everyMs: statisticsSweep.everyMs, what: 'Sweep of stale table statistics' },
    ];
    const queues = consumedQueues(this.config, this.catalog);
    return all.filter((job) => job.everyMs > 0 && queues.includes(JOB_QUEUES[job.name]));
  }
}

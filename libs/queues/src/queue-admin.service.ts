import { AppError } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bull';
import { JobProducer } from './job-producer';
import { isQueueName, QUEUE_NAMES, QueueName } from './queue-names';

export interface QueueCounts {
  name: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  completed: number;
  failed: number;
  paused: number;
}

export interface FailedJob {
  id: string;
  queue: QueueName;
  name: string;
  failed_reason: string | null;
  attempts_made: number;
  created_at: string;
  failed_at: string | null;
}

const FAILED_SCAN = 500;

function tenantOf(job: Job): string | undefined {
  return (job.data as { tenant_id?: string } | undefined)?.tenant_id;
}

/** What admins see of the queues: counts per state (platform-wide), and their own tenant's failed jobs. */
@Injectable()
export class QueueAdminService {
  constructor(private readonly producer: JobProducer) {}

  async counts(): Promise<QueueCounts[]> {
    return Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const c = (await this.producer.queue(name).getJobCounts()) as unknown as Record<string, number>;
        return {
          name,
          waiting: c.waiting ?? 0,
          active: c.active ?? 0,
          delayed: c.delayed ?? 0,
          completed: c.completed ?? 0,
          failed: c.failed ?? 0,
          paused: c.paused ?? 0,
        };
      }),
    );
  }

  /** The newest failed jobs of this tenant, across queues (scanning the newest FAILED_SCAN of each queue). */
  async failed(tenantId: string, limit = 50): Promise<FailedJob[]> {
    const perQueue = await Promise.all(
      QUEUE_NAMES.map(async (queue) => {
        const jobs = await this.producer.queue(queue).getFailed(0, FAILED_SCAN - 1);
        return jobs
          .filter((job) => job && tenantOf(job) === tenantId)
          .map((job) => this.describe(queue, job));
      }),
    );
    return perQueue
      .flat()
      .sort((a, b) => (b.failed_at ?? '').localeCompare(a.failed_at ?? ''))
      .slice(0, limit);
  }

  /** Retries one of this tenant's failed jobs; another tenant's job is not found. */
  async retry(tenantId: string, queue: string, jobId: string): Promise<FailedJob> {
    if (!isQueueName(queue)) throw AppError.notFound('Queue');
    const job = await this.producer.queue(queue).getJob(jobId);
    if (!job || tenantOf(job) !== tenantId) throw AppError.notFound('Job');
    if (!(await job.isFailed())) throw AppError.conflict('Only a failed job can be retried');
    // Another retry may have won since the check: Bull then refuses, and so do we.
    await job.retry().catch(() => {
      throw AppError.conflict('Only a failed job can be retried');
    });
    return this.describe(queue, job);
  }

  private describe(queue: QueueName, job: Job): FailedJob {
    return {
      id: String(job.id),
      queue,
      name: job.name,
      failed_reason: job.failedReason ?? null,
      attempts_made: job.attemptsMade,
      created_at: new Date(job.timestamp).toISOString(),
      failed_at: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
    };
  }
}

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
/** Job ids one call of COUNT_TENANT_JOBS reads: how long it holds Redis (about a millisecond). */
const COUNT_CHUNK = 1000;

/** Where Bull keeps each state's job ids (Queue.toKey), and how. */
const STATES = [
  ['waiting', 'wait', 'list'],
  ['active', 'active', 'list'],
  ['paused', 'paused', 'list'],
  ['delayed', 'delayed', 'zset'],
  ['completed', 'completed', 'zset'],
  ['failed', 'failed', 'zset'],
] as const;

/**
 * Of the job ids at positions ARGV[2]..ARGV[3] of a state's list or sorted set (KEYS[1]), how many are jobs whose
 * data (JSON) holds ARGV[5], the tenant's `"tenant_id":"<id>"`; and how many ids there were (fewer than asked: the
 * last chunk). ARGV[4] is the queue's job key prefix.
 */
const COUNT_TENANT_JOBS = `
local ids
if ARGV[1] == 'list' then ids = redis.call('LRANGE', KEYS[1], ARGV[2], ARGV[3])
else ids = redis.call('ZRANGE', KEYS[1], ARGV[2], ARGV[3]) end
local n = 0
for _, id in ipairs(ids) do
  local data = redis.call('HGET', ARGV[4] .. id, 'data')
  if data and string.find(data, ARGV[5], 1, true) then n = n + 1 end
end
return {n, #ids}`;

function tenantOf(job: Job): string | undefined {
  return (job.data as { tenant_id?: string } | undefined)?.tenant_id;
}

/**
 * What a tenant's admins see of the queues: their own tenant's jobs only, counted per state, and failed. The
 * queues are shared by every tenant, so their own counts (Queue.getJobCounts) would show each tenant the others'
 * activity.
 */
@Injectable()
export class QueueAdminService {
  constructor(private readonly producer: JobProducer) {}

  /**
   * The tenant's jobs in each state of each queue: every id a state holds is read, COUNT_CHUNK at a time (one
   * short Lua call each, so Redis never stalls on a long list), and counted when its job carries the tenant's id.
   */
  async counts(tenantId: string): Promise<QueueCounts[]> {
    const needle = JSON.stringify({ tenant_id: tenantId }).slice(1, -1);
    return Promise.all(
      QUEUE_NAMES.map(async (name) => {
        const queue = this.producer.queue(name);
        const counts = { name, waiting: 0, active: 0, delayed: 0, completed: 0, failed: 0, paused: 0 };
        await Promise.all(
          STATES.map(async ([state, key, kind]) => {
            for (let start = 0; ; start += COUNT_CHUNK) {
              const [mine, read] = (await queue.client.eval(
                COUNT_TENANT_JOBS,
                1,
                queue.toKey(key),
                kind,
                start,
                start + COUNT_CHUNK - 1,
                queue.toKey(''),
                needle,
              )) as [number, number];
              counts[state] += mine;
              if (read < COUNT_CHUNK) break;
            }
          }),
        );
        return counts;
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

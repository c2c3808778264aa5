import type { Queue } from 'bull';

type KeyedQueue = Queue & {
  keys: Record<'delayed' | 'active' | 'stalled' | 'stalled-check', string>;
  toKey(id: string): string;
  moveUnlockedJobsToWait(): Promise<void>;
};

/**
 * Leaves a delayed job as a worker that died running it for the second time leaves it (in the active list, its
 * lock gone, its first stall counted), then runs `queue`'s stalled-job check (as that worker's next interval
 * would, its last check's mark cleared), which fails it with Bull's stalled reason. `queue` is a consuming worker's: its 'failed' event fires there.
 */
export async function stallDelayedJob(queue: Queue, jobId: string): Promise<void> {
  const q = queue as KeyedQueue;
  const client = queue.client;
  const [[, moved]] = (await client
    .multi()
    .zrem(q.keys.delayed, jobId)
    .lpush(q.keys.active, jobId)
    .sadd(q.keys.stalled, jobId)
    .hset(q.toKey(jobId), 'stalledCounter', 1)
    .del(q.keys['stalled-check'])
    .exec()) as [Error | null, number][];
  expect(moved).toBe(1);
  await q.moveUnlockedJobsToWait();
}

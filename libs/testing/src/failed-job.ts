import type { JobOptions, Queue } from 'bull';

/**
 * Adds a job and fails it for good, the way a worker leaves it: taken next (lifo, before jobs already waiting),
 * then failed with no retry left (moveToFailed releases the lock it took, as a worker does). Answers its id.
 */
export async function addFailedJob(
  queue: Queue,
  name: string,
  data: object,
  reason: string,
  options: JobOptions = {},
): Promise<string> {
  const added = await queue.add(name, data, { attempts: 1, lifo: true, ...options });
  const taken = await queue.getNextJob();
  expect(String(taken?.id)).toBe(String(added.id));
  await taken?.moveToFailed({ message: reason });
  return String(added.id);
}

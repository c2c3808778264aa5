import type Redis from 'ioredis';

/** Adds one to the counter at `key`, whose life is (re)set to `ttlSeconds`; answers its new value. */
export async function bumpCounter(redis: Redis, key: string, ttlSeconds: number): Promise<number> {
  const results = await redis.multi().incr(key).expire(key, ttlSeconds).exec();
  const [error, value] = results?.[0] ?? [new Error(`No answer to INCR ${key}`), null];
  if (error) throw error;
  return Number(value);
}

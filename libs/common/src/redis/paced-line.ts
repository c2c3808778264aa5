import type Redis from 'ioredis';
import type { PacedSlot } from './gcra';
import { RedisScript } from './redis-script';

/**
 * A paced slot with a line for those that cannot have one yet (KEYS[1] the pace, KEYS[2] the line, a sorted set of
 * ids by the time each is to come back). The slot is the GCRA of `takePacedSlot`: max(now, the key's theoretical
 * arrival time), taken when it is at most the hold away. One that is refused joins the end of the line, one
 * interval behind the last in it, and is answered when to come back (ARGV[5] ms before its slot is due); so N
 * refused turns come back one by one at the pace, each once, instead of all N at every slot (N² turns for a backlog
 * of N). An id back from the line takes its slot when it is within the hold (a turn the queue brings back late or
 * a little early still goes); an id not in it goes behind the line while anyone is in it, so the line is first
 * come, first served. Entries more than ARGV[4] ms past their time are of turns that never came back (a process
 * that died): they are dropped. Redis's own clock, so every process agrees.
 */
const TAKE_TURN = new RedisScript(
  `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local hold = tonumber(ARGV[2])
local id = ARGV[3]
local stale = tonumber(ARGV[4])
local lead = tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - stale)
local back = redis.call('ZREM', KEYS[2], id) == 1
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local wait = slot - now
local waiting = redis.call('ZCARD', KEYS[2])
if wait <= hold and (back or waiting == 0) then
  redis.call('SET', KEYS[1], tostring(slot + interval), 'PX', math.ceil(wait + interval) + 1000)
  return math.ceil(wait)
end
local at = slot - lead
local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
if last[2] then at = math.max(at, tonumber(last[2]) + interval) end
at = math.max(at, now + 1)
redis.call('ZADD', KEYS[2], at, id)
redis.call('PEXPIRE', KEYS[2], math.ceil(at - now + stale))
return -math.ceil(at - now)`,
  2,
  { pipelined: true },
);

/** Keys and spacing of one paced line: `pace` holds the next slot, `line` those waiting for one. */
export interface PacedLine {
  pace: string;
  line: string;
  intervalMs: number;
  /** The longest a turn waits for its slot in place; a later slot puts it in the line. */
  maxHoldMs: number;
  /** How long before its slot a turn in the line comes back (at most maxHoldMs). */
  leadMs: number;
  /** How long past its time a line entry is kept for a turn that has not come back. */
  staleMs: number;
}

/** Takes `id`'s turn on a paced line: go after `hold_ms` (a slot is taken), or come back in `retry_in_ms`. */
export async function takePacedTurn(redis: Redis, line: PacedLine, id: string): Promise<PacedSlot> {
  const answer = Number(
    await TAKE_TURN.run(
      redis,
      line.pace,
      line.line,
      String(line.intervalMs),
      String(line.maxHoldMs),
      id,
      String(line.staleMs),
      String(line.leadMs),
    ),
  );
  return answer < 0 ? { retry_in_ms: -answer } : { hold_ms: answer };
}

/** Takes `id` out of the line: its turn is not coming back (it was dropped, held or sent another way). */
export async function leavePacedLine(redis: Redis, line: string, id: string): Promise<void> {
  await redis.zrem(line, id);
}

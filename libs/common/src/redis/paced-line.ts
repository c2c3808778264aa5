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
 *
 * A turn that goes first (ARGV[6] '1': a person's reply) takes the next slot whoever waits in the line, when it
 * is within ARGV[7] ms (a longer hold than the line's: a burst of them waits in place for slots in turn), else
 * joins the end of the line like any other. The turn whose slot it took comes back to find the next one over the
 * hold away, and goes to the end of the line: each one that goes first moves one turn of the line to its end
 * (none when the pace is fast enough that the next slot is still within the hold).
 */
const TURN = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local hold = tonumber(ARGV[2])
local id = ARGV[3]
local stale = tonumber(ARGV[4])
local lead = tonumber(ARGV[5])
local first = ARGV[6] == '1'
local firstHold = tonumber(ARGV[7])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - stale)
local back = redis.call('ZREM', KEYS[2], id) == 1
local slot = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'))
local wait = slot - now
local waiting = redis.call('ZCARD', KEYS[2])
if (wait <= hold and (back or waiting == 0)) or (first and wait <= firstHold) then
  redis.call('SET', KEYS[1], tostring(slot + interval), 'PX', math.ceil(wait + interval) + 1000)
  return math.ceil(wait)
end
local at = slot - lead
local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
if last[2] then at = math.max(at, tonumber(last[2]) + interval) end
at = math.max(at, now + 1)
redis.call('ZADD', KEYS[2], at, id)
redis.call('PEXPIRE', KEYS[2], math.ceil(at - now + stale))
return -math.ceil(at - now)`;

const TAKE_TURN = new RedisScript(`\n${TURN}`, 2, { pipelined: true });

/**
 * TAKE_TURN under a lease (KEYS[3], ARGV[8] the taker's token, ARGV[9] its time in ms): the lease is taken first
 * (or kept, the taker's own already), and while another holds it nothing else is done and `{'held', ms left}` is
 * answered. One script for the send's lease and its slot: one command where there were two round trips.
 */
const TAKE_LEASED_TURN = new RedisScript(
  `
if not redis.call('SET', KEYS[3], ARGV[8], 'PX', ARGV[9], 'NX') then
  if redis.call('GET', KEYS[3]) ~= ARGV[8] then return {'held', redis.call('PTTL', KEYS[3])} end
  redis.call('PEXPIRE', KEYS[3], ARGV[9])
end
${TURN}`,
  3,
  { pipelined: true },
);

/** Keys and spacing of one paced line: `pace` holds the next slot, `line` those waiting for one. */
export interface PacedLine {
  pace: string;
  line: string;
  intervalMs: number;
  /** The longest a turn waits for its slot in place; a later slot puts it in the line. */
  maxHoldMs: number;
  /** The same for a turn that goes first (takePacedTurn's `first`). */
  firstHoldMs: number;
  /** How long before its slot a turn in the line comes back (at most maxHoldMs). */
  leadMs: number;
  /** How long past its time a line entry is kept for a turn that has not come back. */
  staleMs: number;
}

/** A lease taken with a turn (takePacedTurn): its key, the taker's token, and how long it lasts (ms). */
export interface PacedLease {
  key: string;
  token: string;
  ttlMs: number;
}

/** Another holds the lease a turn was to be taken under, for `lease_held_ms` more: nothing was taken. */
export interface LeaseHeld {
  lease_held_ms: number;
}

/**
 * Takes `id`'s turn on a paced line: go after `hold_ms` (a slot is taken), or come back in `retry_in_ms`. `first`:
 * the turn goes before those in the line (see TURN).
 */
export async function takePacedTurn(
  redis: Redis,
  line: PacedLine,
  id: string,
  lease?: undefined,
  first?: boolean,
): Promise<PacedSlot>;
/**
 * The same under `lease`, taken (or kept, when the token's already) in the same script before the turn: the lease
 * is the caller's from then on, whatever the turn's answer, unless another holds it (LeaseHeld: nothing is taken).
 */
export async function takePacedTurn(
  redis: Redis,
  line: PacedLine,
  id: string,
  lease: PacedLease,
  first?: boolean,
): Promise<PacedSlot | LeaseHeld>;
export async function takePacedTurn(
  redis: Redis,
  line: PacedLine,
  id: string,
  lease?: PacedLease,
  first = false,
): Promise<PacedSlot | LeaseHeld> {
  const args = [
    String(line.intervalMs),
    String(line.maxHoldMs),
    id,
    String(line.staleMs),
    String(line.leadMs),
    first ? '1' : '0',
    String(line.firstHoldMs),
  ];
  const raw = lease
    ? await TAKE_LEASED_TURN.run(redis, line.pace, line.line, lease.key, ...args, lease.token, lease.ttlMs)
    : await TAKE_TURN.run(redis, line.pace, line.line, ...args);
  if (Array.isArray(raw)) return { lease_held_ms: Math.max(0, Number(raw[1])) };
  const answer = Number(raw);
  return answer < 0 ? { retry_in_ms: -answer } : { hold_ms: answer };
}

/** Takes `id` out of the line: its turn is not coming back (it was dropped, held or sent another way). */
export async function leavePacedLine(redis: Redis, line: string, id: string): Promise<void> {
  await redis.zrem(line, id);
}

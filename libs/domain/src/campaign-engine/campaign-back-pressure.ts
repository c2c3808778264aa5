import { BoundedMap, Clock, Coalescer, REDIS, RedisScript } from '@app/common';
import { AppConfig } from '@app/config';
import { JobPayloads, JobProducer, OnJob, StepTurnRef } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { EnrollmentsRepository } from './enrollments.repository';
import { HeldMessages } from './held-messages';

type StepJob = JobPayloads['campaigns.step'];

/**
 * Enrollments per `campaigns.step` job: a launch of 100,000 leads queues 2,000 jobs, not 100,000, and the workers
 * still share them (every worker takes jobs of the same campaign at once).
 */
export const STEP_BATCH = 50;

/** The idempotency key of the message a step's turn makes (`campaign:<enrollment>:<step>:<attempt>`). */
export function stepMessageKey(turn: StepTurnRef): string {
  return `campaign:${turn.enrollment_id}:${turn.step}:${turn.attempt}`;
}

/**
 * How long a message made counts at most: one the sender never settles (it left `queued` some other way) stops
 * holding room after this.
 */
const FORGET_MS = 10 * 60_000;
/**
 * How long a running job's turns count before they have made their messages: those of a job killed mid-run stop
 * holding room after this (its re-run, or the stale sweep's, counts them in again), not after FORGET_MS.
 */
const RESERVE_MS = 60_000;
/**
 * How long a campaign's refill asks outlive their refill job (a job renews them at each pass): those of a job that
 * died stop keeping the next ask from queuing a new one after this.
 */
const REFILL_ASKS_MS = 60_000;

/** Campaigns whose tried messages this process counts together at once (`attempted`). */
const CAMPAIGNS_KEPT = 10_000;
/** Tried messages counted in one run of the script at most. */
const TRIED_PER_RUN = 500;

/** A message the sender tried (`attempted`): its key, and whether it waits for its turn in the sender's line. */
interface TriedMessage {
  key: string;
  inLine: boolean;
}

/**
 * Each entry of a campaign's unsent set is scored with when it stops counting (Redis's clock, in ms: every process
 * ages them by the same clock); a script first drops those past it.
 */
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)`;

/**
 * KEYS: the campaign's unsent set. ARGV: bound, RESERVE_MS, FORGET_MS, the turns' keys. 1 (counted in) or 0 (full).
 * The job's own keys already in the set (its run before a crash) do not count against it, and leave it when it
 * waits: jobs killed mid-run never keep each other waiting.
 */
const ADMIT = new RedisScript(
  `${NOW}
local mine = 0
for _, score in ipairs(redis.call('ZMSCORE', KEYS[1], unpack(ARGV, 4))) do
  if score then mine = mine + 1 end
end
if redis.call('ZCARD', KEYS[1]) - mine >= tonumber(ARGV[1]) then
  if mine > 0 then redis.call('ZREM', KEYS[1], unpack(ARGV, 4)) end
  return 0
end
for i = 4, #ARGV do redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`,
  1,
  { pipelined: true },
);

/**
 * KEYS: the unsent set. ARGV: FORGET_MS, how many keys made messages, those keys, then the keys that made none.
 * A message made counts until the sender tries it (FORGET_MS at most); a turn that made none stops counting. The
 * set lives as long as its longest entry (every write refreshes its expiry).
 */
const SETTLE_RUN = new RedisScript(
  `${NOW}
local made = tonumber(ARGV[2])
for i = 3, 2 + made do redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[i]) end
for i = 3 + made, #ARGV do redis.call('ZREM', KEYS[1], ARGV[i]) end
if made > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return 0`,
  1,
  { pipelined: true },
);

/**
 * KEYS: the unsent set, the parked jobs. ARGV: bound, turns per job. Answers the room left, the parked jobs left,
 * and the ids of the parked jobs taken to fill the room.
 */
const REFILL = new RedisScript(
  `${NOW}
local room = tonumber(ARGV[1]) - redis.call('ZCARD', KEYS[1])
local ids = {}
if room > 0 then ids = redis.call('LPOP', KEYS[2], math.ceil(room / tonumber(ARGV[2]))) or {} end
return {room, redis.call('LLEN', KEYS[2]), ids}`,
  2,
  { pipelined: true },
);

/**
 * KEYS: the unsent set, the parked jobs, the count of messages tried since the last promotion, the refill asks.
 * ARGV: FORGET_MS, bound, a job's worth of room (STEP_BATCH, or the bound when smaller), REFILL_ASKS_MS, how many
 * of the keys that follow wait for their turn in the sender's line, those keys, then the keys of the messages tried.
 * A message in the line still counts, as of now (FORGET_MS); a message tried stops counting. For each job's worth
 * of them tried, with a job's worth of room free, one parked job is taken (answers `{'promote', id...}`), or, none
 * parked, a refill is asked: the first ask since the campaign's last refill job ended queues one (`{'claim'}`), a
 * later one only counts, for the job queued or running to see before it ends (`refilling`). The refill follows the
 * sends, and the tick's refill only catches up. Short of room, the count stays, so the next message tried looks
 * again. The asks' expiry is set by the first ask only: asks that keep coming never keep alive the asks of a job
 * that died. One run for the messages a process's sends tried together (CampaignBackPressure.attempted).
 */
const ATTEMPTED = new RedisScript(
  `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local waiting = tonumber(ARGV[5])
if waiting > 0 then
  local until_ = now + tonumber(ARGV[1])
  local pairs_ = {}
  for i = 6, 5 + waiting do
    pairs_[#pairs_ + 1] = until_
    pairs_[#pairs_ + 1] = ARGV[i]
  end
  redis.call('ZADD', KEYS[1], 'XX', unpack(pairs_))
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
end
if #ARGV < 6 + waiting then return false end
local removed = redis.call('ZREM', KEYS[1], unpack(ARGV, 6 + waiting))
if removed == 0 then return false end
local per = tonumber(ARGV[3])
local tried = redis.call('INCRBY', KEYS[3], removed)
redis.call('PEXPIRE', KEYS[3], 60000)
if tried < per then return false end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local jobs = math.min(math.floor(tried / per), math.floor((tonumber(ARGV[2]) - redis.call('ZCARD', KEYS[1])) / per))
if jobs < 1 then return false end
local rest = tried - jobs * per
if rest > 0 then redis.call('SET', KEYS[3], rest, 'PX', 60000) else redis.call('DEL', KEYS[3]) end
local ids = redis.call('LPOP', KEYS[2], jobs)
if ids then
  table.insert(ids, 1, 'promote')
  return ids
end
if redis.call('INCR', KEYS[4]) > 1 then return false end
redis.call('PEXPIRE', KEYS[4], ARGV[4])
return {'claim'}`,
  4,
  { pipelined: true },
);

/** KEYS: the refill asks. ARGV: REFILL_ASKS_MS. A refill job begins: answers the asks so far, renewed (0: none). */
const REFILL_BEGIN = new RedisScript(
  `local asks = redis.call('GET', KEYS[1])
if not asks then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return tonumber(asks)`,
  1,
  { pipelined: true },
);

/**
 * KEYS: the refill asks. ARGV: the asks a pass began after, REFILL_ASKS_MS. None since: they are deleted (the next
 * ask queues a new job) and the answer is nil; else the answer is the asks now, renewed, for another pass.
 */
const REFILL_AGAIN = new RedisScript(
  `local asks = redis.call('GET', KEYS[1])
if not asks or tonumber(asks) == tonumber(ARGV[1]) then
  redis.call('DEL', KEYS[1])
  return false
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return tonumber(asks)`,
  1,
  { pipelined: true },
);

/**
 * KEYS: the unsent set, the parked jobs, the tried count, the refill asks. Deletes them all at once (a sender's try
 * between two deletions would write again what the first deleted); answers the parked jobs' ids.
 */
const FORGET = new RedisScript(
  `local ids = redis.call('LRANGE', KEYS[2], 0, -1)
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4])
return ids`,
  4,
  { pipelined: true },
);

/**
 * Back-pressure between a campaign's steps and its sends (issue 5): a campaign has at most about
 * CAMPAIGN_MAX_UNSENT messages its steps made that the sender has not tried yet (a Redis sorted set of their keys, shared
 * by every process), so steps make messages at the rate they go instead of far ahead of them (their work then
 * competes with the sends it is ahead of, and a pause or a second campaign waits behind the backlog).
 *
 * A step job that finds its campaign full does not run: a copy of it waits in Bull's delayed set (it survives any
 * process) and its id joins the campaign's parked list; the sends promote them as they make room (one per job's
 * worth of messages tried, STEP_BATCH or the bound when smaller, once a job's worth of room is free), and with none
 * parked they have the campaign's due enrollments claimed (`campaigns.refill`): after a resume, as after a launch,
 * the steps follow the sends, not the tick. The scheduler's tick and a fan-out fill what room is left, claiming due
 * enrollments only once none is parked. A cancel or a completion removes the parked copies and the keys
 * (`forget`). The unsent set lives as long as its newest entry: every write that adds or extends one refreshes its
 * expiry.
 * A parked copy also wakes by itself, a quarter of CAMPAIGN_STALE_QUEUED_MS later, and stamps its
 * enrollments `queued` again (updated_at) once half of that has passed: the stale sweep takes only turns no job
 * has stamped for CAMPAIGN_STALE_QUEUED_MS, so it never takes a turn that is waiting behind the bound, and still
 * takes one whose job was lost. A turn in two jobs is still made once (its TURN, its key).
 */
@Injectable()
export class CampaignBackPressure {
  /** Per campaign, the messages this process's sends tried, counted together (`attempted`). */
  private readonly tries = new BoundedMap<string, Coalescer<TriedMessage, void>>(CAMPAIGNS_KEPT);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly producer: JobProducer,
    private readonly enrollments: EnrollmentsRepository,
    private readonly clock: Clock,
    private readonly held: HeldMessages,
  ) {}

  private get bound(): number {
    return this.config.campaigns.maxUnsent;
  }

  /** Whether the job may make its messages now: its turns' keys are counted in (0 or any room left), or it waits. */
  async admit(job: StepJob): Promise<boolean> {
    if (!job.campaign_id || !this.bound) return true;
    const keys = job.turns.map(stepMessageKey);
    const unsent = this.unsentKey(job.campaign_id);
    return (await ADMIT.run(this.redis, unsent, this.bound, RESERVE_MS, FORGET_MS, ...keys)) === 1;
  }

  /**
   * After an admitted job: its messages (`made`) count until the sender tries them; its turns that made none (held,
   * ended, taken by another job) stop counting.
   */
  async release(job: StepJob, made: ReadonlySet<string>): Promise<void> {
    if (!job.campaign_id || !this.bound) return;
    const keys = job.turns.map(stepMessageKey);
    const kept = keys.filter((key) => made.has(key));
    const unused = keys.filter((key) => !made.has(key));
    await SETTLE_RUN.run(
      this.redis,
      this.unsentKey(job.campaign_id),
      FORGET_MS,
      kept.length,
      ...kept,
      ...unused,
    );
  }

  /**
   * The sender tried the campaign's message (sent, failed, dropped, held for a pause or the window): it no longer
   * counts. One waiting for its turn in the sender's line (`inLine`) still counts, as of now. Every job's worth of
   * messages tried, with a job's worth of room free: a parked job is promoted, or, none parked, the campaign's due
   * enrollments are claimed (`campaigns.refill`, one queued or running per campaign: see `refilling`), so that
   * neither waits for the tick. The messages this process's sends try while the campaign's previous run is in
   * flight go together in the next (one script for all of them, not one each); at rest each goes at once.
   */
  async attempted(tenantId: string, campaignId: string, key: string, inLine: boolean): Promise<void> {
    if (!this.bound) return;
    let tries = this.tries.get(campaignId);
    if (!tries) {
      tries = new Coalescer<TriedMessage, void>(
        (items) => this.attemptedRun(tenantId, campaignId, items),
        1,
        TRIED_PER_RUN,
      );
      this.tries.set(campaignId, tries);
    }
    await tries.submit([{ key, inLine }]);
  }

  /** One run of `attempted`: the messages tried together, counted in one script. */
  private async attemptedRun(tenantId: string, campaignId: string, items: TriedMessage[]): Promise<void[]> {
    const waiting = items.filter((item) => item.inLine).map((item) => item.key);
    const tried = items.filter((item) => !item.inLine).map((item) => item.key);
    const next = (await ATTEMPTED.run(
      this.redis,
      this.unsentKey(campaignId),
      this.parkedKey(campaignId),
      this.triedKey(campaignId),
      this.refillsKey(campaignId),
      FORGET_MS,
      this.bound,
      Math.min(STEP_BATCH, this.bound),
      REFILL_ASKS_MS,
      waiting.length,
      ...waiting,
      ...tried,
    )) as ['promote', ...string[]] | ['claim'] | null;
    if (next?.[0] === 'promote') await this.producer.promote('campaigns.step', next.slice(1));
    else if (next?.[0] === 'claim')
      await this.producer.enqueue(
        'campaigns.refill',
        { tenant_id: tenantId, campaign_id: campaignId },
        // No job id of the campaign's own: Bull would skip an add under the id of a job still running, and the
        // asks already let one job at a time be queued or run.
        { removeOnComplete: true, removeOnFail: true, attempts: 1 },
      );
    return items.map(() => undefined);
  }

  /**
   * The campaign's refill job (`campaigns.refill`): runs `pass` (a claim of its due enrollments up to the room), and
   * again while refills were asked during the last pass (`attempted`): an ask made after a pass read the room would
   * otherwise be lost, the room it asks to fill left to the tick. Then the asks are deleted, so the next one queues a
   * new job. Redis alone decides between the job's last look and an ask, whichever worker runs either.
   */
  async refilling(campaignId: string, pass: () => Promise<unknown>): Promise<void> {
    const asks = this.refillsKey(campaignId);
    let seen = (await REFILL_BEGIN.run(this.redis, asks, REFILL_ASKS_MS)) as number;
    for (;;) {
      await pass();
      const since = (await REFILL_AGAIN.run(this.redis, asks, seen, REFILL_ASKS_MS)) as number | null;
      if (since === null) return;
      seen = since;
    }
  }

  /**
   * A cancel, once it commits: the campaign is forgotten (below), and its messages still queued go back to the
   * sender, whose gate fails them at once (`campaign:cancelled`). Those a pause held had no job left: they stayed
   * `queued` in the inbox until the sweep of lost sends, a quarter of an hour later.
   */
  @OnJob('campaigns.forget')
  async cancelled(payload: JobPayloads['campaigns.forget']): Promise<number> {
    const removed = await this.forget(payload);
    await this.held.release(payload.tenant_id, payload.campaign_id);
    return removed;
  }

  /**
   * A cancelled campaign (above) or a completed one (CampaignCompletions): its parked copies are removed (one
   * running now finishes, and finds its turns stopped) and its keys deleted. A copy parked while this runs wakes
   * once, to do nothing, and its keys expire.
   */
  async forget(payload: JobPayloads['campaigns.forget']): Promise<number> {
    const { campaign_id: campaignId } = payload;
    const ids = (await FORGET.run(
      this.redis,
      this.unsentKey(campaignId),
      this.parkedKey(campaignId),
      this.triedKey(campaignId),
      this.refillsKey(campaignId),
    )) as string[];
    return ids.length ? this.producer.remove('campaigns.step', ids) : 0;
  }

  /** The job waits for room: a delayed copy, parked (see the class). */
  async park(job: StepJob): Promise<void> {
    const { staleQueuedMs } = this.config.campaigns;
    const now = this.clock.now();
    let queuedAt = job.queued_at ? new Date(job.queued_at) : undefined;
    if (!queuedAt || now.getTime() - queuedAt.getTime() >= staleQueuedMs / 2) {
      await this.enrollments.stampQueued(job.tenant_id, job.turns, now);
      queuedAt = now;
    }
    const id = await this.producer.enqueue(
      'campaigns.step',
      { ...job, queued_at: queuedAt.toISOString() },
      { delay: Math.round(staleQueuedMs / 4), removeOnComplete: true },
    );
    const parked = this.parkedKey(job.campaign_id!);
    await this.redis.multi().rpush(parked, id).pexpire(parked, staleQueuedMs).exec();
  }

  /** The parked job `jobId` runs: its id leaves the parked list (if a promotion has not taken it already). */
  async unpark(job: StepJob, jobId: string): Promise<void> {
    if (!job.campaign_id || !this.bound) return;
    await this.redis.lrem(this.parkedKey(job.campaign_id), 1, jobId);
  }

  /**
   * The tick's refill: parked jobs of the campaign promoted to fill its room (STEP_BATCH turns each). Answers how
   * many more enrollments may be claimed now: none while jobs are still parked (they go first), else the room left.
   */
  async refill(campaignId: string): Promise<number> {
    if (!this.bound) return Infinity;
    const [room, left, ids] = (await REFILL.run(
      this.redis,
      this.unsentKey(campaignId),
      this.parkedKey(campaignId),
      this.bound,
      STEP_BATCH,
    )) as [number, number, string[]];
    if (ids.length) await this.producer.promote('campaigns.step', ids);
    return left > 0 ? 0 : Math.max(0, room - ids.length * STEP_BATCH);
  }

  private unsentKey(campaignId: string): string {
    return this.config.redisKey('campaigns', 'unsent', campaignId);
  }

  private parkedKey(campaignId: string): string {
    return this.config.redisKey('campaigns', 'parked', campaignId);
  }

  private triedKey(campaignId: string): string {
    return this.config.redisKey('campaigns', 'tried', campaignId);
  }

  private refillsKey(campaignId: string): string {
    return this.config.redisKey('campaigns', 'refills', campaignId);
  }
}

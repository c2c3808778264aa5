import { BoundedMap, Coalescer, REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import { JobProducer } from '@app/queues';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';

/** How long a drain's marker lasts when its job never starts (lost, or stuck behind a backlog): then another is added. */
const MARKER_TTL_MS = 5000;
/** A drain starts this long after the callback that asked for it, so the callbacks right behind go in its batch. */
const DRAIN_DELAY_MS = 20;
/**
 * How long a running drain holds its tenant's turn if its process dies: then another drain may start (Bull gives a
 * stalled drain's job again within about as long, and it takes the turn back at once). Renewed before each next
 * batch of a long drain.
 */
const TURN_LEASE_MS = 30_000;
/** How long a finished drain's pace outlives its end, so what is left in Redis goes on its own. */
const PACE_KEPT_MS = 1000;

/**
 * How often at most a process asks for a tenant's drain on its webhooks' behalf (`requestSoon`): callbacks
 * committed meanwhile share the next ask, so under load a tenant costs 20 Redis round trips a second instead of one
 * per insert (bench:webhooks-cpu: the API without any ask spent 0.89 of the CPU per Twilio status callback).
 */
const SOON_INTERVAL_MS = 50;

/** Tenants whose requests this process coalesces at once. */
const TENANTS_KEPT = 10_000;

/** Redis's clock in ms, in a script: every process's turns are timed by the one clock. */
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * An ask (KEYS: marker, turn; ARGV: marker ttl). -1: a drain not started yet covers it (the marker was set), or the
 * running drain will hand on to a successor (its `again` set here); 0: add a drain now; {due, delay}: the tenant's
 * pace runs until `due`, add the successor for it.
 */
const ASK = `if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
if redis.call('HEXISTS', KEYS[2], 'owner') == 1 then
  redis.call('HSET', KEYS[2], 'again', '1')
  return -1
end
local due = tonumber(redis.call('HGET', KEYS[2], 'due'))
if not due then return 0 end
${NOW}
if due <= now then return 0 end
return {due, due - now}`;

/**
 * A drain's start (KEYS: marker, turn; ARGV: token, the due it is the successor for or '', lease). -1: another drain
 * runs (it will hand on: `again`); {due, delay}: the pace runs until `due`, add its successor; 0: the turn is this
 * drain's, and the marker is cleared, so a callback committed from now on asks again.
 */
const BEGIN = `local owner = redis.call('HGET', KEYS[2], 'owner')
if owner and owner ~= ARGV[1] then
  redis.call('HSET', KEYS[2], 'again', '1')
  return -1
end
${NOW}
if not owner then
  local due = redis.call('HGET', KEYS[2], 'due')
  if due and tonumber(due) > now and due ~= ARGV[2] then return {tonumber(due), tonumber(due) - now} end
end
redis.call('DEL', KEYS[1], KEYS[2])
redis.call('HSET', KEYS[2], 'owner', ARGV[1], 'started', string.format('%.0f', now))
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 0`;

/**
 * A drain's end (KEYS: marker, turn; ARGV: token, pace, marker ttl): the next drain is due `pace` after this one
 * started. -1: nothing asked for one meanwhile (the next callback's ask adds the successor); {due, delay}: add the
 * successor (the marker is set, so the callbacks coming in until it starts ask for no other). A drain whose turn
 * another took (its lease ran out) leaves the turn to that one; one whose turn ran out and went with the `again` it
 * held (asks meanwhile found the marker) adds the successor, as it cannot tell whether one asked.
 */
const END = `local owner = redis.call('HGET', KEYS[2], 'owner')
if owner and owner ~= ARGV[1] then return -1 end
${NOW}
local started = tonumber(redis.call('HGET', KEYS[2], 'started')) or now
local again = not owner or redis.call('HGET', KEYS[2], 'again')
local due = started + tonumber(ARGV[2])
local delay = math.max(due - now, 0)
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], 'due', string.format('%.0f', due))
redis.call('PEXPIRE', KEYS[2], delay + ${PACE_KEPT_MS})
if not again then return -1 end
redis.call('SET', KEYS[1], '1', 'PX', ARGV[3])
return {due, delay}`;

/** A drain to add for the end of the tenant's pace (a successor): its job id is the tenant's and `due`'s. */
export interface DrainSuccessor {
  due: number;
  delayMs: number;
}

/** What a drain job does when it starts: runs the drain, leaves it to the one running, or adds the paced one. */
export type DrainTurn = 'run' | 'busy' | DrainSuccessor;

/**
 * Asks for a drain of a tenant's status callbacks (`inbound.statuses`), at most one waiting to start per tenant:
 * a Redis marker says one is waiting; the drain clears it before it reads, so a callback committed before the clear
 * is in its reads, and one committed after finds no marker and adds the next drain. Thousands of callbacks a second
 * cost a handful of jobs, not one each. Within a process, callers asking while the tenant's previous ask is in
 * flight (or, for the webhooks' `requestSoon`, less than SOON_INTERVAL_MS old) share the next one, which starts
 * after all of them committed, so a burst costs a few Redis calls too.
 *
 * It also keeps the tenant's turn (a Redis hash, every worker process's drains timed by Redis's clock): one drain
 * of a tenant runs at a time (`begin` takes the turn, `end` gives it back), and the next starts no sooner than the
 * pace the drain asked for. A drain job that finds the turn taken or the pace not run out returns at once, freeing
 * its queue slot: the running drain, when it ends, or the drain whose pace it is, adds a successor, a delayed job
 * due when the pace runs out. An ask while a drain runs marks the turn (`again`) so that drain adds one; an ask
 * while the pace runs adds that successor itself.
 */
@Injectable()
export class StatusDrainSignal {
  private readonly logger = new Logger(StatusDrainSignal.name);
  private readonly asks = new BoundedMap<string, Coalescer<string, void>>(TENANTS_KEPT);
  private readonly soonAsks = new BoundedMap<string, Coalescer<string, void>>(TENANTS_KEPT);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
    private readonly jobs: JobProducer,
  ) {}

  /** Called after the tenant's status callbacks committed: a drain that has not started yet will apply them. */
  async request(tenantId: string): Promise<void> {
    await this.coalesced(this.asks, tenantId, 0, this.passed).submit([tenantId]);
  }

  /**
   * The webhooks' ask, after the tenant's status callbacks committed, not waited for: the answer goes out at once,
   * and the ask at most every SOON_INTERVAL_MS per tenant (the first at once at rest). An ask already waiting to
   * start covers this call (it starts after these callbacks committed), so under load a callback adds nothing to
   * it. If it fails or the process dies first, the callbacks wait for the inbound sweep (StatusSweeper) or the
   * tenant's next callback; they are recorded, so none is lost, and the drain applies each once.
   */
  requestSoon(tenantId: string): void {
    const asks = this.coalesced(this.soonAsks, tenantId, SOON_INTERVAL_MS, this.logged);
    if (!asks.hasWaiting) void asks.submit([tenantId]);
  }

  private readonly passed = (ask: Promise<void>) => ask;

  private readonly logged = (ask: Promise<void>, tenantId: string) =>
    ask.catch((err: unknown) =>
      this.logger.warn(
        { tenant_id: tenantId, err: err instanceof Error ? err.message : String(err) },
        'Status drain not asked for; the inbound sweep will start it',
      ),
    );

  /** The tenant's asks in `asks`, one run per `minIntervalMs` at most, each run's ask passed through `settle`. */
  private coalesced(
    asks: BoundedMap<string, Coalescer<string, void>>,
    tenantId: string,
    minIntervalMs: number,
    settle: (ask: Promise<void>, tenantId: string) => Promise<void>,
  ): Coalescer<string, void> {
    let tenantAsks = asks.get(tenantId);
    if (!tenantAsks) {
      tenantAsks = new Coalescer<string, void>(
        async (ids) => {
          await settle(this.ask(tenantId), tenantId);
          return ids.map(() => undefined);
        },
        1,
        Number.MAX_SAFE_INTEGER,
        minIntervalMs,
      );
      asks.set(tenantId, tenantAsks);
    }
    return tenantAsks;
  }

  private async ask(tenantId: string): Promise<void> {
    const marker = this.key(tenantId);
    const answer = await this.redis.eval(ASK, 2, marker, this.turnKey(tenantId), MARKER_TTL_MS);
    if (answer === -1) return;
    try {
      if (Array.isArray(answer)) await this.successor(tenantId, successorOf(answer));
      else await this.add(tenantId, DRAIN_DELAY_MS);
    } catch (err) {
      await this.redis.del(marker).catch(() => undefined);
      throw err;
    }
  }

  /**
   * Called by a drain job before it reads (`token`: its job's id; `due`: the end of the pace it was added for, if
   * it is a successor). 'run': the tenant's turn is this drain's until `end`, and callbacks committed from now on
   * ask for a drain of their own; 'busy': another drain runs, which will hand on to a successor; otherwise the
   * tenant's pace has not run out: add its successor (`successor`) and return, taking no turn.
   */
  async begin(tenantId: string, token: string, due?: number): Promise<DrainTurn> {
    const answer = await this.redis.eval(
      BEGIN,
      2,
      this.key(tenantId),
      this.turnKey(tenantId),
      token,
      due === undefined ? '' : String(due),
      TURN_LEASE_MS,
    );
    if (Array.isArray(answer)) return successorOf(answer);
    return answer === -1 ? 'busy' : 'run';
  }

  /** Called by a long drain before each next batch: keeps its turn while it runs. */
  async renew(tenantId: string): Promise<void> {
    await this.redis.pexpire(this.turnKey(tenantId), TURN_LEASE_MS);
  }

  /**
   * Called by a drain when it is done (or failed): the tenant's next drain is due `paceMs` after this one started.
   * Answers the successor to add (`successor`) when a callback asked for a drain while this one ran; otherwise the
   * first callback to ask during the pace adds it (`request`), and a drain whose callbacks stopped coming adds none.
   */
  async end(tenantId: string, token: string, paceMs: number): Promise<DrainSuccessor | null> {
    const answer = await this.redis.eval(
      END,
      2,
      this.key(tenantId),
      this.turnKey(tenantId),
      token,
      paceMs,
      MARKER_TTL_MS,
    );
    return Array.isArray(answer) ? successorOf(answer) : null;
  }

  /**
   * Adds the drain due at the end of the tenant's pace. Its job id is the tenant's and `due`'s, so the drains and
   * asks that add it during one pace add it once; one added after it started (its `begin` took the pace's turn) is
   * not: those ask again or hand on through `again`, and a copy added after it finished runs as any other drain.
   */
  async successor(tenantId: string, next: DrainSuccessor): Promise<void> {
    await this.jobs.enqueue(
      'inbound.statuses',
      { tenant_id: tenantId, due: next.due },
      { delay: next.delayMs, removeOnComplete: true, jobId: `statuses:${tenantId}:${next.due}` },
    );
  }

  /** A drain `delayMs` from now, for callbacks held until then (their message was not stored yet). */
  async later(tenantId: string, delayMs: number): Promise<void> {
    await this.add(tenantId, delayMs);
  }

  private add(tenantId: string, delayMs: number): Promise<string> {
    return this.jobs.enqueue(
      'inbound.statuses',
      { tenant_id: tenantId },
      { delay: delayMs, removeOnComplete: true },
    );
  }

  private key(tenantId: string): string {
    return this.config.redisKey('status-drain', tenantId);
  }

  /** The tenant's turn: the running drain (`owner`, `started`, `again`), or when the next one is due (`due`). */
  private turnKey(tenantId: string): string {
    return this.config.redisKey('status-drain-turn', tenantId);
  }
}

function successorOf(answer: unknown[]): DrainSuccessor {
  return { due: Number(answer[0]), delayMs: Number(answer[1]) };
}

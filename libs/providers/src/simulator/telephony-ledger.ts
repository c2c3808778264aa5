import { bumpCounter, RedisScript } from '@app/common';
import type Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import type { CallChange, PlaceCallRequest } from '../telephony.port';
import { SIMULATOR_LEDGER_TTL_SECONDS } from './simulator-ledger';
import type { CallPlan } from './telephony-plan';

/** Twilio's call statuses. */
export type SimulatedCallStatus =
  | 'queued'
  | 'initiated'
  | 'ringing'
  | 'in-progress'
  | 'completed'
  | 'busy'
  | 'no-answer'
  | 'failed'
  | 'canceled';

export const ENDED_CALL_STATUSES: ReadonlySet<SimulatedCallStatus> = new Set([
  'completed',
  'busy',
  'no-answer',
  'failed',
  'canceled',
]);

/** One request the simulated provider still has to make about a call, in order (the call's outbox). */
export interface OutgoingCallback {
  /** answer, twiml (a redirect) and announce answer TwiML the call acts on; the others are notifications. */
  kind: 'answer' | 'twiml' | 'announce' | 'status' | 'amd' | 'conference' | 'recording';
  url: string;
  params: Record<string, string>;
  /** answer, twiml: the document generation the TwiML it answers becomes (stale if the call moved on). */
  generation?: number;
  /** announce: the conference the whisper is played in. */
  conference_sid?: string;
}

/** Something that happens to a call, at a time its job was scheduled for: a job's `step` is its index. */
export type TelephonyEvent =
  | { kind: 'initiated' }
  | { kind: 'answer' }
  | { kind: 'unanswered'; status: 'busy' | 'no-answer' | 'failed' }
  | { kind: 'amd' }
  | { kind: 'verb-done'; generation: number; index: number }
  | { kind: 'record-done'; generation: number; index: number }
  /** The far end hangs up: a human's talk is over or its patience ran out, a machine is done. */
  | { kind: 'hangup'; reason: 'talk' | 'patience' | 'machine'; token: string }
  | { kind: 'update'; change: CallChange }
  | { kind: 'conference-changed'; conference_sid: string }
  | { kind: 'conference-ended'; conference_sid: string }
  | { kind: 'remove'; conference_sid: string }
  | { kind: 'announce'; conference_sid: string; url: string }
  | { kind: 'announce-end'; conference_sid: string };

/** One simulated call, as the simulated provider remembers it. */
export interface SimulatedCall {
  tenant_id: string;
  call_sid: string;
  account_sid: string;
  direction: 'outbound-api' | 'inbound';
  /** Who is at the far end: a lead (its plan decides what it does) or one of our agents (an agent's leg). */
  party: 'lead' | 'agent';
  request: PlaceCallRequest;
  plan: CallPlan;
  status: SimulatedCallStatus;
  /** SequenceNumber of the next status callback. */
  sequence: number;
  /** The TwiML the call executes (null before the answer or while new TwiML is fetched), its generation. */
  twiml: string | null;
  generation: number;
  /** The verb of `twiml` being executed, and a readable form of it (`Say`, `Dial Conference agent_…`). */
  verb_index: number;
  instruction: string | null;
  conference: { name: string; sid: string } | null;
  /** addParticipant: on answer the call joins this conference (no answer URL). */
  join_conference?: { name: string; status_callback: string | null };
  /** TwiML given by updateCall before the answer: used instead of the answer URL. */
  answer_twiml?: string;
  /** A lead alone in a conference since then (its patience runs), and when its talk with an agent began. */
  waiting_since: string | null;
  talk_started_at: string | null;
  /** Steps (indexes of the call's events) already applied: a retried job applies its event once. */
  applied: number[];
  outbox: OutgoingCallback[];
  created_at: string;
  answered_at: string | null;
  ended_at: string | null;
}

export interface ConferenceParticipant {
  call_sid: string;
  party: 'lead' | 'agent';
  muted: boolean;
  end_conference_on_exit: boolean;
  start_conference_on_enter: boolean;
  joined_at: string;
}

/** A conference: created by its first participant, completed when it ends (a name then makes a new one). */
export interface SimulatedConference {
  tenant_id: string;
  sid: string;
  name: string;
  status: 'init' | 'in-progress' | 'completed';
  /** The statusCallback of the participant that made it, and the events it asked for. */
  status_callback: string | null;
  events: string[];
  participants: ConferenceParticipant[];
  sequence: number;
  created_at: string;
  ended_at: string | null;
  announcements: { call_sid: string; url: string; text: string; at: string }[];
}

export interface SimulatedRecording {
  tenant_id: string;
  recording_sid: string;
  call_sid: string;
  url: string;
  duration_seconds: number;
  source: 'OutboundAPI' | 'RecordVerb';
  created_at: string;
}

const LOCK_TTL_MS = 60_000;
const LOCK_POLL_MS = 10;
const RELEASE = new RedisScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`,
  1,
);

/**
 * The telephony simulator's memory, in Redis (shared by every process): each call (its request, plan, state, TwiML,
 * conference and pending callbacks) and its list of events, conferences by SID with the live one of each name,
 * recordings, and the locks that make a call's steps run one at a time.
 */
export class TelephonyLedger {
  constructor(
    private readonly redis: Redis,
    /** A namespaced key prefix (AppConfig.redisKey('simulator')). */
    private readonly prefix: string,
    private readonly ttlSeconds = SIMULATOR_LEDGER_TTL_SECONDS,
  ) {}

  private key(...parts: string[]): string {
    return [this.prefix, 'tel', ...parts].join(':');
  }

  /** Records a new call; false when a call of that SID exists already. */
  async createCall(call: SimulatedCall): Promise<boolean> {
    const ok = await this.redis.set(
      this.key('call', call.tenant_id, call.call_sid),
      JSON.stringify(call),
      'EX',
      this.ttlSeconds,
      'NX',
    );
    return ok === 'OK';
  }

  async findCall(tenantId: string, callSid: string): Promise<SimulatedCall | null> {
    const raw = await this.redis.get(this.key('call', tenantId, callSid));
    return raw ? (JSON.parse(raw) as SimulatedCall) : null;
  }

  async saveCall(call: SimulatedCall): Promise<void> {
    await this.redis.set(
      this.key('call', call.tenant_id, call.call_sid),
      JSON.stringify(call),
      'EX',
      this.ttlSeconds,
    );
  }

  /** Appends an event to a call's list; answers its step (index). */
  async appendEvent(tenantId: string, callSid: string, event: TelephonyEvent): Promise<number> {
    const key = this.key('events', tenantId, callSid);
    const results = await this.redis
      .multi()
      .rpush(key, JSON.stringify(event))
      .expire(key, this.ttlSeconds)
      .exec();
    return Number(results?.[0]?.[1]) - 1;
  }

  async event(tenantId: string, callSid: string, step: number): Promise<TelephonyEvent | null> {
    const raw = await this.redis.lindex(this.key('events', tenantId, callSid), step);
    return raw ? (JSON.parse(raw) as TelephonyEvent) : null;
  }

  async events(tenantId: string, callSid: string): Promise<TelephonyEvent[]> {
    const raws = await this.redis.lrange(this.key('events', tenantId, callSid), 0, -1);
    return raws.map((raw) => JSON.parse(raw) as TelephonyEvent);
  }

  /** 1 for the first placement of `placementKey`, 2 for the next...: what keeps every call SID new. */
  async nextNumber(tenantId: string, kind: 'placement' | 'conference', name: string): Promise<number> {
    return bumpCounter(this.redis, this.key('count', kind, tenantId, name), this.ttlSeconds);
  }

  async findConference(tenantId: string, conferenceSid: string): Promise<SimulatedConference | null> {
    const raw = await this.redis.get(this.key('conference', tenantId, conferenceSid));
    return raw ? (JSON.parse(raw) as SimulatedConference) : null;
  }

  /** The conference of that name that has not ended, if any. */
  async liveConference(tenantId: string, name: string): Promise<SimulatedConference | null> {
    const sid = await this.redis.get(this.key('conference-name', tenantId, name));
    return sid ? this.findConference(tenantId, sid) : null;
  }

  /** Saves a conference; a live one is what its name finds, an ended one no longer is. */
  async saveConference(conference: SimulatedConference): Promise<void> {
    const nameKey = this.key('conference-name', conference.tenant_id, conference.name);
    const multi = this.redis
      .multi()
      .set(
        this.key('conference', conference.tenant_id, conference.sid),
        JSON.stringify(conference),
        'EX',
        this.ttlSeconds,
      );
    if (conference.status === 'completed') multi.del(nameKey);
    else multi.set(nameKey, conference.sid, 'EX', this.ttlSeconds);
    await multi.exec();
  }

  async saveRecording(recording: SimulatedRecording): Promise<void> {
    await this.redis.set(
      this.key('recording', recording.tenant_id, recording.recording_sid),
      JSON.stringify(recording),
      'EX',
      this.ttlSeconds,
    );
  }

  async findRecording(tenantId: string, recordingSid: string): Promise<SimulatedRecording | null> {
    const raw = await this.redis.get(this.key('recording', tenantId, recordingSid));
    return raw ? (JSON.parse(raw) as SimulatedRecording) : null;
  }

  /** Forgets a recording; false when there was none. */
  async deleteRecording(tenantId: string, recordingSid: string): Promise<boolean> {
    return (await this.redis.del(this.key('recording', tenantId, recordingSid))) > 0;
  }

  /**
   * Runs `fn` holding the lock `name` (shared by every process), waiting up to `waitMs` for it. A holder that died
   * loses it after a minute.
   */
  async withLock<T>(name: string, fn: () => Promise<T>, waitMs = 30_000): Promise<T> {
    const key = this.key('lock', name);
    const token = randomBytes(12).toString('hex');
    for (let waited = 0; (await this.redis.set(key, token, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK';) {
      if (waited >= waitMs) throw new Error(`Telephony simulator lock ${name} is busy`);
      waited += LOCK_POLL_MS;
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
    try {
      return await fn();
    } finally {
      await RELEASE.run(this.redis, key, token);
    }
  }
}

import { REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import type Redis from 'ioredis';
import { PRESENCE_ANY, PRESENCE_FOLLOW, presenceKey, runScript } from './room-presence';
import { RECHECK_SOCKETS, Rooms } from './rooms';

/** The socket.io events the server raises (DESIGN §5), with their payloads. */
export interface LeadSummary {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  source: string | null;
}

export interface LiveEventPayloads {
  /** Batched: one event for a single create, an array create or an import's batch. */
  /** Batched: one event per request, or per committed batch of an import (then `leads` holds its first 100). */
  'lead.created': { count: number; leads: LeadSummary[]; import_id?: string; timestamp: string };
  /** A dashboard figure moved (seed 004): `leads_today`, the tenant's leads created today, and by how much. */
  'metrics.update': {
    metric: 'leads_today';
    value: number;
    /** Signed, as seed 004 writes it: "+2". */
    change: string;
    change_type: 'increase' | 'decrease';
    timestamp: string;
  };
  'import:progress': {
    import_id: string;
    /** What the import fills: `leads` (POST /api/leads/import) or `dnc` (POST /api/dnc/import). */
    kind: 'leads' | 'dnc';
    status: 'queued' | 'running' | 'completed' | 'failed';
    processed: number;
    results: Record<string, number>;
    /** Why a failed import failed. */
    error?: string;
    timestamp: string;
  };
  'system:pong': { job_id: string; requested_by: string | null; requested_at: string; processed_at: string };
  /** An outbound message moved on (queued, sending, sent, delivered, read, failed, unknown). */
  'message.status': {
    message_id: string;
    conversation_id: string;
    /** Null once the lead was erased. */
    lead_id: string | null;
    channel: string;
    status: string;
    provider_message_id: string | null;
    error_code: string | null;
    timestamp: string;
  };
  /** A lead's message arrived (raised to the tenant's and the conversation's rooms). */
  'message.received': InboundMessageEvent;
  /**
   * A conversation was read, assigned, closed or reopened (by a user, or by the lead writing in it), or handed to a
   * human or the AI (to the staff's and the conversation's rooms): every open inbox shows its badge, status and owner
   * as they now stand.
   */
  'conversation.updated': ConversationUpdatedEvent;
  /** The seeds' per-channel spellings of `message.received`, same payload. */
  new_whatsapp_message: InboundMessageEvent;
  new_sms_message: InboundMessageEvent;
  new_telegram_message: InboundMessageEvent;
  /** The `opt_out` domain event (DESIGN §7.1): a lead sent STOP (or the like) on a channel. */
  'lead.opted_out': LeadOptEvent;
  /** The lead sent START / UNSTOP: the channel is open again. */
  'lead.opted_in': LeadOptEvent;
  /** A lead's reply was classified and the lead scored (issue 7), to the tenant's room. */
  'lead.classified': LeadClassifiedEvent;
  /** A lead's score crossed the tenant's qualification threshold (issue 7), to the tenant's room. */
  'lead.qualified': LeadQualifiedEvent;
  /** A campaign's counts, at most once a second per campaign. */
  'campaign:progress': CampaignProgressEvent;
  /** An agent's status changed (API, socket `agent:status`, or the dialer: busy on a call, available after wrap-up). */
  'agent:status:updated': AgentStatusEvent;
  /** A call for the agent (seed 001's shape): a lead bridged to them, or an inbound call ringing them. */
  'incoming:call': IncomingCallEvent;
  /** Preview mode: a lead offered to the agent, who dials it (`POST calls/:id/dial`) or skips it. */
  'preview:call': IncomingCallEvent;
  /** Preview mode: the offer waited the campaign's `preview_timeout_seconds` undecided and was withdrawn. */
  'preview:expired': PreviewExpiredEvent;
  /** Preview mode: the campaign stopped running (paused, cancelled, completed) while the offer was undecided. */
  'preview:withdrawn': PreviewWithdrawnEvent;
  'call:ended': CallEndedEvent;
  /** The agent let their phone ring out (for a call, or as their live leg) or it was busy: they are on a break. */
  'call:unanswered': CallUnansweredEvent;
  /** Every status a call moves through (seed 003), to the tenant's room. */
  call_status_update: CallStatusEvent;
  /** An AI agent (seed 004) started, finished or failed a run (`POST ai-agents/:id/execute`), to the tenant's room. */
  'agent.status': AiAgentStatusEvent;
  /** An appointment was booked, changed or cancelled (seed 003), to the tenant's room. */
  appointment_update: AppointmentUpdateEvent;
  /** A notification for the user (seed 004's notification centre), to that user's own sockets only. */
  notification: NotificationEvent;
}

/** An appointment as GET /api/appointments answers it. */
export interface AppointmentJson {
  id: string;
  tenant_id: string;
  lead_id: string | null;
  patient_name: string | null;
  phone: string | null;
  /** Seed 003's phoneNumber (= phone). */
  phone_number: string | null;
  /** YYYY-MM-DD, in `timezone`. */
  appointment_date: string;
  /** HH:MM, in `timezone`. */
  appointment_time: string;
  timezone: string;
  starts_at: string;
  service: string | null;
  status: string;
  notes: string | null;
  /** The user who booked it (null: an API key, or booked before this was recorded). */
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AppointmentUpdateEvent {
  /** `created` (POST), `updated` (PUT), `cancelled` (DELETE). */
  action: 'created' | 'updated' | 'cancelled';
  appointment_id: string;
  /** The status before the change; null for a new appointment. */
  previous_status: string | null;
  status: string;
  appointment: AppointmentJson;
  timestamp: string;
}

/** One of a user's notifications, as `GET notifications` lists it. */
export interface NotificationEvent {
  id: string;
  type: 'lead' | 'message' | 'system';
  title: string;
  message: string;
  data: Record<string, unknown>;
  status: 'read' | 'unread';
  created_at: string;
}

export interface AiAgentStatusEvent {
  agent_id: string;
  status: 'processing' | 'completed' | 'failed';
  current_task: string;
  timestamp: string;
}

export interface AgentStatusEvent {
  agent_id: string;
  status: string;
  previous_status: string | null;
  current_calls: number;
  timestamp: string;
}

export interface IncomingCallEvent {
  call_id: string;
  lead_id: string | null;
  campaign_id: string | null;
  agent_id: string;
  direction: 'inbound' | 'outbound';
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  notes: string | null;
  timestamp: string;
}

export interface PreviewExpiredEvent {
  call_id: string;
  lead_id: string | null;
  campaign_id: string | null;
  agent_id: string;
  timestamp: string;
}

export interface PreviewWithdrawnEvent extends PreviewExpiredEvent {
  /** The campaign's status now. */
  campaign_status: string;
}

export interface CallUnansweredEvent {
  /** The call that rang them (a lead's or an inbound caller's, which goes to someone else), or their live leg. */
  call_id: string;
  agent_id: string;
  /** How their leg ended: `no-answer` or `busy`. */
  status: string;
  timestamp: string;
}

export interface CallEndedEvent {
  call_id: string;
  lead_id: string | null;
  campaign_id: string | null;
  agent_id: string | null;
  disposition: string | null;
  duration: number | null;
  talk_time: number | null;
  timestamp: string;
}

export interface CallStatusEvent {
  call_id: string;
  call_sid: string | null;
  lead_id: string | null;
  campaign_id: string | null;
  agent_id: string | null;
  status: string;
  answered_by: string | null;
  disposition: string | null;
  timestamp: string;
}

/** The `call_status_update` event of a call (its row's columns) as it stands. */
export function callStatusEvent(
  call: Omit<CallStatusEvent, 'call_id' | 'timestamp'> & { id: string },
  now: Date,
): CallStatusEvent {
  return {
    call_id: call.id,
    call_sid: call.call_sid,
    lead_id: call.lead_id,
    campaign_id: call.campaign_id,
    agent_id: call.agent_id,
    status: call.status,
    answered_by: call.answered_by,
    disposition: call.disposition,
    timestamp: now.toISOString(),
  };
}

export interface CampaignProgressEvent {
  campaign_id: string;
  status: string;
  totals: {
    enrolled: number;
    /** Enrollments with a step job pending or running (queued, in_progress). */
    queued: number;
    /** Campaign messages the provider took (sent, delivered, read). */
    sent: number;
    delivered: number;
    /** Campaign messages the provider refused or could not deliver. */
    failed: number;
    /** Campaign messages withdrawn before the provider was asked (a cancel, a reply, an opt-out meanwhile). */
    withdrawn: number;
    /**
     * Leads who replied, as GET campaigns/:id/analytics counts them: the enrollment is replied, or the lead sent a
     * message that answers the campaign (an out-of-office auto-reply is none), whether or not it stopped the sequence.
     */
    replied: number;
    /** Enrollments that went through every step. */
    completed: number;
    /** Enrollments the campaign could not go on with (status failed), as the analytics' `enrollments_failed`. */
    enrollments_failed: number;
    /** Enrollments stopped or refused as opted out, and leads opted out of a channel the campaign messaged. */
    opted_out: number;
  };
}

export interface ConversationUpdatedEvent {
  conversation_id: string;
  lead_id: string;
  channel: string;
  status: string;
  unread_count: number;
  assigned_user_id: string | null;
  ai_mode: string;
  timestamp: string;
}

/** An inbound message as the inbox shows it. */
export interface InboundMessageEvent {
  conversation_id: string;
  lead_id: string;
  channel: string;
  message: {
    id: string;
    direction: 'inbound';
    sender: 'lead';
    content: string | null;
    subject: string | null;
    media_urls: string[];
    /** Its files (an email's attachments): download at `url` with the same token. */
    attachments: { id: string; filename: string | null; content_type: string; size: number; url: string }[];
    status: 'received';
    provider_message_id: string | null;
    created_at: string;
  };
  lead: { id: string; name: string | null; phone: string | null; email: string | null };
  unread_count: number;
  timestamp: string;
}

export interface LeadOptEvent {
  lead_id: string;
  channel: string;
  /** The keyword sent (STOP, START...); null when the classifier read an opt-out in free text. */
  keyword: string | null;
  /**
   * `keyword`: a STOP / START word alone; `classification`: a reply classified `unsubscribe` (issue 7);
   * `unsubscribe_link`: an email's List-Unsubscribe link; `provider`: the provider refused a send because the
   * person opted out with it (isRecipientOptOut), `message_id` then naming the refused send; or the provider told
   * of it with no message (a Telegram user blocked the bot), `message_id` null and `event_id` its webhook event.
   */
  source: 'keyword' | 'classification' | 'unsubscribe_link' | 'provider';
  conversation_id: string | null;
  /** The lead's message that asked for it. */
  message_id: string | null;
  /** The webhook event it came in, when known. */
  event_id: string | null;
  timestamp: string;
}

/** A lead's reply was classified (issue 7): the class, and the lead's score and qualification after it. */
export interface LeadClassifiedEvent {
  lead_id: string;
  message_id: string;
  conversation_id: string;
  /** The reply's class (the lead's own may be a manual override: `lead_classification`). */
  classification: string;
  /** The lead's classification now: the reply's class, or the manual override that stands. */
  lead_classification: string | null;
  confidence: number;
  reason: string;
  /** out_of_office: the day the lead is back (YYYY-MM-DD), when the reply gives one. */
  return_date: string | null;
  /** wrong_person: who to contact instead, when the reply names someone. */
  referral: { name: string | null; email: string | null; phone: string | null } | null;
  score: number;
  qualification_status: string | null;
  timestamp: string;
}

/** The lead's score crossed the tenant's qualification threshold upward. */
export interface LeadQualifiedEvent {
  lead_id: string;
  score: number;
  threshold: number;
  classification: string | null;
  timestamp: string;
}

export type LiveEventName = keyof LiveEventPayloads;

/** How long a room found listened to is believed so without asking Redis again (never an empty one: see below). */
const LISTENED_CACHE_MS = 1_000;
/** How long a reassigned conversation's room counts as listened to for its new assignee's sockets, joining it. */
const REASSIGN_HOLD_MS = 10_000;

/** One operation on the emitter, in the order it was asked for. */
interface Pending {
  /** The rooms of an event: it is published only if one of them is listened to. None: always done. */
  rooms: readonly string[] | null;
  /** The tenant's room, when every room of the event is of one tenant: none is listened to unless it is. */
  within?: string;
  run: () => void;
}

/**
 * Raises live events from any process (API or worker): they go through Redis to the socket.io adapter of every
 * API process, so a client connected to any of them receives them. Every event is addressed inside one tenant.
 *
 * An event none of whose rooms has a socket in any API process is not published at all (it would cost each API
 * process a message to decode for nothing): the rooms listened to are kept in Redis by the API processes
 * (room-presence.ts). The guarantee: an event raised after a socket's join was acknowledged (its client's `connect`,
 * a `join_room` ack) reaches it, because the API wrote the room's presence before acknowledging, and the question
 * for this event is sent to Redis after that. A room found listened to is believed so for LISTENED_CACHE_MS (at
 * worst, events published that nobody hears, as before); a room found empty is asked about again for the next
 * event, never cached, since a socket may join it at any moment. An event whose rooms are all of one tenant is
 * asked about behind the tenant's room, which every socket of the tenant joins first and holds as long: while nobody
 * listens to that one, its other rooms are not asked about (a campaign's sends with no inbox open cost one room
 * looked up per tick, not two per event); a tenant's room found listened to costs a second call in that tick. The
 * questions of one tick go in one script call (two behind a gate),
 * and every operation (events, room changes, disconnects, rechecks) is carried out in the order it was asked for:
 * one waiting for Redis's answer holds back those after it. So an event may be encoded a moment after the call
 * (once Redis answered): callers hand over a payload they do not change afterwards, as every caller builds its own.
 */
@Injectable()
export class LiveEvents {
  private readonly logger = new Logger(LiveEvents.name);
  private readonly emitter: Emitter;
  /** Rooms found listened to, and until when (ms, this process's clock) that is believed. */
  private readonly listened = new Map<string, number>();
  private readonly queue: Pending[] = [];
  /** A flush is scheduled or waiting for Redis: what is asked meanwhile waits its turn in the queue. */
  private busy = false;
  private readonly keyOf: (...parts: string[]) => string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.keyOf = (...parts) => config.redisKey(...parts);
    // The emitter publishes without waiting for the answer: a publish that fails (Redis unreachable, or closed at
    // shutdown) would be an unhandled rejection, which ends a Node process. A live event is best-effort (clients
    // re-read on reconnect): a failed one is logged and dropped.
    const publisher = {
      publish: (channel: string, message: string | Buffer) =>
        redis.publish(channel, message).catch((err: unknown) => {
          this.logger.warn({ err }, 'Live event not published');
          return 0;
        }),
    };
    this.emitter = new Emitter(publisher, { key: config.redisKey('socket.io') });
  }

  /** An event to `rooms` (all of one tenant when `within` is its room): published if a socket is in one of them. */
  private emitTo(rooms: readonly string[], event: string, payload: unknown, within?: string): void {
    this.enqueue({ rooms, within, run: () => this.emitter.to([...rooms]).emit(event, payload) });
  }

  private enqueue(op: Pending): void {
    if (!this.busy && (!op.rooms || this.anyListened(op.rooms, Date.now()))) {
      this.run(op);
      return;
    }
    this.queue.push(op);
    if (this.busy) return;
    this.busy = true;
    // The rest of this tick's events are asked about with it.
    process.nextTick(() => void this.flush());
  }

  /** One that throws (a payload the emitter cannot encode) is logged: the queue goes on. */
  private run(op: Pending): void {
    try {
      op.run();
    } catch (err) {
      this.logger.error({ err }, 'Live event not published');
    }
  }

  private anyListened(rooms: readonly string[], now: number): boolean {
    return rooms.some((room) => (this.listened.get(room) ?? 0) > now);
  }

  /**
   * Asks Redis about the queued events' rooms not known to be listened to, then carries out the queue in order. The
   * tenants' rooms that gate events go first: the other rooms of a tenant nobody listens to are not asked about.
   */
  private async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0);
      const asked = Date.now();
      const unsure = (op: Pending) => op.rooms !== null && !this.anyListened(op.rooms, asked);
      const gates = new Set<string>();
      for (const op of batch)
        if (op.within && unsure(op) && !this.anyListened([op.within], asked)) gates.add(op.within);
      let failed = gates.size > 0 && !(await this.ask([...gates], asked));
      // An event whose tenant's room was just found empty: none of its rooms has a listener.
      const closed = (op: Pending) =>
        !failed && !!op.within && gates.has(op.within) && !this.listened.has(op.within);
      const unknown = new Set<string>();
      if (!failed)
        for (const op of batch)
          if (op.rooms && unsure(op) && !closed(op))
            for (const room of op.rooms) if (!gates.has(room)) unknown.add(room);
      if (unknown.size) failed = !(await this.ask([...unknown], asked));
      const now = Date.now();
      for (const op of batch) {
        // Against the answers, not the clock: an answer is as good for this batch however long it took.
        const heard = !closed(op) && op.rooms?.some((room) => this.listened.has(room));
        if (!op.rooms || failed || heard) this.run(op);
      }
      this.prune(now);
    }
    this.busy = false;
  }

  /** Notes which of `rooms` are listened to now; false when Redis did not answer. */
  private async ask(rooms: string[], asked: number): Promise<boolean> {
    try {
      const answers = (await runScript(
        this.redis,
        PRESENCE_ANY,
        rooms.map((room) => presenceKey(this.keyOf, room)),
        [],
      )) as number[];
      rooms.forEach((room, i) => {
        if (answers[i]) this.listened.set(room, asked + LISTENED_CACHE_MS);
        else this.listened.delete(room);
      });
      return true;
    } catch (err) {
      // Not known: published, as before rooms were kept (a Redis that refused this likely refuses them too).
      this.logger.warn({ err }, 'Rooms listened to not read; events published anyway');
      return false;
    }
  }

  private prune(now: number): void {
    if (this.listened.size < 10_000) return;
    for (const [room, until] of this.listened) if (until <= now) this.listened.delete(room);
  }

  toTenant<E extends LiveEventName>(tenantId: string, event: E, payload: LiveEventPayloads[E]): void {
    this.emitTo([Rooms.tenant(tenantId)], event, payload);
  }

  /** To the tenant's staff (managers, admins and their API keys): an inbox event of no conversation an agent reads. */
  toStaff<E extends LiveEventName>(tenantId: string, event: E, payload: LiveEventPayloads[E]): void {
    this.emitTo([Rooms.staff(tenantId)], event, payload, Rooms.tenant(tenantId));
  }

  /**
   * To those who may read the conversation: the tenant's staff (an agent sees only conversations assigned to them)
   * and the conversation's room (its assignee's sockets, and those that joined it; all of this tenant); and to the
   * assignee it was just taken from (`formerAssignee`, whose sockets left its room), so their inbox lets it go.
   */
  toConversation<E extends LiveEventName>(
    tenantId: string,
    conversationId: string,
    event: E,
    payload: LiveEventPayloads[E],
    formerAssignee?: string | null,
  ): void {
    this.emitTo(
      [
        Rooms.staff(tenantId),
        Rooms.conversation(conversationId),
        ...(formerAssignee ? [Rooms.user(formerAssignee)] : []),
      ],
      event,
      payload,
      Rooms.tenant(tenantId),
    );
  }

  /**
   * A conversation changed hands: the old assignee's sockets leave its room and the new one's join it. The join is
   * made by each API process when the request reaches it; the events raised after this call must find the room
   * listened to before then: when the new assignee has a socket, the room is marked listened to for REASSIGN_HOLD_MS
   * (by then the API processes hold it themselves), in Redis before any later event's question.
   */
  reassigned(conversationId: string, from: string | null, to: string | null): void {
    const room = Rooms.conversation(conversationId);
    // EVAL, not EVALSHA: a NOSCRIPT answer's retry would reach Redis after the questions of the events that follow.
    if (to)
      this.redis
        .eval(
          PRESENCE_FOLLOW,
          2,
          presenceKey(this.keyOf, Rooms.user(to)),
          presenceKey(this.keyOf, room),
          REASSIGN_HOLD_MS,
          'reassigned',
        )
        .catch((err: unknown) => this.logger.warn({ err }, 'Reassigned room not marked listened to'));
    this.enqueue({
      rooms: null,
      run: () => {
        if (from) this.emitter.in(Rooms.user(from)).socketsLeave(room);
        if (to) this.emitter.in(Rooms.user(to)).socketsJoin(room);
      },
    });
  }

  /** To the tenant's room and one agent's room: each socket in either hears it once. */
  toTenantAndAgent<E extends LiveEventName>(
    tenantId: string,
    agentId: string,
    event: E,
    payload: LiveEventPayloads[E],
  ): void {
    this.emitTo([Rooms.tenant(tenantId), Rooms.agent(agentId)], event, payload, Rooms.tenant(tenantId));
  }

  /**
   * A call's event, to those who may read the call: the tenant's staff, and the room of the agent on it (their
   * sockets that sent `agent:join`, and managers watching them); each socket in both hears it once. Another agent
   * hears nothing of it, as the calls routes show an agent only their own calls.
   */
  toCall<E extends LiveEventName>(
    tenantId: string,
    agentId: string | null,
    event: E,
    payload: LiveEventPayloads[E],
  ): void {
    this.emitTo(
      [Rooms.staff(tenantId), ...(agentId ? [Rooms.agent(agentId)] : [])],
      event,
      payload,
      Rooms.tenant(tenantId),
    );
  }

  /** To one agent's room: the sockets that joined it with `agent:join` (the agent, or a manager watching). */
  toAgent<E extends LiveEventName>(agentId: string, event: E, payload: LiveEventPayloads[E]): void {
    this.emitTo([Rooms.agent(agentId)], event, payload);
  }

  /** Closes the sockets of a login that ended (logout), telling them why first, in every API process. */
  endSession(sessionId: string): void {
    const room = Rooms.session(sessionId);
    this.enqueue({
      rooms: null,
      run: () => {
        this.emitter
          .to(room)
          .emit('auth:expired', { code: 'AUTHENTICATION_REQUIRED', message: 'Logged out' });
        this.emitter.in(room).disconnectSockets(true);
      },
    });
  }

  /**
   * The user's sockets, and those of the API keys they made, check their credentials again now, in every API process,
   * instead of at their next periodic check: a deactivated user's close, a changed role's rooms follow it. Called
   * after the change is published.
   */
  recheckUser(userId: string): void {
    this.enqueue({
      rooms: null,
      run: () => {
        this.emitter.serverSideEmit(RECHECK_SOCKETS, Rooms.user(userId));
        this.emitter.serverSideEmit(RECHECK_SOCKETS, Rooms.apiKeysOf(userId));
      },
    });
  }

  /** The sockets an API key opened check their credentials again now: a revoked key's close. */
  recheckApiKey(apiKeyId: string): void {
    this.enqueue({
      rooms: null,
      run: () => this.emitter.serverSideEmit(RECHECK_SOCKETS, Rooms.apiKey(apiKeyId)),
    });
  }

  /** To one user's sockets (only that user's own authenticated sockets are ever in its room). */
  toUser<E extends LiveEventName>(userId: string, event: E, payload: LiveEventPayloads[E]): void {
    this.emitTo([Rooms.user(userId)], event, payload);
  }
}

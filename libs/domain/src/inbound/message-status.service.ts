import { Clock, isUuid } from '@app/common';
import { fastTransaction, MessageStatus, SqlRunner, tenantCheck, tenantQuery } from '@app/db';
import { LiveEvents } from '@app/events';
import type { StatusUpdate } from '@app/providers';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import { CampaignRetriesService } from '../campaign-engine/campaign-retries.service';
import { ProviderOptOutsService } from './provider-opt-outs.service';
import { messageStatusEvent } from '../messaging/message-status-event';
import { canMove, messageStatusOf } from './status-order';

/** One delivery report to apply: our message id from the callback URL (when the provider echoes it) and the update. */
export interface StatusCallback {
  provider: string;
  message_id: string | null;
  update: StatusUpdate;
}

/** What a status callback did: moved the message, found it already further on, or found no such message. */
export type StatusOutcome = 'applied' | 'stale' | 'not_found';

/** A message a batch moved, with the columns its live event and a campaign's retry need. */
export interface MovedMessage {
  id: string;
  conversation_id: string;
  lead_id: string;
  channel: string;
  status: MessageStatus;
  provider_message_id: string | null;
  error_code: string | null;
  campaign_id: string | null;
  idempotency_key: string;
}

export interface StatusBatchResult {
  /** Per callback, in the order given. */
  outcomes: StatusOutcome[];
  /** Per callback, the lead of the message it found (null when none, or the lead was erased). */
  leads: (string | null)[];
  /** Each message the batch moved, once, as it now stands, with the statuses it went through on the way. */
  moved: (MovedMessage & { steps: MessageStatus[] })[];
}

interface TargetRow {
  id: string;
  lead_id: string | null;
  status: MessageStatus;
  provider: string | null;
  provider_message_id: string | null;
  sent_at: Date | null;
  created_at: Date;
}

/** Where a message ends up after a batch's callbacks, applied in order. */
interface Move {
  /** Each status the callbacks moved it to, in order; the last is where it ends. */
  steps: MessageStatus[];
  status: MessageStatus;
  provider_message_id: string;
  error_code: string | null;
  error_message: string | null;
  /** When it was sent, delivered and read: the first callback of a batch reaching each status tells it. */
  sent_at: Date | null;
  delivered_at: Date | null;
  read_at: Date | null;
}

/**
 * How far a provider's clock may be from ours: its time of a status this far in our future, or this far before the
 * message was sent, is no time of it (its clock is wrong, or the field another thing than documented).
 */
const PROVIDER_CLOCK_SKEW_MS = 60_000;

/**
 * When a status happened: the provider's time of it when it gives one that is sane (not beyond the skew in our
 * future, nor before the message was sent), brought within [sent, now] (WhatsApp gives whole seconds, so a delivery
 * in the send's second reads before it); else `now`, when we apply it. Twilio's callbacks carry no time: theirs
 * is when we received them.
 */
function statusTime(given: string | undefined, sent: Date, now: Date): Date {
  const at = given === undefined ? NaN : Date.parse(given);
  if (!Number.isFinite(at)) return now;
  if (at > now.getTime() + PROVIDER_CLOCK_SKEW_MS || at < sent.getTime() - PROVIDER_CLOCK_SKEW_MS) return now;
  return new Date(Math.min(Math.max(at, sent.getTime()), now.getTime()));
}

const SENT_OR_LATER: ReadonlySet<MessageStatus> = new Set(['sent', 'delivered', 'read']);

const providerKey = (provider: string | null, providerMessageId: string | null) =>
  `${provider ?? ''}\n${providerMessageId ?? ''}`;

/**
 * Providers' delivery reports, in the worker: each finds its outbound message by our id from the callback URL, else
 * by the provider's message id, and moves it forward only (a late `sent` after `delivered` changes nothing);
 * `failed` / `undelivered` end it with the provider's error code. A batch locks its messages, folds their callbacks
 * in order and writes each moved message once; after commit, each raises `message.status`, and a failed campaign
 * send asks for its retry.
 */
@Injectable()
export class MessageStatusService {
  private readonly logger = new Logger(MessageStatusService.name);

  constructor(
    private readonly db: DataSource,
    private readonly events: LiveEvents,
    private readonly clock: Clock,
    private readonly retries: CampaignRetriesService,
    private readonly providerOptOuts: ProviderOptOutsService,
    private readonly progress: CampaignProgress,
  ) {}

  /** One callback in a transaction of its own; the drain (`inbound.statuses`) applies them in batches. */
  async apply(
    tenantId: string,
    provider: string,
    messageId: string | null,
    update: StatusUpdate,
  ): Promise<StatusOutcome> {
    const result = await fastTransaction(this.db, (sql) =>
      this.applyBatch(sql, tenantId, [{ provider, message_id: messageId, update }]),
    );
    await this.publish(tenantId, result.moved);
    return result.outcomes[0];
  }

  /** Inside the caller's transaction: the messages stay locked until it commits; then call `publish`. */
  async applyBatch(
    sql: SqlRunner,
    tenantId: string,
    callbacks: readonly StatusCallback[],
  ): Promise<StatusBatchResult> {
    const targets = await this.lockTargets(sql, tenantId, callbacks);
    const now = this.clock.now();
    const moves = new Map<string, Move>();
    const outcomes = callbacks.map((callback, i): StatusOutcome => {
      const target = targets[i];
      if (!target) return 'not_found';
      const status = messageStatusOf(callback.update.status);
      const before = moves.get(target.id);
      const current = before?.status ?? target.status;
      if (!canMove(current, status)) return 'stale';
      const failed = status === 'failed';
      const sentAt = target.sent_at ?? before?.sent_at ?? null;
      const at = statusTime(callback.update.occurred_at, sentAt ?? target.created_at, now);
      moves.set(target.id, {
        steps: [...(before?.steps ?? []), status],
        status,
        provider_message_id: callback.update.provider_message_id.slice(0, 128),
        error_code: failed ? (callback.update.error_code ?? callback.update.status).slice(0, 32) : null,
        error_message: failed ? (callback.update.error_message ?? callback.update.status) : null,
        sent_at: sentAt ?? (SENT_OR_LATER.has(status) ? at : null),
        delivered_at: before?.delivered_at ?? (status === 'delivered' || status === 'read' ? at : null),
        read_at: before?.read_at ?? (status === 'read' ? at : null),
      });
      return 'applied';
    });
    const leads = targets.map((target) => target?.lead_id ?? null);
    if (!moves.size) return { outcomes, leads, moved: [] };
    const ids = [...moves.keys()];
    const rows = ids.map((id) => moves.get(id)!);
    const written = await tenantQuery<MovedMessage>(
      sql,
      tenantId,
      `WITH u AS (
         SELECT * FROM unnest($2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[], $6::text[],
                              $8::timestamptz[], $9::timestamptz[], $10::timestamptz[])
           AS u(id, status, provider_message_id, error_code, error_message, sent_at, delivered_at, read_at)),
       moved AS (
         UPDATE messages m
            SET status = u.status,
                provider_message_id = COALESCE(m.provider_message_id, u.provider_message_id),
                error_code = CASE WHEN u.status = 'failed' THEN u.error_code ELSE m.error_code END,
                error_message = CASE WHEN u.status = 'failed' THEN u.error_message ELSE m.error_message END,
                sent_at = CASE WHEN u.status IN ('sent', 'delivered', 'read') THEN COALESCE(m.sent_at, u.sent_at) ELSE m.sent_at END,
                delivered_at = CASE WHEN u.status IN ('delivered', 'read') THEN COALESCE(m.delivered_at, u.delivered_at) ELSE m.delivered_at END,
                read_at = CASE WHEN u.status = 'read' THEN COALESCE(m.read_at, u.read_at) ELSE m.read_at END,
                failed_at = CASE WHEN u.status = 'failed' THEN $7::timestamptz ELSE m.failed_at END,
                campaign_retry_due_at = CASE WHEN u.status = 'failed' AND m.campaign_id IS NOT NULL
                                             THEN $7::timestamptz ELSE m.campaign_retry_due_at END,
                updated_at = now()
           FROM u
          WHERE m.id = ANY($2::uuid[]) AND m.id = u.id AND ${tenantCheck('m')}
          RETURNING m.id, m.conversation_id, m.lead_id, m.channel, m.status, m.provider_message_id, m.error_code,
                    m.campaign_id, m.idempotency_key)
       SELECT * FROM moved`,
      [
        ids,
        rows.map((r) => r.status),
        rows.map((r) => r.provider_message_id),
        rows.map((r) => r.error_code),
        rows.map((r) => r.error_message),
        now,
        rows.map((r) => r.sent_at),
        rows.map((r) => r.delivered_at),
        rows.map((r) => r.read_at),
      ],
    );
    return { outcomes, leads, moved: written.map((m) => ({ ...m, steps: moves.get(m.id)!.steps })) };
  }

  /**
   * After the batch's transaction committed: a live event per status each message went through (the inbox sees
   * sent, then delivered, then read, however the callbacks were batched), the retry policy's decision on
   * each failed campaign send (marked in the batch's statement: one that fails here is the campaign tick's), and
   * `campaign:progress` for each campaign whose sends moved (its sent, delivered and failed totals).
   */
  async publish(tenantId: string, moved: StatusBatchResult['moved']): Promise<void> {
    const now = this.clock.now();
    const campaigns = new Set<string>();
    for (const m of moved) {
      if (m.campaign_id) campaigns.add(m.campaign_id);
      if (m.status === 'failed') {
        if (m.campaign_id) await this.decide(tenantId, m);
        await this.providerOptOuts.onFailed(tenantId, { ...m, error_message: null });
      }
      for (const status of m.steps)
        this.events.toConversation(
          tenantId,
          m.conversation_id,
          'message.status',
          messageStatusEvent(
            {
              id: m.id,
              conversationId: m.conversation_id,
              leadId: m.lead_id,
              channel: m.channel,
              status,
              providerMessageId: m.provider_message_id,
              errorCode: status === 'failed' ? m.error_code : null,
            },
            now,
          ),
        );
    }
    // Never rejects, and not waited for: the drain goes on while a campaign's totals are counted.
    for (const campaignId of campaigns) void this.progress.notify(tenantId, campaignId);
  }

  private async decide(tenantId: string, m: StatusBatchResult['moved'][number]): Promise<void> {
    try {
      await this.retries.decide({ tenant_id: tenantId, ...m });
    } catch (err) {
      this.logger.warn(
        { err, tenant_id: tenantId, message_id: m.id },
        'Retry policy of a failed campaign send not decided; the campaign tick decides it',
      );
    }
  }

  /**
   * Each callback's message, locked in id order: by our id from the callback URL when it names an outbound message
   * of this tenant, else by the provider's id. One probe per key, by the whole key (lateral subqueries, run once per
   * row): never a join the planner could serve with a scan of the tenant's messages, as it did with statistics
   * taken before the tenant's sends were inserted (each batch read all of them).
   */
  private async lockTargets(
    sql: SqlRunner,
    tenantId: string,
    callbacks: readonly StatusCallback[],
  ): Promise<(TargetRow | undefined)[]> {
    const byUrl = callbacks.map((c) => (isUuid(c.message_id) ? c.message_id.toLowerCase() : null));
    const first = await this.lock(
      sql,
      tenantId,
      byUrl.filter((id): id is string => id !== null),
      callbacks.filter((_, i) => byUrl[i] === null),
    );
    const byId = new Map(first.map((r) => [r.id, r]));
    // An id from the URL that is not ours (another tenant's, or made up): the provider's id decides (rare).
    const missed = callbacks.filter((_, i) => byUrl[i] !== null && !byId.has(byUrl[i]!));
    const second = missed.length ? await this.lock(sql, tenantId, [], missed) : [];
    const byProvider = new Map(
      [...first, ...second].map((r) => [providerKey(r.provider, r.provider_message_id), r]),
    );
    return callbacks.map(
      (c, i) =>
        (byUrl[i] ? byId.get(byUrl[i]!) : undefined) ??
        byProvider.get(providerKey(c.provider, c.update.provider_message_id)),
    );
  }

  private lock(
    sql: SqlRunner,
    tenantId: string,
    ids: string[],
    byProvider: readonly StatusCallback[],
  ): Promise<TargetRow[]> {
    return tenantQuery<TargetRow>(
      sql,
      tenantId,
      `WITH ids AS (
         SELECT unnest($2::uuid[]) AS id
         UNION
         SELECT b.id FROM unnest($3::varchar[], $4::varchar[]) AS k(provider, provider_message_id)
          CROSS JOIN LATERAL (
            SELECT b.id FROM messages b
             WHERE b.tenant_id = $1 AND b.provider = k.provider AND b.provider_message_id = k.provider_message_id
               AND b.direction = 'outbound'
            OFFSET 0) b)
       SELECT m.* FROM (SELECT id FROM ids ORDER BY id) n
        CROSS JOIN LATERAL (
          SELECT m.id, m.lead_id, m.status, m.provider, m.provider_message_id, m.sent_at, m.created_at FROM messages m
           WHERE m.id = n.id AND ${tenantCheck('m')} AND m.direction = 'outbound'
             FOR UPDATE OF m) m`,
      [
        ids,
        byProvider.map((c) => c.provider),
        byProvider.map((c) => c.update.provider_message_id.slice(0, 128)),
      ],
    );
  }
}

import type { PageWindow } from '@app/common';
import {
  ASYNC_COMMIT,
  fastSql,
  MessageDirection,
  MessageEntity,
  MessageSender,
  MessageStatus,
  SqlRunner,
  tenantCheck,
  TenantRepository,
  tenantQuery,
  TurnBatch,
} from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { gateSql, GateRow } from '../campaign-engine/held-messages';
import { PolicyRow, policyRowOf, policySql } from '../contact-policy/contact-policy.service';
import { leadHeldByHuman } from './human-hold';
import type { MessageStatusFields } from './message-status-event';

export interface MessageFilter {
  conversation_id?: string;
  lead_id?: string;
  /** Agents see only the messages of conversations assigned to them. */
  only_user_id?: string | null;
  /** By time, then id (equal times keep one order across pages); default desc, newest first. */
  order?: 'asc' | 'desc';
}

/** A conversation's last message, as the inbox list previews it. */
export interface LastMessage {
  id: string;
  content: string | null;
  attachment_count: number;
  direction: MessageDirection;
  sender: MessageSender;
  status: MessageStatus;
  created_at: Date;
}

/** What the sender writes once the provider has taken a message. */
export interface SentChanges {
  provider_message_id: string;
  status: MessageStatus;
  segments: number | null;
  error_code?: string | null;
}

/** One mark-sent (MessagesRepository.markSent), as its turn's batch writes it. */
interface SentMark {
  id: string;
  sent: SentChanges;
  now: Date;
}

/** A message as the sender reads it (MessagesRepository.findForSend). */
export interface SendRead {
  message: MessageEntity;
  gate: GateRow | null;
  policy: PolicyRow | null;
}

/** One read of findForSend, as its turn's batch makes it. */
interface SendReadInput {
  id: string;
  now: Date;
}

/** One claim (MessagesRepository.claim), as its turn's batch writes it. */
interface SendClaim {
  id: string;
  provider: string;
  now: Date;
  /** The subject an email is sent with when it has none of its own (an answer in a thread: "Re: " the thread's). */
  subject: string | null;
}

/** The prefix of the idempotency key of opt-out confirmations (B2 sends them), exempt from the opt-out rules. */
export const OPT_OUT_CONFIRMATION_KEY = 'opt-out-confirmation:';

/**
 * SQL, of the message `m` (tenant `$1`): no human holds its lead (none of its conversations is with humans, no
 * running enrollment of it is overridden) and no human wrote in its conversation after `m`.
 */
const AI_REPLY_STANDS = `(NOT ${leadHeldByHuman('m.lead_id')}
  AND NOT EXISTS (SELECT 1 FROM messages n
                   WHERE n.tenant_id = $1 AND n.conversation_id = m.conversation_id AND n.id > m.id
                     AND n.sender = 'agent'))`;

/** The contact policy's read of a message `m`'s lead for its channel: for a queued outbound message only (a send). */
const POLICY_OF_SEND = policySql(
  'm.lead_id',
  'm.channel',
  `m.status = 'queued' AND m.direction = 'outbound'`,
);

/** The columns of a message's `message.status` event (MessageStatusFields), as a write answers them. */
export const STATUS_COLUMNS =
  'id, conversation_id, lead_id, channel, status, provider_message_id, error_code';
/** The same columns of the message `m`, for a write whose other relations have columns of those names. */
const STATUS_OF_M = STATUS_COLUMNS.split(', ')
  .map((column) => `m.${column}`)
  .join(', ');

export interface StatusRow {
  id: string;
  conversation_id: string;
  lead_id: string | null;
  channel: string;
  status: MessageStatus;
  provider_message_id: string | null;
  error_code: string | null;
}

export const statusFields = (r: StatusRow): MessageStatusFields => ({
  id: r.id,
  conversationId: r.conversation_id,
  leadId: r.lead_id,
  channel: r.channel,
  status: r.status,
  providerMessageId: r.provider_message_id,
  errorCode: r.error_code,
});

/** A failed campaign send, as its campaign's retry policy reads it. */
export interface FailedCampaignSend {
  tenant_id: string;
  id: string;
  idempotency_key: string;
  error_code: string | null;
}

@Injectable()
export class MessagesRepository extends TenantRepository<MessageEntity> {
  private readonly sql: SqlRunner;
  private sendColumns?: string;
  private readonly claims = new TurnBatch<SendClaim, boolean>((tenantId, claims) =>
    this.claimBatch(tenantId, claims),
  );
  private readonly sendReads = new TurnBatch<SendReadInput, SendRead | null>((tenantId, reads) =>
    this.findForSendBatch(tenantId, reads),
  );
  private readonly marks = new TurnBatch<SentMark, MessageStatusFields | undefined>((tenantId, marks) =>
    this.markSentBatch(tenantId, marks),
  );

  constructor(@InjectRepository(MessageEntity) repo: Repository<MessageEntity>) {
    super(repo);
    this.sql = fastSql(repo.manager.connection);
  }

  findByIdempotencyKey(tenantId: string, key: string): Promise<MessageEntity | null> {
    return this.repo.findOne({ where: this.where(tenantId, { idempotencyKey: key }) });
  }

  list(tenantId: string, window: PageWindow, filter: MessageFilter): Promise<[MessageEntity[], number]> {
    const q = this.scoped(tenantId, 'm');
    if (filter.conversation_id) q.andWhere('m.conversation_id = :cid', { cid: filter.conversation_id });
    if (filter.lead_id) q.andWhere('m.lead_id = :lid', { lid: filter.lead_id });
    if (filter.only_user_id !== undefined) {
      q.innerJoin('m.conversation', 'c', 'c.tenant_id = m.tenant_id').andWhere('c.assigned_user_id = :only', {
        only: filter.only_user_id ?? '00000000-0000-0000-0000-000000000000',
      });
    }
    const order = filter.order === 'asc' ? 'ASC' : 'DESC';
    return q
      .orderBy('m.createdAt', order)
      .addOrderBy('m.id', order)
      .take(window.limit)
      .skip(window.offset)
      .getManyAndCount();
  }

  /**
   * The last message of each conversation, as the inbox previews it: one backward probe of the conversation index
   * per conversation (a long thread costs what a short one does) and only the preview's columns.
   */
  async lastOf(tenantId: string, conversationIds: string[]): Promise<Map<string, LastMessage>> {
    if (!conversationIds.length) return new Map();
    const rows = await tenantQuery<LastMessage & { conversation_id: string }>(
      this.sql,
      tenantId,
      `SELECT ids.id AS conversation_id, m.id, m.content, jsonb_array_length(m.attachments) AS attachment_count,
              m.direction, m.sender, m.status, m.created_at
         FROM unnest($2::uuid[]) AS ids(id)
         CROSS JOIN LATERAL (
           SELECT id, content, attachments, direction, sender, status, created_at FROM messages
            WHERE tenant_id = $1 AND conversation_id = ids.id
            ORDER BY created_at DESC, id DESC LIMIT 1) m`,
      [conversationIds],
    );
    return new Map(rows.map(({ conversation_id, ...m }) => [conversation_id, m]));
  }

  /**
   * A message as its sender reads it, with what the gate of its campaign reads (GateRow; null for a message that is
   * no automated campaign message, or whose campaign is gone) and, for a queued outbound message to a lead, the
   * contact policy's read of its lead for its channel (PolicyRow), in one statement instead of three. The reads of
   * one tenant made in one turn of the event loop go in one statement (findForSendBatch).
   */
  findForSend(tenantId: string, id: string, now: Date): Promise<SendRead | null> {
    return this.sendReads.add(tenantId, { id, now });
  }

  /**
   * The sender's reads of one tenant made in one turn of the event loop, in one statement (TurnBatch): each read's
   * gate at its own `now`, each answered by its position in the batch (null for a message that is gone). Each
   * message is one probe by its id (a lateral subquery, run once per read), then its gate and policy: as a join, a
   * plan made while the table was small (a connection's generic plan, kept as the table grows) scanned every
   * message and read the contact policy of each before keeping the batch's. The reads are limited to their own
   * count so that the generic plan is chosen: Postgres guesses a limit it cannot read at a tenth of its input, so
   * that plan costs one read's probe, no more than a plan made for the batch's own values, which would otherwise
   * be made again (and cost more than the read) at each execution.
   */
  private async findForSendBatch(tenantId: string, reads: SendReadInput[]): Promise<(SendRead | null)[]> {
    this.sendColumns ??= this.rowColumns
      .split(', ')
      .map((column) => `m.${column}`)
      .join(', ');
    const rows = await tenantQuery<
      Record<string, unknown> & { read_n: string; gate: GateRow | null; policy: PolicyRow | null }
    >(
      this.sql,
      tenantId,
      `SELECT s.n AS read_n, ${this.sendColumns}, to_jsonb(g) AS gate, to_jsonb(p) AS policy
         FROM (SELECT * FROM unnest($2::uuid[], $3::timestamptz[]) WITH ORDINALITY AS s(id, at, n)
                LIMIT cardinality($2::uuid[])) s
         CROSS JOIN LATERAL (
           SELECT ${this.rowColumns} FROM messages m WHERE m.id = s.id AND ${tenantCheck('m')} OFFSET 0) m
         LEFT JOIN LATERAL (${gateSql('m.campaign_id', 'm.lead_id', 's.at')}) g
           ON m.campaign_id IS NOT NULL AND m.sender IN ('system', 'ai')
         LEFT JOIN LATERAL (${POLICY_OF_SEND}) p ON true`,
      [reads.map((r) => r.id), reads.map((r) => r.now)],
    );
    const answers: (SendRead | null)[] = reads.map(() => null);
    for (const row of rows)
      answers[Number(row.read_n) - 1] = {
        message: this.fromRow(row),
        gate: row.gate,
        policy: policyRowOf(row.policy),
      };
    return answers;
  }

  /** Of these provider ids, those another of the tenant's messages already holds. */
  async providerIdsHeld(tenantId: string, provider: string, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await tenantQuery<{ id: string }>(
      this.sql,
      tenantId,
      `SELECT provider_message_id AS id FROM messages
        WHERE tenant_id = $1 AND provider = $2 AND provider_message_id = ANY($3::text[])`,
      [provider, ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Whether an AI answer outside campaigns still stands: its conversation is with the AI (`ai_mode: auto`) and no
   * human wrote in it after the answer was queued (DESIGN §7.5). One that waited for its turn may no longer.
   */
  async aiReplyStands(tenantId: string, id: string): Promise<boolean> {
    const [row] = await tenantQuery<{ stands: boolean }>(
      this.sql,
      tenantId,
      `SELECT ${AI_REPLY_STANDS} AS stands FROM messages m WHERE m.tenant_id = $1 AND m.id = $2`,
      [id],
    );
    return row?.stands === true;
  }

  /**
   * Claims a queued message for a send: only one claimant wins, and its claim commits before the call. A campaign's
   * automated message is claimed only while its campaign's gate still lets it go (HeldMessages.gate, asked again
   * in this statement): a pause, a cancel, the schedule's end, an override or a reply committed since the sender
   * asked keeps it queued
   * (the sender's next run holds or drops it), instead of sending it up to a throttle's hold later. So is an AI
   * answer outside campaigns that a human took over meanwhile (`aiReplyStands`), and any message but an opt-out's
   * own confirmation to a lead who opted out of its channel (or was listed for all) since the sender asked the
   * policy (a send waits up to a second for its slot in between). The claim records the provider the send goes
   * through: the channel's may have changed since the message was queued, and its callbacks and look-ups are that
   * provider's, and the subject an email goes with when it had none of its own (an answer's "Re: " the thread's),
   * so the message shows what the lead received. The claims of sends that reach it together go in one statement
   * (claimBatch).
   */
  claim(
    tenantId: string,
    id: string,
    provider: string,
    now: Date,
    subject: string | null = null,
  ): Promise<boolean> {
    return this.claims.add(tenantId, { id, provider, now, subject });
  }

  /**
   * The claims of one tenant made in one turn of the event loop, in one statement (TurnBatch), committed durably
   * before any of their calls. An id claimed twice in one batch is won by its first caller alone. Its messages are
   * locked in id order first (`locked`), as a status drain locks its messages (MessageStatusService.lockTargets):
   * locked in the batch's order, it and another worker's batch or a drain could each hold a message the other
   * waits for (deadlock detected).
   */
  private async claimBatch(tenantId: string, claims: SendClaim[]): Promise<boolean[]> {
    const rows = await tenantQuery<{ id: string }>(
      this.sql,
      tenantId,
      `WITH locked AS MATERIALIZED (
         SELECT m.id FROM messages m
          WHERE ${tenantCheck('m')} AND m.id = ANY($2::uuid[]) AND m.status = 'queued'
          ORDER BY m.id
            FOR UPDATE OF m)
       UPDATE messages m SET status = 'sending', attempts = m.attempts + 1, updated_at = s.at, provider = s.provider,
              subject = COALESCE(m.subject, s.subject)
         FROM unnest($2::uuid[], $3::timestamptz[], $4::varchar[], $5::varchar[]) AS s(id, at, provider, subject)
        WHERE ${tenantCheck('m')} AND m.id = s.id AND m.id IN (SELECT id FROM locked) AND m.status = 'queued'
          AND NOT (m.campaign_id IS NOT NULL AND m.sender IN ('system', 'ai') AND EXISTS (
                SELECT 1 FROM campaigns c
                 WHERE c.tenant_id = $1 AND c.id = m.campaign_id
                   AND (c.status NOT IN ('active', 'completed') OR c.schedule_end <= s.at
                        OR EXISTS (SELECT 1 FROM campaign_enrollments e
                                    WHERE e.tenant_id = $1 AND e.campaign_id = c.id AND e.lead_id = m.lead_id
                                      AND (e.ai_paused OR e.status IN ('replied', 'stopped', 'dnc'))))))
          AND (m.campaign_id IS NOT NULL OR m.sender <> 'ai' OR ${AI_REPLY_STANDS})
          AND NOT (NOT (m.sender = 'system' AND m.idempotency_key LIKE '${OPT_OUT_CONFIRMATION_KEY}%') AND EXISTS (
                SELECT 1 FROM leads l
                 WHERE l.tenant_id = $1 AND l.id = m.lead_id
                   AND (m.channel = ANY(l.opted_out_channels) OR l.do_not_call)))
        RETURNING m.id`,
      [
        claims.map((c) => c.id),
        claims.map((c) => c.now),
        claims.map((c) => c.provider),
        claims.map((c) => c.subject),
      ],
    );
    const won = new Set(rows.map((r) => r.id));
    return claims.map((c) => won.delete(c.id));
  }

  /**
   * The provider took it: its id, segments, and the status (never moving back a status a callback moved on). A
   * campaign send that the provider's record says failed is marked for its campaign's retry policy. The sends that
   * finish together (one turn of the event loop) are marked in one statement, committed without waiting for the
   * disk (ASYNC_COMMIT): the sender's rate was bounded by these round trips and flushes. The claim before the call
   * is durable; a mark-sent that a crash of Postgres loses leaves the message `sending` without a provider id, which
   * the sweep reconciles by the provider's look-up (DESIGN §7.6), never sending it again.
   */
  markSent(
    tenantId: string,
    id: string,
    sent: SentChanges,
    now: Date,
  ): Promise<MessageStatusFields | undefined> {
    return this.marks.add(tenantId, { id, sent, now });
  }

  /**
   * The mark-sents of one tenant made in one turn of the event loop, in one statement (TurnBatch). Its messages are
   * locked in id order first (`locked`), as a claim batch and a status drain lock theirs: locked in the batch's
   * order (or the table's), it and another worker's batch or a drain could each hold a message the other waits for.
   */
  private async markSentBatch(
    tenantId: string,
    marks: SentMark[],
  ): Promise<(MessageStatusFields | undefined)[]> {
    const rows = await tenantQuery<StatusRow>(
      this.sql,
      tenantId,
      `WITH locked AS MATERIALIZED (
         SELECT m.id FROM messages m
          WHERE ${tenantCheck('m')} AND m.id = ANY($2::uuid[])
          ORDER BY m.id
            FOR UPDATE OF m)
       UPDATE messages m
          SET provider_message_id = COALESCE(m.provider_message_id, s.provider_message_id),
              segments = COALESCE(s.segments, m.segments),
              status = CASE WHEN m.status IN ('queued', 'sending') THEN s.status ELSE m.status END,
              error_code = CASE WHEN m.status IN ('queued', 'sending') THEN s.error_code ELSE m.error_code END,
              sent_at = COALESCE(m.sent_at, s.at),
              failed_at = CASE WHEN s.status = 'failed' AND m.failed_at IS NULL THEN s.at ELSE m.failed_at END,
              campaign_retry_due_at = CASE WHEN m.status IN ('queued', 'sending') AND s.status = 'failed'
                                            AND m.campaign_id IS NOT NULL THEN s.at ELSE m.campaign_retry_due_at END,
              updated_at = s.at
         FROM unnest($2::uuid[], $3::varchar[], $4::smallint[], $5::varchar[], $6::varchar[], $7::timestamptz[])
              AS s(id, provider_message_id, segments, status, error_code, at)
        WHERE ${tenantCheck('m')} AND m.id = s.id AND m.id IN (SELECT id FROM locked) AND ${ASYNC_COMMIT}
        RETURNING ${STATUS_OF_M}`,
      [
        marks.map((k) => k.id),
        marks.map((k) => k.sent.provider_message_id),
        marks.map((k) => k.sent.segments),
        marks.map((k) => k.sent.status),
        marks.map((k) => k.sent.error_code ?? null),
        marks.map((k) => k.now),
      ],
    );
    const byId = new Map(rows.map((r) => [r.id, statusFields(r)]));
    return marks.map((k) => byId.get(k.id));
  }

  /** The campaign's retry policy has decided on this failed send: it is not due any more. */
  async campaignRetryDecided(tenantId: string, id: string): Promise<void> {
    await tenantQuery(
      this.sql,
      tenantId,
      `UPDATE messages SET campaign_retry_due_at = NULL
        WHERE tenant_id = $1 AND id = $2 AND campaign_retry_due_at IS NOT NULL`,
      [id],
    );
  }

  /** Failed campaign sends marked before `before` whose retry policy has not decided yet, oldest first, across tenants. */
  async campaignRetriesDue(before: Date, limit: number): Promise<FailedCampaignSend[]> {
    return (await this.sql.query(
      `SELECT tenant_id, id, idempotency_key, error_code FROM messages
        WHERE campaign_retry_due_at IS NOT NULL AND campaign_retry_due_at < $1
        ORDER BY campaign_retry_due_at LIMIT $2`,
      [before, limit],
    )) as FailedCampaignSend[];
  }

  /**
   * Moves a message on from `from` only (queued or sending): failed, unknown, or back to queued for a retry.
   * `rateLimited`: the provider refused the send for its rate (nothing was sent), counted in `rate_limited` so it
   * does not use up one of the tries for real failures. A campaign send failing from `sending` is marked for its
   * campaign's retry policy (`campaign_retry_due_at`) in the same statement.
   */
  async settle(
    tenantId: string,
    id: string,
    from: MessageStatus,
    to: 'failed' | 'unknown' | 'queued',
    now: Date,
    error: { code?: string | null; message?: string | null } = {},
    rateLimited = false,
  ): Promise<boolean> {
    const rows = await tenantQuery(
      this.sql,
      tenantId,
      `UPDATE messages
          SET status = $4::varchar, error_code = COALESCE($5, error_code), error_message = COALESCE($6, error_message),
              failed_at = CASE WHEN $4::varchar = 'failed' THEN $7 ELSE failed_at END, updated_at = $7,
              rate_limited = rate_limited + $8::smallint,
              campaign_retry_due_at = CASE WHEN $3::varchar = 'sending' AND $4::varchar = 'failed'
                                            AND campaign_id IS NOT NULL THEN $7 ELSE campaign_retry_due_at END
        WHERE tenant_id = $1 AND id = $2 AND status = $3 RETURNING id`,
      [id, from, to, error.code ?? null, error.message ?? null, now, rateLimited ? 1 : 0],
    );
    return rows.length === 1;
  }

  /** Email threading: the conversation's Message-IDs, oldest first, and the last one the lead sent. */
  async threadOf(
    tenantId: string,
    conversationId: string,
    excludeId: string,
  ): Promise<{ references: string[]; inReplyTo: string | undefined; subject: string | undefined }> {
    const rows = await tenantQuery<{ external_thread_id: string; direction: string; subject: string | null }>(
      this.sql,
      tenantId,
      `SELECT external_thread_id, direction, subject FROM (
         SELECT external_thread_id, direction, subject, created_at, id FROM messages
          WHERE tenant_id = $1 AND conversation_id = $2 AND id <> $3 AND external_thread_id IS NOT NULL
          ORDER BY created_at DESC, id DESC LIMIT 20) t
        ORDER BY created_at, id`,
      [conversationId, excludeId],
    );
    const inbound = rows.filter((r) => r.direction === 'inbound');
    return {
      references: rows.map((r) => r.external_thread_id),
      inReplyTo: inbound.at(-1)?.external_thread_id,
      // The newest subject the thread has (an answer with none of its own is sent "Re: " that one's).
      subject: [...rows].reverse().find((r) => r.subject)?.subject ?? undefined,
    };
  }
}

import { Clock, PacedLease, REDIS, RedisScript } from '@app/common';
import { AppConfig } from '@app/config';
import { MessageEntity } from '@app/db';
import { LiveEvents } from '@app/events';
import { countSmsSegments, MessagingChannel, ProviderError, SendResult } from '@app/providers';
import { JobPayloads, JobProducer, OnJob } from '@app/queues';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { AchievementProgress } from '../achievements/achievement-progress.service';
import { CampaignBackPressure } from '../campaign-engine/campaign-back-pressure';
import { CampaignRetriesService } from '../campaign-engine/campaign-retries.service';
import { ProviderOptOutsService } from '../inbound/provider-opt-outs.service';
import { GateRow, judgeGate } from '../campaign-engine/held-messages';
import { ContactPolicyService, PolicyOptions, PolicyRow } from '../contact-policy/contact-policy.service';
import { EmailTracking } from './email-tracking';
import { messageStatusEvent, MessageStatusFields } from './message-status-event';
import { MessagesRepository, OPT_OUT_CONFIRMATION_KEY } from './messages.repository';
import { SEND_TURN_PRIORITY, sendRetryKey } from './send-jobs';
import { replySubject } from './reply-subject';
import { reconcileSend } from './send-reconciler';
import { SenderThrottleService } from './sender-throttle.service';
import { SendingChannels } from './sending-channels';

/** Retryable failures that sent nothing (408, a network error before the request left): this many sends, then fail. */
export const MAX_SEND_ATTEMPTS = 5;
/**
 * Refusals for the provider's rate (429) are not failures: nothing was sent, and the send goes again after the
 * provider's Retry-After or the backoff, for this many refusals (about an hour with the backoff's 5-minute cap).
 */
export const MAX_RATE_LIMITED_SENDS = 20;
const BACKOFF_BASE_MS = 2_000;
/** The statuses of a message the provider took. */
const SENT: ReadonlySet<string> = new Set(['sent', 'delivered', 'read']);
const BACKOFF_MAX_MS = 5 * 60_000;
/** How long past a retry's due time the sweep still takes the retry for pending (a busy queue runs it late). */
const RETRY_MARK_MARGIN_MS = 10 * 60_000;
const RELEASE = new RedisScript(
  `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`,
  1,
  { pipelined: true },
);
/** The send's lease on its message (taken with its slot, or on its own to settle a lost try), and whether it is ours. */
interface SendLease extends PacedLease {
  held: boolean;
}
/** Another process holds the message's lease: the job comes back once it has run out. */
const LEASE_HELD = Symbol('lease held');
/**
 * Whether the message needs its lease before anything is decided on it: a try cut short (`sending` without a
 * provider id, which the look-up settles: never while the send that claimed it may still mark it sent) or a
 * campaign decision lost. A queued one's lease comes with its slot, before its claim (the only way to `sending`).
 */
function underLease(m: MessageEntity): boolean {
  if (m.status === 'queued') return false;
  return (m.status === 'sending' && !m.providerMessageId) || Boolean(m.campaignRetryDueAt);
}
/**
 * Whether the message answers a person in a conversation (an agent's message, the AI's answer to an inbound one,
 * the confirmation of an opt-out) rather than a campaign's or a workflow's automated send: it goes before the
 * sender's line. Behind a campaign's backlog at 1 SMS a second, an answer waited its turn for minutes.
 */
function answersPerson(m: MessageEntity): boolean {
  if (m.sender === 'agent') return true;
  if (m.sender === 'ai') return !m.stepId;
  return m.idempotencyKey.startsWith(OPT_OUT_CONFIRMATION_KEY);
}
/** A send back for its turn in the sender's line (SenderThrottleService.take): due in `turnInMs`. */
interface Turn {
  turnInMs: number;
}
/** When the send's job should come back (ms, or for its turn), or undefined when it is done with. */
type RetryIn = number | Turn | undefined;
/** How soon a send whose claim was refused comes back to be decided again. */
const CLAIM_REFUSED_RETRY_MS = 100;
/** How long a send of unknown outcome is looked up while the provider's look-up keeps failing; then it is unknown. */
export const RECONCILE_FOR_MS = 60 * 60_000;

/**
 * The `messages.send` job: a send at most once (DESIGN §7.6). Under a per-message Redis lease it re-reads the row;
 * a queued row is claimed (`sending`, committed) before the provider call; a `sending` row without a provider id
 * is a send whose outcome was lost, reconciled through the provider's look-up or marked `unknown`, never resent.
 */
@Injectable()
export class MessageSenderService {
  private readonly logger = new Logger(MessageSenderService.name);
  private readonly tracking: EmailTracking;

  constructor(
    private readonly messages: MessagesRepository,
    private readonly channels: SendingChannels,
    private readonly policy: ContactPolicyService,
    private readonly producer: JobProducer,
    private readonly events: LiveEvents,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly throttle: SenderThrottleService,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly retries: CampaignRetriesService,
    private readonly providerOptOuts: ProviderOptOutsService,
    private readonly achievements: AchievementProgress,
    private readonly backPressure: CampaignBackPressure,
  ) {
    this.tracking = new EmailTracking(config.encryptionKey, config.publicBaseUrl);
  }

  @OnJob('messages.send')
  async run(payload: JobPayloads['messages.send']): Promise<void> {
    const { tenant_id: tenantId, message_id: id } = payload;
    const lease: SendLease = {
      key: this.config.redisKey('messages', 'send-lease', id),
      token: randomUUID(),
      ttlMs: this.config.messageSweep.leaseMs,
      held: false,
    };
    let retryInMs: RetryIn | typeof LEASE_HELD;
    let tried: MessageEntity | undefined;
    try {
      // The message and, for an automated campaign message, its campaign's gate, read together.
      let read = await this.messages.findForSend(tenantId, id, this.clock.now());
      if (read?.message.direction === 'outbound' && underLease(read.message)) {
        // A try cut short, or a decision lost: settled under the message's lease, the row read again once it is
        // held (a send that holds it now may be about to mark it sent). Held by another process: it is sending it
        // now, and the job looks again once its lease has run out.
        if (await this.takeLease(lease))
          read = await this.messages.findForSend(tenantId, id, this.clock.now());
        else {
          read = null;
          retryInMs = LEASE_HELD;
        }
      }
      const message = read?.message.direction === 'outbound' ? read.message : undefined;
      if (message?.status === 'queued') {
        // A queued message's lease comes with its slot (SenderThrottleService.take), in one script, before its claim.
        retryInMs = await this.attempt(message, read?.gate ?? null, read?.policy ?? null, lease);
        if (retryInMs !== LEASE_HELD) tried = message;
      } else if (message?.status === 'sending' && !message.providerMessageId) {
        // Its try was cut short (the worker died after the claim): the look-up settles it, or retries it for a while.
        retryInMs = await this.reconcile(message);
        tried = message;
      }
      // Failed by an earlier try of this job, which lost its campaign's decision after the commit.
      else if (message?.campaignRetryDueAt) await this.decide(message, message.errorCode);
    } finally {
      if (lease.held) await RELEASE.run(this.redis, lease.key, lease.token);
    }
    // A step's message tried stops holding its campaign's room for the next steps (CampaignBackPressure); one in
    // the sender's line for its turn keeps it.
    if (tried?.campaignId && (tried.sender === 'system' || tried.sender === 'ai'))
      await this.backPressure.attempted(tenantId, tried.campaignId, tried.idempotencyKey, isTurn(retryInMs));
    // Only once the lease is released: a retry due in a few ms that found it still held would wait out the lease.
    if (retryInMs === LEASE_HELD)
      await this.retryLater(tenantId, id, Math.max(await this.redis.pttl(lease.key), 0) + 1000);
    else if (retryInMs !== undefined) await this.retryLater(tenantId, id, retryInMs);
  }

  /** The message's lease, taken on its own (SET NX), for anything but a queued message's try. */
  private async takeLease(lease: SendLease): Promise<boolean> {
    lease.held = (await this.redis.set(lease.key, lease.token, 'PX', lease.ttlMs, 'NX')) === 'OK';
    return lease.held;
  }

  /** A queued message's turn: checked, paced, claimed and sent; one that does not reach its slot leaves the line. */
  private async attempt(
    m: MessageEntity,
    gateRow: GateRow | null,
    policyRow: PolicyRow | null,
    lease: SendLease,
  ): Promise<RetryIn | typeof LEASE_HELD> {
    const turn = { taken: false };
    try {
      return await this.tryToSend(m, gateRow, policyRow, turn, lease);
    } finally {
      if (!turn.taken) await this.throttle.leave(m.tenantId, m.channel as MessagingChannel, m.id);
    }
  }

  private async tryToSend(
    m: MessageEntity,
    gateRow: GateRow | null,
    policyRow: PolicyRow | null,
    turn: { taken: boolean },
    lease: SendLease,
  ): Promise<RetryIn | typeof LEASE_HELD> {
    if (!m.leadId) {
      // Its lead was erased while it waited: there is no one to send it to, ever.
      await this.finish(m, 'queued', 'failed', { code: 'lead_erased' });
      return;
    }
    // A campaign send's retry written ahead of its backoff: still queued until then.
    const early = (m.sendAfter?.getTime() ?? 0) - this.clock.nowMs();
    if (early > 0) return early;
    let window: PolicyOptions['window'];
    if (m.campaignId && (m.sender === 'system' || m.sender === 'ai')) {
      // A paused campaign or a human override holds it queued (resume / cede release it); a cancel, a reply or an
      // opt-out since it was queued drops it (HeldMessages.gate, read with the message).
      const gate = judgeGate(gateRow);
      if (!gate.go) {
        if (!gate.hold) await this.finish(m, 'queued', 'failed', { code: `campaign:${gate.reason}` });
        return;
      }
      window = gate.window;
    } else if (m.sender === 'ai') {
      // An AI answer that waited for its turn while a human took the conversation over never goes.
      if (!(await this.messages.aiReplyStands(m.tenantId, m.id))) {
        await this.finish(m, 'queued', 'failed', { code: 'ai:human_took_over' });
        return;
      }
      // Automated all the same: within 08:00-21:00 in the lead's local time as it goes (it was written before,
      // maybe as the hours closed, or waited for its slot), else it waits for the morning.
      window = { hours: {} };
    }
    const channel = m.channel as MessagingChannel;
    const exempt = m.idempotencyKey.startsWith(OPT_OUT_CONFIRMATION_KEY) && m.sender === 'system';
    const options: PolicyOptions = {
      template: Boolean(m.template),
      exempt: exempt ? 'opt_out_confirmation' : undefined,
      window,
    };
    // The policy's read came with the message's (findForSend); without it (no lead row), asked on its own.
    const { verdict, address } = policyRow
      ? this.policy.evaluateRow(policyRow, channel, options)
      : await this.policy.evaluate(m.tenantId, m.leadId, channel, options);
    if (!verdict.allowed && verdict.rule === 'outside_window' && verdict.next_open_at) {
      // Past the campaign's window in the lead's local time (it waited): still queued, sent when it opens.
      return Math.max(1000, verdict.next_open_at.getTime() - this.clock.nowMs());
    }
    if (!verdict.allowed || !address) {
      // The lead opted out (or the window closed) while the message waited: it never goes.
      const rule = verdict.allowed ? 'no_address' : verdict.rule;
      await this.finish(m, 'queued', 'failed', {
        code: `policy:${rule}`,
        message: verdict.allowed ? null : verdict.message,
      });
      return;
    }
    const resolved = await this.channels.resolve(m.tenantId, channel);
    // Over the sender's rate (issue 4 item 7): not sent now, still `queued`, the job comes back when it may go.
    turn.taken = true;
    // The message's lease is taken with the slot (or kept: ours already, taken to look it up): from here to its
    // release no other process's job for it gets past this point, nor reconciles it while it is `sending`.
    const slot = await this.throttle.take(
      m.tenantId,
      channel,
      resolved.sender ?? resolved.provider,
      m.id,
      lease,
      answersPerson(m),
    );
    if ('lease_held_ms' in slot) return LEASE_HELD;
    lease.held = true;
    if ('retry_in_ms' in slot) return { turnInMs: slot.retry_in_ms };
    if (slot.hold_ms > 0) await new Promise((resolve) => setTimeout(resolve, slot.hold_ms));
    // Built before the claim (an email reads its thread): a failure here leaves the message queued, never sending.
    const outbound = await this.outbound(m, address, resolved.provider, resolved.webhookKey);
    // Refused: since the checks above, while the send waited for its slot, the lead opted out, a human took the
    // conversation over, or the campaign was paused, cancelled or stopped for the lead. The job comes back at once to
    // decide it as those checks would now (failed with why, or held), instead of leaving it queued with no job.
    const subject = 'subject' in outbound && !m.subject ? outbound.subject || null : null;
    if (!(await this.messages.claim(m.tenantId, m.id, resolved.provider, this.clock.now(), subject)))
      return CLAIM_REFUSED_RETRY_MS;
    this.emit(m.tenantId, { ...m, status: 'sending' });
    let result: SendResult;
    try {
      result = await this.throttle.admit(
        m.tenantId,
        channel,
        resolved.sender ?? resolved.provider,
        `${m.id}:${m.attempts}`,
        () => resolved.port.send(outbound),
      );
    } catch (err) {
      return this.failed(m, err);
    }
    const segments =
      result.segments ?? (channel === 'sms' && m.content ? countSmsSegments(m.content).segments : null);
    const sent = await this.messages.markSent(
      m.tenantId,
      m.id,
      { provider_message_id: result.provider_message_id, status: 'sent', segments },
      this.clock.now(),
    );
    if (sent) await this.sent(m, sent);
  }

  /** Told as sent; the person who wrote it has one more message sent (their achievements). */
  private async sent(m: MessageEntity, marked: MessageStatusFields): Promise<void> {
    this.emit(m.tenantId, marked);
    if (m.senderUserId && SENT.has(marked.status))
      await this.achievements.changed(m.tenantId, m.senderUserId, ['messages_sent', 'inbox_replies']);
  }

  private async outbound(m: MessageEntity, to: string, provider: string, webhookKey: string) {
    const base = this.config.publicBaseUrl.replace(/\/+$/, '');
    const message = {
      channel: m.channel as MessagingChannel,
      to,
      body: m.content ?? undefined,
      template: (m.template as never) ?? undefined,
      media_urls: m.mediaUrls.length ? m.mediaUrls : undefined,
      message_id: m.id,
      status_callback_url:
        provider === 'twilio' || provider === 'simulator'
          ? `${base}/webhooks/twilio/message-status?key=${encodeURIComponent(webhookKey)}&messageId=${m.id}`
          : undefined,
    };
    if (m.channel !== 'email') return message;
    const thread = await this.messages.threadOf(m.tenantId, m.conversationId, m.id);
    const subject = m.subject ?? (thread.subject ? replySubject(thread.subject) : '');
    return {
      ...message,
      subject,
      html: m.content ? this.tracking.html(m.id, m.content) : undefined,
      // Automated and AI email carries a one-click unsubscribe (RFC 8058, asked of bulk senders); a person's own
      // reply in a conversation, and the confirmation of an opt-out, do not.
      ...(m.sender !== 'agent' && !m.idempotencyKey.startsWith(OPT_OUT_CONFIRMATION_KEY)
        ? { unsubscribe_url: this.tracking.unsubscribeUrl(m.id) }
        : {}),
      threading: {
        message_id: m.externalThreadId ?? this.tracking.messageIdHeader(m.id),
        in_reply_to: thread.inReplyTo,
        references: thread.references.length ? thread.references : undefined,
      },
    };
  }

  private async failed(m: MessageEntity, err: unknown): Promise<RetryIn> {
    const error = err instanceof ProviderError ? err : undefined;
    const attempts = m.attempts + 1;
    if (!error || error.mayHaveBeenSent) {
      // The provider may have taken it: stay `sending`; the retry reconciles and never resends blindly.
      this.logger.warn(
        { err, tenant_id: m.tenantId, message_id: m.id },
        'Send outcome unknown; will reconcile',
      );
      return error?.retryAfterMs ?? backoff(attempts);
    }
    const detail = { code: error.providerCode ?? error.kind, message: error.message };
    if (error.kind === 'rate_limited') {
      if (m.rateLimited + 1 >= MAX_RATE_LIMITED_SENDS) await this.finish(m, 'sending', 'failed', detail);
      else if (
        await this.messages.settle(m.tenantId, m.id, 'sending', 'queued', this.clock.now(), detail, true)
      ) {
        await this.emitCurrent(m);
        return error.retryAfterMs ?? backoff(m.rateLimited + 1);
      }
      return undefined;
    }
    // Refusals for the rate sent nothing: they do not count among the tries.
    if (error.retryable && attempts - m.rateLimited < MAX_SEND_ATTEMPTS) {
      if (await this.messages.settle(m.tenantId, m.id, 'sending', 'queued', this.clock.now(), detail)) {
        await this.emitCurrent(m);
        return error.retryAfterMs ?? backoff(attempts);
      }
      return undefined;
    }
    await this.finish(m, 'sending', 'failed', detail);
    return undefined;
  }

  private async reconcile(m: MessageEntity): Promise<RetryIn> {
    const resolved = await this.channels.resolve(m.tenantId, m.channel as MessagingChannel);
    if (resolved.provider !== m.provider) {
      // The tenant switched provider since the send: the one it went through (its claim recorded it) is no longer
      // configured, and the current one's look-up would find another send or none. Its outcome is unknown.
      this.logger.warn(
        { tenant_id: m.tenantId, message_id: m.id, sent_with: m.provider, now_with: resolved.provider },
        'Send could not be reconciled: its provider is no longer configured; unknown',
      );
      await this.finish(m, 'sending', 'unknown', { code: 'outcome_unknown' });
      return;
    }
    // A lead erased since the send leaves no address to look the send up by: its outcome is unknown.
    const { address } = m.leadId
      ? await this.policy.evaluate(m.tenantId, m.leadId, m.channel as MessagingChannel, {
          template: true,
          exempt: 'opt_out_confirmation',
        })
      : { address: null };
    let outcome: Awaited<ReturnType<typeof reconcileSend>>;
    try {
      outcome = await reconcileSend(resolved.port, m, address, (ids) =>
        this.messages.providerIdsHeld(m.tenantId, m.provider, ids),
      );
    } catch (err) {
      // The look-up may work later (an outage, a rate limit), for a while: the claim's time bounds the tries.
      const since = this.clock.nowMs() - m.updatedAt.getTime();
      if (err instanceof ProviderError && err.retryable && since < RECONCILE_FOR_MS)
        return err.retryAfterMs ?? backoff(m.attempts);
      outcome = undefined;
    }
    if (!outcome) {
      this.logger.warn({ tenant_id: m.tenantId, message_id: m.id }, 'Send could not be reconciled: unknown');
      await this.finish(m, 'sending', 'unknown', { code: 'outcome_unknown' });
      return;
    }
    const marked = await this.messages.markSent(m.tenantId, m.id, outcome, this.clock.now());
    if (marked) await this.sent(m, marked);
    // The provider's record says it failed: the campaign's retry policy decides, as for any failed send.
    if (outcome.status === 'failed') {
      if (m.campaignId) await this.decide(m, outcome.error_code ?? null);
      await this.optedOutWithProvider(m, { code: outcome.error_code, message: null });
    }
  }

  private async finish(
    m: MessageEntity,
    from: 'queued' | 'sending',
    to: 'failed' | 'unknown',
    error: { code?: string | null; message?: string | null },
  ): Promise<void> {
    if (!(await this.messages.settle(m.tenantId, m.id, from, to, this.clock.now(), error))) return;
    await this.emitCurrent(m);
    // A campaign's send the provider refused (an invalid number, an outage past its tries): the campaign's retry
    // policy decides, as for a failure its status callback reports (marked by the settle: a decision lost here is
    // made by this job's retry, or by the campaign tick's sweep).
    if (from === 'sending' && to === 'failed' && m.campaignId) await this.decide(m, error.code ?? null);
    if (to === 'failed') await this.optedOutWithProvider(m, error);
  }

  /** A failure that says the person opted out with the provider opts the lead out here too. */
  private optedOutWithProvider(
    m: MessageEntity,
    error: { code?: string | null; message?: string | null },
  ): Promise<void> {
    return this.providerOptOuts.onFailed(m.tenantId, {
      id: m.id,
      lead_id: m.leadId,
      conversation_id: m.conversationId,
      channel: m.channel,
      error_code: error.code ?? null,
      error_message: error.message ?? null,
    });
  }

  private async decide(m: MessageEntity, errorCode: string | null): Promise<void> {
    await this.retries.decide({
      tenant_id: m.tenantId,
      id: m.id,
      idempotency_key: m.idempotencyKey,
      error_code: errorCode,
    });
  }

  private async retryLater(tenantId: string, id: string, retry: number | Turn): Promise<void> {
    const turn = typeof retry === 'number' ? undefined : retry;
    const delayMs = turn ? turn.turnInMs : (retry as number);
    // While a retry is due the message may sit `queued`: the sweep of lost enqueues leaves it alone.
    await this.redis.set(sendRetryKey(this.config, id), '1', 'PX', Math.ceil(delayMs) + RETRY_MARK_MARGIN_MS);
    await this.producer.enqueue(
      'messages.send',
      { tenant_id: tenantId, message_id: id },
      { delay: delayMs, ...(turn ? { priority: SEND_TURN_PRIORITY } : {}) },
    );
  }

  private async emitCurrent(m: MessageEntity): Promise<void> {
    const now = await this.messages.findById(m.tenantId, m.id);
    if (now) this.emit(m.tenantId, now);
  }

  private emit(tenantId: string, m: MessageStatusFields): void {
    this.events.toConversation(
      tenantId,
      m.conversationId,
      'message.status',
      messageStatusEvent(m, this.clock.now()),
    );
  }
}

function isTurn(retry: RetryIn | typeof LEASE_HELD): retry is Turn {
  return typeof retry === 'object';
}

function backoff(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

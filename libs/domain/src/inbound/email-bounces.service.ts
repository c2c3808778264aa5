import { Clock } from '@app/common';
import { SqlRunner, tenantQuery } from '@app/db';
import type { EmailBounce, InboundMessage } from '@app/providers';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import { stopOnOptOut } from '../campaign-engine/enrollment-stops';
import { refreshContactFlags } from '../dnc/contact-flags';
import { listAddresses } from '../dnc/dnc-listing';
import { InboundEnrollmentStops } from './inbound-enrollment-stops';
import type { InboundEventRef } from './inbound-follow-ups';
import { MessageStatusService, StatusBatchResult } from './message-status.service';

/** The send a bounce is about, locked. */
interface BouncedSend {
  id: string;
  lead_id: string | null;
  provider: string;
  provider_message_id: string | null;
  external_thread_id: string | null;
  /** The lead's email now (lowercase), where the bounce names no recipient. */
  email: string | null;
  /** Found by a Message-ID of ours the report quotes, which only a mail server that had the email can know. */
  quoted: boolean;
}

const SEND_COLUMNS = `m.id, m.lead_id, m.provider, m.provider_message_id, m.external_thread_id, lower(l.email) AS email`;

/**
 * A bounce is a mail server's report about one of our emails, not the lead's words: it is never stored as a
 * reply, never creates a lead (MAILER-DAEMON is nobody), never stops a sequence as a reply would, and is not
 * classified. It finds its send by the Message-IDs it quotes (the report's copy of the headers, In-Reply-To,
 * References), else by the failed recipient's latest email. A failure moves the send to `failed` (forward only, as
 * a status callback would, with `bounce:<status>` and the server's words); a permanent one (5.x.x, or "no such
 * mailbox") that quotes one of our Message-IDs also puts the address on the do-not-contact list for email (reason
 * `bounce`) and stops the lead's email sequences (`bounced`): a report found by its recipient alone could come from
 * anyone who knows the address, and closes nothing. A delay warning changes nothing but the activity log.
 */
@Injectable()
export class EmailBouncesService {
  private readonly logger = new Logger(EmailBouncesService.name);

  constructor(
    private readonly db: DataSource,
    private readonly statuses: MessageStatusService,
    private readonly activity: ActivityService,
    private readonly clock: Clock,
    private readonly progress: CampaignProgress,
    private readonly stops: InboundEnrollmentStops,
  ) {}

  /** Applies the bounce; answers the lead of the send it was about, or null when it names none of ours. */
  async apply(
    tenantId: string,
    event: InboundEventRef,
    message: InboundMessage,
    bounce: EmailBounce,
  ): Promise<string | null> {
    const ids = [
      bounce.original_message_id,
      message.threading?.in_reply_to,
      ...(message.threading?.references ?? []).slice().reverse(),
    ].filter((id): id is string => !!id);
    const now = this.clock.now();
    // The leads whose campaigns' totals the bounce moved: those the address's entry flagged (opted_out), and the
    // lead whose email sequences it stopped.
    let flagged: string[] = [];
    // The campaigns whose email sequence of the lead the bounce stopped.
    let stopped: string[] = [];
    const outcome = await this.db.transaction(async (tx) => {
      // Applied once: the event is held, and marked applied in this transaction (a run of its job again, after
      // a failure past the commit, finds it done and records no second bounce).
      const [pending] = await tenantQuery<{ id: string }>(
        tx,
        tenantId,
        `SELECT id FROM webhook_events WHERE tenant_id = $1 AND id = $2 AND processed_at IS NULL FOR UPDATE`,
        [event.id],
      );
      if (!pending) return 'applied' as const;
      const sent = await bouncedSend(tx, tenantId, ids, bounce.recipient);
      await tenantQuery(
        tx,
        tenantId,
        `WITH done AS (
           UPDATE webhook_events SET processed_at = now(), lead_id = $3 WHERE tenant_id = $1 AND id = $2 RETURNING id)
         SELECT id FROM done`,
        [event.id, sent?.lead_id ?? null],
      );
      if (!sent) return null;
      let result: StatusBatchResult = { outcomes: [], leads: [], moved: [] };
      if (bounce.action === 'failed') {
        result = await this.statuses.applyBatch(tx, tenantId, [
          {
            provider: sent.provider,
            message_id: sent.id,
            update: {
              provider_message_id: sent.provider_message_id ?? sent.external_thread_id ?? sent.id,
              status: 'failed',
              error_code: `bounce:${bounce.status ?? 'unknown'}`,
              error_message: bounce.diagnostic ?? 'The receiving mail server returned the message',
            },
          },
        ]);
      }
      const address = bounce.recipient ?? sent.email;
      // Anyone can mail a report naming an address: only one that quotes our email closes the address.
      const closed = bounce.permanent && sent.quoted && sent.lead_id && address;
      if (closed) {
        // An entry the lead's STOP made becomes the bounce's: their START must not reopen a dead address.
        await listAddresses(
          tx,
          tenantId,
          [{ phone: null, email: address, channel: 'email', reason: 'bounce' }],
          null,
        );
        flagged = await refreshContactFlags(tx, tenantId, { emails: [address] });
        stopped = await stopOnOptOut(tx, tenantId, sent.lead_id as string, 'email', now, null, 'bounced');
        flagged = [...new Set([...flagged, sent.lead_id as string])];
      }
      await this.activity.record(
        tenantId,
        null,
        {
          type: bounce.action === 'failed' ? 'message.bounced' : 'message.delayed',
          description: closed
            ? 'An email bounced: the address does not exist and is now on the do-not-contact list for email'
            : bounce.action === 'failed' && bounce.permanent && !sent.quoted
              ? 'An email could not be delivered; the report quotes none of our emails, so the address stays open'
              : bounce.action === 'failed'
                ? 'An email could not be delivered'
                : 'The receiving mail server is still trying to deliver an email',
          status: bounce.action === 'failed' ? 'failure' : 'success',
          data: {
            message_id: sent.id,
            lead_id: sent.lead_id,
            status: bounce.status,
            permanent: bounce.permanent,
            quoted: sent.quoted,
            report_event_id: event.id,
          },
        },
        tx,
      );
      return { sent, result };
    });
    if (outcome === 'applied') return null;
    if (!outcome) {
      this.logger.warn(
        { tenant_id: tenantId, event_id: event.id, recipient: bounce.recipient },
        'A bounce names no email of ours; dropped',
      );
      return null;
    }
    // The inbox sees the send fail; a campaign's send goes to its retry policy (a stopped sequence has none).
    await this.statuses.publish(tenantId, outcome.result.moved);
    // Their running campaigns count them in opted_out now (after commit, not awaited), whatever send bounced.
    void this.progress.notifyLeads(tenantId, flagged);
    if (outcome.sent.lead_id) await this.stops.handBack(tenantId, outcome.sent.lead_id, stopped);
    return outcome.sent.lead_id;
  }
}

/** The email a bounce is about, locked: by the Message-IDs it quotes, else the latest email to the recipient. */
async function bouncedSend(
  tx: SqlRunner,
  tenantId: string,
  ids: string[],
  recipient: string | null,
): Promise<BouncedSend | undefined> {
  if (ids.length) {
    const [byId] = await tenantQuery<BouncedSend>(
      tx,
      tenantId,
      `SELECT ${SEND_COLUMNS} FROM messages m
         LEFT JOIN leads l ON l.tenant_id = m.tenant_id AND l.id = m.lead_id
        WHERE m.tenant_id = $1 AND m.external_thread_id = ANY($2::text[])
          AND m.channel = 'email' AND m.direction = 'outbound'
        ORDER BY array_position($2::text[], m.external_thread_id::text)
        LIMIT 1
        FOR UPDATE OF m`,
      [ids],
    );
    if (byId) return { ...byId, quoted: true };
  }
  if (!recipient) return undefined;
  const [byRecipient] = await tenantQuery<BouncedSend>(
    tx,
    tenantId,
    `SELECT ${SEND_COLUMNS} FROM lead_identities i
       JOIN messages m ON m.tenant_id = i.tenant_id AND m.lead_id = i.lead_id
       JOIN leads l ON l.tenant_id = m.tenant_id AND l.id = m.lead_id
      WHERE i.tenant_id = $1 AND i.channel = 'email' AND i.address = $2
        AND m.channel = 'email' AND m.direction = 'outbound' AND m.status IN ('sending', 'sent', 'delivered', 'read')
      ORDER BY m.created_at DESC
      LIMIT 1
      FOR UPDATE OF m`,
    [recipient],
  );
  return byRecipient && { ...byRecipient, quoted: false };
}

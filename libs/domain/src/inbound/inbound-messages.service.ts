import { Clock } from '@app/common';
import { LeadEntity, tenantQuery } from '@app/db';
import type { InboundMessage } from '@app/providers';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { inboundMessageEntry } from '../activity/traffic-entries';
import { stopOnOptOut, stopOnReply } from '../campaign-engine/enrollment-stops';
import { inboundNotification } from '../notifications/inbound-notification';
import { NotificationWriter } from '../notifications/notification-writer';
import { EmailBouncesService } from './email-bounces.service';
import { InboundEnrollmentStops } from './inbound-enrollment-stops';
import type { LoggedBy } from './inbound-event';
import { InboundEventRef, InboundFollowUps } from './inbound-follow-ups';
import {
  findOrCreateLead,
  MAX_ADDRESS_LENGTH,
  otherLeadOfSender,
  senderAddress,
} from './inbound-lead.resolver';
import {
  bumpConversation,
  findEmailThread,
  inboundSentAt,
  insertInbound,
  openConversation,
} from './inbound-message.store';
import { messageOptKeyword } from './opt-out-keywords';
import { dropUnrecordedFiles, holdPendingEvent } from './pending-events-erasure';
import { recordOptIn, recordOptOut } from './opt-out.recorder';

/**
 * A lead's message, in the worker: finds or creates the lead through its identities (an email through its
 * thread first), opens or reuses the conversation, records the message once and, with it, a STOP / START, tells
 * the inbox, confirms an opt-out once, and queues the message's classification.
 */
@Injectable()
export class InboundMessagesService {
  private readonly logger = new Logger(InboundMessagesService.name);

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly bounces: EmailBouncesService,
    private readonly activity: ActivityService,
    private readonly followUps: InboundFollowUps,
    private readonly stops: InboundEnrollmentStops,
    private readonly notifications: NotificationWriter,
  ) {}

  /**
   * Answers the id of the lead the message came from (found or created); for a bounce, the lead of the email it
   * reports on, or null (EmailBouncesService: a mail server's report is no one's reply). Null as well when the
   * event is no longer to apply: a concurrent job applied it, or its lead was erased while it waited; and when
   * its sender's address is longer than any address (it is dropped, with a warning). A message a user logged by
   * hand (`logged`) is on the lead they named, found by id rather than by its address, and carries who logged it.
   */
  async apply(
    tenantId: string,
    event: InboundEventRef,
    message: InboundMessage,
    logged?: LoggedBy,
  ): Promise<string | null> {
    if (message.bounce) return this.bounces.apply(tenantId, event, message, message.bounce);
    const sender = senderAddress(message);
    if (sender.address.length > MAX_ADDRESS_LENGTH) {
      // No phone, email, chat id or sender id is this long: nobody to record it for.
      this.logger.warn(
        { tenant_id: tenantId, event_id: event.id, channel: message.channel, length: sender.address.length },
        'Inbound message from an address too long to be anyone: dropped',
      );
      await dropUnrecordedFiles(this.db, tenantId, message);
      return null;
    }
    const keyword = messageOptKeyword(message);
    const now = this.clock.now();
    // The campaigns whose enrollment of the lead the message stopped (replied, opted out): their totals moved, as
    // did the replied total of the campaign the message answers.
    const stopped: string[] = [];
    const outcome = await this.db.transaction(async (tx) => {
      if (!(await holdPendingEvent(tx, tenantId, event.id))) return null;
      const found =
        message.channel === 'email' ? await findEmailThread(tx, tenantId, message.threading) : undefined;
      const thread =
        found && !(await otherLeadOfSender(tx, tenantId, sender, found.lead_id)) ? found : undefined;
      const knownLeadId = logged?.lead_id ?? thread?.lead_id;
      const { lead, created } = knownLeadId
        ? { lead: await tx.findOneByOrFail(LeadEntity, { id: knownLeadId, tenantId }), created: false }
        : await findOrCreateLead(tx, tenantId, sender, message.sender_name);
      const conversationId =
        thread?.conversation_id ?? (await openConversation(tx, tenantId, lead.id, message.channel));
      const row = await insertInbound(tx, tenantId, {
        conversationId,
        leadId: lead.id,
        provider: event.provider,
        message,
        now,
        logged,
      });
      const sentAt = inboundSentAt(message, now);
      const bumped = row
        ? await bumpConversation(tx, tenantId, conversationId, now, sentAt, message.sender_handle ?? null)
        : undefined;
      // A STOP / START counts once, when its message is first recorded: a run of its job again after the lead's
      // next keyword (its enqueue after commit failed, say) must not undo that one; nor does one the lead sent
      // before the keyword last applied.
      const optedOut =
        !!row && keyword?.kind === 'opt_out' && (await recordOptOut(tx, tenantId, lead, sender, sentAt));
      if (row && keyword?.kind === 'opt_in') await recordOptIn(tx, tenantId, lead, sender, sentAt);
      // A STOP is confirmed when its first recording opted the lead out (a second STOP, or one the lead sent
      // before their START, gets none). That decision is kept on the event, and a run of its job again after the
      // message was recorded (the confirmation's send failed, say) confirms only what it decided.
      const confirm =
        keyword?.kind === 'opt_out' &&
        (await confirmationDecision(tx, tenantId, event.id, row ? optedOut : undefined));
      if (row) {
        const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ') || sender.address;
        await this.activity.record(
          tenantId,
          logged ? { userId: logged.user_id, apiKeyId: logged.api_key_id } : null,
          inboundMessageEntry(message.channel, name, {
            lead_id: lead.id,
            conversation_id: conversationId,
            message_id: row.id,
          }),
          tx,
        );
        // An opt-out stops the channel's sequences as opted out; any other message is a reply that stops the rest.
        if (keyword?.kind === 'opt_out')
          stopped.push(...(await stopOnOptOut(tx, tenantId, lead.id, message.channel, now)));
        stopped.push(...(await stopOnReply(tx, tenantId, lead.id, now)));
      }
      const notifications =
        row && bumped?.assigned_user_id
          ? await this.notifications.create(
              tx,
              tenantId,
              [bumped.assigned_user_id],
              inboundNotification(lead, sender.address, conversationId, row),
              now,
            )
          : [];
      return { lead, created, conversationId, row, bumped, confirm, notifications };
    });
    if (!outcome) {
      // Applied by a concurrent job, or erased with its lead (GDPR Art. 17) while it waited.
      await dropUnrecordedFiles(this.db, tenantId, message);
      return null;
    }
    await this.stops.after(tenantId, outcome.lead.id, outcome.row?.id, stopped);
    this.notifications.announce(outcome.notifications);
    await this.followUps.run(tenantId, event, message, keyword, outcome, now);
    return outcome.lead.id;
  }
}

/**
 * Whether to confirm the STOP of this event. Its first recording (`decided`: whether it opted the lead out) keeps
 * the answer on the event, in its transaction; a later run (`decided` undefined: the message was recorded already)
 * reads it. An event recorded before the answer was kept (null) is confirmed, as it was then: the confirmation's
 * idempotency key still keeps it to one.
 */
async function confirmationDecision(
  tx: EntityManager,
  tenantId: string,
  eventId: string,
  decided: boolean | undefined,
): Promise<boolean> {
  if (decided !== undefined) {
    await tenantQuery(
      tx,
      tenantId,
      `WITH kept AS (
         UPDATE webhook_events SET confirm_opt_out = $3 WHERE tenant_id = $1 AND id = $2 RETURNING id)
       SELECT id FROM kept`,
      [eventId, decided],
    );
    return decided;
  }
  const [event] = await tenantQuery<{ confirm_opt_out: boolean | null }>(
    tx,
    tenantId,
    `SELECT confirm_opt_out FROM webhook_events WHERE tenant_id = $1 AND id = $2`,
    [eventId],
  );
  return event?.confirm_opt_out ?? true;
}

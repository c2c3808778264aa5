import { Clock } from '@app/common';
import type { LeadOptEvent } from '@app/events';
import { LeadEntity, tenantQuery } from '@app/db';
import { isRecipientOptOut, type MessagingChannel, type ProviderOptOut } from '@app/providers';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { stopOnOptOut } from '../campaign-engine/enrollment-stops';
import { OptOutNotifier } from './opt-out.notifier';
import { InboundEnrollmentStops } from './inbound-enrollment-stops';
import { identitiesOf, SenderAddress, senderAddress } from './inbound-lead.resolver';
import { recordOptOut } from './opt-out.recorder';
import { holdPendingEvent } from './pending-events-erasure';

/** A send that has just moved to `failed`, with what the provider said. */
export interface RefusedSend {
  id: string;
  lead_id: string | null;
  conversation_id: string | null;
  channel: string;
  error_code: string | null;
  error_message: string | null;
}

const WHY: Record<string, string> = {
  sms: 'the number replied STOP to ours at the provider (Twilio 21610)',
  telegram: 'the person blocked the bot',
};

/**
 * A send the provider refused because the person opted out with it (isRecipientOptOut): the lead is opted out of
 * that channel as their STOP would (listed, flagged, its sequences on the channel stopped; DESIGN §7.1), so that
 * nothing else is sent into a refusal; their START (or /start) opens it again. Called once the failure committed;
 * it never throws: if it is lost, the next refused send records it. An opt-out the provider tells of by itself (a
 * Telegram user blocking the bot) is recorded the same way, by the worker applying its webhook event (`onTold`).
 */
@Injectable()
export class ProviderOptOutsService {
  private readonly logger = new Logger(ProviderOptOutsService.name);

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly optOuts: OptOutNotifier,
    private readonly activity: ActivityService,
    private readonly stops: InboundEnrollmentStops,
  ) {}

  async onFailed(tenantId: string, send: RefusedSend): Promise<void> {
    const leadId = send.lead_id;
    if (!leadId || !isRecipientOptOut(send.channel, send.error_code, send.error_message)) return;
    try {
      await this.optOut(tenantId, leadId, send);
    } catch (err) {
      this.logger.warn(
        { err, tenant_id: tenantId, message_id: send.id },
        "A provider's opt-out was not recorded; the next refused send records it",
      );
    }
  }

  /**
   * The worker's half of an opt-out event (`kind: 'opt_out'`): the lead whose identity is the sender (a Telegram
   * chat) is opted out of the channel as a refused send would, dated when it happened, so a /start the person sent
   * after it stands. Answers the lead's id, or null when no lead of ours has that address (nothing changes) or the
   * event is no longer to apply (applied by a concurrent job, or erased with its lead).
   */
  async onTold(tenantId: string, eventId: string, told: ProviderOptOut): Promise<string | null> {
    const channel = told.channel;
    const now = this.clock.now();
    const sentAt = new Date(told.occurred_at);
    const outcome = await this.db.transaction(async (tx) => {
      if (!(await holdPendingEvent(tx, tenantId, eventId))) return null;
      const wanted = identitiesOf(senderAddress({ channel, from: told.from }));
      const [owner] = await tenantQuery<{ lead_id: string; conversation_id: string | null }>(
        tx,
        tenantId,
        `SELECT i.lead_id, c.id AS conversation_id FROM lead_identities i
           LEFT JOIN conversations c ON c.tenant_id = i.tenant_id AND c.lead_id = i.lead_id AND c.channel = $4
          WHERE i.tenant_id = $1 AND i.channel = $2 AND i.address = $3`,
        [wanted[0].channel, wanted[0].address, channel],
      );
      if (!owner) return null;
      // FOR NO KEY UPDATE, as in optOut.
      const lead = await tx.findOne(LeadEntity, {
        where: { tenantId, id: owner.lead_id },
        lock: { mode: 'for_no_key_update' },
      });
      if (!lead) return null;
      const changed = await this.record(
        tx,
        tenantId,
        lead,
        { channel, address: wanted[0].address, phone: null },
        Number.isNaN(sentAt.getTime()) ? now : sentAt,
        {
          description: `The provider told that ${WHY[channel] ?? 'the person opted out'}: opted out of ${channel}`,
          data: { event_id: eventId },
        },
      );
      // A stale block (a /start came after it) changed nothing, and stops nothing.
      const stopped = changed ? await stopOnOptOut(tx, tenantId, lead.id, channel, now) : [];
      return { leadId: lead.id, conversationId: owner.conversation_id, changed, stopped };
    });
    if (outcome?.changed)
      this.announce(
        tenantId,
        outcome.leadId,
        channel,
        now,
        { conversation_id: outcome.conversationId, message_id: null, event_id: eventId },
        outcome.stopped,
      );
    if (outcome) await this.stops.handBack(tenantId, outcome.leadId, outcome.stopped);
    return outcome?.leadId ?? null;
  }

  private async optOut(tenantId: string, leadId: string, send: RefusedSend): Promise<void> {
    const channel = send.channel as MessagingChannel;
    const now = this.clock.now();
    const { optedOut, stopped } = await this.db.transaction(async (tx) => {
      // FOR NO KEY UPDATE: a send of a sequence stopped below holds its enrollment, then its message takes a
      // key-share on the lead, which FOR UPDATE would refuse (a deadlock).
      const lead = await tx.findOne(LeadEntity, {
        where: { tenantId, id: leadId },
        lock: { mode: 'for_no_key_update' },
      });
      if (!lead) return { optedOut: false, stopped: [] };
      // The lead's own number is the one the send went to (the recorder lists it under the channel).
      const changed = await this.record(
        tx,
        tenantId,
        lead,
        { channel, address: lead.phoneNormalized ?? '', phone: null },
        now,
        {
          description: `A ${channel} message was refused because ${WHY[channel]}: opted out of ${channel}`,
          data: { message_id: send.id, error_code: send.error_code },
        },
      );
      const stopped = await stopOnOptOut(tx, tenantId, lead.id, channel, now);
      return { optedOut: changed, stopped };
    });
    if (optedOut)
      this.announce(
        tenantId,
        leadId,
        channel,
        now,
        { conversation_id: send.conversation_id, message_id: send.id, event_id: null },
        stopped,
      );
    await this.stops.handBack(tenantId, leadId, stopped);
  }

  /** Opts the locked lead out of the channel, with its activity entry when that changed anything; answers whether. */
  private async record(
    tx: EntityManager,
    tenantId: string,
    lead: LeadEntity,
    sender: SenderAddress,
    at: Date,
    entry: { description: string; data: Record<string, unknown> },
  ): Promise<boolean> {
    const changed = await recordOptOut(tx, tenantId, lead, sender, at);
    if (changed) {
      await this.activity.record(
        tenantId,
        null,
        {
          type: 'lead.opted_out',
          description: entry.description,
          data: { lead_id: lead.id, channel: sender.channel, source: 'provider', ...entry.data },
        },
        tx,
      );
    }
    return changed;
  }

  private announce(
    tenantId: string,
    leadId: string,
    channel: MessagingChannel,
    now: Date,
    refs: Pick<LeadOptEvent, 'conversation_id' | 'message_id' | 'event_id'>,
    stopped: string[],
  ): void {
    this.optOuts.announce(
      tenantId,
      'opt_out',
      {
        lead_id: leadId,
        channel,
        keyword: null,
        source: 'provider',
        ...refs,
        timestamp: now.toISOString(),
      },
      stopped,
    );
  }
}

import { Clock } from '@app/common';
import { LeadEntity } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { stopOnOptOut } from '../campaign-engine/enrollment-stops';
import { EmailOpensService } from '../messaging/email-opens.service';
import { InboundEnrollmentStops } from './inbound-enrollment-stops';
import { OptOutNotifier } from './opt-out.notifier';
import { recordOptOut } from './opt-out.recorder';

/**
 * The unsubscribe link of an outbound email (RFC 2369 List-Unsubscribe, RFC 8058 one-click, which Gmail and Yahoo
 * ask of bulk senders): its HMAC names the message; the reader's lead is opted out of email exactly as an emailed
 * STOP does (listed, flagged, its email sequences stopped as opted out; DESIGN §7.1). Idempotent.
 */
@Injectable()
export class EmailUnsubscribeService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly opens: EmailOpensService,
    private readonly optOuts: OptOutNotifier,
    private readonly activity: ActivityService,
    private readonly stops: InboundEnrollmentStops,
  ) {}

  /** Whether the link is genuine (its message one of ours): then its lead is opted out of email, once. */
  async unsubscribe(messageId: string, token: unknown): Promise<boolean> {
    if (!this.opens.tracking.verifyUnsubscribe(messageId, token)) return false;
    const [route] = (await this.db.query(
      `SELECT tenant_id, lead_id, conversation_id FROM messages
        WHERE id = $1 AND direction = 'outbound' AND channel = 'email'`,
      [messageId],
    )) as { tenant_id: string; lead_id: string | null; conversation_id: string }[];
    if (!route) return false;
    // The lead was erased since: nothing of them is left to contact.
    if (!route.lead_id) return true;
    const tenantId = route.tenant_id;
    const leadId = route.lead_id;
    const now = this.clock.now();
    const { optedOut, stopped } = await this.db.transaction(async (tx) => {
      // FOR NO KEY UPDATE: a send of the sequence stopped below holds its enrollment, then its message takes a
      // key-share on the lead, which FOR UPDATE would refuse (a deadlock).
      const lead = await tx.findOne(LeadEntity, {
        where: { tenantId, id: leadId },
        lock: { mode: 'for_no_key_update' },
      });
      if (!lead?.email) return { optedOut: false, stopped: [] };
      const changed = await recordOptOut(
        tx,
        tenantId,
        lead,
        { channel: 'email', address: lead.email.toLowerCase(), phone: null },
        now,
      );
      const stopped = await stopOnOptOut(tx, tenantId, lead.id, 'email', now);
      if (changed) {
        await this.activity.record(
          tenantId,
          null,
          {
            type: 'lead.opted_out',
            description: "The lead unsubscribed from email with an email's unsubscribe link: opted out",
            data: { lead_id: lead.id, message_id: messageId, channel: 'email', source: 'unsubscribe_link' },
          },
          tx,
        );
      }
      return { optedOut: changed, stopped };
    });
    if (optedOut) {
      this.optOuts.announce(
        tenantId,
        'opt_out',
        {
          lead_id: leadId,
          channel: 'email',
          keyword: null,
          source: 'unsubscribe_link',
          conversation_id: route.conversation_id,
          message_id: messageId,
          event_id: null,
          timestamp: now.toISOString(),
        },
        stopped,
      );
    }
    await this.stops.handBack(tenantId, leadId, stopped);
    return true;
  }
}

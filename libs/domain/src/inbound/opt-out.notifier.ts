import { AppError, ErrorCode } from '@app/common';
import { LeadOptEvent, LiveEvents } from '@app/events';
import type { MessagingChannel } from '@app/providers';
import { Injectable, Logger } from '@nestjs/common';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import { OutboundMessagesService } from '../messaging/outbound-messages.service';
import { replySubject } from '../messaging/reply-subject';
import { OPT_OUT_CONFIRMATION } from './opt-out-keywords';

/** An opt-out to confirm: the lead, its channel, the subject it wrote under (email) and the confirmation's key. */
export interface OptOutConfirmation {
  lead_id: string;
  channel: MessagingChannel;
  subject?: string | null;
  /** One confirmation per key: `opt-out-confirmation:<event id>` (STOP), `...:classified:<message id>`. */
  idempotency_key: string;
}

/**
 * What follows an opt-out or opt-in once it is committed, whichever way it came (a STOP keyword, or a reply the
 * classifier read as an unsubscribe, an unsubscribe link, a provider's refusal): the live events (the lead's, and
 * `campaign:progress` of the campaigns whose opted_out it moved), and the one confirmation an opt-out gets (DESIGN
 * §7.1).
 */
@Injectable()
export class OptOutNotifier {
  private readonly logger = new Logger(OptOutNotifier.name);

  constructor(
    private readonly events: LiveEvents,
    private readonly outbound: OutboundMessagesService,
    private readonly progress: CampaignProgress,
  ) {}

  /** `stopped`: the campaigns whose enrollments of the lead the opt-out stopped. */
  announce(
    tenantId: string,
    kind: 'opt_out' | 'opt_in',
    event: LeadOptEvent,
    stopped: Iterable<string> = [],
  ): void {
    const name = kind === 'opt_out' ? 'lead.opted_out' : 'lead.opted_in';
    // An inbox event: to those who may read the conversation it came in (an agent, only one assigned to them); one
    // that came in none (a Telegram user who blocked the bot) to the staff.
    if (event.conversation_id) this.events.toConversation(tenantId, event.conversation_id, name, event);
    else this.events.toStaff(tenantId, name, event);
    // Never rejects, and not waited for: its count is the dashboard's.
    void this.progress.notifyOptOut(tenantId, event.lead_id, event.channel, stopped);
  }

  /** One confirmation per key, exempt from the opt-out it confirms (DESIGN §7.1). */
  async confirm(tenantId: string, input: OptOutConfirmation): Promise<void> {
    try {
      await this.outbound.send(tenantId, {
        lead_id: input.lead_id,
        channel: input.channel,
        body: OPT_OUT_CONFIRMATION,
        ...(input.channel === 'email'
          ? { subject: input.subject ? replySubject(input.subject) : 'Unsubscribed' }
          : {}),
        sender: 'system',
        idempotency_key: input.idempotency_key,
        policy_exempt: 'opt_out_confirmation',
      });
    } catch (err) {
      // Another rule forbids even the confirmation (the person is on the list for all channels, say): the opt-out
      // stands, and a retry would be refused the same way.
      if (err instanceof AppError && err.code === ErrorCode.POLICY_VIOLATION) {
        this.logger.warn(
          { tenant_id: tenantId, lead_id: input.lead_id, err },
          'Opt-out confirmation not sent',
        );
        return;
      }
      throw err;
    }
  }
}

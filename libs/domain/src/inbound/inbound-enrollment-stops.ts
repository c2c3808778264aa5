import { Injectable } from '@nestjs/common';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import { WorkflowHeldSends } from '../workflows/workflow-held-sends';

/**
 * What follows, once committed, an inbound message (or its classification) that stopped or moved the lead's
 * enrollments (a reply, an opt-out, a meeting request, an out-of-office resume): the
 * campaigns' totals moved (and the replied total of the campaign the message answers), and when one of them was the
 * paused enrollment by which a human held the lead and nothing else holds it now, the lead is handed back: its held
 * workflow sends go now, as after a cede.
 */
@Injectable()
export class InboundEnrollmentStops {
  constructor(
    private readonly progress: CampaignProgress,
    private readonly heldSends: WorkflowHeldSends,
  ) {}

  async after(
    tenantId: string,
    leadId: string,
    messageId: string | undefined,
    stopped: string[],
  ): Promise<void> {
    // Never rejects, and not waited for: its count is the dashboard's, never the message's.
    if (messageId) void this.progress.notifyReply(tenantId, messageId, stopped);
    else for (const campaignId of new Set(stopped)) void this.progress.notify(tenantId, campaignId);
    if (stopped.length) await this.heldSends.release(tenantId, [leadId]);
  }
}

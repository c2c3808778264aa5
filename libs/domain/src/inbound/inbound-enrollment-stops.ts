import { Injectable } from '@nestjs/common';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import { WorkflowHeldSends } from '../workflows/workflow-held-sends';

/**
 * What follows, once committed, whatever stopped or moved the lead's enrollments from outside the campaign: an
 * inbound message or its classification (a reply, an opt-out, a meeting request, an out-of-office resume), a
 * bounce, a provider's opt-out, an unsubscribe link. The campaigns' totals moved (`after`: and the replied total of
 * the campaign the message answers), and when one of the stopped enrollments was the paused one by which a human
 * held the lead and nothing else holds it now, the lead is handed back (`handBack`): its held workflow sends go
 * now, as after a cede.
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
    await this.handBack(tenantId, leadId, stopped);
  }

  /**
   * The lead's held workflow sends, released when enrollments of it were stopped (`stopped`: their campaigns),
   * for a caller that moves the campaigns' totals itself. Never rejects.
   */
  async handBack(tenantId: string, leadId: string, stopped: readonly string[]): Promise<void> {
    if (stopped.length) await this.heldSends.release(tenantId, [leadId]);
  }
}

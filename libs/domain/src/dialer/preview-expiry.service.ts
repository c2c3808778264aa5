import { Clock } from '@app/common';
import { LiveEvents } from '@app/events';
import { Injectable, Logger } from '@nestjs/common';
import { AgentStatusService } from '../agents/agent-status.service';
import { DialerAgents } from './dialer-agents';
import type { DialerCall } from './dialer-calls.repository';
import { DialerCallsRepository } from './dialer-calls.repository';
import { PreviewOffers } from './preview-offers';

/** Expired offers withdrawn per tick at most; the rest wait for the next tick. */
const EXPIRED_PER_TICK = 100;

/**
 * A preview offer the agent leaves undecided for its campaign's `preview_timeout_seconds` expires, on the platform
 * clock, from the dialer's tick (so it holds across workers and restarts): it is withdrawn as a skip withdraws it
 * (the lead back in the pool at once, its attempt not counted), the agent is told (`preview:expired`) and, away
 * from the desk, put on a break through the agent status path unless they changed their status meanwhile. An
 * offer of a campaign that stopped running (paused, cancelled, completed) is withdrawn at the next tick the same
 * way, but the agent is told `preview:withdrawn` and made available again.
 */
@Injectable()
export class PreviewExpiryService {
  private readonly logger = new Logger(PreviewExpiryService.name);

  constructor(
    private readonly calls: DialerCallsRepository,
    private readonly offers: PreviewOffers,
    private readonly agents: DialerAgents,
    private readonly status: AgentStatusService,
    private readonly live: LiveEvents,
    private readonly clock: Clock,
  ) {}

  async expireOffers(): Promise<void> {
    const now = this.clock.now();
    for (const offer of await this.calls.expiredOffers(now, EXPIRED_PER_TICK)) await this.expire(offer, now);
  }

  private async expire(offer: DialerCall & { campaign_status: string }, now: Date): Promise<void> {
    // A dial or skip that won the race keeps the offer: nothing else to do.
    if (!(await this.offers.withdraw(offer, now, now))) return;
    const agentId = offer.agent_id;
    // An agent deleted since held nothing more than the lead.
    if (!agentId) return;
    const stillHeld = await this.agents.release(offer.tenant_id, agentId, now);
    const event = {
      call_id: offer.id,
      lead_id: offer.lead_id,
      campaign_id: offer.campaign_id,
      agent_id: agentId,
      timestamp: now.toISOString(),
    };
    // Withdrawn because the campaign stopped: the agent did nothing wrong and stays available.
    const withdrawn = offer.campaign_status !== 'active';
    if (withdrawn) {
      this.live.toAgent(agentId, 'preview:withdrawn', { ...event, campaign_status: offer.campaign_status });
    } else {
      this.live.toAgent(agentId, 'preview:expired', event);
    }
    // Still busy with this offer alone: any other status, or another call, is theirs to keep.
    const next = withdrawn ? 'available' : 'break';
    const changed =
      stillHeld === 0 && (await this.status.changeFrom(offer.tenant_id, agentId, 'busy', next)) !== null;
    this.logger.log(
      {
        tenant_id: offer.tenant_id,
        call_id: offer.id,
        agent_id: agentId,
        withdrawn,
        status: changed ? next : null,
      },
      withdrawn ? 'Preview offer withdrawn: the campaign stopped' : 'Preview offer expired',
    );
  }
}

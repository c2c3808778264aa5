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
 * (the lead back in the pool at once, its attempt not counted) and, away from the desk, the agent is put on a break
 * in the same transaction unless they changed their status meanwhile; then they are told (`preview:expired`) and
 * the change is announced as any status change is. An offer of a campaign that stopped running (paused, cancelled,
 * completed) is withdrawn at the next tick the same way, but the agent is told `preview:withdrawn` and made
 * available again.
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
    for (const offer of await this.calls.expiredOffers(now, EXPIRED_PER_TICK)) {
      // One offer that cannot be withdrawn now (its transaction rolled back whole) waits for the next tick; the
      // others go on.
      await this.expire(offer, now).catch((err: unknown) =>
        this.logger.error(
          { tenant_id: offer.tenant_id, call_id: offer.id, err },
          'Preview offer not withdrawn; the next tick tries again',
        ),
      );
    }
  }

  private async expire(offer: DialerCall & { campaign_status: string }, now: Date): Promise<void> {
    // Withdrawn because the campaign stopped: the agent did nothing wrong and stays available.
    const withdrawn = offer.campaign_status !== 'active';
    const next = withdrawn ? 'available' : 'break';
    const agentId = offer.agent_id;
    const decided = await this.offers.withdraw(offer, now, now, (runner) =>
      // An agent deleted since held nothing more than the lead.
      agentId ? this.agents.releaseOffer(runner, offer.tenant_id, agentId, next, now) : Promise.resolve(null),
    );
    // A dial or skip that won the race keeps the offer: nothing else to do.
    if (!decided || !agentId) return;
    const event = {
      call_id: offer.id,
      lead_id: offer.lead_id,
      campaign_id: offer.campaign_id,
      agent_id: agentId,
      timestamp: now.toISOString(),
    };
    if (withdrawn) {
      this.live.toAgent(agentId, 'preview:withdrawn', { ...event, campaign_status: offer.campaign_status });
    } else {
      this.live.toAgent(agentId, 'preview:expired', event);
    }
    // Still busy with this offer alone, they were moved to `next`; any other status, or another call, is theirs.
    const agent = decided.agent;
    const changed = agent !== null && agent.previous === 'busy' && agent.status === next;
    if (changed) await this.status.announce(offer.tenant_id, agentId, agent, now);
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

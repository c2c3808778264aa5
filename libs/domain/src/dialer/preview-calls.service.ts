import { AppError, Clock, ErrorCode, isUuid } from '@app/common';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import { AgentBridgeService } from './agent-bridge.service';
import { CallPlacementService } from './call-placement.service';
import { MIN_RETRY_MINUTES } from './call-outcome';
import { DialerAgents } from './dialer-agents';
import type { DialerCall } from './dialer-calls.repository';
import { DialerPoolRepository } from './dialer-pool.repository';
import { PreviewOffers } from './preview-offers';

/** What an agent's decision on a previewed lead answers. */
export interface PreviewDecision {
  call_id: string;
  status: 'dialing' | 'skipped';
}

/**
 * Preview dialing (issue 6 §4): the pacer offers a lead to an available agent (`preview:call`); the agent dials
 * it, which places the call with the agent already theirs, or skips it, which gives the lead back to the pool and
 * the agent back to available. Only the agent offered the lead (or a manager) decides; an offer left undecided
 * expires (PreviewExpiryService). A decision on an offer already dialed, skipped or expired is a conflict.
 */
@Injectable()
export class PreviewCallsService {
  constructor(
    private readonly offers: PreviewOffers,
    private readonly agents: DialerAgents,
    private readonly pool: DialerPoolRepository,
    private readonly placement: CallPlacementService,
    private readonly bridge: AgentBridgeService,
    private readonly voice: VoiceChannelsService,
    private readonly clock: Clock,
  ) {}

  async dial(auth: AuthContext, callId: string): Promise<PreviewDecision> {
    const call = await this.offered(auth, callId);
    const campaign = await this.pool.campaign(auth.tenantId, call.campaign_id as string);
    if (!campaign || campaign.status !== 'active')
      throw AppError.conflict('The campaign is not running', { campaign_status: campaign?.status ?? null });
    // Asked again as the agent dials: the lead may have opted out, or the hours closed, since it was offered.
    const verdict = await this.placement.verdict(campaign, call.lead_id as string);
    if (!verdict.allowed) {
      const now = this.clock.now();
      const retryAt =
        verdict.rule === 'outside_window' && verdict.next_open_at
          ? verdict.next_open_at
          : new Date(now.getTime() + MIN_RETRY_MINUTES * 60_000);
      // The offer goes as a skip would (the pacer's next look at the lead stops it for an opt-out, or waits).
      if (await this.withdraw(auth, call, retryAt, now))
        throw new AppError(ErrorCode.POLICY_VIOLATION, verdict.message, { rule: verdict.rule });
      throw decided();
    }
    const channel = await this.voice.resolve(auth.tenantId);
    if (!(await this.placement.slot(channel)))
      throw new AppError(
        ErrorCode.RATE_LIMIT_EXCEEDED,
        'The account is placing calls as fast as its calls per second allow; try again in a second',
        { retry_after_seconds: 1 },
      );
    if (!(await this.offers.claim(call, this.clock.now()))) throw decided();
    await this.placement.dial(campaign, channel, call);
    return { call_id: call.id, status: 'dialing' };
  }

  async skip(auth: AuthContext, callId: string): Promise<PreviewDecision> {
    const call = await this.offered(auth, callId);
    const now = this.clock.now();
    if (!(await this.withdraw(auth, call, new Date(now.getTime() + MIN_RETRY_MINUTES * 60_000), now)))
      throw decided();
    return { call_id: call.id, status: 'skipped' };
  }

  /** Withdraws the offer (the lead back to the pool, due `retryAt`) and gives the agent back; false if decided. */
  private async withdraw(auth: AuthContext, call: DialerCall, retryAt: Date, now: Date): Promise<boolean> {
    const agentId = call.agent_id as string;
    const withdrawn = await this.offers.withdraw(call, retryAt, now, (runner) =>
      this.agents.giveBackWithin(runner, auth.tenantId, agentId, now),
    );
    if (!withdrawn) return false;
    this.agents.announceGivenBack(auth.tenantId, agentId, withdrawn.agent, now);
    await this.bridge.agentFreed(auth.tenantId, agentId);
    return true;
  }

  /** The previewed call, still undecided, of the caller's own agent (a manager may decide for any agent). */
  private async offered(auth: AuthContext, callId: string): Promise<DialerCall> {
    if (!isUuid(callId)) throw AppError.notFound('Call');
    const call = await this.offers.find(auth.tenantId, callId);
    if (!call && (await this.offers.wasWithdrawn(auth.tenantId, callId))) throw decided();
    if (!call || call.kind !== 'dialer' || !call.agent_id || !call.metadata.preview)
      throw AppError.notFound('Call');
    if (auth.role === 'agent') {
      const agent = await this.agents.find(auth.tenantId, call.agent_id);
      if (!agent || !auth.userId || agent.user_id !== auth.userId)
        throw AppError.forbidden('This lead was offered to another agent');
    }
    if (call.call_sid || call.end_time || call.metadata.preview !== true) throw decided();
    return call;
  }
}

function decided(): AppError {
  return AppError.conflict('This lead was already dialed or skipped, or its offer expired');
}

import { AppError, Clock, ErrorCode } from '@app/common';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import { AgentBridgeService } from './agent-bridge.service';
import { CallPlacementService } from './call-placement.service';
import { MIN_RETRY_MINUTES } from './call-outcome';
import { DialerAgents } from './dialer-agents';
import { DialerCall, DialerCallsRepository } from './dialer-calls.repository';
import { DialerPoolRepository } from './dialer-pool.repository';

/** What an agent's decision on a previewed lead answers. */
export interface PreviewDecision {
  call_id: string;
  status: 'dialing' | 'skipped';
}

/**
 * Preview dialing (issue 6 §4): the pacer offers a lead to an available agent (`preview:call`); the agent dials
 * it, which places the call with the agent already theirs, or skips it, which gives the lead back to the pool and
 * the agent back to available. Only the agent offered the lead (or a manager) decides.
 */
@Injectable()
export class PreviewCallsService {
  constructor(
    private readonly calls: DialerCallsRepository,
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
    const channel = await this.voice.resolve(auth.tenantId);
    if (!(await this.placement.slot(channel)))
      throw new AppError(
        ErrorCode.RATE_LIMIT_EXCEEDED,
        'The account is placing calls as fast as its calls per second allow; try again in a second',
      );
    const claimed = await this.calls.update(
      auth.tenantId,
      call.id,
      { metadata: { preview: 'dialed' } },
      this.clock.now(),
      undefined,
      `AND call_sid IS NULL AND end_time IS NULL AND metadata->>'preview' = 'true'`,
    );
    if (!claimed) throw AppError.conflict('This lead was already dialed or skipped');
    await this.placement.dial(campaign, channel, call);
    return { call_id: call.id, status: 'dialing' };
  }

  async skip(auth: AuthContext, callId: string): Promise<PreviewDecision> {
    const call = await this.offered(auth, callId);
    const now = this.clock.now();
    const removed = await this.calls.removeOffer(auth.tenantId, call.id);
    if (!removed) throw AppError.conflict('This lead was already dialed or skipped');
    await this.pool.giveBack(
      auth.tenantId,
      call.enrollment_id as string,
      call.attempt as number,
      new Date(now.getTime() + MIN_RETRY_MINUTES * 60_000),
      now,
    );
    await this.agents.giveBack(auth.tenantId, call.agent_id as string, now);
    await this.bridge.agentFreed(auth.tenantId, call.agent_id as string);
    return { call_id: call.id, status: 'skipped' };
  }

  /** The previewed call, still undecided, of the caller's own agent (a manager may decide for any agent). */
  private async offered(auth: AuthContext, callId: string): Promise<DialerCall> {
    const call = /^[0-9a-f-]{36}$/i.test(callId) ? await this.calls.find(auth.tenantId, callId) : null;
    if (!call || call.kind !== 'dialer' || !call.agent_id || !call.metadata.preview)
      throw AppError.notFound('Call');
    if (auth.role === 'agent') {
      const agent = await this.agents.find(auth.tenantId, call.agent_id);
      if (!agent || agent.user_id !== auth.userId)
        throw AppError.forbidden('This lead was offered to another agent');
    }
    if (call.call_sid || call.end_time || call.metadata.preview !== true)
      throw AppError.conflict('This lead was already dialed or skipped');
    return call;
  }
}

import { Clock } from '@app/common';
import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { JobPayloads, OnJob } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { withinWorkingHours } from '../agents/working-hours';
import { Conferences } from '../voice/voice-urls';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import { AgentAbsenceService } from './agent-absence.service';
import { AgentBridgeService } from './agent-bridge.service';
import { DialerAgents } from './dialer-agents';
import type { DialerAgent } from './dialer-agents.repository';
import { DialerCallsRepository } from './dialer-calls.repository';
import { DialerLeases } from './dialer-leases';
import { DialerPacerService } from './dialer-pacer.service';

/** How long an agent's live leg waits for a calls-per-second slot. */
const LIVE_LEG_SLOT_WAIT_MS = 10_000;

/**
 * Follows agents' availability for the dialer: an agent who becomes available (by their own status, or at the end
 * of after-call work) takes a call waiting for them and wakes their campaigns' pacers; in a group with power or
 * predictive campaigns their phone is called once (within their working hours) and stays on a live leg in their own
 * conference. An agent who goes offline or on a break has their live leg ended, when the call they are on (if any)
 * is over.
 */
@Injectable()
export class AgentPresenceService {
  private readonly logger = new Logger(AgentPresenceService.name);
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    private readonly agents: DialerAgents,
    private readonly calls: DialerCallsRepository,
    private readonly bridge: AgentBridgeService,
    private readonly pacer: DialerPacerService,
    private readonly voice: VoiceChannelsService,
    private readonly leases: DialerLeases,
    private readonly clock: Clock,
    private readonly absence: AgentAbsenceService,
  ) {
    this.sql = fastSql(db);
  }

  @OnJob('agents.status-changed')
  async statusChanged(payload: JobPayloads['agents.status-changed']): Promise<void> {
    const agent = await this.agents.find(payload.tenant_id, payload.agent_id);
    if (!agent) return;
    if (agent.status === 'available') await this.available(payload.tenant_id, agent);
    else await this.endLegIfAway(payload.tenant_id, agent);
  }

  @OnJob('agents.wrap-up-end')
  async wrapUpEnd(payload: JobPayloads['agents.wrap-up-end']): Promise<void> {
    if (await this.absence.goneAfterCall(payload.tenant_id, payload.agent_id)) return;
    const now = this.clock.now();
    const backFromWrapUp = await this.agents.endWrapUp(payload.tenant_id, payload.agent_id, now);
    const agent = await this.agents.find(payload.tenant_id, payload.agent_id);
    if (!agent) return;
    // Back to available; or they went on a break or offline during the call: their live leg ends now it is over.
    if (backFromWrapUp) await this.available(payload.tenant_id, agent);
    else await this.endLegIfAway(payload.tenant_id, agent);
  }

  /**
   * An agent on a break or offline has their live leg ended, once no call holds them: the leg's conference is the
   * one a bridged lead talks in (it ends with the leg), so a break taken mid-call starts when the call is over.
   */
  private async endLegIfAway(tenantId: string, agent: DialerAgent): Promise<void> {
    if (agent.status !== 'offline' && agent.status !== 'break') return;
    if (!agent.live_call_sid || agent.current_calls > 0) return;
    await this.endLiveLeg(tenantId, agent);
  }

  private async available(tenantId: string, agent: DialerAgent): Promise<void> {
    const campaigns = await this.campaignsOf(tenantId, agent.agent_group_id);
    // Their phone is rung only within their working hours (after-call work may end past them).
    if (
      !agent.live_call_sid &&
      agent.phone &&
      withinWorkingHours(agent.working_hours, agent.zone, this.clock.now()) &&
      campaigns.some((c) => c.dialing_mode !== 'preview')
    )
      await this.placeLiveLeg(tenantId, agent);
    // The leg's row (if any) now holds them until it is in their conference; the status's hold can go.
    if (agent.presence_pending_at)
      await this.agents.settlePresence(tenantId, agent.id, agent.presence_pending_at);
    await this.bridge.agentFreed(tenantId, agent.id);
    for (const c of campaigns) await this.pacer.wake(tenantId, c.id);
  }

  /** The agent's active campaigns (their group's, and those with no group). */
  private campaignsOf(tenantId: string, groupId: string | null) {
    return tenantQuery<{ id: string; dialing_mode: string }>(
      this.sql,
      tenantId,
      `SELECT id, dialing_mode FROM campaigns
        WHERE tenant_id = $1 AND status = 'active' AND (agent_group_id IS NULL OR agent_group_id = $2)
          AND EXISTS (SELECT 1 FROM campaign_steps s
                       WHERE s.tenant_id = campaigns.tenant_id AND s.campaign_id = campaigns.id AND s.type = 'CALL')`,
      [groupId],
    );
  }

  /** Calls the agent's phone once; answered, it waits in `agent_<id>` for the leads the dialer bridges to it. */
  private async placeLiveLeg(tenantId: string, agent: DialerAgent): Promise<void> {
    const channel = await this.voice.resolve(tenantId);
    const now = this.clock.now();
    const leg = await this.calls.insert(
      tenantId,
      {
        kind: 'agent_leg',
        direction: 'outbound',
        agent_id: agent.id,
        from_number: channel.from,
        to_number: agent.phone,
        metadata: { live_leg: true },
      },
      now,
    );
    if (!leg) return;
    let placed: { call_sid: string };
    try {
      // The live leg is a call too: it takes the account's next calls-per-second slot.
      if (!channel.from) throw new Error('No caller id for the live leg: the voice account has none');
      if (!(await this.leases.waitForSlot(tenantId, channel.cps, LIVE_LEG_SLOT_WAIT_MS)))
        throw new Error('No calls-per-second slot for the live leg');
      placed = await channel.port.placeCall({
        to: agent.phone as string,
        from: channel.from,
        answer_url: channel.urls.agentAnswer(leg.id, Conferences.ofAgent(agent.id)),
        status_callback_url: channel.urls.status(leg.id),
        timeout_seconds: 30,
      });
    } catch (err) {
      this.logger.warn({ err, tenant_id: tenantId, agent_id: agent.id }, 'Live leg not placed');
      await this.calls.update(
        tenantId,
        leg.id,
        {
          status: 'failed',
          end_time: now,
          disposition: 'failed',
          metadata: { failure: 'placement_refused' },
        },
        now,
      );
      return;
    }
    // Placed: a failed write of its SID leaves the leg to its callbacks (they name it by our id), never failed.
    await this.calls
      .update(tenantId, leg.id, { call_sid: placed.call_sid, start_time: now }, now)
      .catch((err: unknown) =>
        this.logger.error(
          { err, tenant_id: tenantId, agent_id: agent.id, call_sid: placed.call_sid },
          'Live leg placed, its SID not recorded: its callbacks will record it',
        ),
      );
  }

  private async endLiveLeg(tenantId: string, agent: DialerAgent): Promise<void> {
    const sid = agent.live_call_sid as string;
    await this.agents.clearLiveLeg(tenantId, agent.id, sid);
    const channel = await this.voice.resolve(tenantId);
    try {
      await channel.port.updateCall(sid, { status: 'completed' });
    } catch (err) {
      this.logger.warn({ err, tenant_id: tenantId, agent_id: agent.id }, 'Live leg not ended');
    }
  }
}

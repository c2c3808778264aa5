import { Clock } from '@app/common';
import { inboundVoicemailTwiml, safeHarbourTwiml } from '@app/providers';
import { JobPayloads, JobProducer, OnJob } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { withinWorkingHours } from '../agents/working-hours';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import { AgentLines } from './agent-lines';
import { DialerAgents } from './dialer-agents';
import type { DialerAgent } from './dialer-agents.repository';
import { DialerCall, DialerCallsRepository } from './dialer-calls.repository';
import { DialerPoolRepository } from './dialer-pool.repository';
import { redirectLiveCall } from './redirect-call';

/** An answered human is connected within this (issue 6 §4), else played the safe harbour and counted abandoned. */
export const CONNECT_DEADLINE_MS = 2000;
const DEFAULT_SAFE_HARBOUR =
  'Sorry we missed you. We will call you back later. To stop these calls, reply STOP or ask us to remove you.';
const INBOUND_GREETING = 'All our agents are busy. Please leave a message after the beep.';

/**
 * Connects an answered lead (or an inbound caller) to an agent: the longest-idle available agent of the campaign's
 * group, within their working hours, is taken and the call put through to them (AgentLines). When no agent is
 * free the call waits up to 2 s (an inbound call: the number's ring time), and whoever frees up first takes it.
 */
@Injectable()
export class AgentBridgeService {
  private readonly logger = new Logger(AgentBridgeService.name);

  constructor(
    private readonly calls: DialerCallsRepository,
    private readonly agents: DialerAgents,
    private readonly pool: DialerPoolRepository,
    private readonly lines: AgentLines,
    private readonly voice: VoiceChannelsService,
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
  ) {}

  /**
   * Bridges the call to an agent now, or leaves it waiting (with its deadline) when none is free. A call left
   * waiting again after its deadline passed (the agent it went to let their phone ring out) is due at once.
   */
  async connect(tenantId: string, callId: string, byDeadline = false): Promise<void> {
    const call = await this.calls.find(tenantId, callId);
    if (!call || call.end_time || call.connected_at || call.metadata.abandoned_at) return;
    const now = this.clock.now();
    let agent: DialerAgent | null = null;
    if (call.agent_id) {
      // Ringing their agent already (its deadline came, or a job ran again): they are not called twice.
      if ((await this.calls.openLegs(tenantId, call.id)).length) return;
      // Preview: the agent who dialed is already theirs.
      agent = await this.agents.find(tenantId, call.agent_id);
    } else {
      agent = await this.takeAgent(tenantId, await this.groupOf(call), now);
      if (agent && !(await this.assign(call, agent, now))) agent = null;
    }
    if (!agent) {
      if (!byDeadline) await this.wait(call, now);
      return;
    }
    await this.lines.putThrough(call, agent, now);
  }

  /** The call waits for an agent until its deadline: 2 s for a lead, the number's ring time for a caller. */
  private async wait(call: DialerCall, now: Date): Promise<void> {
    const channel = await this.voice.resolve(call.tenant_id);
    const delay = call.kind === 'inbound' ? channel.inboundRingSeconds * 1000 : CONNECT_DEADLINE_MS;
    const since = call.metadata.waiting_since;
    if (typeof since !== 'string') {
      await this.calls.update(
        call.tenant_id,
        call.id,
        { metadata: { waiting_since: now.toISOString() } },
        now,
      );
      await this.jobs.enqueue(
        'dialer.connect-deadline',
        { tenant_id: call.tenant_id, call_id: call.id },
        { delay, jobId: `deadline:${call.id}` },
      );
      return;
    }
    // Waiting again: its deadline came while an agent's phone rang for it. Due now (a second run of the deadline
    // finds it abandoned already and does nothing).
    const left = new Date(since).getTime() + delay - now.getTime();
    if (left <= 0)
      await this.jobs.enqueue(
        'dialer.connect-deadline',
        { tenant_id: call.tenant_id, call_id: call.id },
        { jobId: `deadline:${call.id}:${now.getTime()}` },
      );
  }

  @OnJob('dialer.connect-deadline')
  async deadline(payload: JobPayloads['dialer.connect-deadline']): Promise<void> {
    await this.connect(payload.tenant_id, payload.call_id, true);
    const call = await this.calls.find(payload.tenant_id, payload.call_id);
    if (!call || call.end_time || call.agent_id || call.connected_at || call.metadata.abandon_told_at) return;
    const now = this.clock.now();
    if (!call.metadata.abandoned_at) {
      const claimed = await this.calls.update(
        payload.tenant_id,
        call.id,
        { metadata: { abandoned_at: now.toISOString() } },
        now,
        undefined,
        `AND agent_id IS NULL AND end_time IS NULL AND NOT metadata ? 'abandoned_at'`,
      );
      if (!claimed) return;
    }
    // Abandoned, by this run or by one that failed before the person was told (the provider unreachable): a retry
    // tells them now, since nothing else will. `abandon_told_at` marks it done.
    if (!call.call_sid) return;
    const channel = await this.voice.resolve(payload.tenant_id);
    const inbound = call.kind === 'inbound';
    await this.calls.update(
      payload.tenant_id,
      call.id,
      { disposition: inbound ? 'missed' : 'abandoned' },
      now,
    );
    const campaign =
      !inbound && call.campaign_id ? await this.pool.campaign(payload.tenant_id, call.campaign_id) : null;
    const told = await redirectLiveCall(
      channel.port,
      call.call_sid,
      inbound
        ? inboundVoicemailTwiml({
            text: INBOUND_GREETING,
            recordingStatusCallbackUrl: channel.urls.recording(call.id),
          })
        : safeHarbourTwiml({ text: campaign?.safe_harbour_message || DEFAULT_SAFE_HARBOUR }),
    );
    await this.calls.update(
      payload.tenant_id,
      call.id,
      { metadata: { abandon_told_at: this.clock.now().toISOString() } },
      now,
    );
    this.logger.log(
      { tenant_id: payload.tenant_id, call_id: call.id },
      `No agent in time: ${inbound ? 'missed' : 'abandoned'}${told ? '' : ', and the person had hung up'}`,
    );
  }

  /**
   * An agent is free: they take the oldest call waiting for their group (or for no group), if any, when they can be
   * reached (a live leg or a phone) and are within their working hours, as an agent the dialer picks must be.
   */
  async agentFreed(tenantId: string, agentId: string): Promise<void> {
    const agent = await this.agents.find(tenantId, agentId);
    if (!agent || agent.status !== 'available' || agent.leg_pending) return;
    if (!agent.live_call_sid && !agent.phone) return;
    if (!withinWorkingHours(agent.working_hours, agent.zone, this.clock.now())) return;
    const waiting = await this.calls.waitingForAgent(tenantId, agent.agent_group_id, 5);
    for (const call of waiting) {
      const now = this.clock.now();
      if (!(await this.agents.take(tenantId, agent.id, now))) return;
      if (await this.assign(call, agent, now)) {
        await this.lines.putThrough(call, agent, now);
        return;
      }
      await this.agents.giveBack(tenantId, agent.id, now);
    }
  }

  private async groupOf(call: DialerCall): Promise<string | null> {
    if (call.campaign_id) {
      const campaign = await this.pool.campaign(call.tenant_id, call.campaign_id);
      return campaign?.agent_group_id ?? null;
    }
    const group = call.metadata.agent_group_id;
    return typeof group === 'string' ? group : null;
  }

  /** The longest-idle available agent of the group who is within working hours and reachable, taken. */
  private async takeAgent(tenantId: string, groupId: string | null, now: Date): Promise<DialerAgent | null> {
    const candidates = await this.agents.available(
      tenantId,
      groupId,
      10,
      (agent) =>
        withinWorkingHours(agent.working_hours, agent.zone, now) &&
        (!!agent.live_call_sid || !!agent.phone) &&
        // Their live leg is on its way: they take the lead once it is in their conference (agentFreed).
        !agent.leg_pending,
    );
    for (const agent of candidates) {
      if (await this.agents.take(tenantId, agent.id, now)) return agent;
    }
    return null;
  }

  /** The call is the agent's unless it ended or was abandoned meanwhile (then the agent is given back). */
  private async assign(call: DialerCall, agent: DialerAgent, now: Date): Promise<boolean> {
    const ok = await this.calls.update(
      call.tenant_id,
      call.id,
      { agent_id: agent.id },
      now,
      undefined,
      `AND agent_id IS NULL AND end_time IS NULL AND NOT metadata ? 'abandoned_at'`,
    );
    if (!ok) await this.agents.giveBack(call.tenant_id, agent.id, now);
    else call.agent_id = agent.id;
    return ok;
  }
}

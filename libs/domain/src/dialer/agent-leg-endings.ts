import type { AgentStatus, SqlRunner } from '@app/db';
import { LiveEvents } from '@app/events';
import { JobProducer } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { AgentStatusService } from '../agents/agent-status.service';
import { AgentBridgeService } from './agent-bridge.service';
import { AgentLines } from './agent-lines';
import { DialerAgents } from './dialer-agents';
import type { AgentMove } from './dialer-agents.repository';
import { DialerCall, DialerCallsRepository } from './dialer-calls.repository';
import { LateConnection, LateConnections } from './late-connections';

/** How an agent's leg ends when the agent did not take it: their phone rang out, or was busy. */
const NOT_TAKEN: ReadonlySet<string> = new Set(['no-answer', 'busy']);

/** What an agent's leg's end changed, for what follows once it committed. */
export interface LegSettlement {
  /** The lead's (or caller's) call the leg was ringing them for, unanswered: to give another agent. */
  reconnect: string | null;
  /** The agent was given back, available (the leg ended otherwise: failed, canceled). */
  givenBack: AgentMove | null;
  /** The agent let their phone ring out (or it was busy) and was put on a break; how, when it changed them. */
  unanswered: (AgentMove & { previous: AgentStatus }) | null;
  /** The agent had taken the call, which ended before their answer was applied: put right as answered. */
  late: LateConnection | null;
}

/**
 * The end of an agent's leg, in the two halves of CallEndingsService, and what the end of the call it rang for does
 * to it (unbridged). A leg that rang out (or found the phone busy) puts its agent on a break: away from their phone,
 * they are not rung again and again, and the lead goes to someone else. That is a leg for a lead, which then waits
 * for another agent, or their live leg, called when they went available in power or predictive mode.
 */
@Injectable()
export class AgentLegEndings {
  private readonly logger = new Logger(AgentLegEndings.name);

  constructor(
    private readonly calls: DialerCallsRepository,
    private readonly agents: DialerAgents,
    private readonly bridge: AgentBridgeService,
    private readonly status: AgentStatusService,
    private readonly live: LiveEvents,
    private readonly lines: AgentLines,
    private readonly jobs: JobProducer,
    private readonly late: LateConnections,
  ) {}

  async settle(
    runner: SqlRunner,
    leg: DialerCall & { duration?: number | null },
    now: Date,
  ): Promise<LegSettlement> {
    const settled: LegSettlement = { reconnect: null, givenBack: null, unanswered: null, late: null };
    if (!leg.agent_id) return settled;
    const notTaken = NOT_TAKEN.has(leg.status);
    if (!leg.parent_call_id) {
      // Their live leg: gone. Not answered at all, they are away (still available, they go on a break).
      if (leg.call_sid) await this.agents.clearLiveLeg(leg.tenant_id, leg.agent_id, leg.call_sid, runner);
      if (notTaken)
        settled.unanswered = await this.agents.awayFromLiveLeg(runner, leg.tenant_id, leg.agent_id, now);
      return settled;
    }
    const parent = await this.calls.find(leg.tenant_id, leg.parent_call_id, runner);
    if (parent?.end_time && leg.status === 'completed') {
      // Only an answered leg completes: the agent took the call, whose end came before their answer was applied.
      const answeredAt = leg.answer_time ?? new Date(now.getTime() - (leg.duration ?? 0) * 1000);
      settled.late = await this.late.settle(runner, leg, answeredAt, now);
      return settled;
    }
    if (!parent || parent.end_time || parent.connected_at || parent.agent_id !== leg.agent_id) return settled;
    if (!(await this.calls.unassign(leg.tenant_id, parent.id, leg.agent_id, now, runner))) return settled;
    settled.reconnect = parent.id;
    if (notTaken)
      settled.unanswered = await this.agents.releaseOffer(runner, leg.tenant_id, leg.agent_id, 'break', now);
    else settled.givenBack = await this.agents.giveBackWithin(runner, leg.tenant_id, leg.agent_id, now);
    return settled;
  }

  async announce(leg: DialerCall, settled: LegSettlement, now: Date): Promise<void> {
    if (!leg.agent_id) return;
    if (settled.late) await this.late.announce(settled.late, now);
    const away = settled.unanswered;
    if (away) {
      const callId = settled.reconnect ?? leg.id;
      this.live.toAgent(leg.agent_id, 'call:unanswered', {
        call_id: callId,
        agent_id: leg.agent_id,
        status: leg.status,
        timestamp: now.toISOString(),
      });
      // Put on the break by this leg's end; else (they changed their status meanwhile) it is their own.
      if (away.status === 'break' && away.previous !== 'break')
        await this.status.announce(leg.tenant_id, leg.agent_id, away, now);
      this.logger.log(
        { tenant_id: leg.tenant_id, agent_id: leg.agent_id, call_id: callId, status: leg.status },
        'Agent did not answer their phone: on a break',
      );
    }
    if (!settled.reconnect) return;
    this.agents.announceGivenBack(leg.tenant_id, leg.agent_id, settled.givenBack, now);
    await this.bridge.connect(leg.tenant_id, settled.reconnect);
  }

  /**
   * A lead's (or caller's) call that ended before it reached its agent: their phone stops ringing for it, and the
   * agent, given back by the end's transaction (`givenBack`), takes the next call waiting for them.
   */
  async unbridged(call: DialerCall, agentId: string, givenBack: AgentMove | null, now: Date): Promise<void> {
    await this.lines.hangUp(call);
    this.agents.announceGivenBack(call.tenant_id, agentId, givenBack, now);
    // They went on a break or offline while the call held them: the status job ends their live leg now it is free.
    if (givenBack && givenBack.status !== 'available' && givenBack.current_calls === 0)
      await this.jobs.enqueue('agents.status-changed', {
        tenant_id: call.tenant_id,
        agent_id: agentId,
        status: givenBack.status,
      });
    await this.bridge.agentFreed(call.tenant_id, agentId);
  }
}

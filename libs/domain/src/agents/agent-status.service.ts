import { AppError, Clock, ErrorCode } from '@app/common';
import { AGENT_STATUSES, AgentEntity, AgentStatus, roleAtLeast } from '@app/db';
import { LiveEvents } from '@app/events';
import { JobProducer } from '@app/queues';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { TenantsService } from '../tenants/tenants.service';
import { AgentSockets } from './agent-sockets';
import { AgentsRepository } from './agents.repository';
import { withinWorkingHours } from './working-hours';

/** A manager or an admin acts for any agent of the tenant; an agent-role user only as their own agent. */
export function mayActAs(auth: AuthContext, agent: AgentEntity): boolean {
  return roleAtLeast(auth.role, 'manager') || (!!auth.userId && agent.userId === auth.userId);
}

function inactive(): AppError {
  return AppError.conflict('The agent is inactive: reactivate them (is_active) first', {
    field: 'is_active',
  });
}

export function isAgentStatus(value: unknown): value is AgentStatus {
  return typeof value === 'string' && (AGENT_STATUSES as readonly string[]).includes(value);
}

/**
 * An agent's status (seed 001: available, busy, offline, break), set through `PUT agents/:id/status` or the socket's
 * `agent:status` with the same rules: the agent of the caller's tenant (404 otherwise), the caller's own agent
 * unless a manager (403), any status but `offline` only while the agent and their user, if any, are active (409),
 * and `available` only inside their working hours (422).
 * A change is raised as `agent:status:updated` and queued as `agents.status-changed` for the dialer.
 */
@Injectable()
export class AgentStatusService {
  constructor(
    private readonly agents: AgentsRepository,
    private readonly tenants: TenantsService,
    private readonly events: LiveEvents,
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
    private readonly sockets: AgentSockets,
  ) {}

  /** The agent the caller may act as (join their room, set their status). */
  async actingAs(auth: AuthContext, agentId: string): Promise<AgentEntity> {
    const agent = await this.agents.findById(auth.tenantId, agentId);
    if (!agent) throw AppError.notFound('Agent');
    if (!mayActAs(auth, agent)) throw AppError.forbidden('Only a manager can act for another agent');
    return agent;
  }

  async set(auth: AuthContext, agentId: string, sent: unknown): Promise<AgentEntity> {
    // Any case, as every enum the API reads (seed 001 spells them lower-case).
    const status = typeof sent === 'string' ? sent.toLowerCase() : sent;
    if (!isAgentStatus(status))
      throw AppError.field('status', `must be one of the following values: ${AGENT_STATUSES.join(', ')}`);
    const agent = await this.actingAs(auth, agentId);
    // An inactive agent is offline (deactivating one takes them offline): no other status until reactivated.
    if (status !== 'offline' && !agent.isActive) throw inactive();
    if (status === 'available') await this.assertMayTakeCalls(agent);
    return this.apply(auth.tenantId, agent.id, status);
  }

  /**
   * The change itself (callers check who may make it): one statement, then the live event to the tenant's and the
   * agent's rooms, then the dialer's job.
   */
  async apply(tenantId: string, agentId: string, status: AgentStatus): Promise<AgentEntity> {
    const agent = await this.change(tenantId, agentId, status);
    if (!agent) throw AppError.notFound('Agent');
    return agent;
  }

  /**
   * A change the platform made and committed itself (the dialer puts an agent who let a preview offer expire on a
   * break, in the transaction that withdraws the offer): announced as one made here is.
   */
  async announce(
    tenantId: string,
    agentId: string,
    change: { status: AgentStatus; previous: AgentStatus; current_calls: number },
    now: Date,
  ): Promise<void> {
    this.events.toTenantAndAgent(tenantId, agentId, 'agent:status:updated', {
      agent_id: agentId,
      status: change.status,
      previous_status: change.previous,
      current_calls: change.current_calls,
      timestamp: now.toISOString(),
    });
    await this.jobs.enqueue('agents.status-changed', {
      tenant_id: tenantId,
      agent_id: agentId,
      status: change.status,
    });
  }

  private async change(tenantId: string, agentId: string, status: AgentStatus): Promise<AgentEntity | null> {
    const now = this.clock.now();
    const set = await this.agents.setStatus(tenantId, agentId, status, now);
    if (set === null) return null;
    if (set === 'inactive') throw inactive();
    if (set === 'user_inactive')
      throw AppError.conflict("The agent's user is deactivated: reactivate the user (is_active) first", {
        field: 'user_id',
      });
    if (set === 'on_call')
      throw AppError.conflict('The agent is on a call: they become available again once it has ended', {
        field: 'status',
      });
    const { previous } = set;
    // Set by hand: whatever their sockets did while they were on a call no longer decides their next status.
    await this.sockets.clearAway(tenantId, agentId);
    const agent = await this.agents.findById(tenantId, agentId);
    if (!agent) return null;
    await this.announce(
      tenantId,
      agent.id,
      { status: agent.status, previous, current_calls: agent.currentCalls },
      now,
    );
    return agent;
  }

  /** `available` needs the agent inside their working hours, in their zone, else the tenant's. */
  private async assertMayTakeCalls(agent: AgentEntity): Promise<void> {
    if (!agent.workingHours) return;
    const timezone = agent.timezone ?? (await this.tenants.get(agent.tenantId)).timezone;
    if (!withinWorkingHours(agent.workingHours, timezone, this.clock.now())) {
      throw new AppError(ErrorCode.POLICY_VIOLATION, 'The agent is outside their working hours', {
        rule: 'working_hours',
        timezone,
        working_hours: agent.workingHours,
      });
    }
  }
}

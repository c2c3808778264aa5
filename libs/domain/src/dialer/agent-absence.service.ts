import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { JobPayloads, JobProducer, OnJob } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { AgentSockets } from '../agents/agent-sockets';
import { AgentStatusService } from '../agents/agent-status.service';
import { DialerAgentsRepository } from './dialer-agents.repository';

/**
 * An agent whose own sockets have all closed, and none opened again within AGENT_PRESENCE_GRACE_MS, has gone (the
 * browser closed, the laptop slept): the dialer stops giving them calls. Available, on a break or in after-call
 * work, they go offline at once (`agent:status:updated`, and their live leg ends); on a call, they are checked
 * again after the next grace, and marked away so that the end of that call's after-call work does not make them
 * available. An agent who never had a socket of their own (a phone-only agent set by a manager) is never checked.
 */
@Injectable()
export class AgentAbsenceService {
  private readonly logger = new Logger(AgentAbsenceService.name);

  constructor(
    private readonly sockets: AgentSockets,
    private readonly agents: DialerAgentsRepository,
    private readonly status: AgentStatusService,
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @OnJob('agents.presence-check')
  async check(payload: JobPayloads['agents.presence-check']): Promise<void> {
    const { tenant_id: tenantId, agent_id: agentId } = payload;
    if (await this.sockets.open(tenantId, agentId)) return;
    if (await this.leave(tenantId, agentId)) return;
    await this.sockets.markAway(tenantId, agentId);
    await this.jobs.enqueue('agents.presence-check', payload, { delay: this.config.agentPresenceGraceMs });
  }

  /** Agents whose sockets' process died without closing them: checked now (their grace has passed). */
  async checkLapsed(): Promise<void> {
    for (const { tenantId, agentId } of await this.sockets.lapsed())
      await this.jobs.enqueue('agents.presence-check', { tenant_id: tenantId, agent_id: agentId });
  }

  /**
   * At the end of after-call work: an agent who went while on the call goes offline instead of available. Answers
   * whether they did.
   */
  async goneAfterCall(tenantId: string, agentId: string): Promise<boolean> {
    if (!(await this.sockets.away(tenantId, agentId))) return false;
    if (await this.sockets.open(tenantId, agentId)) return false;
    return this.leave(tenantId, agentId);
  }

  /** Offline if not on a call; answers false when they are (or were held for one), true otherwise. */
  private async leave(tenantId: string, agentId: string): Promise<boolean> {
    const now = this.clock.now();
    const left = await this.agents.leave(tenantId, agentId, now);
    if (!left) return true;
    if (!left.changed) return left.previous === 'offline';
    this.logger.log(
      { tenant_id: tenantId, agent_id: agentId, previous: left.previous },
      'Agent gone: offline',
    );
    await this.status.announce(
      tenantId,
      agentId,
      { status: 'offline', previous: left.previous, current_calls: left.current_calls },
      now,
    );
    return true;
  }
}

import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { JobPayloads, JobProducer, OnJob } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { AgentSockets } from '../agents/agent-sockets';
import { AgentStatusService } from '../agents/agent-status.service';
import { DialerAgentsRepository } from './dialer-agents.repository';

/**
 * An agent whose own sockets have all closed, and none opened again within AGENT_PRESENCE_GRACE_MS, has gone (the
 * browser closed, the laptop slept): the dialer stops giving them calls. Unless a call holds them, they go offline
 * at once, whatever their status (`agent:status:updated`, and their live leg ends); a call holding them, they are
 * checked again after the next grace, and marked away so that the end of that call's after-call work does not make
 * them available. An agent who never had a socket of their own (a phone-only agent set by a manager) is never
 * checked.
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

  /** The agent's last own socket closed: a check after the grace, unless one is pending already. */
  async queueCheck(
    tenantId: string,
    agentId: string,
    delayMs = this.config.agentPresenceGraceMs,
  ): Promise<void> {
    if (!(await this.sockets.claimCheck(tenantId, agentId, this.checkTurnMs))) return;
    try {
      await this.jobs.enqueue(
        'agents.presence-check',
        { tenant_id: tenantId, agent_id: agentId },
        { delay: delayMs },
      );
    } catch (err) {
      // Still in the index with no socket open: the dialer tick's sweep queues it again.
      await this.sockets.releaseCheck(tenantId, agentId);
      throw err;
    }
  }

  @OnJob('agents.presence-check')
  async check(payload: JobPayloads['agents.presence-check']): Promise<void> {
    const { tenant_id: tenantId, agent_id: agentId } = payload;
    if (await this.sockets.open(tenantId, agentId)) {
      await this.sockets.releaseCheck(tenantId, agentId);
      return;
    }
    if (await this.leave(tenantId, agentId)) {
      await this.sockets.forget(tenantId, agentId);
      await this.sockets.releaseCheck(tenantId, agentId);
      return;
    }
    // On a call: away, and checked again after the next grace (this chain keeps the turn).
    await this.sockets.markAway(tenantId, agentId);
    await this.sockets.renewCheck(tenantId, agentId, this.checkTurnMs);
    await this.jobs.enqueue('agents.presence-check', payload, { delay: this.config.agentPresenceGraceMs });
  }

  /** Agents whose sockets' process died without closing them: checked now (their grace has passed). */
  async checkLapsed(): Promise<void> {
    for (const { tenantId, agentId } of await this.sockets.lapsed())
      await this.queueCheck(tenantId, agentId, 0);
  }

  /** A pending check's turn outlives its delay; a lost job frees it a little later. */
  private get checkTurnMs(): number {
    return 3 * this.config.agentPresenceGraceMs;
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

  /** Offline unless a call holds them; answers false when one does, true otherwise. */
  private async leave(tenantId: string, agentId: string): Promise<boolean> {
    const now = this.clock.now();
    const left = await this.agents.leave(tenantId, agentId, now);
    if (!left) return true;
    if (!left.changed && left.previous !== 'offline') return false;
    await this.sockets.clearAway(tenantId, agentId);
    if (!left.changed) {
      // Offline already (perhaps by this check's earlier attempt, whose announcement failed): the status job that
      // ends a live leg is queued again; it does nothing when there is none.
      await this.jobs.enqueue('agents.status-changed', {
        tenant_id: tenantId,
        agent_id: agentId,
        status: 'offline',
      });
      return true;
    }
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

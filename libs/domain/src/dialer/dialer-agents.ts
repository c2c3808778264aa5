import type { AgentStatus, SqlRunner } from '@app/db';
import { LiveEvents } from '@app/events';
import { Injectable } from '@nestjs/common';
import { AgentMove, DialerAgent, DialerAgentsRepository } from './dialer-agents.repository';

/**
 * The dialer's moves of agents (taken for a call, given back, after-call work), each announced as
 * `agent:status:updated` to the tenant and the agent's room when the status changed.
 */
@Injectable()
export class DialerAgents {
  constructor(
    private readonly repo: DialerAgentsRepository,
    private readonly live: LiveEvents,
  ) {}

  find(tenantId: string, agentId: string): Promise<DialerAgent | null> {
    return this.repo.find(tenantId, agentId);
  }

  /**
   * Up to `limit` of the group's available agents that `eligible` accepts (within their working hours...), longest
   * idle first. Read page by page: the longest idle are often those who left at the end of their shift still
   * available, and the agents passed over must not hide the ones behind them.
   */
  async available(
    tenantId: string,
    groupId: string | null,
    limit: number,
    eligible: (agent: DialerAgent) => boolean,
  ): Promise<DialerAgent[]> {
    const found: DialerAgent[] = [];
    for (let offset = 0; ; offset += limit) {
      const page = await this.repo.available(tenantId, groupId, limit, offset);
      found.push(...page.filter(eligible));
      if (found.length >= limit || page.length < limit) return found.slice(0, limit);
    }
  }

  async take(tenantId: string, agentId: string, now: Date): Promise<boolean> {
    const taken = await this.repo.take(tenantId, agentId, now);
    if (taken) this.announce(tenantId, agentId, 'busy', 'available', 1, now);
    return taken;
  }

  async giveBack(tenantId: string, agentId: string, now: Date): Promise<void> {
    this.announceGivenBack(tenantId, agentId, await this.repo.giveBack(tenantId, agentId, now), now);
  }

  /** giveBack's statement in the caller's transaction: announce its answer once that committed. */
  giveBackWithin(runner: SqlRunner, tenantId: string, agentId: string, now: Date): Promise<AgentMove | null> {
    return this.repo.giveBack(tenantId, agentId, now, runner);
  }

  /** The agent's release from a withdrawn preview offer, in the withdrawal's transaction (releaseOffer). */
  releaseOffer(
    runner: SqlRunner,
    tenantId: string,
    agentId: string,
    next: 'available' | 'break',
    now: Date,
  ): Promise<(AgentMove & { previous: AgentStatus }) | null> {
    return this.repo.releaseOffer(tenantId, agentId, next, now, runner);
  }

  /** The agent on a break after their live leg rang out, in the leg's end's transaction (awayFromLiveLeg). */
  awayFromLiveLeg(
    runner: SqlRunner,
    tenantId: string,
    agentId: string,
    now: Date,
  ): Promise<(AgentMove & { previous: AgentStatus }) | null> {
    return this.repo.awayFromLiveLeg(tenantId, agentId, now, runner);
  }

  announceGivenBack(tenantId: string, agentId: string, move: AgentMove | null, now: Date): void {
    if (move?.status === 'available')
      this.announce(tenantId, agentId, 'available', 'busy', move.current_calls, now);
  }

  wrapUp(
    tenantId: string,
    agentId: string,
    until: Date,
    talkSeconds: number,
    now: Date,
    runner?: SqlRunner,
  ): Promise<void> {
    return this.repo.wrapUp(tenantId, agentId, until, talkSeconds, now, runner);
  }

  overheld(before: Date, limit: number): Promise<{ tenant_id: string; id: string }[]> {
    return this.repo.overheld(before, limit);
  }

  /** reconcile's change (null: nothing was wrong), announced when it changed the agent's status. */
  async reconcile(
    tenantId: string,
    agentId: string,
    before: Date,
    now: Date,
  ): Promise<(AgentMove & { previous: AgentStatus }) | null> {
    const fixed = await this.repo.reconcile(tenantId, agentId, before, now);
    if (fixed && fixed.status !== fixed.previous)
      this.announce(tenantId, agentId, fixed.status, fixed.previous, fixed.current_calls, now);
    return fixed;
  }

  overdueWrapUps(
    before: Date,
    limit: number,
  ): Promise<{ tenant_id: string; id: string; wrap_up_until: Date }[]> {
    return this.repo.overdueWrapUps(before, limit);
  }

  async endWrapUp(tenantId: string, agentId: string, now: Date): Promise<boolean> {
    const ended = await this.repo.endWrapUp(tenantId, agentId, now);
    if (ended) this.announce(tenantId, agentId, 'available', 'busy', 0, now);
    return ended;
  }

  settlePresence(tenantId: string, agentId: string, seen: Date): Promise<void> {
    return this.repo.settlePresence(tenantId, agentId, seen);
  }

  setLiveLeg(tenantId: string, agentId: string, sid: string): Promise<boolean> {
    return this.repo.setLiveLeg(tenantId, agentId, sid);
  }

  clearLiveLeg(tenantId: string, agentId: string, sid: string, runner?: SqlRunner): Promise<void> {
    return this.repo.clearLiveLeg(tenantId, agentId, sid, runner);
  }

  private announce(
    tenantId: string,
    agentId: string,
    status: string,
    previous: string,
    currentCalls: number,
    now: Date,
  ): void {
    this.live.toTenantAndAgent(tenantId, agentId, 'agent:status:updated', {
      agent_id: agentId,
      status,
      previous_status: previous,
      current_calls: currentCalls,
      timestamp: now.toISOString(),
    });
  }
}

import { Clock } from '@app/common';
import { JobProducer } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { withinWorkingHours } from '../agents/working-hours';
import { DialerAgentsRepository } from './dialer-agents.repository';

/**
 * Agents who were already available when a power or predictive campaign of their group started (or resumed) had no
 * campaign to take a live leg for when they became available, so each lead bridged to them rang their phone anew.
 * The campaign's pacing round hands them to the same status job a change to available starts, holding them from the
 * dialer meanwhile as that change does: their phone is called once, and they stay on their live leg.
 */
@Injectable()
export class LiveLegsDue {
  constructor(
    private readonly agents: DialerAgentsRepository,
    private readonly jobs: JobProducer,
    private readonly clock: Clock,
  ) {}

  async call(tenantId: string, groupId: string | null): Promise<void> {
    const now = this.clock.now();
    for (const agent of await this.agents.withoutLiveLeg(tenantId, groupId)) {
      // Outside their working hours the job would ring no one, and they take no call either.
      if (!withinWorkingHours(agent.working_hours, agent.zone, now)) continue;
      if (!(await this.agents.holdForLiveLeg(tenantId, agent.id))) continue;
      await this.jobs.enqueue('agents.status-changed', {
        tenant_id: tenantId,
        agent_id: agent.id,
        status: 'available',
      });
    }
  }
}

import { AppError, Page, PageWindow } from '@app/common';
import { AgentGroupEntity } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { AgentGroupsRepository } from './agent-groups.repository';

export interface AgentGroupInput {
  name: string;
  description?: string | null;
}

/** A group with how many agents it has. */
export interface AgentGroupView {
  group: AgentGroupEntity;
  agent_count: number;
}

function isNameViolation(err: unknown): boolean {
  const driver =
    err instanceof QueryFailedError ? (err.driverError as { code?: string; constraint?: string }) : null;
  return driver?.code === '23505' && driver.constraint === 'uq_agent_groups_tenant_name';
}

const nameTaken = (name: string) =>
  AppError.conflict(`An agent group named "${name}" already exists`, { field: 'name' });

/** Agent groups (seed 001): a campaign's or an inbound number's team. Names are unique in a tenant, whatever their case. */
@Injectable()
export class AgentGroupsService {
  constructor(
    private readonly db: DataSource,
    private readonly groups: AgentGroupsRepository,
    private readonly activity: ActivityService,
  ) {}

  async list(auth: AuthContext, window: PageWindow): Promise<Page<AgentGroupView>> {
    const [rows, total] = await this.groups.list(auth.tenantId, window);
    const counts = await this.groups.agentCounts(
      auth.tenantId,
      rows.map((g) => g.id),
    );
    return new Page(
      rows.map((group) => ({ group, agent_count: counts.get(group.id) ?? 0 })),
      total,
      window.limit,
      window.offset,
    );
  }

  async create(auth: AuthContext, input: AgentGroupInput): Promise<AgentGroupView> {
    const name = input.name.trim();
    if (!name) throw AppError.field('name', 'must not be empty');
    if (await this.groups.findByName(auth.tenantId, name)) throw nameTaken(name);
    const description = input.description?.trim() || null;
    try {
      const group = await this.db.transaction(async (tx) => {
        const saved = await tx.save(
          tx.create(AgentGroupEntity, { tenantId: auth.tenantId, name, description }),
        );
        await this.activity.record(
          auth.tenantId,
          auth,
          {
            type: 'agent_group.created',
            description: `Agent group "${name}" created`,
            data: { agent_group_id: saved.id },
          },
          tx,
        );
        return saved;
      });
      return { group, agent_count: 0 };
    } catch (err) {
      // A concurrent request took the name between the check and the insert.
      if (isNameViolation(err)) throw nameTaken(name);
      throw err;
    }
  }
}

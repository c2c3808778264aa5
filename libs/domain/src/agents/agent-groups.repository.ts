import type { PageWindow } from '@app/common';
import { AgentGroupEntity, TenantRepository, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';

/** Agent groups: every method takes the tenant first. */
@Injectable()
export class AgentGroupsRepository extends TenantRepository<AgentGroupEntity> {
  constructor(@InjectRepository(AgentGroupEntity) repo: Repository<AgentGroupEntity>) {
    super(repo);
  }

  /** A page of groups by name, alphabetically whatever its case (the database's collation is byte order). */
  list(tenantId: string, window: PageWindow): Promise<[AgentGroupEntity[], number]> {
    return this.scoped(tenantId, 'g')
      .orderBy('lower(g.name)', 'ASC')
      .addOrderBy('g.id', 'ASC')
      .take(window.limit)
      .skip(window.offset)
      .getManyAndCount();
  }

  exists(tenantId: string, id: string): Promise<boolean> {
    return this.repo.existsBy(this.where(tenantId, { id }));
  }

  /** The tenant's group of this name, whatever its case. */
  findByName(tenantId: string, name: string): Promise<AgentGroupEntity | null> {
    return this.scoped(tenantId, 'g').andWhere('lower(g.name) = lower(:name)', { name }).getOne();
  }

  /** How many agents each group has (every id present, 0 for none). */
  async agentCounts(tenantId: string, groupIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>(groupIds.map((id) => [id, 0]));
    if (!groupIds.length) return counts;
    const rows = await tenantQuery<{ agent_group_id: string; n: number }>(
      this.repo.manager,
      tenantId,
      `SELECT agent_group_id, count(*)::int AS n FROM agents
        WHERE tenant_id = $1 AND agent_group_id = ANY($2::uuid[]) GROUP BY agent_group_id`,
      [groupIds],
    );
    for (const { agent_group_id, n } of rows) counts.set(agent_group_id, n);
    return counts;
  }
}

import type { PageWindow } from '@app/common';
import { TenantRepository, tenantQuery, WorkflowEntity, WorkflowTrigger } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** What a save or an activation may set. */
export type WorkflowChange = Partial<
  Pick<WorkflowEntity, 'name' | 'description' | 'triggerEvent' | 'nodes' | 'edges' | 'active' | 'activatedAt'>
>;

/** Workflows: every method takes the tenant first. */
@Injectable()
export class WorkflowsRepository extends TenantRepository<WorkflowEntity> {
  constructor(@InjectRepository(WorkflowEntity) repo: Repository<WorkflowEntity>) {
    super(repo);
  }

  list(tenantId: string, window: PageWindow): Promise<[WorkflowEntity[], number]> {
    return this.findPage(tenantId, window);
  }

  async change(tenantId: string, id: string, change: WorkflowChange): Promise<void> {
    // The graph is JSON the dashboard owns: TypeORM's deep-partial type cannot follow its open-ended node data.
    await this.repo.update(this.where(tenantId, { id }), change as QueryDeepPartialEntity<WorkflowEntity>);
  }

  async remove(tenantId: string, id: string): Promise<void> {
    await this.repo.delete(this.where(tenantId, { id }));
  }

  /** Whether an active workflow of the tenant starts from `event` (asked for each event, by a partial index). */
  async anyActive(tenantId: string, event: WorkflowTrigger): Promise<boolean> {
    const rows = await tenantQuery(
      this.repo.manager,
      tenantId,
      `SELECT 1 FROM workflows WHERE tenant_id = $1 AND trigger_event = $2 AND active LIMIT 1`,
      [event],
    );
    return rows.length > 0;
  }

  /** The ids among `ids` that are live campaigns of the tenant. */
  async campaignIds(tenantId: string, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await tenantQuery<{ id: string }>(
      this.repo.manager,
      tenantId,
      `SELECT id FROM campaigns WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND archived_at IS NULL`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** The ids among `ids` that are active users of the tenant. */
  async userIds(tenantId: string, ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await tenantQuery<{ id: string }>(
      this.repo.manager,
      tenantId,
      `SELECT id FROM users WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND is_active`,
      [ids],
    );
    return new Set(rows.map((r) => r.id));
  }
}

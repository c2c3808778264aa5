import { Clock, PageWindow } from '@app/common';
import { ActivityLogEntity, assertTenantId, SqlRunner } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { ActivityRepository } from './activity.repository';

export interface ActivityEntry {
  type: string;
  description: string;
  status?: 'success' | 'failure' | 'received' | 'info';
  data?: Record<string, unknown>;
}

export interface ActivityFilter {
  type?: string;
}

/** The tenant's activity feed and audit trail (seed 003's system activity). */
@Injectable()
export class ActivityService {
  constructor(
    private readonly activity: ActivityRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Records an entry; inside the transaction of `runner` when given (an EntityManager or a fastTransaction's
   * runner), so it lands with the change it describes.
   */
  async record(
    tenantId: string,
    actor: Pick<AuthContext, 'userId' | 'apiKeyId'> | null,
    entry: ActivityEntry,
    runner?: SqlRunner,
  ): Promise<void> {
    assertTenantId(tenantId);
    const row = {
      tenantId,
      type: entry.type,
      description: entry.description,
      status: entry.status ?? 'success',
      actorUserId: actor?.userId ?? null,
      actorApiKeyId: actor?.apiKeyId ?? null,
      data: entry.data ?? {},
      createdAt: this.clock.now(),
    };
    if (!runner) {
      await this.activity.insert(tenantId, row);
      return;
    }
    await runner.query(
      `INSERT INTO activity_log (tenant_id, type, description, status, actor_user_id, actor_api_key_id, data, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)`,
      [
        tenantId,
        row.type,
        row.description,
        row.status,
        row.actorUserId,
        row.actorApiKeyId,
        JSON.stringify(row.data),
        row.createdAt,
      ],
    );
  }

  list(
    tenantId: string,
    window: PageWindow,
    filter: ActivityFilter = {},
  ): Promise<[ActivityLogEntity[], number]> {
    return this.activity.findPage(tenantId, window, filter.type ? { type: filter.type } : {}, {
      createdAt: 'DESC',
      seq: 'DESC',
    });
  }
}

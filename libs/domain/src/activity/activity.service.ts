import { Clock, PageWindow } from '@app/common';
import { ActivityLogEntity, assertTenantId } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
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

  /** Records an entry; inside `manager`'s transaction when given, so it lands with the change it describes. */
  async record(
    tenantId: string,
    actor: Pick<AuthContext, 'userId' | 'apiKeyId'> | null,
    entry: ActivityEntry,
    manager?: EntityManager,
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
    if (manager) await manager.save(manager.create(ActivityLogEntity, row));
    else await this.activity.insert(tenantId, row);
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

import { REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import { analyzeIfTenantUnseen, TenantTable } from '@app/db';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';

/** A tenant's rows from which a look-up planned as if it had none reads noticeably more than by the key. */
const MIN_TENANT_ROWS = 1000;
/** At most one ANALYZE of a table for a tenant in this many seconds, across every process. */
const CLAIM_SECONDS = 60;

/**
 * Keeps the planner's statistics knowing a tenant whose rows came since a table was last analyzed, for the callers
 * that read many of them by key. Until something analyzes the table (autovacuum after 2,000 changed rows, and up to
 * a minute later; the statistics sweep where autovacuum is off), such a tenant is in none of its statistics, and
 * every look-up of one of its rows by key is planned on another index that starts with the tenant and reads all its
 * rows: a 15,000-lead load through the bulk API took 36 s instead of 3.4 s, and a new tenant's 15,000-lead
 * campaign report 35 s instead of a fraction of one.
 */
@Injectable()
export class TenantStatistics {
  private readonly logger = new Logger(TenantStatistics.name);

  constructor(
    private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /**
   * Analyzes each of `tables` that the statistics do not know the tenant in, once it has 1,000 rows there, at most
   * once a minute per table and tenant. Never throws: a failed ANALYZE only costs speed.
   */
  async refresh(tenantId: string, tables: readonly TenantTable[]): Promise<void> {
    // Each table on its own: one that cannot be analyzed (a lock, a lost connection) leaves the others to be.
    for (const table of tables) {
      try {
        await analyzeIfTenantUnseen(this.db, table, tenantId, {
          minTenantRows: MIN_TENANT_ROWS,
          claim: async () =>
            (await this.redis.set(
              this.config.redisKey('unseen-tenant-analyze', table, tenantId),
              '1',
              'EX',
              CLAIM_SECONDS,
              'NX',
            )) === 'OK',
        });
      } catch (err) {
        this.logger.warn({ err, tenant_id: tenantId, table }, 'Could not refresh the statistics of a tenant');
      }
    }
  }
}

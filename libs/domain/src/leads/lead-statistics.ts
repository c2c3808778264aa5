import { REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import { analyzeIfTenantUnseen } from '@app/db';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';

/** A tenant's rows from which a look-up planned as if it had none reads noticeably more than by the key. */
const MIN_TENANT_ROWS = 1000;
/** At most one ANALYZE of a table for a tenant in this many seconds, across every API process. */
const CLAIM_SECONDS = 60;

/**
 * Keeps the planner's statistics of leads and identities knowing a tenant that fills its book through the bulk API.
 * Until something analyzes the tables (autovacuum only once a tenth of a large table changed; never where it is
 * off), such a tenant is in none of them, and every look-up of one of its leads by key was planned on another index
 * that starts with the tenant and read all its leads: a 15,000-lead load in 15 requests took 36 s instead of 3.4 s.
 */
@Injectable()
export class LeadStatistics {
  private readonly logger = new Logger(LeadStatistics.name);

  constructor(
    private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  /** After the tenant's leads were created: a failed ANALYZE only costs speed, the leads are made. */
  async afterBulkCreate(tenantId: string): Promise<void> {
    try {
      for (const table of ['leads', 'lead_identities'] as const)
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
      this.logger.warn({ err, tenantId }, 'Could not refresh the statistics of leads after a bulk create');
    }
  }
}

import { analyzeWhereAutovacuumWillNot, fastSql, SqlRunner } from '@app/db';
import { OnJob } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * The `statistics.sweep` job (repeating, added by the worker every STATISTICS_SWEEP_EVERY_MS): the analyses that
 * autovacuum makes of the tables a tenant's traffic grows, where it is off. Platform-wide; one run however many
 * workers there are, and an ANALYZE run twice costs only time.
 */
@Injectable()
export class StatisticsSweep {
  private readonly logger = new Logger(StatisticsSweep.name);
  private readonly sql: SqlRunner;

  constructor(db: DataSource) {
    this.sql = fastSql(db);
  }

  @OnJob('statistics.sweep')
  async sweep(): Promise<string[]> {
    const tables = await analyzeWhereAutovacuumWillNot(this.sql);
    if (tables.length) this.logger.log({ tables }, 'Tables analyzed where autovacuum would not');
    return tables;
  }
}

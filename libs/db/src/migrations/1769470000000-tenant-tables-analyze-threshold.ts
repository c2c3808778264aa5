import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables that grow with each tenant's traffic, and whose look-ups have more than one index starting with the tenant. */
export const TENANT_GROWN_TABLES = [
  'activity_log',
  'ai_interactions',
  'appointments',
  'calls',
  'campaign_enrollments',
  'conversations',
  'dnc_entries',
  'integration_deliveries',
  'lead_identities',
  'leads',
  'message_attachments',
  'messages',
  'notifications',
  'reply_classifications',
  'webhook_deliveries',
  'webhook_events',
  'workflow_runs',
] as const;

/** Changed rows after which autovacuum analyzes one of these tables, whatever its size. */
export const TENANT_TABLE_ANALYZE_ROWS = 2000;

/**
 * Autovacuum analyzes these tables after every 2,000 changed rows instead of after a tenth of the table. Until an
 * ANALYZE sees a new tenant, the planner estimates its rows at one while the tenants it lists hold every row (a
 * database of fewer than a hundred tenants), so any index that starts with the tenant costs as little as the key:
 * a look-up of one lead by (tenant, id) was planned on (tenant, owner) and read all the tenant's leads, and a new
 * tenant's campaign report of 1,500 leads took 750 ms. A tenth of a large table is a new tenant's millionth row.
 * ANALYZE reads a fixed sample, and autovacuum runs it at most once a minute per table, at its own cost limit.
 */
export class TenantTablesAnalyzeThreshold1769470000000 implements MigrationInterface {
  name = 'TenantTablesAnalyzeThreshold1769470000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TENANT_GROWN_TABLES)
      await q.query(
        `ALTER TABLE "${table}" SET (autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = ${TENANT_TABLE_ANALYZE_ROWS})`,
      );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TENANT_GROWN_TABLES)
      await q.query(
        `ALTER TABLE "${table}" RESET (autovacuum_analyze_scale_factor, autovacuum_analyze_threshold)`,
      );
  }
}

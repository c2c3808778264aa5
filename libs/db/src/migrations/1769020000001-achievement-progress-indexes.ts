import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a user's achievements count, each read through a partial index of the rows that count only (a probe stops
 * at the largest target still locked, so a read costs at most that many index entries per metric): the leads they
 * own that are qualified (as the dashboard counts qualified), the messages they wrote, the campaigns they created
 * that went live, the calls connected to their agent. Built concurrently, as these tables are large (an index a
 * failed build left invalid is dropped first).
 */
export class AchievementProgressIndexes1769020000001 implements MigrationInterface {
  name = 'AchievementProgressIndexes1769020000001';
  transaction = false;

  private readonly indexes: [string, string][] = [
    [
      'ix_leads_tenant_owner_qualified',
      `"leads" ("tenant_id", "owner_id") WHERE "owner_id" IS NOT NULL AND ("status" IN ('qualified', 'converted') OR "qualification_status" IN ('qualified', 'meeting_requested'))`,
    ],
    [
      'ix_messages_tenant_sender_user',
      `"messages" ("tenant_id", "sender_user_id", "created_at") WHERE "sender_user_id" IS NOT NULL`,
    ],
    [
      'ix_campaigns_tenant_creator_started',
      `"campaigns" ("tenant_id", "created_by") WHERE "started_at" IS NOT NULL`,
    ],
    [
      'ix_calls_tenant_agent_connected',
      `"calls" ("tenant_id", "agent_id") WHERE "connected_at" IS NOT NULL AND "kind" <> 'agent_leg'`,
    ],
  ];

  async up(q: QueryRunner): Promise<void> {
    for (const [name, on] of this.indexes) {
      await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "${name}"`);
      await q.query(`CREATE INDEX CONCURRENTLY "${name}" ON ${on}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of this.indexes) await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "${name}"`);
  }
}

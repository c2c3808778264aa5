import type { MigrationInterface, QueryRunner } from 'typeorm';

/** [key, title, description, category, rarity, points, metric, target], in the catalogue's order. */
const CATALOGUE: [string, string, string, string, string, number, string, number][] = [
  [
    'first_qualified_lead',
    'First Qualified Lead',
    'A lead you own was qualified',
    'sales',
    'common',
    10,
    'leads_qualified',
    1,
  ],
  [
    'ten_qualified_leads',
    'Pipeline Builder',
    '10 leads you own were qualified',
    'sales',
    'uncommon',
    25,
    'leads_qualified',
    10,
  ],
  [
    'hundred_qualified_leads',
    'Rainmaker',
    '100 leads you own were qualified',
    'sales',
    'epic',
    100,
    'leads_qualified',
    100,
  ],
  [
    'first_campaign_launched',
    'Launch Day',
    'A campaign you created went live',
    'campaigns',
    'common',
    10,
    'campaigns_launched',
    1,
  ],
  [
    'five_campaigns_launched',
    'Campaign Strategist',
    '5 campaigns you created went live',
    'campaigns',
    'rare',
    50,
    'campaigns_launched',
    5,
  ],
  [
    'first_inbox_reply',
    'First Reply',
    'You answered a lead who wrote in, and your reply was sent',
    'messaging',
    'common',
    10,
    'inbox_replies',
    1,
  ],
  [
    'fifty_inbox_replies',
    'Inbox Hero',
    '50 of your replies to leads who wrote in were sent',
    'messaging',
    'rare',
    50,
    'inbox_replies',
    50,
  ],
  [
    'hundred_messages_sent',
    'Conversationalist',
    '100 messages you wrote were sent',
    'messaging',
    'uncommon',
    25,
    'messages_sent',
    100,
  ],
  [
    'first_call_connected',
    'First Connection',
    'A call was connected to you',
    'calls',
    'common',
    10,
    'calls_connected',
    1,
  ],
  [
    'hundred_calls_connected',
    'Phone Pro',
    '100 calls were connected to you',
    'calls',
    'rare',
    50,
    'calls_connected',
    100,
  ],
];

/**
 * Achievements (seed 004, DESIGN §4): the platform's fixed catalogue, each with what it counts (metric) and how
 * many unlock it (target), and the achievements each user unlocked, once per user and achievement (unique). The
 * counts themselves are not stored: they are read from the rows they count (migration 1769020000001 indexes them).
 */
export class Achievements1769020000000 implements MigrationInterface {
  name = 'Achievements1769020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "achievements" (
        "id" uuid NOT NULL,
        "key" varchar(64) NOT NULL,
        "title" varchar(100) NOT NULL,
        "description" varchar(300) NOT NULL,
        "category" varchar(32) NOT NULL,
        "rarity" varchar(16) NOT NULL,
        "points" integer NOT NULL,
        "metric" varchar(32) NOT NULL,
        "target" integer NOT NULL,
        "position" smallint NOT NULL,
        CONSTRAINT "pk_achievements" PRIMARY KEY ("id"),
        CONSTRAINT "ck_achievements_target" CHECK ("target" > 0),
        CONSTRAINT "ck_achievements_points" CHECK ("points" >= 0),
        CONSTRAINT "ck_achievements_rarity" CHECK ("rarity" IN ('common', 'uncommon', 'rare', 'epic', 'legendary')),
        CONSTRAINT "ck_achievements_metric" CHECK ("metric" IN ('leads_qualified', 'messages_sent', 'inbox_replies', 'campaigns_launched', 'calls_connected'))
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_achievements_key" ON "achievements" ("key")`);
    await q.query(`
      CREATE TABLE "user_achievements" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "user_id" uuid NOT NULL,
        "achievement_id" uuid NOT NULL,
        "unlocked_at" timestamptz NOT NULL,
        CONSTRAINT "pk_user_achievements" PRIMARY KEY ("id"),
        CONSTRAINT "fk_user_achievements_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_user_achievements_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_user_achievements_achievement" FOREIGN KEY ("achievement_id") REFERENCES "achievements" ("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_user_achievements_user" ON "user_achievements" ("tenant_id", "user_id", "achievement_id")`,
    );
    for (const [i, row] of CATALOGUE.entries()) {
      await q.query(
        `INSERT INTO "achievements" (id, key, title, description, category, rarity, points, metric, target, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [`7c0a1e52-4d3b-4f6a-9b1e-${String(i + 1).padStart(12, '0')}`, ...row, i + 1],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "user_achievements"`);
    await q.query(`DROP TABLE "achievements"`);
  }
}

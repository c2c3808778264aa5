import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns, their steps and their enrollments (DESIGN §4, issue 5). An enrollment is one lead's place in one
 * campaign. It has no foreign key to tenants of its own (its campaign's cascades): a start inserts enrollments by
 * the hundred thousand, and each foreign key checked per row costs a third of that time. The scheduler takes each
 * active campaign's due enrollments across tenants (`ix_campaign_enrollments_due`, partial: only those waiting for
 * their next action); every send of a step carries the key `campaign:<enrollment>:<step>:<attempt>`.
 */
export class Campaigns1765200000000 implements MigrationInterface {
  name = 'Campaigns1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "campaigns" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "name" varchar(200) NOT NULL,
        "description" text,
        "status" varchar(16) NOT NULL DEFAULT 'draft',
        "schedule_start" timestamptz,
        "schedule_end" timestamptz,
        "timezone" varchar(64),
        "calling_hours_start" time,
        "calling_hours_end" time,
        "calling_days" smallint array,
        "caller_id" varchar(32),
        "sender_id" varchar(100),
        "agent_group_id" uuid,
        "dialing_mode" varchar(16) NOT NULL DEFAULT 'preview',
        "max_abandon_rate" numeric(5,4) NOT NULL DEFAULT 0.03,
        "retry_policy" jsonb NOT NULL DEFAULT '{}',
        "amd_enabled" boolean NOT NULL DEFAULT false,
        "voicemail_message_url" text,
        "record_calls" boolean NOT NULL DEFAULT false,
        "subject_line" varchar(300),
        "follow_up_interval_days" numeric(6,2),
        "target_filter" jsonb,
        "stop_on_reply" boolean NOT NULL DEFAULT true,
        "steps_version" integer NOT NULL DEFAULT 1,
        "total_leads" integer NOT NULL DEFAULT 0,
        "created_by" uuid,
        "started_at" timestamptz,
        "paused_at" timestamptz,
        "completed_at" timestamptz,
        "cancelled_at" timestamptz,
        "archived_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_campaigns" PRIMARY KEY ("id"),
        CONSTRAINT "fk_campaigns_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_campaigns_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE SET NULL,
        CONSTRAINT "ck_campaigns_status" CHECK ("status" IN ('draft', 'scheduled', 'active', 'paused', 'completed', 'cancelled')),
        CONSTRAINT "ck_campaigns_dialing_mode" CHECK ("dialing_mode" IN ('preview', 'power', 'predictive'))
      )`);
    await q.query(
      `CREATE INDEX "ix_campaigns_tenant_created" ON "campaigns" ("tenant_id", "created_at", "id") WHERE "archived_at" IS NULL`,
    );
    await q.query(`CREATE INDEX "ix_campaigns_tenant_status" ON "campaigns" ("tenant_id", "status")`);

    await q.query(`
      CREATE TABLE "campaign_steps" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "campaign_id" uuid NOT NULL,
        "position" smallint NOT NULL,
        "type" varchar(16) NOT NULL,
        "content" text,
        "subject" varchar(300),
        "template_name" varchar(200),
        "template_language" varchar(16),
        "delay_minutes" integer,
        "options" jsonb NOT NULL DEFAULT '{}',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_campaign_steps" PRIMARY KEY ("id"),
        CONSTRAINT "fk_campaign_steps_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_campaign_steps_campaign" FOREIGN KEY ("campaign_id") REFERENCES "campaigns" ("id") ON DELETE CASCADE,
        CONSTRAINT "ck_campaign_steps_type" CHECK ("type" IN ('WHATSAPP', 'SMS', 'EMAIL', 'CALL', 'DELAY', 'AI_MESSAGE'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_campaign_steps_position" ON "campaign_steps" ("tenant_id", "campaign_id", "position")`,
    );

    await q.query(`
      CREATE TABLE "campaign_enrollments" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "campaign_id" uuid NOT NULL,
        "lead_id" uuid NOT NULL,
        "status" varchar(16) NOT NULL DEFAULT 'pending',
        "current_step" smallint NOT NULL DEFAULT 0,
        "attempts" smallint NOT NULL DEFAULT 0,
        "next_action_at" timestamptz,
        "last_attempt_at" timestamptz,
        "ai_paused" boolean NOT NULL DEFAULT false,
        "stop_reason" varchar(32),
        "replied_at" timestamptz,
        "completed_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_campaign_enrollments" PRIMARY KEY ("id"),
        CONSTRAINT "fk_campaign_enrollments_campaign" FOREIGN KEY ("campaign_id") REFERENCES "campaigns" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_campaign_enrollments_lead" FOREIGN KEY ("lead_id") REFERENCES "leads" ("id") ON DELETE CASCADE,
        CONSTRAINT "ck_campaign_enrollments_status" CHECK ("status" IN ('pending', 'queued', 'in_progress', 'waiting', 'replied', 'completed', 'failed', 'stopped', 'dnc'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_campaign_enrollments_lead" ON "campaign_enrollments" ("tenant_id", "campaign_id", "lead_id")`,
    );
    await q.query(
      `CREATE INDEX "ix_campaign_enrollments_tenant_lead" ON "campaign_enrollments" ("tenant_id", "lead_id")`,
    );
    await q.query(
      `CREATE INDEX "ix_campaign_enrollments_tenant_status" ON "campaign_enrollments" ("tenant_id", "campaign_id", "status")`,
    );
    await q.query(
      `CREATE INDEX "ix_campaign_enrollments_due" ON "campaign_enrollments" ("campaign_id", "next_action_at") WHERE "status" IN ('pending', 'waiting') AND NOT "ai_paused"`,
    );
    await q.query(
      `CREATE INDEX "ix_messages_tenant_campaign" ON "messages" ("tenant_id", "campaign_id", "step_id") WHERE "campaign_id" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "ix_messages_tenant_campaign"`);
    await q.query(`DROP TABLE "campaign_enrollments"`);
    await q.query(`DROP TABLE "campaign_steps"`);
    await q.query(`DROP TABLE "campaigns"`);
  }
}

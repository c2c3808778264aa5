import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Voice (issue 6): agent groups, agents, calls, and the campaign's dialer settings. A call row is written before
 * the provider is asked to place it (`uq_calls_enrollment_attempt`: one dial per enrollment and attempt, DESIGN
 * §7.6 for calls); `ix_calls_live` finds a campaign's calls in flight (no end time yet), which the pacer counts.
 * The dialer's pool is a campaign's enrollments `in_progress` at a CALL step (`ix_campaign_enrollments_tenant_status`).
 */
export class Voice1765300000000 implements MigrationInterface {
  name = 'Voice1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "agent_groups" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "name" varchar(120) NOT NULL,
        "description" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_agent_groups" PRIMARY KEY ("id"),
        CONSTRAINT "fk_agent_groups_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_agent_groups_tenant_name" ON "agent_groups" ("tenant_id", "name")`,
    );
    await q.query(`
      CREATE TABLE "agents" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "user_id" uuid,
        "agent_group_id" uuid,
        "name" varchar(200) NOT NULL,
        "phone" varchar(32),
        "email" varchar(254),
        "status" varchar(16) NOT NULL DEFAULT 'offline',
        "max_concurrent_calls" smallint NOT NULL DEFAULT 1,
        "current_calls" smallint NOT NULL DEFAULT 0,
        "total_calls_handled" integer NOT NULL DEFAULT 0,
        "total_call_duration_seconds" integer NOT NULL DEFAULT 0,
        "working_hours" jsonb,
        "timezone" varchar(64),
        "is_active" boolean NOT NULL DEFAULT true,
        "status_changed_at" timestamptz NOT NULL DEFAULT now(),
        "wrap_up_until" timestamptz,
        "live_call_sid" varchar(64),
        "last_active_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_agents" PRIMARY KEY ("id"),
        CONSTRAINT "fk_agents_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_agents_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL,
        CONSTRAINT "fk_agents_group" FOREIGN KEY ("agent_group_id") REFERENCES "agent_groups" ("id") ON DELETE SET NULL,
        CONSTRAINT "ck_agents_status" CHECK ("status" IN ('available', 'busy', 'offline', 'break')),
        CONSTRAINT "ck_agents_current_calls" CHECK ("current_calls" >= 0)
      )`);
    await q.query(
      `CREATE INDEX "ix_agents_tenant_status" ON "agents" ("tenant_id", "status", "status_changed_at")`,
    );
    await q.query(`CREATE INDEX "ix_agents_tenant_group" ON "agents" ("tenant_id", "agent_group_id")`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_agents_tenant_user" ON "agents" ("tenant_id", "user_id") WHERE "user_id" IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE "calls" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "campaign_id" uuid,
        "lead_id" uuid,
        "agent_id" uuid,
        "enrollment_id" uuid,
        "parent_call_id" uuid,
        "attempt" smallint,
        "kind" varchar(16) NOT NULL,
        "direction" varchar(8) NOT NULL,
        "call_sid" varchar(64),
        "conference_sid" varchar(64),
        "conference_name" varchar(100),
        "from_number" varchar(32),
        "to_number" varchar(32),
        "contact_name" varchar(200),
        "status" varchar(16) NOT NULL DEFAULT 'queued',
        "answered_by" varchar(24),
        "disposition" varchar(16),
        "start_time" timestamptz,
        "answer_time" timestamptz,
        "connected_at" timestamptz,
        "end_time" timestamptz,
        "duration" integer,
        "talk_time" integer,
        "recording_url" text,
        "recording_sid" varchar(64),
        "recording_duration" integer,
        "cost" numeric(10,4),
        "metadata" jsonb NOT NULL DEFAULT '{}',
        "notes" text,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_calls" PRIMARY KEY ("id"),
        CONSTRAINT "fk_calls_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_calls_campaign" FOREIGN KEY ("campaign_id") REFERENCES "campaigns" ("id") ON DELETE SET NULL,
        CONSTRAINT "fk_calls_lead" FOREIGN KEY ("lead_id") REFERENCES "leads" ("id") ON DELETE SET NULL,
        CONSTRAINT "fk_calls_agent" FOREIGN KEY ("agent_id") REFERENCES "agents" ("id") ON DELETE SET NULL,
        CONSTRAINT "ck_calls_kind" CHECK ("kind" IN ('dialer', 'broadcast', 'agent_leg', 'inbound', 'manual')),
        CONSTRAINT "ck_calls_direction" CHECK ("direction" IN ('inbound', 'outbound')),
        CONSTRAINT "ck_calls_status" CHECK ("status" IN ('queued', 'initiated', 'ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled')),
        CONSTRAINT "ck_calls_disposition" CHECK ("disposition" IN ('answered', 'voicemail', 'no_answer', 'busy', 'failed', 'abandoned', 'missed'))
      )`);
    await q.query(`CREATE INDEX "ix_calls_tenant_created" ON "calls" ("tenant_id", "created_at")`);
    await q.query(
      `CREATE INDEX "ix_calls_tenant_campaign" ON "calls" ("tenant_id", "campaign_id", "created_at")`,
    );
    await q.query(`CREATE INDEX "ix_calls_tenant_agent" ON "calls" ("tenant_id", "agent_id", "created_at")`);
    await q.query(`CREATE INDEX "ix_calls_tenant_lead" ON "calls" ("tenant_id", "lead_id")`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_calls_tenant_sid" ON "calls" ("tenant_id", "call_sid") WHERE "call_sid" IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_calls_enrollment_attempt" ON "calls" ("tenant_id", "enrollment_id", "attempt") WHERE "enrollment_id" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_calls_live" ON "calls" ("tenant_id", "campaign_id") WHERE "end_time" IS NULL`,
    );
    await q.query(`
      ALTER TABLE "campaigns"
        ADD "ring_timeout_seconds" smallint NOT NULL DEFAULT 25,
        ADD "lines_per_agent" numeric(4,2) NOT NULL DEFAULT 1,
        ADD "wrap_up_seconds" smallint NOT NULL DEFAULT 30,
        ADD "abandon_lockout_minutes" integer NOT NULL DEFAULT 4320,
        ADD "safe_harbour_message" text,
        ADD "amd_actions" jsonb NOT NULL DEFAULT '{}',
        ADD CONSTRAINT "ck_campaigns_ring_timeout" CHECK ("ring_timeout_seconds" BETWEEN 15 AND 120)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE "campaigns"
        DROP CONSTRAINT "ck_campaigns_ring_timeout",
        DROP "ring_timeout_seconds", DROP "lines_per_agent", DROP "wrap_up_seconds",
        DROP "abandon_lockout_minutes", DROP "safe_harbour_message", DROP "amd_actions"`);
    await q.query(`DROP TABLE "calls"`);
    await q.query(`DROP TABLE "agents"`);
    await q.query(`DROP TABLE "agent_groups"`);
  }
}

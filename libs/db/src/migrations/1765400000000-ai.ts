import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * AI (issue 7): each tenant's LLM choice (`llm_configs`, its key sealed), every model call with its tokens and cost
 * (`ai_interactions`, the ledger behind cost accounting and `analytics/ai-performance`), each reply's class
 * (`reply_classifications`, one per message), the lead's classification detail and the overrides that stick, the
 * AI's usage on the messages it wrote, the product context and its chat log, and the AI agents.
 */
export class Ai1765400000000 implements MigrationInterface {
  name = 'Ai1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "llm_configs" (
        "tenant_id" uuid NOT NULL,
        "provider" varchar(16) NOT NULL,
        "model" varchar(100) NOT NULL,
        "base_url" text,
        "api_style" varchar(16) NOT NULL DEFAULT 'chat',
        "credentials_sealed" text,
        "settings" jsonb NOT NULL DEFAULT '{}',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_llm_configs" PRIMARY KEY ("tenant_id"),
        CONSTRAINT "ck_llm_configs_provider" CHECK ("provider" IN ('local', 'openai')),
        CONSTRAINT "ck_llm_configs_api_style" CHECK ("api_style" IN ('chat', 'responses')),
        CONSTRAINT "fk_llm_configs_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "ai_agents" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "name" varchar(120) NOT NULL,
        "type" varchar(32) NOT NULL,
        "status" varchar(16) NOT NULL DEFAULT 'active',
        "capabilities" text[] NOT NULL DEFAULT '{}',
        "config" jsonb NOT NULL DEFAULT '{}',
        "created_by" uuid,
        "archived_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_ai_agents" PRIMARY KEY ("id"),
        CONSTRAINT "ck_ai_agents_status" CHECK ("status" IN ('active', 'inactive')),
        CONSTRAINT "fk_ai_agents_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_ai_agents_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE SET NULL
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_ai_agents_tenant_name" ON "ai_agents" ("tenant_id", lower("name")) WHERE "archived_at" IS NULL`,
    );
    await q.query(`
      CREATE TABLE "ai_interactions" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "kind" varchar(24) NOT NULL,
        "agent_id" uuid,
        "lead_id" uuid,
        "message_id" uuid,
        "provider" varchar(16) NOT NULL,
        "model" varchar(100) NOT NULL,
        "prompt_version" varchar(48),
        "input" jsonb,
        "output" jsonb,
        "success" boolean NOT NULL,
        "qualified" boolean,
        "error_code" varchar(48),
        "input_tokens" integer NOT NULL DEFAULT 0,
        "output_tokens" integer NOT NULL DEFAULT 0,
        "cost_usd" numeric(12,6) NOT NULL DEFAULT 0,
        "latency_ms" integer NOT NULL DEFAULT 0,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_ai_interactions" PRIMARY KEY ("id"),
        CONSTRAINT "ck_ai_interactions_kind" CHECK ("kind" IN
          ('classification', 'message', 'auto_reply', 'product_context', 'agent_run', 'test_prompt')),
        CONSTRAINT "fk_ai_interactions_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_ai_interactions_agent" FOREIGN KEY ("agent_id") REFERENCES "ai_agents" ("id") ON DELETE SET NULL,
        CONSTRAINT "fk_ai_interactions_lead" FOREIGN KEY ("lead_id") REFERENCES "leads" ("id") ON DELETE SET NULL
      )`);
    await q.query(
      `CREATE INDEX "ix_ai_interactions_tenant_created" ON "ai_interactions" ("tenant_id", "created_at")`,
    );
    await q.query(
      `CREATE INDEX "ix_ai_interactions_tenant_agent" ON "ai_interactions" ("tenant_id", "agent_id", "created_at")
         WHERE "agent_id" IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE "reply_classifications" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "message_id" uuid NOT NULL,
        "lead_id" uuid NOT NULL,
        "conversation_id" uuid NOT NULL,
        "label" varchar(32) NOT NULL,
        "confidence" real NOT NULL,
        "reason" text NOT NULL,
        "return_date" date,
        "referral" jsonb,
        "language" varchar(8),
        "interaction_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_reply_classifications" PRIMARY KEY ("id"),
        CONSTRAINT "ck_reply_classifications_label" CHECK ("label" IN ('interested', 'meeting_request', 'question',
          'not_now', 'not_interested', 'out_of_office', 'wrong_person', 'unsubscribe', 'neutral')),
        CONSTRAINT "ck_reply_classifications_confidence" CHECK ("confidence" BETWEEN 0 AND 1),
        CONSTRAINT "fk_reply_classifications_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_reply_classifications_message" FOREIGN KEY ("message_id") REFERENCES "messages" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_reply_classifications_lead" FOREIGN KEY ("lead_id") REFERENCES "leads" ("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_reply_classifications_message" ON "reply_classifications" ("tenant_id", "message_id")`,
    );
    await q.query(
      `CREATE INDEX "ix_reply_classifications_lead" ON "reply_classifications" ("tenant_id", "lead_id", "created_at")`,
    );
    await q.query(`
      ALTER TABLE "leads"
        ADD COLUMN "classification_confidence" real,
        ADD COLUMN "classification_reason" text,
        ADD COLUMN "classified_at" timestamptz,
        ADD COLUMN "classification_overridden" boolean NOT NULL DEFAULT false,
        ADD COLUMN "score_overridden" boolean NOT NULL DEFAULT false,
        ADD COLUMN "meeting_requested_at" timestamptz`);
    await q.query(`ALTER TABLE "messages" ADD COLUMN "ai_usage" jsonb`);
    await q.query(`
      CREATE TABLE "product_contexts" (
        "tenant_id" uuid NOT NULL,
        "metadata" jsonb NOT NULL DEFAULT '{}',
        "status" varchar(16) NOT NULL DEFAULT 'empty',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_product_contexts" PRIMARY KEY ("tenant_id"),
        CONSTRAINT "ck_product_contexts_status" CHECK ("status" IN ('empty', 'clarifying', 'confirmed')),
        CONSTRAINT "fk_product_contexts_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE "product_context_messages" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "role" varchar(16) NOT NULL,
        "content" text NOT NULL,
        "metadata" jsonb,
        "user_id" uuid,
        "interaction_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_product_context_messages" PRIMARY KEY ("id"),
        CONSTRAINT "ck_product_context_messages_role" CHECK ("role" IN ('user', 'assistant')),
        CONSTRAINT "fk_product_context_messages_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_product_context_messages_user" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL
      )`);
    await q.query(
      `CREATE INDEX "ix_product_context_messages_tenant_created" ON "product_context_messages" ("tenant_id", "created_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "product_context_messages"`);
    await q.query(`DROP TABLE "product_contexts"`);
    await q.query(`ALTER TABLE "messages" DROP COLUMN "ai_usage"`);
    await q.query(`
      ALTER TABLE "leads"
        DROP COLUMN "classification_confidence",
        DROP COLUMN "classification_reason",
        DROP COLUMN "classified_at",
        DROP COLUMN "classification_overridden",
        DROP COLUMN "score_overridden",
        DROP COLUMN "meeting_requested_at"`);
    await q.query(`DROP TABLE "reply_classifications"`);
    await q.query(`DROP TABLE "ai_interactions"`);
    await q.query(`DROP TABLE "ai_agents"`);
    await q.query(`DROP TABLE "llm_configs"`);
  }
}

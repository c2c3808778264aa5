import { MigrationInterface, QueryRunner } from 'typeorm';

/** Channel configs, conversations, messages and recorded webhook events (the channels issue). */
export class Messaging1764547200000 implements MigrationInterface {
  name = 'Messaging1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "channel_configs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "channel" varchar(16) NOT NULL,
        "provider" varchar(32) NOT NULL,
        "credentials_sealed" text,
        "settings" jsonb NOT NULL DEFAULT '{}',
        "webhook_key" varchar(64) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_channel_configs" PRIMARY KEY ("id"),
        CONSTRAINT "fk_channel_configs_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "ck_channel_configs_channel" CHECK ("channel" IN ('sms', 'whatsapp', 'voice', 'email', 'telegram')),
        CONSTRAINT "ck_channel_configs_provider" CHECK ("provider" IN ('twilio', 'whatsapp_cloud', 'telegram', 'smtp', 'simulator'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_channel_configs_channel" ON "channel_configs" ("tenant_id", "channel")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_channel_configs_webhook_key" ON "channel_configs" ("webhook_key")`,
    );

    await q.query(`
      CREATE TABLE "conversations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "lead_id" uuid NOT NULL,
        "channel" varchar(16) NOT NULL,
        "status" varchar(16) NOT NULL DEFAULT 'open',
        "unread_count" integer NOT NULL DEFAULT 0,
        "last_message_at" timestamptz,
        "last_inbound_at" timestamptz,
        "assigned_user_id" uuid,
        "ai_mode" varchar(8) NOT NULL DEFAULT 'auto',
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_conversations" PRIMARY KEY ("id"),
        CONSTRAINT "fk_conversations_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_conversations_lead" FOREIGN KEY ("lead_id") REFERENCES "leads" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_conversations_assigned_user" FOREIGN KEY ("assigned_user_id") REFERENCES "users" ("id") ON DELETE SET NULL,
        CONSTRAINT "ck_conversations_channel" CHECK ("channel" IN ('whatsapp', 'sms', 'telegram', 'email', 'voice')),
        CONSTRAINT "ck_conversations_status" CHECK ("status" IN ('open', 'closed')),
        CONSTRAINT "ck_conversations_ai_mode" CHECK ("ai_mode" IN ('auto', 'human'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_conversations_lead_channel" ON "conversations" ("tenant_id", "lead_id", "channel")`,
    );
    await q.query(
      `CREATE INDEX "ix_conversations_tenant_last_message" ON "conversations" ("tenant_id", "last_message_at", "id")`,
    );
    await q.query(
      `CREATE INDEX "ix_conversations_tenant_assigned" ON "conversations" ("tenant_id", "assigned_user_id")`,
    );

    await q.query(`
      CREATE TABLE "messages" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "conversation_id" uuid NOT NULL,
        "lead_id" uuid NOT NULL,
        "campaign_id" uuid,
        "step_id" uuid,
        "direction" varchar(8) NOT NULL,
        "channel" varchar(16) NOT NULL,
        "sender" varchar(8) NOT NULL,
        "sender_user_id" uuid,
        "content" text,
        "subject" varchar(998),
        "template" jsonb,
        "media_urls" text array NOT NULL DEFAULT '{}',
        "provider" varchar(32) NOT NULL,
        "provider_message_id" varchar(128),
        "status" varchar(16) NOT NULL,
        "error_code" varchar(32),
        "error_message" text,
        "segments" smallint,
        "idempotency_key" varchar(200) NOT NULL,
        "external_thread_id" varchar(255),
        "attempts" integer NOT NULL DEFAULT 0,
        "sent_at" timestamptz,
        "delivered_at" timestamptz,
        "read_at" timestamptz,
        "failed_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_messages" PRIMARY KEY ("id"),
        CONSTRAINT "fk_messages_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_messages_conversation" FOREIGN KEY ("conversation_id") REFERENCES "conversations" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_messages_lead" FOREIGN KEY ("lead_id") REFERENCES "leads" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_messages_sender_user" FOREIGN KEY ("sender_user_id") REFERENCES "users" ("id") ON DELETE SET NULL,
        CONSTRAINT "ck_messages_direction" CHECK ("direction" IN ('inbound', 'outbound')),
        CONSTRAINT "ck_messages_sender" CHECK ("sender" IN ('lead', 'agent', 'ai', 'system')),
        CONSTRAINT "ck_messages_status" CHECK ("status" IN ('queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'unknown', 'received'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_messages_idempotency_key" ON "messages" ("tenant_id", "idempotency_key")`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_messages_provider_message" ON "messages" ("tenant_id", "provider", "provider_message_id") WHERE "provider_message_id" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_messages_tenant_conversation" ON "messages" ("tenant_id", "conversation_id", "created_at", "id")`,
    );
    await q.query(
      `CREATE INDEX "ix_messages_tenant_lead" ON "messages" ("tenant_id", "lead_id", "created_at")`,
    );
    await q.query(`CREATE INDEX "ix_messages_tenant_status" ON "messages" ("tenant_id", "status")`);

    await q.query(`
      CREATE TABLE "webhook_events" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "provider" varchar(32) NOT NULL,
        "kind" varchar(16) NOT NULL,
        "event_key" varchar(255) NOT NULL,
        "payload" jsonb NOT NULL,
        "processed_at" timestamptz,
        "received_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_webhook_events" PRIMARY KEY ("id"),
        CONSTRAINT "fk_webhook_events_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_webhook_events_key" ON "webhook_events" ("tenant_id", "provider", "event_key")`,
    );
    await q.query(
      `CREATE INDEX "ix_webhook_events_tenant_received" ON "webhook_events" ("tenant_id", "received_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "webhook_events"`);
    await q.query(`DROP TABLE "messages"`);
    await q.query(`DROP TABLE "conversations"`);
    await q.query(`DROP TABLE "channel_configs"`);
  }
}

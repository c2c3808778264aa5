import { MigrationInterface, QueryRunner } from 'typeorm';
import { LEAD_SEARCH_EXPRESSION } from '../lead-search';

export class Leads1763884800000 implements MigrationInterface {
  name = 'Leads1763884800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await q.query(`
      CREATE TABLE "leads" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "first_name" varchar(100),
        "last_name" varchar(100),
        "email" varchar(320),
        "phone" varchar(64),
        "phone_normalized" varchar(20),
        "country" char(2),
        "timezone" varchar(64),
        "timezones" text array NOT NULL DEFAULT '{}',
        "company" varchar(200),
        "position" varchar(200),
        "source" varchar(100),
        "value" numeric(14,2),
        "priority" varchar(8) NOT NULL DEFAULT 'normal',
        "status" varchar(16) NOT NULL DEFAULT 'new',
        "score" smallint NOT NULL DEFAULT 0,
        "classification" varchar(32),
        "qualification_status" varchar(32),
        "tags" text array NOT NULL DEFAULT '{}',
        "custom_fields" jsonb NOT NULL DEFAULT '{}',
        "notes" text,
        "owner_id" uuid,
        "opted_out_channels" text array NOT NULL DEFAULT '{}',
        "do_not_call" boolean NOT NULL DEFAULT false,
        "call_attempts" integer NOT NULL DEFAULT 0,
        "last_call_at" timestamptz,
        "next_call_at" timestamptz,
        "archived_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_leads" PRIMARY KEY ("id"),
        CONSTRAINT "fk_leads_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_leads_owner" FOREIGN KEY ("owner_id") REFERENCES "users" ("id") ON DELETE SET NULL,
        CONSTRAINT "ck_leads_priority" CHECK ("priority" IN ('low', 'normal', 'high')),
        CONSTRAINT "ck_leads_status" CHECK ("status" IN ('new', 'contacted', 'qualified', 'converted', 'lost')),
        CONSTRAINT "ck_leads_score" CHECK ("score" BETWEEN 0 AND 100)
      )`);
    await q.query(`CREATE INDEX "ix_leads_tenant_created" ON "leads" ("tenant_id", "created_at", "id")`);
    await q.query(`CREATE INDEX "ix_leads_tenant_status" ON "leads" ("tenant_id", "status")`);
    await q.query(`CREATE INDEX "ix_leads_tenant_score" ON "leads" ("tenant_id", "score")`);
    await q.query(
      `CREATE INDEX "ix_leads_tenant_next_call" ON "leads" ("tenant_id", "priority", "next_call_at")`,
    );
    await q.query(`CREATE INDEX "ix_leads_tenant_owner" ON "leads" ("tenant_id", "owner_id")`);
    await q.query(`CREATE INDEX "ix_leads_tenant_tags" ON "leads" USING gin ("tenant_id", "tags")`);
    await q.query(
      `CREATE INDEX "ix_leads_tenant_search" ON "leads" USING gin ("tenant_id", (${LEAD_SEARCH_EXPRESSION}) gin_trgm_ops)`,
    );

    await q.query(`
      CREATE TABLE "lead_identities" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "lead_id" uuid NOT NULL,
        "channel" varchar(16) NOT NULL,
        "address" varchar(320) NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_lead_identities" PRIMARY KEY ("id"),
        CONSTRAINT "fk_lead_identities_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "fk_lead_identities_lead" FOREIGN KEY ("lead_id") REFERENCES "leads" ("id") ON DELETE CASCADE,
        CONSTRAINT "ck_lead_identities_channel" CHECK ("channel" IN ('phone', 'email', 'whatsapp', 'telegram'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_lead_identities_address" ON "lead_identities" ("tenant_id", "channel", "address")`,
    );
    await q.query(`CREATE INDEX "ix_lead_identities_lead" ON "lead_identities" ("tenant_id", "lead_id")`);

    await q.query(`
      CREATE TABLE "dnc_entries" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "phone_normalized" varchar(20),
        "email" varchar(320),
        "channel" varchar(16) NOT NULL DEFAULT 'all',
        "reason" varchar(32) NOT NULL DEFAULT 'manual',
        "created_by_id" uuid,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_dnc_entries" PRIMARY KEY ("id"),
        CONSTRAINT "fk_dnc_entries_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "ck_dnc_entries_address" CHECK ("phone_normalized" IS NOT NULL OR "email" IS NOT NULL),
        CONSTRAINT "ck_dnc_entries_channel" CHECK ("channel" IN ('all', 'sms', 'whatsapp', 'voice', 'email', 'telegram')),
        CONSTRAINT "ck_dnc_entries_reason" CHECK ("reason" IN ('stop_keyword', 'manual', 'import', 'complaint', 'erasure'))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_dnc_entries_phone" ON "dnc_entries" ("tenant_id", "phone_normalized", "channel") WHERE "phone_normalized" IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "uq_dnc_entries_email" ON "dnc_entries" ("tenant_id", "email", "channel") WHERE "email" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_dnc_entries_tenant_created" ON "dnc_entries" ("tenant_id", "created_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "dnc_entries"`);
    await q.query(`DROP TABLE "lead_identities"`);
    await q.query(`DROP TABLE "leads"`);
  }
}

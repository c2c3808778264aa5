import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1763798400000 implements MigrationInterface {
  name = 'Foundation1763798400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "tenants" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" varchar(200) NOT NULL,
        "slug" varchar(100) NOT NULL,
        "timezone" varchar(64) NOT NULL DEFAULT 'UTC',
        "default_country" char(2),
        "settings" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_tenants" PRIMARY KEY ("id")
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_tenants_slug" ON "tenants" ("slug")`);
    await q.query(`CREATE UNIQUE INDEX "uq_tenants_name_lower" ON "tenants" (lower("name"))`);

    await q.query(`
      CREATE TABLE "users" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "email" varchar(320) NOT NULL,
        "username" varchar(100),
        "password_hash" text NOT NULL,
        "first_name" varchar(100) NOT NULL,
        "last_name" varchar(100) NOT NULL,
        "phone" varchar(32),
        "role" varchar(16) NOT NULL,
        "is_active" boolean NOT NULL DEFAULT true,
        "last_login_at" timestamptz,
        "tokens_revoked_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_users" PRIMARY KEY ("id"),
        CONSTRAINT "fk_users_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "ck_users_role" CHECK ("role" IN ('admin', 'manager', 'agent'))
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_users_email_lower" ON "users" (lower("email"))`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_users_tenant_username_lower" ON "users" ("tenant_id", lower("username")) WHERE "username" IS NOT NULL`,
    );
    await q.query(`CREATE INDEX "ix_users_tenant_created" ON "users" ("tenant_id", "created_at")`);

    await q.query(`
      CREATE TABLE "api_keys" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "tenant_id" uuid NOT NULL,
        "name" varchar(100) NOT NULL,
        "prefix" varchar(16) NOT NULL,
        "key_hash" char(64) NOT NULL,
        "role" varchar(16) NOT NULL,
        "created_by_id" uuid,
        "last_used_at" timestamptz,
        "revoked_at" timestamptz,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_api_keys" PRIMARY KEY ("id"),
        CONSTRAINT "fk_api_keys_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
        CONSTRAINT "ck_api_keys_role" CHECK ("role" IN ('admin', 'manager', 'agent'))
      )`);
    await q.query(`CREATE UNIQUE INDEX "uq_api_keys_prefix" ON "api_keys" ("prefix")`);
    await q.query(`CREATE INDEX "ix_api_keys_tenant_created" ON "api_keys" ("tenant_id", "created_at")`);

    await q.query(`
      CREATE TABLE "activity_log" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "seq" bigint GENERATED ALWAYS AS IDENTITY,
        "tenant_id" uuid NOT NULL,
        "type" varchar(64) NOT NULL,
        "description" text NOT NULL,
        "status" varchar(32) NOT NULL DEFAULT 'success',
        "actor_user_id" uuid,
        "actor_api_key_id" uuid,
        "data" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "pk_activity_log" PRIMARY KEY ("id"),
        CONSTRAINT "fk_activity_log_tenant" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX "ix_activity_log_tenant_created" ON "activity_log" ("tenant_id", "created_at", "seq")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "activity_log"`);
    await q.query(`DROP TABLE "api_keys"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`DROP TABLE "tenants"`);
  }
}

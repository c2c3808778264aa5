import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tags are matched whatever their case (`tag=VIP` finds a lead tagged `vip`), and stored as written (seed 004 shows
 * `"AI"` kept as sent): the tag filter reads `lead_tag_keys(tags)`, the tags lower-cased, and a GIN index on that
 * expression (led by the tenant, as the one it replaces) serves it. Built concurrently (outside a transaction), so
 * leads are written while it builds; an index a failed build left invalid is dropped first. The index on the tags
 * as written served only that filter, and goes.
 */
export class LeadTagKeys1768791000000 implements MigrationInterface {
  name = 'LeadTagKeys1768791000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    // Immutable, as `lower` is: an index may be built on it.
    await q.query(
      `CREATE OR REPLACE FUNCTION lead_tag_keys(tags text[]) RETURNS text[]
       LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
       AS $$ SELECT ARRAY(SELECT lower(t) FROM unnest(tags) AS t) $$`,
    );
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_leads_tenant_tag_keys"`);
    await q.query(
      `CREATE INDEX CONCURRENTLY "ix_leads_tenant_tag_keys" ON "leads" USING gin ("tenant_id", lead_tag_keys("tags"))`,
    );
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_leads_tenant_tags"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_leads_tenant_tags"`);
    await q.query(
      `CREATE INDEX CONCURRENTLY "ix_leads_tenant_tags" ON "leads" USING gin ("tenant_id", "tags")`,
    );
    await q.query(`DROP INDEX CONCURRENTLY IF EXISTS "ix_leads_tenant_tag_keys"`);
    await q.query(`DROP FUNCTION IF EXISTS lead_tag_keys(text[])`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agent group names are unique in a tenant whatever their case: "Sales" and "sales" could both be created, and a
 * campaign or an inbound number then named a team its manager could not tell apart. Groups that already clash keep
 * their names in order of creation: the first keeps it, each later one gets the first free " (n)" suffix from 2
 * (cut to fit the 120 characters), so that the index can be built.
 */
export class AgentGroupNamesAnyCase1768810000000 implements MigrationInterface {
  name = 'AgentGroupNamesAnyCase1768810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      DO $$
      DECLARE
        r record;
        n int;
        candidate text;
      BEGIN
        FOR r IN
          SELECT id, tenant_id, name FROM (
            SELECT id, tenant_id, name,
                   row_number() OVER (PARTITION BY tenant_id, lower(name) ORDER BY created_at, id) AS rn
              FROM agent_groups) g
           WHERE rn > 1
           ORDER BY tenant_id, lower(name), rn
        LOOP
          n := 2;
          LOOP
            candidate := left(r.name, 120 - length(' (' || n || ')')) || ' (' || n || ')';
            EXIT WHEN NOT EXISTS (SELECT 1 FROM agent_groups
                                   WHERE tenant_id = r.tenant_id AND lower(name) = lower(candidate));
            n := n + 1;
          END LOOP;
          UPDATE agent_groups SET name = candidate, updated_at = now() WHERE id = r.id;
        END LOOP;
      END $$`);
    await q.query(`DROP INDEX "uq_agent_groups_tenant_name"`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_agent_groups_tenant_name" ON "agent_groups" ("tenant_id", lower("name"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "uq_agent_groups_tenant_name"`);
    await q.query(
      `CREATE UNIQUE INDEX "uq_agent_groups_tenant_name" ON "agent_groups" ("tenant_id", "name")`,
    );
  }
}

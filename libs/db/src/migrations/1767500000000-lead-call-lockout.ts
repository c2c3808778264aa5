import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An abandoned call locks the lead out of every campaign's dialing, not only the abandoning one's: the lead keeps
 * the end of the lockout (`call_locked_until`). Leads abandoned before this migration get theirs from their calls,
 * so a lockout still running is kept.
 */
export class LeadCallLockout1767500000000 implements MigrationInterface {
  name = 'LeadCallLockout1767500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "leads" ADD "call_locked_until" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `UPDATE "leads" l SET "call_locked_until" = x.until
         FROM (SELECT c.tenant_id, c.lead_id,
                      max(c.end_time + make_interval(mins => k.abandon_lockout_minutes)) AS until
                 FROM "calls" c
                 JOIN "campaigns" k ON k.tenant_id = c.tenant_id AND k.id = c.campaign_id
                WHERE c.disposition = 'abandoned' AND c.lead_id IS NOT NULL AND c.end_time IS NOT NULL
                GROUP BY c.tenant_id, c.lead_id) x
        WHERE l.tenant_id = x.tenant_id AND l.id = x.lead_id AND x.until > now()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "leads" DROP COLUMN "call_locked_until"`);
  }
}

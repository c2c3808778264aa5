import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seed 002's form (`subjectLine` and `template`) made one EMAIL step with a copy of the subject line, so a later
 * change of `subjectLine` did not reach the emails. Such a step now keeps no subject of its own (the campaign's
 * applies); the steps made so are cleared: a campaign's only step, an EMAIL whose subject is its subject line.
 */
export class TemplateStepSubject1767600000000 implements MigrationInterface {
  name = 'TemplateStepSubject1767600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE "campaign_steps" s SET "subject" = NULL
         FROM "campaigns" c
        WHERE c.tenant_id = s.tenant_id AND c.id = s.campaign_id
          AND s.type = 'EMAIL' AND s.subject = c.subject_line
          AND NOT EXISTS (SELECT 1 FROM "campaign_steps" o
                           WHERE o.tenant_id = s.tenant_id AND o.campaign_id = s.campaign_id AND o.id <> s.id)`,
    );
  }

  /** Nothing to put back: each cleared subject was its campaign's subject line, which still applies. */
  async down(): Promise<void> {}
}

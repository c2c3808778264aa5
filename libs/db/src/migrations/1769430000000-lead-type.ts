import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A lead's type (seed 001's `"type": "carrier"`): a short free-form label of what kind of lead it is (carrier,
 * shipper, broker...), null when unknown. Adding a nullable column with no default rewrites no row. No index:
 * `GET leads?type=` is filtered as `?source=` is (see LeadsRepository.filtered), a few labels per tenant.
 */
export class LeadType1769430000000 implements MigrationInterface {
  name = 'LeadType1769430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "leads" ADD "type" varchar(50)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "leads" DROP COLUMN "type"`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who booked an appointment: the user whose request created it (null for one booked with an API key, for those
 * booked before this column, and once that user is deleted). Adding a nullable column with no default rewrites no row.
 */
export class AppointmentCreatedBy1769170000000 implements MigrationInterface {
  name = 'AppointmentCreatedBy1769170000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "appointments" ADD "created_by" uuid`);
    await q.query(
      `ALTER TABLE "appointments" ADD CONSTRAINT "fk_appointments_created_by"
         FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE SET NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "appointments" DROP CONSTRAINT "fk_appointments_created_by"`);
    await q.query(`ALTER TABLE "appointments" DROP COLUMN "created_by"`);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** users.auth_version: bumped by every change to what authenticates a user (role, active, token revocation). */
export class UserAuthVersion1764460800000 implements MigrationInterface {
  name = 'UserAuthVersion1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "auth_version" integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP COLUMN "auth_version"`);
  }
}

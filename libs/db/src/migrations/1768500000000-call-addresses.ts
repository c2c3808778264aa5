import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An inbound call's From and To are kept as the provider sent them: a call from a SIP endpoint
 * (`sip:+14155551234@acme.sip.us1.twilio.com`), or from a Twilio Client with a long identity (`client:…`), did not
 * fit 32 characters and was refused. Widening a varchar changes the catalog only: the table is not rewritten.
 */
export class CallAddresses1768500000000 implements MigrationInterface {
  name = 'CallAddresses1768500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "calls" ALTER COLUMN "from_number" TYPE varchar(255), ALTER COLUMN "to_number" TYPE varchar(255)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    // Refused (value too long) while a call keeps an address that does not fit the old width: none is cut.
    await q.query(
      `ALTER TABLE "calls" ALTER COLUMN "from_number" TYPE varchar(32), ALTER COLUMN "to_number" TYPE varchar(32)`,
    );
  }
}

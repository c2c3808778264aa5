import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose `timezone` column a client wrote through the API (leads' `timezones` come from their phones). */
const TABLES = ['tenants', 'leads', 'campaigns', 'agents', 'appointments'] as const;

/**
 * Stored time zones take their canonical spelling, as the API now stores what it is sent (IanaTimeZone,
 * canonicalTimeZone): a zone stored in another case (`america/new_york`, `UTC` as `utc`) takes the spelling of the
 * Postgres zone of the same name in any case (`America/New_York`), matched set-based against pg_timezone_names,
 * whose names are unique whatever their case. What SQL cannot tell is which zone an alias links to: the catalogue
 * lists `US/Pacific` and `Asia/Calcutta` as names of their own, so an alias keeps its name (in its own canonical
 * case: `us/pacific` becomes `US/Pacific`), not the zone the API would store (`America/Los_Angeles`); it still
 * names the same zone, and the next write of the field through the API stores the canonical one. A value no zone
 * matches is left as it is. Rows keep their `updated_at`: the zone they name has not changed.
 */
export class CanonicalTimeZones1769300000000 implements MigrationInterface {
  name = 'CanonicalTimeZones1769300000000';

  async up(q: QueryRunner): Promise<void> {
    for (const table of TABLES)
      await q.query(`
        UPDATE "${table}" AS t SET "timezone" = z.name
        FROM pg_timezone_names AS z
        WHERE lower(t."timezone") = lower(z.name) AND t."timezone" <> z.name`);
  }

  /** Nothing to undo: the spellings replaced named the same zones, and which rows had which spelling is not kept. */
  async down(): Promise<void> {}
}

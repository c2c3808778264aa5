import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The SQL body lead_tag_keys had (migration 1768791000000): an array built from a sub-select. */
const SUBSELECT_BODY = `LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT ARRAY(SELECT lower(t) FROM unnest(tags) AS t) $$`;

/**
 * `lead_tag_keys(tags)`, the expression of the tag filter's GIN index, is computed for every lead written. Its SQL
 * body holds a sub-select, so Postgres cannot inline it and ran it as an SQL function, with an executor of its own,
 * per row; the same result in PL/pgSQL is one simple expression: the array's text lower-cased and read back as an
 * array. Lower-casing works character by character (libc), and no lower-cased character is one the array syntax
 * reads (braces, commas, quotes, backslashes, spaces), so the elements come back as the sub-select lower-cased
 * them, "NULL" and the like staying quoted strings: the index's entries are unchanged and need no rebuild.
 */
export class LeadTagKeysPlpgsql1769464900000 implements MigrationInterface {
  name = 'LeadTagKeysPlpgsql1769464900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE OR REPLACE FUNCTION lead_tag_keys(tags text[]) RETURNS text[]
       LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
       AS $$ BEGIN RETURN lower(tags::text)::text[]; END $$`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION lead_tag_keys(tags text[]) RETURNS text[] ${SUBSELECT_BODY}`);
  }
}

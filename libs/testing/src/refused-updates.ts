import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** A fault injected into the database: updates of some rows fail, and the attempts are counted. */
export interface RefusedUpdates {
  /** Updates refused so far (a sequence: no rollback undoes the count). */
  refusals(): Promise<number>;
  /** The fault removed (safe to call twice). */
  unwind(): Promise<void>;
}

/**
 * Makes every update of `table`'s rows matching `when` (a condition on OLD and NEW, written by the test) fail with
 * an exception, as a database failure would, so that a test can check a change is all-or-nothing. Use it on an
 * isolated database: the trigger stands on the table for every test sharing it.
 */
export async function refuseUpdates(db: DataSource, table: string, when: string): Promise<RefusedUpdates> {
  const name = `refuse_${table}_${randomBytes(4).toString('hex')}`;
  await db.query(`CREATE SEQUENCE ${name}`);
  await db.query(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF ${when} THEN
        PERFORM nextval('${name}');
        RAISE EXCEPTION 'update refused by the test (${name})';
      END IF;
      RETURN NEW;
    END $$`);
  await db.query(`CREATE TRIGGER ${name} BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${name}()`);
  return {
    refusals: async () =>
      Number(
        (await db.query(`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM ${name}`))[0].n,
      ),
    unwind: async () => {
      await db.query(`DROP TRIGGER IF EXISTS ${name} ON ${table}`);
      await db.query(`DROP FUNCTION IF EXISTS ${name}()`);
      await db.query(`DROP SEQUENCE IF EXISTS ${name}`);
    },
  };
}

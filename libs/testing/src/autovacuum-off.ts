import type { DataSource } from 'typeorm';

/**
 * Autovacuum off on `tables` of a test's own database: only the test, or the code under test, analyzes them, so a
 * spec of the planner's statistics sees what that code did and nothing autovacuum did meanwhile.
 */
export async function autovacuumOff(db: DataSource, tables: readonly string[]): Promise<void> {
  for (const table of tables) await db.query(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`);
}

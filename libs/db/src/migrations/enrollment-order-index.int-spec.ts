import { dataSourceOptions } from '../data-source-options';
import { IsolatedDatabase, isolatedDatabase } from '@app/testing';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { EnrollmentOrderIndex1769370000000 } from './1769370000000-enrollment-order-index';

interface HeldLock {
  locktype: string;
  relation: string | null;
  mode: string;
  granted: boolean;
}

/**
 * campaign_enrollments is as large as leads (a 100,000-lead campaign enrolls 100,000 rows), so its new index is
 * built as the other large tables' are: concurrently, never holding off the enrollments written meanwhile. It drops
 * and builds an index: a database of its own.
 */
describe('migration: the enrollment order index is built without blocking writes (integration)', () => {
  let database: IsolatedDatabase;
  let db: DataSource;

  beforeAll(async () => {
    database = await isolatedDatabase();
    db = await new DataSource(
      dataSourceOptions({ database: { url: database.url, poolSize: 3 } }),
    ).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  async function locksOf(pid: number): Promise<HeldLock[]> {
    return db.query(
      `SELECT locktype, relation::regclass::text AS relation, mode, granted FROM pg_locks WHERE pid = $1`,
      [pid],
    );
  }

  it('holds only a lock that writers of campaign_enrollments pass, while a writer is in progress', async () => {
    const migration = new EnrollmentOrderIndex1769370000000();
    const builder = db.createQueryRunner();
    const writer = db.createQueryRunner();
    let build: Promise<void> | undefined;
    try {
      await migration.down(builder);
      const [{ pid }] = await builder.query(`SELECT pg_backend_pid() AS pid`);
      // A writer of enrollments in progress: the lock an INSERT or UPDATE of the table holds until it commits.
      await writer.startTransaction();
      await writer.query(`LOCK TABLE campaign_enrollments IN ROW EXCLUSIVE MODE`);

      build = migration.up(builder);
      // The build waits for the writer either way: for its lock, or (concurrently) for its transaction to end.
      let locks = await locksOf(pid);
      while (!locks.some((l) => !l.granted)) {
        await sleep(20);
        locks = await locksOf(pid);
      }
      const onTable = locks
        .filter((l) => l.locktype === 'relation' && l.relation === 'campaign_enrollments')
        .map(({ mode, granted }) => ({ mode, granted }));
      // SHARE UPDATE EXCLUSIVE conflicts with no writer's ROW EXCLUSIVE; a plain CREATE INDEX's SHARE does, and
      // every enrollment written after it queued would wait for the whole build.
      expect(onTable).toEqual([{ mode: 'ShareUpdateExclusiveLock', granted: true }]);
    } finally {
      if (writer.isTransactionActive) await writer.commitTransaction();
      await build;
      await writer.release();
      await builder.release();
    }
    const [index] = await db.query(
      `SELECT i.indisvalid, pg_get_indexdef(i.indexrelid) AS def
         FROM pg_index i WHERE i.indexrelid = 'ix_campaign_enrollments_tenant_order'::regclass`,
    );
    expect(index).toEqual({
      indisvalid: true,
      def: expect.stringContaining('(tenant_id, campaign_id, created_at, id)') as string,
    });
  });
});

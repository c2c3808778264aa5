import type { DataSource, QueryRunner } from 'typeorm';
import { waitFor } from './wait-for';

/**
 * Transactions on connections of their own, for tests that drive two writers in a chosen order: each is open
 * until the test commits it; `close` rolls back and releases whatever a failed test left open.
 */
export class PgSessions {
  private readonly open: QueryRunner[] = [];

  constructor(private readonly db: DataSource) {}

  /** A transaction begun on a connection of its own, and its backend's pid. */
  async begin(): Promise<{ tx: QueryRunner; pid: number }> {
    const tx = this.db.createQueryRunner();
    this.open.push(tx);
    await tx.connect();
    await tx.startTransaction();
    const [{ pid }] = (await tx.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
    return { tx, pid };
  }

  /**
   * Resolves once `work` is done, or waits for a lock that one of `pids` holds (or waits for ahead of it): the
   * backends that wait so, none when it is done.
   */
  async doneOrWaiting(work: Promise<unknown>, pids: number[]): Promise<number[]> {
    let done = false;
    work.then(
      () => (done = true),
      () => (done = true),
    );
    return waitFor(
      async () => {
        const rows = (await this.db.query(
          'SELECT pid FROM pg_stat_activity WHERE pg_blocking_pids(pid) && $1::int[]',
          [pids],
        )) as { pid: number }[];
        const waiting = rows.map((r) => r.pid).filter((pid) => !pids.includes(pid));
        return waiting.length || done ? waiting : undefined;
      },
      10_000,
      'the work to be done or to wait for a lock',
    );
  }

  /**
   * Waits until `count` other backends of this database wait for a lock in a statement matching `query` (an ILIKE
   * pattern): requests queued behind a holder and behind each other, which pg_blocking_pids names only pairwise.
   */
  async lockWaiters(query: string, count: number): Promise<void> {
    await waitFor(
      async () => {
        const [{ n }] = (await this.db.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()
              AND query ILIKE $1`,
          [query],
        )) as { n: number }[];
        return n >= count || undefined;
      },
      10_000,
      `${count} statements like ${query} waiting for a lock`,
    );
  }

  async close(): Promise<void> {
    for (const tx of this.open.splice(0)) {
      if (tx.isTransactionActive) await tx.rollbackTransaction();
      await tx.release();
    }
  }
}

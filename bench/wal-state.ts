/**
 * The database's write-ahead-log state around a timed phase of a bench. A phase that starts while a checkpoint
 * is pending (the previous phase's WAL filled max_wal_size) pays for it: its backends write a full-page image the
 * first time they touch each page after the checkpoint starts, and the checkpointer competes for the disk. So each
 * timed phase starts with `CHECKPOINT` (a clean slate for both sides of a comparison), and reports the WAL it wrote
 * and the checkpoints that ran during it.
 */
import type { ClientBase } from 'pg';

/** A connection or a pool: what runs the queries below. */
type Queries = Pick<ClientBase, 'query'>;

export interface WalMark {
  lsn: string;
  checkpoints: number;
}

export interface WalSpent {
  wal_mb: number;
  checkpoints: number;
}

/**
 * `CHECKPOINT` (needs superuser or pg_checkpoint; without either, the phase starts as it is and `say` is told),
 * then where the WAL and the checkpoint count stand.
 */
export async function settleWal(db: Queries, say: (line: string) => void): Promise<WalMark> {
  try {
    await db.query('CHECKPOINT');
  } catch (err) {
    say(
      `CHECKPOINT refused (${err instanceof Error ? err.message : String(err)}): the phase starts unsettled`,
    );
  }
  return walMark(db);
}

export async function walMark(db: Queries): Promise<WalMark> {
  const lsn = (await db.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn;
  return { lsn, checkpoints: await checkpointCount(db) };
}

/** The WAL written and the checkpoints run since `mark`. */
export async function walSince(db: Queries, mark: WalMark): Promise<WalSpent> {
  const bytes = (
    await db.query<{ bytes: string }>('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::text AS bytes', [
      mark.lsn,
    ])
  ).rows[0].bytes;
  return {
    wal_mb: Number((Number(bytes) / 1024 / 1024).toFixed(1)),
    checkpoints: (await checkpointCount(db)) - mark.checkpoints,
  };
}

/** Checkpoints started since the statistics were reset: pg_stat_checkpointer from Postgres 17, pg_stat_bgwriter before. */
async function checkpointCount(db: Queries): Promise<number> {
  const viewed = await db.query<{ has: boolean }>(
    "SELECT to_regclass('pg_catalog.pg_stat_checkpointer') IS NOT NULL AS has",
  );
  const sql = viewed.rows[0].has
    ? 'SELECT (num_timed + num_requested)::int AS n FROM pg_stat_checkpointer'
    : 'SELECT (checkpoints_timed + checkpoints_req)::int AS n FROM pg_stat_bgwriter';
  return (await db.query<{ n: number }>(sql)).rows[0].n;
}

import type { ImportKind, SqlRunner } from '@app/db';
import { Logger } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';

/** How a run ended: it finished the import, another process holds it, or there is no such import. */
export type RunOutcome = 'finished' | 'held' | 'missing';

/** An import, as the process that claimed it runs it. */
export interface ClaimedImport {
  id: string;
  tenantId: string;
  kind: ImportKind;
  /** Who uploaded it (null: an API key). */
  createdById: string | null;
  columns: unknown[];
  options: Record<string, unknown>;
  encoding: string;
  delimiter: string;
  /** The last data row whose outcome is committed: the run continues after it. */
  rowsDone: number;
  /** When its first run began (the same for every attempt). */
  startedAt: Date;
  results: Record<string, number>;
  fileBytes: number;
  /** This claim's attempt: every write checks it, so a process whose lease was taken over stops. */
  attempt: number;
}

/** What a failed import had committed before it failed, and why it failed. */
export interface FailedImport {
  processed: number;
  results: Record<string, number>;
  error: string;
}

export class LeaseLost extends Error {
  constructor(importId: string) {
    super(`Import ${importId} was taken over by another process`);
  }
}

const logger = new Logger('ImportLease');

/**
 * Takes an import to run: one queued, or one whose runner's lease ran out (that process died). Whoever runs it
 * holds the lease in the import's row and extends it with every committed batch (`recordProgress`).
 */
export async function claimImport(
  pool: Pool,
  tenantId: string,
  importId: string,
  kind: ImportKind,
  leaseSeconds: number,
): Promise<ClaimedImport | undefined> {
  const { rows } = await pool.query<Record<string, unknown>>(
    `UPDATE lead_imports
        SET status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()),
            lease_until = now() + make_interval(secs => $4), updated_at = now()
      WHERE tenant_id = $1 AND id = $2 AND kind = $3
        AND (status = 'queued' OR (status = 'running' AND lease_until < now()))
      RETURNING id, created_by_id, columns, options, encoding, delimiter, rows_done, started_at, results, attempts,
                file_bytes`,
    [tenantId, importId, kind, leaseSeconds],
  );
  if (!rows.length) return undefined;
  const r = rows[0];
  const claim: ClaimedImport = {
    id: r.id as string,
    tenantId,
    kind,
    createdById: r.created_by_id as string | null,
    columns: r.columns as unknown[],
    options: r.options as Record<string, unknown>,
    encoding: r.encoding as string,
    delimiter: r.delimiter as string,
    rowsDone: r.rows_done as number,
    startedAt: r.started_at as Date,
    results: r.results as Record<string, number>,
    fileBytes: Number(r.file_bytes),
    attempt: r.attempts as number,
  };
  if (claim.rowsDone > 0) logger.log({ importId, kind, rowsDone: claim.rowsDone }, 'Resuming import');
  return claim;
}

/** Why an import could not be claimed: another process runs it, it is over, or it does not exist. */
export async function unclaimedState(
  pool: Pool,
  tenantId: string,
  importId: string,
  kind: ImportKind,
): Promise<RunOutcome> {
  const { rows } = await pool.query<{ status: string }>(
    'SELECT status FROM lead_imports WHERE tenant_id = $1 AND id = $2 AND kind = $3',
    [tenantId, importId, kind],
  );
  if (!rows.length) return 'missing';
  return rows[0].status === 'running' ? 'held' : 'finished';
}

/**
 * In a batch's transaction: the import's progress (the last committed row, the counts so far), and its lease
 * extended. Throws LeaseLost, rolling the batch back, when another process has taken the import over.
 */
export async function recordProgress(
  sql: SqlRunner,
  claim: ClaimedImport,
  lastRow: number,
  results: object,
  leaseSeconds: number,
): Promise<void> {
  const progressed = (await sql.query(
    `UPDATE lead_imports
        SET rows_done = $4, results = $5, lease_until = now() + make_interval(secs => $6), updated_at = now()
      WHERE tenant_id = $1 AND id = $2 AND status = 'running' AND attempts = $3
      RETURNING id`,
    [claim.tenantId, claim.id, claim.attempt, lastRow, results, leaseSeconds],
  )) as unknown[];
  if (progressed.length !== 1) throw new LeaseLost(claim.id);
}

/** A client's statements as a SqlRunner (answering their rows), for what is written in the same transaction. */
const clientRunner = (client: PoolClient): SqlRunner => ({
  query: async (sql, params) => (await client.query(sql, params)).rows,
});

/**
 * The import is done: completed with its counts, and its upload deleted (its rows are what stays). `within`
 * writes what tells of it (a notification) in the same transaction; its answer is answered.
 */
export async function completeImport<T>(
  pool: Pool,
  claim: ClaimedImport,
  results: object,
  within?: (tx: SqlRunner) => Promise<T>,
): Promise<T | undefined> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const done = await client.query(
      `UPDATE lead_imports
          SET status = 'completed', results = $4, lease_until = NULL, finished_at = now(), updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status = 'running' AND attempts = $3`,
      [claim.tenantId, claim.id, claim.attempt, results],
    );
    if (done.rowCount !== 1) throw new LeaseLost(claim.id);
    await client.query('DELETE FROM lead_import_chunks WHERE tenant_id = $1 AND import_id = $2', [
      claim.tenantId,
      claim.id,
    ]);
    const told = await within?.(clientRunner(client));
    await client.query('COMMIT');
    return told;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/**
 * The last attempt failed: the import ends `failed` with the reason; its committed rows and row errors stay, and
 * the upload goes (nothing will read it again). Answers what it had committed, or null when it was no longer
 * running (finished, or failed by another process).
 */
export async function failImport(
  pool: Pool,
  tenantId: string,
  importId: string,
  reason: string,
  within?: (tx: SqlRunner, failed: FailedImport & { created_by_id: string | null }) => Promise<void>,
): Promise<FailedImport | null> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<FailedImport & { created_by_id: string | null }>(
      `UPDATE lead_imports SET status = 'failed', error = $3, lease_until = NULL, finished_at = now(),
              updated_at = now()
        WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'running')
        RETURNING rows_done AS processed, results, error, created_by_id`,
      [tenantId, importId, reason.slice(0, 1000)],
    );
    if (rows.length) {
      await client.query('DELETE FROM lead_import_chunks WHERE tenant_id = $1 AND import_id = $2', [
        tenantId,
        importId,
      ]);
      if (within) await within(clientRunner(client), rows[0]);
    }
    await client.query('COMMIT');
    if (!rows.length) return null;
    const [{ processed, results, error }] = rows;
    return { processed, results, error };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

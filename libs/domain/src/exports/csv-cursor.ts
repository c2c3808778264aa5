import type { Logger } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { pipeline, Readable, Transform } from 'node:stream';
import type { PoolClient } from 'pg';
import QueryStream from 'pg-query-stream';
import type { DataSource } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

const BATCH_ROWS = 1000;

/**
 * Waits for the cursor's first batch (or its end): a query that fails (a filter Postgres refuses) fails before the
 * answer's headers go out, so the client gets the error envelope instead of a 200 cut short.
 */
function firstBatch(rows: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      rows.off('readable', ready);
      rows.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    const ready = () => done();
    rows.on('readable', ready);
    rows.on('error', done);
  });
}

/**
 * A query's rows as CSV (with a BOM, for spreadsheets), streamed straight from a server-side cursor: a million rows
 * never sit in memory, and the connection goes back to the pool when the stream ends, fails or the client goes away.
 * `cell` writes one column's value.
 */
export async function csvFromCursor(
  db: DataSource,
  query: { sql: string; params: unknown[] },
  columns: readonly string[],
  cell: (column: string, value: unknown) => string,
  onEarlyEnd: { logger: Logger; context: Record<string, unknown>; what: string },
): Promise<Readable> {
  const runner = db.createQueryRunner('slave') as PostgresQueryRunner;
  const client = (await runner.connect()) as PoolClient;
  const rows = client.query(new QueryStream(query.sql, query.params, { batchSize: BATCH_ROWS }));
  try {
    await firstBatch(rows);
  } catch (err) {
    await runner.release().catch(() => undefined);
    throw err;
  }
  const toRecord = new Transform({
    objectMode: true,
    transform(row: Record<string, unknown>, _encoding, done) {
      done(
        null,
        columns.map((c) => cell(c, row[c])),
      );
    },
  });
  const csv = stringify({ header: true, columns: [...columns], bom: true });
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    void runner.release().catch(() => undefined);
  };
  return pipeline(rows, toRecord, csv, (err) => {
    // The client going away (a closed download) is no fault; anything else (the database, a cell) is.
    if (err && (err as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE')
      onEarlyEnd.logger.debug({ ...onEarlyEnd.context }, `${onEarlyEnd.what}: the client left`);
    else if (err) onEarlyEnd.logger.warn({ err, ...onEarlyEnd.context }, onEarlyEnd.what);
    release();
  });
}

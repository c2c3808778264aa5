import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { analyzeIfStale, fastSql, ImportResults, LeadImportEntity, pgPool, SqlRunner } from '@app/db';
import { LiveEvents } from '@app/events';
import { JobProducer } from '@app/queues';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { CsvDelimiter, CsvEncoding } from './csv-format';
import { enrollImportBatch } from '../campaigns/imported-leads';
import type { ColumnTarget } from './header-mapping';
import { addCounts, BatchOutcome, mergeBatch, NO_OUTCOMES } from './import-batch';
import { DataRow, dataRows, storedChunks } from './import-source';
import { stageBatch } from './stage-batch';
import { StagePool } from './stage-pool';
import type { StageContext } from './staged-row';

export type RunOutcome = 'finished' | 'held' | 'missing';

const UNIQUE_VIOLATION = '23505';
const MERGE_ATTEMPTS = 3;
/** Rows an import must have written, and its tables have changed, for their statistics to be refreshed after it. */
const STALE_STATISTICS_ROWS = 1000;

class LeaseLost extends Error {
  constructor(importId: string) {
    super(`Import ${importId} was taken over by another process`);
  }
}

interface Claim {
  row: LeadImportEntity;
  attempt: number;
  /** Some batch enrolled leads in the import's campaign while it was active: the worker fans them out. */
  fanout?: boolean;
}

/**
 * Runs an import from its stored upload, in the API (small files) or the worker. Whoever runs it holds a lease in
 * the import's row, renewed with every committed batch; each batch commits its leads, errors and the import's
 * progress together, so a process that dies loses at most one uncommitted batch and whoever takes the import over
 * continues after the last committed row. Parsing and normalising the next batch (Node) overlaps merging the
 * current one (Postgres), so both cores work.
 */
/** What a failed import had committed before it failed, and why it failed. */
export interface FailedImport {
  processed: number;
  results: Partial<ImportResults>;
  error: string;
}

@Injectable()
export class ImportRunner implements OnModuleDestroy {
  private readonly logger = new Logger(ImportRunner.name);
  private readonly pool: Pool;
  private readonly sql: SqlRunner;
  private threads?: StagePool;

  constructor(
    db: DataSource,
    private readonly config: AppConfig,
    private readonly events: LiveEvents,
    private readonly clock: Clock,
    private readonly jobs: JobProducer,
  ) {
    this.pool = pgPool(db);
    this.sql = fastSql(db);
  }

  async run(tenantId: string, importId: string): Promise<RunOutcome> {
    const claim = await this.claim(tenantId, importId);
    if (!claim) return this.stateWhenNotClaimed(tenantId, importId);
    const { row: job } = claim;
    const [{ default_country: tenantCountry }] = (
      await this.pool.query<{ default_country: string | null }>(
        'SELECT default_country FROM tenants WHERE id = $1',
        [tenantId],
      )
    ).rows;
    const context: StageContext = {
      columns: job.columns as ColumnTarget[],
      countries: [job.options.default_country, tenantCountry],
      tags: job.options.tags ?? [],
    };
    const threaded = this.config.imports.threads > 0 && job.fileBytes >= this.config.imports.threadMinBytes;
    const stage = (rows: DataRow[]) =>
      threaded ? this.stagePool().stage(rows, context) : Promise.resolve(stageBatch(rows, context));

    let results = addCounts(job.results, NO_OUTCOMES);
    // Three stages overlap: this thread parses batch k+2 while a staging thread normalises k+1 and Postgres merges
    // k. Batches commit in file order; at most two are in flight.
    const inFlight: Promise<void>[] = [];
    const submit = async (rows: DataRow[]) => {
      const lastRow = rows[rows.length - 1].row;
      const staged = stage(rows);
      const previous = inFlight[inFlight.length - 1] ?? Promise.resolve();
      const submitted = performance.now();
      const committed = (async () => {
        const lines = await staged;
        const stagedAt = performance.now();
        await previous;
        const mergeFrom = performance.now();
        results = await this.commitBatch(claim, lines, lastRow, results);
        this.logger.debug(
          {
            importId,
            lastRow,
            stageMs: Math.round(stagedAt - submitted),
            waitMs: Math.round(mergeFrom - stagedAt),
            mergeMs: Math.round(performance.now() - mergeFrom),
          },
          'Import batch committed',
        );
      })();
      committed.catch(() => undefined); // awaited below; this only keeps it from counting as unhandled meanwhile
      inFlight.push(committed);
      if (inFlight.length >= 2) await inFlight.shift();
    };

    let batch: DataRow[] = [];
    const source = storedChunks(this.pool, tenantId, importId);
    for await (const data of dataRows(source, job.encoding as CsvEncoding, job.delimiter as CsvDelimiter)) {
      if (data.row <= job.rowsDone) continue;
      batch.push(data);
      if (batch.length >= this.config.imports.batchRows) {
        await submit(batch);
        batch = [];
      }
    }
    if (batch.length) await submit(batch);
    for (const committed of inFlight) await committed;
    await this.finish(claim, results);
    await this.refreshStatistics(importId, results);
    const campaignId = job.options.campaign_id;
    if (claim.fanout && campaignId) {
      await this.jobs
        .enqueue('campaigns.fanout', { tenant_id: tenantId, campaign_id: campaignId })
        .catch((err: unknown) =>
          this.logger.warn({ err, importId }, 'Could not enqueue campaigns.fanout; the next tick takes over'),
        );
    }
    return 'finished';
  }

  /**
   * The last attempt failed: the import ends `failed` with the reason; its committed rows and row errors stay, and
   * the upload goes (nothing will read it again). Answers what it had committed, or null when it was no longer
   * running (finished, or failed by another process).
   */
  async fail(tenantId: string, importId: string, reason: string): Promise<FailedImport | null> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<FailedImport>(
        `UPDATE lead_imports SET status = 'failed', error = $3, lease_until = NULL, finished_at = now(),
                updated_at = now()
          WHERE tenant_id = $1 AND id = $2 AND status IN ('queued', 'running')
          RETURNING rows_done AS processed, results, error`,
        [tenantId, importId, reason.slice(0, 1000)],
      );
      if (rows.length) {
        await client.query('DELETE FROM lead_import_chunks WHERE tenant_id = $1 AND import_id = $2', [
          tenantId,
          importId,
        ]);
      }
      await client.query('COMMIT');
      return rows[0] ?? null;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.threads?.close();
  }

  private stagePool(): StagePool {
    this.threads ??= new StagePool(this.config.imports.threads);
    return this.threads;
  }

  private async claim(tenantId: string, importId: string): Promise<Claim | undefined> {
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `UPDATE lead_imports
          SET status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()),
              lease_until = now() + make_interval(secs => $3), updated_at = now()
        WHERE tenant_id = $1 AND id = $2
          AND (status = 'queued' OR (status = 'running' AND lease_until < now()))
        RETURNING id, columns, options, encoding, delimiter, rows_done, results, attempts, file_bytes`,
      [tenantId, importId, this.config.imports.leaseSeconds],
    );
    if (!rows.length) return undefined;
    const r = rows[0];
    const row = Object.assign(new LeadImportEntity(), {
      id: r.id,
      tenantId,
      columns: r.columns,
      options: r.options,
      encoding: r.encoding,
      delimiter: r.delimiter,
      rowsDone: r.rows_done,
      results: r.results,
      attempts: r.attempts,
      fileBytes: Number(r.file_bytes),
    });
    if (row.rowsDone > 0) this.logger.log({ importId, rowsDone: row.rowsDone }, 'Resuming import');
    return { row, attempt: row.attempts };
  }

  private async stateWhenNotClaimed(tenantId: string, importId: string): Promise<RunOutcome> {
    const { rows } = await this.pool.query<{ status: string }>(
      'SELECT status FROM lead_imports WHERE tenant_id = $1 AND id = $2',
      [tenantId, importId],
    );
    if (!rows.length) return 'missing';
    return rows[0].status === 'running' ? 'held' : 'finished';
  }

  /** One batch in one transaction with the import's progress; retried when a racing create took an address. */
  private async commitBatch(
    claim: Claim,
    lines: string,
    lastRow: number,
    results: ImportResults,
  ): Promise<ImportResults> {
    const { row: job } = claim;
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const outcome: BatchOutcome = await mergeBatch(
          client,
          { tenantId: job.tenantId, importId: job.id, onDuplicate: job.options.on_duplicate },
          lines,
        );
        const campaignId = job.options.campaign_id;
        // The batch's inserted and updated leads join the import's campaign, with the batch.
        const enrolled = campaignId
          ? await enrollImportBatch(
              { query: async (text, params) => (await client.query(text, params)).rows },
              job.tenantId,
              campaignId,
              this.clock.now(),
            )
          : null;
        const next = addCounts(results, outcome.counts);
        const progressed = await client.query(
          `UPDATE lead_imports
              SET rows_done = $4, results = $5, lease_until = now() + make_interval(secs => $6), updated_at = now()
            WHERE tenant_id = $1 AND id = $2 AND status = 'running' AND attempts = $3`,
          [job.tenantId, job.id, claim.attempt, lastRow, next, this.config.imports.leaseSeconds],
        );
        if (progressed.rowCount !== 1) throw new LeaseLost(job.id);
        await client.query('COMMIT');
        if (enrolled?.status === 'active' && enrolled.counts.enrolled > 0) claim.fanout = true;
        this.announce(job, outcome, next, lastRow);
        return next;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        if ((err as { code?: string }).code !== UNIQUE_VIOLATION || attempt >= MERGE_ATTEMPTS) throw err;
      } finally {
        client.release();
      }
    }
  }

  /**
   * A bulk load leaves the planner's statistics behind (a new tenant's leads are in none of them) until autovacuum
   * comes round: the policy's look-ups of a lead's identities could be planned as scans of all the tenant's.
   */
  private async refreshStatistics(importId: string, results: ImportResults): Promise<void> {
    // Only after a bulk load of its own: a small import run inside its HTTP request never pays for an ANALYZE that
    // other tenants' writes made due.
    if (results.inserted + results.updated < STALE_STATISTICS_ROWS) return;
    try {
      for (const table of ['leads', 'lead_identities'] as const)
        await analyzeIfStale(this.sql, table, STALE_STATISTICS_ROWS);
    } catch (err) {
      this.logger.warn({ err, importId }, 'Could not refresh the statistics of leads after an import');
    }
  }

  private async finish(claim: Claim, results: ImportResults): Promise<void> {
    const { row: job } = claim;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const done = await client.query(
        `UPDATE lead_imports
            SET status = 'completed', results = $4, lease_until = NULL, finished_at = now(), updated_at = now()
          WHERE tenant_id = $1 AND id = $2 AND status = 'running' AND attempts = $3`,
        [job.tenantId, job.id, claim.attempt, results],
      );
      if (done.rowCount !== 1) throw new LeaseLost(job.id);
      // The upload has served its purpose; its rows are what stays.
      await client.query('DELETE FROM lead_import_chunks WHERE tenant_id = $1 AND import_id = $2', [
        job.tenantId,
        job.id,
      ]);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    this.events.toTenant(job.tenantId, 'import:progress', {
      import_id: job.id,
      status: 'completed',
      processed: results.total,
      results: { ...results },
      timestamp: this.clock.now().toISOString(),
    });
  }

  private announce(
    job: LeadImportEntity,
    outcome: BatchOutcome,
    results: ImportResults,
    rowsDone: number,
  ): void {
    const timestamp = this.clock.now().toISOString();
    if (outcome.counts.insert > 0) {
      this.events.toTenant(job.tenantId, 'lead.created', {
        count: outcome.counts.insert,
        leads: outcome.created,
        import_id: job.id,
        timestamp,
      });
    }
    this.events.toTenant(job.tenantId, 'import:progress', {
      import_id: job.id,
      status: 'running',
      processed: rowsDone,
      results: { ...results },
      timestamp,
    });
  }
}

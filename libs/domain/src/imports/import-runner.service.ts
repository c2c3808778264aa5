import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import {
  analyzeIfStale,
  analyzeIfTenantUnseen,
  fastSql,
  ImportOptions,
  ImportResults,
  NotificationEntity,
  pgPool,
  SqlRunner,
} from '@app/db';
import { LiveEvents } from '@app/events';
import { JobProducer } from '@app/queues';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import { LeadAnnouncements } from '../leads/lead-announcements';
import { importNotification } from '../notifications/import-notification';
import { NotificationWriter } from '../notifications/notification-writer';
import type { CsvDelimiter, CsvEncoding } from './csv-format';
import { enrollImportBatch } from '../campaigns/imported-leads';
import { addCounts, BatchOutcome, mergeBatch, NO_OUTCOMES } from './import-batch';
import { importLeadIdPrefix } from './import-lead-ids';
import { ImportLeadsToday } from './import-leads-today';
import {
  ClaimedImport,
  claimImport,
  completeImport,
  failImport,
  FailedImport,
  recordProgress,
  RunOutcome,
  unclaimedState,
} from './import-lease';
import { storedChunks } from './import-source';
import { StagePool } from './stage-pool';
import { StagedBatch, stagedBatches, StageSpec } from './staged-batches';
import { storedColumns } from './stored-columns';
import type { StageContext } from './staged-row';

const UNIQUE_VIOLATION = '23505';
const MERGE_ATTEMPTS = 3;
/** Rows an import must have written, and its tables have changed, for their statistics to be refreshed after it. */
const STALE_STATISTICS_ROWS = 1000;

/** A lead import being run. */
interface Claim {
  row: ClaimedImport & { options: ImportOptions };
  /** Some batch enrolled leads in the import's campaign while it was active: the worker fans them out. */
  fanout?: boolean;
  /**
   * The next batch may have some of its new leads committed by an earlier attempt (a process that died between a
   * split batch's two commits, see BatchSplit): true until this run's first batch commits, when it took the import over.
   */
  recover: boolean;
  /** Whether this run has looked for statistics of the merges' tables that do not know its tenant (after its first batch). */
  analyzed?: boolean;
  /** The `metrics.update` leads_today its batches send. */
  leadsToday: ImportLeadsToday;
}

/**
 * Runs an import from its stored upload, in the API (small files) or the worker. Whoever runs it holds a lease in
 * the import's row, renewed with every committed batch; each batch commits its leads, errors and the import's
 * progress together, so a process that dies loses at most one uncommitted batch and whoever takes the import over
 * continues after the last committed row. Parsing and normalising the next batch (Node) overlaps merging the
 * current one (Postgres), so both cores work.
 */
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
    private readonly announcements: LeadAnnouncements,
    private readonly progress: CampaignProgress,
    private readonly notifications: NotificationWriter,
  ) {
    this.pool = pgPool(db);
    this.sql = fastSql(db);
  }

  async run(tenantId: string, importId: string): Promise<RunOutcome> {
    const claim = await this.claim(tenantId, importId);
    if (!claim) return unclaimedState(this.pool, tenantId, importId, 'leads');
    const { row: job } = claim;
    const columns = storedColumns(job.columns);
    const [{ default_country: tenantCountry }] = (
      await this.pool.query<{ default_country: string | null }>(
        'SELECT default_country FROM tenants WHERE id = $1',
        [tenantId],
      )
    ).rows;
    const context: StageContext = {
      columns,
      countries: [job.options.default_country, tenantCountry],
      tags: job.options.tags ?? [],
      idPrefix: importLeadIdPrefix(job.id, job.startedAt),
    };
    const threaded = this.config.imports.threads > 0 && job.fileBytes >= this.config.imports.threadMinBytes;

    let results = addCounts(job.results as Partial<ImportResults>, NO_OUTCOMES);
    // Two stages overlap: a staging thread reads, parses and stages batch k+1 while Postgres merges k. Batches commit
    // in file order; at most two are in flight.
    const inFlight: Promise<void>[] = [];
    const submit = async (batch: StagedBatch) => {
      claim.leadsToday.submit();
      const previous = inFlight[inFlight.length - 1] ?? Promise.resolve();
      const submitted = performance.now();
      const committed = (async () => {
        await previous;
        const mergeFrom = performance.now();
        results = await this.commitBatch(claim, batch.lines, batch.rows, batch.lastRow, results);
        this.logger.debug(
          {
            importId,
            lastRow: batch.lastRow,
            waitMs: Math.round(mergeFrom - submitted),
            mergeMs: Math.round(performance.now() - mergeFrom),
          },
          'Import batch committed',
        );
      })();
      committed.catch(() => undefined); // awaited below; this only keeps it from counting as unhandled meanwhile
      inFlight.push(committed);
      if (inFlight.length >= 2) await inFlight.shift();
    };

    const spec: StageSpec = {
      context,
      encoding: job.encoding as CsvEncoding,
      delimiter: job.delimiter as CsvDelimiter,
      after: job.rowsDone,
      // Cut by rows and by weight: a batch of wide rows must fit a staging thread's heap.
      limits: { rows: this.config.imports.batchRows, bytes: this.config.imports.batchBytes },
    };
    const upload = () => storedChunks(this.pool, tenantId, importId);
    const batches = threaded ? this.stagePool().batchesNow(upload, spec) : stagedBatches(upload(), spec);
    try {
      for await (const batch of batches) await submit(batch);
      for (const committed of inFlight) await committed;
    } finally {
      void claim.leadsToday.end();
    }
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

  /** The last attempt failed (see `failImport`). */
  async fail(tenantId: string, importId: string, reason: string): Promise<FailedImport | null> {
    let told: NotificationEntity[] = [];
    const failed = await failImport(this.pool, tenantId, importId, reason, async (tx, row) => {
      if (!row.created_by_id) return;
      const content = importNotification(importId, {
        status: 'failed',
        results: row.results,
        error: row.error,
      });
      told = await this.notifications.create(tx, tenantId, [row.created_by_id], content, this.clock.now());
    });
    this.notifications.announce(told);
    return failed;
  }

  async onModuleDestroy(): Promise<void> {
    await this.threads?.close();
  }

  private stagePool(): StagePool {
    this.threads ??= new StagePool(this.config.imports.threads);
    return this.threads;
  }

  private async claim(tenantId: string, importId: string): Promise<Claim | undefined> {
    const row = await claimImport(this.pool, tenantId, importId, 'leads', this.config.imports.leaseSeconds);
    if (!row) return undefined;
    const leadsToday = new ImportLeadsToday(this.announcements, tenantId);
    return { row: row as Claim['row'], recover: row.attempt > 1, leadsToday };
  }

  /** One batch in one transaction with the import's progress; retried when a racing create took an address. */
  private async commitBatch(
    claim: Claim,
    lines: Buffer,
    rowCount: number,
    lastRow: number,
    results: ImportResults,
  ): Promise<ImportResults> {
    const { row: job } = claim;
    const minRows = this.config.imports.splitMinRows;
    for (let attempt = 1; ; attempt++) {
      // Both connections are taken before the batch's locks: one held while waiting for the pool to give the
      // other could wait on requests that wait on those locks.
      const second = minRows > 0 && rowCount >= minRows ? await this.pool.connect() : undefined;
      let client: PoolClient;
      try {
        client = await this.pool.connect();
      } catch (err) {
        second?.release();
        throw err;
      }
      try {
        await client.query('BEGIN');
        const outcome: BatchOutcome = await mergeBatch(
          client,
          {
            tenantId: job.tenantId,
            importId: job.id,
            onDuplicate: job.options.on_duplicate,
            now: this.clock.now(),
            recover: claim.recover || attempt > 1,
          },
          lines,
          second && { transaction: (work) => this.onSecond(second, work) },
        );
        const sql: SqlRunner = { query: async (text, params) => (await client.query(text, params)).rows };
        const campaignId = job.options.campaign_id;
        // The batch's inserted, updated and matched leads join the import's campaign, with the batch.
        const enrolled = campaignId
          ? await enrollImportBatch(sql, job.tenantId, campaignId, this.clock.now())
          : null;
        const next = addCounts(results, outcome.counts);
        await recordProgress(sql, job, lastRow, next, this.config.imports.leaseSeconds);
        await client.query('COMMIT');
        claim.recover = false;
        if (!claim.analyzed) {
          claim.analyzed = true;
          // Before the next batch merges: its look-ups are planned on these statistics.
          for (const table of ['leads', 'lead_identities'] as const)
            await analyzeIfTenantUnseen(sql, table, job.tenantId);
        }
        if (enrolled?.status === 'active' && enrolled.counts.enrolled > 0) claim.fanout = true;
        this.announce(claim, outcome, next, lastRow);
        // Leads it filled in with a listed address: their running campaigns' opted_out moved (not awaited).
        void this.progress.notifyLeads(job.tenantId, outcome.flagged);
        return next;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        if ((err as { code?: string }).code !== UNIQUE_VIOLATION || attempt >= MERGE_ATTEMPTS) throw err;
      } finally {
        client.release();
        second?.release();
      }
    }
  }

  /** A split batch's second half (BatchSplit), in a transaction of its own on the second connection. */
  private async onSecond(client: PoolClient, work: (client: PoolClient) => Promise<void>): Promise<void> {
    try {
      await client.query('BEGIN');
      await work(client);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
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
    // The user who uploaded it is told (an API key's import tells no one), in the transaction that completes it.
    const told = await completeImport(this.pool, job, results, (tx) =>
      job.createdById
        ? this.notifications.create(
            tx,
            job.tenantId,
            [job.createdById],
            importNotification(job.id, { status: 'completed', results }),
            this.clock.now(),
          )
        : Promise.resolve([]),
    );
    this.notifications.announce(told ?? []);
    this.events.toTenant(job.tenantId, 'import:progress', {
      import_id: job.id,
      kind: 'leads',
      status: 'completed',
      processed: results.total,
      results: { ...results },
      timestamp: this.clock.now().toISOString(),
    });
  }

  private announce(claim: Claim, outcome: BatchOutcome, results: ImportResults, rowsDone: number): void {
    const { row: job } = claim;
    const now = this.clock.now();
    const timestamp = now.toISOString();
    // Sends no webhooks for an import's leads, so never rejects: the batch has committed.
    void this.announcements.told(
      job.tenantId,
      { count: outcome.counts.insert, leads: outcome.created, import_id: job.id },
      now,
    );
    claim.leadsToday.commit(outcome.counts.insert, now);
    this.events.toTenant(job.tenantId, 'import:progress', {
      import_id: job.id,
      kind: 'leads',
      status: 'running',
      processed: rowsDone,
      results: { ...results },
      timestamp,
    });
  }
}

import { Clock } from '@app/common';
import { AppConfig } from '@app/config';
import { DncImportOptions, DncImportResults, fastTransaction, pgPool } from '@app/db';
import { LiveEvents } from '@app/events';
import { Injectable, Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { CampaignProgress } from '../campaign-analytics/campaign-progress.service';
import type { CsvDelimiter, CsvEncoding } from '../imports/csv-format';
import {
  ClaimedImport,
  claimImport,
  completeImport,
  failImport,
  FailedImport,
  recordProgress,
  RunOutcome,
  unclaimedState,
} from '../imports/import-lease';
import { dataRows, storedChunks } from '../imports/import-source';
import type { RowError } from '../imports/staged-row';
import { lockAllAddresses } from './address-locks';
import { refreshContactFlags } from './contact-flags';
import { DncRowEntry, dncRowEntries } from './dnc-import-rows';
import { listAddresses } from './dnc-listing';

export const NO_DNC_RESULTS: DncImportResults = {
  total: 0,
  added: 0,
  existing: 0,
  taken_over: 0,
  invalid: 0,
  leads_flagged: 0,
};

interface Batch {
  entries: DncRowEntry[];
  errors: (RowError & { row: number })[];
  rows: number;
  lastRow: number;
}

const emptyBatch = (): Batch => ({ entries: [], errors: [], rows: 0, lastRow: 0 });

/**
 * Runs a do-not-contact import (POST /api/dnc/import) from its stored upload, in the API (a small file) or the
 * worker, as the lead import is run: whoever runs it holds the import's lease, and each batch commits its entries,
 * the leads it flags, its row errors and the import's progress together, so a process that dies loses at most the
 * batch it was writing and whoever takes the import over continues after the last committed row. Parsing the next
 * batch (Node) overlaps writing the current one (Postgres).
 */
@Injectable()
export class DncImportRunner {
  private readonly logger = new Logger(DncImportRunner.name);
  private readonly pool: Pool;

  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly events: LiveEvents,
    private readonly clock: Clock,
    private readonly activity: ActivityService,
    private readonly progress: CampaignProgress,
  ) {
    this.pool = pgPool(db);
  }

  async run(tenantId: string, importId: string): Promise<RunOutcome> {
    const claim = await claimImport(this.pool, tenantId, importId, 'dnc', this.config.imports.leaseSeconds);
    if (!claim) return unclaimedState(this.pool, tenantId, importId, 'dnc');
    const options = claim.options as unknown as DncImportOptions;
    const [{ default_country: tenantCountry }] = (
      await this.pool.query<{ default_country: string | null }>(
        'SELECT default_country FROM tenants WHERE id = $1',
        [tenantId],
      )
    ).rows;
    // National numbers: the form's default_country, else the tenant's.
    const country = options.default_country ?? tenantCountry;
    let results: DncImportResults = { ...NO_DNC_RESULTS, ...claim.results };
    let writing: Promise<void> | undefined;
    const submit = async (batch: Batch) => {
      if (writing) await writing;
      writing = this.commit(claim, batch, results).then((next) => {
        results = next;
      });
      writing.catch(() => undefined); // awaited below; this only keeps it from counting as unhandled meanwhile
    };

    let batch = emptyBatch();
    const source = storedChunks(this.pool, tenantId, importId);
    for await (const data of dataRows(
      source,
      claim.encoding as CsvEncoding,
      claim.delimiter as CsvDelimiter,
    )) {
      if (data.row <= claim.rowsDone) continue;
      batch.rows += 1;
      batch.lastRow = data.row;
      if ('error' in data) {
        // The file cannot be read past this row: what came before stands.
        batch.errors.push({ row: data.row, field: 'row', value: null, error: data.error });
        break;
      }
      const row = dncRowEntries(data.record, options, country);
      if ('error' in row) batch.errors.push({ row: data.row, ...row.error });
      else batch.entries.push(...row.entries);
      if (batch.rows >= this.config.imports.batchRows) {
        await submit(batch);
        batch = emptyBatch();
      }
    }
    if (batch.rows) await submit(batch);
    if (writing) await writing;
    await completeImport(this.pool, claim, results);
    await this.activity.record(
      tenantId,
      { userId: claim.createdById, apiKeyId: null },
      {
        type: 'dnc.imported',
        description: `Imported ${results.added} do-not-contact entries`,
        data: { import_id: importId, ...results },
      },
    );
    this.announce(claim, 'completed', results.total, results);
    return 'finished';
  }

  /** The last attempt failed (see `failImport`). */
  fail(tenantId: string, importId: string, reason: string): Promise<FailedImport | null> {
    return failImport(this.pool, tenantId, importId, reason);
  }

  /** One batch in one transaction with the import's progress. */
  private async commit(
    claim: ClaimedImport,
    batch: Batch,
    before: DncImportResults,
  ): Promise<DncImportResults> {
    let flagged: string[] = [];
    const next = await fastTransaction(this.db, async (sql) => {
      // The batch's addresses at once (as an array of leads takes them): a lead created or moved to one of them
      // meanwhile goes before (it is flagged below) or after (it sees the entry and is refused or flagged).
      await lockAllAddresses(sql, claim.tenantId);
      // What the person's STOP alone listed takes this file's reason: their START no longer lifts it.
      const { added, takenOver } = await listAddresses(sql, claim.tenantId, batch.entries, claim.createdById);
      flagged = await refreshContactFlags(sql, claim.tenantId, {
        phones: batch.entries.flatMap((e) => (e.phone ? [e.phone] : [])),
        emails: batch.entries.flatMap((e) => (e.email ? [e.email] : [])),
      });
      if (batch.errors.length) {
        await sql.query(
          `INSERT INTO lead_import_errors (tenant_id, import_id, row, field, value, error)
           SELECT $1::uuid, $2::uuid, e.row, e.field, e.value, e.error
             FROM unnest($3::int[], $4::text[], $5::text[], $6::text[]) AS e(row, field, value, error)
           ON CONFLICT DO NOTHING`,
          [
            claim.tenantId,
            claim.id,
            batch.errors.map((e) => e.row),
            batch.errors.map((e) => e.field),
            batch.errors.map((e) => e.value),
            batch.errors.map((e) => e.error),
          ],
        );
      }
      const counts: DncImportResults = {
        total: before.total + batch.rows,
        added: before.added + added,
        existing: before.existing + batch.entries.length - added,
        taken_over: before.taken_over + takenOver,
        invalid: before.invalid + batch.errors.length,
        leads_flagged: before.leads_flagged + flagged.length,
      };
      await recordProgress(sql, claim, batch.lastRow, counts, this.config.imports.leaseSeconds);
      return counts;
    });
    this.announce(claim, 'running', batch.lastRow, next);
    // The running campaigns of the leads the batch flagged (one query, not awaited).
    void this.progress.notifyLeads(claim.tenantId, flagged);
    this.logger.debug({ importId: claim.id, lastRow: batch.lastRow }, 'Do-not-contact batch committed');
    return next;
  }

  private announce(
    claim: ClaimedImport,
    status: 'running' | 'completed',
    processed: number,
    results: DncImportResults,
  ): void {
    this.events.toTenant(claim.tenantId, 'import:progress', {
      import_id: claim.id,
      kind: 'dnc',
      status,
      processed,
      results: { ...results },
      timestamp: this.clock.now().toISOString(),
    });
  }
}

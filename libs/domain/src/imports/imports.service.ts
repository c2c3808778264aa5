import { AppError, ErrorCode, FieldIssue, Page, PageWindow, unstorableText, invalidInput } from '@app/common';
import { AppConfig } from '@app/config';
import {
  DncImportResults,
  ImportKind,
  ImportOptions,
  ImportResults,
  ImportStatus,
  LeadImportEntity,
  pgPool,
  tenantQuery,
} from '@app/db';
import { JobProducer } from '@app/queues';
import type { AuthContext } from '@app/tenancy';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { uuidv7 } from 'uuidv7';
import { importCampaignIssue } from '../campaigns/imported-leads';
import { DncImportRunner, NO_DNC_RESULTS } from '../dnc/dnc-import.runner';
import { normalizeTags } from '../leads/lead-input';
import { phoneCountry } from '../leads/phone-normalizer';
import { addCounts, NO_OUTCOMES } from './import-batch';
import { importJobId, importJobOptions, importJobPayload } from './import-job';
import { ImportRunner } from './import-runner.service';
import { columnsFor, PendingUpload, UploadFacts } from './import-upload';
import type { RowError } from './staged-row';

/** Errors shown with an import; the rest are counted in `error_count`. */
const ERRORS_SHOWN = 1000;

export interface ImportView<Results = ImportResults> {
  import_id: string;
  status: ImportStatus;
  file_name: string | null;
  progress: { processed: number };
  results: Results;
  /** A lead import's (not a do-not-contact import's). */
  stats?: ImportStats;
  errors: (RowError & { row: number })[];
  error_count: number;
  /** Why a failed import stopped (the rows committed before stay). */
  error: string | null;
  created_at: string;
  finished_at: string | null;
}

/** Seed 000's summary of a lead import, beside `results`. */
export interface ImportStats {
  imported: number;
  skipped: number;
}

/** Seed 000's `stats` of a lead import: the rows that became or updated a lead, and the rest. */
export function importStats(results: ImportResults): ImportStats {
  return { imported: results.valid, skipped: results.total - results.valid };
}

/** What an import of each kind counts. */
export type ResultsOf<K extends ImportKind> = K extends 'dnc' ? DncImportResults : ImportResults;

/** The form fields of an upload, as sent (text), after the camelCase aliases of the seeds are folded. */
export type ImportFields = Record<string, string>;

const KNOWN_FIELDS = ['default_country', 'field_mapping', 'on_duplicate', 'tags', 'campaign_id'];

/**
 * CSV imports, of leads or (`kind` dnc) of the do-not-contact list: the upload is streamed into Postgres (DESIGN §3,
 * §6); a small file is imported during the request, a large one by the worker (`imports.run`). Either way the work
 * runs from the stored upload, so any process can take it over. An import is found only under its own kind.
 */
/** Why an import was failed before it started. */
const UNQUEUED = 'The job queue could not be reached, so the import was not started';

@Injectable()
export class ImportsService {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly runner: ImportRunner,
    private readonly dncRunner: DncImportRunner,
    private readonly jobs: JobProducer,
  ) {}

  /** Opens the transaction an upload is written in. */
  async begin(auth: AuthContext, kind: ImportKind = 'leads'): Promise<PendingUpload> {
    const client = await pgPool(this.db).connect();
    const importId = uuidv7();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO lead_imports (id, tenant_id, kind, created_by_id, encoding, delimiter, columns)
         VALUES ($1, $2, $3, $4, 'utf-8', ',', '[]')`,
        [importId, auth.tenantId, kind, auth.userId ?? null],
      );
    } catch (err) {
      client.release();
      throw err;
    }
    return new PendingUpload(client, auth.tenantId, importId, () => client.release());
  }

  /** Checks the form fields and the header against each other and makes the upload an import. */
  async accept(
    upload: PendingUpload,
    fileName: string | null,
    facts: UploadFacts,
    fields: ImportFields,
  ): Promise<void> {
    if (!facts.hasDataRows) throw AppError.field('file', 'has a header but no data rows');
    const campaignIssue = await importCampaignIssue(this.db.manager, upload.tenantId, fields.campaign_id);
    const { options, mapping } = this.options(fields, campaignIssue);
    const columns = columnsFor(facts.headers, mapping);
    await upload.commit(fileName, columns, options, facts);
  }

  /** Runs a small import now (answering with its results) or hands a large one to the worker. */
  async start<K extends ImportKind>(
    auth: AuthContext,
    importId: string,
    bytes: number,
    kind: K,
  ): Promise<ImportView<ResultsOf<K>>> {
    const payload = importJobPayload(auth.tenantId, importId, kind);
    const lease = this.config.imports.leaseSeconds * 1000;
    // Under the import's job id: the sweep of imports whose job was lost finds this one and adds none beside it.
    const retry = { ...importJobOptions(this.config.imports.leaseSeconds), jobId: importJobId(importId) };
    const runner = kind === 'dnc' ? this.dncRunner : this.runner;
    if (bytes > this.config.imports.inlineMaxBytes) {
      // The answer is the import as it was handed over (queued): read after the enqueue, a worker may already
      // have started it, or finished it, and the caller would get a 200 for a file it was told goes to the worker.
      const queued = await this.get(auth, importId, kind);
      try {
        await this.jobs.enqueue('imports.run', payload, retry);
      } catch (err) {
        // No worker will ever run it: failed now (its upload deleted), not left queued for good.
        this.logger.error({ err, importId }, 'Import not handed to the worker: the job queue is unreachable');
        await runner.fail(auth.tenantId, importId, UNQUEUED);
        throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, `${UNQUEUED}: upload the file again`);
      }
      return queued;
    }
    // Should this process die mid-import, the worker takes it over once the lease has run out.
    const safety = await this.jobs
      .enqueue('imports.run', payload, { ...retry, delay: lease + 1000 })
      .then(() => true)
      .catch((err: unknown) => {
        this.logger.warn({ err, importId }, 'Import runs in the request with no worker to take it over');
        return false;
      });
    try {
      await runner.run(auth.tenantId, importId);
    } catch (err) {
      if (!safety) {
        await runner.fail(auth.tenantId, importId, (err as Error).message);
        throw err;
      }
      this.logger.warn(
        { err, importId },
        'Import could not finish in the request; the worker will take it over',
      );
    }
    return this.get(auth, importId, kind);
  }

  /** The tenant's imports, newest first (without their row errors: `get` has those). */
  async list<K extends ImportKind>(
    auth: AuthContext,
    window: PageWindow,
    status: ImportStatus | undefined,
    kind: K,
  ): Promise<Page<Omit<ImportView<ResultsOf<K>>, 'errors'>>> {
    const [rows, total] = await this.db.getRepository(LeadImportEntity).findAndCount({
      where: { tenantId: auth.tenantId, kind, ...(status ? { status } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: window.limit,
      skip: window.offset,
    });
    const counts = rows.length
      ? await tenantQuery<{ import_id: string; n: number }>(
          this.db,
          auth.tenantId,
          `SELECT import_id, count(*)::int AS n FROM lead_import_errors
            WHERE tenant_id = $1 AND import_id = ANY($2::uuid[]) GROUP BY import_id`,
          [rows.map((r) => r.id)],
        )
      : [];
    const errorCount = new Map(counts.map((c) => [c.import_id, c.n]));
    return new Page(
      rows.map((job) => this.view<K>(job, errorCount.get(job.id) ?? 0)),
      total,
      window.limit,
      window.offset,
    );
  }

  /** All of an import's row errors, by row, a page at a time. */
  async errors(
    auth: AuthContext,
    importId: string,
    window: PageWindow,
    kind: ImportKind,
  ): Promise<Page<RowError & { row: number }>> {
    await this.mustExist(auth, importId, kind);
    return this.errorPage(auth.tenantId, importId, window);
  }

  /** 404 unless the tenant has this import of this kind. */
  async mustExist(auth: AuthContext, importId: string, kind: ImportKind): Promise<void> {
    const exists = await this.db
      .getRepository(LeadImportEntity)
      .existsBy({ tenantId: auth.tenantId, id: importId, kind });
    if (!exists) throw AppError.notFound('Import');
  }

  async get<K extends ImportKind>(
    auth: AuthContext,
    importId: string,
    kind: K,
  ): Promise<ImportView<ResultsOf<K>>> {
    const job = await this.db
      .getRepository(LeadImportEntity)
      .findOneBy({ tenantId: auth.tenantId, id: importId, kind });
    if (!job) throw AppError.notFound('Import');
    const errors = await this.errorPage(auth.tenantId, importId, { limit: ERRORS_SHOWN, offset: 0 });
    return { ...this.view<K>(job, errors.total), errors: errors.items };
  }

  private async errorPage(
    tenantId: string,
    importId: string,
    window: PageWindow,
  ): Promise<Page<RowError & { row: number }>> {
    const [items, [{ total }]] = await Promise.all([
      tenantQuery<RowError & { row: number }>(
        this.db,
        tenantId,
        `SELECT row, field, value, error FROM lead_import_errors
          WHERE tenant_id = $1 AND import_id = $2 ORDER BY row, field LIMIT $3 OFFSET $4`,
        [importId, window.limit, window.offset],
      ),
      tenantQuery<{ total: number }>(
        this.db,
        tenantId,
        'SELECT count(*)::int AS total FROM lead_import_errors WHERE tenant_id = $1 AND import_id = $2',
        [importId],
      ),
    ]);
    return new Page(items, total, window.limit, window.offset);
  }

  private view<K extends ImportKind>(
    job: LeadImportEntity,
    errorCount: number,
  ): Omit<ImportView<ResultsOf<K>>, 'errors'> {
    const leads = job.kind === 'dnc' ? null : addCounts(job.results as Partial<ImportResults>, NO_OUTCOMES);
    const counts = leads
      ? { results: leads as ResultsOf<K>, stats: importStats(leads) }
      : { results: { ...NO_DNC_RESULTS, ...(job.results as Partial<DncImportResults>) } as ResultsOf<K> };
    return {
      import_id: job.id,
      status: job.status,
      file_name: job.fileName,
      progress: { processed: job.rowsDone },
      ...counts,
      error_count: errorCount,
      error: job.error,
      created_at: job.createdAt.toISOString(),
      finished_at: job.finishedAt?.toISOString() ?? null,
    };
  }

  private options(
    fields: ImportFields,
    campaignIssue: FieldIssue | null,
  ): { options: ImportOptions; mapping: Record<string, string> } {
    const issues: FieldIssue[] = [];
    for (const key of Object.keys(fields)) {
      if (!KNOWN_FIELDS.includes(key)) issues.push({ field: key, reason: 'is not a field of an import' });
    }
    const country = fields.default_country?.trim();
    if (country && !phoneCountry(country)) {
      issues.push({ field: 'default_country', reason: 'is not an ISO 3166-1 alpha-2 country code' });
    }
    const onDuplicate = fields.on_duplicate?.trim() || 'skip';
    if (onDuplicate !== 'skip' && onDuplicate !== 'update') {
      issues.push({ field: 'on_duplicate', reason: 'must be skip or update' });
    }
    let mapping: Record<string, string> = {};
    if (fields.field_mapping?.trim()) {
      try {
        const parsed: unknown = JSON.parse(fields.field_mapping);
        if (
          !parsed ||
          typeof parsed !== 'object' ||
          Array.isArray(parsed) ||
          Object.values(parsed).some((v) => typeof v !== 'string')
        ) {
          throw new Error('not an object of strings');
        }
        mapping = parsed as Record<string, string>;
      } catch {
        issues.push({ field: 'field_mapping', reason: 'must be a JSON object of column name to field name' });
      }
      // JSON escapes (\u0000, \ud800) make text no column can hold, which the form field's own check cannot see.
      for (const [column, target] of Object.entries(mapping)) {
        const [key] = unstorableText(column);
        const [value] = key ? [] : unstorableText(target);
        if (key) issues.push({ field: 'field_mapping', reason: `names a column that ${key.reason}` });
        else if (value) issues.push({ field: `field_mapping.${column}`, reason: value.reason });
      }
    }
    const tags = this.tags(fields.tags, issues);
    // The tenant's live campaign, checked by the caller (one query): the imported leads join it.
    if (campaignIssue) issues.push(campaignIssue);
    if (issues.length) {
      throw invalidInput(issues);
    }
    return {
      options: {
        default_country: country ? country.toUpperCase() : null,
        on_duplicate: onDuplicate as 'skip' | 'update',
        tags,
        ...(fields.campaign_id !== undefined ? { campaign_id: fields.campaign_id.trim().toLowerCase() } : {}),
      },
      mapping,
    };
  }

  /** `tags`: "a,b" or a JSON array of strings. */
  private tags(raw: string | undefined, issues: FieldIssue[]): string[] {
    if (!raw?.trim()) return [];
    let tags: unknown = raw.split(',');
    if (raw.trim().startsWith('[')) {
      try {
        tags = JSON.parse(raw);
      } catch {
        tags = null;
      }
    }
    if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string' || t.trim().length > 50)) {
      issues.push({
        field: 'tags',
        reason: 'must be a comma-separated list or a JSON array of tags of up to 50 characters',
      });
      return [];
    }
    const [unstorable] = unstorableText(tags);
    if (unstorable) {
      issues.push({ field: 'tags', reason: `has a tag that ${unstorable.reason}` });
      return [];
    }
    return normalizeTags(tags as string[]).slice(0, 50);
  }
}

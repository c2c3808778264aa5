import { AppConfig } from '@app/config';
import type { ImportKind } from '@app/db';
import { JobProducer, OnJob } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { importJobId, importJobOptions, importJobPayload } from './import-job';

/** Imports looked at per sweep; the rest wait for the next. */
const SWEEP_IMPORTS = 100;

interface StrandedImport {
  id: string;
  tenant_id: string;
  kind: ImportKind;
}

/**
 * The `imports.sweep` job (repeating, added by the worker): an import whose `imports.run` job was lost (Redis
 * flushed, or restarted without persistence) would stay queued or running for good, its upload kept. Once it has
 * gone a lease past its lease (or, never taken, a lease since it was queued), it gets its job again under the job's
 * own id: one still waiting, delayed or running is left alone; one lost is added; one finished runs again. The run
 * takes the import over and continues after its last committed batch.
 */
@Injectable()
export class ImportsSweeper {
  private readonly logger = new Logger(ImportsSweeper.name);

  constructor(
    private readonly db: DataSource,
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
  ) {}

  @OnJob('imports.sweep')
  async sweep(): Promise<number> {
    const lease = this.config.imports.leaseSeconds;
    // A platform-wide read from the partial index of unfinished imports.
    const rows = (await this.db.query(
      `SELECT id, tenant_id, kind FROM lead_imports
        WHERE status IN ('queued', 'running')
          AND coalesce(lease_until, updated_at) < now() - make_interval(secs => $1)
        ORDER BY updated_at
        LIMIT ${SWEEP_IMPORTS}`,
      [lease],
    )) as StrandedImport[];
    if (!rows.length) return 0;
    const started = await this.jobs.ensureMany(
      'imports.run',
      rows.map((r) => ({ payload: importJobPayload(r.tenant_id, r.id, r.kind), jobId: importJobId(r.id) })),
      importJobOptions(lease),
    );
    if (started) this.logger.warn({ imports: started }, 'Jobs started again for imports left unfinished');
    return started;
  }
}

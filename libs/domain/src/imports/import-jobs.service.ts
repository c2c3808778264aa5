import { Clock } from '@app/common';
import type { ImportKind } from '@app/db';
import { LiveEvents } from '@app/events';
import { JobPayloads, OnJob } from '@app/queues';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bull';
import { DncImportRunner } from '../dnc/dnc-import.runner';
import { ImportRunner } from './import-runner.service';

/**
 * The `imports` queue: runs an import (of leads, or of the do-not-contact list), or resumes one whose process
 * died (once its lease has run out).
 */
@Injectable()
export class ImportJobsService {
  constructor(
    private readonly leads: ImportRunner,
    private readonly dnc: DncImportRunner,
    private readonly events: LiveEvents,
    private readonly clock: Clock,
  ) {}

  @OnJob('imports.run')
  async run(payload: JobPayloads['imports.run'], job: Job): Promise<void> {
    const kind: ImportKind = payload.kind ?? 'leads';
    const runner = kind === 'dnc' ? this.dnc : this.leads;
    try {
      const outcome = await runner.run(payload.tenant_id, payload.import_id);
      // Another process holds a live lease: try again later (the job's backoff is the lease's length), and take
      // the import over if that process has died by then.
      if (outcome === 'held') throw new Error(`Import ${payload.import_id} is being run by another process`);
    } catch (err) {
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const failed = last
        ? await runner.fail(payload.tenant_id, payload.import_id, (err as Error).message)
        : null;
      if (failed) {
        // What it committed stays (rows and row errors): the event reports it, as GET of the import does.
        this.events.toTenant(payload.tenant_id, 'import:progress', {
          import_id: payload.import_id,
          kind,
          status: 'failed',
          processed: failed.processed,
          results: { ...failed.results },
          error: failed.error,
          timestamp: this.clock.now().toISOString(),
        });
      }
      throw err;
    }
  }
}

import { bumpCounter, Clock, REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import type { ImportKind } from '@app/db';
import { LiveEvents } from '@app/events';
import { JobPayloads, OnJob } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bull';
import type Redis from 'ioredis';
import { DncImportRunner } from '../dnc/dnc-import.runner';
import { ImportRunner } from './import-runner.service';

/** Runs of an import that fail (not those that find it held by another process) before it is failed for good. */
export const MAX_IMPORT_FAILURES = 10;

/**
 * The `imports` queue: runs an import (of leads, or of the do-not-contact list), or resumes one whose process
 * died (once its lease has run out). The job has many attempts, for the waits on another process's lease; a run
 * that fails counts in Redis, and the tenth failure (or the last attempt) fails the import: about ten minutes of
 * failing runs (a lease apart), so a short outage of the database does not fail it.
 */
@Injectable()
export class ImportJobsService {
  constructor(
    private readonly leads: ImportRunner,
    private readonly dnc: DncImportRunner,
    private readonly events: LiveEvents,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @OnJob('imports.run')
  async run(payload: JobPayloads['imports.run'], job: Job): Promise<void> {
    const kind: ImportKind = payload.kind ?? 'leads';
    const runner = kind === 'dnc' ? this.dnc : this.leads;
    let held = false;
    try {
      const outcome = await runner.run(payload.tenant_id, payload.import_id);
      // Another process holds a live lease: try again later (the job's backoff is the lease's length), and take
      // the import over if that process has died by then.
      held = outcome === 'held';
      if (held) throw new Error(`Import ${payload.import_id} is being run by another process`);
    } catch (err) {
      const failures = held ? 0 : await this.failures(payload.import_id);
      const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1) || failures >= MAX_IMPORT_FAILURES;
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

  /** Counts a failed run of the import (kept a day); answers how many there were (0 when Redis cannot tell). */
  private failures(importId: string): Promise<number> {
    return bumpCounter(this.redis, this.config.redisKey('import-failures', importId), 86_400).catch(() => 0);
  }
}

import { JobPayloads, OnJob } from '@app/queues';
import { Injectable } from '@nestjs/common';
import { ImportRunner } from './import-runner.service';

/** The `imports` queue: runs an import, or resumes one whose process died (once its lease has run out). */
@Injectable()
export class ImportJobsService {
  constructor(private readonly runner: ImportRunner) {}

  @OnJob('imports.run')
  async run(payload: JobPayloads['imports.run']): Promise<void> {
    const outcome = await this.runner.run(payload.tenant_id, payload.import_id);
    // Another process holds a live lease: try again later (the job's backoff is the lease's length), and take the
    // import over if that process has died by then.
    if (outcome === 'held') throw new Error(`Import ${payload.import_id} is being run by another process`);
  }
}

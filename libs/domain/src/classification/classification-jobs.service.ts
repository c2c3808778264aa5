import { JobPayloads, OnJob } from '@app/queues';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bull';
import { ClassificationService } from './classification.service';

/** The `classification.classify` job (issue 7): one inbound message classified, in the worker. */
@Injectable()
export class ClassificationJobsService {
  constructor(private readonly classification: ClassificationService) {}

  @OnJob('classification.classify')
  async classify(payload: JobPayloads['classification.classify'], job: Job): Promise<void> {
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await this.classification.classify(payload.tenant_id, payload.message_id, {
      reclassify: payload.reclassify === true,
      lastAttempt: last,
    });
  }
}

import { JobPayloads, OnJob } from '@app/queues';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bull';
import { CampaignBackPressure } from './campaign-back-pressure';
import { CampaignStepRunner } from './campaign-step-runner.service';

/**
 * The `campaigns.step` job: runs its batch (CampaignStepRunner) once its campaign has room for the messages it may
 * make, else parks it until the sends catch up (CampaignBackPressure). The turns that made no message stop counting,
 * whatever the run's outcome (a failed run is retried, and counted in again then).
 */
@Injectable()
export class CampaignStepJob {
  constructor(
    private readonly backPressure: CampaignBackPressure,
    private readonly runner: CampaignStepRunner,
  ) {}

  @OnJob('campaigns.step')
  async run(payload: JobPayloads['campaigns.step'], job?: Job): Promise<void> {
    // A parked copy (the only delayed one) that came due by itself leaves the parked list: promoting its id later
    // would move nothing, and would spend the room of the copy it parks next or of the jobs behind it.
    if (job?.opts.delay) await this.backPressure.unpark(payload, String(job.id));
    if (!(await this.backPressure.admit(payload))) return this.backPressure.park(payload);
    const made = new Set<string>();
    try {
      await this.runner.run(payload, made);
    } finally {
      await this.backPressure.release(payload, made);
    }
  }
}

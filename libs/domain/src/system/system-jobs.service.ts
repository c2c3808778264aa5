import { Clock } from '@app/common';
import { LiveEvents } from '@app/events';
import { JobPayloads, OnJob } from '@app/queues';
import { Injectable } from '@nestjs/common';
import type { Job } from 'bull';

/** The platform's own jobs. */
@Injectable()
export class SystemJobsService {
  constructor(
    private readonly events: LiveEvents,
    private readonly clock: Clock,
  ) {}

  /** Answers a ping with a live event to the tenant's room: proves API -> queue -> worker -> socket.io works. */
  @OnJob('system.ping')
  async ping(payload: JobPayloads['system.ping'], job: Job): Promise<void> {
    this.events.toTenant(payload.tenant_id, 'system:pong', {
      job_id: String(job.id),
      requested_by: payload.requested_by,
      requested_at: payload.requested_at,
      processed_at: this.clock.now().toISOString(),
    });
  }
}

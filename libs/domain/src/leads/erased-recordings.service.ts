import { AppError, ErrorCode } from '@app/common';
import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { JobPayloads, JobProducer, OnJob, PermanentJobError } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { DataSource } from 'typeorm';
import { ActivityService } from '../activity/activity.service';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import { deleteRecordings, PendingRecording } from './lead-call-erasure';

/** When the worker deletes an erased lead's recordings again, and how often it tries after that. */
const FIRST_CHECK_MS = 60_000;
const ATTEMPTS = 6;
const BACKOFF_MS = 60_000;

export const eraseRecordingsJobId = (leadId: string) => `erase-recordings:${leadId}`;

/**
 * An erased lead's call recordings at the telephony provider (GDPR Art. 17). The request that erases deletes them
 * once it has committed; a job queued in the erasure's transaction deletes them again a minute later in the worker
 * (a recording already gone counts as deleted), retried with backoff, so a process that dies after the commit
 * leaves none behind. What is left after the last try, or at once when the provider refuses (bad credentials, a
 * bad request: no later try goes better), is recorded as `lead.erasure.recordings_pending`.
 */
@Injectable()
export class ErasedRecordingsService {
  private readonly logger = new Logger(ErasedRecordingsService.name);
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    private readonly voice: VoiceChannelsService,
    private readonly activity: ActivityService,
    private readonly jobs: JobProducer,
  ) {
    this.sql = fastSql(db);
  }

  /** In the erasure's transaction: refuses the erasure (503, it rolls back) when the job cannot be queued. */
  async schedule(tenantId: string, leadId: string, sids: string[]): Promise<void> {
    if (!sids.length) return;
    try {
      await this.jobs.enqueue(
        'leads.erase-recordings',
        { tenant_id: tenantId, lead_id: leadId, recording_sids: sids },
        {
          jobId: eraseRecordingsJobId(leadId),
          delay: FIRST_CHECK_MS,
          attempts: ATTEMPTS,
          backoff: { type: 'exponential', delay: BACKOFF_MS },
        },
      );
    } catch (err) {
      this.logger.error({ err, tenant_id: tenantId, lead_id: leadId }, 'Recording deletion not queued');
      throw new AppError(
        ErrorCode.SERVICE_UNAVAILABLE,
        'The job queue could not be reached, so the lead was not erased: try again',
      );
    }
  }

  /** After the erasure committed, in the request: what is left is the job's to retry. */
  async deleteNow(tenantId: string, leadId: string, sids: string[]): Promise<void> {
    if (!sids.length) return;
    const pending = await this.delete(tenantId, sids);
    if (pending.length)
      this.logger.warn(
        { tenant_id: tenantId, lead_id: leadId, pending },
        'Erased lead: recordings left at the provider for now; the worker tries again',
      );
  }

  @OnJob('leads.erase-recordings')
  async run(payload: JobPayloads['leads.erase-recordings'], job: Pick<Job, 'attemptsMade' | 'opts'>) {
    const { tenant_id: tenantId, lead_id: leadId } = payload;
    if (await this.leadExists(tenantId, leadId)) {
      // The erasure rolled back (its job was queued in the transaction): nothing of the lead's is to delete.
      this.logger.warn({ tenant_id: tenantId, lead_id: leadId }, 'Lead not erased: its recordings are kept');
      return;
    }
    const pending = await this.delete(tenantId, payload.recording_sids);
    if (!pending.length) return;
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const refused = pending.every((p) => !p.retryable);
    if (!last && !refused)
      throw new Error(`${pending.length} recording(s) of an erased lead are still at the provider`);
    this.logger.error(
      { tenant_id: tenantId, lead_id: leadId, pending },
      'Erased lead: recordings left at the provider',
    );
    await this.activity.record(tenantId, null, {
      type: 'lead.erasure.recordings_pending',
      description: `${pending.length} recording(s) of an erased lead could not be deleted at the provider: ${pending[0].error}`,
      status: 'failure',
      data: { lead_id: leadId, recording_sids: pending.map((p) => p.sid) },
    });
    // The provider refuses what it will refuse again (credentials, a bad request): said at once, not after half an
    // hour of tries. The job stays in the failed list, where an admin retries it once the account is put right.
    if (!last)
      throw new PermanentJobError(
        `The provider refuses to delete ${pending.length} recording(s) of an erased lead: ${pending[0].error}`,
      );
  }

  private async delete(tenantId: string, sids: string[]): Promise<PendingRecording[]> {
    try {
      const channel = await this.voice.resolve(tenantId);
      return (await deleteRecordings(channel.port, sids)).pending;
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      return sids.map((sid) => ({ sid, error, retryable: true }));
    }
  }

  private async leadExists(tenantId: string, leadId: string): Promise<boolean> {
    const rows = await tenantQuery(
      this.sql,
      tenantId,
      `SELECT 1 FROM leads WHERE tenant_id = $1 AND id = $2`,
      [leadId],
    );
    return rows.length > 0;
  }
}

import { AppError } from '@app/common';
import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { JobProducer } from '@app/queues';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { uuidv7 } from 'uuidv7';

export interface ReclassifyRequest {
  lead_id: string;
  /** The lead's latest message with text: the one classified again. */
  message_id: string;
  /** The `classification` queue's job that classifies it; its result reaches the tenant as `lead.classified`. */
  job_id: string;
  queued: true;
}

/**
 * `POST leads/:id/reclassify` (seed 002): the lead's latest message is classified again in the worker, with the
 * tenant's current model and weights. Its actions are idempotent, so nothing is sent or paused twice.
 */
@Injectable()
export class ReclassifyService {
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    private readonly jobs: JobProducer,
  ) {
    this.sql = fastSql(db);
  }

  async request(auth: AuthContext, leadId: string): Promise<ReclassifyRequest> {
    const [lead] = await tenantQuery<{ id: string; archived: boolean; message_id: string | null }>(
      this.sql,
      auth.tenantId,
      `SELECT l.id, l.archived_at IS NOT NULL AS archived,
              (SELECT m.id FROM messages m
                WHERE m.tenant_id = $1 AND m.lead_id = l.id AND m.direction = 'inbound'
                  AND btrim(coalesce(m.content, '')) <> ''
                ORDER BY m.created_at DESC, m.id DESC LIMIT 1) AS message_id
         FROM leads l WHERE l.tenant_id = $1 AND l.id = $2`,
      [leadId],
    );
    if (!lead) throw AppError.notFound('Lead');
    if (lead.archived) throw AppError.conflict('The lead is archived');
    if (!lead.message_id) {
      throw AppError.conflict('The lead has sent no message with text: there is nothing to classify');
    }
    // A job id of its own per request: each request classifies again, even right after another.
    const jobId = `reclassify:${lead.message_id}:${uuidv7()}`;
    await this.jobs.enqueue(
      'classification.classify',
      { tenant_id: auth.tenantId, message_id: lead.message_id, reclassify: true },
      { jobId },
    );
    return { lead_id: lead.id, message_id: lead.message_id, job_id: jobId, queued: true };
  }
}

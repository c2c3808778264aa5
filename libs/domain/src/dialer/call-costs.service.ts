import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { ProviderError } from '@app/providers';
import { JobPayloads, JobProducer, OnJob } from '@app/queues';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { VoiceChannelsService } from '../voice/voice-channels.service';
import type { DialerCall } from './dialer-calls.repository';

/**
 * When each `calls.fetch-cost` round runs after the call's end: Twilio fills a call's `price` only some time after
 * it completed, so the first look waits a minute, and a call still unpriced is asked again later. After the last
 * round the call keeps no cost (the provider never priced it): nothing else waits for it.
 */
export const CALL_COST_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000] as const;

/**
 * A call's cost (seed 001's `cost`, summed as the stats' `total_cost`): what the provider billed for it, asked of the
 * provider once the call ended. Stored once, as a positive amount; a round that runs again (a retry, a duplicate job)
 * finds the cost already there and does nothing.
 */
@Injectable()
export class CallCostsService {
  private readonly logger = new Logger(CallCostsService.name);
  private readonly sql: SqlRunner;

  constructor(
    db: DataSource,
    private readonly voice: VoiceChannelsService,
    private readonly jobs: JobProducer,
  ) {
    this.sql = fastSql(db);
  }

  /** Queues the first round for a call that just ended with a provider call (an agent's leg is not counted). */
  async ended(call: DialerCall): Promise<void> {
    if (call.kind === 'agent_leg' || !call.call_sid) return;
    await this.enqueue(call.tenant_id, call.id, 0);
  }

  @OnJob('calls.fetch-cost')
  async fetch(payload: JobPayloads['calls.fetch-cost']): Promise<void> {
    const { tenant_id: tenantId, call_id: callId, check } = payload;
    const [call] = await tenantQuery<{ call_sid: string | null; ended: boolean; cost: string | null }>(
      this.sql,
      tenantId,
      `SELECT call_sid, end_time IS NOT NULL AS ended, cost FROM calls WHERE tenant_id = $1 AND id = $2`,
      [callId],
    );
    if (!call || !call.call_sid || !call.ended || call.cost !== null) return;
    const channel = await this.voice.resolve(tenantId);
    let price: number | null;
    try {
      price = (await channel.port.fetchCall(call.call_sid))?.price ?? null;
    } catch (err) {
      // A failure that may pass (429, 5xx, the network) is the job's to retry; a refusal (a voice account whose
      // credentials changed) will not pass, and the cost is no one's to wait for.
      if (!(err instanceof ProviderError) || err.retryable) throw err;
      this.logger.warn(
        { err, tenant_id: tenantId, call_id: callId },
        'The provider refused to price the call',
      );
      return;
    }
    if (price === null) {
      if (check + 1 < CALL_COST_DELAYS_MS.length) await this.enqueue(tenantId, callId, check + 1);
      else this.logger.log({ tenant_id: tenantId, call_id: callId }, 'The provider never priced the call');
      return;
    }
    await tenantQuery(
      this.sql,
      tenantId,
      `UPDATE calls SET cost = $3 WHERE tenant_id = $1 AND id = $2 AND cost IS NULL`,
      [callId, Math.abs(price)],
    );
  }

  private async enqueue(tenantId: string, callId: string, check: number): Promise<void> {
    await this.jobs.enqueue(
      'calls.fetch-cost',
      { tenant_id: tenantId, call_id: callId, check },
      { delay: CALL_COST_DELAYS_MS[check], jobId: `call-cost:${callId}:${check}` },
    );
  }
}

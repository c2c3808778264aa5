import { fastTransaction, SqlRunner } from '@app/db';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DialerCall, DialerCallsRepository } from './dialer-calls.repository';
import { DialerLeases } from './dialer-leases';
import { DialerPoolRepository } from './dialer-pool.repository';

/**
 * A preview offer (a `calls` row with `metadata.preview = true`, no SID, no end) and the conditional statements
 * that decide it: the agent's dial claims it; a skip or its expiry withdraws it (one transaction). Each holds only
 * while the offer is undecided, so of a dial, a skip and an expiry racing each other exactly one wins.
 */
@Injectable()
export class PreviewOffers {
  constructor(
    private readonly db: DataSource,
    private readonly calls: DialerCallsRepository,
    private readonly pool: DialerPoolRepository,
    private readonly leases: DialerLeases,
  ) {}

  find(tenantId: string, callId: string): Promise<DialerCall | null> {
    return this.calls.find(tenantId, callId);
  }

  /** The offer was skipped or expired lately (its row is gone). */
  wasWithdrawn(tenantId: string, callId: string): Promise<boolean> {
    return this.leases.wasWithdrawn(tenantId, callId);
  }

  /** The agent dials the offer: false when it was already decided. */
  claim(call: DialerCall, now: Date): Promise<boolean> {
    return this.calls.update(
      call.tenant_id,
      call.id,
      { metadata: { preview: 'dialed' } },
      now,
      undefined,
      `AND call_sid IS NULL AND end_time IS NULL AND metadata->>'preview' = 'true'`,
    );
  }

  /**
   * Withdraws the offer: its row goes (it was never placed), the lead goes back to the pool, due at `retryAt`, its
   * attempt not counted, and `freeAgent` lets the agent go, all in one transaction: a worker that dies on the way
   * leaves the offer undecided (its expiry withdraws it at a later tick), never an agent held by an offer that is
   * gone. Null when the offer was already decided; else what `freeAgent` answered, for the caller to announce.
   */
  async withdraw<T>(
    call: DialerCall,
    retryAt: Date,
    now: Date,
    freeAgent: (runner: SqlRunner) => Promise<T>,
  ): Promise<{ agent: T } | null> {
    // Remembered first: a late decision never finds the row gone without the mark (a mark on an offer that stays,
    // because the transaction rolled back, is never read: the row is found first).
    await this.leases.markWithdrawn(call.tenant_id, call.id);
    return fastTransaction(this.db, async (runner) => {
      if (!(await this.calls.removeOffer(call.tenant_id, call.id, runner))) return null;
      await this.pool.giveBack(
        call.tenant_id,
        call.enrollment_id as string,
        call.attempt as number,
        retryAt,
        now,
        runner,
      );
      return { agent: await freeAgent(runner) };
    });
  }
}

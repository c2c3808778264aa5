import { Injectable } from '@nestjs/common';
import { DialerCall, DialerCallsRepository } from './dialer-calls.repository';
import { DialerLeases } from './dialer-leases';
import { DialerPoolRepository } from './dialer-pool.repository';

/**
 * A preview offer (a `calls` row with `metadata.preview = true`, no SID, no end) and the conditional statements
 * that decide it: the agent's dial claims it; a skip or its expiry withdraws it. Each holds only while the offer is
 * undecided, so of a dial, a skip and an expiry racing each other exactly one wins.
 */
@Injectable()
export class PreviewOffers {
  constructor(
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
   * Withdraws the offer: its row goes (it was never placed) and the lead goes back to the pool, due at `retryAt`,
   * its attempt not counted; false when it was already decided. The agent is the caller's to deal with.
   */
  async withdraw(call: DialerCall, retryAt: Date, now: Date): Promise<boolean> {
    // Remembered first: a late decision never finds the row gone without the mark.
    await this.leases.markWithdrawn(call.tenant_id, call.id);
    if (!(await this.calls.removeOffer(call.tenant_id, call.id))) return false;
    await this.pool.giveBack(
      call.tenant_id,
      call.enrollment_id as string,
      call.attempt as number,
      retryAt,
      now,
    );
    return true;
  }
}

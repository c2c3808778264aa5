import type { DataSource } from 'typeorm';
import { waitFor } from './wait-for';

/** A recorded provider event as the worker left it. */
export interface AppliedEvent {
  id: string;
  kind: string;
  event_key: string;
  lead_id: string | null;
  payload: Record<string, unknown>;
  processed_at: Date;
}

/** Waits until the tenant's webhook event `eventKey` has been applied by a worker; answers its row. */
export function appliedEvent(
  db: DataSource,
  tenantId: string,
  eventKey: string,
  timeoutMs = 15_000,
): Promise<AppliedEvent> {
  return waitFor(
    async () =>
      (
        await db.query(
          `SELECT id, kind, event_key, lead_id, payload, processed_at FROM webhook_events
            WHERE tenant_id = $1 AND event_key = $2 AND processed_at IS NOT NULL`,
          [tenantId, eventKey],
        )
      )[0] as AppliedEvent | undefined,
    timeoutMs,
    `webhook event ${eventKey} applied`,
  );
}

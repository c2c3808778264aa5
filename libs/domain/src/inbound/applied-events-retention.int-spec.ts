import { apiOnIsolatedDatabase, createTenant, TestTenant } from '@app/testing';
import { AppliedEventsRetention } from './applied-events-retention';

/**
 * WEBHOOK_EVENTS_RETENTION_DAYS: provider events applied longer ago than that are deleted by the inbound sweep;
 * younger ones, and any not yet applied however old, stay. On a database of this file's own: the sweep is
 * platform-wide.
 */
describe('applied provider events retention (integration)', () => {
  let t: TestTenant;

  const on = apiOnIsolatedDatabase({ WEBHOOK_EVENTS_RETENTION_DAYS: '30' });
  beforeAll(async () => {
    t = await createTenant(on.api.http);
  });

  it('deletes events applied more than 30 days ago, and nothing else', async () => {
    const now = on.api.clock.nowMs();
    const day = 86_400_000;
    const event = async (key: string, processedDaysAgo: number | null, receivedDaysAgo: number) =>
      on.db.query(
        `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload, processed_at, received_at)
         VALUES ($1, 'simulator', 'status', $2, '{}', $3, $4)`,
        [
          t.id,
          key,
          processedDaysAgo === null ? null : new Date(now - processedDaysAgo * day),
          new Date(now - receivedDaysAgo * day),
        ],
      );
    await event('old-applied', 31, 31);
    await event('old-applied-2', 45, 45);
    await event('young-applied', 29, 40);
    await event('old-pending', null, 90);
    const retention = on.api.app.get(AppliedEventsRetention);
    expect(await retention.sweep()).toBe(2);
    const left = (await on.db.query(
      `SELECT event_key FROM webhook_events WHERE tenant_id = $1 ORDER BY event_key`,
      [t.id],
    )) as { event_key: string }[];
    expect(left.map((e) => e.event_key)).toEqual(['old-pending', 'young-applied']);
    expect(await retention.sweep()).toBe(0);
  });
});

import { apiOnIsolatedDatabase, createTenant, TestTenant } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { WebhookDeliveriesRetention } from './webhook-deliveries-retention';

/**
 * WEBHOOK_DELIVERIES_RETENTION_DAYS: outbound webhook deliveries delivered or failed longer ago than that are
 * deleted by the `webhooks.prune` sweep; younger ones, and pending ones however old, stay. On a database of this
 * file's own: the sweep is platform-wide.
 */
describe('webhook deliveries retention (integration)', () => {
  let t: TestTenant;

  const on = apiOnIsolatedDatabase({ WEBHOOK_DELIVERIES_RETENTION_DAYS: '30' });
  beforeAll(async () => {
    t = await createTenant(on.api.http);
  });

  it('deletes webhook deliveries finished and made more than 30 days ago, and nothing else', async () => {
    const created = await on.api.http
      .post('/api/webhooks')
      .set(t.admin.headers)
      .send({ url: 'https://crm.example.com/hooks', events: ['lead.created'] });
    expect(created.status).toBe(201);
    const now = on.api.clock.nowMs();
    const day = 86_400_000;
    const delivery = (label: string, status: string, daysAgo: number) =>
      on.db.query(
        `INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event, event_id, body, status, created_at)
         VALUES ($1, $2, 'lead.created', $3, $4, $5, $6)`,
        [
          t.id,
          created.body.data.id,
          randomUUID(),
          JSON.stringify({ label }),
          status,
          new Date(now - daysAgo * day),
        ],
      );
    await delivery('old-delivered', 'delivered', 31);
    await delivery('old-failed', 'failed', 45);
    await delivery('young-delivered', 'delivered', 29);
    await delivery('old-pending', 'pending', 90);
    const retention = on.api.app.get(WebhookDeliveriesRetention);
    expect(await retention.prune()).toBe(2);
    const left = (await on.db.query(
      `SELECT body::jsonb->>'label' AS label FROM webhook_deliveries WHERE tenant_id = $1 ORDER BY 1`,
      [t.id],
    )) as { label: string }[];
    expect(left.map((d) => d.label)).toEqual(['old-pending', 'young-delivered']);
    expect(await retention.prune()).toBe(0);
  });

  it('deletes integration deliveries finished and made more than 30 days ago, and nothing else', async () => {
    const connected = await on.api.http
      .post('/api/integrations/slack/connect')
      .set(t.admin.headers)
      .send({ credentials: { webhook_url: 'https://hooks.slack.com/services/T1/B2/x' } });
    expect(connected.status).toBe(200);
    const [{ id: integrationId }] = await on.db.query(`SELECT id FROM integrations WHERE tenant_id = $1`, [
      t.id,
    ]);
    const now = on.api.clock.nowMs();
    const day = 86_400_000;
    const delivery = (label: string, status: string, daysAgo: number) =>
      on.db.query(
        `INSERT INTO integration_deliveries (tenant_id, integration_id, data_type, source, subject_id, status,
                                            last_error, created_at)
         VALUES ($1, $2, 'messages', 'message', $3, $4, $5, $6)`,
        [t.id, integrationId, randomUUID(), status, label, new Date(now - daysAgo * day)],
      );
    await delivery('old-delivered', 'delivered', 31);
    await delivery('old-failed', 'failed', 45);
    await delivery('young-failed', 'failed', 29);
    await delivery('old-pending', 'pending', 90);
    const retention = on.api.app.get(WebhookDeliveriesRetention);
    expect(await retention.prune()).toBe(2);
    const left = (await on.db.query(
      `SELECT last_error AS label FROM integration_deliveries WHERE tenant_id = $1 ORDER BY 1`,
      [t.id],
    )) as { label: string }[];
    expect(left.map((d) => d.label)).toEqual(['old-pending', 'young-failed']);
  });
});

import type { InboundMessage } from '@app/providers';
import { createTenant, createTestApi, TestApi, TestTenant } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { InboundMessagesService } from '../inbound/inbound-messages.service';
import { ClassificationService } from './classification.service';

/**
 * The lead's classification follows its latest reply (issue 7 item 2): a classification of an older reply that
 * commits after the latest one's (a slow model call, a job retried after a 429) is kept on its message, and leaves
 * the lead's class, score and qualification as the latest reply set them. No worker runs: the jobs are run here.
 */
describe('classification order (integration)', () => {
  let api: TestApi;
  let t: TestTenant;

  beforeAll(async () => {
    api = await createTestApi();
    t = await createTenant(api.http);
  });
  afterAll(() => api?.close());

  const db = () => api.app.get(DataSource);

  /** The lead's reply, recorded as the worker records it; answers its message id. */
  async function replied(from: string, body: string): Promise<{ leadId: string; messageId: string }> {
    const message: InboundMessage = {
      channel: 'sms',
      from,
      to: '+14155559999',
      body,
      provider_message_id: `SM${randomUUID().replace(/-/g, '')}`,
      received_at: api.clock.now().toISOString(),
    };
    const [event] = await db().query(
      `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload)
       VALUES ($1, 'simulator', 'message', $2, $3) RETURNING id`,
      [t.id, message.provider_message_id, JSON.stringify(message)],
    );
    const leadId = await api.app
      .get(InboundMessagesService)
      .apply(t.id, { id: event.id, provider: 'simulator' }, message);
    const [row] = await db().query(
      `SELECT id FROM messages WHERE tenant_id = $1 AND provider_message_id = $2`,
      [t.id, message.provider_message_id],
    );
    return { leadId: leadId as string, messageId: row.id };
  }

  it("an older reply's classification, committed last, leaves the lead as its latest reply set it", async () => {
    const classifier = api.app.get(ClassificationService);
    const older = await replied('+14155550191', 'Yes, this sounds great, tell me more');
    const latest = await replied('+14155550191', 'Actually, not interested. Thanks anyway.');
    expect(latest.leadId).toBe(older.leadId);
    await classifier.classify(t.id, latest.messageId, { reclassify: false, lastAttempt: false });
    const [after] = await db().query(
      `SELECT classification, score, qualification_status FROM leads WHERE id = $1`,
      [older.leadId],
    );
    expect(after.classification).toBe('not_interested');

    await classifier.classify(t.id, older.messageId, { reclassify: false, lastAttempt: false });
    const [lead] = await db().query(
      `SELECT classification, score, qualification_status FROM leads WHERE id = $1`,
      [older.leadId],
    );
    expect(lead).toEqual(after);
    const rows = await db().query(
      `SELECT message_id, label FROM reply_classifications WHERE tenant_id = $1 AND lead_id = $2`,
      [t.id, older.leadId],
    );
    expect(new Map(rows.map((r: { message_id: string; label: string }) => [r.message_id, r.label]))).toEqual(
      new Map([
        [older.messageId, 'interested'],
        [latest.messageId, 'not_interested'],
      ]),
    );
  });
});

import { OutboundMessagesService } from '@app/domain';
import { JobProducer, QUEUE_NAMES } from '@app/queues';
import { createTenant, PublicUrl, publicUrl, TestTenant, useTestApiAndWorker, waitFor } from '@app/testing';

/**
 * The whole loop offline: a message sent through the outbound queue to the simulator, whose signed Twilio
 * callbacks and the lead's reply come back through PUBLIC_BASE_URL to these webhook routes and the worker.
 */
describe('messaging through the simulator, out and back (e2e)', () => {
  let tenant: TestTenant;
  let proxy: PublicUrl;

  beforeAll(async () => {
    proxy = await publicUrl();
  });
  afterAll(async () => {
    // The simulator keeps calling back (the reply's own callbacks): let the running jobs finish, take no more.
    const producer = worker.app.get(JobProducer);
    await Promise.all(QUEUE_NAMES.map((name) => producer.queue(name).pause(true)));
  });
  const { api, worker } = useTestApiAndWorker(() => ({
    env: {
      PUBLIC_BASE_URL: proxy.url,
      SIMULATOR_DELAY_MS: '20',
      SIMULATOR_FAILURE_RATE: '0',
      SIMULATOR_REPLY_RATE: '1',
    },
  }));
  afterAll(() => proxy?.close());

  beforeAll(async () => {
    proxy.target.port = Number(new URL(api.url).port);
    tenant = await createTenant(api.http);
  });

  it('an SMS is delivered by status callbacks and the reply lands in the same conversation', async () => {
    const created = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Sim', last_name: 'Lead', phone: '+14155550199' });
    expect(created.status).toBe(201);
    const leadId = created.body.data.id as string;
    const sent = await api.app.get(OutboundMessagesService).send(tenant.id, {
      lead_id: leadId,
      channel: 'sms',
      body: 'Hi Sim, are you still interested?',
      sender: 'agent',
    });
    const delivered = await waitFor(
      async () => {
        const [row] = await api.db.query(`SELECT status, provider_message_id FROM messages WHERE id = $1`, [
          sent.id,
        ]);
        return row.status === 'delivered' ? row : undefined;
      },
      20_000,
      'delivered',
    );
    expect(delivered.provider_message_id).toMatch(/^SM[0-9a-f]{32}$/);
    const reply = await waitFor(
      async () =>
        (
          await api.db.query(
            `SELECT lead_id, conversation_id, sender, status FROM messages
              WHERE tenant_id = $1 AND direction = 'inbound'`,
            [tenant.id],
          )
        )[0],
      20_000,
      'the reply',
    );
    expect(reply).toEqual({
      lead_id: leadId,
      conversation_id: sent.conversationId,
      sender: 'lead',
      status: 'received',
    });
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM leads WHERE tenant_id = $1`, [
      tenant.id,
    ]);
    expect(n).toBe(1);
  });
});

import { loadConfig } from '@app/config';
import { ChannelConfigsService, ResolvedChannel } from '@app/domain';
import { signTwilioRequest } from '@app/providers';
import { JobProducer, QueueName } from '@app/queues';
import {
  connectLiveClient,
  createTenant,
  createTestApi,
  createTestWorker,
  HeardEvent,
  testEnv,
  TestApi,
  TestTenant,
  TestWorker,
  waitFor,
} from '@app/testing';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';

/**
 * Issue 4 item 4: status callbacks, recorded by the API and applied by the worker, move a message forward only
 * (never delivered back to sent); failed / undelivered end it with the provider's error code.
 */
describe('message status callbacks (e2e)', () => {
  const env = testEnv({ WORKER_QUEUES: 'inbound-events' });
  let api: TestApi;
  let worker: TestWorker;
  let db: DataSource;
  let tenant: TestTenant;
  let other: TestTenant;
  let sms: ResolvedChannel;
  let socket: Socket;
  let seen: HeardEvent[] = [];
  let seq = 0;

  beforeAll(async () => {
    api = await createTestApi({ config: loadConfig(env) });
    worker = await createTestWorker({ config: loadConfig(env) });
    db = api.app.get(DataSource);
    tenant = await createTenant(api.http);
    other = await createTenant(api.http);
    sms = await api.app.get(ChannelConfigsService).resolve(tenant.id, 'sms');
    ({ socket, heard: seen } = await connectLiveClient(api.url, tenant.admin.token));
  }, 60_000);
  afterAll(async () => {
    socket?.disconnect();
    await worker?.close();
    await api?.close();
  });

  const sid = () => `SM${(++seq).toString(16).padStart(32, '0')}`;

  /** Posts a signed Twilio status callback; answers the recorded event's id. */
  async function post(
    providerId: string,
    value: string,
    messageId?: string,
    extra: Record<string, string> = {},
  ) {
    const path = `/webhooks/twilio/message-status?key=${sms.webhookKey}${messageId ? `&messageId=${messageId}` : ''}`;
    const form = {
      MessageSid: providerId,
      AccountSid: 'AC00000000000000000000000000000000',
      From: '+15005550006',
      To: '+14155550101',
      MessageStatus: value,
      ...extra,
    };
    const url = `${api.config.publicBaseUrl}${path}`;
    const res = await api.http
      .post(path)
      .type('form')
      .set('X-Twilio-Signature', signTwilioRequest(sms.signingSecret, url, form))
      .send(form);
    expect(res.status).toBe(200);
    const [event] = await db.query(`SELECT id FROM webhook_events WHERE tenant_id = $1 AND event_key = $2`, [
      tenant.id,
      `status:${providerId}:${value === 'undelivered' ? 'undelivered' : value}`,
    ]);
    return event.id as string;
  }

  /** Posts a status callback and waits until the worker has applied it. */
  async function status(
    providerId: string,
    value: string,
    messageId?: string,
    extra: Record<string, string> = {},
  ) {
    const id = await post(providerId, value, messageId, extra);
    await waitFor(
      async () => {
        const [row] = await db.query(`SELECT processed_at FROM webhook_events WHERE id = $1`, [id]);
        return row.processed_at ?? undefined;
      },
      15_000,
      `status event ${id}`,
    );
  }

  /** An outbound message as the sender leaves it (the outbound side's tests make them through the API). */
  async function outbound(tenantId: string, statusNow: string): Promise<{ id: string; providerId: string }> {
    const [lead] = await db.query(
      `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized) VALUES ($1, 'Out', $2, $2) RETURNING id`,
      [tenantId, `+1415555${String(1000 + seq).slice(-4)}`],
    );
    const [conversation] = await db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms') RETURNING id`,
      [tenantId, lead.id],
    );
    const id = randomUUID();
    const providerId = sid();
    await db.query(
      `INSERT INTO messages (id, tenant_id, conversation_id, lead_id, direction, channel, sender, content, provider,
                             provider_message_id, status, idempotency_key)
       VALUES ($1, $2, $3, $4, 'outbound', 'sms', 'agent', 'Hello', 'simulator', $5, $6, $7)`,
      [id, tenantId, conversation.id, lead.id, providerId, statusNow, `test:${id}`],
    );
    return { id, providerId };
  }

  const messageRow = async (id: string) =>
    (
      await db.query(
        `SELECT status, error_code, sent_at, delivered_at, failed_at FROM messages WHERE id = $1`,
        [id],
      )
    )[0];

  it('status callbacks move a message forward only, and end it on failure with the error code', async () => {
    const message = await outbound(tenant.id, 'sending');
    await status(message.providerId, 'sent', message.id);
    expect(await messageRow(message.id)).toMatchObject({ status: 'sent', sent_at: expect.any(Date) });
    await status(message.providerId, 'delivered', message.id);
    expect(await messageRow(message.id)).toMatchObject({
      status: 'delivered',
      delivered_at: expect.any(Date),
    });
    // A late `sent` (or `queued`) after `delivered` changes nothing.
    await status(message.providerId, 'queued', message.id);
    expect((await messageRow(message.id)).status).toBe('delivered');
    const moved = await waitFor(
      () =>
        seen.find(
          (s) =>
            s.event === 'message.status' &&
            s.payload.message_id === message.id &&
            s.payload.status === 'delivered',
        ),
      5_000,
      'message.status',
    );
    expect(moved.payload).toMatchObject({ channel: 'sms', provider_message_id: message.providerId });

    // Found by the provider's id alone; `undelivered` ends it with the carrier's code, and nothing revives it.
    const failing = await outbound(tenant.id, 'sent');
    await status(failing.providerId, 'undelivered', undefined, { ErrorCode: '30003' });
    expect(await messageRow(failing.id)).toMatchObject({
      status: 'failed',
      error_code: '30003',
      failed_at: expect.any(Date),
    });
    await status(failing.providerId, 'delivered');
    expect((await messageRow(failing.id)).status).toBe('failed');
  });

  it("a callback on one tenant's key never touches another tenant's message", async () => {
    const theirs = await outbound(other.id, 'sent');
    const eventId = await post(theirs.providerId, 'delivered', theirs.id);
    // Our tenant has no such message: the job says so (and is retried in case the send was not stored yet).
    const reason = await waitFor(
      async () => {
        const job = await worker.app
          .get(JobProducer)
          .queue(QueueName.InboundEvents)
          .getJob(`inbound-${eventId}`);
        return job?.failedReason;
      },
      10_000,
      'the first attempt',
    );
    expect(reason).toContain(`No message ${theirs.id}`);
    expect((await messageRow(theirs.id)).status).toBe('sent');
  });
});

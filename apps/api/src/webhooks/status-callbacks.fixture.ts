import { ManualClock } from '@app/common';
import { loadConfig } from '@app/config';
import { ChannelConfigsService, ResolvedChannel } from '@app/domain';
import { signTwilioRequest } from '@app/providers';
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

/** An API and a worker applying inbound events, a tenant with its SMS channel, and a live client of it. */
export interface StatusPlatform {
  api: TestApi;
  worker: TestWorker;
  db: DataSource;
  tenant: TestTenant;
  sms: ResolvedChannel;
  socket: Socket;
  /** What the live client heard. */
  seen: HeardEvent[];
  calls: ReturnType<typeof statusCallbacks>;
  close(): Promise<void>;
}

export async function startStatusPlatform(overrides: Record<string, string> = {}): Promise<StatusPlatform> {
  const env = testEnv({ WORKER_QUEUES: 'inbound-events', ...overrides });
  // One platform clock: the worker stamps what it applies at the time the API's rows were stamped at.
  const clock = new ManualClock();
  const api = await createTestApi({ config: loadConfig(env), clock });
  const worker = await createTestWorker({ config: loadConfig(env), clock });
  const db = api.app.get(DataSource);
  const tenant = await createTenant(api.http);
  const sms = await api.app.get(ChannelConfigsService).resolve(tenant.id, 'sms');
  const { socket, heard } = await connectLiveClient(api.url, tenant.admin.token);
  return {
    api,
    worker,
    db,
    tenant,
    sms,
    socket,
    seen: heard,
    calls: statusCallbacks(api, db, sms),
    async close() {
      socket.disconnect();
      await worker.close();
      await api.close();
    },
  };
}

/** Signed Twilio status callbacks on a tenant's SMS channel, and outbound messages for them to move. */
export function statusCallbacks(api: TestApi, db: DataSource, sms: ResolvedChannel) {
  let seq = 0;
  const sid = () => `SM${randomUUID().replace(/-/g, '')}`;

  /** Posts a Twilio form to a webhook path of the channel, signed as Twilio signs it; answers the response. */
  function postSigned(path: string, form: Record<string, string>) {
    const url = `${api.config.publicBaseUrl}${path}`;
    return api.http
      .post(path)
      .type('form')
      .set('X-Twilio-Signature', signTwilioRequest(sms.signingSecret, url, form))
      .send(form);
  }

  /** An inbound SMS from `from` as Twilio posts it to the channel's messaging webhook. */
  const inboundSms = (from: string, body: string, messageSid: string) => ({
    path: `/webhooks/twilio/messaging?key=${sms.webhookKey}`,
    form: {
      MessageSid: messageSid,
      AccountSid: 'AC00000000000000000000000000000000',
      From: from,
      To: '+15005550006',
      Body: body,
      NumMedia: '0',
    },
  });

  /** Posts a signed status callback; answers the recorded event's id. */
  async function post(
    providerId: string,
    value: string,
    messageId?: string,
    extra: Record<string, string> = {},
  ): Promise<string> {
    const path = `/webhooks/twilio/message-status?key=${sms.webhookKey}${messageId ? `&messageId=${messageId}` : ''}`;
    const form = {
      MessageSid: providerId,
      AccountSid: 'AC00000000000000000000000000000000',
      From: '+15005550006',
      To: '+14155550101',
      MessageStatus: value,
      ...extra,
    };
    const res = await postSigned(path, form);
    if (res.status !== 200) throw new Error(`status callback answered ${res.status}: ${res.text}`);
    const [event] = await db.query(
      `SELECT id FROM webhook_events WHERE tenant_id = $1 AND provider = $2 AND event_key = $3`,
      [sms.tenantId, sms.provider, `status:${providerId}:${value}`],
    );
    return event.id as string;
  }

  /** An outbound message as the sender leaves it (the outbound side's tests make them through the API). */
  async function outbound(
    tenantId: string,
    statusNow: string,
    providerId: string = sid(),
  ): Promise<{ id: string; providerId: string; conversationId: string; leadId: string }> {
    seq += 1;
    const [lead] = await db.query(
      `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized) VALUES ($1, 'Out', $2, $2) RETURNING id`,
      [tenantId, `+1415${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`],
    );
    const [conversation] = await db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms') RETURNING id`,
      [tenantId, lead.id],
    );
    const id = randomUUID();
    await db.query(
      `INSERT INTO messages (id, tenant_id, conversation_id, lead_id, direction, channel, sender, content, provider,
                             provider_message_id, status, idempotency_key)
       VALUES ($1, $2, $3, $4, 'outbound', 'sms', 'agent', 'Hello', $5, $6, $7, $8)`,
      [id, tenantId, conversation.id, lead.id, sms.provider, providerId, statusNow, `test:${id}:${seq}`],
    );
    return { id, providerId, conversationId: conversation.id, leadId: lead.id };
  }

  /** An event's processing columns. */
  async function event(id: string) {
    const [row] = await db.query(
      `SELECT processed_at, attempts, next_attempt_at FROM webhook_events WHERE id = $1`,
      [id],
    );
    return row as { processed_at: Date | null; attempts: number; next_attempt_at: Date | null };
  }

  /** Waits until the event's first try found no message and held it; answers its processing columns. */
  const heldOnce = (id: string) =>
    waitFor(
      async () => {
        const e = await event(id);
        return e.attempts === 1 ? e : undefined;
      },
      10_000,
      'the first try',
    );

  const message = async (id: string) =>
    (
      await db.query(
        `SELECT status, error_code, provider_message_id, sent_at, delivered_at, failed_at FROM messages WHERE id = $1`,
        [id],
      )
    )[0];

  return { postSigned, inboundSms, post, outbound, event, heldOnce, message, sid };
}

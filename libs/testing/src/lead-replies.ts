import { InboundMessagesService, type ResolvedChannel } from '@app/domain';
import {
  SIMULATOR_DEFAULT_SENDERS,
  simulatorRequest,
  type InboundMessage,
  type MessagingChannel,
} from '@app/providers';
import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';

/**
 * The lead writes to the tenant on `channel`: the webhook request the simulator would make (same URL, body and
 * signature, from the simulator's callback builders and the channel's signing secret), posted to the test API.
 */
export async function postLeadReply(
  http: TestAgent,
  resolved: ResolvedChannel,
  options: { publicBaseUrl: string; seed: string; from: string; body: string; now?: Date },
) {
  const channel: MessagingChannel = resolved.channel;
  const request = simulatorRequest(
    { kind: 'reply', scenario: 'interested', body: options.body },
    {
      tenant_id: resolved.tenantId,
      channel,
      // A fresh id per reply: the reply's provider id (and update id) derive from it.
      provider_message_id: `reply-${randomUUID()}`,
      message_id: randomUUID(),
      to: options.from,
      from: SIMULATOR_DEFAULT_SENDERS[channel],
      subject: channel === 'email' ? 'Hello' : undefined,
      status: 'delivered',
      sent_at: (options.now ?? new Date()).toISOString(),
    },
    {
      publicBaseUrl: options.publicBaseUrl,
      webhookKey: resolved.webhookKey,
      signingSecret: resolved.signingSecret,
      seed: options.seed,
    },
    options.now ?? new Date(),
  );
  const url = new URL(request.url);
  return http.post(`${url.pathname}${url.search}`).set(request.headers).send(request.body);
}

/**
 * The lead's SMS reply recorded and applied as the worker applies it (no worker needed): its webhook event, then
 * InboundMessagesService. Answers the lead it went to and the stored message's id.
 */
export async function applyLeadReply(
  app: INestApplication,
  tenantId: string,
  options: { from: string; body: string; now: Date },
): Promise<{ leadId: string; messageId: string }> {
  const message: InboundMessage = {
    channel: 'sms',
    from: options.from,
    to: '+14155559999',
    body: options.body,
    provider_message_id: `SM${randomUUID().replace(/-/g, '')}`,
    received_at: options.now.toISOString(),
  };
  const db = app.get(DataSource);
  const [event] = await db.query(
    `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload)
     VALUES ($1, 'simulator', 'message', $2, $3) RETURNING id`,
    [tenantId, message.provider_message_id, JSON.stringify(message)],
  );
  const leadId = await app
    .get(InboundMessagesService)
    .apply(tenantId, { id: event.id, provider: 'simulator' }, message);
  const [row] = await db.query(`SELECT id FROM messages WHERE tenant_id = $1 AND provider_message_id = $2`, [
    tenantId,
    message.provider_message_id,
  ]);
  return { leadId: leadId as string, messageId: row.id as string };
}

/**
 * What bench:webhooks and bench:webhooks-cpu both set up: a tenant's Twilio SMS channel, sent messages waiting for
 * their `delivered` callback, and those callbacks signed as Twilio signs them.
 */
import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { signTwilioRequest } from '../libs/providers/src/signatures/twilio-signature';

export interface SentMessage {
  id: string;
  provider_message_id: string;
}

export interface SignedCallback {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Configures the tenant's SMS channel on Twilio: the auth token callbacks are signed with, and the status URL's key. */
export async function twilioSmsChannel(
  apiUrl: string,
  token: string,
): Promise<{ authToken: string; key: string }> {
  const authToken = randomBytes(16).toString('hex');
  const config = await fetch(`${apiUrl}/api/config/channels/sms`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      provider: 'twilio',
      credentials: {
        account_sid: `AC${randomBytes(16).toString('hex')}`,
        auth_token: authToken,
        from: '+14155550100',
      },
    }),
  });
  if (!config.ok)
    throw new Error(`PUT config/channels/sms answered ${config.status}: ${await config.text()}`);
  const { data } = (await config.json()) as { data: { webhooks: { purpose: string; url: string }[] } };
  const key =
    new URL(data.webhooks.find((w) => w.purpose === 'status')?.url ?? '').searchParams.get('key') ?? '';
  return { authToken, key };
}

/** One lead, one conversation, and `count` outbound SMS messages sent through Twilio. */
export async function seedSentMessages(db: Client, tenantId: string, count: number): Promise<SentMessage[]> {
  const lead = await db.query(
    `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized)
     VALUES ($1, 'Bench', '+14155550199', '+14155550199') RETURNING id`,
    [tenantId],
  );
  const conversation = await db.query(
    `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms') RETURNING id`,
    [tenantId, lead.rows[0].id],
  );
  const messages = await db.query<SentMessage>(
    `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, content, provider,
                           provider_message_id, status, idempotency_key, sent_at)
     SELECT $1, $2, $3, 'outbound', 'sms', 'agent', 'Hello', 'twilio', 'SM' || md5(g::text), 'sent', 'bench-' || g, now()
       FROM generate_series(1, $4::int) g
     RETURNING id, provider_message_id`,
    [tenantId, conversation.rows[0].id, lead.rows[0].id, count],
  );
  return messages.rows;
}

/** Twilio's `delivered` status callback of `m`, signed for `baseUrl` (the URL Twilio would have called). */
export function signedDelivered(
  authToken: string,
  key: string,
  baseUrl: string,
  m: SentMessage,
): SignedCallback {
  const params = {
    MessageSid: m.provider_message_id,
    SmsSid: m.provider_message_id,
    AccountSid: 'AC00000000000000000000000000000000',
    From: '+14155550100',
    To: '+14155550199',
    MessageStatus: 'delivered',
    SmsStatus: 'delivered',
    ApiVersion: '2010-04-01',
  };
  const path = `/webhooks/twilio/message-status?key=${encodeURIComponent(key)}&messageId=${m.id}`;
  const signature = signTwilioRequest(authToken, `${baseUrl}${path}`, params);
  return {
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  };
}

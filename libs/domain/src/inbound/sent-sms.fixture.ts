import type { DataSource } from 'typeorm';

export interface SentSms {
  id: string;
  provider_message_id: string;
}

/**
 * A lead of `tenantId` with an SMS conversation and `n` outbound messages already `sent` through Twilio, for the
 * status drain's specs to receive callbacks about: provider ids `SM<tag><n>`, idempotency keys `<tag>-<n>`.
 */
export async function seedSentSms(
  db: DataSource,
  tenantId: string,
  n: number,
  tag: string,
): Promise<SentSms[]> {
  const [lead] = await db.query(
    `INSERT INTO leads (tenant_id, first_name, phone, phone_normalized)
     VALUES ($1, 'Sent', '+14155550142', '+14155550142') RETURNING id`,
    [tenantId],
  );
  const [conversation] = await db.query(
    `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms') RETURNING id`,
    [tenantId, lead.id],
  );
  return (await db.query(
    `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, content, provider,
                           provider_message_id, status, idempotency_key, sent_at)
     SELECT $1, $2, $3, 'outbound', 'sms', 'agent', 'Hello', 'twilio', 'SM' || $4 || g, 'sent', $4 || '-' || g, now()
       FROM generate_series(1, $5::int) g
     RETURNING id, provider_message_id`,
    [tenantId, conversation.id, lead.id, tag, n],
  )) as SentSms[];
}

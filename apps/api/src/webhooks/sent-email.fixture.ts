import type { TestApi, TestTenant } from '@app/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** An email we sent to a lead, as the sender leaves it (sent, its Message-ID the thread's), in its conversation. */
export interface SentEmail {
  leadId: string;
  conversationId: string;
  /** The message's id. */
  id: string;
  /** Its Message-ID header, which replies and bounces name. */
  messageId: string;
}

/** A lead with `address` (created through the API) and an email sent to them. */
export async function sentEmail(
  api: TestApi,
  db: DataSource,
  tenant: TestTenant,
  address: string,
): Promise<SentEmail> {
  const lead = await api.http
    .post('/api/leads')
    .set(tenant.admin.headers)
    .send({ first_name: 'Pat', email: address });
  expect(lead.status).toBe(201);
  const leadId = lead.body.data.id as string;
  const [conversation] = await db.query(
    `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'email') RETURNING id`,
    [tenant.id, leadId],
  );
  const id = randomUUID();
  // Sent a minute before the platform's now, on its clock as every message is stamped.
  const sentAt = new Date(api.clock.nowMs() - 60_000);
  const messageId = `<${id}@reachline.test>`;
  await db.query(
    `INSERT INTO messages (id, tenant_id, conversation_id, lead_id, direction, channel, sender, content, subject,
                           provider, provider_message_id, status, idempotency_key, external_thread_id, sent_at,
                           created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'outbound', 'email', 'system', 'Hello', 'Your appointment', 'simulator', $5, 'sent',
             $6, $5, $7, $7, $7)`,
    [id, tenant.id, conversation.id, leadId, messageId, `test:${id}`, sentAt],
  );
  return { leadId, conversationId: conversation.id as string, id, messageId };
}

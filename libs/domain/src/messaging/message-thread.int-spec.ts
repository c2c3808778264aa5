import { createTenant, TestTenant, useTestApi } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MessagesRepository } from './messages.repository';

/**
 * An email reply's thread (issue 4 item 4): its references, the message it answers and the subject it answers
 * under. A reply queued without a subject has none until it is sent, so the reply after it answers under the lead's.
 */
describe('email threads (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  it("answers the thread's newest subject, whatever the replies between stored", async () => {
    const db = api.app.get(DataSource);
    const lead = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Ed', email: `ed.${randomUUID().slice(0, 8)}@example.com` });
    const [conversation] = await db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'email') RETURNING id`,
      [t.id, lead.body.data.id],
    );
    const message = async (direction: string, subject: string | null, thread: string, at: string) =>
      (
        await db.query(
          `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
             idempotency_key, content, subject, external_thread_id, created_at)
           VALUES ($1, $2, $3, $4, 'email', $5, 'smtp', 'sent', $6, 'Hi', $7, $8, $9) RETURNING id`,
          [
            t.id,
            conversation.id,
            lead.body.data.id,
            direction,
            direction === 'inbound' ? 'lead' : 'agent',
            `thread-${randomUUID()}`,
            subject,
            thread,
            at,
          ],
        )
      )[0].id as string;
    await message('inbound', 'Pricing', '<a@mail.example.com>', '2026-12-01T10:00:00Z');
    await message('outbound', null, '<b@reach.example.com>', '2026-12-01T10:05:00Z');
    const next = await message('outbound', null, '<c@reach.example.com>', '2026-12-01T10:10:00Z');

    const thread = await api.app.get(MessagesRepository).threadOf(t.id, conversation.id, next);
    expect(thread).toEqual({
      subject: 'Pricing',
      inReplyTo: '<a@mail.example.com>',
      references: ['<a@mail.example.com>', '<b@reach.example.com>'],
    });
  });
});

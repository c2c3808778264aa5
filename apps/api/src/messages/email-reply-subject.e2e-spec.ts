import { createTenant, TestTenant, useTestApiAndWorker, waitFor } from '@app/testing';
import { capturedEmail } from './captured-email.fixture';

/**
 * An agent's email answer written with no subject goes under "Re: " the thread's, and the message keeps the subject
 * it went with: the inbox, its webhooks and its exports show what the lead received, not an empty subject.
 */
describe('the subject of an email answer (e2e)', () => {
  let tenant: TestTenant;
  const email = capturedEmail();
  const sent = email.sent;
  const { api } = useTestApiAndWorker({ worker: { configure: email.configure } });

  beforeAll(async () => {
    tenant = await createTenant(api.http);
  }, 60_000);

  async function emailedIn(email: string, subject: string): Promise<{ lead: string; conversation: string }> {
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Rae', email });
    const [conversation] = await api.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'email') RETURNING id`,
      [tenant.id, lead.body.data.id],
    );
    await api.db.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
         idempotency_key, content, subject, external_thread_id)
       VALUES ($1, $2, $3, 'inbound', 'email', 'lead', 'smtp', 'received', $4, 'How much is it?', $5, $6)`,
      [tenant.id, conversation.id, lead.body.data.id, `in-${email}`, subject, `<in-${email}>`],
    );
    return { lead: lead.body.data.id as string, conversation: conversation.id as string };
  }

  const answer = (conversation: string, body: Record<string, string>) =>
    api.http
      .post(`/api/conversations/${conversation}/messages`)
      .set(tenant.admin.headers)
      .send({ body: 'It is $40 a month.', ...body });

  async function shown(conversation: string, id: string) {
    const sentOne = await waitFor(
      () => sent.find((m) => m.message_id === id),
      15_000,
      'the answer handed to the provider',
    );
    const page = await api.http.get(`/api/conversations/${conversation}/messages`).set(tenant.admin.headers);
    expect(page.status).toBe(200);
    const listed = (page.body.data as Array<{ id: string; subject: string | null }>).find((m) => m.id === id);
    return { sent: sentOne.subject, listed: listed?.subject };
  }

  it('an answer with no subject is sent and listed under "Re: " the thread\'s; a second one keeps one "Re: "', async () => {
    const { conversation } = await emailedIn('rae@example.test', 'AW: Pricing');
    const first = await answer(conversation, {});
    expect(first.status).toBe(201);
    expect(await shown(conversation, first.body.data.id)).toEqual({
      sent: 'Re: Pricing',
      listed: 'Re: Pricing',
    });

    const second = await answer(conversation, {});
    expect(second.status).toBe(201);
    expect(await shown(conversation, second.body.data.id)).toEqual({
      sent: 'Re: Pricing',
      listed: 'Re: Pricing',
    });
  });

  it('an answer written with its own subject keeps it', async () => {
    const { conversation } = await emailedIn('sol@example.test', 'Pricing');
    const own = await answer(conversation, { subject: 'Your quote' });
    expect(own.status).toBe(201);
    expect(await shown(conversation, own.body.data.id)).toEqual({ sent: 'Your quote', listed: 'Your quote' });
  });
});

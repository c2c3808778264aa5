import { OutboundMessagesService } from '@app/domain';
import {
  applyLeadReply,
  connectLiveClient,
  createTenant,
  createTestApi,
  createUser,
  TestApi,
  TestTenant,
  TestUser,
  waitFor,
} from '@app/testing';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { CampaignRows } from '../campaign-control/campaign-rows.fixture';

type Heard = { event: string; payload: Record<string, unknown> }[];

/**
 * A human's manual reply reads its conversation, as POST conversations/:id/read does (Chatwoot's inbox): its inbound
 * messages read, its unread count 0, and every open inbox told (conversation.updated), whichever REST route sent
 * it. An automated, AI or system message reads nothing.
 */
describe('a manual reply reads its conversation (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;
  let agent: TestUser;
  let socket: Socket;
  let heard: Heard;
  let phones = 0;

  /** A lead who wrote twice (two unread messages) on SMS: its id and its conversation's. */
  async function unreadLead(): Promise<{ lead: string; conversation: string; phone: string }> {
    const phone = `+1415555${String(700 + ++phones).padStart(4, '0')}`;
    const res = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Ivo', phone });
    expect(res.status).toBe(201);
    for (const body of ['Hello?', 'Anyone there?'])
      await applyLeadReply(api.app, tenant.id, { from: phone, body, now: api.clock.now() });
    const [row] = await db.query(
      `SELECT id, unread_count FROM conversations WHERE tenant_id = $1 AND lead_id = $2 AND channel = 'sms'`,
      [tenant.id, res.body.data.id],
    );
    expect(row.unread_count).toBe(2);
    return { lead: res.body.data.id as string, conversation: row.id as string, phone };
  }

  /** The conversation's unread count and its inbound messages not yet read. */
  async function readState(conversation: string): Promise<{ unread_count: number; unread_messages: number }> {
    const [row] = await db.query(
      `SELECT c.unread_count,
              (SELECT count(*)::int FROM messages m
                WHERE m.conversation_id = c.id AND m.direction = 'inbound' AND m.read_at IS NULL) AS unread_messages
         FROM conversations c WHERE c.id = $1`,
      [conversation],
    );
    return row;
  }

  const updatesOf = (conversation: string) =>
    heard.filter((h) => h.event === 'conversation.updated' && h.payload.conversation_id === conversation);

  /** Sends through `send`, then expects the conversation read and every open inbox told so. */
  async function expectReadBy(conversation: string, send: () => Promise<{ status: number }>): Promise<void> {
    const before = updatesOf(conversation).length;
    expect((await send()).status).toBe(201);
    expect(await readState(conversation)).toEqual({ unread_count: 0, unread_messages: 0 });
    await waitFor(() => updatesOf(conversation).length > before, 5_000, 'conversation.updated');
    expect(updatesOf(conversation).at(-1)?.payload).toMatchObject({
      conversation_id: conversation,
      unread_count: 0,
      status: 'open',
      ai_mode: 'human',
    });
  }

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(DataSource);
    tenant = await createTenant(api.http);
    agent = await createUser(api.http, tenant, 'agent');
    ({ socket, heard } = await connectLiveClient(api.url, tenant.admin.token));
  });
  afterAll(async () => {
    socket.disconnect();
    await api.close();
  });

  it("an agent's reply in its conversation (POST conversations/:id/messages) reads it", async () => {
    const { conversation } = await unreadLead();
    await db.query('UPDATE conversations SET assigned_user_id = $2 WHERE id = $1', [conversation, agent.id]);
    await expectReadBy(conversation, () =>
      api.http.post(`/api/conversations/${conversation}/messages`).set(agent.headers).send({ body: 'Here!' }),
    );
    // Read once: the next reply changes nothing the inbox shows, and tells it nothing more.
    const told = updatesOf(conversation).length;
    const again = await api.http
      .post(`/api/conversations/${conversation}/messages`)
      .set(agent.headers)
      .send({ body: 'How can I help?' });
    expect(again.status).toBe(201);
    await new Promise((r) => setTimeout(r, 300));
    expect(updatesOf(conversation)).toHaveLength(told);
  });

  it("a manager's message to the lead (leads/:id/messages, messages, sms/send) reads its conversation", async () => {
    const a = await unreadLead();
    await expectReadBy(a.conversation, () =>
      api.http
        .post(`/api/leads/${a.lead}/messages`)
        .set(tenant.admin.headers)
        .send({ channel: 'sms', body: 'Hi' }),
    );
    const b = await unreadLead();
    await expectReadBy(b.conversation, () =>
      api.http.post('/api/messages').set(tenant.admin.headers).send({ lead_id: b.lead, body: 'Hi' }),
    );
    const c = await unreadLead();
    await expectReadBy(c.conversation, () =>
      api.http.post('/api/sms/send').set(tenant.admin.headers).send({ phone: c.phone, body: 'Hi' }),
    );
  });

  it('a reply in a WhatsApp conversation (whatsapp/conversations/:id/messages) reads it', async () => {
    const { lead } = await unreadLead();
    const [wa] = await db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel, unread_count, last_message_at, last_inbound_at)
       VALUES ($1, $2, 'whatsapp', 1, $3, $3) RETURNING id`,
      [tenant.id, lead, api.clock.now()],
    );
    await db.query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, content, provider,
         status, idempotency_key)
       VALUES ($1, $2, $3, 'inbound', 'whatsapp', 'lead', 'Hola', 'simulator', 'received', $4)`,
      [tenant.id, wa.id, lead, `fixture:${wa.id}`],
    );
    await expectReadBy(wa.id as string, () =>
      api.http
        .post(`/api/whatsapp/conversations/${wa.id}/messages`)
        .set(tenant.admin.headers)
        .send({ body: 'Hola!' }),
    );
  });

  it("a manual message to a campaign's lead (campaigns/:id/leads/:leadId/messages) reads its conversation", async () => {
    const { lead, conversation } = await unreadLead();
    const rows = new CampaignRows(db, tenant.id);
    const campaign = await rows.campaign('active', [{ type: 'SMS' }]);
    await rows.enroll(campaign.id, lead);
    await expectReadBy(conversation, () =>
      api.http
        .post(`/api/campaigns/${campaign.id}/leads/${lead}/messages`)
        .set(tenant.admin.headers)
        .send({ body: 'Following up' }),
    );
  });

  it("a campaign's manual message that reopens a conversation or opens the lead's first one tells every open inbox", async () => {
    const rows = new CampaignRows(db, tenant.id);
    const campaign = await rows.campaign('active', [{ type: 'SMS' }]);
    const send = (lead: string) =>
      api.http
        .post(`/api/campaigns/${campaign.id}/leads/${lead}/messages`)
        .set(tenant.admin.headers)
        .send({ body: 'Following up' });
    // Closed, read and with the AI: only the reopening and the hand-over change it.
    const { lead, conversation } = await unreadLead();
    await rows.enroll(campaign.id, lead);
    await db.query(
      `UPDATE conversations SET status = 'closed', unread_count = 0, ai_mode = 'auto' WHERE id = $1`,
      [conversation],
    );
    const told = updatesOf(conversation).length;
    expect((await send(lead)).status).toBe(201);
    await waitFor(() => updatesOf(conversation).length > told, 5_000, 'the reopening');
    expect(updatesOf(conversation).at(-1)?.payload).toMatchObject({ status: 'open', ai_mode: 'human' });
    // A lead never written to: the message opens its conversation.
    const fresh = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Noa', phone: '+14155550799' });
    await rows.enroll(campaign.id, fresh.body.data.id);
    const first = await send(fresh.body.data.id);
    expect(first.status).toBe(201);
    const opened = first.body.data.conversation_id as string;
    await waitFor(() => updatesOf(opened).length === 1, 5_000, 'the new conversation');
    expect(updatesOf(opened)[0].payload).toMatchObject({
      lead_id: fresh.body.data.id,
      channel: 'sms',
      status: 'open',
      unread_count: 0,
      ai_mode: 'human',
    });
  });

  it('an automated, AI or system message reads nothing and tells the inbox nothing', async () => {
    const { lead, conversation } = await unreadLead();
    const outbound = api.app.get(OutboundMessagesService);
    const told = updatesOf(conversation).length;
    await outbound.send(tenant.id, { lead_id: lead, channel: 'sms', body: 'Our offer', sender: 'system' });
    await outbound.send(tenant.id, { lead_id: lead, channel: 'sms', body: 'An AI answer', sender: 'ai' });
    expect(await readState(conversation)).toEqual({ unread_count: 2, unread_messages: 2 });
    await new Promise((r) => setTimeout(r, 300));
    expect(updatesOf(conversation)).toHaveLength(told);
  });
});

import {
  connectLiveClient,
  countRows,
  createTenant,
  createTestApi,
  createUser,
  expectError,
  expectValidation,
  HeardEvent,
  insertCampaignRows,
  TestApi,
  TestTenant,
  TestUser,
  waitFor,
} from '@app/testing';
import type { Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';

/**
 * Seed 004 (`POST messages` with `sender: "lead"`) and seed 000 (`POST leads/:id/messages` with
 * `direction: "inbound"`): a message the lead sent through another channel, logged by hand. It is recorded inbound
 * on the lead's conversation for the channel and applied as a provider's inbound message is: unread count, live
 * event, a STOP opting the lead out, a reply stopping the lead's sequences. It has no provider id and names who
 * logged it; a client's key keeps a retry to one message.
 */
describe('logging a lead’s message by hand (e2e)', () => {
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;
  let manager: TestUser;
  let agent: TestUser;
  let socket: Socket;
  let heard: HeardEvent[];
  let phone = 4155550800;

  async function lead(owner: TestTenant = tenant): Promise<string> {
    const res = await api.http
      .post('/api/leads')
      .set(owner.admin.headers)
      .send({ first_name: 'Lee', phone: `+1${phone++}`, email: `lee-${phone}@example.test` });
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  }
  const messagesOf = (leadId: string) =>
    countRows(db, 'messages', 'tenant_id = $1 AND lead_id = $2', [tenant.id, leadId]);
  const events = () => countRows(db, 'webhook_events', 'tenant_id = $1', [tenant.id]);
  const logOn = (leadId: string, body: object, headers = manager.headers) =>
    api.http.post(`/api/leads/${leadId}/messages`).set(headers).send(body);
  const logViaMessages = (body: object, headers = manager.headers) =>
    api.http.post('/api/messages').set(headers).send(body);

  beforeAll(async () => {
    api = await createTestApi();
    db = api.app.get(DataSource);
    tenant = await createTenant(api.http);
    manager = await createUser(api.http, tenant, 'manager');
    agent = await createUser(api.http, tenant, 'agent');
    ({ socket, heard } = await connectLiveClient(api.url, tenant.admin.token));
  });
  afterAll(async () => {
    socket.disconnect();
    await api.close();
  });

  it('POST messages with sender lead records it inbound on the lead’s conversation, as a reply is', async () => {
    const id = await lead();
    const res = await logViaMessages({
      leadId: id,
      content: 'Thanks for the demo! When can we discuss pricing?',
      sender: 'lead',
      channel: 'whatsapp',
    });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      lead_id: id,
      direction: 'inbound',
      sender: 'lead',
      channel: 'whatsapp',
      content: 'Thanks for the demo! When can we discuss pricing?',
      status: 'received',
      provider: 'manual',
      provider_message_id: null,
      sender_user_id: manager.id,
    });
    const conversation = res.body.data.conversation_id as string;
    const [c] = await db.query(
      'SELECT lead_id, channel, unread_count, last_inbound_at FROM conversations WHERE id = $1',
      [conversation],
    );
    expect(c).toMatchObject({ lead_id: id, channel: 'whatsapp', unread_count: 1 });
    expect(c.last_inbound_at).not.toBeNull();
    await waitFor(
      () => heard.some((h) => h.event === 'message.received' && h.payload.conversation_id === conversation),
      5_000,
      'message.received',
    );
    const [activity] = await db.query(
      `SELECT actor_user_id FROM activity_log WHERE tenant_id = $1 AND data->>'message_id' = $2`,
      [tenant.id, res.body.data.id],
    );
    expect(activity).toEqual({ actor_user_id: manager.id });
  });

  it('POST leads/:id/messages with direction inbound logs it on the channel asked, once per client key', async () => {
    const id = await lead();
    const body = { content: 'Hello', direction: 'inbound', channel: 'sms', idempotency_key: 'call-notes-1' };
    const first = await logOn(id, body);
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({
      direction: 'inbound',
      sender: 'lead',
      channel: 'sms',
      lead_id: id,
    });
    const again = await logOn(id, body);
    expect(again.status).toBe(201);
    expect(again.body.data.id).toBe(first.body.data.id);
    expect(await messagesOf(id)).toBe(1);
    const [c] = await db.query('SELECT unread_count FROM conversations WHERE id = $1', [
      first.body.data.conversation_id,
    ]);
    expect(c.unread_count).toBe(1);

    // The same key for another lead is a conflict, and logs nothing there.
    const other = await lead();
    expectError(await logOn(other, body), 409, 'CONFLICT');
    expect(await messagesOf(other)).toBe(0);
  });

  it('a logged STOP opts the lead out of the channel, as a STOP through the provider does', async () => {
    const id = await lead();
    // The opt-out is an inbox event: an agent the conversation is not assigned to hears nothing of it.
    const agentLive = await connectLiveClient(api.url, agent.token);
    const res = await logOn(id, { content: 'STOP', direction: 'inbound', channel: 'sms' });
    expect(res.status).toBe(201);
    await waitFor(
      () => heard.find((e) => e.event === 'lead.opted_out' && e.payload.lead_id === id),
      5_000,
      'lead.opted_out',
    );
    await new Promise((r) => setTimeout(r, 300));
    agentLive.socket.disconnect();
    expect(agentLive.heard.filter((e) => e.event === 'lead.opted_out')).toEqual([]);
    const got = await api.http.get(`/api/leads/${id}`).set(manager.headers);
    expect(got.body.data.opted_out_channels).toEqual(['sms']);
    const [lead_] = await db.query('SELECT phone_normalized FROM leads WHERE id = $1', [id]);
    expect(
      await countRows(db, 'dnc_entries', 'tenant_id = $1 AND phone_normalized = $2 AND reason = $3', [
        tenant.id,
        lead_.phone_normalized,
        'stop_keyword',
      ]),
    ).toBe(1);
    // A send to the lead on that channel is now refused by the contact policy.
    const send = await logOn(id, { content: 'Still there?', channel: 'sms' });
    expect([send.status, send.body.error]).toEqual([
      422,
      { code: 'POLICY_VIOLATION', message: expect.any(String), details: { rule: 'do_not_contact' } },
    ]);

    // Assigned the conversation, the agent hears the lead's START.
    const conversationId = res.body.data.conversation_id as string;
    const assigned = await api.http
      .patch(`/api/conversations/${conversationId}`)
      .set(manager.headers)
      .send({ assigned_user_id: agent.id });
    expect(assigned.status).toBe(200);
    const assignee = await connectLiveClient(api.url, agent.token);
    try {
      expect((await logOn(id, { content: 'START', direction: 'inbound', channel: 'sms' })).status).toBe(201);
      const optedIn = await waitFor(
        () => assignee.heard.find((e) => e.event === 'lead.opted_in')?.payload,
        5_000,
        'lead.opted_in to the assignee',
      );
      expect(optedIn).toMatchObject({
        lead_id: id,
        channel: 'sms',
        keyword: 'START',
        conversation_id: conversationId,
      });
    } finally {
      assignee.socket.disconnect();
    }
  });

  it('a logged reply stops the lead’s campaign sequence (stop on reply)', async () => {
    const id = await lead();
    const campaign = await insertCampaignRows(db, tenant.id, {
      steps: [
        { type: 'SMS', content: 'Hi' },
        { type: 'DELAY', delay_minutes: 60 },
        { type: 'SMS', content: 'Hey' },
      ],
      leadIds: [id],
      due: new Date(Date.now() + 3_600_000),
    });
    const res = await logViaMessages({ lead_id: id, content: 'Call me tomorrow', sender: 'lead' });
    expect(res.status).toBe(201);
    const [enrollment] = await db.query(
      'SELECT status, next_action_at FROM campaign_enrollments WHERE campaign_id = $1 AND lead_id = $2',
      [campaign.id, id],
    );
    expect(enrollment).toEqual({ status: 'replied', next_action_at: null });
  });

  it('a manager and an admin may log one; an agent may not (403, nothing recorded)', async () => {
    const id = await lead();
    expectError(
      await logOn(id, { content: 'Hi', sender: 'lead' }, agent.headers),
      403,
      'AUTHORIZATION_FAILED',
    );
    expectError(
      await logViaMessages({ lead_id: id, content: 'Hi', sender: 'lead' }, agent.headers),
      403,
      'AUTHORIZATION_FAILED',
    );
    expect(await messagesOf(id)).toBe(0);
    expect((await logOn(id, { content: 'Hi', sender: 'lead' }, tenant.admin.headers)).status).toBe(201);
    expect((await logViaMessages({ lead_id: id, content: 'Hey', sender: 'lead' })).status).toBe(201);
    expect(await messagesOf(id)).toBe(2);
  });

  describe('refused, and nothing recorded', () => {
    let id: string;
    let before: { messages: number; events: number };
    beforeAll(async () => {
      id = await lead();
    });
    beforeEach(async () => {
      before = { messages: await messagesOf(id), events: await events() };
    });
    afterEach(async () => {
      expect({ messages: await messagesOf(id), events: await events() }).toEqual(before);
    });

    it.each([
      [
        'sender lead with direction outbound',
        { content: 'Hi', sender: 'lead', direction: 'outbound' },
        'direction',
      ],
      [
        'direction inbound with sender agent',
        { content: 'Hi', direction: 'inbound', sender: 'agent' },
        'sender',
      ],
      ['no text', { sender: 'lead' }, 'content'],
      ['blank text', { content: '   ', direction: 'inbound' }, 'content'],
      [
        'a template',
        { sender: 'lead', template: { name: 'hello', language: 'en', variables: {} } },
        'template',
      ],
      [
        'media',
        { content: 'Hi', sender: 'lead', media_urls: ['https://cdn.example.com/a.png'] },
        'media_urls',
      ],
      ['an unknown sender', { content: 'Hi', sender: 'bot' }, 'sender'],
      ['an unknown direction', { content: 'Hi', direction: 'sideways' }, 'direction'],
    ])('%s: 400', async (_what, body, field) => {
      expectValidation(await logOn(id, body), [field]);
      expectValidation(await logViaMessages({ lead_id: id, ...body }), [field]);
    });

    it("another tenant's token cannot log onto this tenant's lead: 404", async () => {
      const other = await createTenant(api.http);
      expectError(
        await logOn(id, { content: 'Hi', direction: 'inbound' }, other.admin.headers),
        404,
        'NOT_FOUND',
      );
      expectError(
        await logViaMessages({ lead_id: id, content: 'Hi', sender: 'lead' }, other.admin.headers),
        404,
        'NOT_FOUND',
      );
    });
  });
});

import { SendingChannels } from '@app/domain';
import { TwilioMessagingAdapter } from '@app/providers';
import {
  countRows,
  createApiKey,
  createTenant,
  createUser,
  expectError,
  TestTenant,
  useTestApiAndWorker,
  waitFor,
} from '@app/testing';
import { FakeHttpServer } from '../../../../libs/providers/test/fake-http.server';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  MESSAGE_SID,
  twilioMessageResource,
} from '../../../../libs/providers/test/fixtures/twilio.fixtures';

/**
 * Issue 4 items 3, 4, 6: a manual message is checked by the contact policy (422 naming the rule, nothing
 * recorded), recorded `queued` with its idempotency key, then sent once by the worker through the tenant's port
 * (here Twilio's adapter pointed at a local Twilio API), and shown in the inbox.
 */
describe('conversations and sending (e2e)', () => {
  let twilio: FakeHttpServer;
  let tenant: TestTenant;

  beforeAll(async () => {
    twilio = await FakeHttpServer.start();
  });
  const { api } = useTestApiAndWorker({
    worker: {
      configure: (b) => {
        const port = new TwilioMessagingAdapter({
          account_sid: ACCOUNT_SID,
          auth_token: AUTH_TOKEN,
          from: '+14155552345',
          base_url: twilio.url,
        });
        b.overrideProvider(SendingChannels).useValue({
          resolve: () => Promise.resolve({ provider: 'twilio', port, webhookKey: 'test-key' }),
          providerOf: () => Promise.resolve('twilio'),
        });
      },
    },
  });
  afterAll(() => twilio.close());

  beforeAll(async () => {
    tenant = await createTenant(api.http);
  });

  const messages = () => countRows(api.db, 'messages', 'tenant_id = $1', [tenant.id]);

  async function lead(body: Record<string, unknown>): Promise<string> {
    const res = await api.http.post('/api/leads').set(tenant.admin.headers).send(body);
    expect(res.status).toBe(201);
    return res.body.data.id as string;
  }

  it('refuses a send the policy forbids with 422 naming the rule, and records nothing', async () => {
    const noPhone = await lead({ first_name: 'Nophone', email: `np-${Date.now()}@example.test` });
    const listed = await lead({ first_name: 'Listed', phone: '+14155550101' });
    await api.http.post('/api/dnc').set(tenant.admin.headers).send({ phone: '+14155550101', channel: 'sms' });
    const before = await messages();
    const cases: [string, string, string][] = [
      [noPhone, 'sms', 'no_address'],
      [listed, 'sms', 'do_not_contact'],
      [listed, 'whatsapp', 'whatsapp_window'],
    ];
    for (const [id, channel, rule] of cases) {
      const res = await api.http
        .post(`/api/leads/${id}/messages`)
        .set(tenant.admin.headers)
        .send({ channel, body: 'Hello' });
      expect({ status: res.status, body: res.body }).toEqual({
        status: 422,
        body: {
          success: false,
          error: { code: 'POLICY_VIOLATION', message: expect.any(String), details: { rule } },
        },
      });
    }
    expect(await messages()).toBe(before);
    expect(await countRows(api.db, 'conversations', 'tenant_id = $1', [tenant.id])).toBe(0);
  });

  it('records a manual message, sends it once, and answers the same message for the same key', async () => {
    twilio.reply({ status: 201, body: twilioMessageResource({ num_segments: '1' }) });
    const id = await lead({ first_name: 'Ada', phone: '+14155550102' });
    const send = () =>
      api.http
        .post('/api/messages')
        .set(tenant.admin.headers)
        .send({ leadId: id, channel: 'sms', content: 'Hi Ada', idempotency_key: 'k-1' });
    const first = await send();
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({
      lead_id: id,
      status: 'queued',
      direction: 'outbound',
      sender: 'agent',
    });
    const sent = await waitFor(async () => {
      const res = await api.http.get(`/api/leads/${id}/messages`).set(tenant.admin.headers);
      return res.body.data[0]?.status === 'sent' ? res.body.data[0] : undefined;
    });
    expect(sent).toMatchObject({
      id: first.body.data.id,
      provider_message_id: MESSAGE_SID,
      segments: 1,
      attempts: 1,
    });
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.body.data.id).toBe(first.body.data.id);
    // The key reused for another lead: a 409, never the first lead's message, and nothing recorded.
    const other = await lead({ first_name: 'Bo', phone: '+14155550103' });
    const before = await messages();
    const reused = await api.http
      .post('/api/messages')
      .set(tenant.admin.headers)
      .send({ leadId: other, channel: 'sms', content: 'Hi Bo', idempotency_key: 'k-1' });
    expectError(reused, 409, 'CONFLICT');
    expect(await messages()).toBe(before);
    await new Promise((r) => setTimeout(r, 300));
    expect(twilio.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(Object.fromEntries(twilio.last.form!)).toMatchObject({ To: '+14155550102', Body: 'Hi Ada' });

    const inbox = await api.http.get('/api/sms/conversations').set(tenant.admin.headers);
    expect(inbox.status).toBe(200);
    expect(inbox.body.data).toHaveLength(1);
    expect(inbox.body.data[0]).toMatchObject({
      lead_id: id,
      channel: 'sms',
      ai_mode: 'human',
      whatsapp_window: null,
      last_message: 'Hi Ada',
      last_message_detail: { content: 'Hi Ada', direction: 'outbound' },
    });
  });

  it("hides a conversation from another tenant, and from an agent it is not assigned to (an agent-role key is none's)", async () => {
    const list = await api.http.get('/api/conversations').set(tenant.admin.headers);
    const cid = list.body.data[0].id as string;
    const res = await api.http.post(`/api/conversations/${cid}/read`).set(tenant.admin.headers);
    expect(res.status).toBe(200);
    expect(res.body.data.unread_count).toBe(0);
    const other = await createTenant(api.http);
    expectError(
      await api.http.get(`/api/conversations/${cid}/messages`).set(other.admin.headers),
      404,
      'NOT_FOUND',
      'Conversation not found',
    );

    const agent = await createUser(api.http, tenant, 'agent');
    const key = { 'X-API-Key': (await createApiKey(api.http, tenant, 'agent')).key };
    const row = async () =>
      (
        await api.db.query(`SELECT assigned_user_id, status, unread_count FROM conversations WHERE id = $1`, [
          cid,
        ])
      )[0];
    const before = await row();
    expect(before.assigned_user_id).toBeNull();
    const refused = async (headers: Record<string, string>) => {
      for (const req of [
        api.http.get(`/api/conversations/${cid}/messages`).set(headers),
        api.http.post(`/api/conversations/${cid}/read`).set(headers),
        api.http.patch(`/api/conversations/${cid}`).set(headers).send({ status: 'closed' }),
        api.http.post(`/api/conversations/${cid}/messages`).set(headers).send({ content: 'Hi' }),
      ]) {
        expectError(await req, 404, 'NOT_FOUND', 'Conversation not found');
      }
    };
    // Unassigned: neither the agent nor the agent-role key reads or changes it.
    await refused(agent.headers);
    await refused(key);
    const messages = await countRows(api.db, 'messages', 'conversation_id = $1', [cid]);
    expect(await row()).toEqual(before);

    const assigned = await api.http
      .patch(`/api/conversations/${cid}`)
      .set(tenant.admin.headers)
      .send({ assigned_user_id: agent.id });
    expect(assigned.status).toBe(200);
    expect((await api.http.get(`/api/conversations/${cid}/messages`).set(agent.headers)).status).toBe(200);
    // The key is no user: still nothing.
    await refused(key);
    expect(await countRows(api.db, 'messages', 'conversation_id = $1', [cid])).toBe(messages);
    expect(await row()).toEqual({ ...before, assigned_user_id: agent.id });
  });

  it('a message in a voice conversation is a 409 saying why, and records nothing', async () => {
    const id = await lead({ first_name: 'Caller', phone: '+14155550109' });
    const [{ id: cid }] = await api.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'voice') RETURNING id`,
      [tenant.id, id],
    );
    const row = async () => (await api.db.query(`SELECT * FROM conversations WHERE id = $1`, [cid]))[0];
    const before = await row();
    const res = await api.http
      .post(`/api/conversations/${cid}/messages`)
      .set(tenant.admin.headers)
      .send({ content: 'Hi' });
    expect({ status: res.status, body: res.body }).toEqual({
      status: 409,
      body: {
        success: false,
        error: {
          code: 'CONFLICT',
          message: expect.stringContaining('A voice conversation records calls and takes no messages'),
          details: { channel: 'voice' },
        },
      },
    });
    expect(await countRows(api.db, 'messages', 'conversation_id = $1', [cid])).toBe(0);
    expect(await row()).toEqual(before);
  });
});

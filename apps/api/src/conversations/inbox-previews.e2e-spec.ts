import { OutboundMessagesService } from '@app/domain';
import { createTenant, createUser, expectError, TestTenant, useTestApi } from '@app/testing';

/**
 * The inbox list's previews and reach: each conversation's last message (who wrote it included, seed 004's
 * `lastMessage.sender`), on the list and on a single conversation's answers alike; an archived lead's
 * conversations leave the list as the lead leaves every other; only a human or the lead reopens a closed one.
 */
describe('inbox previews (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;

  async function leadWithConversation(phone: string): Promise<{ lead: string; conversation: string }> {
    const res = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Pat', phone });
    expect(res.status).toBe(201);
    const [row] = await api.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel, last_message_at) VALUES ($1, $2, 'sms', now())
       RETURNING id`,
      [tenant.id, res.body.data.id],
    );
    return { lead: res.body.data.id as string, conversation: row.id as string };
  }

  const send = (conversation: string, message: string) =>
    api.http.post(`/api/conversations/${conversation}/messages`).set(tenant.admin.headers).send({ message });

  beforeAll(async () => {
    tenant = await createTenant(api.http);
  });

  it('previews the last message with its sender on the list, GET-free answers (read, PATCH) included', async () => {
    const { conversation } = await leadWithConversation('+14155550601');
    const empty = await api.http.get('/api/conversations').set(tenant.admin.headers);
    expect(empty.body.data.find((c: { id: string }) => c.id === conversation).last_message).toBeNull();
    expect((await send(conversation, 'first')).status).toBe(201);
    api.clock.advance(1_000);
    const last = await send(conversation, 'second');
    expect(last.status).toBe(201);
    const expected = {
      id: last.body.data.id,
      content: 'second',
      attachment_count: 0,
      direction: 'outbound',
      sender: 'agent',
      status: 'queued',
      created_at: last.body.data.created_at,
      timestamp: last.body.data.created_at,
    };
    const list = await api.http.get('/api/conversations').set(tenant.admin.headers);
    expect(list.body.data.find((c: { id: string }) => c.id === conversation).last_message).toEqual(expected);
    const read = await api.http.post(`/api/conversations/${conversation}/read`).set(tenant.admin.headers);
    expect(read.body.data.last_message).toEqual(expected);
    const patched = await api.http
      .patch(`/api/conversations/${conversation}`)
      .set(tenant.admin.headers)
      .send({ status: 'closed' });
    expect(patched.body.data.last_message).toEqual(expected);
  });

  it("answers in the seeds' shapes: a conversation's contact_name, lead_name, phone_number and timestamp, a message's timestamp, message and message_id", async () => {
    const { lead, conversation } = await leadWithConversation('+14155550606');
    await api.http.patch(`/api/leads/${lead}`).set(tenant.admin.headers).send({ last_name: 'Lee' });
    api.clock.advance(60_000);
    const sent = await send(conversation, 'See you at 2');
    expect(sent.status).toBe(201);
    expect(sent.body.data.timestamp).toBe(sent.body.data.created_at);
    expect(sent.body.data).toMatchObject({ message: 'See you at 2', message_id: sent.body.data.id });
    const lastMessage = { content: 'See you at 2', timestamp: sent.body.data.created_at };
    for (const [path, last] of [
      ['/api/conversations', { last_message: lastMessage }],
      ['/api/sms/conversations', { last_message: 'See you at 2', last_message_detail: lastMessage }],
    ] as const) {
      const res = await api.http.get(path).set(tenant.admin.headers);
      const listed = res.body.data.find((c: { id: string }) => c.id === conversation);
      expect({ path, listed }).toMatchObject({
        path,
        listed: {
          contact_name: 'Pat Lee',
          lead_name: 'Pat Lee',
          phone_number: '+14155550606',
          timestamp: listed.last_message_at,
          ...last,
        },
      });
      expect(listed.timestamp).toBe(sent.body.data.created_at);
    }
    for (const path of [`/api/conversations/${conversation}/messages`, `/api/messages/${lead}`]) {
      const res = await api.http.get(path).set(tenant.admin.headers);
      expect({ path, message: res.body.data[0] }).toMatchObject({
        path,
        message: {
          content: 'See you at 2',
          message: 'See you at 2',
          message_id: res.body.data[0].id,
          timestamp: sent.body.data.created_at,
        },
      });
    }
  });

  it("an archived lead's conversation leaves the list and its count; its history stays on the lead", async () => {
    const kept = await leadWithConversation('+14155550602');
    const gone = await leadWithConversation('+14155550603');
    expect((await send(gone.conversation, 'hello')).status).toBe(201);
    const before = await api.http.get('/api/conversations').set(tenant.admin.headers);
    expect(before.body.data.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining([kept.conversation, gone.conversation]),
    );
    expect((await api.http.delete(`/api/leads/${gone.lead}`).set(tenant.admin.headers)).status).toBe(200);
    const after = await api.http.get('/api/conversations').set(tenant.admin.headers);
    const listed = after.body.data.map((c: { id: string }) => c.id);
    expect(listed).toContain(kept.conversation);
    expect(listed).not.toContain(gone.conversation);
    expect(after.body.meta.total).toBe(before.body.meta.total - 1);
    const byLead = await api.http.get(`/api/conversations?lead_id=${gone.lead}`).set(tenant.admin.headers);
    expect(byLead.body).toMatchObject({ data: [], meta: { total: 0 } });
    const history = await api.http.get(`/api/messages/${gone.lead}`).set(tenant.admin.headers);
    expect(history.body.data.map((m: { content: string }) => m.content)).toEqual(['hello']);
  });

  it('an automated send leaves a closed conversation closed; a human writing in it reopens it', async () => {
    const { lead, conversation } = await leadWithConversation('+14155550604');
    const close = await api.http
      .patch(`/api/conversations/${conversation}`)
      .set(tenant.admin.headers)
      .send({ status: 'closed' });
    expect(close.body.data.status).toBe('closed');
    await api.app
      .get(OutboundMessagesService)
      .send(tenant.id, { lead_id: lead, channel: 'sms', body: 'Step two', sender: 'system' });
    const afterAutomated = await api.http.get(`/api/conversations?lead_id=${lead}`).set(tenant.admin.headers);
    expect(afterAutomated.body.data[0]).toMatchObject({
      status: 'closed',
      last_message: { content: 'Step two', sender: 'system' },
    });
    expect((await send(conversation, 'A human here')).status).toBe(201);
    const afterHuman = await api.http.get(`/api/conversations?lead_id=${lead}`).set(tenant.admin.headers);
    expect(afterHuman.body.data[0]).toMatchObject({ status: 'open', last_message: { sender: 'agent' } });
    // Seeds 003 and 004 call an open conversation active.
    await api.http
      .patch(`/api/conversations/${conversation}`)
      .set(tenant.admin.headers)
      .send({ status: 'closed' });
    const active = await api.http
      .patch(`/api/conversations/${conversation}`)
      .set(tenant.admin.headers)
      .send({ status: 'active' });
    expect(active.body.data.status).toBe('open');
  });

  it("GET /api/conversations/:id answers one as the list does; another tenant's, an unassigned one for an agent and a bad id are 404", async () => {
    const { conversation } = await leadWithConversation('+14155550605');
    expect((await send(conversation, 'hello')).status).toBe(201);
    const list = await api.http.get('/api/conversations').set(tenant.admin.headers);
    const one = await api.http.get(`/api/conversations/${conversation}`).set(tenant.admin.headers);
    expect(one.status).toBe(200);
    expect(one.body.data).toEqual(list.body.data.find((c: { id: string }) => c.id === conversation));
    const other = await createTenant(api.http);
    const agent = await createUser(api.http, tenant, 'agent');
    for (const [path, headers] of [
      [`/api/conversations/${conversation}`, other.admin.headers],
      [`/api/conversations/${conversation}`, agent.headers],
      ['/api/conversations/not-a-uuid', tenant.admin.headers],
    ] as const) {
      expectError(await api.http.get(path).set(headers), 404, 'NOT_FOUND');
    }
  });
});

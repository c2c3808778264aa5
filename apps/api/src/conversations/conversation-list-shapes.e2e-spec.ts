import { createTenant, TestTenant, useTestApi } from '@app/testing';
import { DataSource } from 'typeorm';

type Json = Record<string, unknown>;

/**
 * Each conversation list answers its seed's `lastMessage`: seed 003's per-channel inboxes (`GET whatsapp/ sms/
 * telegram/conversations`) a string, the last message's text, with the object beside it in last_message_detail;
 * seed 004's `GET conversations` the object. Another tenant's lists hold none of them.
 */
describe("conversation lists: each seed's lastMessage (e2e)", () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let other: TestTenant;
  let phone = 4155550900;

  beforeAll(async () => {
    [tenant, other] = await Promise.all([createTenant(api.http), createTenant(api.http)]);
  });

  /** A lead who wrote `text` on `channel`, logged by hand (seed 000's inbound message). */
  async function inbound(channel: 'whatsapp' | 'sms' | 'telegram', text: string): Promise<Json> {
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Alice', last_name: 'Johnson', phone: `+1${phone++}` });
    expect(lead.status).toBe(201);
    const logged = await api.http
      .post(`/api/leads/${lead.body.data.id}/messages`)
      .set(tenant.admin.headers)
      .send({ content: text, direction: 'inbound', channel });
    expect(logged.status).toBe(201);
    return logged.body.data;
  }

  const listed = async (path: string, who: TestTenant = tenant) => {
    const res = await api.http.get(path).set(who.admin.headers);
    expect(res.status).toBe(200);
    return res.body.data as Json[];
  };

  it("seed 003's per-channel routes answer last_message as the text, the object as last_message_detail", async () => {
    for (const channel of ['whatsapp', 'sms', 'telegram'] as const) {
      const message = await inbound(channel, `Thank you for the information! (${channel})`);
      const rows = await listed(`/api/${channel}/conversations`);
      const row = rows.find((c) => c.id === message.conversation_id);
      expect({ channel, row }).toEqual({
        channel,
        row: expect.objectContaining({
          contact_name: 'Alice Johnson',
          last_message: `Thank you for the information! (${channel})`,
          last_message_detail: expect.objectContaining({
            id: message.id,
            content: `Thank you for the information! (${channel})`,
            sender: 'lead',
            direction: 'inbound',
            timestamp: message.created_at,
          }),
          unread_count: 1,
        }),
      });
    }
  });

  it("seed 004's GET conversations answers last_message as the object { content, timestamp, sender }", async () => {
    const message = await inbound('sms', 'Thanks for the demo!');
    const row = (await listed('/api/conversations')).find((c) => c.id === message.conversation_id);
    expect(row).toMatchObject({
      lead_name: 'Alice Johnson',
      last_message: { content: 'Thanks for the demo!', timestamp: message.created_at, sender: 'lead' },
    });
    expect(row).not.toHaveProperty('last_message_detail');
  });

  it('a conversation with no message yet answers null on both shapes', async () => {
    const lead = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ phone: `+1${phone++}` });
    const [{ id }] = await api.app
      .get(DataSource)
      .query(
        `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'telegram') RETURNING id`,
        [tenant.id, lead.body.data.id],
      );
    const channelRow = (await listed('/api/telegram/conversations')).find((c) => c.id === id);
    expect(channelRow).toMatchObject({ last_message: null, last_message_detail: null });
    const row = (await listed('/api/conversations')).find((c) => c.id === id);
    expect(row).toMatchObject({ last_message: null });
  });

  it("another tenant's lists hold none of these conversations", async () => {
    const message = await inbound('whatsapp', 'Private');
    for (const path of ['/api/conversations', '/api/whatsapp/conversations', '/api/sms/conversations']) {
      const rows = await listed(path, other);
      expect({ path, rows }).toEqual({ path, rows: [] });
    }
    expect((await listed('/api/whatsapp/conversations')).map((c) => c.id)).toContain(message.conversation_id);
  });
});

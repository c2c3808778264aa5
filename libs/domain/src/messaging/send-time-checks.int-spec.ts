import { SimulatorMessagingAdapter } from '@app/providers';
import { createTenant, TestTenant, useTestApi } from '@app/testing';
import { uuidv7 } from 'uuidv7';
import { AiAutoReplyService } from '../ai-outreach/ai-auto-reply.service';
import { MessageSenderService } from './message-sender.service';
import { insertOutboundSms } from './send-messages.fixture';

/**
 * What is judged and recorded as a message goes, not when it was queued. An AI auto-reply is automated outreach: it
 * goes within 08:00-21:00 in the lead's local time (DESIGN §7.2) when it is sent (the model may write past 21:00,
 * the send may wait for its slot): one due at night stays queued and goes in the morning. And the provider recorded
 * is the one the send went through. The send job's handler is called as the worker calls it.
 */
describe('what the sender judges and records as a message goes (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });
  afterEach(() => jest.restoreAllMocks());

  it('waits queued at 23:00 in the lead’s zone and goes at 09:00', async () => {
    const [lead] = await api.db.query(
      `INSERT INTO leads (tenant_id, phone, phone_normalized, timezone)
       VALUES ($1, '+12125550187', '+12125550187', 'America/New_York') RETURNING id`,
      [t.id],
    );
    const [conversation] = await api.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel, ai_mode) VALUES ($1, $2, 'sms', 'auto') RETURNING id`,
      [t.id, lead.id],
    );
    const [message] = await api.db.query(
      `INSERT INTO messages (id, tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
         idempotency_key, content)
       VALUES ($1, $2, $3, $4, 'outbound', 'sms', 'ai', 'simulator', 'queued', $5, 'Happy to help!') RETURNING id`,
      [uuidv7(), t.id, conversation.id, lead.id, `ai-reply:${uuidv7()}`],
    );
    const sends = jest.spyOn(SimulatorMessagingAdapter.prototype, 'send');
    const sender = api.app.get(MessageSenderService);
    const status = async () =>
      (await api.db.query(`SELECT status FROM messages WHERE id = $1`, [message.id]))[0].status as string;

    api.clock.set('2026-12-03T04:00:00Z'); // 23:00 in New York
    await sender.run({ tenant_id: t.id, message_id: message.id });
    expect(await status()).toBe('queued');
    expect(sends).not.toHaveBeenCalled();

    api.clock.set('2026-12-03T14:00:00Z'); // 09:00
    await sender.run({ tenant_id: t.id, message_id: message.id });
    expect(await status()).not.toBe('queued');
    expect(sends).toHaveBeenCalledTimes(1);
  });

  it("records the provider a queued message went through: the channel's, if it changed since it was queued", async () => {
    // Queued while the tenant's SMS went through Twilio; the channel is on the simulator now.
    const id = await insertOutboundSms(api.db, t.id, {
      phone: '+12125550188',
      provider: 'twilio',
      key: `switch:${uuidv7()}`,
    });
    api.clock.set('2026-12-03T14:00:00Z');
    await api.app.get(MessageSenderService).run({ tenant_id: t.id, message_id: id });
    const [row] = await api.db.query(
      `SELECT status, provider, provider_message_id FROM messages WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({
      status: 'sent',
      provider: 'simulator',
      provider_message_id: expect.any(String),
    });
  });

  it('an AI reply on one channel does not go once a human holds the lead on another; none is decided on', async () => {
    const [lead] = await api.db.query(
      `INSERT INTO leads (tenant_id, phone, phone_normalized, timezone)
       VALUES ($1, '+12125550189', '+12125550189', 'UTC') RETURNING id`,
      [t.id],
    );
    await api.db.query(
      `UPDATE tenants SET settings = settings || '{"ai": {"auto_reply": true}}' WHERE id = $1`,
      [t.id],
    );
    const [whatsapp] = await api.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel, ai_mode) VALUES ($1, $2, 'whatsapp', 'auto')
       RETURNING id`,
      [t.id, lead.id],
    );
    const [inbound] = await api.db.query(
      `INSERT INTO messages (id, tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
         idempotency_key, content)
       VALUES ($1, $2, $3, $4, 'inbound', 'whatsapp', 'lead', 'simulator', 'received', $5, 'What does it cost?')
       RETURNING id`,
      [uuidv7(), t.id, whatsapp.id, lead.id, `in:${uuidv7()}`],
    );
    const [reply] = await api.db.query(
      `INSERT INTO messages (id, tenant_id, conversation_id, lead_id, direction, channel, sender, provider, status,
         idempotency_key, content)
       VALUES ($1, $2, $3, $4, 'outbound', 'whatsapp', 'ai', 'simulator', 'queued', $5, 'It costs little.')
       RETURNING id`,
      [uuidv7(), t.id, whatsapp.id, lead.id, `ai-reply:${uuidv7()}`],
    );
    // An agent took the lead over by SMS: that conversation is with humans now.
    await api.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel, ai_mode) VALUES ($1, $2, 'sms', 'human')`,
      [t.id, lead.id],
    );
    const sends = jest.spyOn(SimulatorMessagingAdapter.prototype, 'send');
    api.clock.set('2026-12-03T14:00:00Z');
    await api.app.get(MessageSenderService).run({ tenant_id: t.id, message_id: reply.id });
    const [row] = await api.db.query(`SELECT status, error_code FROM messages WHERE id = $1`, [reply.id]);
    expect(row).toEqual({ status: 'failed', error_code: 'ai:human_took_over' });
    expect(sends).not.toHaveBeenCalled();
    expect(await api.app.get(AiAutoReplyService).answer(t.id, inbound.id)).toBe('overridden');
  });
});

import type { InboundMessage } from '@app/providers';
import { createTenant, TestTenant, useTestApi, waitFor } from '@app/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ContactPolicyService } from '../contact-policy/contact-policy.service';
import type { InboundEventRef } from './inbound-follow-ups';
import { InboundMessagesService } from './inbound-messages.service';

/**
 * Inbound messages applied as the worker applies them (no worker runs here: the events are applied directly):
 * - DESIGN §7.1 under a job that runs again: a lead's START then STOP leaves them opted out even when the START's
 *   job runs once more after the STOP (its enqueue after commit failed; another worker took it late). A keyword
 *   counts once, with its message's first recording; and one the lead sent before the keyword last applied
 *   (applied late) changes nothing;
 * - an SMS sender that is no phone number (a short code, an alphanumeric id) is one lead, however often it writes;
 * - a first message from a number another path gives a lead meanwhile (a POST of the lead, an import) goes to
 *   that lead: no second lead for one number;
 * - WhatsApp's 24-hour window counts from when the lead sent the message (Meta's timestamp), not from when a
 *   backed-up queue let it be applied;
 * - an email reply to a thread of an archived (deleted) lead opens a new lead's conversation, which the inbox lists,
 *   as any other message from that person does.
 */
describe('inbound messages applied (integration)', () => {
  const api = useTestApi();
  let t: TestTenant;

  beforeAll(async () => {
    t = await createTenant(api.http);
  });

  const db = () => api.app.get(DataSource);
  const from = '+14155550177';
  const message = (body: string, sender = from): InboundMessage => ({
    channel: 'sms',
    from: sender,
    to: '+14155559999',
    body,
    provider_message_id: `SM${randomUUID().replace(/-/g, '')}`,
    received_at: api.clock.now().toISOString(),
  });

  /** A pending event of the message, as the webhook left it. */
  async function pending(m: InboundMessage): Promise<InboundEventRef> {
    const [row] = await db().query(
      `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload)
       VALUES ($1, 'simulator', 'message', $2, $3) RETURNING id`,
      [t.id, m.provider_message_id, JSON.stringify(m)],
    );
    return { id: row.id as string, provider: 'simulator' };
  }

  it("a START whose job runs again after the lead's STOP does not opt them back in", async () => {
    const inbound = api.app.get(InboundMessagesService);
    const start = message('START');
    const stop = message('STOP');
    const startEvent = await pending(start);
    const stopEvent = await pending(stop);
    const leadId = await inbound.apply(t.id, startEvent, start);
    await inbound.apply(t.id, stopEvent, stop);
    // The START's job again: its event w marked processed.
    await inbound.apply(t.id, startEvent, start);
    const [lead] = await db().query(`SELECT opted_out_channels FROM leads WHERE id = $1`, [leadId]);
    expect(lead.opted_out_channels).toContain('sms');
    const messages = await db().query(
      `SELECT content FROM messages WHERE lead_id = $1 AND direction = 'inbound' ORDER BY created_at, id`,
      [leadId],
    );
    expect(messages.map((m: { content: string }) => m.content)).toEqual(['START', 'STOP']);
  });

  it.each([
    [
      'a STOP the lead sent before their START, applied after it, leaves them opted in',
      'START',
      'STOP',
      false,
    ],
    [
      'a START the lead sent before their STOP, applied after it, leaves them opted out',
      'STOP',
      'START',
      true,
    ],
  ])('%s', async (_what, later, earlier, optedOut) => {
    const inbound = api.app.get(InboundMessagesService);
    const number = optedOut ? '+14155550187' : '+14155550188';
    const sentAt = (ago: number) => new Date(api.clock.nowMs() - ago).toISOString();
    // The lead's last word first (sent a minute ago), then the one they sent two minutes ago, late.
    const last = { ...message(later, number), received_at: sentAt(60_000) };
    const before = { ...message(earlier, number), received_at: sentAt(120_000) };
    const leadId = await inbound.apply(t.id, await pending(last), last);
    const settled = async () => ({
      // The stamp as an instant (Postgres writes it without trailing zeros).
      lead: (
        await db().query(
          `SELECT opted_out_channels, (opt_keyword_at->>'sms')::timestamptz AS sms_keyword_at FROM leads WHERE id = $1`,
          [leadId],
        )
      )[0],
      dnc: (
        await db().query(
          `SELECT channel, reason FROM dnc_entries WHERE tenant_id = $1 AND phone_normalized = $2`,
          [t.id, number],
        )
      ).length,
    });
    const afterLast = await settled();
    expect(afterLast).toEqual({
      lead: {
        opted_out_channels: optedOut ? ['sms'] : [],
        sms_keyword_at: new Date(last.received_at),
      },
      dnc: optedOut ? 1 : 0,
    });

    expect(await inbound.apply(t.id, await pending(before), before)).toBe(leadId);
    expect(await settled()).toEqual(afterLast);
    // Recorded all the same, in the conversation.
    const messages = await db().query(
      `SELECT content FROM messages WHERE lead_id = $1 AND direction = 'inbound' ORDER BY created_at, id`,
      [leadId],
    );
    expect(messages.map((m: { content: string }) => m.content)).toEqual([later, earlier]);
  });

  it('a STOP whose event is applied again is confirmed only if its first recording confirmed it', async () => {
    const inbound = api.app.get(InboundMessagesService);
    const sentAt = (ago: number) => new Date(api.clock.nowMs() - ago).toISOString();
    const at = (body: string, number: string, ago: number) => ({
      ...message(body, number),
      received_at: sentAt(ago),
    });
    const apply = async (m: InboundMessage) => {
      const event = await pending(m);
      const leadId = await inbound.apply(t.id, event, m);
      return { event, m, leadId: leadId as string };
    };
    // A STOP that opts the lead out, and a second one that finds them opted out already.
    const first = await apply(at('STOP', '+14155550189', 180_000));
    const second = await apply(at('STOP', '+14155550189', 120_000));
    // A STOP sent before the lead's START, applied after it: it changes nothing.
    const started = await apply(at('START', '+14155550186', 60_000));
    const late = await apply(at('STOP', '+14155550186', 120_000));
    const confirmations = () =>
      db().query(
        `SELECT idempotency_key FROM messages WHERE tenant_id = $1 AND lead_id = ANY($2::uuid[])
            AND direction = 'outbound' ORDER BY idempotency_key`,
        [t.id, [first.leadId, started.leadId]],
      );
    const once = [{ idempotency_key: `opt-out-confirmation:${first.event.id}` }];
    expect(await confirmations()).toEqual(once);

    // Each STOP's job run again after its message was recorded (the events are still pending).
    for (const { event, m } of [first, second, late]) {
      expect(await inbound.apply(t.id, event, m)).toBe(event === late.event ? started.leadId : first.leadId);
    }
    expect(await confirmations()).toEqual(once);
    const decided = await db().query(
      `SELECT id, confirm_opt_out FROM webhook_events WHERE id = ANY($1::uuid[])`,
      [[first.event.id, second.event.id, late.event.id, started.event.id]],
    );
    expect(
      Object.fromEntries(
        decided.map((e: { id: string; confirm_opt_out: boolean | null }) => [e.id, e.confirm_opt_out]),
      ),
    ).toEqual({
      [first.event.id]: true,
      [second.event.id]: false,
      [late.event.id]: false,
      [started.event.id]: null,
    });
  });

  it('an SMS sender that is no phone number is one lead, however often it writes', async () => {
    const inbound = api.app.get(InboundMessagesService);
    const leads = new Set<string | null>();
    for (const sender of ['ACME Bank', 'ACME Bank', '72345', '72345']) {
      const m = message(`Your code is ${Math.random()}`, sender);
      leads.add(await inbound.apply(t.id, await pending(m), m));
    }
    expect(leads.size).toBe(2);
    const rows = await db().query(
      `SELECT phone, phone_normalized FROM leads WHERE id = ANY($1::uuid[]) ORDER BY phone`,
      [[...leads]],
    );
    // Shown as it wrote (the inbox says who), never a number to dial or text.
    expect(rows).toEqual([
      { phone: '72345', phone_normalized: null },
      { phone: 'ACME Bank', phone_normalized: null },
    ]);
  });

  it("WhatsApp's window counts from when the lead sent the message, however late it is applied", async () => {
    const HOUR = 3_600_000;
    const now = api.clock.now().getTime();
    const late: InboundMessage = {
      ...message('Hi, still interested', '+14155550179'),
      channel: 'whatsapp',
      received_at: new Date(now - 23.5 * HOUR).toISOString(),
    };
    const leadId = (await api.app.get(InboundMessagesService).apply(t.id, await pending(late), late))!;
    const [conversation] = await db().query(
      `SELECT id, last_inbound_at, last_inbound_sent_at FROM conversations WHERE lead_id = $1`,
      [leadId],
    );
    expect(conversation.last_inbound_at).toEqual(new Date(now));
    expect(conversation.last_inbound_sent_at).toEqual(new Date(late.received_at));
    const listed = await api.http.get('/api/conversations?channel=whatsapp').set(t.admin.headers);
    const shown = listed.body.data.find((c: { id: string }) => c.id === conversation.id);
    expect(shown.whatsapp_window).toEqual({
      open: true,
      until: new Date(now + 0.5 * HOUR).toISOString(),
    });
    const policy = api.app.get(ContactPolicyService);
    expect(await policy.check(t.id, leadId, 'whatsapp')).toEqual({ allowed: true });
    api.clock.advance(0.5 * HOUR + 1000);
    expect(await policy.check(t.id, leadId, 'whatsapp')).toMatchObject({
      allowed: false,
      rule: 'whatsapp_window',
    });

    // A date ahead of our clock (the provider's clock, or a forged one) never stretches the window past now + 24 h.
    const ahead: InboundMessage = {
      ...message('And one more', '+14155550179'),
      channel: 'whatsapp',
      received_at: new Date(api.clock.now().getTime() + 5 * HOUR).toISOString(),
    };
    await api.app.get(InboundMessagesService).apply(t.id, await pending(ahead), ahead);
    const [after] = await db().query(`SELECT last_inbound_sent_at FROM conversations WHERE id = $1`, [
      conversation.id,
    ]);
    expect(after.last_inbound_sent_at).toEqual(api.clock.now());
  });

  it('a first message from a number that gets a lead meanwhile goes to that lead: one lead per number', async () => {
    const inbound = api.app.get(InboundMessagesService);
    const number = '+14155550178';
    // Another path's lead for the number, not yet committed when the message looks the number up.
    const holder = db().createQueryRunner();
    await holder.connect();
    try {
      await holder.startTransaction();
      const [{ pid }] = await holder.query(`SELECT pg_backend_pid() AS pid`);
      const [made] = await holder.query(
        `INSERT INTO leads (tenant_id, phone, phone_normalized, source) VALUES ($1, $2, $2, 'api') RETURNING id`,
        [t.id, number],
      );
      await holder.query(
        `INSERT INTO lead_identities (tenant_id, lead_id, channel, address) VALUES ($1, $2, 'phone', $3)`,
        [t.id, made.id, number],
      );
      const m = message('Hi, who is this?', number);
      const applying = inbound.apply(t.id, await pending(m), m);
      // The message's new lead waits on the address the other lead holds; then the other lead commits.
      await waitFor(
        async () =>
          (await db().query(`SELECT 1 FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))`, [pid]))
            .length > 0,
        10_000,
        'the message waiting on the address',
      );
      await holder.commitTransaction();
      expect(await applying).toBe(made.id);
      const leads = await db().query(`SELECT id FROM leads WHERE tenant_id = $1 AND phone_normalized = $2`, [
        t.id,
        number,
      ]);
      expect(leads).toEqual([{ id: made.id }]);
      const [conversation] = await db().query(
        `SELECT c.lead_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.provider_message_id = $1`,
        [m.provider_message_id],
      );
      expect(conversation.lead_id).toBe(made.id);
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
  });

  it("an email reply to an archived lead's thread goes to a new lead the inbox lists, not the archived one's", async () => {
    const address = `ada.${randomUUID().slice(0, 8)}@example.com`;
    const created = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Ada', email: address });
    const archivedId = created.body.data.id as string;
    const [old] = await db().query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'email') RETURNING id`,
      [t.id, archivedId],
    );
    const sentId = `<${randomUUID()}@reachline.test>`;
    await db().query(
      `INSERT INTO messages (tenant_id, conversation_id, lead_id, direction, channel, sender, content, provider,
                             status, idempotency_key, external_thread_id)
       VALUES ($1, $2, $3, 'outbound', 'email', 'agent', 'Hello Ada', 'simulator', 'sent', $4, $5)`,
      [t.id, old.id, archivedId, `test:${randomUUID()}`, sentId],
    );
    expect((await api.http.delete(`/api/leads/${archivedId}`).set(t.admin.headers)).status).toBe(200);

    const reply: InboundMessage = {
      channel: 'email',
      from: address,
      to: 'inbox@clinic.example',
      body: 'Is the offer still on?',
      subject: 'Re: Hello',
      provider_message_id: `<${randomUUID()}@example.com>`,
      threading: { in_reply_to: sentId },
      received_at: api.clock.now().toISOString(),
    };
    const leadId = await api.app.get(InboundMessagesService).apply(t.id, await pending(reply), reply);
    expect(leadId).not.toBe(archivedId);
    const [{ unread_count }] = await db().query(`SELECT unread_count FROM conversations WHERE id = $1`, [
      old.id,
    ]);
    expect(unread_count).toBe(0);
    const listed = await api.http.get(`/api/conversations?lead_id=${leadId}`).set(t.admin.headers);
    expect(listed.body.data).toEqual([
      expect.objectContaining({
        channel: 'email',
        unread_count: 1,
        last_message: expect.objectContaining({ content: 'Is the offer still on?' }),
      }),
    ]);
  });
  it("a message is recorded while another of its conversation's is being recorded: it takes no lock the other holds", async () => {
    const inbound = api.app.get(InboundMessagesService);
    const sender = '+14155550461';
    const first = message('Hello', sender);
    await inbound.apply(t.id, await pending(first), first);
    const [{ id: conversationId }] = await db().query(
      `SELECT c.id FROM conversations c JOIN leads l ON l.id = c.lead_id WHERE l.phone_normalized = $1`,
      [sender],
    );
    // A message of the same conversation recorded by another job, not yet committed: its row's foreign key holds
    // the conversation FOR KEY SHARE. Locking the conversation FOR UPDATE waited for it (and that job's own lock
    // for this one's: a deadlock); FOR NO KEY UPDATE does not.
    const holder = db().createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query('SELECT 1 FROM conversations WHERE id = $1 FOR KEY SHARE', [conversationId]);
      const second = message('Are you there?', sender);
      const applied = inbound.apply(t.id, await pending(second), second);
      const outcome = await Promise.race([
        applied.then(() => 'applied'),
        new Promise((resolve) => setTimeout(() => resolve('blocked'), 3000)),
      ]);
      expect(outcome).toBe('applied');
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    const [{ unread_count }] = await db().query('SELECT unread_count FROM conversations WHERE id = $1', [
      conversationId,
    ]);
    expect(unread_count).toBe(2);
  });
});

import { ChannelConfigsService, OPT_OUT_CONFIRMATION, ResolvedChannel } from '@app/domain';
import { SIMULATOR_DEFAULT_SENDERS } from '@app/providers';
import { createTenant, TestTenant, useTestApiAndWorker, waitFor } from '@app/testing';
import { sentEmail } from './sent-email.fixture';

/** Inbound email (threads by In-Reply-To / References) and Telegram (chat ids), recorded and applied. */
describe('inbound email and Telegram (e2e)', () => {
  const { api } = useTestApiAndWorker({ env: { WORKER_QUEUES: 'inbound-events' } });
  let tenant: TestTenant;
  let email: ResolvedChannel;
  let telegram: ResolvedChannel;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    const channels = api.app.get(ChannelConfigsService);
    email = await channels.resolve(tenant.id, 'email');
    telegram = await channels.resolve(tenant.id, 'telegram');
  });

  const processed = (eventKey: string) =>
    waitFor(
      async () => {
        const [row] = await api.db.query(
          `SELECT id FROM webhook_events WHERE tenant_id = $1 AND event_key = $2 AND processed_at IS NOT NULL`,
          [tenant.id, eventKey],
        );
        return row?.id as string | undefined;
      },
      15_000,
      eventKey,
    );

  async function mail(body: Record<string, unknown>): Promise<void> {
    const res = await api.http
      .post(
        `/webhooks/email-inbound?key=${email.webhookKey}&secret=${encodeURIComponent(email.signingSecret)}`,
      )
      .send(body);
    expect(res.status).toBe(200);
    await processed(`inbound:${body.message_id as string}`);
  }

  async function chat(chatId: number, messageId: number, text: string, username?: string): Promise<string> {
    const res = await api.http
      .post(`/webhooks/telegram/${telegram.webhookKey}`)
      .set('X-Telegram-Bot-Api-Secret-Token', telegram.signingSecret)
      .send({
        update_id: 50000 + messageId,
        message: {
          message_id: messageId,
          from: { id: chatId, is_bot: false, first_name: 'Grace', last_name: 'Hopper', username },
          chat: { id: chatId, type: 'private' },
          date: 1749416383,
          text,
        },
      });
    expect(res.status).toBe(200);
    // The simulator's bot id (its Telegram sender) scopes the chat's message id.
    return processed(`inbound:${SIMULATOR_DEFAULT_SENDERS.telegram}:${chatId}:${messageId}`);
  }

  it('a reply finds its thread by In-Reply-To or References, whatever address it comes from', async () => {
    const sent = await sentEmail(api, api.db, tenant, 'ada@example.com');
    const { leadId } = sent;
    const conversation = { id: sent.conversationId };

    await mail({
      from: 'Ada at work <Ada.Work@other.example>',
      to: 'inbox@clinic.example',
      subject: 'Re: Your appointment',
      text: 'Tuesday works.',
      message_id: '<reply-1@other.example>',
      in_reply_to: sent.messageId,
    });
    await mail({
      from: 'ada.work@other.example',
      to: 'inbox@clinic.example',
      subject: 'Re: Your appointment',
      text: 'Actually, Wednesday.',
      message_id: '<reply-2@other.example>',
      references: `${sent.messageId} <unknown@elsewhere>`,
    });
    const rows = await api.db.query(
      `SELECT lead_id, conversation_id, content, subject, external_thread_id FROM messages
        WHERE tenant_id = $1 AND direction = 'inbound' ORDER BY created_at, external_thread_id`,
      [tenant.id],
    );
    expect(rows).toEqual([
      {
        lead_id: leadId,
        conversation_id: conversation.id,
        content: 'Tuesday works.',
        subject: 'Re: Your appointment',
        external_thread_id: '<reply-1@other.example>',
      },
      expect.objectContaining({
        lead_id: leadId,
        conversation_id: conversation.id,
        content: 'Actually, Wednesday.',
      }),
    ]);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM leads WHERE tenant_id = $1`, [
      tenant.id,
    ]);
    expect(n).toBe(1);
    const [{ unread_count }] = await api.db.query(`SELECT unread_count FROM conversations WHERE id = $1`, [
      conversation.id,
    ]);
    expect(unread_count).toBe(2);
  });

  it("a reply in one lead's thread from another lead's address is that lead's, and their STOP opts out only them", async () => {
    const sent = await sentEmail(api, api.db, tenant, 'grace@example.com');
    const colleague = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Joan', email: 'joan@example.com' });
    expect(colleague.status).toBe(201);
    const joan = colleague.body.data.id as string;
    await mail({
      from: 'Joan <Joan@example.com>',
      to: 'inbox@clinic.example',
      subject: 'Re: Your appointment',
      text: 'STOP',
      message_id: '<joan-1@example.com>',
      in_reply_to: sent.messageId,
    });
    const [row] = await api.db.query(
      `SELECT lead_id, conversation_id FROM messages WHERE tenant_id = $1 AND external_thread_id = $2`,
      [tenant.id, '<joan-1@example.com>'],
    );
    expect(row.lead_id).toBe(joan);
    expect(row.conversation_id).not.toBe(sent.conversationId);
    const flags = async (id: string) =>
      (await api.http.get(`/api/leads/${id}`).set(tenant.admin.headers)).body.data.opted_out_channels;
    expect(await flags(joan)).toEqual(['email']);
    expect(await flags(sent.leadId)).toEqual([]);
  });

  it('a reply whose In-Reply-To carries a comment, or whose References run together, finds its thread', async () => {
    const sent = await sentEmail(api, api.db, tenant, 'edsger@example.com');
    const { leadId } = sent;
    const conversation = { id: sent.conversationId };
    // From an address no lead has, so only the thread can name the lead.
    await mail({
      from: 'ed@home.example',
      subject: 'Re: Your appointment',
      text: 'Friday?',
      message_id: '<comment-1@home.example>',
      in_reply_to: `${sent.messageId} (Reachline's message of Tue)`,
    });
    await mail({
      from: 'ed@home.example',
      subject: 'Another question',
      text: 'And Saturday?',
      message_id: '<together-1@home.example>',
      references: `<unknown@elsewhere>${sent.messageId}`,
    });
    const rows = await api.db.query(
      `SELECT lead_id, conversation_id FROM messages
        WHERE tenant_id = $1 AND external_thread_id IN ('<comment-1@home.example>', '<together-1@home.example>')`,
      [tenant.id],
    );
    expect(rows).toEqual([
      { lead_id: leadId, conversation_id: conversation.id },
      { lead_id: leadId, conversation_id: conversation.id },
    ]);
    const leads = await api.db.query(
      `SELECT id FROM leads WHERE tenant_id = $1 AND email = 'ed@home.example'`,
      [tenant.id],
    );
    expect(leads).toEqual([]);
  });

  it('a new email without a known thread makes a lead with its lower-cased address', async () => {
    await mail({
      from: '"New Person" <New.Person@Example.org>',
      to: 'inbox@clinic.example',
      subject: 'Question',
      text: 'Do you open on Saturdays?',
      message_id: '<q-1@example.org>',
    });
    const [lead] = await api.db.query(
      `SELECT id, first_name, last_name, email FROM leads WHERE tenant_id = $1 AND email = $2`,
      [tenant.id, 'new.person@example.org'],
    );
    expect(lead).toMatchObject({ first_name: 'New', last_name: 'Person' });
    const identities = await api.db.query(`SELECT channel, address FROM lead_identities WHERE lead_id = $1`, [
      lead.id,
    ]);
    expect(identities).toEqual([{ channel: 'email', address: 'new.person@example.org' }]);
  });

  it('a Telegram chat becomes a lead with a telegram identity; STOP opts it out with no address to list', async () => {
    await chat(9001, 1, 'Hi there');
    const [identity] = await api.db.query(
      `SELECT lead_id FROM lead_identities WHERE tenant_id = $1 AND channel = 'telegram' AND address = '9001'`,
      [tenant.id],
    );
    const [lead] = await api.db.query(`SELECT first_name, last_name, source FROM leads WHERE id = $1`, [
      identity.lead_id,
    ]);
    expect(lead).toEqual({ first_name: 'Grace', last_name: 'Hopper', source: 'inbound_telegram' });

    const entries = async () =>
      (await api.db.query(`SELECT count(*)::int AS n FROM dnc_entries WHERE tenant_id = $1`, [tenant.id]))[0]
        .n as number;
    const listed = await entries();
    const eventId = await chat(9001, 2, 'stop');
    const [after] = await api.db.query(`SELECT opted_out_channels FROM leads WHERE id = $1`, [
      identity.lead_id,
    ]);
    expect(after.opted_out_channels).toEqual(['telegram']);
    expect(await entries()).toBe(listed);
    const confirmations = await api.db.query(
      `SELECT channel, content, idempotency_key FROM messages WHERE tenant_id = $1 AND lead_id = $2 AND direction = 'outbound'`,
      [tenant.id, identity.lead_id],
    );
    expect(confirmations).toEqual([
      {
        channel: 'telegram',
        content: OPT_OUT_CONFIRMATION,
        idempotency_key: `opt-out-confirmation:${eventId}`,
      },
    ]);
    const [conversation] = await api.db.query(
      `SELECT channel, unread_count FROM conversations WHERE tenant_id = $1 AND lead_id = $2`,
      [tenant.id, identity.lead_id],
    );
    expect(conversation).toEqual({ channel: 'telegram', unread_count: 2 });
  });

  it('a Telegram message edited to STOP opts its person out, once however often Telegram delivers the edit', async () => {
    const chatId = 7401;
    await chat(chatId, 1, 'Sounds good');
    const edit = (updateId: number, text: string, editDate: number) =>
      api.http
        .post(`/webhooks/telegram/${telegram.webhookKey}`)
        .set('X-Telegram-Bot-Api-Secret-Token', telegram.signingSecret)
        .send({
          update_id: updateId,
          edited_message: {
            message_id: 1,
            from: { id: chatId, is_bot: false, first_name: 'Grace' },
            chat: { id: chatId, type: 'private' },
            date: 1749416383,
            edit_date: editDate,
            text,
          },
        });
    const first = await edit(70001, 'STOP', 1749416500);
    expect(first.body.data).toEqual({ recorded: 1, duplicates: 0 });
    const key = `inbound:${SIMULATOR_DEFAULT_SENDERS.telegram}:${chatId}:1:edit:1749416500`;
    const eventId = await processed(key);
    // Telegram's retry of the same update: acknowledged, recorded once.
    expect((await edit(70001, 'STOP', 1749416500)).body.data).toEqual({ recorded: 0, duplicates: 1 });
    const [identity] = await api.db.query(
      `SELECT lead_id FROM lead_identities WHERE tenant_id = $1 AND channel = 'telegram' AND address = $2`,
      [tenant.id, String(chatId)],
    );
    const [lead] = await api.db.query(`SELECT opted_out_channels FROM leads WHERE id = $1`, [
      identity.lead_id,
    ]);
    expect(lead.opted_out_channels).toEqual(['telegram']);
    // In any order: the test's platform clock stands still, so all three were created at one instant.
    const messages = await api.db.query(
      `SELECT direction, content, idempotency_key FROM messages WHERE tenant_id = $1 AND lead_id = $2`,
      [tenant.id, identity.lead_id],
    );
    expect(messages).toHaveLength(3);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ direction: 'inbound', content: 'Sounds good' }),
        expect.objectContaining({ direction: 'inbound', content: 'STOP' }),
        {
          direction: 'outbound',
          content: OPT_OUT_CONFIRMATION,
          idempotency_key: `opt-out-confirmation:${eventId}`,
        },
      ]),
    );
  });

  it('a service message in a Telegram chat (a pin, an auto-delete timer) is no message from its person', async () => {
    const chatId = 7301;
    await chat(chatId, 1, 'Hello there');
    const service = (messageId: number, fields: Record<string, unknown>) =>
      api.http
        .post(`/webhooks/telegram/${telegram.webhookKey}`)
        .set('X-Telegram-Bot-Api-Secret-Token', telegram.signingSecret)
        .send({
          update_id: 60000 + messageId,
          message: {
            message_id: messageId,
            from: { id: chatId, is_bot: false, first_name: 'Grace' },
            chat: { id: chatId, type: 'private' },
            date: 1749416390,
            ...fields,
          },
        });
    const pinned = await service(2, {
      pinned_message: {
        message_id: 1,
        chat: { id: chatId, type: 'private' },
        date: 1749416383,
        text: 'Hello',
      },
    });
    expect(pinned.status).toBe(200);
    expect(pinned.body.data).toEqual({ recorded: 0, duplicates: 0 });
    const timer = await service(3, {
      message_auto_delete_timer_changed: { message_auto_delete_time: 86400 },
    });
    expect(timer.body.data).toEqual({ recorded: 0, duplicates: 0 });
    const rows = await api.db.query(
      `SELECT m.content, c.unread_count FROM messages m JOIN conversations c ON c.id = m.conversation_id
        JOIN lead_identities i ON i.tenant_id = m.tenant_id AND i.lead_id = m.lead_id AND i.channel = 'telegram'
       WHERE m.tenant_id = $1 AND i.address = $2`,
      [tenant.id, String(chatId)],
    );
    expect(rows).toEqual([{ content: 'Hello there', unread_count: 1 }]);
  });

  it('a Telegram message of a kind we do not read (a giveaway, a type added after us) reads [unsupported message], never empty', async () => {
    const chatId = 7302;
    const send = (messageId: number, fields: Record<string, unknown>) =>
      api.http
        .post(`/webhooks/telegram/${telegram.webhookKey}`)
        .set('X-Telegram-Bot-Api-Secret-Token', telegram.signingSecret)
        .send({
          update_id: 61000 + messageId,
          message: {
            message_id: messageId,
            from: { id: chatId, is_bot: false, first_name: 'Grace' },
            chat: { id: chatId, type: 'private' },
            date: 1749416390 + messageId,
            ...fields,
          },
        });
    const giveaway = await send(1, {
      giveaway: {
        chats: [{ id: -100123, type: 'channel' }],
        winners_selection_date: 1749500000,
        winner_count: 3,
      },
    });
    expect(giveaway.body.data).toEqual({ recorded: 1, duplicates: 0 });
    await processed(`inbound:${SIMULATOR_DEFAULT_SENDERS.telegram}:${chatId}:1`);
    // A location whose coordinates are no place is nothing we can show either.
    await send(2, { location: { latitude: 91, longitude: 0 } });
    await processed(`inbound:${SIMULATOR_DEFAULT_SENDERS.telegram}:${chatId}:2`);
    const rows = await api.db.query(
      `SELECT m.content FROM messages m
        JOIN lead_identities i ON i.tenant_id = m.tenant_id AND i.lead_id = m.lead_id AND i.channel = 'telegram'
       WHERE m.tenant_id = $1 AND i.address = $2 ORDER BY m.provider_message_id`,
      [tenant.id, String(chatId)],
    );
    expect(rows).toEqual([{ content: '[unsupported message]' }, { content: '[unsupported message]' }]);
  });

  it("a Telegram chat's @username is its conversation's username (seed 003), kept when a message has none, gone with an erasure (the conversation closed and read)", async () => {
    await chat(9002, 1, 'Hello', 'charlie_brown');
    await chat(9002, 2, 'Anyone there?');
    const listed = await api.http.get('/api/telegram/conversations').set(tenant.admin.headers);
    const [{ lead_id: leadId }] = await api.db.query(
      `SELECT lead_id FROM lead_identities WHERE tenant_id = $1 AND channel = 'telegram' AND address = '9002'`,
      [tenant.id],
    );
    const mine = listed.body.data.find((c: { lead_id: string }) => c.lead_id === leadId);
    expect(mine).toMatchObject({ channel: 'telegram', username: '@charlie_brown', unread_count: 2 });
    // The activity feed tells of each message once (seed 003's whatsapp_message, here Telegram's).
    const feed = async () =>
      (await api.http.get('/api/system/activity?type=telegram_message').set(tenant.admin.headers)).body.data
        .filter((e: { data: { lead_id?: string } }) => e.data.lead_id === leadId)
        .map((e: { description: string; status: string }) => [e.description, e.status]);
    expect(await feed()).toEqual([
      ['Telegram message from Grace Hopper', 'received'],
      ['Telegram message from Grace Hopper', 'received'],
    ]);
    expect((await api.http.delete(`/api/leads/${leadId}?erase=true`).set(tenant.admin.headers)).status).toBe(
      200,
    );
    const [row] = await api.db.query(`SELECT handle, status, unread_count FROM conversations WHERE id = $1`, [
      mine.id,
    ]);
    // Closed and read: no one can answer it any longer.
    expect(row).toEqual({ handle: null, status: 'closed', unread_count: 0 });
    expect(await feed()).toEqual([
      ['About a lead since erased', 'received'],
      ['About a lead since erased', 'received'],
    ]);
  });

  // Last: its STOP lists an address for the tenant, which the Telegram case counts none of.
  it('an email STOP under a subject longer than a header line is confirmed under it, cut to 998 characters', async () => {
    const subject = `Re: ${'Quarterly pricing update and our long thread 🙂 '.repeat(25)}`;
    await mail({
      from: 'long.subject@example.org',
      to: 'inbox@clinic.example',
      subject,
      text: 'STOP',
      message_id: '<stop-long-1@example.org>',
    });
    const [lead] = await api.db.query(
      `SELECT id, opted_out_channels FROM leads WHERE tenant_id = $1 AND email = $2`,
      [tenant.id, 'long.subject@example.org'],
    );
    expect(lead.opted_out_channels).toEqual(['email']);
    const [confirmation] = await api.db.query(
      `SELECT content, subject FROM messages WHERE tenant_id = $1 AND lead_id = $2 AND direction = 'outbound'`,
      [tenant.id, lead.id],
    );
    expect(confirmation.content).toBe(OPT_OUT_CONFIRMATION);
    expect([...confirmation.subject]).toHaveLength(998);
    expect(confirmation.subject.startsWith('Re: Quarterly pricing update')).toBe(true);
    // Cut between characters: no half of an emoji left over.
    expect(Buffer.from(confirmation.subject, 'utf8').toString('utf8')).toBe(confirmation.subject);
  });

  it('an email STOP is confirmed under its subject with every reply and forward prefix taken off', async () => {
    await mail({
      from: 'prefixes@example.org',
      to: 'inbox@clinic.example',
      subject: 'RE[2]: AW: Fwd: Re: Your appointment',
      text: 'STOP',
      message_id: '<stop-prefixes-1@example.org>',
    });
    const [confirmation] = await api.db.query(
      `SELECT m.subject FROM messages m JOIN leads l ON l.id = m.lead_id
        WHERE m.tenant_id = $1 AND l.email = $2 AND m.direction = 'outbound'`,
      [tenant.id, 'prefixes@example.org'],
    );
    expect(confirmation).toEqual({ subject: 'Re: Your appointment' });
  });
});

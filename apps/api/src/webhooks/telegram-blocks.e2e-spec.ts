import { ChannelConfigsService, ResolvedChannel } from '@app/domain';
import { SIMULATOR_DEFAULT_SENDERS } from '@app/providers';
import { createTenant, expectError, TestTenant, useTestApiAndWorker, waitFor } from '@app/testing';

const BOT = SIMULATOR_DEFAULT_SENDERS.telegram;
const DATE = 1749416383;

/** A Telegram user blocking the bot (`my_chat_member`, `kicked`) opts their lead out of Telegram, in the worker. */
describe('Telegram bot blocked (e2e)', () => {
  const { api } = useTestApiAndWorker({ env: { WORKER_QUEUES: 'inbound-events' } });
  let tenant: TestTenant;
  let telegram: ResolvedChannel;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    telegram = await api.app.get(ChannelConfigsService).resolve(tenant.id, 'telegram');
  });

  const post = (update: unknown, secret = telegram.signingSecret) =>
    api.http
      .post(`/webhooks/telegram/${telegram.webhookKey}`)
      .set('X-Telegram-Bot-Api-Secret-Token', secret)
      .send(update as object);

  const processed = (eventKey: string) =>
    waitFor(
      async () => {
        const [row] = await api.db.query(
          `SELECT id, lead_id FROM webhook_events
            WHERE tenant_id = $1 AND event_key = $2 AND processed_at IS NOT NULL`,
          [tenant.id, eventKey],
        );
        return row as { id: string; lead_id: string | null } | undefined;
      },
      15_000,
      eventKey,
    );

  const message = (chatId: number, messageId: number, text: string, date = DATE) => ({
    update_id: 60000 + messageId,
    message: {
      message_id: messageId,
      from: { id: chatId, is_bot: false, first_name: 'Grace', last_name: 'Hopper' },
      chat: { id: chatId, type: 'private' },
      date,
      text,
    },
  });

  /** Telegram's `my_chat_member` update: the bot's status in the chat went from `from` to `to`. */
  const membership = (
    updateId: number,
    chat: { id: number; type: string },
    from: string,
    to: string,
    date = DATE + 60,
  ) => ({
    update_id: updateId,
    my_chat_member: {
      chat,
      from: { id: chat.id, is_bot: false, first_name: 'Grace' },
      date,
      old_chat_member: { user: { id: Number(BOT), is_bot: true, first_name: 'Bot' }, status: from },
      new_chat_member: {
        user: { id: Number(BOT), is_bot: true, first_name: 'Bot' },
        status: to,
        ...(to === 'kicked' ? { until_date: 0 } : {}),
      },
    },
  });

  async function chatLead(chatId: number): Promise<string> {
    expect((await post(message(chatId, chatId, 'Hello'))).status).toBe(200);
    const event = await processed(`inbound:${BOT}:${chatId}:${chatId}`);
    return event.lead_id as string;
  }

  const leadOf = async (leadId: string) =>
    (
      await api.db.query(`SELECT opted_out_channels, unlisted_opt_outs FROM leads WHERE id = $1`, [leadId])
    )[0] as { opted_out_channels: string[]; unlisted_opt_outs: string[] };

  const count = async (table: string) =>
    (await api.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenant.id]))[0]
      .n as number;

  const optOutEntries = async () =>
    (await api.http.get('/api/system/activity').query({ type: 'lead.opted_out' }).set(tenant.admin.headers))
      .body.data as { data: Record<string, unknown> }[];

  it("opts the chat's lead out of Telegram once, with no message, however often Telegram redelivers it", async () => {
    const leadId = await chatLead(8101);
    const messages = await count('messages');
    const blocked = membership(70001, { id: 8101, type: 'private' }, 'member', 'kicked');

    expect((await post(blocked)).body).toEqual({ success: true, data: { recorded: 1, duplicates: 0 } });
    const event = await processed(`opt_out:telegram:${BOT}:70001`);
    expect(event.lead_id).toBe(leadId);
    expect(await leadOf(leadId)).toEqual({
      opted_out_channels: ['telegram'],
      unlisted_opt_outs: ['telegram'],
    });
    // No message: the inbox shows nothing for it, and nothing was sent (no confirmation into a block).
    expect(await count('messages')).toBe(messages);
    const entries = (await optOutEntries()).filter((e) => e.data.lead_id === leadId);
    expect(entries).toEqual([
      expect.objectContaining({
        data: { lead_id: leadId, event_id: event.id, channel: 'telegram', source: 'provider' },
      }),
    ]);

    // Telegram's redelivery of the same update is the same event: nothing changes.
    expect((await post(blocked)).body).toEqual({ success: true, data: { recorded: 0, duplicates: 1 } });
    const [{ n }] = await api.db.query(
      `SELECT count(*)::int AS n FROM webhook_events WHERE tenant_id = $1 AND event_key LIKE 'opt_out:%'`,
      [tenant.id],
    );
    expect(n).toBe(1);
    expect((await optOutEntries()).filter((e) => e.data.lead_id === leadId)).toHaveLength(1);
    expect(await leadOf(leadId)).toEqual({
      opted_out_channels: ['telegram'],
      unlisted_opt_outs: ['telegram'],
    });
    expect(await count('messages')).toBe(messages);

    // Nothing more is sent into the block.
    const next = await api.http
      .post(`/api/leads/${leadId}/messages`)
      .set(tenant.admin.headers)
      .send({ channel: 'telegram', body: 'Still there?' });
    expect(next.status).toBe(422);
    expect(next.body.error).toMatchObject({ code: 'POLICY_VIOLATION' });
  });

  it('an unblock changes nothing by itself; the /start after it opts the lead back in', async () => {
    const leadId = await chatLead(8102);
    await post(membership(70002, { id: 8102, type: 'private' }, 'member', 'kicked', DATE + 60));
    await processed(`opt_out:telegram:${BOT}:70002`);
    expect((await leadOf(leadId)).opted_out_channels).toEqual(['telegram']);

    const events = await count('webhook_events');
    const unblocked = membership(70003, { id: 8102, type: 'private' }, 'kicked', 'member', DATE + 120);
    expect((await post(unblocked)).body).toEqual({ success: true, data: { recorded: 0, duplicates: 0 } });
    expect(await count('webhook_events')).toBe(events);
    expect((await leadOf(leadId)).opted_out_channels).toEqual(['telegram']);

    expect((await post(message(8102, 9102, '/start', DATE + 121))).status).toBe(200);
    await processed(`inbound:${BOT}:8102:9102`);
    expect((await leadOf(leadId)).opted_out_channels).toEqual([]);
  });

  it('a chat that is no lead of ours changes nothing, and makes no lead', async () => {
    const before = { leads: await count('leads'), messages: await count('messages') };
    const entries = (await optOutEntries()).length;
    expect((await post(membership(70004, { id: 8199, type: 'private' }, 'member', 'kicked'))).status).toBe(
      200,
    );
    const event = await processed(`opt_out:telegram:${BOT}:70004`);
    expect(event.lead_id).toBeNull();
    expect({ leads: await count('leads'), messages: await count('messages') }).toEqual(before);
    expect(await optOutEntries()).toHaveLength(entries);
  });

  it('ignores the bot removed from a group, and refuses a block without the secret token', async () => {
    const leadId = await chatLead(8103);
    const events = await count('webhook_events');
    const group = membership(70005, { id: -1008103, type: 'supergroup' }, 'member', 'kicked');
    expect((await post(group)).body).toEqual({ success: true, data: { recorded: 0, duplicates: 0 } });

    const blocked = membership(70006, { id: 8103, type: 'private' }, 'member', 'kicked');
    expectError(await post(blocked, 'wrong'), 403, 'AUTHORIZATION_FAILED');
    expectError(
      await api.http.post(`/webhooks/telegram/${telegram.webhookKey}`).send(blocked),
      403,
      'AUTHORIZATION_FAILED',
    );
    expect(await count('webhook_events')).toBe(events);
    expect((await leadOf(leadId)).opted_out_channels).toEqual([]);
  });

  it("erasing the lead (GDPR Art. 17) erases their block still waiting for the worker, and no one else's", async () => {
    const leadId = await chatLead(8104);
    // Recorded as the webhook records it and left waiting (no job: the worker has not come to it yet).
    const waiting = async (chatId: number, updateId: number) => {
      const update = membership(updateId, { id: chatId, type: 'private' }, 'member', 'kicked');
      const optOut = {
        channel: 'telegram',
        from: String(chatId),
        event_id: `${BOT}:${updateId}`,
        occurred_at: new Date().toISOString(),
      };
      const [row] = await api.db.query(
        `INSERT INTO webhook_events (tenant_id, provider, kind, event_key, payload)
         VALUES ($1, 'simulator', 'opt_out', $2, $3) RETURNING id`,
        [
          tenant.id,
          `opt_out:telegram:${BOT}:${updateId}`,
          { kind: 'opt_out', channel: 'telegram', opt_out: optOut, raw: update },
        ],
      );
      return row.id as string;
    };
    const theirs = await waiting(8104, 70007);
    const stranger = await waiting(8198, 70008);

    const erased = await api.http.delete(`/api/leads/${leadId}?erase=true`).set(tenant.admin.headers);
    expect(erased.status).toBe(200);

    const eventOf = async (id: string) =>
      (await api.db.query(`SELECT payload, processed_at FROM webhook_events WHERE id = $1`, [id]))[0] as {
        payload: Record<string, unknown>;
        processed_at: Date | null;
      };
    const gone = await eventOf(theirs);
    expect(gone.payload).toEqual({ kind: 'opt_out', erased: true });
    expect(gone.processed_at).not.toBeNull();
    const kept = await eventOf(stranger);
    expect(kept.processed_at).toBeNull();
    expect(kept.payload).toMatchObject({ kind: 'opt_out', opt_out: { from: '8198' } });
  });
});

import { loadConfig } from '@app/config';
import { ChannelConfigsService } from '@app/domain';
import type { MessagingChannel } from '@app/providers';
import {
  AppProcess,
  createTenant,
  createTestApi,
  isolatedDatabase,
  IsolatedDatabase,
  postLeadReply,
  PROCESS_START_MS,
  PublicUrl,
  publicUrl,
  startProcess,
  startProcesses,
  TestApi,
  testEnv,
  TestTenant,
  waitFor,
} from '@app/testing';
import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';

/**
 * Issue 4's "Done means", through the HTTP, webhook and socket.io edges with the simulator and TWO worker
 * processes: on each channel the lead writes, shows in the inbox (unread, live), is answered from the inbox
 * (queued → sent → delivered where the channel reports it, live and in the message list), opts out with STOP
 * (recorded, confirmed once, later sends refused with 422 and nothing recorded), and opts back in with START.
 */

const SEED = 'journey-seed';
/** Only sms and whatsapp carry (Twilio) status callbacks, WhatsApp up to `read`; the others end at `sent`. */
const FINAL: Record<MessagingChannel, string> = {
  sms: 'delivered',
  whatsapp: 'read',
  telegram: 'sent',
  email: 'sent',
};
const ADDRESS: Record<MessagingChannel, string> = {
  sms: '+14155550181',
  whatsapp: '+14155550182',
  telegram: '700100181',
  email: 'journey.lead@example.com',
};

describe('messaging journey on every channel, two workers (e2e)', () => {
  let database: IsolatedDatabase;
  let proxy: PublicUrl;
  let api: TestApi;
  let workers: AppProcess[] = [];
  let db: DataSource;
  let tenant: TestTenant;
  let socket: Socket;
  const events: { name: string; data: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    proxy = await publicUrl();
    // The workers' sweeps read every tenant's rows: on the shared test database they would send other files'
    // queued messages (those left under an old platform clock) through this file's simulator.
    database = await isolatedDatabase();
    const env = testEnv({
      DATABASE_URL: database.url,
      PUBLIC_BASE_URL: proxy.url,
      SIMULATOR_SEED: SEED,
      SIMULATOR_DELAY_MS: '0',
      SIMULATOR_FAILURE_RATE: '0',
      SIMULATOR_REPLY_RATE: '0',
    });
    api = await createTestApi({ config: loadConfig(env) });
    proxy.target.port = Number(new URL(api.url).port);
    db = api.app.get(DataSource);
    workers = await startProcesses([1, 2].map(() => startProcess('worker', env)));
    tenant = await createTenant(api.http);
    socket = io(api.url, { auth: { token: tenant.admin.token }, transports: ['websocket'] });
    socket.onAny((name: string, data: Record<string, unknown>) => events.push({ name, data }));
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  }, PROCESS_START_MS + 90_000);

  afterAll(async () => {
    socket?.close();
    await Promise.all(workers.map((w) => w.stop()));
    await api?.close();
    await proxy?.close();
    await database?.drop();
  });

  const headers = () => tenant.admin.headers;

  async function leadWrites(channel: MessagingChannel, body: string): Promise<void> {
    const resolved = await api.app.get(ChannelConfigsService).resolve(tenant.id, channel);
    const res = await postLeadReply(api.http, resolved, {
      publicBaseUrl: proxy.url,
      seed: SEED,
      from: ADDRESS[channel],
      body,
    });
    expect(res.status).toBeLessThan(300);
  }

  async function messageList(conversationId: string) {
    const res = await api.http.get(`/api/conversations/${conversationId}/messages?limit=100`).set(headers());
    expect(res.status).toBe(200);
    return res.body.data as {
      id: string;
      direction: string;
      sender: string;
      content: string | null;
      status: string;
    }[];
  }

  const statusesOf = (messageId: string) =>
    events
      .filter((e) => e.name === 'message.status' && e.data.message_id === messageId)
      .map((e) => e.data.status);

  async function send(conversationId: string, body: string) {
    return api.http.post(`/api/conversations/${conversationId}/messages`).set(headers()).send({ body });
  }

  async function delivered(conversationId: string, messageId: string, final: string) {
    await waitFor(
      async () =>
        (await messageList(conversationId)).find((m) => m.id === messageId)?.status === final
          ? true
          : undefined,
      20_000,
      `message ${messageId} ${final}`,
    );
    // Each status's event, not only the last: two drains can publish theirs in either order.
    const expected =
      final === 'read'
        ? ['sent', 'delivered', 'read']
        : final === 'delivered'
          ? ['sent', 'delivered']
          : ['sent'];
    await waitFor(
      () => expected.every((s) => statusesOf(messageId).includes(s)),
      5_000,
      `live ${expected.join(', ')}`,
    );
  }

  it.each(['sms', 'whatsapp', 'telegram', 'email'] as MessagingChannel[])(
    '%s: reply in the inbox, answer sent live, STOP refused with 422, START works again',
    async (channel) => {
      // 1. The lead writes first: the inbox shows it unread, live to the tenant and the conversation rooms.
      await leadWrites(channel, `Hi, ${channel} here`);
      const conversation = await waitFor(async () => {
        const res = await api.http.get(`/api/conversations?channel=${channel}`).set(headers());
        return res.body.data?.[0] as { id: string; unread_count: number; lead_id: string } | undefined;
      }, 15_000);
      expect(conversation.unread_count).toBe(1);
      const leadId = conversation.lead_id;
      await waitFor(() =>
        events.some((e) => e.name === 'message.received' && e.data.conversation_id === conversation.id)
          ? true
          : undefined,
      );
      if (channel !== 'email') {
        await waitFor(() => (events.some((e) => e.name === `new_${channel}_message`) ? true : undefined));
      }
      const joined = await socket.emitWithAck('join_room', { conversation_id: conversation.id });
      expect(joined.success).toBe(true);

      // 2. The agent answers from the inbox: queued, then sent (and delivered) in the list and over socket.io.
      const answer = await send(conversation.id, `Thanks for writing on ${channel}!`);
      expect(answer.status).toBe(201);
      expect(answer.body.data.status).toBe('queued');
      await delivered(conversation.id, answer.body.data.id, FINAL[channel]);
      const seen = statusesOf(answer.body.data.id);
      expect(seen.indexOf('sent')).toBeGreaterThanOrEqual(0);
      if (FINAL[channel] !== 'sent') {
        expect(seen.indexOf('delivered')).toBeGreaterThan(seen.indexOf('sent'));
        expect(seen.lastIndexOf(FINAL[channel])).toBeGreaterThanOrEqual(seen.indexOf('delivered'));
      }

      // 3. STOP: recorded, one confirmation goes out, and a new send is refused with nothing recorded.
      await leadWrites(channel, 'STOP');
      const lead = await waitFor(async () => {
        const res = await api.http.get(`/api/leads/${leadId}`).set(headers());
        return (res.body.data.opted_out_channels as string[]).includes(channel) ? res.body.data : undefined;
      }, 15_000);
      expect(lead.opted_out_channels).toContain(channel);
      const confirmations = await waitFor(async () => {
        const list = (await messageList(conversation.id)).filter((m) => m.sender === 'system');
        return list.length ? list : undefined;
      }, 15_000);
      expect(confirmations).toHaveLength(1);
      const before = await db.query(`SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1`, [
        tenant.id,
      ]);
      const refused = await send(conversation.id, 'Are you sure?');
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('POLICY_VIOLATION');
      // STOP lists the address on the do-not-contact list for the channel (sms, whatsapp, email) or, with no
      // address to list (a Telegram chat), on the lead only.
      expect(refused.body.error.details.rule).toBe(channel === 'telegram' ? 'opted_out' : 'do_not_contact');
      const after = await db.query(`SELECT count(*)::int AS n FROM messages WHERE tenant_id = $1`, [
        tenant.id,
      ]);
      expect(after).toEqual(before);

      // 4. START opts back in: the next send goes.
      await leadWrites(channel, 'START');
      await waitFor(async () => {
        const res = await api.http.get(`/api/leads/${leadId}`).set(headers());
        return (res.body.data.opted_out_channels as string[]).includes(channel) ? undefined : true;
      }, 15_000);
      const again = await send(conversation.id, 'Welcome back');
      expect(again.status).toBe(201);
      await delivered(conversation.id, again.body.data.id, FINAL[channel]);
      // Still exactly one confirmation of the STOP.
      expect((await messageList(conversation.id)).filter((m) => m.sender === 'system')).toHaveLength(1);
    },
    60_000,
  );
});

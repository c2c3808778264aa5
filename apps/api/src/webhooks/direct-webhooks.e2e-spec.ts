import { ChannelConfigsService, ResolvedChannel } from '@app/domain';
import { signMetaPayload } from '@app/providers';
import { countRows, createTenant, expectError, TestTenant, useTestApi } from '@app/testing';
import {
  contactsWebhook,
  flowReplyWebhook,
  locationWebhook,
  orderWebhook,
  reactionWebhook,
  requestWelcomeWebhook,
  systemWebhook,
  unsupportedWebhook,
} from '../../../../libs/providers/test/fixtures/whatsapp-cloud.fixtures';

/** webhook_events.payload as the tests read it. */
type RecordedPayload = Record<string, unknown> & { message: unknown; update: unknown };

/** Issue 4 item 5: Meta's handshake and signed events, Telegram's secret token, the inbound-email secret. */
describe('WhatsApp Cloud, Telegram and inbound-email webhooks (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let whatsapp: ResolvedChannel;
  let telegram: ResolvedChannel;
  let email: ResolvedChannel;
  const APP_SECRET = 'meta-app-secret-0123456789';
  const VERIFY_TOKEN = 'verify-me-please';

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    const put = await api.http
      .put('/api/config/whatsapp')
      .set(tenant.admin.headers)
      .send({
        provider: 'whatsapp_cloud',
        credentials: {
          access_token: 'EAAG-test-token',
          phone_number_id: '106540352242922',
          app_secret: APP_SECRET,
          verify_token: VERIFY_TOKEN,
        },
      });
    expect(put.status).toBe(200);
    const channels = api.app.get(ChannelConfigsService);
    whatsapp = await channels.resolve(tenant.id, 'whatsapp');
    telegram = await channels.resolve(tenant.id, 'telegram');
    email = await channels.resolve(tenant.id, 'email');
  });

  const events = () => countRows(api.db, 'webhook_events', 'tenant_id = $1', [tenant.id]);

  describe('GET /webhooks/whatsapp (verification)', () => {
    it("echoes Meta's challenge as text when the verify token matches", async () => {
      const res = await api.http.get('/webhooks/whatsapp').query({
        key: whatsapp.webhookKey,
        'hub.mode': 'subscribe',
        'hub.verify_token': VERIFY_TOKEN,
        'hub.challenge': '1158201444',
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.text).toBe('1158201444');
    });

    it('refuses a wrong token or an unknown key with 403', async () => {
      const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'nope', 'hub.challenge': '1' };
      expectError(
        await api.http.get('/webhooks/whatsapp').query({ ...query, key: whatsapp.webhookKey }),
        403,
        'AUTHORIZATION_FAILED',
      );
      expectError(
        await api.http
          .get('/webhooks/whatsapp')
          .query({ ...query, 'hub.verify_token': VERIFY_TOKEN, key: 'B'.repeat(24) }),
        403,
        'AUTHORIZATION_FAILED',
      );
    });
  });

  describe('POST /webhooks/whatsapp', () => {
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
                contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
                messages: [
                  {
                    from: '16505551234',
                    id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
                    timestamp: '1749416383',
                    type: 'text',
                    text: { body: 'Does it come in another color?' },
                  },
                ],
                statuses: [
                  {
                    id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MTE5MjY5RkY2RTMzMjY5NDMA',
                    status: 'delivered',
                    timestamp: '1750263773',
                    recipient_id: '16505551234',
                  },
                ],
              },
            },
          ],
        },
      ],
    });

    const post = (raw: string, signature?: string, key = whatsapp.webhookKey) => {
      const req = api.http.post(`/webhooks/whatsapp?key=${key}`).set('Content-Type', 'application/json');
      return (signature ? req.set('X-Hub-Signature-256', signature) : req).send(raw);
    };

    it('records the messages and statuses of a signed delivery once', async () => {
      const signature = signMetaPayload(APP_SECRET, body);
      const res = await post(body, signature);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ success: true, data: { recorded: 2, duplicates: 0 } });
      const again = await post(body, signature);
      expect(again.body).toEqual({ success: true, data: { recorded: 0, duplicates: 2 } });
      const rows: { kind: string; provider: string; payload: RecordedPayload }[] = await api.db.query(
        `SELECT kind, provider, payload FROM webhook_events WHERE tenant_id = $1 ORDER BY kind`,
        [tenant.id],
      );
      expect(rows.map((r) => [r.kind, r.provider])).toEqual([
        ['inbound', 'whatsapp_cloud'],
        ['status', 'whatsapp_cloud'],
      ]);
      expect(rows[0].payload.message).toMatchObject({
        channel: 'whatsapp',
        from: '+16505551234',
        body: 'Does it come in another color?',
        sender_name: 'Sheena Nelson',
      });
      expect(rows[1].payload.update).toMatchObject({ status: 'delivered' });
    });

    it('records a status with the message id its send attached (biz_opaque_callback_data), as Twilio callbacks carry theirs', async () => {
      const ours = '0192f3a4-0000-7000-8000-0000000000aa';
      const withData = JSON.parse(body) as {
        entry: { changes: { value: { messages?: unknown; statuses: Record<string, unknown>[] } }[] }[];
      };
      const value = withData.entry[0].changes[0].value;
      delete value.messages;
      value.statuses = [{ ...value.statuses[0], id: 'wamid.WITHDATA', biz_opaque_callback_data: ours }];
      const raw = JSON.stringify(withData);
      expect((await post(raw, signMetaPayload(APP_SECRET, raw))).body.data).toEqual({
        recorded: 1,
        duplicates: 0,
      });
      const [row] = await api.db.query(
        `SELECT payload FROM webhook_events WHERE tenant_id = $1 AND event_key LIKE '%wamid.WITHDATA%'`,
        [tenant.id],
      );
      expect(row.payload).toMatchObject({
        kind: 'status',
        message_id: ours,
        update: { callback_data: ours },
      });
    });

    it('acknowledges a removed reaction without recording it: nothing reaches the inbox', async () => {
      const before = await events();
      const raw = JSON.stringify(reactionWebhook('wamid.UNREACTION'));
      const res = await post(raw, signMetaPayload(APP_SECRET, raw));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ success: true, data: { recorded: 0, duplicates: 0 } });
      expect(await events()).toBe(before);
    });

    it('acknowledges a changed number or a chat opened without recording them: nobody wrote', async () => {
      const before = await events();
      for (const payload of [systemWebhook('wamid.SYSTEM'), requestWelcomeWebhook('wamid.WELCOME')]) {
        const raw = JSON.stringify(payload);
        const res = await post(raw, signMetaPayload(APP_SECRET, raw));
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ success: true, data: { recorded: 0, duplicates: 0 } });
      }
      expect(await events()).toBe(before);
    });

    it('records a message Meta does not support as a placeholder the inbox can show', async () => {
      const raw = JSON.stringify(unsupportedWebhook('wamid.UNSUPPORTED'));
      const res = await post(raw, signMetaPayload(APP_SECRET, raw));
      expect(res.body).toEqual({ success: true, data: { recorded: 1, duplicates: 0 } });
      const [row] = await api.db.query(
        `SELECT payload FROM webhook_events WHERE tenant_id = $1 AND event_key LIKE '%wamid.UNSUPPORTED%'`,
        [tenant.id],
      );
      expect(row.payload.message).toMatchObject({ from: '+16505551234', body: '[unsupported message]' });
    });

    it('records a shared place, contact card or order written out, never as an empty message', async () => {
      const shared = [
        locationWebhook('wamid.LOCATION'),
        contactsWebhook('wamid.CONTACTS'),
        orderWebhook('wamid.ORDER'),
      ];
      for (const payload of shared) {
        const raw = JSON.stringify(payload);
        const res = await post(raw, signMetaPayload(APP_SECRET, raw));
        expect(res.body).toEqual({ success: true, data: { recorded: 1, duplicates: 0 } });
      }
      const rows: { payload: { message: { body: string } } }[] = await api.db.query(
        `SELECT payload FROM webhook_events WHERE tenant_id = $1 AND event_key = ANY($2) ORDER BY event_key`,
        [tenant.id, ['wamid.CONTACTS', 'wamid.LOCATION', 'wamid.ORDER'].map((id) => `inbound:${id}`)],
      );
      expect(rows.map((r) => r.payload.message.body.split('\n')[0])).toEqual([
        '👤 Contact: Barbara J. Johnson, +1 (415) 555-0123, +1 (415) 555-0456, barbara.johnson@example.com',
        '📍 Location: Philz Coffee, 101 Forest Ave, Palo Alto, CA 94301 (37.442163, -122.161536)',
        '🛒 Order: 3 items (catalog 194836987003835)',
      ]);
    });

    it("records a Flow's answers written out, never as an empty message", async () => {
      const raw = JSON.stringify(flowReplyWebhook('wamid.FLOW', { name: 'Sheena', guests: 3 }));
      const res = await post(raw, signMetaPayload(APP_SECRET, raw));
      expect(res.body).toEqual({ success: true, data: { recorded: 1, duplicates: 0 } });
      const [row]: { payload: { message: { body: string } } }[] = await api.db.query(
        `SELECT payload FROM webhook_events WHERE tenant_id = $1 AND event_key = 'inbound:wamid.FLOW'`,
        [tenant.id],
      );
      expect(row.payload.message.body).toBe('📝 Form reply: name: Sheena, guests: 3');
    });

    it('refuses an unsigned, re-serialised or wrongly keyed delivery with 403 and records nothing', async () => {
      const before = await events();
      expectError(await post(body), 403, 'AUTHORIZATION_FAILED');
      const reserialised = JSON.stringify(JSON.parse(body), null, 1);
      expectError(await post(reserialised, signMetaPayload(APP_SECRET, body)), 403, 'AUTHORIZATION_FAILED');
      expectError(await post(body, signMetaPayload('another-secret', body)), 403, 'AUTHORIZATION_FAILED');
      expectError(
        await post(body, signMetaPayload(APP_SECRET, body), telegram.webhookKey),
        403,
        'AUTHORIZATION_FAILED',
      );
      expect(await events()).toBe(before);
    });
  });

  describe('POST /webhooks/telegram/:key', () => {
    const update = (id: number, text: string) => ({
      update_id: 10000 + id,
      message: {
        message_id: id,
        from: { id: 7001, is_bot: false, first_name: 'Grace', last_name: 'Hopper' },
        chat: { id: 7001, type: 'private' },
        date: 1749416383,
        text,
      },
    });

    it('records a message with the right secret token once', async () => {
      const send = () =>
        api.http
          .post(`/webhooks/telegram/${telegram.webhookKey}`)
          .set('X-Telegram-Bot-Api-Secret-Token', telegram.signingSecret)
          .send(update(1, 'hello'));
      expect((await send()).body).toEqual({ success: true, data: { recorded: 1, duplicates: 0 } });
      expect((await send()).body).toEqual({ success: true, data: { recorded: 0, duplicates: 1 } });
      const [row] = await api.db.query(
        `SELECT payload FROM webhook_events WHERE tenant_id = $1 AND provider = 'simulator' AND kind = 'inbound'`,
        [tenant.id],
      );
      expect(row.payload.message).toMatchObject({
        channel: 'telegram',
        from: '7001',
        sender_name: 'Grace Hopper',
      });
    });

    it('records a shared venue or contact written out, not as an empty message', async () => {
      const shared = (id: number, fields: Record<string, unknown>) => {
        const { text: _text, ...message } = update(id, '').message;
        return api.http
          .post(`/webhooks/telegram/${telegram.webhookKey}`)
          .set('X-Telegram-Bot-Api-Secret-Token', telegram.signingSecret)
          .send({ update_id: 10000 + id, message: { ...message, ...fields } });
      };
      const location = { latitude: 51.500729, longitude: -0.124625 };
      const venue = { location, title: 'Big Ben', address: 'London SW1A 0AA' };
      const contact = { phone_number: '+447700900123', first_name: 'Charles', last_name: 'Babbage' };
      expect((await shared(31, { location, venue })).body.data).toEqual({ recorded: 1, duplicates: 0 });
      expect((await shared(32, { contact })).body.data).toEqual({ recorded: 1, duplicates: 0 });
      const rows: { payload: { message: { body: string } } }[] = await api.db.query(
        `SELECT payload FROM webhook_events WHERE tenant_id = $1 AND event_key LIKE ANY($2) ORDER BY event_key`,
        [tenant.id, ['inbound:%:7001:31', 'inbound:%:7001:32']],
      );
      expect(rows.map((r) => r.payload.message.body)).toEqual([
        '📍 Location: Big Ben, London SW1A 0AA (51.500729, -0.124625)\nhttps://maps.google.com/?q=51.500729,-0.124625',
        '👤 Contact: Charles Babbage, +447700900123',
      ]);
    });

    it('records a poll, a dice roll or a forwarded story written out, not as an empty message', async () => {
      const shared = (id: number, fields: Record<string, unknown>) => {
        const { text: _text, ...message } = update(id, '').message;
        return api.http
          .post(`/webhooks/telegram/${telegram.webhookKey}`)
          .set('X-Telegram-Bot-Api-Secret-Token', telegram.signingSecret)
          .send({ update_id: 10000 + id, message: { ...message, ...fields } });
      };
      const poll = { id: 'p1', question: 'Demo day?', options: [{ text: 'Mon' }, { text: 'Fri' }] };
      expect((await shared(41, { poll })).body.data).toEqual({ recorded: 1, duplicates: 0 });
      expect((await shared(42, { dice: { emoji: '🎲', value: 5 } })).body.data).toEqual({
        recorded: 1,
        duplicates: 0,
      });
      expect(
        (await shared(43, { story: { chat: { id: -100123, type: 'channel' }, id: 7 } })).body.data,
      ).toEqual({
        recorded: 1,
        duplicates: 0,
      });
      const rows: { payload: { message: { body: string } } }[] = await api.db.query(
        `SELECT payload FROM webhook_events WHERE tenant_id = $1 AND event_key LIKE ANY($2) ORDER BY event_key`,
        [tenant.id, ['inbound:%:7001:41', 'inbound:%:7001:42', 'inbound:%:7001:43']],
      );
      expect(rows.map((r) => r.payload.message.body)).toEqual([
        '📊 Poll: Demo day? (Mon / Fri)',
        '🎲 Dice: 5',
        '[story]',
      ]);
    });

    it('acknowledges an update with no message without recording it', async () => {
      const before = await events();
      const res = await api.http
        .post(`/webhooks/telegram/${telegram.webhookKey}`)
        .set('X-Telegram-Bot-Api-Secret-Token', telegram.signingSecret)
        .send({ update_id: 1, callback_query: { id: '4382', from: { id: 7001 }, data: 'yes' } });
      expect(res.body).toEqual({ success: true, data: { recorded: 0, duplicates: 0 } });
      expect(await events()).toBe(before);
    });

    it('refuses a missing or wrong secret token, or an unknown key, with 403', async () => {
      const before = await events();
      const path = `/webhooks/telegram/${telegram.webhookKey}`;
      expectError(await api.http.post(path).send(update(2, 'x')), 403, 'AUTHORIZATION_FAILED');
      expectError(
        await api.http.post(path).set('X-Telegram-Bot-Api-Secret-Token', 'wrong').send(update(2, 'x')),
        403,
        'AUTHORIZATION_FAILED',
      );
      expectError(
        await api.http
          .post(`/webhooks/telegram/${'C'.repeat(24)}`)
          .set('X-Telegram-Bot-Api-Secret-Token', telegram.signingSecret)
          .send(update(2, 'x')),
        403,
        'AUTHORIZATION_FAILED',
      );
      expect(await events()).toBe(before);
    });
  });

  describe('POST /webhooks/email-inbound', () => {
    const mail = {
      from: '"Ada Lovelace" <Ada@Example.com>',
      to: 'inbox@clinic.example',
      subject: 'Re: Your appointment',
      text: 'Yes, Tuesday works.',
      message_id: '<CAF=abc@mail.example.com>',
      in_reply_to: '<0192f@clinic.example>',
    };

    it('records a mail posted with the key and secret once', async () => {
      const path = `/webhooks/email-inbound?key=${email.webhookKey}&secret=${encodeURIComponent(email.signingSecret)}`;
      expect((await api.http.post(path).send(mail)).body).toEqual({
        success: true,
        data: { recorded: 1, duplicates: 0 },
      });
      expect((await api.http.post(path).send(mail)).body.data).toEqual({ recorded: 0, duplicates: 1 });
      const [row] = await api.db.query(
        `SELECT payload FROM webhook_events WHERE tenant_id = $1 AND event_key = $2`,
        [tenant.id, 'inbound:<CAF=abc@mail.example.com>'],
      );
      expect(row.payload.message).toMatchObject({
        channel: 'email',
        from: 'ada@example.com',
        threading: { in_reply_to: '<0192f@clinic.example>' },
      });
    });

    it('refuses a missing or wrong secret with 403 and an incomplete mail with 400, recording nothing', async () => {
      const before = await events();
      const base = `/webhooks/email-inbound?key=${email.webhookKey}`;
      expectError(await api.http.post(base).send(mail), 403, 'AUTHORIZATION_FAILED');
      expectError(await api.http.post(`${base}&secret=wrong`).send(mail), 403, 'AUTHORIZATION_FAILED');
      const res = await api.http
        .post(`${base}&secret=${encodeURIComponent(email.signingSecret)}`)
        .send({ to: 'inbox@clinic.example', text: 'no sender' });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
      expect(await events()).toBe(before);
    });
  });
});

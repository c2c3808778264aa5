import { ChannelConfigsService, ResolvedChannel } from '@app/domain';
import { JobProducer, QueueName } from '@app/queues';
import { signTwilioRequest } from '@app/providers';
import {
  countRows,
  createTenant,
  createTestApi,
  expectError,
  TestApi,
  TestTenant,
  useTestApi,
  waitFor,
} from '@app/testing';

/** webhook_events.payload as the tests read it. */
type RecordedPayload = Record<string, unknown> & { message: unknown; update: unknown };

/** DESIGN §7.7 and issue 4 item 5: Twilio's messaging webhooks check the signature before anything is written. */
describe('Twilio messaging webhooks (e2e)', () => {
  const api = useTestApi();
  let tenant: TestTenant;
  let other: TestTenant;
  let sms: ResolvedChannel;
  let otherSms: ResolvedChannel;
  let telegram: ResolvedChannel;

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    other = await createTenant(api.http);
    const channels = api.app.get(ChannelConfigsService);
    sms = await channels.resolve(tenant.id, 'sms');
    otherSms = await channels.resolve(other.id, 'sms');
    telegram = await channels.resolve(tenant.id, 'telegram');
  });

  const events = (tenantId = tenant.id) => countRows(api.db, 'webhook_events', 'tenant_id = $1', [tenantId]);
  const url = (path: string) => `${api.config.publicBaseUrl}${path}`;
  let seq = 0;
  const inbound = (extra: Record<string, string> = {}) => ({
    MessageSid: `SM${String(++seq).padStart(32, '0')}`,
    SmsSid: `SM${String(seq).padStart(32, '0')}`,
    AccountSid: 'AC00000000000000000000000000000000',
    From: '+15558675310',
    To: '+15005550006',
    Body: 'Yes, tell me more',
    NumMedia: '0',
    ...extra,
  });
  const post = (path: string, form: Record<string, string>, signature?: string) => {
    const req = api.http.post(path).type('form').send(form);
    return signature === undefined ? req : req.set('X-Twilio-Signature', signature);
  };

  describe('POST /webhooks/twilio/messaging', () => {
    it('records a signed inbound message once, queues it, and answers empty TwiML', async () => {
      const path = `/webhooks/twilio/messaging?key=${sms.webhookKey}`;
      const form = inbound();
      const signature = signTwilioRequest(sms.signingSecret, url(path), form);
      const res = await post(path, form, signature);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/xml/);
      expect(res.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
      const again = await post(path, form, signature);
      expect(again.status).toBe(200);
      expect(again.text).toContain('<Response/>');

      const rows: {
        id: string;
        kind: string;
        event_key: string;
        provider: string;
        payload: RecordedPayload;
      }[] = await api.db.query(
        `SELECT id, kind, event_key, provider, payload FROM webhook_events WHERE tenant_id = $1 AND event_key = $2`,
        [tenant.id, `inbound:${form.MessageSid}`],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: 'inbound', provider: 'simulator' });
      expect(rows[0].payload.message).toMatchObject({
        channel: 'sms',
        from: '+15558675310',
        body: 'Yes, tell me more',
        provider_message_id: form.MessageSid,
      });
      const job = await api.app
        .get(JobProducer)
        .queue(QueueName.InboundEvents)
        .getJob(`inbound-${rows[0].id}`);
      expect(job?.name).toBe('inbound.process');
      expect(job?.data).toEqual({ tenant_id: tenant.id, event_id: rows[0].id });
    });

    it('reads a whatsapp: sender as a WhatsApp message', async () => {
      const path = `/webhooks/twilio/messaging?key=${sms.webhookKey}`;
      const form = inbound({
        From: 'whatsapp:+15558675311',
        To: 'whatsapp:+15005550006',
        ProfileName: 'Ada',
      });
      const res = await post(path, form, signTwilioRequest(sms.signingSecret, url(path), form));
      expect(res.status).toBe(200);
      const [row] = await api.db.query(
        `SELECT payload FROM webhook_events WHERE tenant_id = $1 AND event_key = $2`,
        [tenant.id, `inbound:${form.MessageSid}`],
      );
      expect(row.payload.message).toMatchObject({
        channel: 'whatsapp',
        from: '+15558675311',
        sender_name: 'Ada',
      });
    });

    it('records a place shared on WhatsApp written out, not as an empty message', async () => {
      const path = `/webhooks/twilio/messaging?key=${sms.webhookKey}`;
      const form = inbound({
        From: 'whatsapp:+15558675311',
        To: 'whatsapp:+15005550006',
        Body: '',
        MessageType: 'location',
        Latitude: '37.7879277',
        Longitude: '-122.4075232',
        Address: '375 Beale St, San Francisco, CA 94105',
        Label: 'Twilio HQ',
      });
      const res = await post(path, form, signTwilioRequest(sms.signingSecret, url(path), form));
      expect(res.status).toBe(200);
      const [row] = await api.db.query(
        `SELECT payload FROM webhook_events WHERE tenant_id = $1 AND event_key = $2`,
        [tenant.id, `inbound:${form.MessageSid}`],
      );
      expect(row.payload.message.body).toBe(
        '📍 Location: Twilio HQ, 375 Beale St, San Francisco, CA 94105 (37.787928, -122.407523)\n' +
          'https://maps.google.com/?q=37.787928,-122.407523',
      );
    });

    it.each([
      ['no key', () => '/webhooks/twilio/messaging', () => sms.signingSecret],
      [
        'an unknown key',
        () => '/webhooks/twilio/messaging?key=AAAAAAAAAAAAAAAAAAAAAAAA',
        () => sms.signingSecret,
      ],
      ['no signature', () => `/webhooks/twilio/messaging?key=${sms.webhookKey}`, () => undefined],
      [
        'a signature with another secret',
        () => `/webhooks/twilio/messaging?key=${sms.webhookKey}`,
        () => 'x'.repeat(43),
      ],
      [
        "another tenant's secret",
        () => `/webhooks/twilio/messaging?key=${sms.webhookKey}`,
        () => otherSms.signingSecret,
      ],
      [
        "a Telegram config's key",
        () => `/webhooks/twilio/messaging?key=${telegram.webhookKey}`,
        () => telegram.signingSecret,
      ],
    ])('refuses %s with 403 and records nothing', async (_what, path, secret) => {
      const before = await events();
      const form = inbound();
      const key = secret();
      const signature = key === undefined ? undefined : signTwilioRequest(key, url(path()), form);
      const res = await post(path(), form, signature);
      expectError(res, 403, 'AUTHORIZATION_FAILED');
      expect(await events()).toBe(before);
      expect(await events(other.id)).toBe(0);
    });

    it('refuses a signature made for other fields or another URL', async () => {
      const before = await events();
      const path = `/webhooks/twilio/messaging?key=${sms.webhookKey}`;
      const form = inbound();
      const signature = signTwilioRequest(sms.signingSecret, url(path), form);
      expectError(await post(path, { ...form, Body: 'STOP' }, signature), 403, 'AUTHORIZATION_FAILED');
      expectError(await post(`${path}&x=1`, form, signature), 403, 'AUTHORIZATION_FAILED');
      expect(await events()).toBe(before);
    });

    it('answers a signed form that is not a message 400 and records nothing', async () => {
      const before = await events();
      const path = `/webhooks/twilio/messaging?key=${sms.webhookKey}`;
      const form = { AccountSid: 'AC00000000000000000000000000000000', Body: 'hi' };
      const res = await post(path, form, signTwilioRequest(sms.signingSecret, url(path), form));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
      expect(await events()).toBe(before);
    });
  });

  describe('POST /webhooks/twilio/message-status', () => {
    const status = (sid: string, value: string, extra: Record<string, string> = {}) => ({
      MessageSid: sid,
      SmsSid: sid,
      AccountSid: 'AC00000000000000000000000000000000',
      From: '+15005550006',
      To: '+15558675310',
      MessageStatus: value,
      SmsStatus: value,
      ApiVersion: '2010-04-01',
      ...extra,
    });

    it('records each status of a message once and keeps our message id from the URL', async () => {
      const messageId = '0192f3a4-0000-7000-8000-000000000001';
      const path = `/webhooks/twilio/message-status?key=${sms.webhookKey}&messageId=${messageId}`;
      const sid = `SM${'a'.repeat(32)}`;
      const sent = status(sid, 'sent');
      const delivered = status(sid, 'delivered');
      const first = await post(path, sent, signTwilioRequest(sms.signingSecret, url(path), sent));
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ success: true, data: { recorded: 1, duplicates: 0 } });
      const repeat = await post(path, sent, signTwilioRequest(sms.signingSecret, url(path), sent));
      expect(repeat.body).toEqual({ success: true, data: { recorded: 0, duplicates: 1 } });
      await post(path, delivered, signTwilioRequest(sms.signingSecret, url(path), delivered));
      const rows: { event_key: string; payload: RecordedPayload }[] = await api.db.query(
        `SELECT event_key, payload FROM webhook_events WHERE tenant_id = $1 AND kind = 'status' ORDER BY event_key`,
        [tenant.id],
      );
      expect(rows.map((r) => r.event_key)).toEqual([`status:${sid}:delivered`, `status:${sid}:sent`]);
      expect(rows[0].payload).toMatchObject({
        kind: 'status',
        message_id: messageId,
        update: { provider_message_id: sid, status: 'delivered' },
      });
    });

    it('refuses a callback whose messageId was changed after signing', async () => {
      const before = await events();
      const path = `/webhooks/twilio/message-status?key=${sms.webhookKey}&messageId=0192f3a4-0000-7000-8000-000000000002`;
      const form = status(`SM${'b'.repeat(32)}`, 'delivered');
      const signature = signTwilioRequest(sms.signingSecret, url(path), form);
      const res = await post(path.replace('0002', '0003'), form, signature);
      expectError(res, 403, 'AUTHORIZATION_FAILED');
      expect(await events()).toBe(before);
    });

    it('answers a signed callback with no status 400 and records nothing', async () => {
      const before = await events();
      const path = `/webhooks/twilio/message-status?key=${sms.webhookKey}`;
      const form = { MessageSid: `SM${'c'.repeat(32)}`, AccountSid: 'AC00000000000000000000000000000000' };
      const res = await post(path, form, signTwilioRequest(sms.signingSecret, url(path), form));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_ERROR');
      expect(await events()).toBe(before);
    });
  });

  describe('a rotated auth token', () => {
    /** The tenant's SMS channel on Twilio with this auth token. */
    const putToken = (rotating: TestTenant, authToken: string) =>
      api.http
        .put('/api/config/channels/sms')
        .set(rotating.admin.headers)
        .send({
          provider: 'twilio',
          credentials: { account_sid: `AC${'0'.repeat(32)}`, auth_token: authToken, from: '+15005550006' },
        })
        .expect(200);

    it('is accepted at once, though this process remembered the channel with the old one', async () => {
      const rotating = await createTenant(api.http);
      const oldToken = 'a'.repeat(32);
      const newToken = 'b'.repeat(32);
      const put = (authToken: string) => putToken(rotating, authToken);
      await put(oldToken);
      const { webhookKey } = await api.app.get(ChannelConfigsService).resolve(rotating.id, 'sms');
      const path = `/webhooks/twilio/messaging?key=${webhookKey}`;
      const first = inbound();
      expect((await post(path, first, signTwilioRequest(oldToken, url(path), first))).status).toBe(200);

      await put(newToken);
      const second = inbound();
      expect((await post(path, second, signTwilioRequest(newToken, url(path), second))).status).toBe(200);
      const third = inbound();
      expectError(
        await post(path, third, signTwilioRequest('c'.repeat(32), url(path), third)),
        403,
        'AUTHORIZATION_FAILED',
      );
      expect(await events(rotating.id)).toBe(2);
    });

    it('retires the old token at once in every process, also one that remembered the channel with it', async () => {
      const rotating = await createTenant(api.http);
      const put = (authToken: string) => putToken(rotating, authToken);
      const oldToken = 'd'.repeat(32);
      await put(oldToken);
      const { webhookKey } = await api.app.get(ChannelConfigsService).resolve(rotating.id, 'sms');
      const path = `/webhooks/twilio/messaging?key=${webhookKey}`;
      // A second API process on the same database and Redis: it remembers the channel with the old token.
      const second = await createTestApi({ config: api.config });
      try {
        const postTo = (target: TestApi, token: string) => {
          const form = inbound();
          const signature = signTwilioRequest(token, url(path), form);
          return target.http.post(path).type('form').set('X-Twilio-Signature', signature).send(form);
        };
        expect((await postTo(second, oldToken)).status).toBe(200);

        await put('e'.repeat(32));
        // The change is announced through Redis: the other process forgets the channel as soon as it hears it.
        await waitFor(
          async () => (await postTo(second, oldToken)).status === 403,
          5000,
          'the old token refused by the other process',
        );
        expectError(await postTo(second, oldToken), 403, 'AUTHORIZATION_FAILED');
        expectError(await postTo(api, oldToken), 403, 'AUTHORIZATION_FAILED');
        expect((await postTo(second, 'e'.repeat(32))).status).toBe(200);
      } finally {
        await second.close();
      }
    });
  });
});

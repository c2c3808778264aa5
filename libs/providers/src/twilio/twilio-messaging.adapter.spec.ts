import type * as dns from 'node:dns';
import { closedPortUrl, FakeHttpServer } from '../../test/fake-http.server';
import { providerRejection } from '../../test/provider-rejection';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  MESSAGE_SID,
  TWILIO_ERROR_20003,
  TWILIO_ERROR_20429,
  TWILIO_ERROR_20500,
  TWILIO_ERROR_21211,
  TWILIO_ERROR_21611,
  twilioMessageList,
  twilioMessageResource,
} from '../../test/fixtures/twilio.fixtures';
import { EgressPolicy } from '../http/egress-policy';
import { TwilioMessagingAdapter } from './twilio-messaging.adapter';

const NOW = new Date('2026-01-05T10:00:00Z');
const MESSAGES_PATH = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;

describe('TwilioMessagingAdapter against a local Twilio API', () => {
  let server: FakeHttpServer;
  let adapter: TwilioMessagingAdapter;

  beforeEach(async () => {
    server = await FakeHttpServer.start();
    adapter = new TwilioMessagingAdapter(
      { account_sid: ACCOUNT_SID, auth_token: AUTH_TOKEN, from: '+14155552345', base_url: server.url },
      { now: () => NOW },
    );
  });

  afterEach(() => server.close());

  it('sends an SMS as a form POST to Messages.json with basic auth and a status callback', async () => {
    server.reply({ status: 201, body: twilioMessageResource() });
    const result = await adapter.send({
      channel: 'sms',
      to: '+15558675310',
      body: 'Hi there',
      message_id: 'msg-1',
      status_callback_url: 'https://api.example.com/webhooks/twilio/message-status?messageId=msg-1',
    });

    expect(result).toEqual({ provider_message_id: MESSAGE_SID, status: 'queued', segments: 1 });
    const request = server.last;
    expect(request.method).toBe('POST');
    expect(request.path).toBe(MESSAGES_PATH);
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`,
    );
    expect(request.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(Object.fromEntries(request.form!)).toEqual({
      To: '+15558675310',
      From: '+14155552345',
      Body: 'Hi there',
      StatusCallback: 'https://api.example.com/webhooks/twilio/message-status?messageId=msg-1',
    });
  });

  it('sends a WhatsApp template with whatsapp: prefixes, ContentSid and ContentVariables', async () => {
    server.reply({
      status: 201,
      body: twilioMessageResource({ to: 'whatsapp:+15558675310', num_segments: '1' }),
    });
    await adapter.send({
      channel: 'whatsapp',
      to: '+15558675310',
      from: '+14155552345',
      template: {
        name: 'HXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
        language: 'en',
        variables: { '1': 'Ada', '2': 'Tuesday' },
      },
      message_id: 'msg-2',
    });

    const form = server.last.form!;
    expect(form.get('To')).toBe('whatsapp:+15558675310');
    expect(form.get('From')).toBe('whatsapp:+14155552345');
    expect(form.get('ContentSid')).toBe('HXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX');
    expect(JSON.parse(form.get('ContentVariables')!)).toEqual({ '1': 'Ada', '2': 'Tuesday' });
    expect(form.has('Body')).toBe(false);
  });

  it('attaches every media URL and falls back to the Messaging Service when no sender is set', async () => {
    const service = new TwilioMessagingAdapter(
      {
        account_sid: ACCOUNT_SID,
        auth_token: AUTH_TOKEN,
        messaging_service_sid: 'MGXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
        base_url: server.url,
      },
      { now: () => NOW },
    );
    server.reply({ status: 201, body: twilioMessageResource({ status: 'accepted', num_segments: '0' }) });
    const result = await service.send({
      channel: 'whatsapp',
      to: 'whatsapp:+15558675310',
      body: 'Your report',
      media_urls: ['https://cdn.example.com/a.jpg', 'https://cdn.example.com/b.pdf'],
      message_id: 'msg-3',
    });

    expect(result).toEqual({ provider_message_id: MESSAGE_SID, status: 'queued' });
    const form = server.last.form!;
    expect(form.get('To')).toBe('whatsapp:+15558675310');
    expect(form.get('MessagingServiceSid')).toBe('MGXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX');
    expect(form.getAll('MediaUrl')).toEqual([
      'https://cdn.example.com/a.jpg',
      'https://cdn.example.com/b.pdf',
    ]);
  });

  it('maps error 21211 (invalid To) to a permanent rejection carrying the code', async () => {
    server.reply({ status: 400, body: TWILIO_ERROR_21211 });
    const error = await providerRejection(
      adapter.send({ channel: 'sms', to: '5551234567', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({
      kind: 'rejected',
      retryable: false,
      providerCode: '21211',
      httpStatus: 400,
    });
    expect(error.message).toContain('not a valid phone number');
    expect(error.mayHaveBeenSent).toBe(false);
  });

  it('maps 401 to an auth failure', async () => {
    server.reply({ status: 401, body: TWILIO_ERROR_20003 });
    const error = await providerRejection(
      adapter.send({ channel: 'sms', to: '+15558675310', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({ kind: 'auth', retryable: false, providerCode: '20003', httpStatus: 401 });
  });

  it('maps 429 to a retryable rate limit with the Retry-After it gave', async () => {
    server.reply({ status: 429, headers: { 'retry-after': '7' }, body: TWILIO_ERROR_20429 });
    const error = await providerRejection(
      adapter.send({ channel: 'sms', to: '+15558675310', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      providerCode: '20429',
      retryAfterMs: 7000,
    });
  });

  it("maps 21611 (the sender's queue is full), answered 400, to a retryable rate limit", async () => {
    server.reply({ status: 400, body: TWILIO_ERROR_21611 });
    const error = await providerRejection(
      adapter.send({ channel: 'sms', to: '+15558675310', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      providerCode: '21611',
      httpStatus: 400,
      mayHaveBeenSent: false,
    });
  });

  it('maps 5xx to a retryable unavailability, and makes exactly one request (no SDK retry)', async () => {
    server.reply({ status: 500, body: TWILIO_ERROR_20500 });
    const error = await providerRejection(
      adapter.send({ channel: 'sms', to: '+15558675310', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({
      kind: 'unavailable',
      retryable: true,
      providerCode: '20500',
      httpStatus: 500,
      mayHaveBeenSent: true,
    });
    expect(server.requests).toHaveLength(1);
  });

  it('maps a refused connection to a retryable network error that sent nothing', async () => {
    const offline = new TwilioMessagingAdapter(
      {
        account_sid: ACCOUNT_SID,
        auth_token: AUTH_TOKEN,
        from: '+14155552345',
        base_url: await closedPortUrl(),
      },
      { now: () => NOW },
    );
    const error = await providerRejection(
      offline.send({ channel: 'sms', to: '+15558675310', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({ kind: 'network', retryable: true, mayHaveBeenSent: false });
  });

  describe("through the egress policy (a tenant's own account), by host name", () => {
    /** Resolves `twilio.test` to the local server and fails every other name, as DNS does for an unknown one. */
    const lookUp = ((
      hostname: string,
      options: dns.LookupOptions,
      callback: (...args: unknown[]) => void,
    ) => {
      if (hostname !== 'twilio.test')
        return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
      return options.all
        ? callback(null, [{ address: '127.0.0.1', family: 4 }])
        : callback(null, '127.0.0.1', 4);
    }) as unknown as typeof dns.lookup;
    const egress = new EgressPolicy(['127.0.0.1'], lookUp);
    const named = (host: string) =>
      new TwilioMessagingAdapter(
        {
          account_sid: ACCOUNT_SID,
          auth_token: AUTH_TOKEN,
          from: '+14155552345',
          base_url: server.url.replace('127.0.0.1', host),
        },
        { now: () => NOW, egress },
      );

    it('connects to the address the policy resolved', async () => {
      server.reply({ status: 201, body: twilioMessageResource() });
      const result = await named('twilio.test').send({
        channel: 'sms',
        to: '+15558675310',
        body: 'Hi',
        message_id: 'm',
      });
      expect(result).toMatchObject({ provider_message_id: MESSAGE_SID });
      expect(server.requests).toHaveLength(1);
    });

    it('a name that does not resolve is a network error that sent nothing, not an unhandled rejection', async () => {
      const unhandled: unknown[] = [];
      const onUnhandled = (reason: unknown) => unhandled.push(reason);
      process.on('unhandledRejection', onUnhandled);
      try {
        const error = await providerRejection(
          named('gone.test').send({ channel: 'sms', to: '+15558675310', body: 'x', message_id: 'm' }),
        );
        expect(error).toMatchObject({ kind: 'network', retryable: true, mayHaveBeenSent: false });
        await new Promise((resolve) => setImmediate(resolve));
        expect(unhandled).toEqual([]);
        expect(server.requests).toHaveLength(0);
      } finally {
        process.off('unhandledRejection', onUnhandled);
      }
    });
  });

  it('maps a connection dropped mid-request to a network error that may have sent', async () => {
    server.reply({ drop: true });
    const error = await providerRejection(
      adapter.send({ channel: 'sms', to: '+15558675310', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({ kind: 'network', retryable: true, mayHaveBeenSent: true });
  });

  it('refuses a content template with media URLs without calling Twilio (it would fail them with 63030)', async () => {
    const before = server.requests.length;
    await expect(
      adapter.send({
        channel: 'whatsapp',
        to: '+14155550100',
        template: { name: 'HXb5b62575e6e4ff6129ad7c8efe1f983e', language: 'en', variables: {} },
        media_urls: ['https://cdn.example.com/offer.png'],
        message_id: 'm-template-media',
      }),
    ).rejects.toMatchObject({
      provider: 'twilio',
      kind: 'rejected',
      message: expect.stringContaining('twilio/media'),
    });
    expect(server.requests.length).toBe(before);
  });

  it('refuses a channel it does not carry without calling Twilio', async () => {
    const error = await providerRejection(
      adapter.send({ channel: 'email', to: 'a@b.c', body: 'x', message_id: 'm' }),
    );
    expect(error.kind).toBe('rejected');
    expect(server.requests).toHaveLength(0);
  });

  it('looks up what was sent to a recipient through the message list', async () => {
    const since = new Date('2023-08-24T05:00:00Z');
    server.reply({
      status: 200,
      body: twilioMessageList([
        twilioMessageResource({
          to: 'whatsapp:+15558675310',
          from: 'whatsapp:+14155552345',
          status: 'delivered',
        }),
        twilioMessageResource({ sid: 'SMinbound', direction: 'inbound' }),
        // Twilio's own answer to the lead's STOP: not one of our sends.
        twilioMessageResource({ sid: 'SMreply', direction: 'outbound-reply', to: 'whatsapp:+15558675310' }),
      ]),
    });
    const found = await adapter.lookupSent({ channel: 'whatsapp', to: '+15558675310', since });

    expect(server.last.method).toBe('GET');
    expect(server.last.path).toBe(MESSAGES_PATH);
    expect(server.last.query.get('To')).toBe('whatsapp:+15558675310');
    expect([...server.last.query.keys()].filter((k) => k.startsWith('DateSent'))).toEqual([]);
    expect(found).toEqual([
      {
        provider_message_id: MESSAGE_SID,
        to: '+15558675310',
        from: '+14155552345',
        body: 'Hi there',
        status: 'delivered',
        sent_at: '2023-08-24T05:01:45.000Z',
      },
    ]);
  });

  it('finds a send still queued at Twilio (no date_sent yet), and leaves out what Twilio made before `since`', async () => {
    const since = new Date('2023-08-24T05:00:00Z');
    server.reply({
      status: 200,
      body: twilioMessageList([
        twilioMessageResource({ sid: 'SMqueued', status: 'queued', date_sent: null }),
        twilioMessageResource({
          sid: 'SMolder',
          status: 'delivered',
          date_created: 'Thu, 24 Aug 2023 04:58:00 +0000',
          date_sent: 'Thu, 24 Aug 2023 04:58:01 +0000',
        }),
      ]),
    });
    const found = await adapter.lookupSent({ channel: 'sms', to: '+15558675310', since });
    expect(found).toEqual([
      expect.objectContaining({
        provider_message_id: 'SMqueued',
        status: 'queued',
        sent_at: '2023-08-24T05:01:45.000Z',
      }),
    ]);
  });

  describe('fetchMedia', () => {
    const mediaUrl = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM123/Media/ME456`;
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]);

    it("fetches the media URL with the account's credentials and follows Twilio's redirect to the bytes", async () => {
      server.reply(
        { status: 307, headers: { location: '/media-cache/ME456.jpg' }, body: '' },
        { status: 200, body: jpeg, headers: { 'content-type': 'image/jpeg' } },
      );
      await expect(adapter.fetchMedia(mediaUrl, 1024)).resolves.toEqual({
        content: jpeg,
        content_type: 'image/jpeg',
      });
      const [media, cached] = server.requests;
      expect(media.path).toBe(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM123/Media/ME456`);
      expect(media.headers.authorization).toBe(
        `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`,
      );
      expect(cached.path).toBe('/media-cache/ME456.jpg');
    });

    it("refuses a URL that is not a media URL of this account on Twilio's API, without a request", async () => {
      for (const url of [
        'https://evil.example.com/2010-04-01/Accounts/AC/Messages/MM1/Media/ME1',
        `http://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM1/Media/ME1`,
        'https://api.twilio.com/2010-04-01/Accounts/ACffffffffffffffffffffffffffffffff/Messages/MM1/Media/ME1',
        `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`,
        'not a url',
      ])
        expect(await providerRejection(adapter.fetchMedia(url, 1024))).toMatchObject({ kind: 'rejected' });
      expect(server.requests).toHaveLength(0);
    });

    it('a deleted media (404) is rejected for good; a 503 may be tried again', async () => {
      server.reply({ status: 404, body: '' }, { status: 503, body: '' });
      expect(await providerRejection(adapter.fetchMedia(mediaUrl, 1024))).toMatchObject({
        kind: 'rejected',
        retryable: false,
      });
      expect(await providerRejection(adapter.fetchMedia(mediaUrl, 1024))).toMatchObject({
        kind: 'unavailable',
        retryable: true,
      });
    });
  });
});

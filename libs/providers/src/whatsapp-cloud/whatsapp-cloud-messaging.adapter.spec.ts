import { closedPortUrl, FakeHttpServer } from '../../test/fake-http.server';
import { providerRejection } from '../../test/provider-rejection';
import {
  ACCESS_TOKEN,
  ERROR_130429,
  ERROR_131000,
  ERROR_131047,
  ERROR_190,
  MEDIA_ID,
  mediaUrlResponse,
  PHONE_NUMBER_ID,
  SEND_RESPONSE,
  WAMID,
} from '../../test/fixtures/whatsapp-cloud.fixtures';
import { WhatsAppCloudMessagingAdapter } from './whatsapp-cloud-messaging.adapter';

const NOW = new Date('2026-01-05T10:00:00Z');

describe('WhatsAppCloudMessagingAdapter against a local Graph API', () => {
  let server: FakeHttpServer;
  let adapter: WhatsAppCloudMessagingAdapter;

  beforeEach(async () => {
    server = await FakeHttpServer.start();
    adapter = new WhatsAppCloudMessagingAdapter(
      { access_token: ACCESS_TOKEN, phone_number_id: PHONE_NUMBER_ID, base_url: `${server.url}/v21.0` },
      { now: () => NOW },
    );
  });

  afterEach(() => server.close());

  it('sends a text to /{phone_number_id}/messages with a bearer token and reads the wamid', async () => {
    server.reply({ status: 200, body: SEND_RESPONSE });
    const result = await adapter.send({
      channel: 'whatsapp',
      to: '+16505551234',
      body: 'Hello!',
      message_id: 'm1',
    });

    expect(result).toEqual({ provider_message_id: WAMID, status: 'queued' });
    expect(server.last.method).toBe('POST');
    expect(server.last.path).toBe(`/v21.0/${PHONE_NUMBER_ID}/messages`);
    expect(server.last.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(server.last.headers['content-type']).toContain('application/json');
    expect(server.last.json).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'text',
      text: { preview_url: false, body: 'Hello!' },
      // Our id, which Meta echoes in the message's statuses.
      biz_opaque_callback_data: 'm1',
    });
  });

  it('sends a template with its language and positional body parameters in order', async () => {
    server.reply({ status: 200, body: SEND_RESPONSE });
    await adapter.send({
      channel: 'whatsapp',
      to: '+16505551234',
      template: {
        name: 'appointment_reminder',
        language: 'en_US',
        variables: { '2': 'Tuesday 10:00', '1': 'Ada' },
      },
      message_id: 'm2',
    });

    expect(server.last.json).toMatchObject({
      type: 'template',
      template: {
        name: 'appointment_reminder',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ada' },
              { type: 'text', text: 'Tuesday 10:00' },
            ],
          },
        ],
      },
    });
  });

  it('sends named template parameters with parameter_name', async () => {
    server.reply({ status: 200, body: SEND_RESPONSE });
    await adapter.send({
      channel: 'whatsapp',
      to: '+16505551234',
      template: { name: 'order_update', language: 'en', variables: { first_name: 'Ada' } },
      message_id: 'm3',
    });
    const template = (server.last.json as { template: { components: { parameters: unknown[] }[] } }).template;
    expect(template.components[0].parameters).toEqual([
      { type: 'text', parameter_name: 'first_name', text: 'Ada' },
    ]);
  });

  it("sends a template's media as its header parameter: an image, or a document with its file name", async () => {
    server.reply({ status: 200, body: SEND_RESPONSE });
    await adapter.send({
      channel: 'whatsapp',
      to: '+16505551234',
      template: { name: 'limited_time_offer', language: 'en_US', variables: { '1': 'Ada' } },
      media_urls: ['https://cdn.example.com/offer.png'],
      message_id: 'm5',
    });
    expect(server.last.json).toMatchObject({
      type: 'template',
      template: {
        name: 'limited_time_offer',
        language: { code: 'en_US' },
        components: [
          {
            type: 'header',
            parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/offer.png' } }],
          },
          { type: 'body', parameters: [{ type: 'text', text: 'Ada' }] },
        ],
      },
    });
    server.reply({ status: 200, body: SEND_RESPONSE });
    await adapter.send({
      channel: 'whatsapp',
      to: '+16505551234',
      template: { name: 'invoice_notification', language: 'en', variables: {} },
      media_urls: ['https://cdn.example.com/files/Invoice%2042.pdf?t=abc'],
      message_id: 'm6',
    });
    expect((server.last.json as { template: unknown }).template).toEqual({
      name: 'invoice_notification',
      language: { code: 'en' },
      components: [
        {
          type: 'header',
          parameters: [
            {
              type: 'document',
              document: {
                link: 'https://cdn.example.com/files/Invoice%2042.pdf?t=abc',
                filename: 'Invoice 42.pdf',
              },
            },
          ],
        },
      ],
    });
  });

  it('refuses a template with audio or with two media, calling nothing', async () => {
    const calls = server.requests.length;
    for (const media_urls of [['https://cdn.example.com/a.mp3'], ['https://a/1.png', 'https://a/2.png']]) {
      await expect(
        adapter.send({
          channel: 'whatsapp',
          to: '+16505551234',
          template: { name: 'offer', language: 'en', variables: {} },
          media_urls,
          message_id: 'm7',
        }),
      ).rejects.toMatchObject({ kind: 'rejected', message: expect.stringMatching(/header|one media/) });
    }
    expect(server.requests.length).toBe(calls);
  });

  it('sends an image by link with the body as caption, and a document with its file name', async () => {
    server.reply({ status: 200, body: SEND_RESPONSE });
    await adapter.send({
      channel: 'whatsapp',
      to: '+16505551234',
      body: 'Your scan',
      media_urls: ['https://cdn.example.com/scan.png'],
      message_id: 'm4',
    });
    expect(server.last.json).toMatchObject({
      type: 'image',
      image: { link: 'https://cdn.example.com/scan.png', caption: 'Your scan' },
    });

    await adapter.send({
      channel: 'whatsapp',
      to: '+16505551234',
      media_urls: ['https://cdn.example.com/Invoice%201.pdf'],
      message_id: 'm5',
    });
    expect(server.last.json).toMatchObject({
      type: 'document',
      document: { link: 'https://cdn.example.com/Invoice%201.pdf', filename: 'Invoice 1.pdf' },
    });
  });

  it.each([
    ['https://cdn.example.com/a.jpeg', 'image'],
    ['https://cdn.example.com/a.mp4', 'video'],
    ['https://cdn.example.com/a.ogg', 'audio'],
    // Types WhatsApp takes as no image or video: sent as documents.
    ['https://cdn.example.com/a.gif', 'document'],
    ['https://cdn.example.com/a.webp', 'document'],
    ['https://cdn.example.com/a.mov', 'document'],
  ])('sends %s as %s (Meta supported media types)', async (url, type) => {
    server.reply({ status: 200, body: SEND_RESPONSE });
    await adapter.send({ channel: 'whatsapp', to: '+16505551234', media_urls: [url], message_id: 'm6' });
    expect(server.last.json).toMatchObject({ type, [type]: { link: url } });
  });

  it('maps 131047 (re-engagement: the 24-hour window is closed) to a permanent rejection', async () => {
    server.reply({ status: 400, body: ERROR_131047 });
    const error = await providerRejection(
      adapter.send({ channel: 'whatsapp', to: '+16505551234', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({
      kind: 'rejected',
      retryable: false,
      providerCode: '131047',
      httpStatus: 400,
    });
    expect(error.message).toContain('24 hours');
  });

  it('maps 190 (expired token) to an auth failure', async () => {
    server.reply({ status: 401, body: ERROR_190 });
    const error = await providerRejection(
      adapter.send({ channel: 'whatsapp', to: '+16505551234', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({ kind: 'auth', retryable: false, providerCode: '190' });
  });

  it('maps throughput code 130429 to a retryable rate limit even on HTTP 400', async () => {
    server.reply({ status: 400, body: ERROR_130429 });
    const error = await providerRejection(
      adapter.send({ channel: 'whatsapp', to: '+16505551234', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({ kind: 'rate_limited', retryable: true, providerCode: '130429' });
  });

  it('maps HTTP 429 with Retry-After to a rate limit that carries the wait', async () => {
    server.reply({ status: 429, headers: { 'retry-after': '12' }, body: ERROR_130429 });
    const error = await providerRejection(
      adapter.send({ channel: 'whatsapp', to: '+16505551234', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 12_000 });
  });

  it('maps 5xx and code 131000 to retryable unavailability', async () => {
    server.reply({ status: 500, body: ERROR_131000 }, { status: 503, body: 'Service Unavailable' });
    const first = await providerRejection(
      adapter.send({ channel: 'whatsapp', to: '+16505551234', body: 'x', message_id: 'm' }),
    );
    expect(first).toMatchObject({
      kind: 'unavailable',
      retryable: true,
      providerCode: '131000',
      httpStatus: 500,
    });
    const second = await providerRejection(
      adapter.send({ channel: 'whatsapp', to: '+16505551234', body: 'x', message_id: 'm' }),
    );
    expect(second).toMatchObject({ kind: 'unavailable', retryable: true, httpStatus: 503 });
  });

  it('treats a 200 without a message id as a response that may have sent', async () => {
    server.reply({ status: 200, body: { messaging_product: 'whatsapp' } });
    const error = await providerRejection(
      adapter.send({ channel: 'whatsapp', to: '+16505551234', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({ kind: 'invalid_response', retryable: false, mayHaveBeenSent: true });
  });

  it('maps a refused connection to a network error that sent nothing', async () => {
    const offline = new WhatsAppCloudMessagingAdapter({
      access_token: ACCESS_TOKEN,
      phone_number_id: PHONE_NUMBER_ID,
      base_url: await closedPortUrl(),
    });
    const error = await providerRejection(
      offline.send({ channel: 'whatsapp', to: '+16505551234', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({ kind: 'network', retryable: true, mayHaveBeenSent: false });
  });

  it('refuses two attachments and other channels without calling Meta', async () => {
    await providerRejection(
      adapter.send({
        channel: 'whatsapp',
        to: '+1',
        media_urls: ['https://a/x.png', 'https://a/y.png'],
        message_id: 'm',
      }),
    );
    await providerRejection(adapter.send({ channel: 'sms', to: '+1', body: 'x', message_id: 'm' }));
    expect(server.requests).toHaveLength(0);
  });

  it('has no look-up of past sends', async () => {
    await expect(adapter.lookupSent()).resolves.toBeUndefined();
  });

  describe('fetchMedia', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);

    it('asks for the media id, then downloads its URL, both with the bearer token', async () => {
      const fileUrl = `${server.url}/whatsapp_business/attachments/?mid=${MEDIA_ID}&ext=1750090702&hash=ATu`;
      server.reply(
        { status: 200, body: mediaUrlResponse(fileUrl) },
        { status: 200, body: jpeg, headers: { 'content-type': 'image/jpeg' } },
      );
      await expect(adapter.fetchMedia(MEDIA_ID, 1024)).resolves.toEqual({
        content: jpeg,
        content_type: 'image/jpeg',
      });
      const [lookup, download] = server.requests;
      expect({ method: lookup.method, path: lookup.path }).toEqual({
        method: 'GET',
        path: `/v21.0/${MEDIA_ID}`,
      });
      expect(lookup.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
      expect(download.url).toBe(`/whatsapp_business/attachments/?mid=${MEDIA_ID}&ext=1750090702&hash=ATu`);
      expect(download.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    });

    it("keeps Meta's mime_type only as a clean type/subtype: parameters and case dropped, anything else refused", async () => {
      const fileUrl = `${server.url}/whatsapp_business/attachments/?mid=${MEDIA_ID}`;
      const lookup = (mime_type: unknown) => ({
        status: 200,
        body: { ...mediaUrlResponse(fileUrl), mime_type },
      });
      const download = (type: string) => ({ status: 200, body: jpeg, headers: { 'content-type': type } });
      server.reply(
        lookup('Audio/OGG; codecs=opus'),
        download('audio/ogg'),
        lookup('<script>alert(1)</script>'),
        download('image/jpeg'),
        lookup(`image/${'x'.repeat(300)}`),
        download('text/plain; charset=utf-8'),
      );
      expect((await adapter.fetchMedia(MEDIA_ID, 1024)).content_type).toBe('audio/ogg');
      expect((await adapter.fetchMedia(MEDIA_ID, 1024)).content_type).toBe('image/jpeg');
      expect((await adapter.fetchMedia(MEDIA_ID, 1024)).content_type).toBe('text/plain');
    });

    it("maps Meta's error and an answer without a URL", async () => {
      server.reply({ status: 401, body: ERROR_190 }, { status: 200, body: { id: MEDIA_ID } });
      expect(await providerRejection(adapter.fetchMedia(MEDIA_ID, 1024))).toMatchObject({ kind: 'auth' });
      expect(await providerRejection(adapter.fetchMedia(MEDIA_ID, 1024))).toMatchObject({
        kind: 'invalid_response',
      });
    });

    it('a URL that expired is rejected; a file over the limit is refused', async () => {
      const fileUrl = `${server.url}/whatsapp_business/attachments/?mid=${MEDIA_ID}`;
      server.reply(
        { status: 200, body: mediaUrlResponse(fileUrl) },
        { status: 404, body: '' },
        { status: 200, body: mediaUrlResponse(fileUrl) },
        { status: 200, body: jpeg },
      );
      expect(await providerRejection(adapter.fetchMedia(MEDIA_ID, 1024))).toMatchObject({
        kind: 'rejected',
        httpStatus: 404,
        retryable: false,
      });
      expect(await providerRejection(adapter.fetchMedia(MEDIA_ID, jpeg.length - 1))).toMatchObject({
        kind: 'rejected',
        message: `The media file is larger than ${jpeg.length - 1} bytes`,
      });
    });
  });
});

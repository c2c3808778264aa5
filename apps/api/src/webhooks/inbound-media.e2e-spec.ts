import { ChannelConfigsService, ResolvedChannel, SendingChannels } from '@app/domain';
import {
  MessagingChannel,
  signMetaPayload,
  telegramBotId,
  TelegramMessagingAdapter,
  WhatsAppCloudMessagingAdapter,
} from '@app/providers';
import { createTenant, getBytes, TestTenant, useTestApiAndWorker, waitFor } from '@app/testing';
import { FakeHttpServer } from '../../../../libs/providers/test/fake-http.server';
import {
  ACCESS_TOKEN,
  ERROR_131000,
  INBOUND_MEDIA_MESSAGES,
  MEDIA_ID,
  mediaUrlResponse,
  messagesWebhook,
  PHONE_NUMBER_ID,
} from '../../../../libs/providers/test/fixtures/whatsapp-cloud.fixtures';
import {
  BOT_TOKEN,
  DOCUMENT_UPDATE,
  getFileResponse,
} from '../../../../libs/providers/test/fixtures/telegram.fixtures';

const APP_SECRET = 'meta-app-secret-media';

/**
 * WhatsApp and Telegram name a received file by an id: the worker downloads it with the tenant's credentials
 * (from a local Graph API and Bot API here) and keeps it as an email's files are kept, listed on the message and
 * downloaded through our API. A file the provider cannot give for now is tried again with the job; one it refuses
 * is left out, and the message is recorded without it.
 */
describe('inbound WhatsApp and Telegram media (e2e)', () => {
  let tenant: TestTenant;
  let graph: FakeHttpServer;
  let bot: FakeHttpServer;
  let whatsapp: ResolvedChannel;
  let telegram: ResolvedChannel;

  beforeAll(async () => {
    graph = await FakeHttpServer.start();
    bot = await FakeHttpServer.start();
  });
  const { api } = useTestApiAndWorker({
    env: { WORKER_QUEUES: 'inbound-events' },
    worker: {
      configure: (b) => {
        // The worker's adapters reach the local Graph and Bot APIs (a config's credentials name no base URL).
        const ports = {
          whatsapp: {
            provider: 'whatsapp_cloud',
            port: new WhatsAppCloudMessagingAdapter({
              access_token: ACCESS_TOKEN,
              phone_number_id: PHONE_NUMBER_ID,
              base_url: `${graph.url}/v21.0`,
            }),
          },
          telegram: {
            provider: 'telegram',
            port: new TelegramMessagingAdapter({ bot_token: BOT_TOKEN, base_url: bot.url }),
          },
        };
        b.overrideProvider(SendingChannels).useValue({
          resolve: (_tenantId: string, channel: MessagingChannel) =>
            Promise.resolve({ ...ports[channel as keyof typeof ports], webhookKey: 'test-key' }),
        });
      },
    },
  });
  afterAll(async () => {
    await graph?.close();
    await bot?.close();
  });

  beforeAll(async () => {
    tenant = await createTenant(api.http);
    const wa = await api.http
      .put('/api/config/whatsapp')
      .set(tenant.admin.headers)
      .send({
        provider: 'whatsapp_cloud',
        credentials: {
          access_token: ACCESS_TOKEN,
          phone_number_id: PHONE_NUMBER_ID,
          app_secret: APP_SECRET,
          verify_token: 'verify-media',
        },
      });
    expect(wa.status).toBe(200);
    const tg = await api.http
      .put('/api/config/channels/telegram')
      .set(tenant.admin.headers)
      .send({
        provider: 'telegram',
        credentials: { bot_token: BOT_TOKEN, secret_token: 'media-secret-token' },
      });
    expect(tg.status).toBe(200);
    const channels = api.app.get(ChannelConfigsService);
    whatsapp = await channels.resolve(tenant.id, 'whatsapp');
    telegram = await channels.resolve(tenant.id, 'telegram');
  });

  /** One of the fixture's WhatsApp messages, alone in a signed delivery. */
  const postWhatsApp = (index: number, id: string) => {
    const webhook = messagesWebhook([{ ...INBOUND_MEDIA_MESSAGES[index], id }]);
    const raw = JSON.stringify(webhook);
    return api.http
      .post(`/webhooks/whatsapp?key=${whatsapp.webhookKey}`)
      .set('Content-Type', 'application/json')
      .set('X-Hub-Signature-256', signMetaPayload(APP_SECRET, raw))
      .send(raw);
  };

  /** The inbound message once its event was applied, as the API lists it. */
  const recorded = (providerMessageId: string) =>
    waitFor(
      async () => {
        const [row] = await api.db.query(
          `SELECT id, conversation_id, content FROM messages WHERE tenant_id = $1 AND provider_message_id = $2`,
          [tenant.id, providerMessageId],
        );
        if (!row) return undefined;
        const list = await api.http
          .get(`/api/conversations/${row.conversation_id}/messages`)
          .set(tenant.admin.headers);
        return (list.body.data as { id: string }[]).find((m) => m.id === row.id) as
          | {
              id: string;
              content: string;
              attachments: { filename: string | null; content_type: string; size: number; url: string }[];
            }
          | undefined;
      },
      20_000,
      `message ${providerMessageId}`,
    );

  const download = (url: string) => getBytes(api.http, url, tenant.admin.headers);

  it('a WhatsApp image is fetched with the access token and kept on the message', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
    graph.reset().reply(
      {
        status: 200,
        body: mediaUrlResponse(`${graph.url}/whatsapp_business/attachments/?mid=${MEDIA_ID}`),
      },
      { status: 200, body: jpeg, headers: { 'content-type': 'image/jpeg' } },
    );
    const id = 'wamid.media-image-1';
    expect((await postWhatsApp(0, id)).status).toBe(200);
    const message = await recorded(id);
    expect(message.content).toBe('This is the broken part');
    expect(message.attachments).toEqual([
      {
        id: expect.any(String),
        filename: null,
        content_type: 'image/jpeg',
        size: jpeg.length,
        url: expect.any(String),
        content_id: null,
      },
    ]);
    const file = await download(message.attachments[0].url);
    expect(file.status).toBe(200);
    expect(Buffer.compare(file.body as Buffer, jpeg)).toBe(0);
    expect(graph.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
      ['GET', `/v21.0/${MEDIA_ID}`, `Bearer ${ACCESS_TOKEN}`],
      ['GET', '/whatsapp_business/attachments/', `Bearer ${ACCESS_TOKEN}`],
    ]);
  });

  it('a file Meta cannot give for now is tried again with the job; one it refuses is left out', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% order 4471\n');
    graph
      .reset()
      .reply(
        { status: 503, body: ERROR_131000 },
        { status: 200, body: mediaUrlResponse(`${graph.url}/files/order`) },
        { status: 200, body: pdf, headers: { 'content-type': 'application/pdf' } },
      );
    const retried = 'wamid.media-document-1';
    expect((await postWhatsApp(1, retried)).status).toBe(200);
    const withFile = await recorded(retried);
    expect(withFile.attachments).toEqual([
      expect.objectContaining({
        filename: 'order-4471.pdf',
        content_type: 'application/pdf',
        size: pdf.length,
      }),
    ]);

    // A media id Meta no longer knows: the message is recorded, without the file.
    graph.reset().reply({
      status: 400,
      body: { error: { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100 } },
    });
    const gone = 'wamid.media-document-2';
    expect((await postWhatsApp(1, gone)).status).toBe(200);
    const without = await recorded(gone);
    expect({ content: without.content, attachments: without.attachments }).toEqual({
      content: 'Our order',
      attachments: [],
    });
  });

  it('a Telegram document is fetched through getFile and kept on the message', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% brief\n');
    bot
      .reset()
      .reply(
        { status: 200, body: getFileResponse('documents/file_7.pdf') },
        { status: 200, body: pdf, headers: { 'content-type': 'application/octet-stream' } },
      );
    const res = await api.http
      .post(`/webhooks/telegram/${telegram.webhookKey}`)
      .set('X-Telegram-Bot-Api-Secret-Token', telegram.signingSecret)
      .send(DOCUMENT_UPDATE);
    expect(res.status).toBe(200);
    const message = await recorded(
      `${telegramBotId(BOT_TOKEN)}:${DOCUMENT_UPDATE.message.chat.id}:${DOCUMENT_UPDATE.message.message_id}`,
    );
    // Telegram's download says octet-stream: the type the update gave stands.
    expect(message.attachments).toEqual([
      expect.objectContaining({ filename: 'brief.pdf', content_type: 'application/pdf', size: pdf.length }),
    ]);
    const file = await download(message.attachments[0].url);
    expect(Buffer.compare(file.body as Buffer, pdf)).toBe(0);
    expect(bot.requests.map((r) => r.path)).toEqual([
      `/bot${BOT_TOKEN}/getFile`,
      `/file/bot${BOT_TOKEN}/documents/file_7.pdf`,
    ]);
  });
});

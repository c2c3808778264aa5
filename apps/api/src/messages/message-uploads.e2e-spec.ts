import { InboundAttachments, MessageUploads, SendingChannels } from '@app/domain';
import { TwilioMessagingAdapter } from '@app/providers';
import {
  countRows,
  createTenant,
  getBytes,
  TEST_PUBLIC_BASE_URL,
  TestTenant,
  useTestApiAndWorker,
  waitFor,
} from '@app/testing';
import { randomUUID } from 'node:crypto';
import { FakeHttpServer } from '../../../../libs/providers/test/fake-http.server';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  twilioMessageResource,
} from '../../../../libs/providers/test/fixtures/twilio.fixtures';

/** Small, so that the size limit is tested with small files. */
const MAX_BYTES = 4096;

/**
 * An agent sends a file: uploaded first (`POST /api/messages/attachments`), then named by a message's
 * `attachment_ids`. The message lists it and carries its public link as media; the provider (a local Twilio here)
 * is given that link, which serves the bytes to anyone holding it, and only for files we send. An upload goes out
 * once, with one message, and only for its own tenant.
 */
describe('sending uploaded files (e2e)', () => {
  let tenant: TestTenant;
  let twilio: FakeHttpServer;
  let phone = 4155550800;
  const pdf = Buffer.from('%PDF-1.4\n% price list\n');

  beforeAll(async () => {
    twilio = await FakeHttpServer.start();
  });
  const { api } = useTestApiAndWorker({
    env: { MEDIA_MAX_BYTES: String(MAX_BYTES) },
    worker: {
      configure: (b) => {
        const port = new TwilioMessagingAdapter({
          account_sid: ACCOUNT_SID,
          auth_token: AUTH_TOKEN,
          from: '+14155552345',
          base_url: twilio.url,
        });
        b.overrideProvider(SendingChannels).useValue({
          resolve: () => Promise.resolve({ provider: 'twilio', port, webhookKey: 'test-key' }),
          providerOf: () => Promise.resolve('twilio'),
        });
      },
    },
  });
  afterAll(() => twilio?.close());

  beforeAll(async () => {
    tenant = await createTenant(api.http);
  });

  const upload = (headers: Record<string, string>, content = pdf, filename = 'Price list €.pdf') =>
    api.http
      .post('/api/messages/attachments')
      .set(headers)
      .attach('file', content, { filename, contentType: 'application/pdf' });

  async function leadId(t = tenant): Promise<string> {
    const lead = await api.http
      .post('/api/leads')
      .set(t.admin.headers)
      .send({ first_name: 'Pat', phone: `+1${phone++}` });
    expect(lead.status).toBe(201);
    return lead.body.data.id as string;
  }
  const send = (lead: string, body: Record<string, unknown>, t = tenant) =>
    api.http
      .post(`/api/leads/${lead}/messages`)
      .set(t.admin.headers)
      .send({ channel: 'sms', ...body });
  const messagesOf = (t: TestTenant) => countRows(api.db, 'messages', 'tenant_id = $1', [t.id]);

  it('an uploaded file goes out as media at its public link, listed on the message', async () => {
    twilio.reset().reply({ status: 201, body: twilioMessageResource({ status: 'queued' }) });
    const up = await upload(tenant.admin.headers);
    expect({ status: up.status, body: up.body }).toEqual({
      status: 201,
      body: {
        success: true,
        data: {
          id: expect.any(String),
          filename: 'Price list €.pdf',
          content_type: 'application/pdf',
          size: pdf.length,
        },
      },
    });
    const file = up.body.data as { id: string };
    const lead = await leadId();
    const sent = await send(lead, { body: 'Our prices', attachment_ids: [file.id] });
    expect(sent.status).toBe(201);
    const link = api.app.get(MessageUploads).links.url({ ...up.body.data });
    expect(sent.body.data).toMatchObject({
      media_urls: [link],
      attachments: [{ ...up.body.data, url: `/api/messages/${sent.body.data.id}/attachments/${file.id}` }],
    });
    expect(link.startsWith(`${TEST_PUBLIC_BASE_URL}/webhooks/media/`)).toBe(true);
    expect(link.slice(TEST_PUBLIC_BASE_URL.length)).toMatch(
      /^\/webhooks\/media\/[0-9a-f-]{36}\/Price%20list%20%E2%82%AC\.pdf\?t=/,
    );

    // Twilio is given the link, and the link serves the file to whoever holds it.
    const post = await waitFor(() => twilio.requests.find((r) => r.method === 'POST'), 10_000, 'the send');
    expect(post.form?.getAll('MediaUrl')).toEqual([link]);
    const served = await getBytes(api.http, link.replace(TEST_PUBLIC_BASE_URL, ''), {});
    expect({ status: served.status, type: served.headers['content-type'] }).toEqual({
      status: 200,
      type: 'application/pdf',
    });
    expect(Buffer.compare(served.body as Buffer, pdf)).toBe(0);
    // Never shown as a page of ours: a document downloads, and nothing in it runs.
    expect(served.headers['content-disposition']).toMatch(/^attachment;/);
    expect(served.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    // The tenant's users download it through the API as well.
    const own = await getBytes(api.http, sent.body.data.attachments[0].url, tenant.admin.headers);
    expect(Buffer.compare(own.body as Buffer, pdf)).toBe(0);
  });

  it('a name with quotes, as a browser writes it in the form (%22), is stored as the user sees it', async () => {
    const boundary = '----reachline-test';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="Q3 %22final%22.pdf"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      ),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await api.http
      .post('/api/messages/attachments')
      .set(tenant.admin.headers)
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(body);
    expect({ status: res.status, filename: res.body.data?.filename }).toEqual({
      status: 201,
      filename: 'Q3 "final".pdf',
    });
  });

  it('a name that reverses its own text (a right-to-left override hiding ".exe") is stored without the override', async () => {
    // "invoice\u202Efdp.exe" shows as "invoiceexe.pdf" in an inbox and a file manager: a program posing as a PDF.
    const res = await upload(tenant.admin.headers, pdf, 'invoice\u202Efdp.exe');
    expect({ status: res.status, filename: res.body.data?.filename }).toEqual({
      status: 201,
      filename: 'invoicefdp.exe',
    });
    const [row] = await api.db.query(`SELECT filename FROM message_attachments WHERE id = $1`, [
      res.body.data.id,
    ]);
    expect(row.filename).toBe('invoicefdp.exe');
  });

  it('a file with a long name (up to the 255 characters kept) is served at its public link', async () => {
    twilio.reset().reply({ status: 201, body: twilioMessageResource({ status: 'queued' }) });
    const name = `${'Rapport trimestriel détaillé '.repeat(8)}.pdf`.slice(-255);
    const up = await upload(tenant.admin.headers, pdf, name);
    expect({ status: up.status, filename: up.body.data?.filename }).toEqual({ status: 201, filename: name });
    const sent = await send(await leadId(), { attachment_ids: [up.body.data.id] });
    expect(sent.status).toBe(201);
    const served = await getBytes(
      api.http,
      sent.body.data.media_urls[0].replace(TEST_PUBLIC_BASE_URL, ''),
      {},
    );
    expect({ status: served.status, type: served.headers['content-type'] }).toEqual({
      status: 200,
      type: 'application/pdf',
    });
    expect(Buffer.compare(served.body as Buffer, pdf)).toBe(0);
  });

  it('a public link serves a picture inline and an HTML or SVG file as a download, sandboxed', async () => {
    const lead = await leadId();
    const served: Record<string, string | undefined> = {};
    for (const [name, type, bytes] of [
      ['photo.png', 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
      ['page.html', 'text/html', Buffer.from('<script>alert(1)</script>')],
      ['logo.svg', 'image/svg+xml', Buffer.from('<svg onload="alert(1)"/>')],
    ] as const) {
      twilio.reset().reply({ status: 201, body: twilioMessageResource({ status: 'queued' }) });
      const up = await api.http
        .post('/api/messages/attachments')
        .set(tenant.admin.headers)
        .attach('file', bytes, { filename: name, contentType: type });
      expect(up.status).toBe(201);
      expect((await send(lead, { attachment_ids: [up.body.data.id] })).status).toBe(201);
      const link = api.app.get(MessageUploads).links.url({ ...up.body.data });
      const res = await getBytes(api.http, link.replace(TEST_PUBLIC_BASE_URL, ''), {});
      expect(res.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
      served[name] = (res.headers['content-disposition'] as string | undefined)?.split(';')[0];
    }
    expect(served).toEqual({ 'photo.png': 'inline', 'page.html': 'attachment', 'logo.svg': 'attachment' });
  });

  it('an upload is sent once: naming it again, or naming another tenant’s, is a 400 and sends nothing', async () => {
    twilio.reset().reply({ status: 201, body: twilioMessageResource({ status: 'queued' }) });
    const file = (await upload(tenant.admin.headers)).body.data as { id: string };
    const lead = await leadId();
    expect((await send(lead, { attachment_ids: [file.id] })).status).toBe(201);
    const before = await messagesOf(tenant);
    const again = await send(lead, { body: 'Once more', attachment_ids: [file.id] });
    expect({ status: again.status, details: again.body.error?.details }).toEqual({
      status: 400,
      details: [
        {
          field: 'attachment_ids',
          reason: `names files that are not uploads waiting to be sent: ${file.id}`,
        },
      ],
    });
    const other = await createTenant(api.http);
    const theirs = (await upload(other.admin.headers)).body.data as { id: string };
    const stolen = await send(lead, { body: 'Theirs', attachment_ids: [theirs.id] });
    expect(stolen.status).toBe(400);
    const unknown = await send(lead, { body: 'Nobody’s', attachment_ids: [randomUUID()] });
    expect(unknown.status).toBe(400);
    const notList = await send(lead, { body: 'One id', attachment_ids: file.id });
    expect({ status: notList.status, details: notList.body.error?.details }).toEqual({
      status: 400,
      details: [{ field: 'attachment_ids', reason: 'must be an array' }],
    });
    expect(await messagesOf(tenant)).toBe(before);
    // The other tenant's upload is still theirs to send.
    const [row] = await api.db.query(`SELECT message_id FROM message_attachments WHERE id = $1`, [theirs.id]);
    expect(row.message_id).toBeNull();
  });

  it('a media URL no provider could fetch is a 400 naming media_urls, and sends nothing', async () => {
    const lead = await leadId();
    const before = await messagesOf(tenant);
    for (const media_urls of [
      ['http://xn--a.com/x.jpg'],
      ['ftp://cdn.example.com/a.pdf'],
      ['/relative/a.pdf'],
      'https://cdn.example.com/a.pdf',
    ]) {
      const res = await send(lead, { channel: 'sms', body: 'See this', media_urls });
      expect({
        media_urls,
        status: res.status,
        fields: res.body.error?.details?.map((d: { field: string }) => d.field),
      }).toEqual({
        media_urls,
        status: 400,
        fields: ['media_urls'],
      });
    }
    expect(await messagesOf(tenant)).toBe(before);
  });

  it('more files than the channel carries is a 400, media URLs and uploads alike, and sends nothing', async () => {
    const file = (await upload(tenant.admin.headers)).body.data as { id: string };
    const lead = await leadId();
    const before = await messagesOf(tenant);
    const urls = await send(lead, {
      channel: 'whatsapp',
      body: 'Two brochures',
      media_urls: ['https://cdn.example.com/a.pdf', 'https://cdn.example.com/b.pdf'],
    });
    expect({ status: urls.status, error: urls.body.error }).toEqual({
      status: 400,
      error: expect.objectContaining({
        code: 'VALIDATION_ERROR',
        details: [{ field: 'media_urls', reason: 'whatsapp carries one file (or media URL) per message' }],
      }),
    });
    const mixed = await send(lead, {
      channel: 'telegram',
      media_urls: ['https://cdn.example.com/a.pdf'],
      attachment_ids: [file.id],
    });
    expect({ status: mixed.status, details: mixed.body.error?.details }).toEqual({
      status: 400,
      details: [{ field: 'attachment_ids', reason: 'telegram carries one file (or media URL) per message' }],
    });
    expect(await messagesOf(tenant)).toBe(before);
    const [row] = await api.db.query(`SELECT message_id FROM message_attachments WHERE id = $1`, [file.id]);
    expect(row.message_id).toBeNull();
  });

  it('a file that came with a lead’s message, not yet recorded, is no upload: a send or a campaign naming it is a 400', async () => {
    // As an inbound email's webhook stores its attachment before the worker records the message.
    const [inbound] = await api.app.get(InboundAttachments).store(tenant.id, 'smtp', [
      {
        channel: 'email',
        from: 'ada@example.com',
        to: 'sales@example.com',
        body: 'Here',
        provider_message_id: `<${randomUUID()}@mail.example.com>`,
        received_at: new Date().toISOString(),
        attachments: [{ filename: 'private.pdf', content_type: 'application/pdf', content: pdf }],
      },
    ]);
    const fileId = inbound.attachments?.[0].id as string;
    const lead = await leadId();
    const sent = await send(lead, { body: 'Look', attachment_ids: [fileId] });
    expect({ status: sent.status, details: sent.body.error?.details }).toEqual({
      status: 400,
      details: [
        { field: 'attachment_ids', reason: `names files that are not uploads waiting to be sent: ${fileId}` },
      ],
    });
    const campaign = await api.http
      .post('/api/campaigns')
      .set(tenant.admin.headers)
      .send({ name: 'Leak', steps: [{ type: 'SMS', content: 'x', options: { attachment_ids: [fileId] } }] });
    expect({ status: campaign.status, field: campaign.body.error?.details?.[0]?.field }).toEqual({
      status: 400,
      field: 'steps.0.options.attachment_ids',
    });
    const [row] = await api.db.query(
      `SELECT message_id, campaign_id FROM message_attachments WHERE id = $1`,
      [fileId],
    );
    expect(row).toEqual({ message_id: null, campaign_id: null });
    const link = api.app.get(MessageUploads).links.url({
      id: fileId,
      filename: 'private.pdf',
      content_type: 'application/pdf',
      size: pdf.length,
    });
    expect((await getBytes(api.http, link.replace(TEST_PUBLIC_BASE_URL, ''), {})).status).toBe(404);
  });

  it('two sends racing with the same idempotency key and file make one message, answered to both', async () => {
    twilio.reset().reply({ status: 201, body: twilioMessageResource({ status: 'queued' }) });
    const file = (await upload(tenant.admin.headers)).body.data as { id: string };
    const lead = await leadId();
    const body = { body: 'Prices', attachment_ids: [file.id], idempotency_key: `prices-${randomUUID()}` };
    const [a, b] = await Promise.all([send(lead, body), send(lead, body)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.data.id).toBe(b.body.data.id);
    expect(await countRows(api.db, 'messages', 'tenant_id = $1 AND lead_id = $2', [tenant.id, lead])).toBe(1);
  });

  it('a public link with a bad token, or to a file that is not one we sent, answers 404', async () => {
    const file = (await upload(tenant.admin.headers)).body.data as { id: string; filename: string };
    const links = api.app.get(MessageUploads).links;
    // Uploaded but not sent yet: not public.
    const unsent = await api.http.get(`/webhooks/media/${file.id}/x.pdf?t=${links.token(file.id)}`);
    expect({ status: unsent.status, code: unsent.body.error?.code }).toEqual({
      status: 404,
      code: 'NOT_FOUND',
    });
    const lead = await leadId();
    twilio.reset().reply({ status: 201, body: twilioMessageResource({ status: 'queued' }) });
    expect((await send(lead, { attachment_ids: [file.id] })).status).toBe(201);
    for (const path of [
      `/webhooks/media/${file.id}/x.pdf?t=${links.token(randomUUID())}`,
      `/webhooks/media/${file.id}/x.pdf`,
      `/webhooks/media/not-a-uuid/x.pdf?t=${links.token(file.id)}`,
    ]) {
      const res = await api.http.get(path);
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
        path,
        status: 404,
        code: 'NOT_FOUND',
      });
    }
    // An inbound message's file is the tenant's alone, whatever the link.
    const from = await leadId();
    const [conversation] = await api.db.query(
      `INSERT INTO conversations (tenant_id, lead_id, channel) VALUES ($1, $2, 'sms') RETURNING id`,
      [tenant.id, from],
    );
    const messageId = randomUUID();
    await api.db.query(
      `INSERT INTO messages (id, tenant_id, conversation_id, lead_id, direction, channel, sender, content, provider,
                             status, idempotency_key)
       VALUES ($1, $2, $3, $4, 'inbound', 'sms', 'lead', 'A photo', 'twilio', 'received', $5)`,
      [messageId, tenant.id, conversation.id, from, `test:${messageId}`],
    );
    const inboundFile = randomUUID();
    await api.db.query(
      `INSERT INTO message_attachments (id, tenant_id, message_id, content_type, size, content)
       VALUES ($1, $2, $3, 'image/jpeg', 2, '\\xffd8')`,
      [inboundFile, tenant.id, messageId],
    );
    const res = await api.http.get(`/webhooks/media/${inboundFile}/x.jpg?t=${links.token(inboundFile)}`);
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('a public link serves a sent file for a week after the send, not for ever', async () => {
    const file = (await upload(tenant.admin.headers)).body.data as { id: string };
    const link = api.app
      .get(MessageUploads)
      .links.url({ ...file, filename: 'x.pdf', content_type: 'application/pdf', size: pdf.length })
      .replace(TEST_PUBLIC_BASE_URL, '');
    twilio.reset().reply({ status: 201, body: twilioMessageResource({ status: 'queued' }) });
    const sent = await send(await leadId(), { attachment_ids: [file.id] });
    expect(sent.status).toBe(201);
    // While the message goes out, the provider fetches it.
    expect((await getBytes(api.http, link, {})).status).toBe(200);
    await waitFor(
      async () => {
        const [m] = await api.db.query(`SELECT status FROM messages WHERE id = $1`, [sent.body.data.id]);
        return ['queued', 'sending'].includes(m.status as string) ? undefined : m;
      },
      10_000,
      'the send',
    );
    const now = api.clock.now().getTime();
    const sentAt = async (msAgo: number) =>
      api.db.query(`UPDATE messages SET status = 'sent', sent_at = $2 WHERE id = $1`, [
        sent.body.data.id,
        new Date(now - msAgo),
      ]);
    await sentAt(6 * 86_400_000);
    expect((await getBytes(api.http, link, {})).status).toBe(200);
    // A week after the send the provider has long fetched it: a link copied from a message, a log or a
    // screenshot no longer serves the file.
    await sentAt(8 * 86_400_000);
    const late = await api.http.get(link);
    expect({ status: late.status, body: late.body }).toEqual({
      status: 404,
      body: { success: false, error: { code: 'NOT_FOUND', message: 'File not found' } },
    });
    // A send whose outcome is unknown counts from when it became so.
    const unknownSince = async (msAgo: number) =>
      api.db.query(`UPDATE messages SET status = 'unknown', sent_at = NULL, updated_at = $2 WHERE id = $1`, [
        sent.body.data.id,
        new Date(now - msAgo),
      ]);
    await unknownSince(86_400_000);
    expect((await getBytes(api.http, link, {})).status).toBe(200);
    await unknownSince(8 * 86_400_000);
    expect((await getBytes(api.http, link, {})).status).toBe(404);
    // The tenant's users still download it through the API.
    const own = await getBytes(api.http, sent.body.data.attachments[0].url, tenant.admin.headers);
    expect(own.status).toBe(200);
  });

  it("a deleted campaign's files are no longer served at their public link", async () => {
    const file = (await upload(tenant.admin.headers)).body.data as { id: string };
    const campaign = await api.http
      .post('/api/campaigns')
      .set(tenant.admin.headers)
      .send({
        name: 'Prices',
        steps: [{ type: 'SMS', content: 'x', options: { attachment_ids: [file.id] } }],
      });
    expect(campaign.status).toBe(201);
    const link = `/webhooks/media/${file.id}/x.pdf?t=${api.app.get(MessageUploads).links.token(file.id)}`;
    expect((await getBytes(api.http, link, {})).status).toBe(200);
    const deleted = await api.http
      .delete(`/api/campaigns/${campaign.body.data.id}`)
      .set(tenant.admin.headers);
    expect(deleted.status).toBe(200);
    const res = await api.http.get(link);
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('an upload that is not one file in `file`, empty or over MEDIA_MAX_BYTES is refused and stores nothing', async () => {
    const stored = () => countRows(api.db, 'message_attachments', 'tenant_id = $1', [tenant.id]);
    const before = await stored();
    const json = await api.http
      .post('/api/messages/attachments')
      .set(tenant.admin.headers)
      .send({ file: 'x' });
    expect({ status: json.status, code: json.body.error?.code }).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    const none = await api.http
      .post('/api/messages/attachments')
      .set(tenant.admin.headers)
      .field('note', 'x');
    expect({ status: none.status, details: none.body.error?.details }).toEqual({
      status: 400,
      details: [{ field: 'note', reason: 'is not read: send one file, in the part named "file"' }],
    });
    const two = await api.http
      .post('/api/messages/attachments')
      .set(tenant.admin.headers)
      .attach('file', pdf, 'a.pdf')
      .attach('file', pdf, 'b.pdf');
    expect({ status: two.status, code: two.body.error?.code, details: two.body.error?.details }).toEqual({
      status: 400,
      code: 'VALIDATION_ERROR',
      details: [{ field: 'file', reason: 'is one file: send each file in an upload of its own' }],
    });
    const empty = await upload(tenant.admin.headers, Buffer.alloc(0));
    expect({ status: empty.status, details: empty.body.error?.details }).toEqual({
      status: 400,
      details: [{ field: 'file', reason: 'is empty' }],
    });
    const big = await upload(tenant.admin.headers, Buffer.alloc(MAX_BYTES + 1));
    expect({ status: big.status, code: big.body.error?.code }).toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    const anonymous = await upload({});
    expect(anonymous.status).toBe(401);
    expect(await stored()).toBe(before);
  });
});

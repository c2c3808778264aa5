import { ChannelConfigsService, ResolvedChannel } from '@app/domain';
import { signMailgunWebhook } from '@app/providers';
import { JobProducer, QueueName } from '@app/queues';
import { appliedEvent, createTenant, TestApi, TestTenant } from '@app/testing';
import { randomUUID } from 'node:crypto';
import type { Test } from 'supertest';
import { DataSource } from 'typeorm';
import { encode } from 'iconv-lite';
import {
  headerBlock,
  mailgunMime,
  mailgunParsed,
  postmarkInbound,
  rawBounce,
  rawReply,
  RelayEmail,
  relayEmail,
  sendGridParsed,
  sendGridRaw,
} from '../../../../libs/providers/test/fixtures/email-relays.fixtures';
import { sentEmail } from './sent-email.fixture';
import { startStatusPlatform, StatusPlatform } from './status-callbacks.fixture';

/** Small, so that the size limit is tested with small bodies. */
const MAX_BYTES = 64 * 1024;

/**
 * The inbound-email webhook takes what relays post, not only our own JSON: a raw message, SendGrid's Inbound Parse
 * (parsed and raw), a Mailgun route (parsed, urlencoded or multipart, and raw to `/mime`) and Postmark's JSON. Each
 * reply lands in the conversation of the email it answers, through the worker; a raw delivery report fails the
 * email it names; a body over INBOUND_EMAIL_MAX_BYTES is a 413 and records nothing.
 */
describe('inbound email from relays (e2e)', () => {
  let platform: StatusPlatform;
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;
  let email: ResolvedChannel;

  beforeAll(async () => {
    platform = await startStatusPlatform({ INBOUND_EMAIL_MAX_BYTES: String(MAX_BYTES) });
    ({ api, db, tenant } = platform);
    email = await api.app.get(ChannelConfigsService).resolve(tenant.id, 'email');
  }, 60_000);
  afterAll(() => platform?.close());

  const hook = (path = '') =>
    `/webhooks/email-inbound${path}?key=${email.webhookKey}&secret=${encodeURIComponent(email.signingSecret)}`;

  const sentTo = (address: string) => sentEmail(api, db, tenant, address);

  const inbound = async (conversationId: string) =>
    db.query(
      `SELECT lead_id, content, subject, html, provider_message_id FROM messages
        WHERE conversation_id = $1 AND direction = 'inbound'`,
      [conversationId],
    );
  const events = async () =>
    (await db.query(`SELECT count(*)::int AS n FROM webhook_events WHERE tenant_id = $1`, [tenant.id]))[0]
      .n as number;

  /**
   * A multipart post as SendGrid writes it: each part a Content-Disposition and the field's bytes, no Content-Type
   * (so a field in another charset than UTF-8 is sent as it is, which a form library would not do).
   */
  const postBytes = (fields: Record<string, string | Buffer>) => {
    const boundary = `xYzZY${randomUUID().slice(0, 8)}`;
    const parts = Object.entries(fields).map(([name, value]) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`),
        Buffer.isBuffer(value) ? value : Buffer.from(value),
        Buffer.from('\r\n'),
      ]),
    );
    return api.http
      .post(hook())
      .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
      .send(Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]));
  };

  /** A relay's form of a reply to our email: the request, sent. */
  type Post = (m: RelayEmail) => Test;
  const multipart =
    (fields: (m: RelayEmail) => Record<string, string>, path = ''): Post =>
    (m) =>
      Object.entries(fields(m)).reduce(
        (req, [name, value]) => req.field(name, value),
        api.http.post(hook(path)),
      );

  it.each<[string, Post]>([
    [
      'raw MIME (message/rfc822)',
      (m) => api.http.post(hook()).set('Content-Type', 'message/rfc822').send(rawReply(m)),
    ],
    ['SendGrid Inbound Parse (multipart, parsed)', multipart(sendGridParsed)],
    [
      'SendGrid Inbound Parse with an attachment, which is dropped',
      (m) =>
        multipart(sendGridParsed)(m)
          .field('attachments', '1')
          .attach('attachment1', Buffer.from('%PDF-1.4 quote'), {
            filename: 'quote.pdf',
            contentType: 'application/pdf',
          }),
    ],
    ['SendGrid Inbound Parse (multipart, raw)', multipart(sendGridRaw)],
    [
      'a Mailgun route (urlencoded, parsed)',
      (m) => api.http.post(hook()).type('form').send(mailgunParsed(m)),
    ],
    ['a Mailgun route (multipart, parsed)', multipart(mailgunParsed)],
    ['a Mailgun route to /mime (multipart, raw)', multipart(mailgunMime, '/mime')],
    ['Postmark inbound (JSON)', (m) => api.http.post(hook()).send(postmarkInbound(m))],
  ])('%s: the reply lands in the conversation of the email it answers', async (_name, post) => {
    const address = `ada.${randomUUID().slice(0, 8)}@example.com`;
    const sent = await sentTo(address);
    const reply = relayEmail({
      from: address,
      messageId: `<${randomUUID()}@mail.example.com>`,
      inReplyTo: sent.messageId,
      references: [sent.messageId],
      text: 'Yes, Tuesday works — thanks!',
    });

    const res = await post(reply);
    expect({ status: res.status, body: res.body }).toEqual({
      status: 200,
      body: { success: true, data: { recorded: 1, duplicates: 0 } },
    });
    const event = await appliedEvent(db, tenant.id, `inbound:${reply.messageId}`);
    expect(event.lead_id).toBe(sent.leadId);
    const [message] = await inbound(sent.conversationId);
    expect(message).toMatchObject({
      lead_id: sent.leadId,
      subject: 'Re: Your appointment',
      provider_message_id: reply.messageId,
    });
    expect(message.content.startsWith('Yes, Tuesday works — thanks!')).toBe(true);
    // Its HTML part is kept beside the text, as it came.
    expect(message.html).toBe('<div dir="ltr">Yes, Tuesday works — thanks!</div>');

    // The relay's retry is the same email: answered, not recorded twice.
    const again = await post(reply);
    expect(again.body.data).toEqual({ recorded: 0, duplicates: 1 });
    expect(await inbound(sent.conversationId)).toHaveLength(1);
  });

  /** A relay's post of an email whose only body is `html` (no text part, or an empty one). */
  const htmlOnly =
    (post: (m: RelayEmail) => Record<string, unknown>, drop: string[], as: 'json' | 'multipart'): Post =>
    (m) => {
      const fields = Object.fromEntries(Object.entries(post(m)).filter(([k]) => !drop.includes(k)));
      if (as === 'json') return api.http.post(hook()).send(fields);
      return multipart(() => fields as Record<string, string>)(m);
    };
  const ourJson = (m: RelayEmail) => ({
    from: `${m.fromName} <${m.from}>`,
    to: m.to,
    subject: m.subject,
    message_id: m.messageId,
    in_reply_to: m.inReplyTo,
    text: m.text,
  });
  const htmlRelays = (html: string): [string, Post][] => [
    ['our JSON payload', htmlOnly((m) => ({ ...ourJson(m), html }), ['text'], 'json')],
    [
      'SendGrid Inbound Parse (parsed)',
      htmlOnly((m) => ({ ...sendGridParsed(m), html }), ['text'], 'multipart'),
    ],
    [
      'a Mailgun route (parsed)',
      htmlOnly(
        (m) => ({ ...mailgunParsed(m), 'body-html': html, 'stripped-html': html }),
        ['body-plain', 'stripped-text'],
        'multipart',
      ),
    ],
    [
      'Postmark inbound (JSON)',
      htmlOnly(
        (m) => postmarkInbound(m, { TextBody: '', StrippedTextReply: '', HtmlBody: html }),
        [],
        'json',
      ),
    ],
  ];

  it.each(htmlRelays('<html><body>\n  <p>STOP</p>\n</body></html>'))(
    '%s: an HTML-only STOP opts the lead out of email',
    async (_name, post) => {
      const address = `hal.${randomUUID().slice(0, 8)}@example.com`;
      const sent = await sentTo(address);
      const reply = relayEmail({
        from: address,
        messageId: `<${randomUUID()}@mail.example.com>`,
        inReplyTo: sent.messageId,
        references: [sent.messageId],
        text: 'STOP',
      });
      expect((await post(reply)).status).toBe(200);
      await appliedEvent(db, tenant.id, `inbound:${reply.messageId}`);
      const [message] = await inbound(sent.conversationId);
      expect(message.content).toBe('STOP');
      const [lead] = await db.query(`SELECT opted_out_channels FROM leads WHERE id = $1`, [sent.leadId]);
      expect(lead.opted_out_channels).toEqual(['email']);
      expect(
        await db.query(`SELECT channel, reason FROM dnc_entries WHERE tenant_id = $1 AND email = $2`, [
          tenant.id,
          address,
        ]),
      ).toEqual([{ channel: 'email', reason: 'stop_keyword' }]);
    },
  );

  it.each(
    htmlRelays(
      '<div dir="ltr">Yes, <b>Tuesday</b> works &amp; thanks!<br>Ada</div>' +
        '<div class="gmail_quote">On Sun, Clinic wrote:<blockquote>Would Tuesday suit you?</blockquote></div>',
    ),
  )('%s: an HTML-only reply is stored and classified with its words', async (_name, post) => {
    const address = `hal.${randomUUID().slice(0, 8)}@example.com`;
    const sent = await sentTo(address);
    const reply = relayEmail({
      from: address,
      messageId: `<${randomUUID()}@mail.example.com>`,
      inReplyTo: sent.messageId,
      references: [sent.messageId],
    });
    expect((await post(reply)).status).toBe(200);
    await appliedEvent(db, tenant.id, `inbound:${reply.messageId}`);
    const [message] = await db.query(
      `SELECT id, content, html FROM messages WHERE conversation_id = $1 AND direction = 'inbound'`,
      [sent.conversationId],
    );
    expect(message.content).toBe('Yes, Tuesday works & thanks!\nAda');
    expect(message.html).toContain('<b>Tuesday</b>');
    const queued = await api.app
      .get(JobProducer)
      .queue(QueueName.Classification)
      .getJob(`classify:${message.id as string}`);
    expect(queued?.data).toEqual({ tenant_id: tenant.id, message_id: message.id });
  });

  it("a reply to an erased lead's email is a new person's, never another lead's", async () => {
    const other = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .send({ first_name: 'Bystander', email: `by.${randomUUID().slice(0, 8)}@example.com` });
    expect(other.status).toBe(201);
    const address = `gone.${randomUUID().slice(0, 8)}@example.com`;
    const sent = await sentTo(address);
    const erased = await api.http.delete(`/api/leads/${sent.leadId}?erase=true`).set(tenant.admin.headers);
    expect(erased.status).toBe(200);
    const before = (await db.query(`SELECT id FROM leads WHERE tenant_id = $1`, [tenant.id])).map(
      (r: { id: string }) => r.id,
    );

    const reply = relayEmail({
      from: address,
      messageId: `<${randomUUID()}@mail.example.com>`,
      inReplyTo: sent.messageId,
      references: [sent.messageId],
      text: 'Who is this?',
    });
    expect((await api.http.post(hook()).send(postmarkInbound(reply))).status).toBe(200);
    const event = await appliedEvent(db, tenant.id, `inbound:${reply.messageId}`);
    const [message] = await db.query(
      `SELECT lead_id, conversation_id FROM messages WHERE tenant_id = $1 AND provider_message_id = $2`,
      [tenant.id, reply.messageId],
    );
    expect(message.lead_id).toBe(event.lead_id);
    expect(before).not.toContain(message.lead_id);
    expect(message.conversation_id).not.toBe(sent.conversationId);
    const [lead] = await db.query(`SELECT email FROM leads WHERE tenant_id = $1 AND id = $2`, [
      tenant.id,
      message.lead_id,
    ]);
    expect(lead.email).toBe(address);
  });

  it("fields in the email's own charset (SendGrid's `charsets`) and an 8-bit raw message read right", async () => {
    const text = 'Très bien, à mardi — Zoë';
    const zoe = `zoe.${randomUUID().slice(0, 8)}@example.com`;
    const parsedTo = await sentTo(zoe);
    const m = relayEmail({
      from: zoe,
      messageId: `<${randomUUID()}@mail.example.com>`,
      inReplyTo: parsedTo.messageId,
      text,
    });
    // SendGrid posts each field's bytes in the email's charset, with no charset on the part.
    const fields: Record<string, string | Buffer> = {
      ...sendGridParsed(m),
      text: encode(text, 'windows-1252'),
      html: encode(`<p>${text}</p>`, 'windows-1252'),
      charsets: JSON.stringify({
        to: 'UTF-8',
        from: 'UTF-8',
        subject: 'UTF-8',
        text: 'windows-1252',
        html: 'windows-1252',
      }),
    };
    const parsed = await postBytes(fields);
    expect(parsed.status).toBe(200);
    await appliedEvent(db, tenant.id, `inbound:${m.messageId}`);
    expect((await inbound(parsedTo.conversationId))[0].content).toBe(text);

    const zed = `zed.${randomUUID().slice(0, 8)}@example.com`;
    const rawTo = await sentTo(zed);
    const r = relayEmail({
      from: zed,
      messageId: `<${randomUUID()}@mail.example.com>`,
      inReplyTo: rawTo.messageId,
    });
    const eightBit = Buffer.concat([
      Buffer.from(
        `${headerBlock(r, ['Content-Type: text/plain; charset=iso-8859-15', 'Content-Transfer-Encoding: 8bit'])}\r\n\r\n`,
      ),
      encode('Très bien, à mardi : 20 €', 'iso-8859-15'),
    ]);
    const raw = await postBytes({ email: eightBit, to: r.to });
    expect(raw.status).toBe(200);
    await appliedEvent(db, tenant.id, `inbound:${r.messageId}`);
    expect((await inbound(rawTo.conversationId))[0].content).toBe('Très bien, à mardi : 20 €');
  });

  it("with Mailgun's signing key set, only Mailgun's signed posts are taken; the rest are 403 and record nothing", async () => {
    const signingKey = `key-${randomUUID().replace(/-/g, '')}`;
    const mg = await createTenant(api.http);
    const config = await api.http
      .put('/api/config/channels/email')
      .set(mg.admin.headers)
      .send({
        provider: 'smtp',
        credentials: {
          host: 'smtp.example.com',
          port: 587,
          secure: false,
          from: 'hello@clinic.example',
          inbound_secret: 'inbound-secret-mailgun',
          mailgun_signing_key: signingKey,
        },
      });
    expect(config.status).toBe(200);
    expect(config.body.data.credentials.mailgun_signing_key).not.toContain(signingKey.slice(0, 12));
    const smtp = await api.app.get(ChannelConfigsService).resolve(mg.id, 'email');
    const mgHook = (path = '') =>
      `/webhooks/email-inbound${path}?key=${smtp.webhookKey}&secret=${encodeURIComponent(smtp.signingSecret)}`;
    const recorded = async () =>
      (await db.query(`SELECT count(*)::int AS n FROM webhook_events WHERE tenant_id = $1`, [mg.id]))[0]
        .n as number;
    const signed = (fields: Record<string, string>, key = signingKey, ageSeconds = 0) => {
      const token = randomUUID().replace(/-/g, '');
      const timestamp = String(Math.floor(api.clock.nowMs() / 1000) - ageSeconds);
      return { ...fields, timestamp, token, signature: signMailgunWebhook(key, timestamp, token) };
    };
    const post = (fields: Record<string, string>, path = '') =>
      Object.entries(fields).reduce(
        (req, [name, value]) => req.field(name, value),
        api.http.post(mgHook(path)),
      );
    const email = () => relayEmail({ messageId: `<${randomUUID()}@mail.example.com>` });

    const refused = [
      await post(signed(mailgunParsed(email()), 'another-key')),
      await post({ ...mailgunParsed(email()), signature: 'f'.repeat(64) }),
      await post(sendGridParsed(email())),
      await api.http.post(mgHook()).set('Content-Type', 'message/rfc822').send(rawReply(email())),
      await api.http.post(mgHook()).send(postmarkInbound(email())),
    ];
    for (const res of refused)
      expect({ status: res.status, code: res.body.error?.code }).toEqual({
        status: 403,
        code: 'AUTHORIZATION_FAILED',
      });
    expect(await recorded()).toBe(0);

    const parsed = await post(signed(mailgunParsed(email())));
    expect(parsed.body).toEqual({ success: true, data: { recorded: 1, duplicates: 0 } });
    const raw = await post(signed(mailgunMime(email())), '/mime');
    expect(raw.body).toEqual({ success: true, data: { recorded: 1, duplicates: 0 } });
    expect(await recorded()).toBe(2);

    // Mailgun's signature covers its timestamp and token only: a captured one with another email is refused, and
    // so is one older than a day; Mailgun's own retry (the same email) is taken, as a duplicate.
    const first = email();
    const once = signed(mailgunParsed(first));
    expect((await post(once)).body).toEqual({ success: true, data: { recorded: 1, duplicates: 0 } });
    const { timestamp, token, signature } = once;
    const forged = await post({ ...mailgunParsed(email()), timestamp, token, signature });
    const stale = await post(signed(mailgunParsed(email()), signingKey, 25 * 3600));
    for (const res of [forged, stale])
      expect({ status: res.status, code: res.body.error?.code }).toEqual({
        status: 403,
        code: 'AUTHORIZATION_FAILED',
      });
    expect((await post(once)).body).toEqual({ success: true, data: { recorded: 0, duplicates: 1 } });
    expect(await recorded()).toBe(3);
  });

  it('a raw delivery report fails the email it quotes and is nobody’s reply', async () => {
    const address = `gone.${randomUUID().slice(0, 8)}@example.com`;
    const sent = await sentTo(address);
    const dsnId = `<dsn-${randomUUID()}@mx.example.net>`;
    const res = await api.http
      .post(hook())
      .set('Content-Type', 'message/rfc822')
      .send(rawBounce(address, sent.messageId, dsnId));
    expect(res.status).toBe(200);
    await appliedEvent(db, tenant.id, `inbound:${dsnId}`);
    const [message] = await db.query(`SELECT status, error_code FROM messages WHERE id = $1`, [sent.id]);
    expect(message).toEqual({ status: 'failed', error_code: 'bounce:5.1.1' });
    expect(await inbound(sent.conversationId)).toEqual([]);
  });

  it('a body over INBOUND_EMAIL_MAX_BYTES is a 413 and records nothing, raw or multipart', async () => {
    const before = await events();
    const big = relayEmail({ messageId: `<${randomUUID()}@mail.example.com>`, text: 'x'.repeat(MAX_BYTES) });
    const raw = await api.http.post(hook()).set('Content-Type', 'message/rfc822').send(rawReply(big));
    expect({ status: raw.status, code: raw.body.error?.code }).toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    const form = await multipart(sendGridParsed)(big);
    expect({ status: form.status, code: form.body.error?.code }).toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    const attached = await multipart(sendGridParsed)(
      relayEmail({ messageId: `<${randomUUID()}@mail.example.com>` }),
    ).attach('attachment1', Buffer.alloc(MAX_BYTES), {
      filename: 'big.bin',
      contentType: 'application/octet-stream',
    });
    expect({ status: attached.status, code: attached.body.error?.code }).toEqual({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(await events()).toBe(before);
  });

  it('the webhook still checks its key and secret first, and an email without a sender is a 400; nothing recorded', async () => {
    const before = await events();
    const m = relayEmail({ messageId: `<${randomUUID()}@mail.example.com>` });
    const wrong = await api.http
      .post(`/webhooks/email-inbound?key=${email.webhookKey}&secret=wrong`)
      .set('Content-Type', 'message/rfc822')
      .send(rawReply(m));
    expect({ status: wrong.status, code: wrong.body.error?.code }).toEqual({
      status: 403,
      code: 'AUTHORIZATION_FAILED',
    });
    const noSender = await api.http
      .post(hook())
      .set('Content-Type', 'message/rfc822')
      .send(
        ['To: inbox@clinic.example', 'Subject: Hi', 'Message-ID: <x@y.example>', '', 'Hello'].join('\r\n'),
      );
    expect({ status: noSender.status, code: noSender.body.error?.code }).toEqual({
      status: 400,
      code: 'VALIDATION_ERROR',
    });
    // Our JSON names the one field missing, not one that was sent.
    const noFrom = await api.http.post(hook()).send({ to: 'inbox@clinic.example', text: 'Hi' });
    expect(noFrom.body.error).toEqual({
      code: 'VALIDATION_ERROR',
      message: expect.any(String),
      details: [{ field: 'from', reason: 'is required: an email address' }],
    });
    expect(await events()).toBe(before);
  });

  it('a JSON email without a Message-ID is named by a hash of what it says: recorded once, however often it comes', async () => {
    const before = await events();
    const body = { from: 'walk.in@example.com', to: 'inbox@clinic.example', text: `Hello ${randomUUID()}` };
    const first = await api.http.post(hook()).send(body);
    const retry = await api.http.post(hook()).send(body);
    expect([first.status, first.body.data, retry.status, retry.body.data]).toEqual([
      200,
      { recorded: 1, duplicates: 0 },
      200,
      { recorded: 0, duplicates: 1 },
    ]);
    expect(await events()).toBe(before + 1);
  });

  it('any other route refuses a raw email with 415', async () => {
    const res = await api.http
      .post('/api/leads')
      .set(tenant.admin.headers)
      .set('Content-Type', 'message/rfc822')
      .send(rawReply(relayEmail()));
    expect({ status: res.status, code: res.body.error?.code }).toEqual({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
  });
});

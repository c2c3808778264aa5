import {
  ChannelConfigsService,
  INBOUND_HTML_MAX_CHARS,
  InboundAttachments,
  ResolvedChannel,
} from '@app/domain';
import {
  appliedEvent,
  createApiKey,
  createTenant,
  createUser,
  getBytes,
  TestApi,
  TestTenant,
} from '@app/testing';
import { decodeExtended, parse as parseDisposition } from 'content-disposition';
import { randomUUID } from 'node:crypto';
import type { Response, Test } from 'supertest';
import { DataSource } from 'typeorm';
import {
  MailFile,
  mailFiles,
  mailgunParsed,
  postmarkAttachments,
  postmarkInbound,
  rawBounce,
  RelayEmail,
  relayEmail,
  rawWithFiles,
  sendGridParsed,
} from '../../../../libs/providers/test/fixtures/email-relays.fixtures';
import { sentEmail } from './sent-email.fixture';
import { startStatusPlatform, StatusPlatform } from './status-callbacks.fixture';

/**
 * An email's attachments are kept: stored as the webhook receives them (once, however often the relay retries),
 * listed on the message (`attachments`, each with its download `url`), downloaded as they came by the tenant's
 * users only, deleted when the lead is erased; a bounce keeps none, and files whose message was never recorded are
 * swept after a week.
 */
describe('inbound email attachments (e2e)', () => {
  let platform: StatusPlatform;
  let api: TestApi;
  let db: DataSource;
  let tenant: TestTenant;
  let email: ResolvedChannel;
  const files = mailFiles();

  beforeAll(async () => {
    platform = await startStatusPlatform();
    ({ api, db, tenant } = platform);
    email = await api.app.get(ChannelConfigsService).resolve(tenant.id, 'email');
  }, 60_000);
  afterAll(() => platform?.close());

  const hook = () =>
    `/webhooks/email-inbound?key=${email.webhookKey}&secret=${encodeURIComponent(email.signingSecret)}`;

  const CID = 'logo.7f3a@mail.example.com';
  /** A relay's multipart post: its fields, and the files in the fields `name` gives them. */
  const posted = (fields: Record<string, string>, inline: MailFile[], name: (i: number) => string) =>
    inline.reduce(
      (req, f, i) => req.attach(name(i), f.content, { filename: f.filename, contentType: f.content_type }),
      Object.entries(fields).reduce((req, [k, v]) => req.field(k, v), api.http.post(hook())),
    );

  type Post = (m: RelayEmail) => Test;
  const withFiles =
    (fields: (m: RelayEmail) => Record<string, string>, name: (i: number) => string): Post =>
    (m) =>
      posted(fields(m), files, name);
  const raw: Post = (m) =>
    api.http.post(hook()).set('Content-Type', 'message/rfc822').send(rawWithFiles(m, files));

  /** A binary answer's bytes. */
  const download = (url: string, headers: Record<string, string>) => getBytes(api.http, url, headers);
  const errorOf = (res: Response) => ({
    status: res.status,
    code: (JSON.parse((res.body as Buffer).toString()) as { error: { code: string } }).error.code,
  });

  /** A lead's reply with the files, posted and applied: the inbound message as the API lists it. */
  async function replied(post: Post) {
    const address = `ada.${randomUUID().slice(0, 8)}@example.com`;
    const sent = await sentEmail(api, db, tenant, address);
    const reply = relayEmail({
      from: address,
      messageId: `<${randomUUID()}@mail.example.com>`,
      inReplyTo: sent.messageId,
      text: 'Here is the plan, and the quote.',
    });
    const res = await post(reply);
    expect({ status: res.status, body: res.body }).toEqual({
      status: 200,
      body: { success: true, data: { recorded: 1, duplicates: 0 } },
    });
    await appliedEvent(db, tenant.id, `inbound:${reply.messageId}`);
    const list = await api.http
      .get(`/api/conversations/${sent.conversationId}/messages`)
      .set(tenant.admin.headers);
    expect(list.status).toBe(200);
    const message = (list.body.data as { direction: string }[]).find(
      (m) => m.direction === 'inbound',
    ) as unknown as {
      id: string;
      attachments: { id: string; filename: string; content_type: string; size: number; url: string }[];
    };
    return { sent, reply, message, post: () => post(reply) };
  }

  const stored = async (ids: string[]) =>
    (
      await db.query(`SELECT count(*)::int AS n FROM message_attachments WHERE id = ANY($1::uuid[])`, [ids])
    )[0].n as number;

  it.each<[string, Post]>([
    ['raw MIME', raw],
    [
      'SendGrid Inbound Parse (attachment1, attachment2)',
      withFiles(sendGridParsed, (i) => `attachment${i + 1}`),
    ],
    ['a Mailgun route (attachment-1, attachment-2)', withFiles(mailgunParsed, (i) => `attachment-${i + 1}`)],
    [
      'Postmark inbound JSON',
      (m) => api.http.post(hook()).send(postmarkInbound(m, { Attachments: postmarkAttachments(files) })),
    ],
  ])(
    '%s: the files are listed on the message and download as they came, stored once',
    async (_name, post) => {
      const { message, post: again } = await replied(post);
      expect(message.attachments).toEqual(
        files.map((f: MailFile) => ({
          id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
          filename: f.filename,
          content_type: f.content_type,
          size: f.content.length,
          url: expect.stringMatching(new RegExp(`^/api/messages/${message.id}/attachments/`)),
          content_id: null,
        })),
      );
      for (const [i, a] of message.attachments.entries()) {
        expect(a.url).toBe(`/api/messages/${message.id}/attachments/${a.id}`);
        const res = await download(a.url, tenant.admin.headers);
        expect(res.status).toBe(200);
        expect(Buffer.compare(res.body as Buffer, files[i].content)).toBe(0);
        expect(res.headers['content-type']).toBe(files[i].content_type);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        const disposition = parseDisposition(res.headers['content-disposition'] as string);
        expect(disposition.type).toBe('attachment');
        const extended = disposition.parameters['filename*'];
        expect(extended ? decodeExtended(extended) : disposition.parameters.filename).toBe(files[i].filename);
      }
      // The inbox's list shows the conversation's last message has them.
      const inbox = await api.http.get('/api/conversations?channel=email').set(tenant.admin.headers);
      const listed = (
        inbox.body.data as { last_message: { id: string; attachment_count: number } | null }[]
      ).find((c) => c.last_message?.id === message.id);
      expect(listed?.last_message?.attachment_count).toBe(2);
      // The relay's retry: answered as a repeat, the files still stored once.
      const retry = await again();
      expect(retry.body.data).toEqual({ recorded: 0, duplicates: 1 });
      expect(await stored(message.attachments.map((a) => a.id))).toBe(2);
    },
  );

  it.each<[string, (m: RelayEmail, inline: MailFile[]) => Test]>([
    [
      'raw MIME',
      (m, inline) =>
        api.http.post(hook()).set('Content-Type', 'message/rfc822').send(rawWithFiles(m, inline)),
    ],
    [
      'Postmark inbound JSON',
      (m, inline) =>
        api.http.post(hook()).send(postmarkInbound(m, { Attachments: postmarkAttachments(inline) })),
    ],
    [
      'SendGrid Inbound Parse (its content-ids map)',
      (m, inline) =>
        posted(
          { ...sendGridParsed(m), 'content-ids': JSON.stringify({ [CID]: 'attachment1' }) },
          inline,
          (i) => `attachment${i + 1}`,
        ),
    ],
    [
      'a Mailgun route (its content-id-map)',
      (m, inline) =>
        posted(
          { ...mailgunParsed(m), 'content-id-map': JSON.stringify({ [`<${CID}>`]: 'attachment-1' }) },
          inline,
          (i) => `attachment-${i + 1}`,
        ),
    ],
  ])('%s: an inline image lists the id its HTML names it by (cid:)', async (_name, send) => {
    const inline = [{ ...files[1], content_id: CID }, files[0]];
    const { message } = await replied((m) => send(m, inline));
    expect(
      (message.attachments as unknown as { filename: string; content_id: string | null }[]).map((a) => [
        a.filename,
        a.content_id,
      ]),
    ).toEqual([
      [files[1].filename, CID],
      [files[0].filename, null],
    ]);
  });

  it("a file is downloaded by the tenant's users only: another tenant 404, no token 401, a malformed or unknown id 404", async () => {
    const { message } = await replied(raw);
    const [a] = message.attachments;
    const other = await createTenant(api.http);
    expect(errorOf(await download(a.url, other.admin.headers))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(errorOf(await download(a.url, {}))).toEqual({ status: 401, code: 'AUTHENTICATION_REQUIRED' });
    expect(errorOf(await download(`/api/messages/nope/attachments/${a.id}`, tenant.admin.headers))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
    });
    expect(
      errorOf(await download(`/api/messages/${message.id}/attachments/nope`, tenant.admin.headers)),
    ).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(
      errorOf(
        await download(`/api/messages/${message.id}/attachments/${randomUUID()}`, tenant.admin.headers),
      ),
    ).toEqual({ status: 404, code: 'NOT_FOUND' });
    // A file of this message, asked for under another message of the tenant.
    const { message: second } = await replied(raw);
    expect(
      errorOf(await download(`/api/messages/${second.id}/attachments/${a.id}`, tenant.admin.headers)),
    ).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('an agent downloads the files of the conversations assigned to them only; an agent-role key none', async () => {
    const { sent, message } = await replied(raw);
    const [a] = message.attachments;
    const agent = await createUser(api.http, tenant, 'agent');
    const key = { 'X-API-Key': (await createApiKey(api.http, tenant, 'agent')).key };
    expect(errorOf(await download(a.url, agent.headers))).toEqual({ status: 404, code: 'NOT_FOUND' });
    expect(errorOf(await download(a.url, key))).toEqual({ status: 404, code: 'NOT_FOUND' });
    const assigned = await api.http
      .patch(`/api/conversations/${sent.conversationId}`)
      .set(tenant.admin.headers)
      .send({ assigned_user_id: agent.id });
    expect(assigned.status).toBe(200);
    const res = await download(a.url, agent.headers);
    expect(res.status).toBe(200);
    expect((res.body as Buffer).equals(files[0].content)).toBe(true);
    expect(errorOf(await download(a.url, key))).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('a bounce keeps no files', async () => {
    const address = `gone.${randomUUID().slice(0, 8)}@example.com`;
    const sent = await sentEmail(api, db, tenant, address);
    const dsnId = `<dsn-${randomUUID()}@mx.example.net>`;
    const before = (
      await db.query(`SELECT count(*)::int AS n FROM message_attachments WHERE tenant_id = $1`, [tenant.id])
    )[0].n;
    // The report as raw MIME, with a file beside its report parts (some servers attach the original this way).
    const report = rawBounce(address, sent.messageId, dsnId).replace(
      /(--[^\r\n]+)--\r\n$/,
      `$1\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="quote.pdf"\r\n` +
        `Content-Transfer-Encoding: base64\r\n\r\n${files[0].content.toString('base64')}\r\n$1--\r\n`,
    );
    const res = await api.http.post(hook()).set('Content-Type', 'message/rfc822').send(report);
    expect(res.status).toBe(200);
    await appliedEvent(db, tenant.id, `inbound:${dsnId}`);
    const [bounced] = await db.query(`SELECT status FROM messages WHERE id = $1`, [sent.id]);
    expect(bounced.status).toBe('failed');
    const after = (
      await db.query(`SELECT count(*)::int AS n FROM message_attachments WHERE tenant_id = $1`, [tenant.id])
    )[0].n;
    expect(after).toBe(before);
  });

  it("erasing the lead deletes their files and empties the message's list", async () => {
    const { sent, message } = await replied(raw);
    const ids = message.attachments.map((a) => a.id);
    expect(await stored(ids)).toBe(2);
    const erased = await api.http.delete(`/api/leads/${sent.leadId}?erase=true`).set(tenant.admin.headers);
    expect(erased.status).toBe(200);
    expect(await stored(ids)).toBe(0);
    const [row] = await db.query(`SELECT attachments, html FROM messages WHERE id = $1`, [message.id]);
    expect(row).toEqual({ attachments: [], html: null });
    expect(errorOf(await download(message.attachments[0].url, tenant.admin.headers))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
    });
  });

  it('an email’s HTML part is kept beside its text, unless it is over INBOUND_HTML_MAX_CHARS', async () => {
    const address = `html.${randomUUID().slice(0, 8)}@example.com`;
    const sent = await sentEmail(api, db, tenant, address);
    const post = async (html: string) => {
      const messageId = `<${randomUUID()}@mail.example.com>`;
      const res = await api.http.post(hook()).send({
        from: address,
        to: 'inbox@clinic.example',
        text: 'The plan is attached.',
        html,
        message_id: messageId,
        in_reply_to: sent.messageId,
      });
      expect(res.status).toBe(200);
      await appliedEvent(db, tenant.id, `inbound:${messageId}`);
      const [row] = await db.query(`SELECT content, html FROM messages WHERE provider_message_id = $1`, [
        messageId,
      ]);
      return row as { content: string; html: string | null };
    };
    const small = '<table><tr><td>The plan</td></tr></table>';
    expect(await post(small)).toEqual({ content: 'The plan is attached.', html: small });
    const huge = `<div>${'x'.repeat(INBOUND_HTML_MAX_CHARS)}</div>`;
    expect(await post(huge)).toEqual({ content: 'The plan is attached.', html: null });
  });

  it('files never given a message are swept after a week; newer ones and those of a message stay', async () => {
    const { message } = await replied(raw);
    const orphan = async (daysAgo: number) => {
      const id = randomUUID();
      await db.query(
        `INSERT INTO message_attachments (id, tenant_id, content_type, size, content, created_at)
         VALUES ($1, $2, 'text/plain', 2, '\\x6869', now() - make_interval(days => $3))`,
        [id, tenant.id, daysAgo],
      );
      return id;
    };
    const old = await orphan(8);
    const recent = await orphan(6);
    await db.query(
      `UPDATE message_attachments SET created_at = now() - interval '30 days' WHERE message_id = $1`,
      [message.id],
    );
    await api.app.get(InboundAttachments).sweepUnlinked();
    expect(await stored([old])).toBe(0);
    expect(await stored([recent])).toBe(1);
    expect(await stored(message.attachments.map((a) => a.id))).toBe(2);
  });
});

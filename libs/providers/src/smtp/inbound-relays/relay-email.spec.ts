import {
  mailFiles,
  mailgunMime,
  mailgunParsed,
  postmarkAttachments,
  postmarkInbound,
  rawBounce,
  rawReply,
  rawWithFiles,
  relayEmail,
  sendGridParsed,
  sendGridRaw,
} from '../../../test/fixtures/email-relays.fixtures';
import { SmtpMessagingAdapter } from '../smtp-messaging.adapter';
import { RelayEmailBody, relayEmailPayload } from './relay-email';

const NOW = new Date('2026-01-06T00:00:00Z');
const adapter = new SmtpMessagingAdapter(
  { host: 'localhost', port: 25, secure: false, from: 'hello@clinic.example' },
  { now: () => NOW },
);
const parse = async (body: RelayEmailBody) => adapter.parseInbound(await relayEmailPayload(body));

const reply = relayEmail({
  inReplyTo: '<0192f3a4-msg@clinic.example>',
  references: ['<root@clinic.example>', '<0192f3a4-msg@clinic.example>'],
});
/** What every relay's form of `reply` reads as. */
const expected = {
  channel: 'email',
  from: 'ada@example.com',
  to: 'inbox@clinic.example',
  provider_message_id: '<CAF=abc123@mail.example.com>',
  sender_name: 'Ada Lovelace',
  subject: 'Re: Your appointment',
  threading: {
    message_id: '<CAF=abc123@mail.example.com>',
    in_reply_to: '<0192f3a4-msg@clinic.example>',
    references: ['<root@clinic.example>', '<0192f3a4-msg@clinic.example>'],
  },
  received_at: '2026-01-05T10:00:00.000Z',
};

describe('inbound email from relays', () => {
  it.each<[string, RelayEmailBody]>([
    ['raw MIME (message/rfc822)', { type: 'raw', raw: Buffer.from(rawReply(reply)) }],
    ['SendGrid Inbound Parse, parsed', { type: 'fields', fields: sendGridParsed(reply) }],
    ['SendGrid Inbound Parse, raw', { type: 'fields', fields: sendGridRaw(reply) }],
    ['a Mailgun route, parsed', { type: 'fields', fields: mailgunParsed(reply) }],
    ['a Mailgun route, raw (body-mime)', { type: 'fields', fields: mailgunMime(reply) }],
    ['Postmark inbound JSON', { type: 'json', json: postmarkInbound(reply) }],
    [
      'Postmark inbound JSON with RawEmail',
      { type: 'json', json: postmarkInbound(reply, { RawEmail: rawReply(reply) }) },
    ],
  ])('%s: sender, subject, text, threading and date', async (_name, body) => {
    const [message] = await parse(body);
    expect(message).toMatchObject(expected);
    // The text decoded from its transfer encoding and charset, the reply above the quoted history.
    expect(message.body.startsWith('Yes, Tuesday works — thanks!')).toBe(true);
    expect(message.html).toBe('<div dir="ltr">Yes, Tuesday works — thanks!</div>');
    expect(message.bounce).toBeUndefined();
  });

  it('our own payload, as JSON or as form fields, is read as before', async () => {
    const payload = {
      from: 'ada@example.com',
      message_id: '<x@mail.example.com>',
      text: 'Hi',
      to: 'inbox@clinic.example',
    };
    for (const body of [
      { type: 'json', json: payload },
      { type: 'fields', fields: payload },
    ] as RelayEmailBody[]) {
      expect(await parse(body)).toEqual([
        expect.objectContaining({
          from: 'ada@example.com',
          body: 'Hi',
          provider_message_id: '<x@mail.example.com>',
        }),
      ]);
    }
  });

  it("a raw message's In-Reply-To with a comment and References run together still name their messages", async () => {
    const raw = [
      'From: ada@example.com',
      'To: inbox@clinic.example',
      'Subject: Another question',
      'Message-ID: <commented@mail.example.com>',
      "In-Reply-To: <0192f3a4-msg@clinic.example> (Clinic's message of Sun)",
      'References: <root@clinic.example><0192f3a4-msg@clinic.example>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'And Saturday?',
    ].join('\r\n');
    const [message] = await parse({ type: 'raw', raw });
    expect(message.threading).toEqual({
      message_id: '<commented@mail.example.com>',
      in_reply_to: '<0192f3a4-msg@clinic.example>',
      references: ['<root@clinic.example>', '<0192f3a4-msg@clinic.example>'],
    });
  });

  it('an HTML-only raw message gets its text from the HTML', async () => {
    const raw = [
      'From: ada@example.com',
      'To: inbox@clinic.example',
      'Subject: Re: Hi',
      'Message-ID: <html-only@mail.example.com>',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Call me <b>tomorrow</b> please</p>',
    ].join('\r\n');
    const [message] = await parse({ type: 'raw', raw });
    expect(message.body).toContain('Call me tomorrow please');
    // No Date header: the receipt time.
    expect(message.received_at).toBe(NOW.toISOString());
  });

  it('a raw delivery report is read as the bounce of the message it quotes, recipient and status from its report part', async () => {
    const raw = rawBounce('nobody@example.com', '<0192f3a4-msg@clinic.example>', '<dsn-1@mx.example.net>');
    const [message] = await parse({ type: 'raw', raw });
    expect(message.provider_message_id).toBe('<dsn-1@mx.example.net>');
    expect(message.bounce).toEqual({
      action: 'failed',
      permanent: true,
      recipient: 'nobody@example.com',
      status: '5.1.1',
      diagnostic: '550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown',
      original_message_id: '<0192f3a4-msg@clinic.example>',
    });
  });

  it('a message without a Message-ID is named by its content: a redelivery has the same name, another message another', async () => {
    const bare = (text: string) =>
      ['From: ada@example.com', 'To: inbox@clinic.example', 'Subject: Hi', '', text].join('\r\n');
    const [first] = await parse({ type: 'raw', raw: bare('Yes please') });
    const [again] = await parse({ type: 'raw', raw: bare('Yes please') });
    const [other] = await parse({ type: 'raw', raw: bare('No thanks') });
    expect(first.provider_message_id).toMatch(/^<[0-9a-f]{32}@inbound\.reachline\.invalid>$/);
    expect(again.provider_message_id).toBe(first.provider_message_id);
    expect(other.provider_message_id).not.toBe(first.provider_message_id);

    const { 'message-headers': _headers, ...noHeaders } = mailgunParsed(relayEmail());
    const [mailgun] = await parse({ type: 'fields', fields: { ...noHeaders, token: 'another-token' } });
    const [mailgunAgain] = await parse({ type: 'fields', fields: { ...noHeaders, token: 'a-third-token' } });
    expect(mailgunAgain.provider_message_id).toBe(mailgun.provider_message_id);
  });

  it("Postmark's own MessageID names a message whose sender gave none", async () => {
    const body = postmarkInbound(relayEmail());
    body.Headers = (body.Headers as { Name: string }[]).filter((h) => h.Name !== 'Message-ID');
    const [message] = await parse({ type: 'json', json: body });
    expect(message.provider_message_id).toBe(
      '<73e6d360-66eb-11e1-8e72-a8904824019b@inbound.postmarkapp.com>',
    );
  });

  it('Mailgun headers posted as fields of their own are read when message-headers is absent', async () => {
    const { 'message-headers': _headers, ...fields } = mailgunParsed(reply);
    const [message] = await parse({
      type: 'fields',
      fields: {
        ...fields,
        'Message-Id': reply.messageId,
        'In-Reply-To': reply.inReplyTo as string,
        References: (reply.references as string[]).join(' '),
        Date: reply.date,
      },
    });
    expect(message).toMatchObject(expected);
  });

  it('what is not an email stays incomplete: nothing to record', async () => {
    expect(await parse({ type: 'raw', raw: 'not an email at all' })).toEqual([]);
    expect(await parse({ type: 'fields', fields: { hello: 'world' } })).toEqual([]);
    expect(await parse({ type: 'json', json: { MessageID: 'x', From: '' } })).toEqual([]);
  });

  describe('attachments', () => {
    const files = mailFiles();
    /** The files as a relay's multipart post carries them, and as each relay's form of them reads. */
    const attached = files.map((f) => ({
      filename: f.filename,
      content_type: f.content_type,
      content: f.content,
    }));

    it.each<[string, RelayEmailBody]>([
      ['raw MIME (RFC 2231 names)', { type: 'raw', raw: Buffer.from(rawWithFiles(reply, files)) }],
      [
        'SendGrid Inbound Parse, raw',
        { type: 'fields', fields: { ...sendGridRaw(reply), email: rawWithFiles(reply, files) } },
      ],
      [
        'SendGrid Inbound Parse, parsed (files attachment1, attachment2)',
        {
          type: 'fields',
          fields: {
            ...sendGridParsed(reply),
            attachments: '2',
            'attachment-info': JSON.stringify({
              attachment1: {
                filename: files[0].filename,
                name: files[0].filename,
                type: files[0].content_type,
              },
              attachment2: {
                filename: files[1].filename,
                name: files[1].filename,
                type: files[1].content_type,
              },
            }),
          },
          files: attached,
        },
      ],
      [
        'a Mailgun route, parsed (files attachment-1, attachment-2)',
        { type: 'fields', fields: { ...mailgunParsed(reply), 'attachment-count': '2' }, files: attached },
      ],
      [
        'Postmark inbound JSON (base64 Content)',
        { type: 'json', json: postmarkInbound(reply, { Attachments: postmarkAttachments(files) }) },
      ],
      [
        'our own payload (base64 content)',
        {
          type: 'json',
          json: {
            from: 'ada@example.com',
            to: 'inbox@clinic.example',
            text: 'See attached',
            message_id: '<own@mail.example.com>',
            attachments: files.map((f) => ({ ...f, content: f.content.toString('base64') })),
          },
        },
      ],
    ])('%s: each file with its name, type and bytes', async (_name, body) => {
      const [message] = await parse(body);
      expect(message.attachments).toEqual(attached);
    });

    it('names lose their directories and control characters, types their parameters; empty files are dropped', async () => {
      const [message] = await parse({
        type: 'json',
        json: {
          from: 'ada@example.com',
          message_id: '<tidy@mail.example.com>',
          attachments: [
            {
              filename: '..\\..\\C:/tmp/evil\u0000.exe',
              content_type: 'Application/PDF; name=x',
              content: 'AAEC',
            },
            { filename: '   ', content_type: 'not a type', content: 'AAEC', content_id: '<logo@clinic>' },
            { filename: 'empty.txt', content_type: 'text/plain', content: '' },
            { filename: 'no-bytes.txt' },
            null,
          ],
        },
      });
      expect(message.attachments).toEqual([
        { filename: 'evil.exe', content_type: 'application/pdf', content: Buffer.from([0, 1, 2]) },
        {
          filename: null,
          content_type: 'application/octet-stream',
          content: Buffer.from([0, 1, 2]),
          content_id: 'logo@clinic',
        },
      ]);
    });

    it('a message without files has no attachments, and a delivery report’s parts are not attachments', async () => {
      const [plain] = await parse({ type: 'raw', raw: Buffer.from(rawReply(reply)) });
      expect(plain.attachments).toBeUndefined();
      const [bounce] = await parse({
        type: 'raw',
        raw: Buffer.from(rawBounce('gone@example.com', '<ours@clinic.example>', '<dsn@mx.example.net>')),
      });
      expect(bounce.bounce).toBeDefined();
      expect(bounce.attachments ?? []).toEqual([]);
    });
  });
});

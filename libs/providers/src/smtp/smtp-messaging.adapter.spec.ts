import { closedPortUrl, FakeHttpServer } from '../../test/fake-http.server';
import { providerRejection } from '../../test/provider-rejection';
import { FakeSmtpServer, mailHeader } from '../../test/fake-smtp.server';
import * as dns from 'node:dns';
import { EgressPolicy } from '../http/egress-policy';
import { SmtpMessagingAdapter } from './smtp-messaging.adapter';

const NOW = new Date('2026-01-05T10:00:00Z');

describe('SmtpMessagingAdapter against a local SMTP server', () => {
  let server: FakeSmtpServer;
  let adapter: SmtpMessagingAdapter;

  beforeEach(async () => {
    server = await FakeSmtpServer.start();
    adapter = new SmtpMessagingAdapter(
      {
        host: '127.0.0.1',
        port: server.port,
        secure: false,
        user: 'mailer',
        pass: 's3cret',
        from: '"Sunrise Clinic" <hello@clinic.example>',
        timeout_ms: 5000,
      },
      { now: () => NOW },
    );
  });

  afterEach(async () => {
    adapter.close();
    await server.close();
  });

  it('authenticates, sends text and HTML, and sets a Message-ID made from our message id', async () => {
    const result = await adapter.send({
      channel: 'email',
      to: 'ada@example.com',
      subject: 'Your appointment',
      body: 'See you on Tuesday.',
      html: '<p>See you on Tuesday.</p>',
      message_id: '0192f3a4-msg',
    });

    expect(result).toEqual({ provider_message_id: '<0192f3a4-msg@clinic.example>', status: 'sent' });
    expect(server.mails).toHaveLength(1);
    const mail = server.mails[0];
    expect(mail.auth).toEqual({ user: 'mailer', pass: 's3cret' });
    expect(mail.from).toBe('hello@clinic.example');
    expect(mail.to).toEqual(['ada@example.com']);
    expect(mailHeader(mail.data, 'Message-ID')).toBe('<0192f3a4-msg@clinic.example>');
    expect(mailHeader(mail.data, 'Subject')).toBe('Your appointment');
    expect(mailHeader(mail.data, 'From')).toBe('Sunrise Clinic <hello@clinic.example>');
    expect(mailHeader(mail.data, 'Date')).toBe('Mon, 05 Jan 2026 10:00:00 +0000');
    expect(mailHeader(mail.data, 'In-Reply-To')).toBeUndefined();
    expect(mail.data).toContain('See you on Tuesday.');
    expect(mail.data).toContain('<p>See you on Tuesday.</p>');
  });

  it('attaches each media URL, fetched, under the file name its URL ends with', async () => {
    const files = await FakeHttpServer.start();
    try {
      const pdf = Buffer.from('%PDF-1.4\n% price list\n');
      files.reply({ status: 200, body: pdf, headers: { 'content-type': 'application/pdf' } });
      await adapter.send({
        channel: 'email',
        to: 'ada@example.com',
        subject: 'Our prices',
        body: 'Attached.',
        media_urls: [
          `${files.url}/webhooks/media/0192f3a0-0000-7000-8000-0000000000f1/Price%20list%20%E2%82%AC.pdf?t=x`,
        ],
        message_id: '0192f3a4-files',
      });
      const { simpleParser } = await import('mailparser');
      const mail = await simpleParser(server.mails[0].data);
      expect(
        mail.attachments.map((a) => ({ filename: a.filename, type: a.contentType, bytes: a.content })),
      ).toEqual([{ filename: 'Price list €.pdf', type: 'application/pdf', bytes: pdf }]);
    } finally {
      await files.close();
    }
  });

  it('carries a one-click unsubscribe (RFC 8058) when given one, and none otherwise', async () => {
    const url = 'https://api.example.com/webhooks/email/unsubscribe/m1?t=abc';
    await adapter.send({
      channel: 'email',
      to: 'a@example.com',
      body: 'x',
      message_id: 'm1',
      unsubscribe_url: url,
    });
    await adapter.send({ channel: 'email', to: 'a@example.com', body: 'x', message_id: 'm2' });
    const [withLink, without] = server.mails.map((m) => m.data);
    expect(mailHeader(withLink, 'List-Unsubscribe')).toBe(`<${url}>`);
    expect(mailHeader(withLink, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(mailHeader(without, 'List-Unsubscribe')).toBeUndefined();
    expect(mailHeader(without, 'List-Unsubscribe-Post')).toBeUndefined();
  });

  it('threads a reply with In-Reply-To and References', async () => {
    const result = await adapter.send({
      channel: 'email',
      to: 'ada@example.com',
      subject: 'Re: Your appointment',
      body: 'Tuesday it is.',
      message_id: 'reply-1',
      threading: {
        message_id: 'custom-id@clinic.example',
        in_reply_to: 'CAF=abc@mail.example.com',
        references: ['<0192f3a4-msg@clinic.example>'],
      },
    });

    expect(result.provider_message_id).toBe('<custom-id@clinic.example>');
    const data = server.mails[0].data;
    expect(mailHeader(data, 'Message-ID')).toBe('<custom-id@clinic.example>');
    expect(mailHeader(data, 'In-Reply-To')).toBe('<CAF=abc@mail.example.com>');
    expect(mailHeader(data, 'References')).toBe('<0192f3a4-msg@clinic.example> <CAF=abc@mail.example.com>');
  });

  it('maps a 535 authentication failure to auth', async () => {
    server.failures.auth = '535 5.7.8 Authentication credentials invalid';
    const error = await providerRejection(
      adapter.send({ channel: 'email', to: 'a@example.com', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({ kind: 'auth', retryable: false, providerCode: '535' });
    expect(server.mails).toHaveLength(0);
  });

  it('maps a 550 recipient refusal to a permanent rejection', async () => {
    server.failures.rcpt = '550 5.1.1 The email account that you tried to reach does not exist';
    const error = await providerRejection(
      adapter.send({ channel: 'email', to: 'nobody@example.com', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({ kind: 'rejected', retryable: false, providerCode: '550' });
  });

  it('maps a 451 temporary failure to a retryable error', async () => {
    server.failures.data = '451 4.3.0 Mail server temporarily rejected message';
    const error = await providerRejection(
      adapter.send({ channel: 'email', to: 'a@example.com', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({ kind: 'unavailable', retryable: true, providerCode: '451' });
  });

  describe("with the egress policy (a tenant's server)", () => {
    /** `smtp.test` resolves to the local SMTP server's address. */
    const lookUp = ((hostname: string, options: dns.LookupOptions, callback: (...a: unknown[]) => void) =>
      hostname === 'smtp.test'
        ? options.all
          ? callback(null, [{ address: '127.0.0.1', family: 4 }])
          : callback(null, '127.0.0.1', 4)
        : dns.lookup(hostname, options, callback as never)) as unknown as typeof dns.lookup;
    const tenantAdapter = (allowed: string[]) =>
      new SmtpMessagingAdapter(
        {
          host: 'smtp.test',
          port: server.port,
          secure: false,
          from: 'hello@clinic.example',
          timeout_ms: 5000,
        },
        { now: () => NOW, egress: new EgressPolicy(allowed, lookUp) },
      );
    const email = { channel: 'email' as const, to: 'ada@example.com', body: 'Hi', message_id: 'm-egress' };

    it('sends to a host the operator allows, connecting to the address it resolved to', async () => {
      await expect(tenantAdapter(['smtp.test']).send(email)).resolves.toMatchObject({ status: 'sent' });
      expect(server.mails).toHaveLength(1);
    });

    it('refuses a host that resolves to an internal address, and sends nothing', async () => {
      const error = await providerRejection(tenantAdapter([]).send(email));
      expect(error).toMatchObject({
        kind: 'rejected',
        providerCode: 'EGRESS_DENIED',
        mayHaveBeenSent: false,
      });
      expect(server.mails).toEqual([]);
    });

    it('never fetches an attachment at an internal address (it would be mailed out), and sends nothing', async () => {
      const files = await FakeHttpServer.start();
      try {
        files.reply({ status: 200, body: Buffer.from('instance credentials') });
        const error = await providerRejection(
          tenantAdapter(['smtp.test']).send({ ...email, media_urls: [`${files.url}/latest/meta-data/`] }),
        );
        expect(error).toMatchObject({
          kind: 'rejected',
          providerCode: 'EGRESS_DENIED',
          mayHaveBeenSent: false,
        });
        expect(error.message).toContain('could not be fetched');
        expect(files.requests).toEqual([]);
        expect(server.mails).toEqual([]);
      } finally {
        await files.close();
      }
    });
  });

  it.each([
    ['drops the line', 'drop'],
    ['never answers (our timeout)', 'silence'],
  ] as const)(
    'a server that took the message and then %s: a network error that may have sent it, never to resend',
    async (_, afterData) => {
      server.failures.afterData = afterData;
      const impatient = new SmtpMessagingAdapter({
        host: '127.0.0.1',
        port: server.port,
        secure: false,
        from: 'hello@clinic.example',
        timeout_ms: 500,
      });
      try {
        const error = await providerRejection(
          impatient.send({ channel: 'email', to: 'a@example.com', body: 'x', message_id: 'm' }),
        );
        expect(error).toMatchObject({ kind: 'network', mayHaveBeenSent: true });
        expect(server.mails).toHaveLength(1);
      } finally {
        impatient.close();
      }
    },
  );

  it('maps a refused connection to a network error that sent nothing', async () => {
    const port = Number(new URL(await closedPortUrl()).port);
    const offline = new SmtpMessagingAdapter({
      host: '127.0.0.1',
      port,
      secure: false,
      from: 'hello@clinic.example',
    });
    const error = await providerRejection(
      offline.send({ channel: 'email', to: 'a@example.com', body: 'x', message_id: 'm' }),
    );
    expect(error).toMatchObject({ kind: 'network', retryable: true, mayHaveBeenSent: false });
  });

  it('refuses templates, empty emails and other channels before connecting', async () => {
    await providerRejection(adapter.send({ channel: 'email', to: 'a@example.com', message_id: 'm' }));
    await providerRejection(adapter.send({ channel: 'sms', to: '+1', body: 'x', message_id: 'm' }));
    await providerRejection(
      adapter.send({
        channel: 'email',
        to: 'a@example.com',
        template: { name: 't', language: 'en', variables: {} },
        message_id: 'm',
      }),
    );
    expect(server.mails).toHaveLength(0);
  });
});

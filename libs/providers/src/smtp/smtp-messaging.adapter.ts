import { createTransport, Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import {
  InboundMessage,
  MessagingPort,
  OutboundMessage,
  SendResult,
  SentLookup,
  StatusUpdate,
} from '../messaging.port';
import { systemNow, type Now } from '../now';
import { ProviderError } from '../provider-error';
import { parseInboundEmail } from './inbound-email.parser';
import { angleMessageId, emailAddress, SmtpCredentials } from './smtp-credentials';
import { smtpError } from './smtp-error.mapper';

export interface SmtpAdapterOptions {
  now?: Now;
}

/**
 * Email over SMTP with nodemailer. Each send sets its own Message-ID (from our message id unless the threading
 * names one) and, for a reply, In-Reply-To and References, so the lead's answer finds its conversation. SMTP
 * reports no delivery statuses and keeps no list: `parseStatus` finds none and `lookupSent` answers undefined.
 */
export class SmtpMessagingAdapter extends MessagingPort {
  readonly provider = 'smtp' as const;
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;
  private readonly now: Now;

  constructor(
    private readonly credentials: SmtpCredentials,
    options: SmtpAdapterOptions = {},
  ) {
    super();
    if (!credentials.host || !credentials.port || !credentials.from) {
      throw new Error('SMTP credentials need host, port and from');
    }
    this.now = options.now ?? systemNow;
    const timeout = credentials.timeout_ms ?? 30_000;
    this.transport = createTransport({
      host: credentials.host,
      port: credentials.port,
      secure: credentials.secure,
      requireTLS: credentials.require_tls ?? false,
      ...(credentials.user ? { auth: { user: credentials.user, pass: credentials.pass ?? '' } } : {}),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      logger: false,
      debug: false,
    });
  }

  /** The Message-ID this adapter gives our message `id`: `<id@domain>`. */
  messageIdFor(id: string): string {
    const domain =
      this.credentials.message_id_domain ?? emailAddress(this.credentials.from).split('@')[1] ?? 'localhost';
    return `<${id}@${domain}>`;
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    if (message.channel !== 'email') {
      throw ProviderError.unsupported('smtp', `SMTP does not carry the ${message.channel} channel`);
    }
    if (message.template)
      throw ProviderError.unsupported('smtp', 'SMTP has no templates: render the email first');
    if (!message.body && !message.html)
      throw ProviderError.unsupported('smtp', 'An email needs a text or HTML body');
    const threading = message.threading ?? {};
    const messageId = threading.message_id
      ? angleMessageId(threading.message_id)
      : this.messageIdFor(message.message_id);
    const inReplyTo = threading.in_reply_to ? angleMessageId(threading.in_reply_to) : undefined;
    const references = (threading.references ?? []).map(angleMessageId);
    if (inReplyTo && !references.includes(inReplyTo)) references.push(inReplyTo);
    let info: SMTPTransport.SentMessageInfo;
    try {
      info = await this.transport.sendMail({
        from: message.from ?? this.credentials.from,
        to: message.to,
        subject: message.subject ?? '',
        ...(message.body !== undefined ? { text: message.body } : {}),
        ...(message.html !== undefined ? { html: message.html } : {}),
        messageId,
        ...(inReplyTo ? { inReplyTo } : {}),
        ...(references.length ? { references } : {}),
        date: this.now(),
        ...(message.media_urls?.length
          ? { attachments: message.media_urls.map((path) => ({ path, filename: fileNameOfUrl(path) })) }
          : {}),
      });
    } catch (error) {
      throw smtpError(error);
    }
    if (info.rejected.length > 0 && info.accepted.length === 0) {
      throw new ProviderError({ provider: 'smtp', kind: 'rejected', message: `SMTP rejected ${message.to}` });
    }
    return { provider_message_id: info.messageId || messageId, status: 'sent' };
  }

  parseStatus(_payload: unknown): StatusUpdate[] {
    return [];
  }

  /** The inbound-email webhook body (see `InboundEmailPayload`). */
  parseInbound(payload: unknown): InboundMessage[] {
    return parseInboundEmail(payload, this.now());
  }

  async lookupSent(): Promise<SentLookup[] | undefined> {
    return undefined;
  }

  /** Closes the transport's sockets (a non-pooled transport holds none between sends). */
  close(): void {
    this.transport.close();
  }
}

/**
 * The file name a media URL ends with, decoded (`/media/<id>/Price%20list.pdf?t=...` is `Price list.pdf`); nodemailer
 * would name the attachment with the encoded segment. Undefined when the URL names none (nodemailer then makes one).
 */
function fileNameOfUrl(url: string): string | undefined {
  try {
    const segment = new URL(url).pathname.split('/').pop() ?? '';
    return decodeURIComponent(segment) || undefined;
  } catch {
    return undefined;
  }
}

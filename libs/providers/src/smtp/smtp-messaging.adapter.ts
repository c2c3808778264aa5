import { isIP } from 'node:net';
import { lazyPackage } from '@app/common';
import type { Transporter } from 'nodemailer';
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
import { egressRefusal, type EgressPolicy } from '../http/egress-policy';
import { downloadMedia } from '../http/media-download';

export interface SmtpAdapterOptions {
  now?: Now;
  /**
   * Set for a tenant's server: the SMTP host is looked up through the egress policy at each send, and the files
   * of `media_urls` are downloaded through it (without it, with the global fetch).
   */
  egress?: EgressPolicy;
}

type Attachment = { filename?: string; content: Buffer; contentType?: string };

/** The most an email's attachments may weigh together (providers refuse mail of about 25 MB). */
const ATTACHMENTS_MAX_BYTES = 20 * 1024 * 1024;

/** nodemailer, loaded by the first send rather than when the API or worker starts. */
const nodemailer = lazyPackage(() => import('nodemailer'));

/**
 * Email over SMTP with nodemailer. Each send sets its own Message-ID (from our message id unless the threading
 * names one) and, for a reply, In-Reply-To and References, so the lead's answer finds its conversation. SMTP
 * reports no delivery statuses and keeps no list: `parseStatus` finds none and `lookupSent` answers undefined.
 */
export class SmtpMessagingAdapter extends MessagingPort {
  readonly provider = 'smtp' as const;
  /** Made at the first send without an egress policy. */
  private transport?: Transporter<SMTPTransport.SentMessageInfo>;
  private readonly settings: SMTPTransport.Options;
  private readonly now: Now;
  private readonly egress?: EgressPolicy;

  constructor(
    private readonly credentials: SmtpCredentials,
    options: SmtpAdapterOptions = {},
  ) {
    super();
    if (!credentials.host || !credentials.port || !credentials.from) {
      throw new Error('SMTP credentials need host, port and from');
    }
    this.now = options.now ?? systemNow;
    this.egress = options.egress;
    const timeout = credentials.timeout_ms ?? 30_000;
    this.settings = {
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
    };
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
    const attachments = message.media_urls?.length ? await this.attachments(message.media_urls) : undefined;
    let info: SMTPTransport.SentMessageInfo;
    try {
      const transport = await this.connectable();
      info = await transport.sendMail({
        from: message.from ?? this.credentials.from,
        to: message.to,
        subject: message.subject ?? '',
        ...(message.body !== undefined ? { text: message.body } : {}),
        ...(message.html !== undefined ? { html: message.html } : {}),
        messageId,
        ...(inReplyTo ? { inReplyTo } : {}),
        ...(references.length ? { references } : {}),
        date: this.now(),
        ...(attachments ? { attachments } : {}),
        ...(message.unsubscribe_url
          ? {
              list: { unsubscribe: message.unsubscribe_url },
              headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
            }
          : {}),
      });
    } catch (error) {
      throw egressRefusal('smtp', error) ?? smtpError(error);
    }
    if (info.rejected.length > 0 && info.accepted.length === 0) {
      throw new ProviderError({ provider: 'smtp', kind: 'rejected', message: `SMTP rejected ${message.to}` });
    }
    return { provider_message_id: info.messageId || messageId, status: 'sent' };
  }

  /**
   * The transport to send with: with an egress policy, one to the address the host resolves to now (checked by
   * the policy; TLS still verifies the host name), else the adapter's own.
   */
  private async connectable(): Promise<Transporter<SMTPTransport.SentMessageInfo>> {
    const { createTransport } = await nodemailer.load();
    if (!this.egress) return (this.transport ??= createTransport(this.settings));
    const host = this.credentials.host;
    const { address } = await this.egress.resolve(host);
    return createTransport({
      ...this.settings,
      host: address,
      ...(isIP(host) ? {} : { tls: { servername: host } }),
    });
  }

  /**
   * The files of `media_urls`, downloaded here (through the egress policy when there is one) rather than by
   * nodemailer, which would fetch any URL it is given, internal ones included, and mail it out. A file that cannot
   * be fetched fails the send before anything went out.
   */
  private async attachments(urls: readonly string[]): Promise<Attachment[]> {
    const files: Attachment[] = [];
    let left = ATTACHMENTS_MAX_BYTES;
    for (const url of urls) {
      try {
        const { content, content_type } = await downloadMedia({
          provider: 'smtp',
          url,
          maxBytes: left,
          followRedirects: true,
          fetch: this.egress?.fetch,
        });
        left -= content.length;
        files.push({
          filename: fileNameOfUrl(url),
          content,
          ...(content_type ? { contentType: content_type } : {}),
        });
      } catch (error) {
        const reason = error instanceof ProviderError ? error : undefined;
        throw new ProviderError({
          provider: 'smtp',
          kind: reason?.kind === 'network' || reason?.kind === 'unavailable' ? 'unavailable' : 'rejected',
          providerCode: reason?.providerCode,
          message: `The attachment ${url} could not be fetched: ${reason?.message ?? 'failed'}`,
          mayHaveBeenSent: false,
        });
      }
    }
    return files;
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
    this.transport?.close();
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

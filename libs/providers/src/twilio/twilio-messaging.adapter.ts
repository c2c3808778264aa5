import type {
  MessageInstance,
  MessageListInstanceCreateOptions,
} from 'twilio/lib/rest/api/v2010/account/message';
import {
  InboundMessage,
  MessagingPort,
  OutboundMessage,
  SendResult,
  SentLookup,
  SentLookupQuery,
  StatusUpdate,
} from '../messaging.port';
import { downloadMedia, FetchedMedia } from '../http/media-download';
import { ProviderError } from '../provider-error';
import { systemNow, type Now } from '../now';
import { TwilioCredentials, splitTwilioAddress, twilioAddress } from './twilio-credentials';
import { TwilioAccount } from './twilio-account';
import { parseTwilioInbound, parseTwilioStatusCallback, twilioDeliveryStatus } from './twilio-webhook.parser';
import type { EgressPolicy, FetchLike } from '../http/egress-policy';

export interface TwilioAdapterOptions {
  /** The platform clock's time (defaults to the system time). */
  now?: Now;
  /** Set for a tenant's own endpoint: its connections are checked against the egress policy. */
  egress?: EgressPolicy;
}

/** Where Twilio's API, and the media URLs of its messages, live. */
const TWILIO_API_ORIGIN = 'https://api.twilio.com';

/**
 * SMS and WhatsApp through the `twilio` SDK. Built from one tenant's credentials; holds no other state, so it may be
 * cached by credential id. Templates are Content API templates: `template.name` is the Content SID (`HX...`).
 */
export class TwilioMessagingAdapter extends MessagingPort {
  readonly provider = 'twilio' as const;
  private readonly account: TwilioAccount;
  private readonly now: Now;
  private readonly fetch?: FetchLike;

  constructor(
    private readonly credentials: TwilioCredentials,
    options: TwilioAdapterOptions = {},
  ) {
    super();
    this.now = options.now ?? systemNow;
    this.fetch = options.egress?.fetch;
    this.account = new TwilioAccount(credentials, this.now, options.egress);
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    if (message.channel !== 'sms' && message.channel !== 'whatsapp') {
      throw ProviderError.unsupported(
        'twilio',
        `Twilio messaging does not carry the ${message.channel} channel`,
      );
    }
    const created = await this.account.call((client) => client.messages.create(this.createOptions(message)));
    const status = twilioDeliveryStatus(created.status);
    if (status === 'failed' || status === 'undelivered') {
      throw new ProviderError({
        provider: 'twilio',
        kind: 'rejected',
        message: `Twilio ${created.errorCode ?? ''}: ${created.errorMessage ?? 'message failed'}`.trim(),
        providerCode:
          created.errorCode === null || created.errorCode === undefined
            ? undefined
            : String(created.errorCode),
      });
    }
    const segments = Number.parseInt(created.numSegments ?? '', 10);
    return {
      provider_message_id: created.sid,
      status: status === 'sending' || status === 'sent' ? status : 'queued',
      ...(segments > 0 ? { segments } : {}),
    };
  }

  parseStatus(payload: unknown): StatusUpdate[] {
    return parseTwilioStatusCallback(payload, this.now());
  }

  parseInbound(payload: unknown): InboundMessage[] {
    return parseTwilioInbound(payload, this.now());
  }

  /**
   * A received file: its media URL (`https://api.twilio.com/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/
   * Media/{MediaSid}`), fetched with the account's credentials and followed to where Twilio keeps the bytes. Only a
   * URL of this account on Twilio's API is fetched: the webhook is signed, but the credentials go nowhere else.
   */
  override async fetchMedia(source: string, maxBytes: number): Promise<FetchedMedia> {
    let url: URL;
    try {
      url = new URL(source);
    } catch {
      throw ProviderError.unsupported('twilio', 'Not a media URL');
    }
    const account = `/2010-04-01/Accounts/${this.credentials.account_sid}/`;
    if (
      url.origin !== TWILIO_API_ORIGIN ||
      !url.pathname.startsWith(account) ||
      !url.pathname.includes('/Media/')
    )
      throw ProviderError.unsupported('twilio', "Not a media URL of this account's messages");
    const base = this.credentials.base_url ? new URL(this.credentials.base_url) : undefined;
    const target = base
      ? new URL(`${base.pathname.replace(/\/+$/, '')}${url.pathname}${url.search}`, base)
      : url;
    const basic = Buffer.from(`${this.credentials.account_sid}:${this.credentials.auth_token}`).toString(
      'base64',
    );
    return downloadMedia({
      provider: 'twilio',
      fetch: this.fetch,
      url: target.href,
      headers: { authorization: `Basic ${basic}` },
      maxBytes,
      timeoutMs: this.credentials.timeout_ms,
      followRedirects: true,
    });
  }

  /**
   * Twilio's message list to the recipient (`GET .../Messages.json?To=...`), newest first, at most 50, kept from
   * `since` by the time Twilio made each message. No `DateSent` filter: a message still queued or scheduled at Twilio
   * has no date_sent, and that filter would hide the very send being looked for.
   */
  async lookupSent(query: SentLookupQuery): Promise<SentLookup[]> {
    const to = twilioAddress(query.channel, query.to);
    const from = query.from ? twilioAddress(query.channel, query.from) : undefined;
    const found = await this.account.call((client) =>
      client.messages.list({ to, ...(from ? { from } : {}), limit: 50 }),
    );
    // Only what the API sent (ours): not the lead's messages, nor Twilio's own answers (`outbound-reply`: its
    // STOP/HELP replies), which a lost send without text would otherwise be taken for.
    return found
      .filter((m) => m.direction === 'outbound-api')
      .filter((m) => (m.dateCreated ?? m.dateSent ?? query.since).getTime() >= query.since.getTime())
      .map((m) => this.toLookup(m));
  }

  private createOptions(message: OutboundMessage): MessageListInstanceCreateOptions {
    const { channel } = message;
    const sender =
      message.from ??
      (channel === 'whatsapp'
        ? (this.credentials.whatsapp_from ?? this.credentials.from)
        : this.credentials.from);
    if (!sender && !this.credentials.messaging_service_sid) {
      throw ProviderError.unsupported(
        'twilio',
        'No sender: set from, whatsapp_from or messaging_service_sid',
      );
    }
    const options: MessageListInstanceCreateOptions = { to: twilioAddress(channel, message.to) };
    if (sender) options.from = twilioAddress(channel, sender);
    else options.messagingServiceSid = this.credentials.messaging_service_sid;
    if (message.template && message.media_urls?.length) {
      // Twilio refuses media beside a content template (63030) after accepting the request: said now instead.
      throw ProviderError.unsupported(
        'twilio',
        'A Twilio content template carries its media itself (twilio/media): send it without media URLs or files',
      );
    }
    if (message.template) {
      options.contentSid = message.template.name;
      options.contentVariables = JSON.stringify(message.template.variables ?? {});
    } else if (message.body !== undefined) {
      options.body = message.body;
    }
    if (message.media_urls?.length) options.mediaUrl = message.media_urls;
    if (message.status_callback_url) options.statusCallback = message.status_callback_url;
    if (!options.body && !options.contentSid && !options.mediaUrl) {
      throw ProviderError.unsupported('twilio', 'A message needs a body, a template or media');
    }
    return options;
  }

  private toLookup(m: MessageInstance): SentLookup {
    return {
      provider_message_id: m.sid,
      to: splitTwilioAddress(m.to).address,
      ...(m.from ? { from: splitTwilioAddress(m.from).address } : {}),
      ...(m.body !== null && m.body !== undefined ? { body: m.body } : {}),
      status: twilioDeliveryStatus(m.status) ?? 'queued',
      ...(m.errorCode ? { error_code: String(m.errorCode) } : {}),
      sent_at: (m.dateSent ?? m.dateCreated ?? this.now()).toISOString(),
    };
  }
}

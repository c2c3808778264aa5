import type { FetchedMedia } from './http/media-download';

/** Channels Reachline sends messages on (voice has its own port). */
export type MessagingChannel = 'sms' | 'whatsapp' | 'telegram' | 'email';

/** The vendors behind the messaging port, as a tenant's channel config names them (DESIGN §3). */
export type MessagingProvider = 'twilio' | 'whatsapp_cloud' | 'telegram' | 'smtp' | 'simulator';

/**
 * An approved template. `name` is the provider's handle: a Content SID (`HX...`) on Twilio, the template name on
 * Meta. `variables` fill its placeholders: keys "1", "2"... are positional ({{1}}, {{2}}); other keys are named.
 */
export interface MessageTemplate {
  name: string;
  language: string;
  variables: Record<string, string>;
}

/** Email threading (RFC 5322): our Message-ID for this send and the ids of the message it answers. */
export interface EmailThreading {
  /** The Message-ID to set, `<id@domain>`; the SMTP adapter makes one from `message_id` when absent. */
  message_id?: string;
  /** Message-ID of the message this one replies to. */
  in_reply_to?: string;
  /** The thread's earlier Message-IDs, oldest first (`in_reply_to` is appended when missing). */
  references?: string[];
}

export interface OutboundMessage {
  channel: MessagingChannel;
  /** E.164 phone (sms, whatsapp), Telegram chat id, or email address. No `whatsapp:` prefix: adapters add it. */
  to: string;
  /** The sender; each adapter falls back to its configured default sender. */
  from?: string;
  body?: string;
  template?: MessageTemplate;
  /** Public URLs of media to attach (Meta and Telegram take one per message). */
  media_urls?: string[];
  /** Email only. */
  subject?: string;
  /** Email only: the HTML part (`body` is the plain-text part). */
  html?: string;
  /** Email only. */
  threading?: EmailThreading;
  /** Email only: the one-click unsubscribe link (RFC 8058), sent as List-Unsubscribe and List-Unsubscribe-Post. */
  unsubscribe_url?: string;
  /** Our message id, put into the status-callback URL so the callback finds its tenant and row. */
  message_id: string;
  status_callback_url?: string;
}

export interface SendResult {
  provider_message_id: string;
  status: 'queued' | 'sending' | 'sent';
  segments?: number;
}

export type DeliveryStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered';

export interface StatusUpdate {
  provider_message_id: string;
  status: DeliveryStatus;
  /** The provider's error code (Twilio `30003`, Meta `131047`...). */
  error_code?: string;
  error_message?: string;
  /** The recipient as the provider reports it, when it does. */
  recipient?: string;
  /** When the status happened (ISO 8601): the provider's time where it gives one (WhatsApp Cloud's `timestamp`). */
  occurred_at?: string;
  /** What we attached to the send and the provider echoes (WhatsApp Cloud's `biz_opaque_callback_data`: our id). */
  callback_data?: string;
}

/**
 * A person's opt-out the provider tells of by itself, with no message to record (Telegram's `my_chat_member`
 * update when the user blocks the bot).
 */
export interface ProviderOptOut {
  channel: MessagingChannel;
  /** Who opted out, as InboundMessage.from names them (a Telegram chat id). */
  from: string;
  /** The provider's id of the event, unique for our receiving address (`<bot_id>:<update_id>`): its redelivery's too. */
  event_id: string;
  /** When it happened (ISO 8601). */
  occurred_at: string;
}

export interface InboundMessage {
  channel: MessagingChannel;
  /** Normalised sender: E.164 phone without any `whatsapp:` prefix, Telegram chat id, or email address. */
  from: string;
  /** Our receiving address: the number, phone-number id, bot id or mailbox. */
  to: string;
  body: string;
  provider_message_id: string;
  media_urls?: string[];
  /** Files that came with it: an email's, posted with it; another channel's, named by `source` (fetchMedia). */
  attachments?: InboundAttachment[];
  /** The sender's display name when the provider gives one (WhatsApp profile, Telegram name, email From). */
  sender_name?: string;
  /** The sender's public handle on the channel when it has one: Telegram's `@username`. */
  sender_handle?: string;
  /**
   * The provider recognised an opt-out or opt-in keyword in it and enforces it (Twilio's `OptOutType` STOP /
   * START, for its default, custom or localised keywords).
   */
  provider_opt?: 'opt_out' | 'opt_in';
  /** Email only. */
  subject?: string;
  html?: string;
  threading?: EmailThreading;
  /** Email only: the message is a delivery report about one of our sends (a bounce), not a person's words. */
  bounce?: EmailBounce;
  received_at: string;
}

/**
 * A file that came with an inbound message. The bytes are stored when the webhook is received; the event recorded
 * for the worker carries the stored attachment's id and size instead of them.
 */
export interface InboundAttachment {
  filename: string | null;
  content_type: string;
  /** The bytes, as the provider posted them. */
  content?: Buffer;
  /** Where the provider keeps them, when it only names them (a Twilio media URL, a Meta media id, a Telegram file id). */
  source?: string;
  /** Its Content-ID (email), when the HTML shows it inline (`cid:`). */
  content_id?: string;
  /** Once stored: our id for it. */
  id?: string;
  /** Once stored: its size in bytes. */
  size?: number;
}

/** What a delivery status notification (RFC 3464) or a mail server's bounce says about a send of ours. */
export interface EmailBounce {
  /** `failed`: the server gave up; `delayed`: a warning, it is still trying. */
  action: 'failed' | 'delayed';
  /** The address will not work (a 5.x.x status, or a failure that says the mailbox does not exist). */
  permanent: boolean;
  /** The RFC 3463 status (`5.1.1`) when the report gives one. */
  status: string | null;
  /** The address that failed, when the report names it. */
  recipient: string | null;
  /** The bounced message's Message-ID, when the report quotes it (besides In-Reply-To and References). */
  original_message_id: string | null;
  /** The receiving server's words, for the message's error. */
  diagnostic: string | null;
}

export interface SentLookupQuery {
  channel: MessagingChannel;
  /** The recipient as given to `send` (no `whatsapp:` prefix). */
  to: string;
  from?: string;
  /** Only sends at or after this instant. */
  since: Date;
}

export interface SentLookup {
  provider_message_id: string;
  to: string;
  from?: string;
  body?: string;
  status: DeliveryStatus;
  error_code?: string;
  sent_at: string;
}

/**
 * The messaging port: one adapter per vendor (Twilio, WhatsApp Cloud, Telegram, SMTP, the simulator). Adapters are
 * stateless: built from a tenant's credentials (per call, or cached by credential id), never from process.env.
 * `send` and `lookupSent` throw `ProviderError` on a provider failure.
 */
export abstract class MessagingPort {
  abstract readonly provider: MessagingProvider;

  abstract send(message: OutboundMessage): Promise<SendResult>;

  /** Status updates in a verified webhook payload (a form for Twilio, JSON for Meta); empty when it holds none. */
  abstract parseStatus(payload: unknown): StatusUpdate[];

  /** Inbound messages in a verified webhook payload; empty when it holds none. */
  abstract parseInbound(payload: unknown): InboundMessage[];

  /** Opt-outs a verified webhook payload tells of with no message (a Telegram bot blocked); none by default. */
  parseOptOuts(_payload: unknown): ProviderOptOut[] {
    return [];
  }

  /**
   * What was sent to a recipient since a time (Twilio's message list, the simulator), to reconcile a send whose
   * outcome was lost (DESIGN §7.6). `undefined` when this provider has no such look-up: the caller then marks the
   * message `unknown` and never resends.
   */
  abstract lookupSent(query: SentLookupQuery): Promise<SentLookup[] | undefined>;

  /**
   * A file an inbound message names by reference (its attachment's `source`: a Twilio media URL, a Meta media id, a
   * Telegram file id), downloaded with this adapter's credentials, at most `maxBytes`. `undefined` from a provider whose webhook posts
   * its files (email) or names none. Throws ProviderError.
   */
  fetchMedia(_source: string, _maxBytes: number): Promise<FetchedMedia | undefined> {
    return Promise.resolve(undefined);
  }
}

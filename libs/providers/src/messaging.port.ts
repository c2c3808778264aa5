/** Channels Reachline sends messages on (voice has its own port). */
export type MessagingChannel = 'sms' | 'whatsapp' | 'telegram' | 'email';

export interface OutboundMessage {
  channel: MessagingChannel;
  to: string;
  from?: string;
  body?: string;
  template?: { name: string; language: string; variables: Record<string, string> };
  media_urls?: string[];
  subject?: string;
  /** Our message id, put into the status-callback URL so the callback finds its tenant and row. */
  message_id: string;
  status_callback_url?: string;
}

export interface SendResult {
  provider_message_id: string;
  status: 'queued' | 'sending' | 'sent';
  segments?: number;
}

export interface StatusUpdate {
  provider_message_id: string;
  status: 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed' | 'undelivered';
  error_code?: string;
  occurred_at?: string;
}

export interface InboundMessage {
  channel: MessagingChannel;
  from: string;
  to: string;
  body: string;
  provider_message_id: string;
  media_urls?: string[];
  received_at: string;
}

export interface SentLookup {
  provider_message_id: string;
  to: string;
  body?: string;
  status: StatusUpdate['status'];
  sent_at: string;
}

/** The messaging port: one adapter per vendor (Twilio, WhatsApp Cloud, Telegram, SMTP, the simulator). */
export abstract class MessagingPort {
  abstract send(message: OutboundMessage): Promise<SendResult>;
  abstract parseStatus(form: Record<string, string>): StatusUpdate | null;
  abstract parseInbound(form: Record<string, string>): InboundMessage | null;
  /** What was sent to a recipient (Twilio's message list), to reconcile a send whose outcome was lost. */
  abstract lookupSent(to: string, since: Date): Promise<SentLookup[]>;
}

import type { InboundEmailPayload } from '../smtp/inbound-email.parser';
import { TELEGRAM_SECRET_HEADER } from '../signatures/telegram-secret';
import { signTwilioRequest, TWILIO_SIGNATURE_HEADER } from '../signatures/twilio-signature';
import { twilioAddress } from '../twilio/twilio-credentials';
import type { SimulatedSend } from './simulator-ledger';
import { seededHex, SimulatorEvent } from './simulator-plan';

/** Where and how a tenant's simulated provider calls us: the channel config's routing key and signing secret. */
export interface SimulatorEndpoint {
  /** PUBLIC_BASE_URL, without a trailing slash. */
  publicBaseUrl: string;
  webhookKey: string;
  signingSecret: string;
  seed: string;
}

/** One HTTP request the simulator makes to our webhook routes, exactly as the real provider would. */
export interface SimulatorRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const TWILIO_API_VERSION = '2010-04-01';

/** Account ids made so far, by seed and tenant (an HMAC each: three callbacks per send asked for it). */
const accountSids = new Map<string, string>();
const MAX_ACCOUNT_SIDS = 10_000;

/** The tenant's simulated Twilio account id: `AC` + 32 hex, stable for the seed and tenant. */
export function simulatorAccountSid(seed: string, tenantId: string): string {
  const key = `${seed}\n${tenantId}`;
  let sid = accountSids.get(key);
  if (!sid) {
    sid = `AC${seededHex(seed, `account:${tenantId}`)}`;
    if (accountSids.size >= MAX_ACCOUNT_SIDS) accountSids.clear();
    accountSids.set(key, sid);
  }
  return sid;
}

/** The request that delivers `event` of `send` (a status callback or the lead's reply) to our API. */
export function simulatorRequest(
  event: SimulatorEvent,
  send: SimulatedSend,
  endpoint: SimulatorEndpoint,
  now: Date,
): SimulatorRequest {
  const base = endpoint.publicBaseUrl.replace(/\/+$/, '');
  const key = encodeURIComponent(endpoint.webhookKey);
  if (event.kind === 'status') {
    if (send.channel !== 'sms' && send.channel !== 'whatsapp') {
      throw new Error(`The simulator sends no status callbacks on ${send.channel}`);
    }
    const url = `${base}/webhooks/twilio/message-status?key=${key}&messageId=${encodeURIComponent(send.message_id)}`;
    const params: Record<string, string> = {
      MessageSid: send.provider_message_id,
      SmsSid: send.provider_message_id,
      AccountSid: simulatorAccountSid(endpoint.seed, send.tenant_id),
      From: twilioAddress(send.channel, send.from),
      To: twilioAddress(send.channel, send.to),
      MessageStatus: event.status,
      SmsStatus: event.status,
      ...(event.error_code ? { ErrorCode: event.error_code } : {}),
      ApiVersion: TWILIO_API_VERSION,
    };
    return twilioForm(url, params, endpoint.signingSecret);
  }
  const replyId = seededHex(endpoint.seed, `reply:${send.provider_message_id}`);
  switch (send.channel) {
    case 'sms':
    case 'whatsapp': {
      const url = `${base}/webhooks/twilio/messaging?key=${key}`;
      const sid = `SM${replyId}`;
      const params: Record<string, string> = {
        MessageSid: sid,
        SmsMessageSid: sid,
        SmsSid: sid,
        AccountSid: simulatorAccountSid(endpoint.seed, send.tenant_id),
        From: twilioAddress(send.channel, send.to),
        To: twilioAddress(send.channel, send.from),
        Body: event.body,
        NumMedia: '0',
        NumSegments: '1',
        SmsStatus: 'received',
        ApiVersion: TWILIO_API_VERSION,
        ...(send.channel === 'whatsapp'
          ? { ProfileName: 'Simulated Lead', WaId: send.to.replace(/\D/g, '') }
          : {}),
      };
      return twilioForm(url, params, endpoint.signingSecret);
    }
    case 'telegram': {
      const chatId = /^-?\d+$/.test(send.to) ? Number(send.to) : send.to;
      const update = {
        update_id: Number.parseInt(replyId.slice(0, 7), 16),
        message: {
          message_id: Number.parseInt(replyId.slice(7, 13), 16),
          from: { id: chatId, is_bot: false, first_name: 'Simulated', last_name: 'Lead' },
          chat: { id: chatId, type: 'private', first_name: 'Simulated', last_name: 'Lead' },
          date: Math.floor(now.getTime() / 1000),
          text: event.body,
        },
      };
      return {
        url: `${base}/webhooks/telegram/${key}`,
        headers: { 'content-type': JSON_TYPE, [TELEGRAM_SECRET_HEADER]: endpoint.signingSecret },
        body: JSON.stringify(update),
      };
    }
    case 'email': {
      const payload: InboundEmailPayload = {
        from: send.to,
        to: send.from,
        subject: `Re: ${send.subject ?? ''}`.trim(),
        text: event.body,
        message_id: `<${replyId}@lead.simulator.reachline.test>`,
        in_reply_to: send.provider_message_id,
        references: [send.provider_message_id],
        date: now.toISOString(),
      };
      const secret = encodeURIComponent(endpoint.signingSecret);
      return {
        url: `${base}/webhooks/email-inbound?key=${key}&secret=${secret}`,
        headers: { 'content-type': JSON_TYPE },
        body: JSON.stringify(payload),
      };
    }
  }
}

function twilioForm(url: string, params: Record<string, string>, authToken: string): SimulatorRequest {
  return {
    url,
    headers: { 'content-type': FORM, [TWILIO_SIGNATURE_HEADER]: signTwilioRequest(authToken, url, params) },
    body: new URLSearchParams(params).toString(),
  };
}

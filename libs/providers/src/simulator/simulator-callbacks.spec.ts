import { parseInboundEmail } from '../smtp/inbound-email.parser';
import { verifyTelegramSecretToken } from '../signatures/telegram-secret';
import { verifyTwilioSignature } from '../signatures/twilio-signature';
import { parseTelegramUpdate } from '../telegram/telegram-update.parser';
import { parseTwilioInbound, parseTwilioStatusCallback } from '../twilio/twilio-webhook.parser';
import { simulatorAccountSid, simulatorRequest, SimulatorEndpoint } from './simulator-callbacks';
import type { SimulatedSend } from './simulator-ledger';

const TENANT = '0d8f3f3e-0c35-4f6b-9d1e-3b1b8e0f2a11';
const MESSAGE = '0192f3a4-5b6c-7d8e-9f00-112233445566';
const NOW = new Date('2026-11-30T10:00:00.000Z');
const endpoint: SimulatorEndpoint = {
  publicBaseUrl: 'https://api.example.test',
  webhookKey: 'routing_key-0123456789abcdef',
  signingSecret: 'sim-secret-0123456789',
  seed: 'spec-seed',
};

function sendOn(channel: SimulatedSend['channel'], overrides: Partial<SimulatedSend> = {}): SimulatedSend {
  return {
    tenant_id: TENANT,
    channel,
    provider_message_id: 'SM0123456789abcdef0123456789abcdef',
    message_id: MESSAGE,
    to: '+14155552671',
    from: '+15005550006',
    body: 'Hello',
    status: 'queued',
    sent_at: NOW.toISOString(),
    ...overrides,
  };
}

const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe('simulator callbacks', () => {
  it('posts a WhatsApp status as Twilio does: the form, whatsapp: addresses, X-Twilio-Signature over the URL', () => {
    const req = simulatorRequest(
      { kind: 'status', status: 'undelivered', error_code: '30003' },
      sendOn('whatsapp'),
      endpoint,
      NOW,
    );
    expect(req.url).toBe(
      `https://api.example.test/webhooks/twilio/message-status?key=${endpoint.webhookKey}&messageId=${MESSAGE}`,
    );
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const fields = form(req.body);
    expect(fields).toEqual({
      MessageSid: 'SM0123456789abcdef0123456789abcdef',
      SmsSid: 'SM0123456789abcdef0123456789abcdef',
      AccountSid: simulatorAccountSid('spec-seed', TENANT),
      From: 'whatsapp:+15005550006',
      To: 'whatsapp:+14155552671',
      MessageStatus: 'undelivered',
      SmsStatus: 'undelivered',
      ErrorCode: '30003',
      ApiVersion: '2010-04-01',
    });
    expect(fields.AccountSid).toMatch(/^AC[0-9a-f]{32}$/);
    const signature = req.headers['x-twilio-signature'];
    expect(verifyTwilioSignature(endpoint.signingSecret, signature, req.url, fields)).toBe(true);
    expect(verifyTwilioSignature('another-token', signature, req.url, fields)).toBe(false);
    expect(parseTwilioStatusCallback(fields, NOW)).toEqual([
      expect.objectContaining({
        provider_message_id: 'SM0123456789abcdef0123456789abcdef',
        status: 'undelivered',
        error_code: '30003',
        recipient: '+14155552671',
      }),
    ]);
  });

  it("posts the lead's SMS reply as Twilio's incoming-message webhook", () => {
    const req = simulatorRequest(
      { kind: 'reply', scenario: 'stop', body: 'STOP' },
      sendOn('sms'),
      endpoint,
      NOW,
    );
    expect(req.url).toBe(`https://api.example.test/webhooks/twilio/messaging?key=${endpoint.webhookKey}`);
    const fields = form(req.body);
    expect(fields).toMatchObject({ From: '+14155552671', To: '+15005550006', Body: 'STOP', NumMedia: '0' });
    expect(fields.ProfileName).toBeUndefined();
    expect(
      verifyTwilioSignature(endpoint.signingSecret, req.headers['x-twilio-signature'], req.url, fields),
    ).toBe(true);
    expect(parseTwilioInbound(fields, NOW)).toEqual([
      expect.objectContaining({ channel: 'sms', from: '+14155552671', to: '+15005550006', body: 'STOP' }),
    ]);
    const whatsapp = form(
      simulatorRequest(
        { kind: 'reply', scenario: 'question', body: 'How much?' },
        sendOn('whatsapp'),
        endpoint,
        NOW,
      ).body,
    );
    expect(whatsapp).toMatchObject({ From: 'whatsapp:+14155552671', ProfileName: 'Simulated Lead' });
    expect(parseTwilioInbound(whatsapp, NOW)[0]).toMatchObject({
      channel: 'whatsapp',
      sender_name: 'Simulated Lead',
    });
  });

  it('posts a Telegram reply as an Update with the secret-token header', () => {
    const req = simulatorRequest(
      { kind: 'reply', scenario: 'interested', body: 'Tell me more' },
      sendOn('telegram', { to: '123456789', from: '5000000001', provider_message_id: '42' }),
      endpoint,
      NOW,
    );
    expect(req.url).toBe(`https://api.example.test/webhooks/telegram/${endpoint.webhookKey}`);
    expect(
      verifyTelegramSecretToken(endpoint.signingSecret, req.headers['x-telegram-bot-api-secret-token']),
    ).toBe(true);
    const parsed = parseTelegramUpdate(JSON.parse(req.body), '5000000001', NOW);
    expect(parsed).toEqual([
      expect.objectContaining({ channel: 'telegram', from: '123456789', body: 'Tell me more' }),
    ]);
  });

  it('posts an email reply in the inbound-email shape, threaded on our Message-ID, secret in the URL', () => {
    const ours = '<0123@simulator.reachline.test>';
    const req = simulatorRequest(
      { kind: 'reply', scenario: 'not_now', body: 'Not now' },
      sendOn('email', {
        to: 'lead@example.com',
        from: 'inbox@clinic.test',
        subject: 'Hi',
        provider_message_id: ours,
      }),
      endpoint,
      NOW,
    );
    expect(req.url).toBe(
      `https://api.example.test/webhooks/email-inbound?key=${endpoint.webhookKey}&secret=${endpoint.signingSecret}`,
    );
    const [parsed] = parseInboundEmail(JSON.parse(req.body), NOW);
    expect(parsed).toMatchObject({
      channel: 'email',
      from: 'lead@example.com',
      to: 'inbox@clinic.test',
      subject: 'Re: Hi',
      body: 'Not now',
      threading: { in_reply_to: ours, references: [ours] },
    });
  });
});

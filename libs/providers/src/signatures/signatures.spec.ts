import { createHmac } from 'node:crypto';
import { signMailgunWebhook, verifyMailgunSignature } from './mailgun-signature';
import { answerMetaVerification, signMetaPayload, verifyMetaSignature } from './meta-signature';
import { safeEqual } from './safe-equal';
import {
  generateTelegramSecretToken,
  isValidTelegramSecretToken,
  signTelegramUpdate,
  TELEGRAM_SECRET_HEADER,
  verifyTelegramSecretToken,
} from './telegram-secret';
import { signTwilioRequest, verifyTwilioSignature } from './twilio-signature';

/** Twilio's documented algorithm, written out: HMAC-SHA1 over the URL and the sorted name+value pairs, base64. */
function twilioReference(token: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', token).update(Buffer.from(data, 'utf8')).digest('base64');
}

describe('Twilio signatures', () => {
  const token = '12345';
  const url = 'https://api.example.com/webhooks/twilio/message-status?messageId=0192f3a4';
  const params = { MessageSid: 'SM123', MessageStatus: 'delivered', To: '+15558675310', AccountSid: 'AC123' };

  it('signs as Twilio documents it and verifies its own signature', () => {
    const signature = signTwilioRequest(token, url, params);
    expect(signature).toBe(twilioReference(token, url, params));
    expect(verifyTwilioSignature(token, signature, url, params)).toBe(true);
  });

  it("still accepts what the library accepts beyond the exact URL: Twilio's signature of the URL with its port", () => {
    const withPort = url.replace('api.example.com', 'api.example.com:443');
    expect(verifyTwilioSignature(token, twilioReference(token, withPort, params), url, params)).toBe(true);
    expect(verifyTwilioSignature(token, twilioReference(token, url, params), withPort, params)).toBe(true);
    expect(verifyTwilioSignature(token, `${twilioReference(token, url, params)}x`, url, params)).toBe(false);
  });

  it('rejects a changed field, URL or token, and a missing signature', () => {
    const signature = signTwilioRequest(token, url, params);
    expect(verifyTwilioSignature(token, signature, url, { ...params, MessageStatus: 'failed' })).toBe(false);
    expect(verifyTwilioSignature(token, signature, url.replace('0192f3a4', 'other'), params)).toBe(false);
    expect(verifyTwilioSignature('54321', signature, url, params)).toBe(false);
    expect(verifyTwilioSignature(token, undefined, url, params)).toBe(false);
    expect(verifyTwilioSignature('', signature, url, params)).toBe(false);
  });
});

describe('Meta X-Hub-Signature-256', () => {
  const secret = 'app-secret';
  const raw = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');

  it('is sha256= and the hex HMAC of the raw body', () => {
    const expected = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
    expect(signMetaPayload(secret, raw)).toBe(expected);
    expect(verifyMetaSignature(secret, raw, expected)).toBe(true);
    expect(
      verifyMetaSignature(secret, raw.toString('utf8'), expected.toUpperCase().replace('SHA256=', 'sha256=')),
    ).toBe(true);
  });

  it('rejects another body, another secret, a missing prefix or header', () => {
    const signature = signMetaPayload(secret, raw);
    expect(
      verifyMetaSignature(
        secret,
        Buffer.from('{"object":"whatsapp_business_account","entry":[ ]}'),
        signature,
      ),
    ).toBe(false);
    expect(verifyMetaSignature('other', raw, signature)).toBe(false);
    expect(verifyMetaSignature(secret, raw, signature.slice('sha256='.length))).toBe(false);
    expect(verifyMetaSignature(secret, raw, 'sha256=abc')).toBe(false);
    expect(verifyMetaSignature(secret, raw, undefined)).toBe(false);
    expect(verifyMetaSignature('', raw, signature)).toBe(false);
  });

  it('answers the verification handshake only with the right token', () => {
    const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'vt', 'hub.challenge': '1158201444' };
    expect(answerMetaVerification('vt', query)).toBe('1158201444');
    expect(answerMetaVerification('other', query)).toBeUndefined();
    expect(answerMetaVerification('vt', { ...query, 'hub.mode': 'unsubscribe' })).toBeUndefined();
  });
});

describe('Mailgun webhook signature', () => {
  const key = 'key-3ax6xnjp29jd6fds4gc373sgvjxteol0';
  const timestamp = '1529006854';
  const token = 'a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0';

  it('is the hex HMAC-SHA256 of timestamp and token, keyed by the signing key', () => {
    const expected = createHmac('sha256', key).update(`${timestamp}${token}`).digest('hex');
    expect(signMailgunWebhook(key, timestamp, token)).toBe(expected);
    expect(verifyMailgunSignature(key, { timestamp, token, signature: expected })).toBe(true);
    expect(verifyMailgunSignature(key, { timestamp, token, signature: expected.toUpperCase() })).toBe(true);
  });

  it('rejects another timestamp, token or key, and a missing or malformed field', () => {
    const signature = signMailgunWebhook(key, timestamp, token);
    expect(verifyMailgunSignature(key, { timestamp: '1529006855', token, signature })).toBe(false);
    expect(verifyMailgunSignature(key, { timestamp, token: `${token}0`, signature })).toBe(false);
    expect(verifyMailgunSignature('other-key', { timestamp, token, signature })).toBe(false);
    expect(verifyMailgunSignature(key, { timestamp, token })).toBe(false);
    expect(verifyMailgunSignature(key, { token, signature })).toBe(false);
    expect(verifyMailgunSignature(key, { timestamp, token, signature: signature.slice(2) })).toBe(false);
    expect(verifyMailgunSignature('', { timestamp, token, signature })).toBe(false);
  });
});

describe('Telegram secret token', () => {
  it('verifies the header against the secret the webhook was set with', () => {
    const secret = generateTelegramSecretToken();
    expect(isValidTelegramSecretToken(secret)).toBe(true);
    const headers = signTelegramUpdate(secret);
    expect(verifyTelegramSecretToken(secret, headers[TELEGRAM_SECRET_HEADER])).toBe(true);
    expect(verifyTelegramSecretToken(secret, `${secret}x`)).toBe(false);
    expect(verifyTelegramSecretToken(secret, undefined)).toBe(false);
    expect(verifyTelegramSecretToken('', '')).toBe(false);
    expect(isValidTelegramSecretToken('has space')).toBe(false);
  });

  it('compares in constant time whatever the lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('abc', null)).toBe(false);
  });
});

import { createHmac } from 'node:crypto';
import { generateWebhookSecret, signedDelivery } from './webhook-signature';

const hmac = (secret: string, payload: string) =>
  `sha256=${createHmac('sha256', secret).update(payload).digest('hex')}`;

describe('webhook signature', () => {
  const secret = 'whsec_test';
  const unsigned = JSON.stringify({
    id: '6f1c0e3a-5d2b-4c8e-9a7f-1b2c3d4e5f60',
    event: 'lead.created',
    data: { id: 'l1', name: 'Jane Doé', email: 'jane@example.com' },
    timestamp: '2026-01-15T16:50:00.000Z',
  });

  it("signs the raw body for the header, and the body without `signature` for the seed's field", () => {
    const sentAt = new Date('2026-01-15T17:05:30.250Z');
    const { body, signature, timestamp } = signedDelivery(secret, unsigned, sentAt);
    expect(signature).toBe(hmac(secret, body));
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const { signature: field, ...rest } = parsed;
    expect(Object.keys(parsed)).toEqual(['id', 'event', 'data', 'timestamp', 'sent_at', 'signature']);
    expect(rest).toEqual({ ...JSON.parse(unsigned), sent_at: '2026-01-15T17:05:30.250Z' });
    expect(field).toBe(hmac(secret, JSON.stringify(rest)));
    // The header's time is the attempt's (what a replay window checks), signed in the body.
    expect(timestamp).toBe(String(Date.parse('2026-01-15T17:05:30Z') / 1000));
  });

  it('makes a different secret each time', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});

import { createHmac } from 'node:crypto';
import { generateWebhookSecret, signedDelivery, webhookSignature } from './webhook-signature';

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
    const { body, signature } = signedDelivery(secret, unsigned);
    expect(signature).toBe(hmac(secret, body));
    const parsed = JSON.parse(body) as Record<string, unknown>;
    const { signature: field, ...rest } = parsed;
    expect(Object.keys(parsed)).toEqual(['id', 'event', 'data', 'timestamp', 'signature']);
    expect(field).toBe(hmac(secret, unsigned));
    expect(JSON.stringify(rest)).toBe(unsigned);
    expect(webhookSignature(secret, unsigned)).toBe(field);
  });

  it('makes a different secret each time', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});

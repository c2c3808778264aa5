import { safeUrl } from './logger.options';

describe('safeUrl', () => {
  it('hides the credentials of a query string, the signed link tokens (t) among them', () => {
    expect(safeUrl('/webhooks/media/abc/file.pdf?t=s3cr3t')).toBe(
      '/webhooks/media/abc/file.pdf?t=[redacted]',
    );
    expect(safeUrl('/webhooks/email/click/abc?u=https%3A%2F%2Fx.example&t=s3cr3t')).toBe(
      '/webhooks/email/click/abc?u=https%3A%2F%2Fx.example&t=[redacted]',
    );
    expect(safeUrl('/webhooks/twilio/status?key=k&callId=1')).toBe(
      '/webhooks/twilio/status?key=[redacted]&callId=1',
    );
  });

  it('leaves other parameters, and names that only end in t, as they are', () => {
    expect(safeUrl('/api/leads?limit=50&sort=created_at&at=1')).toBe(
      '/api/leads?limit=50&sort=created_at&at=1',
    );
    expect(safeUrl(undefined)).toBeUndefined();
  });
});

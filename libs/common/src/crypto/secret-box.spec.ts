import { randomBytes } from 'node:crypto';
import { maskSecret, SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips, with a fresh IV each time', () => {
    const a = box.encrypt('twilio-auth-token');
    const b = box.encrypt('twilio-auth-token');
    expect(a).not.toBe(b);
    expect(a).not.toContain('twilio');
    expect(box.decrypt(a)).toBe('twilio-auth-token');
  });

  it('refuses a tampered ciphertext and another key', () => {
    const sealed = box.encrypt('secret');
    const parts = sealed.split(':');
    parts[3] = Buffer.from('tampered').toString('base64');
    expect(() => box.decrypt(parts.join(':'))).toThrow();
    expect(() => new SecretBox(randomBytes(32)).decrypt(sealed)).toThrow();
    expect(() => box.decrypt('plain text')).toThrow('Not a sealed secret');
  });

  it('needs a 32-byte key', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow();
  });

  it('masks all but the last four characters', () => {
    expect(maskSecret('AC1234567890abcd')).toBe('********abcd');
    expect(maskSecret('short')).toBe('********');
  });
});

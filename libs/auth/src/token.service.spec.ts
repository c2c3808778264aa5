import { AppError, ErrorCode, ManualClock } from '@app/common';
import { loadConfig } from '@app/config';
import { testEnv } from '@app/testing';
import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import { issuedBeforeRevocation, TokenService } from './token.service';

/** The revocation store (Redis) not answering is a 503 the client retries, never a 500 nor a 401. */
describe('TokenService when Redis does not answer', () => {
  const config = loadConfig(testEnv());
  // A real client to a port nothing listens on, refusing commands at once instead of queueing them.
  const redis = new Redis({
    host: '127.0.0.1',
    port: 1,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  afterAll(() => redis.disconnect());
  const tokens = new TokenService(
    new JwtService({ secret: config.jwt.secret }),
    config,
    new ManualClock('2026-12-02T10:00:00Z'),
    redis,
  );
  const pair = tokens.issue({
    id: '0190a000-0000-7000-8000-000000000001',
    tenantId: '0190a000-0000-7000-8000-000000000002',
    role: 'admin',
    tokensRevokedAt: null,
  });

  const unavailable = async (work: Promise<unknown>) => {
    const err = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
  };

  it('a refresh token cannot be checked, a token or session cannot be revoked: 503', async () => {
    await unavailable(tokens.verify(pair.refresh_token, 'refresh'));
    const claims = tokens.decode(pair.refresh_token, 'refresh');
    await unavailable(tokens.revoke(claims.jti, claims.exp));
    await unavailable(tokens.revokeSession(claims.sid as string));
  });
});

describe('issuedBeforeRevocation', () => {
  const revokedAt = new Date('2026-12-02T12:00:00.900Z');

  it('judges a token by the revocation it was issued under, to the millisecond', () => {
    const iat = Date.parse('2026-12-02T12:00:00.000Z') / 1000;
    // Issued at 12:00:00.100 under no revocation, in the same second as the revocation: revoked.
    expect(issuedBeforeRevocation({ iat, rv: 0 }, revokedAt)).toBe(true);
    // Issued under an older one (the login read the row before the reset committed): revoked.
    expect(issuedBeforeRevocation({ iat: iat + 5, rv: revokedAt.getTime() - 1 }, revokedAt)).toBe(true);
    // Issued under this one (a login with the new password): good.
    expect(issuedBeforeRevocation({ iat, rv: revokedAt.getTime() }, revokedAt)).toBe(false);
    expect(issuedBeforeRevocation({ iat, rv: 0 }, null)).toBe(false);
  });

  it('judges a token of an earlier release (no rv) by its iat, to the second', () => {
    const second = Date.parse('2026-12-02T12:00:00Z') / 1000;
    expect(issuedBeforeRevocation({ iat: second - 1 }, revokedAt)).toBe(true);
    expect(issuedBeforeRevocation({ iat: second }, revokedAt)).toBe(false);
  });
});

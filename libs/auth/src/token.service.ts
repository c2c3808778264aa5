import { AppError, BoundedMap, Clock, ErrorCode, REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import type { Role } from '@app/db';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';

export type TokenType = 'access' | 'refresh';

/** Signature checks remembered per process (about 1 KB each). */
const VERIFIED_TOKENS_KEPT = 10_000;

export interface TokenClaims {
  sub: string;
  tid: string;
  role: Role;
  typ: TokenType;
  jti: string;
  /** The session (a login) both tokens of a pair belong to, kept by every refresh; logout ends it. */
  sid?: string;
  /**
   * The user's `tokens_revoked_at` (epoch ms, 0 for none) as it stood when the user's row was read to issue the
   * token: a later revocation (a new password, a deactivation) ends the token, whatever second it came in.
   */
  rv?: number;
  iat: number;
  exp: number;
}

export interface TokenPair {
  token: string;
  refresh_token: string;
  expires_in: number;
}

/**
 * Whether a token was issued before its user's tokens were revoked: by the revocation it was issued under (`rv`),
 * exact; a token without one (issued by an earlier release) by its `iat`, at JWT's one-second resolution.
 */
export function issuedBeforeRevocation(
  claims: Pick<TokenClaims, 'iat' | 'rv'>,
  revokedAt: Date | null,
): boolean {
  if (revokedAt === null) return false;
  if (typeof claims.rv === 'number') return claims.rv < revokedAt.getTime();
  return claims.iat < Math.floor(revokedAt.getTime() / 1000);
}

/**
 * A call to the revocation store (Redis): when it does not answer, a 503 the client retries, never a 500 (nor a
 * 401 that would log a user out for our outage).
 */
async function storeCall<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch {
    throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The token store is not answering; try again shortly');
  }
}

/** Issues and checks our JWTs on the platform clock; revocations live in Redis until the token would expire. */
@Injectable()
export class TokenService {
  private readonly verified = new BoundedMap<string, TokenClaims>(VERIFIED_TOKENS_KEPT);

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /**
   * A new pair, of a new session (a login) or of `sid`'s (a refresh), for the user as their row was read: its
   * `tokensRevokedAt` is the revocation the pair is issued under.
   */
  issue(
    user: { id: string; tenantId: string; role: Role; tokensRevokedAt: Date | null },
    sid: string = randomUUID(),
  ): TokenPair {
    const now = this.clock.nowSeconds();
    const sign = (typ: TokenType, ttl: number) =>
      this.jwt.sign({
        sub: user.id,
        tid: user.tenantId,
        role: user.role,
        typ,
        jti: randomUUID(),
        sid,
        rv: user.tokensRevokedAt?.getTime() ?? 0,
        iat: now,
        exp: now + ttl,
      });
    return {
      token: sign('access', this.config.jwt.accessTtlSeconds),
      refresh_token: sign('refresh', this.config.jwt.refreshTtlSeconds),
      expires_in: this.config.jwt.accessTtlSeconds,
    };
  }

  /** Verifies signature, type, expiry (platform clock) and revocation; any failure is a 401. */
  async verify(token: string, typ: TokenType): Promise<TokenClaims> {
    const claims = this.decode(token, typ);
    await this.assertNotRevoked(claims);
    return claims;
  }

  /**
   * Verifies signature, type and expiry (platform clock), without the revocation look-up; a failure is a 401.
   * A token whose signature checked out is remembered (a bounded map, oldest out first): the check is a pure
   * function of the token and the secret, so no process can disagree with it; type and expiry are checked
   * on every call, and revocation by the caller.
   */
  decode(token: string, typ: TokenType): TokenClaims {
    let claims = this.verified.get(token);
    if (!claims) {
      try {
        claims = this.jwt.verify<TokenClaims>(token, { clockTimestamp: this.clock.nowSeconds() });
      } catch (err) {
        const expired = (err as { name?: string }).name === 'TokenExpiredError';
        throw AppError.unauthenticated(expired ? 'Token expired' : 'Invalid token');
      }
      this.verified.set(token, claims);
    }
    this.checkClaims(claims, typ);
    return claims;
  }

  /** The token's own revocation mark and its session's, in one round trip. */
  private async assertNotRevoked(claims: Pick<TokenClaims, 'jti' | 'sid'>): Promise<void> {
    const keys = [this.revokedKey(claims.jti), ...(claims.sid ? [this.sessionKey(claims.sid)] : [])];
    if (await storeCall(this.redis.exists(...keys))) throw AppError.unauthenticated('Token revoked');
  }

  /** Refuses a token of a session that ended (a logout, or a replayed refresh token of it). */
  async assertSessionLive(sid: string | undefined): Promise<void> {
    if (sid && (await storeCall(this.redis.exists(this.sessionKey(sid)))))
      throw AppError.unauthenticated('Token revoked');
  }

  /** The checks the JWT library cannot make: our token type, and expiry on the platform clock. */
  private checkClaims(claims: TokenClaims, typ: TokenType): void {
    if (claims.typ !== typ || !claims.jti || !claims.sub || !claims.tid)
      throw AppError.unauthenticated('Invalid token');
    if (typeof claims.exp !== 'number' || claims.exp <= this.clock.nowSeconds()) {
      throw AppError.unauthenticated('Token expired');
    }
  }

  /**
   * Revokes a token until it would have expired. Answers false when it was already revoked. `rotated`: a refresh
   * token traded for a new pair, whose mark keeps when (rotatedWithin).
   */
  async revoke(jti: string, exp: number, rotated = false): Promise<boolean> {
    const ttl = Math.max(1, exp - this.clock.nowSeconds());
    const mark = rotated ? `rotated:${this.clock.nowMs()}` : '1';
    const set = await storeCall(this.redis.set(this.revokedKey(jti), mark, 'EX', ttl, 'NX'));
    return set === 'OK';
  }

  /** Whether this revoked refresh token was traded for a new pair less than `ms` ago. */
  async rotatedWithin(jti: string, ms: number): Promise<boolean> {
    const mark = await storeCall(this.redis.get(this.revokedKey(jti)));
    const at = mark?.startsWith('rotated:') ? Number(mark.slice('rotated:'.length)) : NaN;
    return Number.isFinite(at) && this.clock.nowMs() - at < ms;
  }

  /**
   * Ends a session: no token of it is taken any more, its refresh tokens nor its access tokens (the per-request
   * check reads the mark). Kept as long as a refresh token of it could live.
   */
  async revokeSession(sid: string): Promise<void> {
    await storeCall(this.redis.set(this.sessionKey(sid), '1', 'EX', this.config.jwt.refreshTtlSeconds));
  }

  /** Where a session's end lives (read by the API's per-request check too). */
  sessionKey(sid: string): string {
    return this.config.redisKey('revoked-session', sid);
  }

  /** Where a token's revocation mark lives (read by the API's per-request check too). */
  revokedKey(jti: string): string {
    return this.config.redisKey('revoked', jti);
  }
}

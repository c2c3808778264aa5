import { countRequest } from '@app/auth';
import { AppError, ErrorCode, REDIS } from '@app/common';
import { AppConfig } from '@app/config';
import type { TenantEntity } from '@app/db';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';
import type { LoginDto } from './dto/login.dto';

/**
 * The identity a login names, as its lookup reads it: an email in any case (unique on the platform), or a username
 * in any case within a tenant. A tenant that exists is named by its id, so its slug and its name (any case) are one
 * identity; one that does not, by the reference as sent. Whether the user exists plays no part.
 */
export function loginIdentity(dto: LoginDto, tenant: TenantEntity | null): string {
  if (dto.username === undefined)
    return JSON.stringify(['email', (dto.email as string).trim().toLowerCase()]);
  const tenantRef = tenant ? tenant.id : `ref:${(dto.tenant as string).trim().toLowerCase()}`;
  return JSON.stringify(['username', tenantRef, dto.username.trim().toLowerCase()]);
}

/**
 * The per-account login throttle (OWASP authentication cheat sheet): the per-IP limit alone lets many IPs each
 * guess one account's password. Every login of an identity is counted in Redis (shared by every API process)
 * before its password is checked, so attempts in flight at once count too; past LOGIN_THROTTLE_ATTEMPTS without a
 * success in the window, which runs from the first of them and is never extended, its logins are refused 429
 * whatever their password, until the window ends. A success clears the count.
 *
 * Known and unknown identities are counted alike and refused alike, before the user is looked up, so neither the
 * answer nor its timing says whether the account exists. Keys are a hash of the identity (no email in Redis).
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private key(identity: string): string {
    return this.config.redisKey('login-attempts', createHash('sha256').update(identity).digest('base64url'));
  }

  /** Counts a login of `identity`; refuses it RATE_LIMIT_EXCEEDED when its identity is past the limit. */
  async attempt(identity: string): Promise<void> {
    const { attempts, windowSeconds } = this.config.loginThrottle;
    const key = this.key(identity);
    let reading;
    try {
      reading = await countRequest(this.redis, { key, windowSeconds });
    } catch (err) {
      // As the per-IP limits do: Redis down serves the login rather than fails it.
      this.logger.warn({ err }, 'Login throttle unavailable; login allowed');
      return;
    }
    if (reading.consumed <= attempts) return;
    const retryAfter = Math.max(1, Math.ceil(reading.msBeforeReset / 1000));
    if (reading.consumed === attempts + 1)
      this.logger.warn(
        { identity_key: key, attempts, retry_after_seconds: retryAfter },
        'Logins of one identity refused until its window ends: too many without a success',
      );
    throw new AppError(
      ErrorCode.RATE_LIMIT_EXCEEDED,
      `Too many login attempts for this account; retry in ${retryAfter} s`,
      { limit: attempts, retry_after_seconds: retryAfter },
    );
  }

  /** A login of `identity` succeeded: its count starts again. */
  async succeeded(identity: string): Promise<void> {
    try {
      await this.redis.del(this.key(identity));
    } catch (err) {
      this.logger.warn({ err }, 'Login throttle not cleared after a successful login');
    }
  }
}

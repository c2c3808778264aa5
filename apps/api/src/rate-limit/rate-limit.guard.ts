import { IS_WEBHOOK, RATE_LIMIT_CLASS } from '@app/auth';
import { AppError, ErrorCode } from '@app/common';
import type { RateLimitClass } from '@app/config';
import { principalKey } from '@app/tenancy';
import type { AuthContext } from '@app/tenancy';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimiterService } from './rate-limiter.service';

/**
 * Second global guard: counts the request against its class (credential routes per IP, the rest per user or
 * key, or per IP when anonymous), sets X-RateLimit-* on the answer, and refuses with 429 past the limit.
 * Webhooks are never limited.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiterService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_WEBHOOK, targets)) return true;
    const cls =
      this.reflector.getAllAndOverride<RateLimitClass | undefined>(RATE_LIMIT_CLASS, targets) ?? 'api';
    const http = context.switchToHttp();
    const req = http.getRequest<FastifyRequest & { user?: AuthContext }>();
    const reply = http.getResponse<FastifyReply>();
    const key = cls === 'auth' || !req.user ? `ip:${req.ip}` : principalKey(req.user);
    const verdict = await this.limiter.consume(cls, key);
    void reply.header('X-RateLimit-Limit', String(verdict.limit));
    void reply.header('X-RateLimit-Remaining', String(verdict.remaining));
    void reply.header('X-RateLimit-Reset', String(verdict.resetAt));
    if (!verdict.allowed) {
      void reply.header('Retry-After', String(verdict.retryAfterSeconds));
      throw new AppError(
        ErrorCode.RATE_LIMIT_EXCEEDED,
        `Too many requests; retry in ${verdict.retryAfterSeconds} s`,
        {
          limit: verdict.limit,
          retry_after_seconds: verdict.retryAfterSeconds,
        },
      );
    }
    return true;
  }
}

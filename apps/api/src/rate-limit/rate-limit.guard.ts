import { AuthenticatedRequest } from '@app/auth';
import { AppError, ErrorCode } from '@app/common';
import { principalKey } from '@app/tenancy';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClassCounterStep, RateLimiterService, RateLimitVerdict } from './rate-limiter.service';

/**
 * Second global guard: judges the request's count against its class (credential routes per IP, the rest per
 * user or key, or per IP when anonymous), sets X-RateLimit-* on the answer, and refuses with 429 past the limit.
 * AuthenticationGuard has counted the request already (in the round trip that checked its token); a request it
 * did not count is counted here. Webhooks are never limited.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(private readonly limiter: RateLimiterService) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const req = http.getRequest<FastifyRequest & AuthenticatedRequest>();
    const reply = http.getResponse<FastifyReply>();
    const count = req.requestCount;
    if (count) {
      const step = count.step as ClassCounterStep;
      return this.apply(
        reply,
        count.reading
          ? this.limiter.verdict(step.cls, count.reading)
          : this.limiter.unavailable(step.cls, count.error),
      );
    }
    const step = this.limiter.counterFor(context, req.user ? principalKey(req.user) : null);
    if (!step) return true;
    return this.limiter.consume(step).then((verdict) => this.apply(reply, verdict));
  }

  private apply(reply: FastifyReply, verdict: RateLimitVerdict): boolean {
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

import { RequestCounter } from '@app/auth';
import { Module } from '@nestjs/common';
import { RateLimiterService } from './rate-limiter.service';
import { RateLimitGuard } from './rate-limit.guard';

/** The API's rate limits; as the RequestCounter, AuthenticationGuard counts each request for them. */
@Module({
  providers: [
    RateLimiterService,
    RateLimitGuard,
    { provide: RequestCounter, useExisting: RateLimiterService },
  ],
  exports: [RateLimiterService, RateLimitGuard, RequestCounter],
})
export class RateLimitModule {}

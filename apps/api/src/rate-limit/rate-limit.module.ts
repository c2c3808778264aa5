import { Module } from '@nestjs/common';
import { RateLimiterService } from './rate-limiter.service';
import { RateLimitGuard } from './rate-limit.guard';

@Module({ providers: [RateLimiterService, RateLimitGuard], exports: [RateLimiterService, RateLimitGuard] })
export class RateLimitModule {}

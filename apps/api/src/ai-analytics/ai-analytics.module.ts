import { Module } from '@nestjs/common';
import { AiPerformanceController } from './ai-performance.controller';

/** `GET analytics/ai-performance` (issue 7 item 5, seed 004). */
@Module({ controllers: [AiPerformanceController] })
export class AiAnalyticsModule {}

import { QUEUE_NAMES } from '@app/queues';
import { ApiProperty } from '@nestjs/swagger';
import { ComponentChecksDto, ComponentLatencyDto, LlmStatusDto } from '../../system/dto/system.dto';

const LLM_ERRORS = ['auth', 'rate_limited', 'unavailable', 'network', 'rejected', 'invalid_response'];

export class LlmHealthDto extends LlmStatusDto {
  @ApiProperty({
    enum: ['online', 'offline'],
    example: 'online',
    description: 'Whether the provider listed its models within 2 s with these credentials',
  })
  connectivity!: 'online' | 'offline';
  @ApiProperty({
    type: Number,
    example: 182.4,
    nullable: true,
    description: 'Milliseconds; null when offline',
  })
  latency_ms!: number | null;
  @ApiProperty({
    enum: LLM_ERRORS,
    nullable: true,
    example: null,
    description:
      'Why it is offline: auth (key refused), network (unreachable, timed out or an address not allowed), ' +
      'unavailable (5xx), rate_limited, rejected (another 4xx), invalid_response',
  })
  error!: string | null;
}

export class AdminHealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'], example: 'ok' }) status!: 'ok' | 'degraded';
  @ApiProperty({ type: ComponentChecksDto }) checks!: ComponentChecksDto;
  @ApiProperty({ type: ComponentLatencyDto }) latency_ms!: ComponentLatencyDto;
  @ApiProperty({
    type: LlmHealthDto,
    description:
      "The tenant's LLM as configured and whether it answered (POST /api/llm/test-prompt calls it)",
  })
  llm!: LlmHealthDto;
  @ApiProperty({ example: 1234 }) uptime_seconds!: number;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) started_at!: string;
}

export class QueueCountsDto {
  @ApiProperty({ enum: QUEUE_NAMES, example: 'system' }) name!: string;
  @ApiProperty({ example: 0 }) waiting!: number;
  @ApiProperty({ example: 0 }) active!: number;
  @ApiProperty({ example: 0 }) delayed!: number;
  @ApiProperty({ example: 12 }) completed!: number;
  @ApiProperty({ example: 1 }) failed!: number;
  @ApiProperty({ example: 0 }) paused!: number;
}

export class FailedJobDto {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ enum: QUEUE_NAMES, example: 'system' }) queue!: string;
  @ApiProperty({ example: 'system.ping' }) name!: string;
  @ApiProperty({ type: String, example: 'connect ETIMEDOUT', nullable: true }) failed_reason!: string | null;
  @ApiProperty({ example: 5 }) attempts_made!: number;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) created_at!: string;
  @ApiProperty({ type: String, example: '2026-11-22T06:01:00.000Z', nullable: true }) failed_at!:
    string | null;
}

export class QueuesOverviewDto {
  @ApiProperty({
    type: [QueueCountsDto],
    description: "This tenant's jobs per state for each queue (never another tenant's)",
  })
  queues!: QueueCountsDto[];
  @ApiProperty({ type: [FailedJobDto], description: "This tenant's failed jobs, newest first" })
  failed_jobs!: FailedJobDto[];
}

export class EnqueuedDto {
  @ApiProperty({ example: '42' }) job_id!: string;
  @ApiProperty({ type: String, example: 'queued' }) status!: 'queued';
}

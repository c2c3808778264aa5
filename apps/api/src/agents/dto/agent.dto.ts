import { MaxChars } from '@app/common';
import { AGENT_STATUSES } from '@app/db';
import type { AgentEntity, AgentGroupEntity } from '@app/db';
import type { AgentGroupView, AgentStatsView } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { WorkingHoursDto } from './agent-input.dto';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** An agent as seed 001 lists it, plus its zone and timestamps. */
export class AgentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenant_id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) user_id!: string | null;
  @ApiProperty({ example: 'John Doe' }) name!: string;
  @ApiProperty({ type: String, example: '+14155553333', nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, example: 'john@example.com', nullable: true }) email!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) agent_group_id!: string | null;
  @ApiProperty({ enum: AGENT_STATUSES, example: 'available' }) status!: string;
  @ApiProperty({ example: 2 }) max_concurrent_calls!: number;
  @ApiProperty({ example: 0 }) current_calls!: number;
  @ApiProperty({ example: 156 }) total_calls_handled!: number;
  @ApiProperty({ example: 23400 }) total_call_duration_seconds!: number;
  @ApiProperty({
    type: WorkingHoursDto,
    nullable: true,
    example: { monday: { start: '09:00', end: '17:00' }, tuesday: { start: '09:00', end: '17:00' } },
  })
  working_hours!: Record<string, { start: string; end: string }> | null;
  @ApiProperty({ type: String, example: 'America/Los_Angeles', nullable: true }) timezone!: string | null;
  @ApiProperty({ example: true }) is_active!: boolean;
  @ApiProperty({
    example: '2024-01-15T15:00:00.000Z',
    description: 'When the status last changed (idle since)',
  })
  status_changed_at!: string;
  @ApiProperty({
    type: String,
    example: null,
    nullable: true,
    description: 'End of the after-call work the dialer gave',
  })
  wrap_up_until!: string | null;
  @ApiProperty({ type: String, example: '2024-01-15T15:30:00.000Z', nullable: true }) last_active_at!:
    string | null;
  @ApiProperty({ example: '2024-01-01T00:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2024-01-15T15:30:00.000Z' }) updated_at!: string;

  static from(a: AgentEntity): AgentDto {
    return {
      id: a.id,
      tenant_id: a.tenantId,
      user_id: a.userId,
      name: a.name,
      phone: a.phone,
      email: a.email,
      agent_group_id: a.agentGroupId,
      status: a.status,
      max_concurrent_calls: a.maxConcurrentCalls,
      current_calls: a.currentCalls,
      total_calls_handled: a.totalCallsHandled,
      total_call_duration_seconds: a.totalCallDurationSeconds,
      working_hours: (a.workingHours as AgentDto['working_hours']) ?? null,
      timezone: a.timezone,
      is_active: a.isActive,
      status_changed_at: a.statusChangedAt.toISOString(),
      wrap_up_until: iso(a.wrapUpUntil),
      last_active_at: iso(a.lastActiveAt),
      created_at: a.createdAt.toISOString(),
      updated_at: a.updatedAt.toISOString(),
    };
  }
}

export class AgentCallStatsDto {
  @ApiProperty({ example: 156, description: "The agent's dialer, inbound and manual calls in the window" })
  total_calls!: number;
  @ApiProperty({ example: 142, description: 'Of them, those with disposition answered' })
  answered_calls!: number;
  @ApiProperty({ example: 150.5, description: 'Seconds per answered call, one decimal' })
  avg_talk_time!: number;
  @ApiProperty({ example: 23400, description: 'Seconds' }) total_talk_time!: number;
  @ApiProperty({
    example: 3,
    description:
      'Times their phone rang for a call (or as their live leg) and they let it ring out or it was busy: each put them on a break',
  })
  unanswered_calls!: number;
}

export class StatsPeriodDto {
  @ApiProperty({ type: String, example: '2024-01-01T00:00:00.000Z', nullable: true }) date_from!:
    string | null;
  @ApiProperty({ type: String, example: '2024-01-31T23:59:59.999Z', nullable: true }) date_to!: string | null;
}

/** Seed 001's `{ agent, stats }`, inside the envelope's data. */
export class AgentStatsDto {
  @ApiProperty({ type: AgentDto }) agent!: AgentDto;
  @ApiProperty({ type: AgentCallStatsDto }) stats!: AgentCallStatsDto;
  @ApiProperty({ type: StatsPeriodDto }) period!: StatsPeriodDto;

  static from(v: AgentStatsView): AgentStatsDto {
    return {
      agent: AgentDto.from(v.agent),
      stats: v.stats,
      period: { date_from: iso(v.range.from), date_to: iso(v.range.to) },
    };
  }
}

export class AgentGroupDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenant_id!: string;
  @ApiProperty({ example: 'Sales floor' }) name!: string;
  @ApiProperty({ type: String, example: 'Outbound sales, US hours', nullable: true }) description!:
    string | null;
  @ApiProperty({ example: 12 }) agent_count!: number;
  @ApiProperty({ example: '2024-01-01T00:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2024-01-01T00:00:00.000Z' }) updated_at!: string;

  static from({ group, agent_count }: AgentGroupView): AgentGroupDto {
    const g: AgentGroupEntity = group;
    return {
      id: g.id,
      tenant_id: g.tenantId,
      name: g.name,
      description: g.description,
      agent_count,
      created_at: g.createdAt.toISOString(),
      updated_at: g.updatedAt.toISOString(),
    };
  }
}

/** POST /api/agent-groups. */
export class CreateAgentGroupDto {
  @ApiProperty({ example: 'Sales floor', description: 'Unique in the tenant (else 409)' })
  @IsString()
  @MaxChars(120)
  name!: string;
  @ApiPropertyOptional({ type: String, example: 'Outbound sales, US hours' })
  @IsOptional()
  @IsString()
  @MaxChars(2000)
  description?: string | null;
}

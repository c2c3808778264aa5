import { AnyCase, IanaTimeZone, MaxChars, Optional } from '@app/common';
import { AGENT_STATUSES } from '@app/db';
import type { AgentStatus } from '@app/db';
import { MAX_CONCURRENT_CALLS } from '@app/domain';
import type { AgentInput } from '@app/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

const START = /^([01]\d|2[0-3]):[0-5]\d$/;
const END = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** One day's hours; an end not after the start runs past midnight (22:00-06:00). */
export class DayHoursDto {
  @ApiProperty({ example: '09:00', description: 'HH:MM, 00:00-23:59' })
  @IsString()
  @Matches(START, { message: 'must be a time HH:MM (00:00-23:59)' })
  start!: string;
  @ApiProperty({
    example: '17:00',
    description: 'HH:MM, 00:00-24:00; before the start (22:00-06:00) it ends the next morning',
  })
  @IsString()
  @Matches(END, { message: 'must be a time HH:MM (00:00-24:00)' })
  end!: string;
}

const day = () =>
  applyDecorators(
    ApiPropertyOptional({ type: DayHoursDto }),
    Optional(),
    IsObject(),
    ValidateNested(),
    Type(() => DayHoursDto),
  );

/** Seed 001's weekly hours in the agent's zone; a day left out is not worked. */
export class WorkingHoursDto {
  @day() monday?: DayHoursDto;
  @day() tuesday?: DayHoursDto;
  @day() wednesday?: DayHoursDto;
  @day() thursday?: DayHoursDto;
  @day() friday?: DayHoursDto;
  @day() saturday?: DayHoursDto;
  @day() sunday?: DayHoursDto;
}

/** The fields of create and PATCH, all optional (PATCH changes what is sent; null clears). */
export class AgentFieldsDto {
  @ApiPropertyOptional({
    example: 'John Doe',
    description: "Required unless user_id is sent (the user's name)",
  })
  @Optional()
  @IsString()
  @MaxChars(200)
  name?: string;

  @ApiPropertyOptional({
    type: String,
    example: '+14155553333',
    description:
      "The number the dialer calls for the agent's leg; stored E.164 (national forms use the tenant's country)",
  })
  @IsOptional()
  @IsString()
  @MaxChars(64)
  phone?: string | null;

  @ApiPropertyOptional({ type: String, example: 'john@example.com' })
  @IsOptional()
  @MaxChars(254)
  @IsEmail()
  email?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    example: '0192f0c1-2b3c-7d4e-8f50-6a7b8c9d0e1f',
    description: 'Also agentGroupId; a group of this tenant',
  })
  @IsOptional()
  @IsUUID()
  agent_group_id?: string | null;

  @ApiPropertyOptional({
    example: 2,
    minimum: 1,
    maximum: MAX_CONCURRENT_CALLS,
    default: 1,
    description: 'Also maxConcurrentCalls',
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(MAX_CONCURRENT_CALLS)
  max_concurrent_calls?: number;

  @ApiPropertyOptional({
    type: WorkingHoursDto,
    nullable: true,
    example: { monday: { start: '09:00', end: '17:00' }, tuesday: { start: '09:00', end: '17:00' } },
    description:
      "Also workingHours. In the agent's timezone (else the tenant's); null: always. Going available outside them is a 422.",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WorkingHoursDto)
  working_hours?: WorkingHoursDto | null;

  @ApiPropertyOptional({
    type: String,
    example: 'America/Los_Angeles',
    description: "IANA zone of working_hours; null: the tenant's",
  })
  @IsOptional()
  @IanaTimeZone()
  timezone?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    example: '7b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
    description:
      'Also userId: the user of this tenant who signs in as this agent (one agent per user, else 409)',
  })
  @IsOptional()
  @IsUUID()
  user_id?: string | null;

  @ApiPropertyOptional({
    example: true,
    description: 'An inactive agent cannot go available; deactivating one takes them offline',
  })
  @Optional()
  @IsBoolean()
  is_active?: boolean;
}

/** The domain's input: the DTO's fields as sent (class fields not sent stay undefined). */
export function agentInput(dto: AgentFieldsDto): AgentInput {
  return { ...dto, working_hours: dto.working_hours as AgentInput['working_hours'] };
}

/** POST /api/agents: seed 001's body. */
export class CreateAgentDto extends AgentFieldsDto {}

/** PATCH /api/agents/:id: the fields sent change. */
export class UpdateAgentDto extends AgentFieldsDto {}

/** PUT /api/agents/:id/status and the socket's `agent:status`. */
export class AgentStatusDto {
  @ApiProperty({ enum: AGENT_STATUSES, example: 'available', description: 'Any case' })
  @AnyCase()
  @IsIn(AGENT_STATUSES)
  status!: AgentStatus;
}

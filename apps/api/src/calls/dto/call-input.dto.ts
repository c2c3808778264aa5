import { AnyCase, MaxChars, Optional } from '@app/common';
import { CALL_DISPOSITIONS, CALL_OUTCOMES } from '@app/db';
import type { CallDisposition, CallOutcome } from '@app/db';
import { CALL_LOG_STATUSES, parseDuration } from '@app/domain';
import type { CallLogStatus, CallUpdateInput, ManualCallInput } from '@app/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, ValidateBy } from 'class-validator';

const Duration = () =>
  ValidateBy({
    name: 'callDuration',
    validator: {
      validate: (value: unknown) => parseDuration(value) !== null,
      defaultMessage: () => 'must be seconds or "hh:mm:ss", at most 24 hours',
    },
  });

const OUTCOME_DOC = {
  enum: CALL_OUTCOMES,
  example: 'not_interested',
  description:
    "The agent's wrap-up: how the conversation went (the disposition says how the line answered). `do_not_call` also lists the call's number on do-not-contact for voice, so no campaign dials it again; the call needs a number. Any case",
};

const DURATION_DOC = {
  oneOf: [
    { type: 'string', example: '00:05:23' },
    { type: 'integer', example: 323 },
  ],
  example: '00:05:23',
  description: 'Seconds, or seed 003\'s "hh:mm:ss" ("mm:ss" too); only for an ended call',
};

const STATUS_DOC = {
  enum: CALL_LOG_STATUSES,
  description:
    'Seed 003: ongoing (in progress), completed (talked; disposition answered, voicemail or abandoned), missed (disposition missed, no_answer, busy or failed)',
};

/** `POST /api/calls` (seed 003): a call logged by hand. */
export class CreateCallDto implements ManualCallInput {
  @ApiPropertyOptional({
    example: '+1234567890',
    description: "Also phoneNumber; national numbers in the tenant's default country. Else the lead's phone",
  })
  @Optional()
  @IsString()
  @MaxChars(64)
  phone?: string;
  @ApiPropertyOptional({ example: '+1234567890', description: 'The same as phone' })
  @Optional()
  @IsString()
  @MaxChars(64)
  phone_number?: string;
  @ApiPropertyOptional({ type: String, example: 'John Doe', description: 'Also contactName' })
  @IsOptional()
  @IsString()
  @MaxChars(200)
  contact_name?: string | null;
  @ApiPropertyOptional({ enum: ['inbound', 'outbound'], default: 'outbound' })
  @Optional()
  @AnyCase()
  @IsIn(['inbound', 'outbound'])
  direction?: 'inbound' | 'outbound';
  @ApiPropertyOptional({ ...STATUS_DOC, default: 'completed', example: 'ongoing' })
  @Optional()
  @AnyCase()
  @IsIn(CALL_LOG_STATUSES)
  status?: CallLogStatus;
  @ApiPropertyOptional({
    enum: CALL_DISPOSITIONS,
    description: 'Defaults: answered (completed), missed (missed)',
  })
  @Optional()
  @AnyCase()
  @IsIn(CALL_DISPOSITIONS)
  disposition?: CallDisposition;
  @ApiPropertyOptional(OUTCOME_DOC)
  @Optional()
  @AnyCase()
  @IsIn(CALL_OUTCOMES)
  outcome?: CallOutcome;
  @ApiPropertyOptional(DURATION_DOC)
  @Optional()
  @Duration()
  duration?: number | string;
  @ApiPropertyOptional({ type: String, example: 'Asked about prices' })
  @IsOptional()
  @IsString()
  @MaxChars(10_000)
  notes?: string | null;
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Also leadId; else the lead whose phone this is, if any',
  })
  @Optional()
  @IsUUID()
  lead_id?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUUID() campaign_id?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: "A manager's choice; an agent-role caller logs as its own agent profile",
  })
  @Optional()
  @IsUUID()
  agent_id?: string;
}

/**
 * `PUT /api/calls/:id` (seed 003): notes and the outcome of any call; status, duration and disposition of a manual
 * log.
 */
export class UpdateCallDto implements CallUpdateInput {
  @ApiPropertyOptional({ ...STATUS_DOC, example: 'completed' })
  @Optional()
  @AnyCase()
  @IsIn(CALL_LOG_STATUSES)
  status?: CallLogStatus;
  @ApiPropertyOptional(DURATION_DOC)
  @Optional()
  @Duration()
  duration?: number | string;
  @ApiPropertyOptional({
    type: String,
    example: 'Customer inquiry about services',
    description: 'null clears them',
  })
  @IsOptional()
  @IsString()
  @MaxChars(10_000)
  notes?: string | null;
  @ApiPropertyOptional({ enum: CALL_DISPOSITIONS })
  @Optional()
  @AnyCase()
  @IsIn(CALL_DISPOSITIONS)
  disposition?: CallDisposition;
  @ApiPropertyOptional({
    ...OUTCOME_DOC,
    nullable: true,
    description: `${OUTCOME_DOC.description}; null clears it`,
  })
  @IsOptional()
  @AnyCase()
  @IsIn(CALL_OUTCOMES)
  outcome?: CallOutcome | null;
}

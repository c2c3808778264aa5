import type { ActivityLogEntity } from '@app/db';
import { PageQueryDto } from '@app/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

const STATES = ['online', 'offline'];
/** A messaging provider: `configured` once a channel config names it (not probed: that would cost a send). */
const PROVIDER_STATES = ['online', 'configured'];

export class LivenessDto {
  @ApiProperty({ type: String, example: 'ok' }) status!: 'ok';
  @ApiProperty({ example: 1234 }) uptime_seconds!: number;
}

export class ComponentChecksDto {
  @ApiProperty({ enum: STATES }) database!: string;
  @ApiProperty({ enum: STATES }) redis!: string;
  @ApiProperty({ enum: STATES }) queues!: string;
}

export class ComponentLatencyDto {
  @ApiProperty({ type: Number, example: 1.2, nullable: true }) database!: number | null;
  @ApiProperty({ type: Number, example: 0.4, nullable: true }) redis!: number | null;
  @ApiProperty({ type: Number, example: 0.9, nullable: true }) queues!: number | null;
}

export class ReadinessDto {
  @ApiProperty({ type: String, example: 'ready' }) status!: 'ready';
  @ApiProperty({ type: ComponentChecksDto }) checks!: ComponentChecksDto;
  @ApiProperty({ type: ComponentLatencyDto }) latency_ms!: ComponentLatencyDto;
}

/** The tenant's LLM line: read from its config, without calling the model. */
export class LlmStatusDto {
  @ApiProperty({ enum: ['local', 'openai'], example: 'openai' }) provider!: string;
  @ApiProperty({ example: 'gpt-4o-mini' }) model!: string;
  @ApiProperty({
    example: true,
    description: 'local: always; openai: an API key is set for it',
  })
  configured!: boolean;
  @ApiProperty({ enum: ['tenant', 'platform', 'default'], example: 'tenant' }) source!: string;
}

export class SystemStatusDto {
  @ApiProperty({ enum: STATES, example: 'online' }) database!: string;
  @ApiProperty({ enum: STATES, example: 'online' }) redis!: string;
  @ApiProperty({ enum: STATES, example: 'online' }) queues!: string;
  @ApiProperty({ enum: ['online'], example: 'online', description: 'The embedded provider simulator' })
  simulator!: string;
  @ApiPropertyOptional({ enum: PROVIDER_STATES, example: 'configured', description: 'A channel uses Twilio' })
  twilio?: string;
  @ApiPropertyOptional({ enum: PROVIDER_STATES, example: 'configured' }) whatsapp_cloud?: string;
  @ApiPropertyOptional({ enum: PROVIDER_STATES, example: 'configured' }) telegram?: string;
  @ApiPropertyOptional({ enum: PROVIDER_STATES, example: 'configured' }) smtp?: string;
  @ApiProperty({
    enum: PROVIDER_STATES,
    example: 'online',
    description:
      "Seed 003's whatsappApi: the WhatsApp channel (online on the simulator, configured on a provider)",
  })
  whatsapp_api!: string;
  @ApiProperty({
    enum: PROVIDER_STATES,
    example: 'online',
    description: "Seed 003's callSystem: the voice channel (online on the simulator, configured on Twilio)",
  })
  call_system!: string;
  @ApiProperty({ type: LlmStatusDto }) llm!: LlmStatusDto;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) last_updated!: string;
  @ApiProperty({ example: '2 days, 14 hours, 32 minutes' }) uptime!: string;
  @ApiProperty({ example: 225120 }) uptime_seconds!: number;
}

export class ActivityDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'auth.login' }) type!: string;
  @ApiProperty({ example: 'ana@acme.example logged in' }) description!: string;
  @ApiProperty({ example: 'success' }) status!: string;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) timestamp!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actor_user_id!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actor_api_key_id!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { user_id: '0d8f3f3e-0c35-4f6b-9d1e-3b1b8e0f2a11' },
  })
  data!: Record<string, unknown>;

  static from(a: ActivityLogEntity): ActivityDto {
    return {
      id: a.id,
      type: a.type,
      description: a.description,
      status: a.status,
      timestamp: a.createdAt.toISOString(),
      actor_user_id: a.actorUserId,
      actor_api_key_id: a.actorApiKeyId,
      data: a.data,
    };
  }
}

export class ActivityQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'auth.login' })
  @IsOptional()
  @Matches(/^[a-z_.]{1,64}$/, { message: 'must be an activity type such as auth.login' })
  type?: string;
}

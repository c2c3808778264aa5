import type { UnknownMessage } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';

export class UnknownMessageLeadDto {
  @ApiProperty({ format: 'uuid', example: '0190f3a2-7b1c-7d2e-8f90-123456789abc' }) id!: string;
  @ApiProperty({ type: String, example: 'Alice Johnson', nullable: true }) name!: string | null;
  @ApiProperty({ type: String, example: '+14155552671', nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, example: 'alice@example.com', nullable: true }) email!: string | null;
}

/** A send whose outcome was lost and could not be found at the provider: never resent (DESIGN §7.6). */
export class UnknownMessageDto {
  @ApiProperty({ format: 'uuid', example: '0190f3a2-7b1c-7d2e-8f90-abcdefabcdef' }) id!: string;
  @ApiProperty({ format: 'uuid', example: '0190f3a2-7b1c-7d2e-8f90-000000000001' }) conversation_id!: string;
  @ApiProperty({ type: UnknownMessageLeadDto }) lead!: UnknownMessageLeadDto;
  @ApiProperty({ enum: ['sms', 'whatsapp', 'telegram', 'email'], example: 'sms' }) channel!: string;
  @ApiProperty({ example: 'twilio' }) provider!: string;
  @ApiProperty({ example: 1, description: 'Provider calls made (a lost one included)' }) attempts!: number;
  @ApiProperty({ type: String, example: 'Hi Alice, are you free on Friday?', nullable: true }) content!:
    string | null;
  @ApiProperty({ type: String, example: 'outcome_unknown', nullable: true }) error_code!: string | null;
  @ApiProperty({ example: '2026-11-30T10:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-30T10:00:04.000Z', description: 'When it was marked unknown' })
  updated_at!: string;

  static from(m: UnknownMessage): UnknownMessageDto {
    return {
      id: m.id,
      conversation_id: m.conversation_id,
      lead: { id: m.lead_id, name: m.lead_name, phone: m.lead_phone, email: m.lead_email },
      channel: m.channel,
      provider: m.provider,
      attempts: m.attempts,
      content: m.content,
      error_code: m.error_code,
      created_at: new Date(m.created_at).toISOString(),
      updated_at: new Date(m.updated_at).toISOString(),
    };
  }
}

import { CharLength, IanaTimeZone, Optional, Trimmed } from '@app/common';
import type { TenantEntity } from '@app/db';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO31661Alpha2, IsObject, IsString, ValidateIf } from 'class-validator';

export class TenantDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Test Clinic' }) name!: string;
  @ApiProperty({ example: 'test-clinic' }) slug!: string;
  @ApiProperty({ example: 'Europe/Lisbon' }) timezone!: string;
  @ApiProperty({ type: String, example: 'PT', nullable: true }) default_country!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { scoring: { qualified_threshold: 70 }, ai: { auto_reply: false } },
    description:
      '`ai.auto_reply` (default false): the AI answers inbound messages of conversations in ai_mode auto (issue 7)',
  })
  settings!: Record<string, unknown>;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) created_at!: string;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) updated_at!: string;

  static from(t: TenantEntity): TenantDto {
    return {
      id: t.id,
      name: t.name,
      slug: t.slug,
      timezone: t.timezone,
      default_country: t.defaultCountry,
      settings: t.settings,
      created_at: t.createdAt.toISOString(),
      updated_at: t.updatedAt.toISOString(),
    };
  }
}

export class UpdateTenantDto {
  @ApiPropertyOptional({ example: 'Test Clinic' })
  @Optional()
  @Trimmed()
  @IsString()
  @CharLength(2, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'Europe/Lisbon', description: 'An IANA time zone' })
  @Optional()
  @IanaTimeZone()
  timezone?: string;

  @ApiPropertyOptional({
    type: String,
    example: 'PT',
    nullable: true,
    description: 'ISO 3166-1 alpha-2; the default for phone parsing',
  })
  @Optional()
  @ValidateIf((_, v) => v !== null)
  @IsISO31661Alpha2()
  default_country?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { scoring: { qualified_threshold: 70 }, ai: { auto_reply: true } },
    description:
      'Merged into the current settings as a JSON merge patch (RFC 7396): objects merge all the way down, null removes a key; at most 64 KB as stored. `scoring` and `ai` are checked as PATCH admin/config checks them (a bad value or unknown key is 400 and nothing changes); `ai.auto_reply: true` lets the AI answer inbound messages of conversations in ai_mode auto (default off)',
  })
  @Optional()
  @IsObject()
  settings?: Record<string, unknown>;
}

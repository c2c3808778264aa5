import { AnyCase, CharLength, inputValue, MaxChars, PageQueryDto, Trimmed } from '@app/common';
import { DNC_CHANNELS, DNC_REASONS } from '@app/db';
import type { DncChannel, DncEntryEntity, DncReason } from '@app/db';
import { ADDABLE_REASONS } from '@app/domain';
import type { NewDncEntry } from '@app/domain';
import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { ImportDto, ImportRowErrorDto } from '../../leads/imports/dto/import.dto';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsISO31661Alpha2, IsOptional, IsString } from 'class-validator';

export class CreateDncDto implements NewDncEntry {
  @ApiPropertyOptional({ example: '+1 415 555 2671', description: 'A phone, an email, or both' })
  @IsOptional()
  @IsString()
  @MaxChars(64)
  phone?: string;
  @ApiPropertyOptional({ example: 'jane@example.com' })
  @IsOptional()
  @Trimmed()
  @MaxChars(320)
  @IsEmail()
  email?: string;
  @ApiPropertyOptional({
    example: 'US',
    description:
      'ISO 3166-1 alpha-2, any case: the country of a national phone number (else the tenant default); a country without phone numbers is a 400',
  })
  @IsOptional()
  @IsISO31661Alpha2()
  default_country?: string;
  @ApiPropertyOptional({ enum: DNC_CHANNELS, default: 'all', example: 'all', description: 'Any case' })
  @IsOptional()
  @Transform(inputValue('dnc_channel', { anyCase: true }))
  @IsIn(DNC_CHANNELS)
  channel?: DncChannel;
  @ApiPropertyOptional({
    enum: ADDABLE_REASONS,
    default: 'manual',
    example: 'complaint',
    description: 'Any case',
  })
  @IsOptional()
  @AnyCase()
  @IsIn(ADDABLE_REASONS)
  reason?: DncReason;
}

export class DncEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: '+14155552671', nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, example: 'jane@example.com', nullable: true }) email!: string | null;
  @ApiProperty({ enum: DNC_CHANNELS, example: 'all' }) channel!: string;
  @ApiProperty({ enum: DNC_REASONS, example: 'manual' }) reason!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) created_by_id!: string | null;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) created_at!: string;

  static from(d: DncEntryEntity): DncEntryDto {
    return {
      id: d.id,
      phone: d.phoneNormalized,
      email: d.email,
      channel: d.channel,
      reason: d.reason,
      created_by_id: d.createdById,
      created_at: d.createdAt.toISOString(),
    };
  }
}

export class AddedDncEntryDto extends DncEntryDto {
  @ApiProperty({
    example: true,
    description: 'False when the address was already on the list for this channel',
  })
  created!: boolean;
  @ApiProperty({
    example: false,
    description:
      "True when the person's own STOP had listed the address for this channel (reason stop_keyword): that entry now carries this request's reason, so the person's START no longer lifts it",
  })
  taken_over!: boolean;
  @ApiProperty({ example: 1, description: 'Leads whose do_not_call or opted_out_channels changed' })
  leads_flagged!: number;
}

/** The list's filters: what GET dnc/export takes (it streams every entry, no page). */
export class DncFilterQueryDto {
  @ApiPropertyOptional({ enum: DNC_CHANNELS, example: 'sms', description: 'Any case' })
  @IsOptional()
  @Transform(inputValue('dnc_channel', { anyCase: true }))
  @IsIn(DNC_CHANNELS)
  channel?: DncChannel;
  @ApiPropertyOptional({ example: '4155', description: 'Part of a phone or an email' })
  @IsOptional()
  @IsString()
  @CharLength(1, 100)
  search?: string;
}

/** GET dnc: the filters and a page. */
export class DncQueryDto extends IntersectionType(PageQueryDto, DncFilterQueryDto) {}

export class DncImportFormDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    example: 'dnc.csv',
    description: 'phone and/or email columns; optional channel, reason',
  })
  file!: unknown;
  @ApiPropertyOptional({
    enum: DNC_CHANNELS,
    default: 'all',
    example: 'all',
    description: 'For rows without a channel of their own',
  })
  channel?: string;
  @ApiPropertyOptional({ enum: ADDABLE_REASONS, default: 'import', example: 'import' }) reason?: string;
  @ApiPropertyOptional({
    example: 'US',
    description:
      'ISO 3166-1 alpha-2: the country of national phone numbers (else the tenant default); anything else is a 400',
  })
  default_country?: string;
}

export class DncImportResultsDto {
  @ApiProperty({ example: 100, description: 'Data rows read (header excluded)' }) total!: number;
  @ApiProperty({ example: 97, description: 'Entries added (a row with a phone and an email adds two)' })
  added!: number;
  @ApiProperty({ example: 1, description: 'Entries already on the list' }) existing!: number;
  @ApiProperty({
    example: 0,
    description:
      "Of existing: entries only the person's own STOP had listed (reason stop_keyword), which now carry this file's reason, so the person's START no longer lifts them",
  })
  taken_over!: number;
  @ApiProperty({ example: 2, description: 'Rows that added nothing (see errors)' }) invalid!: number;
  @ApiProperty({ example: 4, description: 'Leads whose do_not_call or opted_out_channels changed' })
  leads_flagged!: number;
}

/** A do-not-contact import: the shape of a lead import, with its own counts. */
export class DncImportDto extends OmitType(ImportDto, ['results', 'stats', 'errors', 'file_name'] as const) {
  @ApiProperty({ type: String, example: 'dnc.csv', nullable: true }) file_name!: string | null;
  @ApiProperty({ type: DncImportResultsDto }) results!: DncImportResultsDto;
  @ApiProperty({
    type: [ImportRowErrorDto],
    description: 'The first 1,000 row errors, by row (all of them: GET /api/dnc/imports/{id}/errors)',
  })
  errors!: ImportRowErrorDto[];
}

/** A do-not-contact import in the list: everything but its row errors. */
export class DncImportSummaryDto extends OmitType(DncImportDto, ['errors'] as const) {}

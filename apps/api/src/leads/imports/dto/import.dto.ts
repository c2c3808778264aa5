import { inputValue, PageQueryDto } from '@app/common';
import { IMPORT_STATUSES } from '@app/db';
import type { ImportStatus } from '@app/db';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional } from 'class-validator';

export class ImportResultsDto {
  @ApiProperty({ example: 1000, description: 'Data rows read (header excluded)' }) total!: number;
  @ApiProperty({ example: 950, description: 'inserted + updated' }) valid!: number;
  @ApiProperty({ example: 20 }) invalid!: number;
  @ApiProperty({ example: 25, description: 'Skipped: an earlier row of the file, or an existing lead' })
  duplicates!: number;
  @ApiProperty({ example: 5, description: 'Not created: on the all-channel do-not-contact list' })
  dnc!: number;
  @ApiProperty({ example: 950 }) inserted!: number;
  @ApiProperty({ example: 0, description: 'Existing leads updated (on_duplicate=update)' }) updated!: number;
}

/** Seed 000's summary of an import, beside `results`. */
export class ImportStatsDto {
  @ApiProperty({ example: 950, description: 'Rows that became or updated a lead: results.valid' })
  imported!: number;
  @ApiProperty({
    example: 50,
    description: 'Every other row (invalid, duplicate or do-not-contact): results.total - results.valid',
  })
  skipped!: number;
}

export class ImportRowErrorDto {
  @ApiProperty({
    example: 12,
    description: '1-based data row (header excluded; quoted newlines do not shift it)',
  })
  row!: number;
  @ApiProperty({ example: 'phone' }) field!: string;
  @ApiProperty({ type: String, example: '555-01', nullable: true }) value!: string | null;
  @ApiProperty({ example: 'is not a valid phone number' }) error!: string;
}

export class ImportProgressDto {
  @ApiProperty({ example: 20000, description: 'Data rows whose outcome is committed' }) processed!: number;
}

export class ImportDto {
  @ApiProperty({ example: '019a3b5c-7d8e-7f00-8a1b-2c3d4e5f6a7b' }) import_id!: string;
  @ApiProperty({ example: 'completed', enum: ['queued', 'running', 'completed', 'failed'] }) status!: string;
  @ApiProperty({ type: String, example: 'leads.csv', nullable: true }) file_name!: string | null;
  @ApiProperty({ type: ImportProgressDto }) progress!: ImportProgressDto;
  @ApiProperty({ type: ImportResultsDto }) results!: ImportResultsDto;
  /** Optional in the type only: a lead import always has it, a do-not-contact import (DncImportDto) never. */
  @ApiProperty({ type: ImportStatsDto }) stats?: ImportStatsDto;
  @ApiProperty({
    type: [ImportRowErrorDto],
    description: 'The first 1,000 row errors, by row (all of them: GET /api/leads/imports/{id}/errors)',
  })
  errors!: ImportRowErrorDto[];
  @ApiProperty({ example: 20, description: 'All row errors' }) error_count!: number;
  @ApiProperty({
    type: String,
    example: null,
    nullable: true,
    description: 'Why a failed import stopped (committed rows stay)',
  })
  error!: string | null;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) created_at!: string;
  @ApiProperty({ type: String, example: '2026-11-22T06:00:02.000Z', nullable: true }) finished_at!:
    string | null;
}

/** The form of POST /api/leads/import (multipart/form-data), for the documentation. */
export class ImportFormDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    example: 'leads.csv',
    description: 'The CSV (UTF-8 or Windows-1252; comma, semicolon or tab)',
  })
  file!: unknown;
  @ApiPropertyOptional({
    example: 'US',
    description: 'For national phone numbers of rows without a country (else the tenant default)',
  })
  default_country?: string;
  @ApiPropertyOptional({
    example: '{"Mobile":"phone","Organisation":"company","Plan":"custom_fields.plan","Internal id":"ignore"}',
    description:
      'JSON: column header -> lead field, custom_fields.<name>, or ignore. Unmapped headers are matched by name and alias; the rest become custom fields.',
  })
  field_mapping?: string;
  @ApiPropertyOptional({ example: 'skip', enum: ['skip', 'update'] }) on_duplicate?: string;
  @ApiPropertyOptional({
    example: 'webinar,2026',
    description: 'Tags added to every lead: comma-separated or a JSON array',
  })
  tags?: string;
  @ApiPropertyOptional({
    example: '019a3b5c-7d8e-7f00-8a1b-2c3d4e5f6a7b',
    description:
      "Enrolls the file's leads in this campaign of the tenant (draft, scheduled, active or paused), with each batch: those inserted or updated and the existing leads its rows match as duplicates, each once; invalid and do-not-contact rows are not, a lead already in the campaign stays as it is and the contact policy's refusals are skipped",
  })
  campaign_id?: string;
}

/** An import in the list: everything but its row errors. */
export class ImportSummaryDto extends OmitType(ImportDto, ['errors'] as const) {}

export class ImportQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: IMPORT_STATUSES, example: 'completed', description: 'Any case' })
  @IsOptional()
  @Transform(inputValue('import_status', { anyCase: true }))
  @IsIn(IMPORT_STATUSES)
  status?: ImportStatus;
}

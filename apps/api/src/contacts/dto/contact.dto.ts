import { AnyCase, CharLength, PageQueryDto } from '@app/common';
import type { LeadEntity } from '@app/db';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsOptional, IsString } from 'class-validator';
import { fullName } from '../../leads/dto/lead.dto';

/** Seed 004's contact: the address-book view of a lead. */
export class ContactDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, example: 'Alice Johnson', nullable: true }) name!: string | null;
  @ApiProperty({ type: String, example: 'Alice', nullable: true }) first_name!: string | null;
  @ApiProperty({ type: String, example: 'Johnson', nullable: true }) last_name!: string | null;
  @ApiProperty({ type: String, example: 'alice@company.com', nullable: true }) email!: string | null;
  @ApiProperty({ type: String, example: '+14155552671', nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, example: 'Innovation Inc', nullable: true }) company!: string | null;
  @ApiProperty({ type: String, example: 'CTO', nullable: true }) position!: string | null;
  @ApiProperty({ example: ['decision-maker'], type: [String] }) tags!: string[];
  @ApiProperty({
    type: String,
    example: '2026-11-20T14:20:00.000Z',
    nullable: true,
    description:
      'The last call, or the last message either way that went (not failed or still queued), whichever is later',
  })
  last_contact_date!: string | null;
  @ApiProperty({ enum: ['active', 'archived'], example: 'active' }) status!: 'active' | 'archived';
  @ApiProperty({ type: String, example: 'Key technical decision maker', nullable: true }) notes!:
    string | null;
  @ApiProperty({ example: '2026-11-22T06:00:00.000Z' }) created_at!: string;

  /** `lastContact`: from LeadLastContacts; without it (a contact just made), the last call. */
  static from(l: LeadEntity, lastContact?: Date): ContactDto {
    return {
      id: l.id,
      name: fullName(l),
      first_name: l.firstName,
      last_name: l.lastName,
      email: l.email,
      phone: l.phoneNormalized ?? l.phone,
      company: l.company,
      position: l.position,
      tags: l.tags,
      last_contact_date: (lastContact ?? l.lastCallAt)?.toISOString() ?? null,
      status: l.archivedAt ? 'archived' : 'active',
      notes: l.notes,
      created_at: l.createdAt.toISOString(),
    };
  }
}

const CONTACT_SORTS = {
  name: 'name',
  company: 'company',
  created_at: 'created_at',
  createdAt: 'created_at',
} as const;
const list = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter(Boolean);

export class ContactQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: 'alice',
    description: 'Every word must match name, email, company or phone',
  })
  @IsOptional()
  @IsString()
  @CharLength(1, 200)
  search?: string;
  @ApiPropertyOptional({
    example: 'decision-maker,technical',
    description: 'Comma-separated: contacts with all of them, in any case (VIP finds vip)',
  })
  @IsOptional()
  @Transform(list)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  tags?: string[];
  @ApiPropertyOptional({ enum: Object.keys(CONTACT_SORTS), example: 'name' })
  @IsOptional()
  @IsIn(Object.keys(CONTACT_SORTS))
  sort?: keyof typeof CONTACT_SORTS;
  @ApiPropertyOptional({ enum: ['asc', 'desc'], example: 'asc' })
  @IsOptional()
  @AnyCase()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  static sortColumn(sort: keyof typeof CONTACT_SORTS | undefined): 'name' | 'company' | 'created_at' {
    return sort ? CONTACT_SORTS[sort] : 'created_at';
  }
}

import { AnyCase, PageQueryDto } from '@app/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/** A list of messages (a lead's, a conversation's): paging, and the order by time. */
export class MessageListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ['asc', 'desc'],
    default: 'desc',
    example: 'asc',
    description:
      'By created_at, then id (messages of the same instant keep one order across pages): desc newest first, asc oldest first (a thread read top to bottom). Any case',
  })
  @IsOptional()
  @AnyCase()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';
}

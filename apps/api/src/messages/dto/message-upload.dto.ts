import { ApiProperty } from '@nestjs/swagger';

export class MessageUploadFormDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The file' }) file!: unknown;
}

export class MessageUploadDto {
  @ApiProperty({ format: 'uuid', example: '0192f3a0-0000-7000-8000-0000000000f1' }) id!: string;
  @ApiProperty({ type: String, example: 'price-list.pdf', nullable: true }) filename!: string | null;
  @ApiProperty({ example: 'application/pdf' }) content_type!: string;
  @ApiProperty({ example: 48213, description: 'Bytes' }) size!: number;
}

import { ApiProperty } from '@nestjs/swagger';

/** An agent's decision on a previewed lead. */
export class PreviewDecisionDto {
  @ApiProperty({ format: 'uuid', example: '0190f1c2-7c1e-7a3b-9f43-5b1c2d3e4f50' }) call_id!: string;
  @ApiProperty({ enum: ['dialing', 'skipped'], example: 'dialing' }) status!: 'dialing' | 'skipped';
}

import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope } from '@app/common';
import { WhatsAppAnalyticsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';

export class RecentStopDto {
  @ApiProperty({ format: 'uuid', description: 'The live lead that has the number' }) lead_id!: string;
  @ApiProperty({ type: String, example: 'Alice Johnson', nullable: true }) name!: string | null;
  @ApiProperty({ example: '+14155552671' }) phone!: string;
  @ApiProperty({ example: 'stop_keyword' }) reason!: string;
  @ApiProperty({ example: '2026-11-30T10:00:00.000Z' }) stopped_at!: string;
}

export class WhatsAppAnalyticsDto {
  @ApiProperty({ example: 120, description: 'Outbound messages the provider took' }) sent!: number;
  @ApiProperty({ example: 110 }) delivered!: number;
  @ApiProperty({ example: 80 }) read!: number;
  @ApiProperty({ example: 2 }) failed!: number;
  @ApiProperty({ example: 5, description: 'Leads opted out of WhatsApp (or of everything)' })
  stopped!: number;
  @ApiProperty({ example: 10, description: 'Messages waiting to go' }) queue!: number;
  @ApiProperty({ type: [RecentStopDto] }) recent_stops!: RecentStopDto[];
}

@ApiTags('analytics')
@Controller('analytics')
@Authenticated()
export class WhatsAppAnalyticsController {
  constructor(private readonly analytics: WhatsAppAnalyticsService) {}

  @Get('whatsapp')
  @Roles('manager')
  @ApiOperation({ summary: 'WhatsApp dashboard (seed 000): sent, stopped, queue, recent stops' })
  @ApiEnvelope(WhatsAppAnalyticsDto)
  async whatsapp(@CurrentAuth() auth: AuthContext): Promise<WhatsAppAnalyticsDto> {
    const s = await this.analytics.summary(auth.tenantId);
    return {
      ...s,
      recent_stops: s.recent_stops.map((r) => ({ ...r, stopped_at: new Date(r.stopped_at).toISOString() })),
    };
  }
}

import { ApiProperty } from '@nestjs/swagger';

export class StatFigureDto {
  @ApiProperty({ example: 47 }) value!: number;
  @ApiProperty({
    type: Number,
    example: 12.5,
    nullable: true,
    description: 'Percent against the same hours of yesterday; null when yesterday had none',
  })
  change!: number | null;
  @ApiProperty({ enum: ['up', 'down', 'flat'], example: 'up' }) trend!: 'up' | 'down' | 'flat';
}

export class DashboardStatsDto {
  @ApiProperty({
    description:
      'Calls placed or received today (agent legs of bridged calls and preview offers not yet dialed left out)',
  })
  todays_calls!: StatFigureDto;
  @ApiProperty({ description: 'WhatsApp messages today, both directions' }) whatsapp_messages!: StatFigureDto;
  @ApiProperty({ description: 'Messages on every channel today, both directions' }) messages!: StatFigureDto;
  @ApiProperty({ description: 'Conversations with a message today' }) active_conversations!: StatFigureDto;
  @ApiProperty({
    description:
      "Appointments starting today (the tenant's whole day, cancelled ones left out); change and trend compare the whole of yesterday",
  })
  appointments!: StatFigureDto;
}

export class CallVolumeDto {
  @ApiProperty({ enum: ['today', 'week', 'month'], example: 'today' }) period!: string;
  @ApiProperty({ type: [String], example: ['09:00', '10:00', '11:00'] }) labels!: string[];
  @ApiProperty({
    type: [Number],
    example: [12, 18, 24],
    description: 'Calls per bucket (as todays_calls counts them)',
  })
  values!: number[];
  @ApiProperty({
    type: 'array',
    items: { type: 'number', nullable: true },
    example: [5.2, 4.8, null],
    description: 'Average minutes of the calls of each bucket that lasted; null for none',
  })
  avg_duration!: (number | null)[];
}

export class ChannelShareDto {
  @ApiProperty({ example: 'WhatsApp' }) name!: string;
  @ApiProperty({ enum: ['whatsapp', 'sms', 'telegram', 'email'], example: 'whatsapp' }) channel!: string;
  @ApiProperty({ example: 45, description: 'Messages, both directions' }) value!: number;
  @ApiProperty({ example: 45, description: 'Percent of all messages of the period' }) percent!: number;
  @ApiProperty({ example: '#25D366' }) color!: string;
}

export class AnalyticsOverviewDto {
  @ApiProperty({ enum: ['today', 'week', 'month', 'year'], example: 'month' }) period!: string;
  @ApiProperty({
    example: 1250,
    description:
      'Calls placed or received (agent legs of bridged calls and preview offers not yet dialed left out)',
  })
  total_calls!: number;
  @ApiProperty({ example: 3400 }) total_messages!: number;
  @ApiProperty({
    example: 450,
    description:
      "Appointments starting in the period's days (today's whole day included), cancelled ones left out (seed 003: totalAppointments)",
  })
  total_appointments!: number;
  @ApiProperty({ example: 1500 }) inbound_messages!: number;
  @ApiProperty({ example: 1900 }) outbound_messages!: number;
  @ApiProperty({
    type: Number,
    example: 150,
    nullable: true,
    description:
      "How long leads waited for an answer: from a lead's first unanswered inbound message to the next outbound one of its conversation (a person or the AI), once per answer however many messages it answers, averaged over the answers; null when none was",
  })
  average_response_seconds!: number | null;
  @ApiProperty({ type: String, example: '2.5 minutes', nullable: true }) average_response_time!:
    string | null;
  @ApiProperty({
    type: 'number',
    nullable: true,
    example: null,
    description:
      "Seed 003's customerSatisfaction. Always null: Reachline records no satisfaction rating (no survey, no " +
      'rating field on calls, conversations or appointments), and it does not invent one from other figures. ' +
      'The key is kept so that a seed 003 dashboard finds it and shows "not available".',
  })
  customer_satisfaction!: null;
}

export class LeadSummaryDto {
  @ApiProperty({ example: 1250, description: 'Live leads (not archived)' }) total_leads!: number;
  @ApiProperty({
    example: 340,
    description:
      'Status qualified or converted, or qualified by scoring (qualification_status qualified or meeting_requested), as campaign analytics counts them',
  })
  qualified_leads!: number;
  @ApiProperty({ example: 25 }) converted_leads!: number;
  @ApiProperty({ example: 0.02, description: 'converted / total' }) conversion_rate!: number;
  @ApiProperty({ example: 125000, description: 'The value of the converted leads' }) total_revenue!: number;
  @ApiProperty({ type: Number, example: 5000, nullable: true }) avg_deal_size!: number | null;
}

export class LeadTrendsDto {
  @ApiProperty({ example: 150, description: "Created since the start of the tenant's month" })
  leads_this_month!: number;
  @ApiProperty({
    type: Number,
    example: 0.12,
    nullable: true,
    description: 'Against last month; null when it had none',
  })
  leads_growth!: number | null;
  @ApiProperty({ example: 25000, description: "The value of this month's leads that converted" })
  revenue_this_month!: number;
  @ApiProperty({ type: Number, example: 0.08, nullable: true }) revenue_growth!: number | null;
}

export class LeadDashboardDto {
  @ApiProperty() summary!: LeadSummaryDto;
  @ApiProperty() trends!: LeadTrendsDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { website: 45, referral: 30, unknown: 25 },
    description: 'Percent of the live leads per source (none: unknown)',
  })
  source_breakdown!: Record<string, number>;
}

import { INTEGRATION_DATA_TYPES, INTEGRATION_STATUSES, INTEGRATION_TYPES } from '@app/db';
import { IntegrationView, SYNC_FREQUENCIES } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';

export class ConnectIntegrationDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { webhook_url: 'https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX' },
    description:
      '`webhook_url` (or `webhookUrl`): where events are POSTed, an https URL (a Slack incoming webhook, a ' +
      'Zapier catch hook); private, loopback and link-local addresses are refused unless the operator allows them ' +
      '(EGRESS_ALLOWED), plain http only to such an allowed host. `api_key` (or `apiKey`): Zapier only, optional, ' +
      'sent as `Authorization: Bearer`. Stored sealed, never shown again but masked. On a reconnect, a value sent ' +
      'back masked as GET shows it keeps the stored one, and leaving `credentials` out keeps them all (to change ' +
      'only `config`).',
  })
  @IsOptional()
  @IsObject()
  credentials?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { sync_frequency: 'real-time', data_types: ['leads', 'messages'], channel: '#sales' },
    description:
      `\`data_types\` (or \`dataTypes\`): what it is sent, of ${INTEGRATION_DATA_TYPES.join(', ')} (leads: a lead ` +
      'reached the qualification score; messages: a lead wrote in; imports: a lead import finished or failed); ' +
      `all when absent. \`sync_frequency\` (or \`syncFrequency\`): ${SYNC_FREQUENCIES.join(', ')} only (events are ` +
      'posted as they happen). `channel`: Slack only, a channel such as #sales (legacy webhooks honour it).',
  })
  @IsOptional()
  @IsObject()
  config?: Record<string, unknown>;
}

export class IntegrationDto {
  @ApiProperty({
    enum: INTEGRATION_TYPES,
    example: 'slack',
    description: 'The catalogue id: the `:id` of connect and disconnect',
  })
  id!: string;
  @ApiProperty({ example: 'Slack' }) name!: string;
  @ApiProperty({ enum: INTEGRATION_TYPES, example: 'slack' }) type!: string;
  @ApiProperty({ example: 'notifications' }) category!: string;
  @ApiProperty({ example: "Posts the team's events to a Slack channel through an incoming-webhook URL." })
  description!: string;
  @ApiProperty({
    enum: INTEGRATION_STATUSES,
    example: 'connected',
    description:
      'error: its last delivery failed for good (see last_error); the next one that succeeds clears it',
  })
  status!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { webhook_url: 'https://hooks.slack.com/********x9Qz' },
    description: 'Masked: never more than the last four characters; empty when not connected',
  })
  credentials!: Record<string, string>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { sync_frequency: 'real-time', data_types: ['leads', 'messages'], channel: '#sales' },
  })
  config!: Record<string, unknown>;
  @ApiProperty({
    type: String,
    example: '2026-11-22T06:00:00.000Z',
    nullable: true,
    description: 'Its last delivery taken',
  })
  last_sync!: string | null;
  @ApiProperty({
    type: String,
    example: null,
    nullable: true,
    description: 'Why its last delivery failed for good',
  })
  last_error!: string | null;
  @ApiProperty({ type: String, example: '2026-11-22T05:00:00.000Z', nullable: true }) connected_at!:
    string | null;

  static from({ entry, connection: c }: IntegrationView): IntegrationDto {
    const connected = c && c.status !== 'disconnected';
    return {
      id: entry.id,
      name: entry.name,
      type: entry.id,
      category: entry.category,
      description: entry.description,
      status: c?.status ?? 'disconnected',
      credentials: (connected && c.credentialsHint) || {},
      config: c ? { ...c.config, data_types: c.dataTypes } : { sync_frequency: 'real-time', data_types: [] },
      last_sync: c?.lastSync?.toISOString() ?? null,
      last_error: c?.lastError ?? null,
      connected_at: connected ? (c.connectedAt?.toISOString() ?? null) : null,
    };
  }
}

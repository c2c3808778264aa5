import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ErrorCode } from '@app/common';
import { CHANNELS } from '@app/db';
import type { Channel } from '@app/db';
import { ChannelConfigsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ChannelPipe } from './channel.pipe';
import { ChannelConfigDto, UpdateChannelConfigDto } from './dto/channel-config.dto';
import { UpdateWhatsAppConfigDto } from './dto/whatsapp-config.dto';

const CHANNEL_PARAM = { name: 'channel', enum: CHANNELS, example: 'sms' };

@ApiTags('config')
@Controller('config')
@Authenticated()
@Roles('admin')
export class ChannelsController {
  constructor(private readonly channels: ChannelConfigsService) {}

  @Get('channels/:channel')
  @ApiOperation({
    summary: "A channel's provider, masked credentials, settings and the webhook URLs to give the provider",
    description:
      'A channel nobody configured runs on the simulator. `status` (simulator, configured, connected) and `last_sync` say whether the provider has reached us since the config was saved.',
  })
  @ApiParam(CHANNEL_PARAM)
  @ApiEnvelope(ChannelConfigDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async get(@CurrentAuth() auth: AuthContext, @Param('channel', ChannelPipe) channel: Channel) {
    return ChannelConfigDto.from(await this.channels.view(auth, channel));
  }

  @Put('channels/:channel')
  @ApiOperation({
    summary: 'Set the provider of a channel and its credentials (stored encrypted, shown masked)',
  })
  @ApiParam(CHANNEL_PARAM)
  @ApiEnvelope(ChannelConfigDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND)
  async put(
    @CurrentAuth() auth: AuthContext,
    @Param('channel', ChannelPipe) channel: Channel,
    @Body() dto: UpdateChannelConfigDto,
  ) {
    return ChannelConfigDto.from(await this.channels.update(auth, channel, dto));
  }

  @Get('whatsapp')
  @ApiOperation({
    summary: 'The WhatsApp channel config (seed 003); the same as config/channels/whatsapp',
    description:
      "Seed 003's apiUrl, webhookUrl, status and lastSync are `api_url`, `webhook_url`, `status` (simulator, configured, connected: a lead's message has reached us since the config was saved) and `last_sync`.",
  })
  @ApiEnvelope(ChannelConfigDto)
  async getWhatsApp(@CurrentAuth() auth: AuthContext) {
    return ChannelConfigDto.from(await this.channels.view(auth, 'whatsapp'));
  }

  @Put('whatsapp')
  @ApiOperation({
    summary: 'Set the WhatsApp provider (seed 003); the same as PUT config/channels/whatsapp',
    description:
      "Takes our form (`provider`, `credentials`, `settings`) or seed 003's `{ apiToken, webhookUrl }`: the access token of the tenant's WhatsApp Cloud config, whose other credentials and settings stay. Without a WhatsApp Cloud config to complete, the rest goes in `credentials`, else 400 VALIDATION_ERROR names each credential missing (`credentials.phone_number_id`...). The webhook URL Meta calls is the platform's, answered in `webhooks`.",
  })
  @ApiBody({
    type: UpdateWhatsAppConfigDto,
    examples: {
      ours: {
        summary: 'Our form',
        value: {
          provider: 'whatsapp_cloud',
          credentials: {
            access_token: 'EAAGm0PX4ZCpsBA...',
            phone_number_id: '106540352242922',
            app_secret: 'your_app_secret',
            verify_token: 'your_verify_token',
          },
        },
      },
      seed003: {
        summary: "Seed 003's form: a new access token for the WhatsApp Cloud config",
        value: { apiToken: 'EAAGm0PX4ZCpsBA...', webhookUrl: 'https://clinic.example.com/webhook/whatsapp' },
      },
    },
  })
  @ApiEnvelope(ChannelConfigDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async putWhatsApp(@CurrentAuth() auth: AuthContext, @Body() dto: UpdateWhatsAppConfigDto) {
    return ChannelConfigDto.from(await this.channels.update(auth, 'whatsapp', dto.toInput()));
  }
}

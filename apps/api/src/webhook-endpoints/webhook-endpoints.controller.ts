import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, PageQueryDto, pageWindow, UuidPipe } from '@app/common';
import { WebhookEndpointsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { WebhookDeliveryDto } from './dto/webhook-delivery.dto';
import {
  CreatedWebhookEndpointDto,
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookEndpointDto,
} from './dto/webhook-endpoint.dto';

const DELIVERY_DOC =
  'Each event is POSTed as JSON `{ id, event, data, timestamp, sent_at, signature }` (`timestamp`: when the event ' +
  'happened; `sent_at`: this attempt) with headers `X-Reachline-Signature: sha256=<hex HMAC-SHA256 of the raw ' +
  "body>`, `X-Reachline-Event`, `X-Reachline-Event-Id` (the body's `id`, the same on every retry: dedupe on it), " +
  "`X-Reachline-Delivery` and `X-Reachline-Timestamp` (this attempt's time, Unix seconds, as signed in the body's " +
  "`sent_at`: check it against a replay window). The body's `signature` is the same HMAC over the body without " +
  'that field. A 2xx answer delivers it; anything else (a redirect too, or no answer in time) is retried with ' +
  'exponential backoff.';

@ApiTags('webhooks')
@Controller('webhooks')
@Authenticated()
@Roles('admin')
export class WebhookEndpointsController {
  constructor(private readonly webhooks: WebhookEndpointsService) {}

  @Get()
  @ApiOperation({ summary: "The tenant's outbound webhooks (secrets masked)" })
  @ApiPage(WebhookEndpointDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: PageQueryDto) {
    return (await this.webhooks.list(auth, pageWindow(query))).map(WebhookEndpointDto.from);
  }

  @Post()
  @ApiOperation({
    summary: 'Create an outbound webhook',
    description: `The answer holds the signing secret once; later it is shown masked. ${DELIVERY_DOC}`,
  })
  @ApiEnvelope(CreatedWebhookEndpointDto, { status: 201 })
  @ApiErrors(
    {
      code: ErrorCode.VALIDATION_ERROR,
      when: 'a bad URL (not http(s), or a private address), no or unknown events',
    },
    { code: ErrorCode.CONFLICT, when: 'the tenant has 20 webhooks already' },
  )
  async create(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: CreateWebhookEndpointDto,
  ): Promise<CreatedWebhookEndpointDto> {
    const created = await this.webhooks.create(auth, dto);
    return { ...WebhookEndpointDto.from(created.entity), secret: created.secret };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One outbound webhook (secret masked)' })
  @ApiEnvelope(WebhookEndpointDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async get(@CurrentAuth() auth: AuthContext, @Param('id', new UuidPipe('Webhook')) id: string) {
    return WebhookEndpointDto.from(await this.webhooks.get(auth, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the URL, events or description, or disable / enable again' })
  @ApiEnvelope(WebhookEndpointDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND)
  async update(
    @CurrentAuth() auth: AuthContext,
    @Param('id', new UuidPipe('Webhook')) id: string,
    @Body() dto: UpdateWebhookEndpointDto,
  ) {
    return WebhookEndpointDto.from(await this.webhooks.update(auth, id, dto));
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete an outbound webhook: nothing more is sent to it, its delivery log goes' })
  @ApiEnvelope(WebhookEndpointDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async remove(@CurrentAuth() auth: AuthContext, @Param('id', new UuidPipe('Webhook')) id: string) {
    return WebhookEndpointDto.from(await this.webhooks.remove(auth, id));
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: "A webhook's recent deliveries, newest first, with each attempt" })
  @ApiPage(WebhookDeliveryDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND)
  async deliveries(
    @CurrentAuth() auth: AuthContext,
    @Param('id', new UuidPipe('Webhook')) id: string,
    @Query() query: PageQueryDto,
  ) {
    return (await this.webhooks.listDeliveries(auth, id, pageWindow(query))).map(WebhookDeliveryDto.from);
  }
}

import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, PageQueryDto, pageWindow, UuidPipe } from '@app/common';
import { WebhookDeliveryLogService, WebhookEndpointsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { WebhookDeliveryDto, WebhookDeliveryQueryDto } from './dto/webhook-delivery.dto';
import {
  CreatedWebhookEndpointDto,
  CreateWebhookEndpointDto,
  DEFAULT_PREVIOUS_SECRET_SECONDS,
  RotateWebhookSecretDto,
  UpdateWebhookEndpointDto,
  WebhookEndpointDto,
} from './dto/webhook-endpoint.dto';

const DELIVERY_DOC =
  'Each event is POSTed as JSON `{ id, event, data, timestamp, sent_at, signature }` (`timestamp`: when the event ' +
  'happened; `sent_at`: this attempt) with headers `X-Reachline-Signature: sha256=<hex HMAC-SHA256 of the raw ' +
  "body>`, `X-Reachline-Event`, `X-Reachline-Event-Id` (the body's `id`, the same on every retry: dedupe on it), " +
  "`X-Reachline-Delivery` and `X-Reachline-Timestamp` (this attempt's time, Unix seconds, as signed in the body's " +
  "`sent_at`: check it against a replay window). The body's `signature` is the same HMAC over the body without " +
  'that field. For a while after a secret rotation (`POST /api/webhooks/:id/rotate-secret`), ' +
  '`X-Reachline-Signature-Previous: sha256=<hex>` carries the same HMAC with the secret replaced: accept either ' +
  'header with the secret you hold. A 2xx answer delivers it; anything else (a redirect too, or no answer in time) ' +
  'is retried with exponential backoff.';

@ApiTags('webhooks')
@Controller('webhooks')
@Authenticated()
@Roles('admin')
export class WebhookEndpointsController {
  constructor(
    private readonly webhooks: WebhookEndpointsService,
    private readonly log: WebhookDeliveryLogService,
  ) {}

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

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate the signing secret: the new one is answered once',
    description:
      "Deliveries are signed with the new secret at once (`X-Reachline-Signature` and the body's `signature`, so " +
      "seed 004's verifyWebhook checks them with it). For `expires_in` seconds (24 h by default) they also carry " +
      '`X-Reachline-Signature-Previous: sha256=<hex HMAC-SHA256 of the raw body with the secret replaced>`, so a ' +
      'receiver still holding that one keeps verifying until it switches. Rotating again during that time ends it: ' +
      `only the secret just replaced stays valid. ${DELIVERY_DOC}`,
  })
  @ApiEnvelope(CreatedWebhookEndpointDto)
  @ApiErrors(
    { code: ErrorCode.VALIDATION_ERROR, when: '`expires_in` not a whole number of seconds from 0 to 604800' },
    ErrorCode.NOT_FOUND,
  )
  async rotateSecret(
    @CurrentAuth() auth: AuthContext,
    @Param('id', new UuidPipe('Webhook')) id: string,
    @Body() dto: RotateWebhookSecretDto,
  ): Promise<CreatedWebhookEndpointDto> {
    const rotated = await this.webhooks.rotateSecret(
      auth,
      id,
      dto.expires_in ?? DEFAULT_PREVIOUS_SECRET_SECONDS,
    );
    return { ...WebhookEndpointDto.from(rotated.entity), secret: rotated.secret };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete an outbound webhook: nothing more is sent to it, its delivery log goes' })
  @ApiEnvelope(WebhookEndpointDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async remove(@CurrentAuth() auth: AuthContext, @Param('id', new UuidPipe('Webhook')) id: string) {
    return WebhookEndpointDto.from(await this.webhooks.remove(auth, id));
  }

  @Get(':id/deliveries')
  @ApiOperation({
    summary: "A webhook's deliveries, newest first, with each attempt",
    description:
      'Each delivery: its event, status (`pending`, `delivered`, `failed`), attempts made, the last answer code and ' +
      'error, and when it was made, delivered and last changed. Finished ones are kept ' +
      'WEBHOOK_DELIVERIES_RETENTION_DAYS (30 by default).',
  })
  @ApiPage(WebhookDeliveryDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND)
  async deliveries(
    @CurrentAuth() auth: AuthContext,
    @Param('id', new UuidPipe('Webhook')) id: string,
    @Query() query: WebhookDeliveryQueryDto,
  ) {
    return (await this.log.list(auth, id, pageWindow(query), query.status)).map(WebhookDeliveryDto.from);
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a failed delivery again',
    description:
      'The delivery goes back to `pending` and the worker POSTs it once more: the same event id and body, with this ' +
      "attempt's `sent_at` and signature (the current secret's). One attempt: failing again leaves it `failed`. " +
      'Asking again while it is pending sends nothing more and answers it as it is. A delivery about a lead since ' +
      'erased is not sent again: its body keeps only ids, the event as it happened is gone (409, ' +
      '`details.lead_erased`).',
  })
  @ApiEnvelope(WebhookDeliveryDto, { status: 202 })
  @ApiErrors(
    { code: ErrorCode.NOT_FOUND, when: 'no such webhook, or no such delivery of it' },
    {
      code: ErrorCode.CONFLICT,
      when: 'the delivery was delivered, the webhook is disabled, or the lead the delivery is about was erased',
    },
  )
  async retry(
    @CurrentAuth() auth: AuthContext,
    @Param('id', new UuidPipe('Webhook')) id: string,
    @Param('deliveryId', new UuidPipe('Delivery')) deliveryId: string,
  ) {
    return WebhookDeliveryDto.from(await this.log.retry(auth, id, deliveryId));
  }
}

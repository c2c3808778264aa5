import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, PageQueryDto, pageWindow, UuidPipe } from '@app/common';
import { IntegrationsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ConnectIntegrationDto, IntegrationDto } from './dto/integration.dto';
import { IntegrationDeliveryDto, IntegrationDeliveryQueryDto } from './dto/integration-delivery.dto';

const ID_PARAM = {
  name: 'id',
  enum: ['slack', 'zapier'],
  description: 'The catalogue id (as `GET integrations` lists it)',
};
const DELIVERY_DOC =
  'Events go from the worker, never from this request: each is POSTed within WEBHOOK_TIMEOUT_MS, retried with ' +
  'backoff up to WEBHOOK_ATTEMPTS; one that fails for good sets `status: error` with `last_error` and raises the ' +
  '`integration.error` outbound-webhook event; one that succeeds sets `last_sync`.';

@ApiTags('integrations')
@Controller('integrations')
@Authenticated()
export class IntegrationsController {
  constructor(private readonly integrations: IntegrationsService) {}

  @Get()
  @Roles('manager')
  @ApiOperation({
    summary: 'The integration catalogue with the tenant’s status of each (credentials masked)',
    description: 'Every entry is listed, `disconnected` when the tenant never connected it.',
  })
  @ApiPage(IntegrationDto, 'The catalogue')
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: PageQueryDto) {
    return (await this.integrations.list(auth, pageWindow(query))).map(IntegrationDto.from);
  }

  @Post(':id/connect')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Connect an integration, or connect it again with new credentials or config',
    description: `The credentials are checked for the integration and stored sealed; the answer shows them masked. ${DELIVERY_DOC}`,
  })
  @ApiParam(ID_PARAM)
  @ApiEnvelope(IntegrationDto)
  @ApiErrors(
    {
      code: ErrorCode.VALIDATION_ERROR,
      when: 'credentials or config missing, unknown or wrong for the integration (a URL not https, or a private address)',
    },
    { code: ErrorCode.NOT_FOUND, when: 'no such integration in the catalogue' },
  )
  async connect(
    @CurrentAuth() auth: AuthContext,
    @Param('id') id: string,
    @Body() dto: ConnectIntegrationDto,
  ) {
    return IntegrationDto.from(await this.integrations.connect(auth, id, dto.credentials, dto.config));
  }

  @Get(':id/deliveries')
  @Roles('manager')
  @ApiOperation({
    summary: "An integration's deliveries, newest first, with each attempt",
    description:
      'Each event posted to it: event, data type, status (`pending`, `delivered`, `failed`), attempts made, the last ' +
      "status code and error (ours: nothing of what was sent nor of the answer is kept), and when. The tenant's " +
      'own connection of that catalogue entry (none listed when never connected); finished ones are kept ' +
      'WEBHOOK_DELIVERIES_RETENTION_DAYS (30 by default).',
  })
  @ApiParam(ID_PARAM)
  @ApiPage(IntegrationDeliveryDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, {
    code: ErrorCode.NOT_FOUND,
    when: 'no such integration in the catalogue',
  })
  async deliveries(
    @CurrentAuth() auth: AuthContext,
    @Param('id') id: string,
    @Query() query: IntegrationDeliveryQueryDto,
  ) {
    return (await this.integrations.listDeliveries(auth, id, pageWindow(query), query.status)).map(
      IntegrationDeliveryDto.from,
    );
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({
    summary: 'Send a failed delivery again',
    description:
      'The delivery goes back to `pending` and the worker posts the event once more, its text built again from ' +
      'what it is about (the message, the notification), with the current credentials. One attempt: failing again ' +
      'leaves it `failed` (and the integration in `error`). Asking again while it is pending sends nothing more and ' +
      'answers it as it is. A delivery about a lead since erased is not sent again: nothing of them is left to ' +
      'send (409, `details.lead_erased`).',
  })
  @ApiParam(ID_PARAM)
  @ApiEnvelope(IntegrationDeliveryDto, { status: 202 })
  @ApiErrors(
    {
      code: ErrorCode.NOT_FOUND,
      when: 'no such integration in the catalogue, or no such delivery to the tenant’s connection of it',
    },
    {
      code: ErrorCode.CONFLICT,
      when:
        'the delivery was delivered, the integration is disconnected or no longer takes the delivery’s data type, ' +
        'or the lead the delivery is about was erased',
    },
  )
  async retry(
    @CurrentAuth() auth: AuthContext,
    @Param('id') id: string,
    @Param('deliveryId', new UuidPipe('Delivery')) deliveryId: string,
  ) {
    return IntegrationDeliveryDto.from(await this.integrations.retryDelivery(auth, id, deliveryId));
  }

  @Post(':id/disconnect')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Disconnect an integration: its credentials are deleted and nothing more is sent to it',
    description: 'Disconnecting one not connected answers it as it is.',
  })
  @ApiParam(ID_PARAM)
  @ApiEnvelope(IntegrationDto)
  @ApiErrors({ code: ErrorCode.NOT_FOUND, when: 'no such integration in the catalogue' })
  async disconnect(@CurrentAuth() auth: AuthContext, @Param('id') id: string) {
    return IntegrationDto.from(await this.integrations.disconnect(auth, id));
  }
}

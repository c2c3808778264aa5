import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ErrorCode, UuidPipe } from '@app/common';
import { PreviewCallsService } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PreviewDecisionDto } from './dto/preview-decision.dto';

const callId = new UuidPipe('Call');

const OFFERED =
  "Preview dialing: the dialer offers an available agent one lead at a time over socket.io (`preview:call`, with the call id, the lead's name, phone and notes). Only that agent (or a manager) decides, within the campaign's `preview_timeout_seconds` (default 30): an offer left undecided expires (`preview:expired`), the lead goes back to the pool unattempted and the agent is put on break. Pausing, cancelling or completing the campaign withdraws its undecided offers at the dialer's next tick (`preview:withdrawn`): the lead goes back unattempted and the agent is available again. 409 when the lead was already dialed or skipped, its offer expired, or the campaign stopped running.";

@ApiTags('calls')
@Controller('calls')
@Authenticated()
export class PreviewCallsController {
  constructor(private readonly previews: PreviewCallsService) {}

  @Post(':id/dial')
  @HttpCode(200)
  @Roles('agent')
  @ApiOperation({
    summary: 'Dial a previewed lead',
    description: `${OFFERED} The call is placed with the agent already theirs: answered, the lead is bridged to them. The contact policy is asked again as the agent dials: a lead who opted out or went on the do-not-contact list since the offer, or whose calling hours closed, is 422 \`POLICY_VIOLATION\` naming the rule, and the offer is withdrawn as a skip withdraws it (the agent is available again). 429 when the account's calls per second leave no slot within a second.`,
  })
  @ApiEnvelope(PreviewDecisionDto)
  @ApiErrors(
    ErrorCode.NOT_FOUND,
    ErrorCode.AUTHORIZATION_FAILED,
    ErrorCode.CONFLICT,
    ErrorCode.POLICY_VIOLATION,
    ErrorCode.RATE_LIMIT_EXCEEDED,
  )
  dial(@CurrentAuth() auth: AuthContext, @Param('id', callId) id: string): Promise<PreviewDecisionDto> {
    return this.previews.dial(auth, id);
  }

  @Post(':id/skip')
  @HttpCode(200)
  @Roles('agent')
  @ApiOperation({
    summary: 'Skip a previewed lead',
    description: `${OFFERED} The lead goes back to the pool (offered again in 2 minutes at the earliest, its attempt not counted) and the agent is available again.`,
  })
  @ApiEnvelope(PreviewDecisionDto)
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.AUTHORIZATION_FAILED, ErrorCode.CONFLICT)
  skip(@CurrentAuth() auth: AuthContext, @Param('id', callId) id: string): Promise<PreviewDecisionDto> {
    return this.previews.skip(auth, id);
  }
}

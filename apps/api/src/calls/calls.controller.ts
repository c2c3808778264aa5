import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, AppError, ErrorCode, pageWindow, UuidPipe } from '@app/common';
import { CallRecordingsService, CallsService } from '@app/domain';
import { parseRange } from '@app/providers';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Get, Headers, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CreateCallDto, UpdateCallDto } from './dto/call-input.dto';
import { CallStatsQueryDto, CallQueryDto } from './dto/call-query.dto';
import { CallDto, CallSummaryDto, DispositionCountDto } from './dto/call.dto';

const callId = new UuidPipe('Call');

const AUDIO = {
  'audio/mpeg': { schema: { type: 'string', format: 'binary' } },
  'audio/wav': { schema: { type: 'string', format: 'binary' } },
};

const SCOPE =
  "A lead's calls only (dialed, broadcast, inbound, logged), never an agent's leg. An agent-role caller sees the calls of its own agent profile; managers and admins see all.";
const NO_OFFERS =
  ' A preview offer its agent has not dialed yet is no call: left out until dialed (GET calls/:id reads it).';

@ApiTags('calls')
@Controller('calls')
@Authenticated()
export class CallsController {
  constructor(
    private readonly calls: CallsService,
    private readonly recordings: CallRecordingsService,
  ) {}

  @Get()
  @Roles('agent')
  @ApiOperation({
    summary: "Call records, newest first: seed 001's filters and seed 003's date and status",
    description: `${SCOPE}${NO_OFFERS} A bare date (date, date_from, date_to) is a day of the tenant's time zone. Paging by limit and offset, or page.`,
  })
  @ApiPage(CallDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: CallQueryDto) {
    return (await this.calls.list(auth, pageWindow(query), query)).map(CallDto.from);
  }

  @Get('stats/summary')
  @Roles('agent')
  @ApiOperation({
    summary: "Seed 001's call statistics, for a campaign, an agent and a time range",
    description: `${SCOPE}${NO_OFFERS}`,
  })
  @ApiEnvelope(CallSummaryDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async summary(
    @CurrentAuth() auth: AuthContext,
    @Query() query: CallStatsQueryDto,
  ): Promise<CallSummaryDto> {
    return this.calls.summary(auth, query);
  }

  @Get('stats/by-disposition')
  @Roles('agent')
  @ApiOperation({
    summary: 'How many calls ended with each disposition, most first',
    description: `${SCOPE}${NO_OFFERS}`,
  })
  @ApiEnvelope(DispositionCountDto, { isArray: true })
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async byDisposition(
    @CurrentAuth() auth: AuthContext,
    @Query() query: CallStatsQueryDto,
  ): Promise<DispositionCountDto[]> {
    return this.calls.byDisposition(auth, query);
  }

  @Get(':id')
  @Roles('agent')
  @ApiOperation({ summary: 'One call', description: SCOPE })
  @ApiEnvelope(CallDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async get(@CurrentAuth() auth: AuthContext, @Param('id', callId) id: string) {
    return CallDto.from(await this.calls.get(auth, id));
  }

  @Get(':id/recording')
  @Roles('agent')
  @ApiOperation({
    summary: "A call's recording, streamed from the telephony provider",
    description: `${SCOPE} The audio is fetched with the tenant's voice credentials (Twilio's recording media URL as MP3; the simulator serves a silent WAV of the recording's length), so a dashboard can play it without the provider's credentials: the call's recording_path points here. A single byte range (\`Range: bytes=first-last\`, \`bytes=first-\`, \`bytes=-suffix\`; RFC 9110) answers 206 with Content-Range, so an audio player can seek; several ranges, or a malformed one, answer the whole file (200, Accept-Ranges: bytes). A range that starts past the end is 416 RANGE_NOT_SATISFIABLE with Content-Range: bytes */<length>. 404 for an unknown call, another tenant's, a call without a recording (never recorded, or erased) and a recording the provider no longer has; 503 SERVICE_UNAVAILABLE with details { provider, kind, provider_status, retryable } when the provider fails.`,
  })
  @ApiHeader({ name: 'Range', required: false, description: 'One byte range, e.g. bytes=0-1023' })
  @ApiOkResponse({
    description: 'The audio: audio/mpeg from Twilio, audio/wav from the simulator',
    headers: { 'Accept-Ranges': { schema: { type: 'string', example: 'bytes' } } },
    content: AUDIO,
  })
  @ApiResponse({
    status: 206,
    description: 'The byte range asked for',
    headers: {
      'Content-Range': { schema: { type: 'string', example: 'bytes 0-1023/48044' } },
      'Accept-Ranges': { schema: { type: 'string', example: 'bytes' } },
    },
    content: AUDIO,
  })
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.RANGE_NOT_SATISFIABLE, ErrorCode.SERVICE_UNAVAILABLE)
  async recording(
    @CurrentAuth() auth: AuthContext,
    @Param('id', callId) id: string,
    @Headers('range') range: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    const media = await this.recordings.open(auth, id, parseRange(range)).catch((err: unknown) => {
      if (err instanceof AppError && err.code === ErrorCode.RANGE_NOT_SATISFIABLE) {
        const { length } = err.details as { length: number | null };
        if (length !== null) void reply.header('Content-Range', `bytes */${length}`);
      }
      throw err;
    });
    const extension = media.content_type === 'audio/wav' ? 'wav' : 'mp3';
    void reply.header('Accept-Ranges', 'bytes');
    if (media.range) {
      const { start, end, total } = media.range;
      void reply.status(206).header('Content-Range', `bytes ${start}-${end}/${total}`);
    }
    return new StreamableFile(media.body, {
      type: media.content_type,
      disposition: `inline; filename="call-${id}.${extension}"`,
      ...(media.content_length !== null ? { length: media.content_length } : {}),
    });
  }

  @Post()
  @Roles('agent')
  @ApiOperation({
    summary: 'Log a call made or taken outside the dialer (seed 003)',
    description:
      "Stored as a manual call. The number (phone or phoneNumber) is read in the tenant's default country; without one, the lead's. A known number links its lead. An agent-role caller logs as its own agent profile (403 without one).",
  })
  @ApiBody({
    type: CreateCallDto,
    examples: {
      seed003: {
        value: {
          phoneNumber: '+1234567890',
          contactName: 'John Doe',
          direction: 'outbound',
          status: 'ongoing',
        },
      },
      completed: {
        value: {
          phone: '+14155552671',
          status: 'completed',
          duration: '00:05:23',
          notes: 'Asked about prices',
        },
      },
    },
  })
  @ApiEnvelope(CallDto, { status: 201 })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.AUTHORIZATION_FAILED)
  async create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateCallDto) {
    return CallDto.from(await this.calls.create(auth, dto));
  }

  @Put(':id')
  @Roles('agent')
  @ApiOperation({
    summary:
      "Update a call (seed 003): its notes and outcome; a logged call's status, duration and disposition",
    description:
      "Completing an ongoing log without a duration ends it now. A dialed, broadcast or inbound call's status, duration and disposition come from the provider: 409. The `outcome` is the agent's wrap-up on any call (an agent sets it on their own calls): a change writes a `call.outcome` activity entry on the lead, and `do_not_call` lists the call's number on do-not-contact for voice (400 for a call with no number). A rejected request changes nothing.",
  })
  @ApiBody({
    type: UpdateCallDto,
    examples: {
      seed003: {
        value: { status: 'completed', duration: '00:05:23', notes: 'Customer inquiry about services' },
      },
      wrapUp: { value: { outcome: 'callback', notes: 'Call back after the board meeting on Friday' } },
    },
  })
  @ApiEnvelope(CallDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  async update(
    @CurrentAuth() auth: AuthContext,
    @Param('id', callId) id: string,
    @Body() dto: UpdateCallDto,
  ) {
    return CallDto.from(await this.calls.update(auth, id, dto));
  }
}

import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, AppError, ErrorCode, pageWindow, UuidPipe } from '@app/common';
import { DncImportDefaults, DncImportResult, DncImportService, DncService } from '@app/domain';
import { DNC_CHANNELS, DNC_REASONS, DncChannel, DncReason } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { checkCsv, multipartError, requireMultipart, snake } from '../uploads/csv-upload';
import {
  AddedDncEntryDto,
  CreateDncDto,
  DncEntryDto,
  DncImportFormDto,
  DncImportResultDto,
  DncQueryDto,
} from './dto/dnc.dto';

@ApiTags('dnc')
@Controller('dnc')
@Authenticated()
export class DncController {
  constructor(
    private readonly dnc: DncService,
    private readonly importer: DncImportService,
  ) {}

  @Get()
  @Roles('agent')
  @ApiOperation({ summary: "The tenant's do-not-contact list" })
  @ApiPage(DncEntryDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: DncQueryDto) {
    return (await this.dnc.list(auth, pageWindow(query), query)).map(DncEntryDto.from);
  }

  @Post()
  @Roles('agent')
  @ApiOperation({
    summary: 'Put a phone or email on the do-not-contact list, for one channel or all',
    description:
      'Any role may add (an agent on a call hears "do not call me again"). Matching leads are flagged at once: do_not_call for all channels, opted_out_channels for one. Adding what is already there answers 200 with created false.',
  })
  @ApiEnvelope(AddedDncEntryDto, { status: 201 })
  @ApiEnvelope(AddedDncEntryDto, { status: 200, description: 'Already on the list' })
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async add(
    @CurrentAuth() auth: AuthContext,
    @Body() dto: CreateDncDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AddedDncEntryDto> {
    const added = await this.dnc.add(auth, dto);
    void reply.status(added.created ? 201 : 200);
    return { ...DncEntryDto.from(added.entry), created: added.created, leads_flagged: added.leads_flagged };
  }

  @Post('import')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({
    summary: 'Bulk add from a CSV: a phone and/or email column, optional channel and reason columns',
    description:
      'multipart/form-data: the CSV in `file`; `channel` (default all) and `reason` (default import) apply to rows without their own and must come before the file. Entries already listed are counted as existing; bad rows are reported with their 1-based data row; matching leads are flagged.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: DncImportFormDto })
  @ApiEnvelope(DncImportResultDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA_TYPE)
  async import(@CurrentAuth() auth: AuthContext, @Req() req: FastifyRequest): Promise<DncImportResult> {
    requireMultipart(req);
    const defaults: DncImportDefaults = {};
    let result: DncImportResult | undefined;
    try {
      for await (const part of req.parts()) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || result) {
            throw AppError.field(part.fieldname, 'is not read: send one file, in the part named "file"');
          }
          checkCsv(part);
          result = await this.importer.import(auth, part.file, defaults);
        } else {
          const name = snake(part.fieldname);
          const value = String(part.value).trim().toLowerCase();
          if (result) throw AppError.field(name, 'must come before the file');
          if (name === 'channel' && DNC_CHANNELS.includes(value as DncChannel))
            defaults.channel = value as DncChannel;
          else if (name === 'reason' && DNC_REASONS.includes(value as DncReason) && value !== 'erasure')
            defaults.reason = value as DncReason;
          else
            throw AppError.field(
              name,
              name === 'channel' || name === 'reason'
                ? 'is not one of the allowed values'
                : 'is not a field of a do-not-contact import',
            );
        }
      }
    } catch (err) {
      throw multipartError(err);
    }
    if (!result) throw AppError.field('file', 'is required (a multipart part named "file")');
    return result;
  }

  @Delete(':id')
  @Roles('manager')
  @ApiOperation({ summary: 'Take an entry off the list; matching leads lose the flag it set' })
  @ApiEnvelope(DncEntryDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async remove(
    @CurrentAuth() auth: AuthContext,
    @Param('id', new UuidPipe('Do-not-contact entry')) id: string,
  ) {
    return DncEntryDto.from(await this.dnc.remove(auth, id));
  }
}

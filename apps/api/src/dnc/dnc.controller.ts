import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import {
  ApiEnvelope,
  ApiErrors,
  ApiPage,
  ErrorCode,
  PageQueryDto,
  pageWindow,
  RawResponse,
  UuidPipe,
} from '@app/common';
import type { DncImportResults } from '@app/db';
import { DncExportService, DncService, ImportsService, ImportView } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Body, Controller, Delete, Get, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ImportQueryDto, ImportRowErrorDto } from '../leads/imports/dto/import.dto';
import { ImportReceiver } from '../uploads/import-receiver';
import {
  AddedDncEntryDto,
  CreateDncDto,
  DncEntryDto,
  DncImportDto,
  DncImportFormDto,
  DncImportSummaryDto,
  DncFilterQueryDto,
  DncQueryDto,
} from './dto/dnc.dto';

const importId = new UuidPipe('Import');

@ApiTags('dnc')
@Controller('dnc')
@Authenticated()
export class DncController {
  constructor(
    private readonly dnc: DncService,
    private readonly receiver: ImportReceiver,
    private readonly files: ImportsService,
    private readonly exporter: DncExportService,
  ) {}

  @Get()
  @Roles('agent')
  @ApiOperation({ summary: "The tenant's do-not-contact list" })
  @ApiPage(DncEntryDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: DncQueryDto) {
    return (await this.dnc.list(auth, pageWindow(query), query)).map(DncEntryDto.from);
  }

  @Get('export')
  @Roles('manager')
  @RawResponse()
  @ApiOperation({
    summary:
      'Stream the do-not-contact list as CSV (same filters as GET /api/dnc; oldest first; no pagination)',
    description:
      'Columns phone, email, channel, reason, created_at: the file POST /api/dnc/import reads back. Streamed from a database cursor, so any number of entries is fine.',
  })
  @ApiOkResponse({
    description: 'CSV',
    content: {
      'text/csv': {
        schema: {
          type: 'string',
          example:
            'phone,email,channel,reason,created_at\n+14155552671,,all,manual,2026-11-30T10:00:00.000Z\n',
        },
      },
    },
  })
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async export(@CurrentAuth() auth: AuthContext, @Query() query: DncFilterQueryDto): Promise<StreamableFile> {
    const stream = await this.exporter.exportCsv(auth, { channel: query.channel, search: query.search });
    return new StreamableFile(stream, {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="do-not-contact.csv"',
    });
  }

  @Post()
  @Roles('agent')
  @ApiOperation({
    summary: 'Put a phone or email on the do-not-contact list, for one channel or all',
    description:
      'Any role may add (an agent on a call hears "do not call me again"). Matching leads are flagged at once: do_not_call for all channels, opted_out_channels for one. Adding what is already there answers 200 with created false; where only the person\'s own STOP had listed it (reason stop_keyword), that entry takes this request\'s reason and creator (taken_over true), so their START or UNSTOP no longer lifts it: only DELETE /api/dnc/{id} does, by an admin (the person made it).',
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
    return {
      ...DncEntryDto.from(added.entry),
      created: added.created,
      taken_over: added.taken_over,
      leads_flagged: added.leads_flagged,
    };
  }

  @Post('import')
  @Roles('manager')
  @ApiOperation({
    summary: 'Bulk add from a CSV: a phone and/or email column, optional channel and reason columns',
    description:
      "multipart/form-data: the CSV in `file` (streamed into the database, never held in memory); `channel` (default all) and `reason` (default import) apply to rows without their own; `default_country` (ISO 3166-1 alpha-2, else the tenant default) is the country of national phone numbers. A row's own reason may be erasure only when an admin imports the file (a list exported and read back keeps its erased people's entries; from a manager such a row is a row error on reason). Entries already listed are counted as existing (taken_over of them had been listed only by the person's own STOP, reason stop_keyword, and now carry the row's reason, so the person's START no longer lifts them; an erasure row takes over nothing); bad rows are reported with their 1-based data row and the good rows land; matching leads are flagged. A small file answers 200 with the results; a large one answers 202 and reports through GET /api/dnc/imports/{id} and `import:progress` socket events (`kind` dnc).",
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: DncImportFormDto })
  @ApiEnvelope(DncImportDto, { status: 200, description: 'A small file, imported' })
  @ApiEnvelope(DncImportDto, {
    status: 202,
    description: 'A large file, queued: follow GET /api/dnc/imports/{id}',
  })
  @ApiErrors(
    ErrorCode.VALIDATION_ERROR,
    ErrorCode.PAYLOAD_TOO_LARGE,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    ErrorCode.SERVICE_UNAVAILABLE,
  )
  async import(
    @CurrentAuth() auth: AuthContext,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportView<DncImportResults>> {
    const view = await this.receiver.dnc(auth, req);
    void reply.status(view.status === 'completed' ? 200 : 202);
    return view;
  }

  @Get('imports')
  @Roles('agent')
  @ApiOperation({
    summary: "The tenant's do-not-contact imports, newest first (row errors: GET /api/dnc/imports/{id})",
  })
  @ApiPage(DncImportSummaryDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  imports(@CurrentAuth() auth: AuthContext, @Query() query: ImportQueryDto) {
    return this.files.list(auth, pageWindow(query), query.status, 'dnc');
  }

  @Get('imports/:id')
  @Roles('agent')
  @ApiOperation({ summary: 'A do-not-contact import: status, progress, results and row errors' })
  @ApiEnvelope(DncImportDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  importOf(
    @CurrentAuth() auth: AuthContext,
    @Param('id', importId) id: string,
  ): Promise<ImportView<DncImportResults>> {
    return this.files.get(auth, id, 'dnc');
  }

  @Get('imports/:id/errors')
  @Roles('agent')
  @ApiOperation({ summary: "All of a do-not-contact import's row errors, by row, a page at a time" })
  @ApiPage(ImportRowErrorDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND)
  importErrors(
    @CurrentAuth() auth: AuthContext,
    @Param('id', importId) id: string,
    @Query() query: PageQueryDto,
  ) {
    return this.files.errors(auth, id, pageWindow(query), 'dnc');
  }

  @Delete(':id')
  @Roles('manager')
  @ApiOperation({
    summary: 'Take an entry off the list; matching leads lose the flag it set',
    description:
      "Only an admin removes an erasure's entry (reason `erasure`: it keeps an erased person from coming back) or one the person made (reason `stop_keyword`: their own STOP, or an unsubscribe the classifier read; their START or UNSTOP lifts it), still the admin's after a listing took it over (taken_over); a manager gets 403 AUTHORIZATION_FAILED saying so.",
  })
  @ApiEnvelope(DncEntryDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async remove(
    @CurrentAuth() auth: AuthContext,
    @Param('id', new UuidPipe('Do-not-contact entry')) id: string,
  ) {
    return DncEntryDto.from(await this.dnc.remove(auth, id));
  }
}

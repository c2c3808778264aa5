import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ApiPage, ErrorCode, PageQueryDto, pageWindow, UuidPipe } from '@app/common';
import { ImportErrorsExportService, ImportsService, ImportView } from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Controller, Get, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ImportDto,
  ImportFormDto,
  ImportQueryDto,
  ImportRowErrorDto,
  ImportSummaryDto,
} from './dto/import.dto';
import { ImportReceiver } from '../../uploads/import-receiver';

const id = new UuidPipe('Import');

export const IMPORT_DESCRIPTION =
  "multipart/form-data: the CSV in `file` (streamed into the database, never held in memory), plus `default_country`, `field_mapping` (JSON), `on_duplicate` (skip | update: the file's non-empty cells win and a missing phone or email is filled in, but a phone or email the lead has is kept), `tags`, `campaign_id` (every lead the rows stand for joins that campaign: inserted, updated, or an existing lead matched as a duplicate). Every data row lands in exactly one of inserted, updated, invalid, duplicates or dnc; row errors carry the 1-based data row, field, value and reason, and the good rows land. A small file answers 200 with the results; a large one answers 202 and reports through GET /api/leads/imports/{id} and `import:progress` socket events.";

/** The error file's example: its header and one row. */
const ERRORS_CSV = 'row,field,value,reason\n3,phone,555-01,is not a valid phone number\n';

@ApiTags('leads')
@Controller('leads')
@Authenticated()
export class LeadImportsController {
  constructor(
    private readonly receiver: ImportReceiver,
    private readonly imports: ImportsService,
    private readonly errorFiles: ImportErrorsExportService,
  ) {}

  @Post('import')
  @Roles('manager')
  @ApiOperation({ summary: 'Import leads from a CSV', description: IMPORT_DESCRIPTION })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportFormDto })
  @ApiEnvelope(ImportDto, { status: 200, description: 'A small file, imported' })
  @ApiEnvelope(ImportDto, {
    status: 202,
    description: 'A large file, queued: follow GET /api/leads/imports/{id}',
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
  ): Promise<ImportView> {
    const view = await this.receiver.leads(auth, req);
    void reply.status(view.status === 'completed' ? 200 : 202);
    return view;
  }

  @Post('upload')
  @Roles('manager')
  @ApiOperation({
    summary: 'Import leads from a CSV (alias of POST /api/leads/import)',
    description: IMPORT_DESCRIPTION,
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportFormDto })
  @ApiEnvelope(ImportDto, { status: 200, description: 'A small file, imported' })
  @ApiEnvelope(ImportDto, { status: 202, description: 'A large file, queued' })
  @ApiErrors(
    ErrorCode.VALIDATION_ERROR,
    ErrorCode.PAYLOAD_TOO_LARGE,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    ErrorCode.SERVICE_UNAVAILABLE,
  )
  upload(
    @CurrentAuth() auth: AuthContext,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportView> {
    return this.import(auth, req, reply);
  }

  @Get('imports')
  @Roles('agent')
  @ApiOperation({ summary: "The tenant's imports, newest first (row errors: GET /api/leads/imports/{id})" })
  @ApiPage(ImportSummaryDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  list(@CurrentAuth() auth: AuthContext, @Query() query: ImportQueryDto) {
    return this.imports.list(auth, pageWindow(query), query.status, 'leads');
  }

  @Get('imports/:id')
  @Roles('agent')
  @ApiOperation({ summary: 'An import: status, progress, results and row errors' })
  @ApiEnvelope(ImportDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  get(@CurrentAuth() auth: AuthContext, @Param('id', id) importId: string): Promise<ImportView> {
    return this.imports.get(auth, importId, 'leads');
  }

  @Get('imports/:id/errors/export')
  @Roles('agent')
  @ApiOperation({
    summary: "An import's row errors as one CSV file (row, field, value, reason), by row",
    description:
      'The whole error file, streamed however many errors there are (the JSON route reads them a page at a time); fixed in a spreadsheet, its rows can be imported again. Cells that a spreadsheet would run as a formula start with an apostrophe.',
  })
  @ApiOkResponse({
    description: 'CSV',
    content: { 'text/csv': { schema: { type: 'string', example: ERRORS_CSV } } },
  })
  @ApiErrors(ErrorCode.NOT_FOUND)
  async errorFile(
    @CurrentAuth() auth: AuthContext,
    @Param('id', id) importId: string,
  ): Promise<StreamableFile> {
    const stream = await this.errorFiles.exportCsv(auth, importId, 'leads');
    return new StreamableFile(stream, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="import-${importId}-errors.csv"`,
    });
  }

  @Get('imports/:id/errors')
  @Roles('agent')
  @ApiOperation({ summary: "All of an import's row errors, by row, a page at a time" })
  @ApiPage(ImportRowErrorDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND)
  errors(@CurrentAuth() auth: AuthContext, @Param('id', id) importId: string, @Query() query: PageQueryDto) {
    return this.imports.errors(auth, importId, pageWindow(query), 'leads');
  }
}

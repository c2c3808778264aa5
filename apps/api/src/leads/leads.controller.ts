import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import {
  ApiEnvelope,
  ApiErrors,
  ApiPage,
  AppError,
  createValidationPipe,
  ErrorCode,
  pageWindow,
  RawResponse,
  UuidPipe,
} from '@app/common';
import {
  LEAD_CSV_COLUMNS,
  LEAD_TEMPLATE_EXAMPLE,
  LeadExportService,
  LeadErasureService,
  LeadsService,
  ReclassifyService,
} from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ImportDto, ImportFormDto } from './imports/dto/import.dto';
import { ImportReceiver } from '../uploads/import-receiver';
import { LeadInputDto } from './dto/lead-input.dto';
import { DeleteLeadQueryDto, LeadExportQueryDto, LeadQueryDto, leadFilter } from './dto/lead-query.dto';
import { BulkLeadResultDto, ErasedLeadDto, LeadDto, ListedLeadDto, ReclassifyDto } from './dto/lead.dto';

const id = new UuidPipe('Lead');
const validate = createValidationPipe();
const MAX_BATCH = 1000;
const TEMPLATE_CSV = `${LEAD_CSV_COLUMNS.join(',')}\n${LEAD_CSV_COLUMNS.map((c) => {
  const cell = LEAD_TEMPLATE_EXAMPLE[c];
  return /[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}).join(',')}\n`;

@ApiTags('leads')
@Controller('leads')
@Authenticated()
export class LeadsController {
  constructor(
    private readonly leads: LeadsService,
    private readonly erasure: LeadErasureService,
    private readonly exporter: LeadExportService,
    private readonly receiver: ImportReceiver,
    private readonly reclassifier: ReclassifyService,
  ) {}

  @Get()
  @Roles('agent')
  @ApiOperation({
    summary: 'List leads: filters, full-text search over name, email, company and phone, sort, pagination',
  })
  @ApiPage(ListedLeadDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async list(@CurrentAuth() auth: AuthContext, @Query() query: LeadQueryDto) {
    return (await this.leads.list(auth, pageWindow(query), leadFilter(query))).map(ListedLeadDto.fromListed);
  }

  @Post()
  @Roles('manager')
  @ApiExtraModels(LeadInputDto, BulkLeadResultDto, ImportFormDto)
  @ApiOperation({
    summary: 'Create a lead, an array of up to 1,000 leads, or import a CSV (multipart)',
    description:
      'One lead answers 201 with the lead. An array answers 200 with each item created or reported (its index, code and reason); one bad item never stops the others. A phone or an email is required; a person on the all-channel do-not-contact list is refused (422). A multipart/form-data body is a CSV import, exactly as POST /api/leads/import (seed 002): 200 with the import for a small file, 202 for a large one.',
    // Not @ApiBody: it gives every content type one schema, and the JSON body and the multipart form differ.
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            oneOf: [
              { $ref: getSchemaPath(LeadInputDto) },
              { type: 'array', maxItems: MAX_BATCH, items: { $ref: getSchemaPath(LeadInputDto) } },
            ],
          },
          examples: {
            one: {
              value: {
                name: 'Jane Doe',
                email: 'jane@example.com',
                phone: '+1 415 555 2671',
                source: 'referral',
              },
            },
            many: {
              value: [
                { name: 'Jane Doe', phone: '+14155552671' },
                { name: 'Bob Lee', email: 'bob@example.com' },
              ],
            },
          },
        },
        'multipart/form-data': { schema: { $ref: getSchemaPath(ImportFormDto) } },
      },
    },
  })
  @ApiEnvelope(LeadDto, { status: 201, description: 'One lead created' })
  @ApiResponse({
    status: 200,
    description: 'An array: each item created or reported; a small multipart CSV: imported',
    schema: {
      type: 'object',
      required: ['success', 'data'],
      properties: {
        success: { type: 'boolean', example: true },
        data: { oneOf: [{ $ref: getSchemaPath(BulkLeadResultDto) }, { $ref: getSchemaPath(ImportDto) }] },
      },
    },
  })
  @ApiEnvelope(ImportDto, { status: 202, description: 'A multipart CSV too large to import at once: queued' })
  @ApiErrors(
    ErrorCode.VALIDATION_ERROR,
    ErrorCode.CONFLICT,
    ErrorCode.PAYLOAD_TOO_LARGE,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    ErrorCode.POLICY_VIOLATION,
    ErrorCode.SERVICE_UNAVAILABLE,
  )
  async create(
    @CurrentAuth() auth: AuthContext,
    @Body() body: unknown,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LeadDto | BulkLeadResultDto | ImportDto> {
    if (req.isMultipart()) {
      const view = await this.receiver.leads(auth, req);
      void reply.status(view.status === 'completed' ? 200 : 202);
      return view;
    }
    if (!Array.isArray(body)) {
      const dto = (await validate.transform(body, { type: 'body', metatype: LeadInputDto })) as LeadInputDto;
      void reply.status(201);
      return LeadDto.from(await this.leads.create(auth, dto));
    }
    if (body.length === 0 || body.length > MAX_BATCH) {
      throw AppError.field('body', `must hold 1 to ${MAX_BATCH} leads`);
    }
    const valid: { index: number; dto: LeadInputDto }[] = [];
    const errors: BulkLeadResultDto['errors'] = [];
    for (const [index, item] of body.entries()) {
      try {
        valid.push({
          index,
          dto: (await validate.transform(item, { type: 'body', metatype: LeadInputDto })) as LeadInputDto,
        });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        errors.push({ index, code: err.code, message: err.message, details: err.details });
      }
    }
    const results = await this.leads.createMany(
      auth,
      valid.map((v) => v.dto),
    );
    const leads: LeadDto[] = [];
    for (const result of results) {
      const index = valid[result.index].index;
      if (result.lead) leads.push(LeadDto.from(result.lead));
      else if (result.error) errors.push({ index, ...result.error });
    }
    errors.sort((a, b) => a.index - b.index);
    void reply.status(200);
    return { total: body.length, created: leads.length, failed: errors.length, leads, errors };
  }

  @Get('template/csv')
  @Roles('agent')
  @RawResponse()
  @ApiOperation({ summary: 'A CSV template for imports: the recognised columns and one example row' })
  @ApiOkResponse({
    description: 'CSV',
    content: { 'text/csv': { schema: { type: 'string', example: TEMPLATE_CSV } } },
  })
  template(@Res({ passthrough: true }) reply: FastifyReply): string {
    void reply.header('content-type', 'text/csv; charset=utf-8');
    void reply.header('content-disposition', 'attachment; filename="leads-template.csv"');
    return TEMPLATE_CSV;
  }

  @Get('export')
  @Roles('manager')
  @RawResponse()
  @ApiOperation({
    summary:
      'Stream the filtered leads as CSV (same filters and sort as GET /api/leads; no paging: limit, offset and page are refused)',
    description:
      'Streamed from a database cursor, so any number of rows is fine. Text cells that a spreadsheet would run as a formula are prefixed with an apostrophe.',
  })
  @ApiOkResponse({
    description: 'CSV',
    content: { 'text/csv': { schema: { type: 'string', example: 'id,first_name,...' } } },
  })
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async export(
    @CurrentAuth() auth: AuthContext,
    @Query() query: LeadExportQueryDto,
  ): Promise<StreamableFile> {
    const stream = await this.exporter.exportCsv(auth, leadFilter(query));
    return new StreamableFile(stream, {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="leads.csv"',
    });
  }

  @Get(':id')
  @Roles('agent')
  @ApiOperation({ summary: 'One lead' })
  @ApiEnvelope(LeadDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async get(@CurrentAuth() auth: AuthContext, @Param('id', id) leadId: string) {
    return LeadDto.from(await this.leads.get(auth, leadId));
  }

  @Put(':id')
  @Roles('manager')
  @ApiOperation({
    summary: 'Update a lead: the fields sent change, null clears one (seeds 001 and 004); the same as PATCH',
  })
  @ApiEnvelope(LeadDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  async replace(
    @CurrentAuth() auth: AuthContext,
    @Param('id', id) leadId: string,
    @Body() dto: LeadInputDto,
  ) {
    return LeadDto.from(await this.leads.update(auth, leadId, dto));
  }

  @Patch(':id')
  @Roles('manager')
  @ApiOperation({ summary: 'Change the fields sent; null clears a field' })
  @ApiEnvelope(LeadDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  async update(@CurrentAuth() auth: AuthContext, @Param('id', id) leadId: string, @Body() dto: LeadInputDto) {
    return LeadDto.from(await this.leads.update(auth, leadId, dto));
  }

  @Post(':id/reclassify')
  @HttpCode(202)
  @Roles('manager')
  @ApiOperation({
    summary: "Classify the lead's latest message again (seed 002)",
    description:
      "Queued for the worker: the lead's latest message with text is classified again with the tenant's current model and scoring weights; the lead's classification, score and qualification update (a manual override stays) and `lead.classified` is raised to the managers and admins and to the conversation's room (its assignee). What the class does is not repeated: no second opt-out confirmation, no second out-of-office pause. 409 when the lead has sent no message with text.",
  })
  @ApiEnvelope(ReclassifyDto, { status: 202, description: 'Queued' })
  @ApiErrors(ErrorCode.NOT_FOUND, ErrorCode.CONFLICT)
  async reclassify(
    @CurrentAuth() auth: AuthContext,
    @Param('id', id) leadId: string,
  ): Promise<ReclassifyDto> {
    return this.reclassifier.request(auth, leadId);
  }

  @Delete(':id')
  @HttpCode(200)
  @Roles('manager')
  @ApiOperation({
    summary: 'Archive a lead, or erase the person (?erase=true, admin)',
    description:
      'Archiving keeps the data and frees the phone and email for a new lead. Erasure (GDPR Art. 17) deletes the data and keeps only do-not-contact entries for the phone and email.',
  })
  @ApiEnvelope(LeadDto, { description: 'Archived (or erased: `{ id, erased, dnc_entries }`)' })
  @ApiExtraModels(ErasedLeadDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND, ErrorCode.SERVICE_UNAVAILABLE)
  async remove(
    @CurrentAuth() auth: AuthContext,
    @Param('id', id) leadId: string,
    @Query() query: DeleteLeadQueryDto,
  ) {
    if (!query.erase) return LeadDto.from(await this.leads.archive(auth, leadId));
    if (auth.role !== 'admin') throw AppError.forbidden('Erasing a person needs the admin role');
    const erased = await this.erasure.erase(auth, leadId);
    return { ...erased, erased: true } satisfies ErasedLeadDto;
  }
}

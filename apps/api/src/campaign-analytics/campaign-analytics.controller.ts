import { Authenticated, CurrentAuth, Roles } from '@app/auth';
import { ApiEnvelope, ApiErrors, ErrorCode, pageWindow, RawResponse, UuidPipe } from '@app/common';
import {
  CAMPAIGN_FUNNEL_COLUMNS,
  CAMPAIGN_KPI_COLUMNS,
  CampaignAnalyticsService,
  CampaignExportService,
  CampaignReportService,
  ReportRanges,
} from '@app/domain';
import type { AuthContext } from '@app/tenancy';
import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CampaignAnalyticsDto, CampaignsAnalyticsDto } from './dto/campaign-analytics.dto';
import { CampaignExportQueryDto, CampaignsAnalyticsQueryDto } from './dto/campaign-analytics-query.dto';

const id = new UuidPipe('Campaign');

/**
 * Campaign analytics and export (issue 5 item 7; seed 002). `campaigns/analytics` is a static path: Fastify's
 * router matches it before any `campaigns/:id`, whichever controller registers first.
 */
@ApiTags('campaigns')
@Controller('campaigns')
@Authenticated()
export class CampaignAnalyticsController {
  constructor(
    private readonly analytics: CampaignAnalyticsService,
    private readonly csv: CampaignExportService,
    private readonly reports: CampaignReportService,
    private readonly ranges: ReportRanges,
  ) {}

  @Get('analytics')
  @Roles('manager')
  @ApiOperation({
    summary: "KPIs across the tenant's campaigns: totals and one row per campaign (seed 002)",
    description:
      'The range applies to the campaign start (`started_at`): a campaign is in it when it started between ' +
      "date_from and date_to, or from and to (both inclusive; both spellings of a bound with different values: 400; a bare date covers its whole day in the tenant's time zone), and then all of its " +
      'figures count. Without a range every campaign counts, drafts included. Rows are paginated (limit, ' +
      'offset or page); totals cover every campaign in the range.',
  })
  @ApiEnvelope(CampaignsAnalyticsDto)
  @ApiErrors(ErrorCode.VALIDATION_ERROR)
  async all(@CurrentAuth() auth: AuthContext, @Query() query: CampaignsAnalyticsQueryDto) {
    const range = await this.ranges.of(auth.tenantId, query);
    return this.analytics.campaigns(auth.tenantId, range, pageWindow(query));
  }

  @Get(':id/analytics')
  @Roles('manager')
  @ApiOperation({
    summary:
      "A campaign's KPIs (seed 002: open rate, reply rate, qualified count...) and its per-step funnel",
  })
  @ApiEnvelope(CampaignAnalyticsDto)
  @ApiErrors(ErrorCode.NOT_FOUND)
  async one(@CurrentAuth() auth: AuthContext, @Param('id', id) campaignId: string) {
    return this.analytics.campaign(auth.tenantId, campaignId);
  }

  @Get(':id/export')
  @Roles('manager')
  @RawResponse()
  @ApiOperation({
    summary:
      "Download a campaign's results: CSV (its leads streamed, its KPIs or its funnel) or a PDF report",
    description:
      'Seed 002: "a CSV or PDF with lead statuses, conversation snippets, and performance KPIs". A CSV holds one ' +
      'table, so that a spreadsheet imports it whole: `part=leads` (the default) is one row per enrolled lead ' +
      '(lead_id, name, phone, email, enrollment_status, current_step, last_message_status, last_call_disposition, replied_at, snippet: ' +
      'the last inbound text since enrollment, cut at 160 characters), streamed from a database cursor; ' +
      '`part=kpis` is one row of the KPIs GET /api/campaigns/:id/analytics answers (counts, open_rate and ' +
      'reply_rate as fractions); `part=funnel` is one row per step (sent, delivered, read, opened, replied, ' +
      'failed). The file name says the part (`campaign-<name>-kpis.csv`). PDF: title, KPIs, a funnel bar chart, ' +
      'lead statuses and up to 20 conversation snippets.',
  })
  @ApiOkResponse({
    description: 'The file (Content-Disposition: attachment)',
    content: {
      'text/csv': {
        schema: { type: 'string' },
        examples: {
          leads: {
            summary: 'part=leads (default)',
            value:
              'lead_id,name,phone,email,enrollment_status,current_step,last_message_status,last_call_disposition,replied_at,snippet\n' +
              '0190f3c2-7d1e-7c53-9a4e-2b8f1d3c4e5a,Jane Doe,+14155552671,jane@example.com,replied,1,read,' +
              '2025-02-02T09:15:00.000Z,"Yes, tell me more"\n',
          },
          kpis: {
            summary: 'part=kpis',
            value:
              `${CAMPAIGN_KPI_COLUMNS.join(',')}\n` +
              '0190f3c2-7d1e-7c53-9a4e-2b8f1d3c4e5b,Welcome Series,active,2025-02-01T10:00:00.000Z,,120,15,' +
              '118,110,60,2,0,0,14,1,118,110,53,0,0,0,0,0.4818,0.1186\n',
          },
          funnel: {
            summary: 'part=funnel',
            value: `${CAMPAIGN_FUNNEL_COLUMNS.join(',')}\n0,EMAIL,118,110,0,53,14,2\n`,
          },
        },
      },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiErrors(ErrorCode.VALIDATION_ERROR, ErrorCode.NOT_FOUND)
  async export(
    @CurrentAuth() auth: AuthContext,
    @Param('id', id) campaignId: string,
    @Query() query: CampaignExportQueryDto,
  ): Promise<StreamableFile> {
    const pdf = query.format === 'pdf';
    const file = pdf
      ? await this.reports.pdf(auth.tenantId, campaignId)
      : await this.csv.csv(auth.tenantId, campaignId, query.part);
    return new StreamableFile(file.stream, {
      type: pdf ? 'application/pdf' : 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${file.file_name}"`,
    });
  }
}

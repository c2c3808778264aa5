import { Injectable } from '@nestjs/common';
import { TenantsService } from '../tenants/tenants.service';
import { ReportBounds, spelledBounds } from './report-bounds';
import { ReportRange, reportRange } from './report-range';

/**
 * Reads a report's bounds, in either spelling (spelledBounds), in the tenant's time zone (reportRange), looking the
 * zone up only when a bound is given.
 */
@Injectable()
export class ReportRanges {
  constructor(private readonly tenants: TenantsService) {}

  async of(tenantId: string, query: ReportBounds): Promise<ReportRange> {
    const { bounds, fields } = spelledBounds(query);
    if (bounds.from === undefined && bounds.to === undefined) return { from: null, to: null };
    const zone = (await this.tenants.get(tenantId)).timezone || 'UTC';
    return reportRange(bounds, zone, fields);
  }
}

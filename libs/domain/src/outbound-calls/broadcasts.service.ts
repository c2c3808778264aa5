import { AppError, Page, PageWindow } from '@app/common';
import type { CampaignStatus } from '@app/db';
import type { AuthContext } from '@app/tenancy';
import { Injectable } from '@nestjs/common';
import { BroadcastRow, BroadcastsRepository } from './broadcasts.repository';

/** Seed 003's `GET outbound-calls`: voice-broadcast campaigns with their call totals. */
@Injectable()
export class BroadcastsService {
  constructor(private readonly broadcasts: BroadcastsRepository) {}

  async list(auth: AuthContext, window: PageWindow, status?: CampaignStatus): Promise<Page<BroadcastRow>> {
    const [rows, total] = await this.broadcasts.list(auth.tenantId, window, status);
    return new Page(rows, total, window.limit, window.offset);
  }

  async get(auth: AuthContext, id: string): Promise<BroadcastRow> {
    const row = await this.broadcasts.findById(auth.tenantId, id);
    if (!row) throw AppError.notFound('Outbound call campaign');
    return row;
  }
}

/** Answered (by a person or a machine) over ended calls, in percent with one decimal; 0 before any call ends. */
export function successRate(row: Pick<BroadcastRow, 'ended_calls' | 'completed_calls'>): number {
  return row.ended_calls ? Math.round((1000 * row.completed_calls) / row.ended_calls) / 10 : 0;
}

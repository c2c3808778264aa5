import type { PageWindow } from '@app/common';
import { DncChannel, DncEntryEntity, TenantRepository } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';

export interface DncFilter {
  channel?: DncChannel;
  search?: string;
}

@Injectable()
export class DncRepository extends TenantRepository<DncEntryEntity> {
  constructor(@InjectRepository(DncEntryEntity) repo: Repository<DncEntryEntity>) {
    super(repo);
  }

  list(tenantId: string, window: PageWindow, filter: DncFilter): Promise<[DncEntryEntity[], number]> {
    return this.filtered(tenantId, filter)
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .take(window.limit)
      .skip(window.offset)
      .getManyAndCount();
  }

  /** The tenant's entries that pass the filter (a channel; part of a phone or an email), aliased `d`. */
  filtered(tenantId: string, filter: DncFilter): SelectQueryBuilder<DncEntryEntity> {
    const q = this.scoped(tenantId, 'd');
    if (filter.channel) q.andWhere('d.channel = :channel', { channel: filter.channel });
    if (filter.search) {
      const escape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
      const like = `%${escape(filter.search.toLowerCase())}%`;
      // A number as people write it, punctuation and a trunk 0 aside ("(415) 555-2671", "07911 123456").
      const digits = filter.search.replace(/\D/g, '').replace(/^0+/, '');
      const phoneLike =
        /^[\d\s()+.-]+$/.test(filter.search.trim()) && digits.length >= 3 ? `%${digits}%` : like;
      q.andWhere('(d.phone_normalized LIKE :phoneLike OR d.email LIKE :like)', { like, phoneLike });
    }
    return q;
  }
}

import type { PageWindow } from '@app/common';
import {
  EnrollmentStatus,
  fastSql,
  LEAD_SEARCH_EXPRESSION,
  LeadEntity,
  leadFromJson,
  LeadPriority,
  LeadJson,
  LeadStatus,
  SqlRunner,
  TenantRepository,
  tenantQuery,
} from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Brackets, Repository, SelectQueryBuilder } from 'typeorm';

/** Text sorts alphabetically whatever its case ("alice" before "Bob"), not in byte order. */
export const LEAD_SORTS = {
  created_at: ['l.createdAt'],
  updated_at: ['l.updatedAt'],
  score: ['l.score'],
  value: ['l.value'],
  name: ['lower(l.firstName)', 'lower(l.lastName)'],
  first_name: ['lower(l.firstName)'],
  last_name: ['lower(l.lastName)'],
  company: ['lower(l.company)'],
  status: ['l.status'],
  next_call_at: ['l.nextCallAt'],
} as const;
export type LeadSort = keyof typeof LEAD_SORTS;
const NULLABLE_SORTS = new Set<LeadSort>([
  'value',
  'name',
  'first_name',
  'last_name',
  'company',
  'next_call_at',
]);

export interface LeadFilter {
  status?: LeadStatus;
  source?: string;
  /** Leads of this type (carrier, shipper...), in any case. */
  type?: string;
  /** Leads carrying every one of these tags (in any case). */
  tags?: string[];
  classification?: string;
  score_min?: number;
  score_max?: number;
  priority?: LeadPriority;
  created_from?: Date;
  created_to?: Date;
  owner_id?: string;
  search?: string;
  /** Archived leads only (by default they are left out). */
  archived?: boolean;
  /** Leads enrolled in this campaign (seed 001), optionally only those whose enrollment is in this status. */
  campaign_id?: string;
  enrollment_status?: EnrollmentStatus;
  sort?: LeadSort;
  order?: 'asc' | 'desc';
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A search of nothing but a phone number's characters. */
const NUMBER_TEXT = /^[\d\s+().\-/]+$/;

/**
 * The digits of a search that is a phone number written in groups, as one: "020 7946 0000" (its "020" alone is too
 * short to match), "01 23 45 67 89", "+44 (0) 7911 123456" (the "(0)" dropped), "0044 7911 123456"; also without
 * its leading zeros (a trunk 0 or a "00" prefix). Empty for any other search.
 */
function numberForms(search: string): string[] {
  if (!NUMBER_TEXT.test(search)) return [];
  const digits = search.replace(/\(0\)/g, '').replace(/\D/g, '');
  return [...new Set([digits, digits.replace(/^0+/, '')])].filter((form) => form.length >= 6);
}

/** A search word written as a number: digits with a phone's punctuation ("+44", "(415)", "555-0100", "0.20"). */
const PHONE_WORD = /^[+(]*\d[\d\s()./-]*$/;

@Injectable()
export class LeadsRepository extends TenantRepository<LeadEntity> {
  private readonly sql: SqlRunner;

  constructor(@InjectRepository(LeadEntity) repo: Repository<LeadEntity>) {
    super(repo);
    this.sql = fastSql(repo.manager.connection);
  }

  /** The hot read: plain SQL on the pool (no ORM), still bound to the tenant. */
  override async findById(tenantId: string, id: string): Promise<LeadEntity | null> {
    const [row] = await tenantQuery<{ lead: LeadJson }>(
      this.sql,
      tenantId,
      'SELECT to_jsonb(l) AS lead FROM leads l WHERE l.tenant_id = $1 AND l.id = $2',
      [id],
    );
    return row ? leadFromJson(row.lead) : null;
  }

  /**
   * A page and the total. The total is a plain count(*) run beside the page (TypeORM's getManyAndCount counts
   * DISTINCT ids one after the other, many times slower on a large tenant).
   */
  async list(tenantId: string, window: PageWindow, filter: LeadFilter): Promise<[LeadEntity[], number]> {
    const query = this.filtered(tenantId, filter);
    const [rows, count] = await Promise.all([
      query.clone().limit(window.limit).offset(window.offset).getMany(),
      query.clone().select('count(*)::int', 'total').orderBy().getRawOne<{ total: number }>(),
    ]);
    return [rows, count?.total ?? 0];
  }

  /** Each lead's enrollment status in the campaign (seed 001's campaign lead list), by lead id. */
  async enrollmentStatuses(
    tenantId: string,
    campaignId: string,
    leadIds: string[],
  ): Promise<Map<string, EnrollmentStatus>> {
    if (!leadIds.length) return new Map();
    const rows = await tenantQuery<{ lead_id: string; status: EnrollmentStatus }>(
      this.sql,
      tenantId,
      `SELECT lead_id, status FROM campaign_enrollments
        WHERE tenant_id = $1 AND campaign_id = $2 AND lead_id = ANY($3::uuid[])`,
      [campaignId, leadIds],
    );
    return new Map(rows.map((r) => [r.lead_id, r.status]));
  }

  /** The tenant's leads matching `filter`, in its order (alias `l`): for a page, or for an export's cursor. */
  filtered(tenantId: string, filter: LeadFilter): SelectQueryBuilder<LeadEntity> {
    const q = this.scoped(tenantId, 'l');
    q.andWhere(filter.archived ? 'l.archived_at IS NOT NULL' : 'l.archived_at IS NULL');
    if (filter.status) q.andWhere('l.status = :status', { status: filter.status });
    // A source as people and files write it: "Website" is the website.
    if (filter.source) q.andWhere('lower(l.source) = lower(:source)', { source: filter.source });
    // A type likewise ("Carrier" is a carrier). No index, as for source: a tenant has a few types, each a large
    // share of its leads, so a page walks the tenant's created-order index and stops after its rows.
    if (filter.type) q.andWhere('lower(l.type) = lower(:type)', { type: filter.type });
    // A tag whatever its case (VIP is vip), through the index on exactly this expression (ix_leads_tenant_tag_keys).
    if (filter.tags?.length)
      q.andWhere('lead_tag_keys(l.tags) @> lead_tag_keys(CAST(:tags AS text[]))', { tags: filter.tags });
    if (filter.classification)
      q.andWhere('l.classification = :classification', { classification: filter.classification });
    if (filter.score_min !== undefined) q.andWhere('l.score >= :scoreMin', { scoreMin: filter.score_min });
    if (filter.score_max !== undefined) q.andWhere('l.score <= :scoreMax', { scoreMax: filter.score_max });
    if (filter.priority) q.andWhere('l.priority = :priority', { priority: filter.priority });
    if (filter.created_from) q.andWhere('l.created_at >= :from', { from: filter.created_from });
    if (filter.created_to) q.andWhere('l.created_at < :to', { to: filter.created_to });
    if (filter.owner_id) q.andWhere('l.owner_id = :owner', { owner: filter.owner_id });
    if (filter.search) this.search(q, filter.search);
    if (filter.campaign_id) {
      q.andWhere(
        `EXISTS (SELECT 1 FROM campaign_enrollments e
                  WHERE e.tenant_id = l.tenant_id AND e.campaign_id = :campaignId AND e.lead_id = l.id
                    ${filter.enrollment_status ? 'AND e.status = :enrollmentStatus' : ''})`,
        { campaignId: filter.campaign_id, enrollmentStatus: filter.enrollment_status },
      );
    }
    const direction = filter.order === 'asc' ? 'ASC' : 'DESC';
    const columns = LEAD_SORTS[filter.sort ?? 'created_at'];
    // NULLS LAST only where a column can be null: on a NOT NULL column it would stop a descending page from
    // reading the (tenant_id, created_at, id) index backwards and sort the whole tenant instead.
    const nulls = NULLABLE_SORTS.has(filter.sort ?? 'created_at') ? 'NULLS LAST' : undefined;
    columns.forEach((column, i) =>
      i === 0 ? q.orderBy(column, direction, nulls) : q.addOrderBy(column, direction, nulls),
    );
    q.addOrderBy('l.id', direction);
    return q;
  }

  /**
   * Matches every word of the search (name, email, company and phone) through the tenant-led trigram index.
   * A word of digits (and a phone's punctuation, no letters) also matches the phone whatever its punctuation
   * ("(415) 555" finds +1415555...; "user5000@example.com" does not look for 5000 in phones), and as
   * written nationally, without its trunk 0 ("07911 123456" finds +447911123456); a search that is a number
   * written in groups also matches as one number (numberForms: "020 7946 0000", "+44 (0) 7911 123456").
   */
  private search(q: SelectQueryBuilder<LeadEntity>, search: string): void {
    const words = search.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
    if (!words.length) return;
    q.andWhere(
      new Brackets((any) => {
        any.where(
          new Brackets((all) =>
            words.forEach((word, i) => {
              // Only a word written as a number is read as one: "user5000@example.com" or "ACME-2024" are not.
              const digits = PHONE_WORD.test(word) ? word.replace(/[^\d]/g, '') : '';
              const forms = [digits, digits.replace(/^0+/, '')].filter(
                (form, k, every) => form.length >= 3 && form !== word && every.indexOf(form) === k,
              );
              all.andWhere(
                new Brackets((w) => {
                  w.where(`${LEAD_SEARCH_EXPRESSION} LIKE :w${i}`, { [`w${i}`]: `%${escapeLike(word)}%` });
                  forms.forEach((form, k) =>
                    w.orWhere(`${LEAD_SEARCH_EXPRESSION} LIKE :d${i}_${k}`, { [`d${i}_${k}`]: `%${form}%` }),
                  );
                }),
              );
            }),
          ),
        );
        numberForms(search).forEach((form, k) =>
          any.orWhere(`${LEAD_SEARCH_EXPRESSION} LIKE :n${k}`, { [`n${k}`]: `%${form}%` }),
        );
      }),
    );
  }
}

import { fastSql, SqlRunner, tenantQuery } from '@app/db';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A lead that answered well: interested or asking for a meeting, or qualified (by score or by hand). */
export const POSITIVE_LEAD_SQL = `(classification IN ('interested', 'meeting_request')
  OR qualification_status = 'qualified' OR status IN ('qualified', 'converted'))`;

export interface LeadGroup {
  field: string;
  value: string;
  leads: number;
  positive: number;
}

/** A live lead nobody reached yet, in an industry the product context names. */
export interface UncontactedLead {
  id: string;
  name: string | null;
  email: string | null;
  company: string | null;
  industry: string;
  score: number;
}

/** How many industry groups and segments the aggregates answer at most. */
const MAX_INDUSTRIES = 200;

/** Aggregates of a tenant's live leads, for product-context recommendations. */
@Injectable()
export class LeadSegmentsRepository {
  private readonly sql: SqlRunner;

  constructor(@InjectDataSource() db: DataSource) {
    this.sql = fastSql(db);
  }

  async totals(tenantId: string): Promise<{ leads: number; positive: number }> {
    const [row] = await tenantQuery<{ leads: number; positive: number }>(
      this.sql,
      tenantId,
      `SELECT count(*)::int AS leads, count(*) FILTER (WHERE ${POSITIVE_LEAD_SQL})::int AS positive
         FROM leads WHERE tenant_id = $1 AND archived_at IS NULL`,
    );
    return row;
  }

  /** Leads by `custom_fields.industry` (trimmed, case-insensitive), the largest groups first. */
  industries(tenantId: string): Promise<LeadGroup[]> {
    return tenantQuery<LeadGroup>(
      this.sql,
      tenantId,
      `SELECT 'industry' AS field, min(btrim(custom_fields->>'industry')) AS value, count(*)::int AS leads,
              count(*) FILTER (WHERE ${POSITIVE_LEAD_SQL})::int AS positive
         FROM leads
        WHERE tenant_id = $1 AND archived_at IS NULL
          AND jsonb_typeof(custom_fields->'industry') = 'string'
          AND btrim(custom_fields->>'industry') <> ''
        GROUP BY lower(btrim(custom_fields->>'industry'))
        ORDER BY count(*) DESC, 2
        LIMIT ${MAX_INDUSTRIES}`,
    );
  }

  /**
   * Live leads in one of `industries` (lower case, against `custom_fields.industry` trimmed) nobody reached yet:
   * still `new`, never classified or called, in no campaign and no conversation, and not on do-not-call. The best
   * scored first, then the newest.
   */
  async uncontacted(tenantId: string, industries: string[], limit: number): Promise<UncontactedLead[]> {
    if (!industries.length) return [];
    return tenantQuery<UncontactedLead>(
      this.sql,
      tenantId,
      `SELECT l.id, NULLIF(concat_ws(' ', l.first_name, l.last_name), '') AS name, l.email, l.company,
              btrim(l.custom_fields->>'industry') AS industry, l.score
         FROM leads l
        WHERE l.tenant_id = $1 AND l.archived_at IS NULL AND NOT l.do_not_call AND l.status = 'new'
          AND l.classification IS NULL AND l.last_call_at IS NULL
          AND jsonb_typeof(l.custom_fields->'industry') = 'string'
          AND lower(btrim(l.custom_fields->>'industry')) = ANY($2::text[])
          AND NOT EXISTS (SELECT 1 FROM campaign_enrollments e WHERE e.tenant_id = $1 AND e.lead_id = l.id)
          AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.tenant_id = $1 AND c.lead_id = l.id)
        ORDER BY l.score DESC, l.created_at DESC, l.id
        LIMIT $3`,
      [industries, limit],
    );
  }

  /**
   * Segments of at least `minLeads` leads, by source, country, position and each scalar custom field (industry
   * aside), ranked by their share of positive leads, then size.
   */
  segments(tenantId: string, minLeads: number, limit: number): Promise<LeadGroup[]> {
    return tenantQuery<LeadGroup>(
      this.sql,
      tenantId,
      `WITH base AS (
         SELECT source, country, position, custom_fields, ${POSITIVE_LEAD_SQL} AS positive
           FROM leads WHERE tenant_id = $1 AND archived_at IS NULL
       ), pairs AS (
         SELECT 'source' AS field, btrim(source) AS value, positive FROM base WHERE btrim(source) <> ''
         UNION ALL
         SELECT 'country', country, positive FROM base WHERE btrim(country) <> ''
         UNION ALL
         SELECT 'position', btrim(position), positive FROM base WHERE btrim(position) <> ''
         UNION ALL
         SELECT 'custom_fields.' || f.key, btrim(f.value #>> '{}'), b.positive
           FROM base b
          CROSS JOIN LATERAL jsonb_each(
            CASE WHEN jsonb_typeof(b.custom_fields) = 'object' THEN b.custom_fields ELSE '{}'::jsonb END) f
          WHERE f.key <> 'industry' AND jsonb_typeof(f.value) IN ('string', 'number', 'boolean')
            AND btrim(f.value #>> '{}') <> ''
       )
       SELECT field, min(value) AS value, count(*)::int AS leads,
              count(*) FILTER (WHERE positive)::int AS positive
         FROM pairs
        GROUP BY field, lower(value)
       HAVING count(*) >= $2
        ORDER BY count(*) FILTER (WHERE positive)::float / count(*) DESC, count(*) DESC, field, 2
        LIMIT $3`,
      [minLeads, limit],
    );
  }
}

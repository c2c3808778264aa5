import type { ProductContextStatus } from '@app/db';
import { Injectable } from '@nestjs/common';
import { LeadGroup, LeadSegmentsRepository, UncontactedLead } from './lead-segments.repository';
import { ProductContextService } from './product-context.service';

export interface IndustryRecommendation {
  name: string;
  reason: string;
  /** The tenant's live leads in this industry (`custom_fields.industry`). */
  leads: number;
  /** Their share that is interested, asked for a meeting or is qualified; null without leads. */
  qualified_rate: number | null;
  /** Whether the product context names it (its industries, or its ideal customer's words). */
  in_product_context: boolean;
}

export interface SegmentRecommendation {
  /** `source`, `country`, `position` or `custom_fields.<key>`. */
  field: string;
  value: string;
  leads: number;
  interested_or_qualified: number;
  rate: number;
  /** Whether the product context's ideal customer mentions the value. */
  matches_ideal_customer: boolean;
}

export interface LeadRecommendation extends UncontactedLead {
  reason: string;
}

export interface ProductRecommendations {
  industries: IndustryRecommendation[];
  segments: SegmentRecommendation[];
  /** Seed 002's "suggest new leads": the tenant's leads to reach next (LeadSegmentsRepository.uncontacted). */
  leads: LeadRecommendation[];
  based_on: { metadata_status: ProductContextStatus; leads: number; min_leads: number };
}

export const DEFAULT_MIN_SEGMENT_LEADS = 5;
const MAX_SEGMENTS = 20;
const MAX_INDUSTRIES = 20;
const MAX_LEADS = 10;

const rate = (positive: number, leads: number) =>
  leads ? Math.round((positive / leads) * 10000) / 10000 : 0;
const percent = (r: number) => `${Math.round(r * 100)}%`;

/** Whether `text` mentions `value` as whole words (case-insensitive). */
function mentions(text: string | null, value: string): boolean {
  if (!text || value.length < 2) return false;
  const escaped = value.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(text.toLowerCase());
}

/**
 * What to target next (seed 002's optional recommendations): industries from the product context and from the
 * tenant's own leads, lead segments ranked by how often their leads answer well, and the leads to reach next.
 */
@Injectable()
export class ProductRecommendationsService {
  constructor(
    private readonly context: ProductContextService,
    private readonly segments: LeadSegmentsRepository,
  ) {}

  async recommend(tenantId: string, minLeads = DEFAULT_MIN_SEGMENT_LEADS): Promise<ProductRecommendations> {
    const [view, totals, industries, segments] = await Promise.all([
      this.context.view(tenantId),
      this.segments.totals(tenantId),
      this.segments.industries(tenantId),
      this.segments.segments(tenantId, minLeads, MAX_SEGMENTS),
    ]);
    const { metadata } = view;
    const named = [...new Set(metadata.industries.map((name) => name.trim().toLowerCase()))];
    const leads = await this.segments.uncontacted(tenantId, named, MAX_LEADS);
    return {
      industries: this.industries(metadata.industries, metadata.ideal_customer, industries, minLeads),
      segments: segments.map((s) => ({
        field: s.field,
        value: s.value,
        leads: s.leads,
        interested_or_qualified: s.positive,
        rate: rate(s.positive, s.leads),
        matches_ideal_customer: mentions(metadata.ideal_customer, s.value),
      })),
      leads: leads.map((lead) => ({
        ...lead,
        reason: `Industry ${lead.industry} is in your product context; not contacted yet`,
      })),
      based_on: { metadata_status: view.status, leads: totals.leads, min_leads: minLeads },
    };
  }

  private industries(
    named: string[],
    idealCustomer: string | null,
    groups: LeadGroup[],
    minLeads: number,
  ): IndustryRecommendation[] {
    const byKey = new Map(groups.map((g) => [g.value.toLowerCase(), g]));
    const out: IndustryRecommendation[] = [];
    const seen = new Set<string>();
    for (const name of named) {
      const key = name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const group = byKey.get(key);
      if (!group) {
        out.push({
          name,
          reason: 'In your product context; no leads yet: import some',
          leads: 0,
          qualified_rate: null,
          in_product_context: true,
        });
        continue;
      }
      const r = rate(group.positive, group.leads);
      out.push({
        name: group.value,
        reason:
          group.leads < minLeads
            ? `In your product context; only ${group.leads} lead(s) so far: import more to judge it`
            : `In your product context; ${group.positive} of ${group.leads} leads (${percent(r)}) are interested or qualified`,
        leads: group.leads,
        qualified_rate: r,
        in_product_context: true,
      });
    }
    for (const group of groups) {
      const key = group.value.toLowerCase();
      if (seen.has(key) || group.leads < minLeads) continue;
      const inIdeal = mentions(idealCustomer, group.value);
      if (!inIdeal && group.positive === 0) continue;
      seen.add(key);
      const r = rate(group.positive, group.leads);
      out.push({
        name: group.value,
        reason: inIdeal
          ? `Your ideal customer mentions it; ${group.positive} of ${group.leads} leads (${percent(r)}) are interested or qualified`
          : `Not in your product context yet, but ${group.positive} of ${group.leads} leads (${percent(r)}) are interested or qualified`,
        leads: group.leads,
        qualified_rate: r,
        in_product_context: inIdeal,
      });
    }
    // Judged industries (enough leads) by answer rate, then those with too few leads, then those without any.
    const tier = (r: IndustryRecommendation) => (r.leads >= minLeads ? 0 : r.leads > 0 ? 1 : 2);
    return out
      .map((rec, i) => ({ rec, i }))
      .sort(
        (a, b) =>
          tier(a.rec) - tier(b.rec) ||
          (b.rec.qualified_rate ?? 0) - (a.rec.qualified_rate ?? 0) ||
          b.rec.leads - a.rec.leads ||
          a.i - b.i,
      )
      .map(({ rec }) => rec)
      .slice(0, MAX_INDUSTRIES);
  }
}

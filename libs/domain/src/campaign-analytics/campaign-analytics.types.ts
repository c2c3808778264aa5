/** The figures of one campaign, or of several summed (definitions: campaign-kpi.sql.ts and the API's DTOs). */
export interface CampaignKpis {
  /** Enrollments. */
  total_leads: number;
  /** Enrolled leads whose lead status is `qualified`. */
  qualified_count: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  unknown: number;
  /** Enrollments with a step job pending or running (status queued or in_progress). */
  queued: number;
  replied: number;
  opted_out: number;
  /** Enrollments that got at least one send (or replied). */
  reached: number;
  /** Email and WhatsApp messages delivered or better: the open rate's base. */
  open_base: number;
  /** Of those, opened (email) or read (WhatsApp). */
  opened: number;
  /** opened / open_base, 0 when nothing was delivered; 4 decimals. */
  open_rate: number;
  /** replied / reached, 0 when nobody was reached; 4 decimals. */
  reply_rate: number;
}

export interface CampaignKpiRow extends CampaignKpis {
  campaign_id: string;
  name: string;
  status: string;
  start_time: Date | null;
  end_time: Date | null;
}

export interface CampaignFunnelStep {
  position: number;
  type: string;
  sent: number;
  delivered: number;
  read: number;
  opened: number;
  replied: number;
  failed: number;
}

export interface CampaignAnalytics extends CampaignKpiRow {
  funnel: CampaignFunnelStep[];
}

export interface CampaignsAnalytics {
  date_from: Date | null;
  date_to: Date | null;
  /** Campaigns in the range (all of them, whatever page of rows is shown). */
  campaign_count: number;
  totals: CampaignKpis;
  campaigns: CampaignKpiRow[];
}

/** The counts a KPI row sums; the rates are derived from them. */
export const CAMPAIGN_KPI_COUNTS = [
  'total_leads',
  'qualified_count',
  'sent',
  'delivered',
  'read',
  'failed',
  'unknown',
  'queued',
  'replied',
  'opted_out',
  'reached',
  'open_base',
  'opened',
] as const satisfies readonly (keyof CampaignKpis)[];

export function kpiRate(numerator: number, denominator: number): number {
  return denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 10_000 : 0;
}

/** The counts of `rows` summed, with the rates recomputed from the sums (not averaged). */
export function sumCampaignKpis(rows: readonly CampaignKpis[]): CampaignKpis {
  const totals = Object.fromEntries(CAMPAIGN_KPI_COUNTS.map((k) => [k, 0])) as Record<
    (typeof CAMPAIGN_KPI_COUNTS)[number],
    number
  >;
  for (const row of rows) for (const k of CAMPAIGN_KPI_COUNTS) totals[k] += row[k];
  return withKpiRates(totals);
}

export function withKpiRates<T extends Omit<CampaignKpis, 'open_rate' | 'reply_rate'>>(
  counts: T,
): T & Pick<CampaignKpis, 'open_rate' | 'reply_rate'> {
  return {
    ...counts,
    open_rate: kpiRate(counts.opened, counts.open_base),
    reply_rate: kpiRate(counts.replied, counts.reached),
  };
}

/** The figures of one campaign, or of several summed (definitions: campaign-kpi.sql.ts and the API's DTOs). */
export interface CampaignKpis {
  /** Enrollments. */
  total_leads: number;
  /**
   * Enrolled leads qualified: lead status qualified or converted, or qualification_status qualified or
   * meeting_requested.
   */
  qualified_count: number;
  sent: number;
  delivered: number;
  read: number;
  /** Messages the provider refused or could not deliver. */
  failed: number;
  /** Messages the platform withdrew before the provider was asked (a cancel, a reply, an opt-out meanwhile). */
  withdrawn: number;
  unknown: number;
  /** Enrollments with a step job pending or running (status queued or in_progress). */
  queued: number;
  /** Enrollments that went through every step. */
  completed: number;
  /** Enrollments the campaign could not go on with (status failed; its `stop_reason` says why). */
  enrollments_failed: number;
  replied: number;
  opted_out: number;
  /** Enrollments that got at least one send, picked up a call, or replied. */
  reached: number;
  /** The campaign's calls to leads the provider took. */
  calls_placed: number;
  /** Of those, answered by a person and bridged (or heard the broadcast). */
  calls_answered: number;
  /** Of those, answered by a machine. */
  calls_voicemail: number;
  /** Of those, answered by a person no agent took in time (safe harbour played). */
  calls_abandoned: number;
  /** Calls that rang out unanswered. */
  calls_no_answer: number;
  /** Calls the line answered busy. */
  calls_busy: number;
  /** Calls that failed: refused by the provider when placed, or failed on the network. */
  calls_failed: number;
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
  'withdrawn',
  'unknown',
  'queued',
  'completed',
  'enrollments_failed',
  'replied',
  'opted_out',
  'reached',
  'open_base',
  'opened',
  'calls_placed',
  'calls_answered',
  'calls_voicemail',
  'calls_abandoned',
  'calls_no_answer',
  'calls_busy',
  'calls_failed',
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

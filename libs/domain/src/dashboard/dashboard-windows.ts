/** The periods the dashboards read (seed 003): today, or the last 7, 30 or 365 days, in the tenant's time zone. */
export const DASHBOARD_PERIODS = ['today', 'week', 'month', 'year'] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];

/** The periods a chart of buckets takes: hours of today, or days. */
export const CHART_PERIODS = ['today', 'week', 'month'] as const;
export type ChartPeriod = (typeof CHART_PERIODS)[number];

/**
 * SQL for a period's window on the tenant's clock ($2 the platform's now, $3 the tenant's zone): its first local
 * day's start as a timestamptz (`today` is the local day so far; `week` the 7 local days up to today, and so on).
 * The window ends at now.
 */
export function periodStartSql(period: DashboardPeriod): string {
  const days = { today: 0, week: 6, month: 29, year: 364 }[period];
  return `((date_trunc('day', $2::timestamptz AT TIME ZONE $3) - interval '${days} days') AT TIME ZONE $3)`;
}

/** A change in percent from `before` to `now` (one decimal), null when there was nothing before to compare with. */
export function percentChange(now: number, before: number): number | null {
  if (before === 0) return now === 0 ? 0 : null;
  return Math.round(((now - before) / before) * 1000) / 10;
}

export type Trend = 'up' | 'down' | 'flat';

export function trendOf(now: number, before: number): Trend {
  return now > before ? 'up' : now < before ? 'down' : 'flat';
}

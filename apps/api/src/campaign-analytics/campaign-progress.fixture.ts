import { waitFor } from '@app/testing';

/** A `campaign:progress` event as a live client hears it. */
export interface ProgressTotals {
  campaign_id: string;
  totals: Record<string, number>;
}

/** The first event heard, from the `from`th on, whose totals include every one of `totals`. */
export function hearProgress(
  heard: ProgressTotals[],
  totals: Record<string, number>,
  what: string,
  from = 0,
): Promise<ProgressTotals> {
  return waitFor(
    () => heard.slice(from).find((e) => Object.entries(totals).every(([k, v]) => e.totals[k] === v)),
    8_000,
    what,
  );
}

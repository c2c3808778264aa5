import { AppError } from '@app/common';
import type { CallDisposition, CallKind, CallOutcome } from '@app/db';
import { ReportBounds, spelledBounds } from '../reporting/report-bounds';
import { ReportRange, reportRange } from '../reporting/report-range';

/** The calls a list or a statistic counts: a lead's calls. An agent's leg is part of its lead's call, never one. */
export const LEAD_CALL_KINDS = [
  'dialer',
  'broadcast',
  'inbound',
  'manual',
] as const satisfies readonly CallKind[];
export type LeadCallKind = (typeof LEAD_CALL_KINDS)[number];

/**
 * Not a preview offer still waiting for its agent's decision (alias `c`): that row is a placeholder, no call was
 * made (a skip or its expiry deletes it), so lists and statistics leave it out until the agent dials.
 */
export const NOT_UNDECIDED_OFFER_SQL = `coalesce(c.metadata->>'preview', '') <> 'true'`;

/** Twilio's AMD answers (`AnsweredBy`), as stored in `answered_by`. */
export const ANSWERED_BY_VALUES = [
  'human',
  'machine_start',
  'machine_end_beep',
  'machine_end_silence',
  'machine_end_other',
  'fax',
  'unknown',
] as const;
export type AnsweredByValue = (typeof ANSWERED_BY_VALUES)[number];

/**
 * Seed 003's status of a call log: ongoing (not ended), completed (ended, answered or connected), missed
 * (disposition missed, or an inbound call that ended unanswered); other ended calls (an outbound call nobody
 * took, busy, failed, abandoned) are not_connected. A call logged through the API reads as it was logged.
 */
export const CALL_LOG_STATUSES = ['ongoing', 'completed', 'missed'] as const;
export type CallLogStatus = (typeof CALL_LOG_STATUSES)[number];
export const CALL_LOG_STATES = [...CALL_LOG_STATUSES, 'not_connected'] as const;
export type CallLogState = (typeof CALL_LOG_STATES)[number];

/** The dispositions each ended status of a logged call takes; the first is the default. */
export const LOG_DISPOSITIONS: Record<'completed' | 'missed', readonly CallDisposition[]> = {
  completed: ['answered', 'voicemail', 'abandoned'],
  missed: ['missed', 'no_answer', 'busy', 'failed'],
};

/** A call was answered (by a person or a machine) or connected to an agent. Alias `c`. */
export const ANSWERED_SQL = `(c.disposition IN ('answered', 'voicemail') OR c.connected_at IS NOT NULL
  OR (c.disposition IS NULL AND c.answer_time IS NOT NULL))`;

/** Seed 003's status of the call (alias `c`): what `status=` filters on and `log_status` answers. */
export const LOG_STATUS_SQL = `(CASE
  WHEN c.disposition = 'missed' THEN 'missed'
  WHEN c.end_time IS NULL THEN 'ongoing'
  WHEN c.kind = 'manual' THEN CASE WHEN c.disposition IN (${LOG_DISPOSITIONS.missed.map((d) => `'${d}'`).join(', ')})
                                   THEN 'missed' ELSE 'completed' END
  WHEN ${ANSWERED_SQL} THEN 'completed'
  WHEN c.direction = 'inbound' THEN 'missed'
  ELSE 'not_connected' END)`;

/**
 * A day or an instant bound: `YYYY-MM-DD` is a day in the tenant's time zone; a date-time with its offset (or
 * `Z`) is that instant.
 */
export interface CallRange extends ReportBounds {
  /** `YYYY-MM-DD`: that whole day (seed 003). */
  date?: string;
}

export interface CallFilter extends CallRange {
  campaign_id?: string;
  agent_id?: string;
  lead_id?: string;
  disposition?: CallDisposition;
  outcome?: CallOutcome;
  answered_by?: AnsweredByValue;
  direction?: 'inbound' | 'outbound';
  kind?: LeadCallKind;
  status?: CallLogState;
}

/** Who may see which calls: an agent-role caller only the calls of its own agent profile. */
export interface CallScope {
  /** Only calls whose agent belongs to this user (null: an agent-role API key, which has none). */
  only_user_id?: string | null;
}

export const BARE_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date that exists (2025-02-30 does not). */
function realDate(text: string): boolean {
  const [, y, m, d] = /^(\d{4})-(\d{2})-(\d{2})/.exec(text) ?? [];
  if (!y) return false;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

/**
 * Refuses an impossible `date`, and reads `date_from` / `date_to` (or `from` / `to`) as every report does (a bare date a whole day of
 * the tenant's zone, a date-time without an offset a time on its clock): their window, or a 400 naming the field
 * (an impossible date, or a window that ends before it starts).
 */
export function checkRange(range: CallRange, zone: string): ReportRange {
  if (range.date !== undefined && (!BARE_DATE.test(range.date) || !realDate(range.date))) {
    throw AppError.field('date', 'must be a date YYYY-MM-DD');
  }
  const { bounds, fields } = spelledBounds(range);
  return reportRange(bounds, zone, fields);
}

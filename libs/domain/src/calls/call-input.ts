import { withArticle } from '@app/common';
import type { FieldIssue } from '@app/common';
import type { CallDisposition, CallEntity, CallOutcome, CallStatus } from '@app/db';
import { CallLogStatus, LOG_DISPOSITIONS } from './call-filter';

/** A call lasts at most a day. */
export const MAX_CALL_SECONDS = 86_400;

/** Seed 003's `POST calls`: a call logged by hand (kind manual). */
export interface ManualCallInput {
  phone?: string;
  phone_number?: string;
  contact_name?: string | null;
  direction?: 'inbound' | 'outbound';
  status?: CallLogStatus;
  disposition?: CallDisposition;
  /** The agent's wrap-up code; `do_not_call` lists the number on do-not-contact for voice. */
  outcome?: CallOutcome;
  /** Seconds, or seed 003's "00:05:23" ("hh:mm:ss", "mm:ss"). */
  duration?: number | string;
  notes?: string | null;
  lead_id?: string;
  campaign_id?: string;
  agent_id?: string;
}

/** Seed 003's `PUT calls/:id`. */
export interface CallUpdateInput {
  status?: CallLogStatus;
  disposition?: CallDisposition;
  duration?: number | string;
  notes?: string | null;
  /** Any call's wrap-up code (null clears it); `do_not_call` lists the number on do-not-contact for voice. */
  outcome?: CallOutcome | null;
}

/** Twilio's status for a call that ended with this disposition. */
const ENDED_STATUS: Record<CallDisposition, CallStatus> = {
  answered: 'completed',
  voicemail: 'completed',
  abandoned: 'completed',
  missed: 'no-answer',
  no_answer: 'no-answer',
  busy: 'busy',
  failed: 'failed',
};

/** Seconds from a whole number (or its digits) or from "hh:mm:ss" / "mm:ss"; null when neither. */
export function parseDuration(value: unknown): number | null {
  let seconds: number;
  if (typeof value === 'number') {
    seconds = value;
  } else if (typeof value === 'string' && /^\d{1,6}$/.test(value.trim())) {
    seconds = Number(value.trim());
  } else if (typeof value === 'string') {
    const m = /^(?:(\d{1,2}):)?([0-5]?\d):([0-5]\d)$/.exec(value.trim());
    if (!m) return null;
    seconds = Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  } else {
    return null;
  }
  return Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_CALL_SECONDS ? seconds : null;
}

/** "00:05:23" (seed 003's display of a duration). */
export function formatDuration(seconds: number | null): string | null {
  if (seconds === null) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

export type ManualCallState = Pick<
  CallEntity,
  'status' | 'disposition' | 'startTime' | 'answerTime' | 'endTime' | 'duration' | 'talkTime'
>;

/** What a manual log is now: its seed 003 status, read from its columns. */
export function manualLogStatus(call: Pick<CallEntity, 'endTime' | 'disposition'>): CallLogStatus {
  if (!call.endTime) return 'ongoing';
  return call.disposition && LOG_DISPOSITIONS.missed.includes(call.disposition) ? 'missed' : 'completed';
}

/**
 * The columns of a manual log in `status` (seed 003: ongoing, completed or missed), from what the request says
 * and, on an update, what the call was (`current`). An ended call keeps its end; a duration ends it that long
 * after it began (an ongoing call that is completed without one lasted until now).
 */
export function manualCallState(
  request: { status: CallLogStatus; disposition?: CallDisposition; duration?: number },
  current: ManualCallState | null,
  now: Date,
  errors: FieldIssue[],
): ManualCallState | null {
  const { status, disposition, duration } = request;
  if (status === 'ongoing') {
    if (current?.endTime)
      errors.push({ field: 'status', reason: 'cannot go back to ongoing: the call ended' });
    if (disposition !== undefined)
      errors.push({ field: 'disposition', reason: 'is set once the call ends (status completed or missed)' });
    if (duration !== undefined)
      errors.push({ field: 'duration', reason: 'is set once the call ends (status completed or missed)' });
    if (errors.length) return null;
    return {
      status: 'in-progress',
      disposition: null,
      startTime: current?.startTime ?? now,
      answerTime: current?.answerTime ?? now,
      endTime: null,
      duration: null,
      talkTime: null,
    };
  }
  const allowed = LOG_DISPOSITIONS[status];
  const kept = current?.disposition && allowed.includes(current.disposition) ? current.disposition : null;
  const chosen = disposition ?? kept ?? allowed[0];
  if (!allowed.includes(chosen)) {
    errors.push({
      field: 'disposition',
      reason: `must be one of ${allowed.join(', ')} for ${withArticle(status)} call`,
    });
    return null;
  }
  const end = current?.endTime ?? now;
  const elapsed =
    current && !current.endTime && current.startTime
      ? Math.max(0, Math.round((end.getTime() - current.startTime.getTime()) / 1000))
      : null;
  const seconds = duration ?? current?.duration ?? elapsed ?? (status === 'missed' ? 0 : null);
  const start = seconds !== null ? new Date(end.getTime() - seconds * 1000) : (current?.startTime ?? end);
  return {
    status: ENDED_STATUS[chosen],
    disposition: chosen,
    startTime: start,
    answerTime: status === 'completed' ? start : null,
    endTime: end,
    duration: seconds,
    talkTime: chosen === 'answered' ? seconds : null,
  };
}

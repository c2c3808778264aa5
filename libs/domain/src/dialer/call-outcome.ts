import type { CallDisposition, CallKind, CallStatus, RetryPolicy } from '@app/db';

/** What happened on a lead's call, as its row tells once the final status has come. */
export interface CallFacts {
  kind: CallKind;
  status: CallStatus;
  answered_by: string | null;
  /** Bridged to an agent. */
  connected: boolean;
  /** Set by the dialer before the end: abandoned (safe harbour played), voicemail (a message dropped). */
  disposition: CallDisposition | null;
}

/** Twilio's AMD answers that mean an answering machine. */
export function isMachine(answeredBy: string | null): boolean {
  return !!answeredBy && (answeredBy.startsWith('machine') || answeredBy === 'fax');
}

/**
 * Every call gets one of answered, voicemail, no_answer, busy, failed, abandoned (issue 6 §6; inbound adds
 * missed). A human who answered and hung up before an agent took them is abandoned, as the regulators count it.
 */
export function dispositionOf(call: CallFacts): CallDisposition {
  if (call.disposition) return call.disposition;
  if (call.connected) return 'answered';
  switch (call.status) {
    case 'busy':
      return 'busy';
    case 'no-answer':
    case 'canceled':
      return call.kind === 'inbound' ? 'missed' : 'no_answer';
    case 'failed':
      return 'failed';
    default:
      break;
  }
  if (isMachine(call.answered_by)) return 'voicemail';
  // A broadcast played its message; an agent's leg is answered by the agent (never bridged: it is the bridge).
  if (call.kind === 'broadcast' || call.kind === 'agent_leg') return 'answered';
  if (call.kind === 'inbound') return 'missed';
  // Answered (in progress or completed) and never bridged.
  return call.status === 'completed' ? 'abandoned' : 'no_answer';
}

/** At least this long between two attempts on the same lead (issue 6 §5). */
export const MIN_RETRY_MINUTES = 2;
const MINUTE_MS = 60_000;

export type AfterCall = { retry: true; at: Date } | { retry: false };

/**
 * Seed 001's retry policy after a lead's call: another attempt (no sooner than 2 minutes, and no sooner than the
 * campaign's lockout after an abandoned call), or the step is done with this lead.
 */
export function afterCall(
  disposition: CallDisposition,
  attempt: number,
  policy: RetryPolicy,
  lockoutMinutes: number,
  now: Date,
): AfterCall {
  const maxAttempts = policy.max_attempts ?? 3;
  if (attempt >= maxAttempts) return { retry: false };
  const wanted: Record<CallDisposition, boolean> = {
    answered: false,
    missed: false,
    voicemail: policy.retry_on_voicemail ?? false,
    no_answer: policy.retry_on_no_answer ?? true,
    busy: policy.retry_on_busy ?? true,
    failed: true,
    abandoned: true,
  };
  if (!wanted[disposition]) return { retry: false };
  let minutes = Math.max(MIN_RETRY_MINUTES, policy.delay_minutes ?? 60);
  if (disposition === 'abandoned') minutes = Math.max(minutes, lockoutMinutes);
  return { retry: true, at: new Date(now.getTime() + minutes * MINUTE_MS) };
}

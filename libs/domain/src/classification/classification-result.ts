import { ProviderError, REPLY_LABELS, ReplyClassification } from '@app/providers';

/** What a STOP keyword alone is, without asking a model: the opt-out was recorded when it arrived. */
export function keywordUnsubscribe(keyword: string): ReplyClassification {
  return {
    label: 'unsubscribe',
    confidence: 1,
    reason: `The opt-out keyword ${keyword} (recorded when the message arrived).`,
    return_date: null,
    referral: null,
    language: null,
  };
}

/** START or UNSTOP: an opt-in, applied when the message arrived; no model reads it (one might read "stop" in it). */
export function keywordOptIn(keyword: string): ReplyClassification {
  return {
    label: 'neutral',
    confidence: 1,
    reason: `The opt-in keyword ${keyword} (recorded when the message arrived).`,
    return_date: null,
    referral: null,
    language: null,
  };
}

const text = (v: unknown, max: number): string | null =>
  typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : null;

function validDate(v: unknown): string | null {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return null;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v) ? v : null;
}

/**
 * A provider's answer as it is stored: the label must be one of REPLY_LABELS (else the answer is unusable:
 * ProviderError `invalid_response`, which falls back to the local provider); the rest is bounded to what the
 * columns hold (confidence 0..1, a reason, a real date, a referral with at least one field, a short language).
 */
export function normalizeClassification(output: ReplyClassification): ReplyClassification {
  const label = output?.label;
  if (!(REPLY_LABELS as readonly string[]).includes(label)) {
    throw new ProviderError({
      provider: 'openai',
      kind: 'invalid_response',
      message: `The classifier answered an unknown label: ${String(label).slice(0, 40)}`,
      retryable: false,
    });
  }
  const confidence = Number.isFinite(output.confidence) ? Math.min(1, Math.max(0, output.confidence)) : 0.5;
  const referral = output.referral
    ? {
        name: text(output.referral.name, 200),
        email: text(output.referral.email, 320),
        phone: text(output.referral.phone, 64),
      }
    : null;
  return {
    label,
    confidence,
    reason: text(output.reason, 500) ?? `Classified ${label.replace(/_/g, ' ')}.`,
    return_date: label === 'out_of_office' ? validDate(output.return_date) : null,
    referral:
      label === 'wrong_person' && referral && (referral.name || referral.email || referral.phone)
        ? referral
        : null,
    language: text(output.language, 8),
  };
}

/** How the referral reads in the activity log: "Jane Smith (jane@acme.com)". */
export function describeReferral(referral: ReplyClassification['referral']): string | null {
  if (!referral) return null;
  const contact = [referral.email, referral.phone].filter(Boolean).join(', ');
  if (referral.name) return contact ? `${referral.name} (${contact})` : referral.name;
  return contact || null;
}

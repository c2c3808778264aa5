import { REPLY_LABELS, ReplyLabel } from '@app/providers';

/**
 * Lead scoring (issue 7 item 2, seed 002): a score of 0-100 from the intent of the lead's latest reply and its
 * engagement, with weights kept in the tenant's settings (`settings.scoring`, any key left out keeps its
 * default; keys may be snake_case or camelCase, as the tenant settings keep what the client sent).
 *
 *   score = round(intent_weight × intent[label] × (0.5 + 0.5 × confidence) + engagement), clamped to 0..100
 *   engagement = per_reply × min(replies, max_replies) + per_email_open × min(opens, max_opens)
 *              + per_click × min(clicks, max_clicks)
 */
export interface ScoringSettings {
  /** At or above it the lead is `qualified` (and crossing it upward raises `lead.qualified`). */
  qualified_threshold: number;
  /** Points of each reply class before weighting (0..100). */
  intent: Record<ReplyLabel, number>;
  engagement: {
    per_reply: number;
    max_replies: number;
    per_email_open: number;
    max_opens: number;
    per_click: number;
    max_clicks: number;
  };
  /** How much of the score the intent makes (0..1); engagement adds to it. */
  intent_weight: number;
}

export const DEFAULT_SCORING: ScoringSettings = {
  qualified_threshold: 70,
  intent: {
    meeting_request: 95,
    interested: 88,
    question: 55,
    not_now: 30,
    neutral: 25,
    out_of_office: 20,
    wrong_person: 10,
    not_interested: 5,
    unsubscribe: 0,
  },
  engagement: { per_reply: 4, max_replies: 3, per_email_open: 2, max_opens: 3, per_click: 5, max_clicks: 2 },
  intent_weight: 0.85,
};

/** What the lead did besides its latest reply's words. */
export interface Engagement {
  /** The lead's inbound messages with text (the one being scored included). */
  replies: number;
  /** Outbound emails the lead opened. */
  email_opens: number;
  /** Outbound emails with a tracked link the lead clicked. */
  clicks: number;
}

export const QUALIFICATION_STATUSES = [
  'qualified',
  'meeting_requested',
  'disqualified',
  'nurture',
  'in_progress',
] as const;
export type QualificationStatus = (typeof QUALIFICATION_STATUSES)[number];

const DISQUALIFYING: readonly ReplyLabel[] = ['not_interested', 'unsubscribe', 'wrong_person'];
const NURTURE: readonly ReplyLabel[] = ['not_now', 'out_of_office'];

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function record(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [snake(k), v]));
}

function number(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max
    ? value
    : fallback;
}

/**
 * The tenant's weights over the defaults. A value that is not a number in its range keeps the default (the
 * tenant settings are free-form JSON: a bad value must never stop a lead from being scored).
 */
export function scoringSettings(tenantSettings: Record<string, unknown> | null | undefined): ScoringSettings {
  const given = record(tenantSettings?.scoring);
  const intent = record(given.intent);
  const engagement = record(given.engagement);
  const d = DEFAULT_SCORING;
  return {
    qualified_threshold: number(given.qualified_threshold, d.qualified_threshold, 0, 100),
    intent: Object.fromEntries(
      REPLY_LABELS.map((label) => [label, number(intent[label], d.intent[label], 0, 100)]),
    ) as Record<ReplyLabel, number>,
    engagement: {
      per_reply: number(engagement.per_reply, d.engagement.per_reply, 0, 100),
      max_replies: number(engagement.max_replies, d.engagement.max_replies, 0, 1000),
      per_email_open: number(engagement.per_email_open, d.engagement.per_email_open, 0, 100),
      max_opens: number(engagement.max_opens, d.engagement.max_opens, 0, 1000),
      per_click: number(engagement.per_click, d.engagement.per_click, 0, 100),
      max_clicks: number(engagement.max_clicks, d.engagement.max_clicks, 0, 1000),
    },
    intent_weight: number(given.intent_weight, d.intent_weight, 0, 1),
  };
}

export function engagementPoints(engagement: Engagement, settings: ScoringSettings): number {
  const e = settings.engagement;
  const capped = (n: number, max: number) => Math.min(Math.max(0, n), max);
  return (
    e.per_reply * capped(engagement.replies, e.max_replies) +
    e.per_email_open * capped(engagement.email_opens, e.max_opens) +
    e.per_click * capped(engagement.clicks, e.max_clicks)
  );
}

/** The score of a lead whose latest reply is `label` with `confidence` (0..1). */
export function leadScore(
  label: ReplyLabel,
  confidence: number,
  engagement: Engagement,
  settings: ScoringSettings,
): number {
  const sure = Math.min(1, Math.max(0, Number.isFinite(confidence) ? confidence : 0));
  const intent = settings.intent_weight * settings.intent[label] * (0.5 + 0.5 * sure);
  return Math.min(100, Math.max(0, Math.round(intent + engagementPoints(engagement, settings))));
}

/**
 * The lead's qualification after a reply: a meeting request flags it; a refusal, an opt-out or the wrong person
 * disqualify it; a timing objection or an absence puts it in nurture; otherwise the score decides.
 */
export function qualificationStatus(
  label: ReplyLabel,
  score: number,
  settings: ScoringSettings,
): QualificationStatus {
  if (label === 'meeting_request') return 'meeting_requested';
  if (DISQUALIFYING.includes(label)) return 'disqualified';
  if (NURTURE.includes(label)) return 'nurture';
  return score >= settings.qualified_threshold ? 'qualified' : 'in_progress';
}

/** The score crossed the threshold upward (once per crossing: from below it to at or above it). */
export function crossedThreshold(before: number, after: number, settings: ScoringSettings): boolean {
  return before < settings.qualified_threshold && after >= settings.qualified_threshold;
}

import type { AiMode } from '@app/db';
import type { ReplyLabel } from '@app/providers';

/**
 * Classes of a reply the AI never answers (the classification job does not ask for them either). `neutral` is also
 * what a classifier answers when it found no intent, where a missed opt-out would hide: nobody answers "ok, thanks".
 */
export const NO_AUTO_REPLY_LABELS: readonly ReplyLabel[] = [
  'unsubscribe',
  'out_of_office',
  'wrong_person',
  'not_interested',
  'neutral',
];

/** Below this confidence the class is a guess: a human reads the reply instead of the AI answering it. */
export const AUTO_REPLY_MIN_CONFIDENCE = 0.6;

/**
 * The AI's answers in a conversation, in a day, with no human agent writing between: past them the AI stops
 * answering (two bots answering each other, a lead's auto-responder), until an agent writes.
 */
export const AUTO_REPLY_MAX_IN_A_ROW = 10;

/** What the `ai.auto-reply` job knows of one inbound message when it decides. */
export interface AutoReplyFacts {
  /** The tenant's `settings.ai.auto_reply` (default off). */
  enabled: boolean;
  /** The message is an inbound one of a lead that still exists. */
  inbound: boolean;
  ai_mode: AiMode;
  /**
   * A human holds the lead on any channel: another of its conversations is with humans, or a running enrollment of
   * it is taken over (`ai_paused`).
   */
  overridden: boolean;
  /** A human agent wrote in the conversation after this message. */
  agent_after: boolean;
  /** The lead wrote again after this message (the newer one has its own job). */
  newer_inbound: boolean;
  label: ReplyLabel | null;
  /** The classification's confidence (null when the message was not classified). */
  confidence: number | null;
  /** The AI's messages in the conversation before this one, since an agent last wrote, within a day. */
  ai_in_a_row: number;
}

export type AutoReplySkip =
  | 'not_inbound'
  | 'disabled'
  | 'human_mode'
  | 'overridden'
  | 'agent_answered'
  | 'superseded'
  | 'label'
  | 'uncertain'
  | 'too_many_in_a_row';

/** Whether the AI answers: the first reason it does not, or null when it does (issue 7 item 3). */
export function autoReplySkip(facts: AutoReplyFacts): AutoReplySkip | null {
  if (!facts.inbound) return 'not_inbound';
  if (!facts.enabled) return 'disabled';
  if (facts.ai_mode !== 'auto') return 'human_mode';
  if (facts.overridden) return 'overridden';
  if (facts.agent_after) return 'agent_answered';
  if (facts.newer_inbound) return 'superseded';
  if (facts.label && NO_AUTO_REPLY_LABELS.includes(facts.label)) return 'label';
  if (facts.confidence !== null && facts.confidence < AUTO_REPLY_MIN_CONFIDENCE) return 'uncertain';
  if (facts.ai_in_a_row >= AUTO_REPLY_MAX_IN_A_ROW) return 'too_many_in_a_row';
  return null;
}

/** The tenant's `settings.ai.auto_reply` (also read as `autoReply`): on only when it is `true`. */
export function autoReplyEnabled(settings: Record<string, unknown> | null | undefined): boolean {
  const ai = settings?.ai;
  if (!ai || typeof ai !== 'object' || Array.isArray(ai)) return false;
  const value = (ai as Record<string, unknown>).auto_reply ?? (ai as Record<string, unknown>).autoReply;
  return value === true;
}

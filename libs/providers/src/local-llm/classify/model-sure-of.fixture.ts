import { REPLY_LABELS, type ReplyLabel } from '../../llm/llm-tasks';
import { combineWithModel, decideByRules } from './decide-label';
import { matchSignals } from './match-signals';
import { normaliseText } from './normalise-text';

const NONE = Object.fromEntries(REPLY_LABELS.map((label) => [label, 0])) as Record<ReplyLabel, number>;

/**
 * The rules' decision on `text` beside a trained model sure (p 0.9) of `label`: for rules that must hold whatever
 * the next retraining learns (a rules-only case whose expected label is neutral passes trivially).
 */
export function withModelSureOf(text: string, label: ReplyLabel): ReplyLabel {
  const { scores, hits } = matchSignals(normaliseText(text));
  const sure = { ...NONE, neutral: 0.05, question: 0.05, [label]: 0.9 };
  return combineWithModel(decideByRules(scores, hits), scores, sure, false, hits.length === 0).label;
}

import { REPLY_LABELS, type ReplyLabel } from '../../llm/llm-tasks';
import { combineWithModel, decideByRules } from './decide-label';
import { matchSignals } from './match-signals';
import { normaliseText } from './normalise-text';

const NONE = Object.fromEntries(REPLY_LABELS.map((label) => [label, 0])) as Record<ReplyLabel, number>;

/** The rules' decision beside a model sure (p 0.9) of `label`. */
function withModelSureOf(text: string, label: ReplyLabel): ReplyLabel {
  const { scores, hits } = matchSignals(normaliseText(text));
  const sure = { ...NONE, neutral: 0.05, question: 0.05, [label]: 0.9 };
  return combineWithModel(decideByRules(scores, hits), scores, sure, false).label;
}

describe('a habit given up is not the company left', () => {
  it.each(['I quit smoking last spring', 'We gave up sugar in January.', 'She finally stopped vaping!'])(
    'stays neutral beside a model sure of a wrong person: %s',
    (text) => {
      expect(withModelSureOf(text, 'wrong_person')).toBe('neutral');
    },
  );

  it.each(['I quit in March, try Paul Evans', 'She left the company last year'])(
    'leaving the company is still a wrong person: %s',
    (text) => {
      expect(withModelSureOf(text, 'wrong_person')).toBe('wrong_person');
    },
  );
});

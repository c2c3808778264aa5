import { REPLY_LABELS, type ReplyLabel } from '../../llm/llm-tasks';
import { combineWithModel, decideByRules, MODEL_OPT_OUT_ALONE, MODEL_OPT_OUT_UNREAD } from './decide-label';
import { matchSignals } from './match-signals';
import { ReplyModel, trainReplyModel } from './model/reply-model';
import { normaliseText } from './normalise-text';
import { labelReplyText } from './reply-classifier';

const NONE = Object.fromEntries(REPLY_LABELS.map((label) => [label, 0])) as Record<ReplyLabel, number>;
/** A model whose first choice is `unsubscribe` at probability `p`, the rest on neutral. */
const leaning = (p: number) => ({ ...NONE, unsubscribe: p, neutral: 1 - p });
const unread = (p: number) => combineWithModel(decideByRules(NONE, []), NONE, leaning(p), false, true).label;

describe('combineWithModel: an opt-out the model states alone', () => {
  it('is stated from MODEL_OPT_OUT_UNREAD when no rule matched anything', () => {
    expect(MODEL_OPT_OUT_UNREAD).toBeLessThan(MODEL_OPT_OUT_ALONE);
    expect(unread(0.85)).toBe('unsubscribe');
    expect(unread(MODEL_OPT_OUT_UNREAD)).toBe('unsubscribe');
    expect(unread(0.75)).toBe('neutral');
  });

  it('needs MODEL_OPT_OUT_ALONE when the rules read something, such as a notice telling its readers how to stop it', () => {
    const { scores, hits } = matchSignals(
      normaliseText(
        'Case 8812 opened. Reply STOP if you do not want to receive further texts about this case.',
      ),
    );
    expect(hits.length).toBeGreaterThan(0);
    const decide = (p: number) =>
      combineWithModel(decideByRules(scores, hits), scores, leaning(p), false, hits.length === 0).label;
    expect(decide(0.9)).not.toBe('unsubscribe');
    expect(decide(0.96)).toBe('unsubscribe');
  });

  it('needs MODEL_OPT_OUT_ALONE by default', () => {
    expect(combineWithModel(decideByRules(NONE, []), NONE, leaning(0.9), false).label).toBe('neutral');
  });
});

/** A model whose answer is fixed: `unsubscribe` at 0.9, whatever the text. */
class LeaningModel extends ReplyModel {
  constructor() {
    super(trainReplyModel([{ text: 'zorbly', label: 'neutral' }], { minDocs: 1 }));
  }

  override probabilities(): Record<ReplyLabel, number> {
    return leaning(0.9);
  }
}

describe('the classifier: where the rules read nothing', () => {
  const label = (text: string) =>
    labelReplyText({ text, received_at: '2026-12-06T09:00:00Z' }, new LeaningModel()).label;

  it('lets a model at 0.9 state an opt-out worded unlike any rule', () => {
    expect(matchSignals(normaliseText('Consider this my goodbye to your mailing list.')).hits).toEqual([]);
    expect(label('Consider this my goodbye to your mailing list.')).toBe('unsubscribe');
  });

  it('does not when the rules set an opt-out phrase aside as somebody else’s', () => {
    const read = matchSignals(normaliseText('My wife says please remove her from your list'));
    expect(read).toMatchObject({ hits: [], optOutSetAside: true });
    expect(label('My wife says please remove her from your list')).not.toBe('unsubscribe');
  });
});

import { REPLY_LABELS, type ReplyLabel } from '../../../llm/llm-tasks';
import { MODEL_OPT_OUT_ALONE, MODEL_OPT_OUT_UNREAD } from '../decide-label';
import { labelReplyText } from '../reply-classifier';
import { builtInReplyModel } from './built-in-model';
import { ReplyModel, trainReplyModel } from './reply-model';

const at = { received_at: '2026-11-30T09:00:00Z' };
const classify = (text: string, model?: ReplyModel | null) => labelReplyText({ text, ...at }, model);

/** A reply long enough for the model alone to opt it out (MODEL_OPT_OUT_MIN_WORDS), in words no rule knows. */
const FOUR_WORDS = 'plinkett and plinkett again';

/** A toy model: made-up words that no rule knows, each taught as one label. */
function toyModel(words: Partial<Record<ReplyLabel, string>>, temperaturePerFeature?: number): ReplyModel {
  const examples = Object.entries(words).flatMap(([label, word]) =>
    Array.from({ length: 6 }, (_, i) => ({ text: `${word} ${word}${i}`, label: label as ReplyLabel })),
  );
  return new ReplyModel(trainReplyModel(examples, { alpha: 0.1, minDocs: 1 }), temperaturePerFeature);
}

describe('ReplyModel', () => {
  it('the built-in model gives a probability to every label', () => {
    const p = builtInReplyModel().probabilities('can you send me the pricing', []);
    expect(Object.keys(p).sort()).toEqual([...REPLY_LABELS].sort());
    expect(Object.values(p).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('answers where no rule finds an intent, with a low confidence', () => {
    const model = toyModel({ interested: 'zorbly', not_interested: 'quaxel' });
    const r = classify('zorbly zorbly zorbly', model);
    expect(r.label).toBe('interested');
    expect(r.confidence).toBeLessThanOrEqual(0.55);
    expect(r.reason).toMatch(/^Interested: the trained model/);
    expect(classify('quaxel quaxel', model).label).toBe('not_interested');
  });

  it('answers unsubscribe on its own only when sure of it, otherwise with an opt-out cue of the rules', () => {
    // Less flattened posteriors make the same toy model sure.
    const sure = toyModel({ unsubscribe: 'plinkett', neutral: 'wobble' }, 0.1);
    expect(sure.probabilities(FOUR_WORDS, []).unsubscribe).toBeGreaterThanOrEqual(MODEL_OPT_OUT_ALONE);
    expect(classify(FOUR_WORDS, sure)).toMatchObject({
      label: 'unsubscribe',
      reason: expect.stringMatching(/sure of an opt-out/),
    });
    expect(classify(FOUR_WORDS, sure).confidence).toBeLessThanOrEqual(0.55);
    // Sure as it is of a reply of fewer words (MODEL_OPT_OUT_MIN_WORDS), the model alone does not opt it out.
    expect(sure.probabilities('plinkett', []).unsubscribe).toBeGreaterThanOrEqual(MODEL_OPT_OUT_ALONE);
    expect(classify('plinkett', sure).label).not.toBe('unsubscribe');
    const model = toyModel({ unsubscribe: 'plinkett', neutral: 'wobble' });
    expect(model.probabilities('plinkett plinkett', []).unsubscribe).toBeLessThan(MODEL_OPT_OUT_UNREAD);
    expect(classify('plinkett plinkett', model).label).not.toBe('unsubscribe');
    // "this is a private number" is a weak opt-out cue: not a request by itself, enough with the model.
    expect(classify('plinkett plinkett, this is a private number', model).label).toBe('unsubscribe');
  });

  it('needs less certainty for an opt-out where no rule matched anything', () => {
    const model = toyModel({ unsubscribe: 'plinkett', neutral: 'wobble' }, 0.15);
    const p = model.probabilities(FOUR_WORDS, []).unsubscribe;
    expect(p).toBeGreaterThanOrEqual(MODEL_OPT_OUT_UNREAD);
    expect(p).toBeLessThan(MODEL_OPT_OUT_ALONE);
    expect(classify(FOUR_WORDS, model)).toMatchObject({
      label: 'unsubscribe',
      reason: expect.stringMatching(/sure of an opt-out/),
    });
  });

  it('does not overrule a confident rule', () => {
    const model = toyModel({ neutral: 'remove me from your list' });
    expect(classify('Please remove me from your list.', model).label).toBe('unsubscribe');
    expect(classify('Can we talk Thursday at 3pm?', toyModel({ neutral: 'talk thursday' })).label).toBe(
      'meeting_request',
    );
  });

  it('says neutral, unsure, when neither the rules nor the model find much', () => {
    const r = classify('Mum can you grab milk on the way home');
    expect(r.confidence).toBeLessThanOrEqual(0.55);
    expect(classify('Write a haiku about autumn').label).toBe('neutral');
  });

  it('classifies by the rules alone without a model', () => {
    expect(classify('Please remove me from your list.', null).label).toBe('unsubscribe');
    expect(classify('zorbly', null)).toMatchObject({ label: 'neutral' });
  });
});

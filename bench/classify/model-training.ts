/**
 * Training of the reply classifier's fallback model (issue 7, "Quality"): the DEV replies only, plus the unit
 * tests' own hand-written examples (our wording, not taken from the labelled set).
 */
import type { ReplyLabel } from '../../libs/providers/src/llm/llm-tasks';
import type { NaiveBayesModel } from '../../libs/providers/src/local-llm/classify/model/naive-bayes';
import {
  trainReplyModel,
  type ReplyExample,
} from '../../libs/providers/src/local-llm/classify/model/reply-model';
import { REPLY_EXAMPLES } from '../../libs/providers/src/local-llm/classify/reply-examples.fixture';
import { HARD_REPLY_EXAMPLES } from '../../libs/providers/src/local-llm/classify/reply-hard-examples.fixture';
import { MULTILINGUAL_REPLY_EXAMPLES } from '../../libs/providers/src/local-llm/classify/reply-multilingual.fixture';
import { OPT_OUT_COMPOSED_EXAMPLES } from '../../libs/providers/src/local-llm/classify/reply-opt-out-composed.fixture';
import { OPT_OUT_FAMILY_EXAMPLES } from '../../libs/providers/src/local-llm/classify/reply-opt-out-families.fixture';
import { OPT_OUT_PATTERN_EXAMPLES } from '../../libs/providers/src/local-llm/classify/reply-opt-out-patterns.fixture';
import { OPT_OUT_PLAIN_ENGLISH_EXAMPLES } from '../../libs/providers/src/local-llm/classify/reply-opt-out-plain-english.fixture';
import { OPT_OUT_EXAMPLES } from '../../libs/providers/src/local-llm/classify/reply-opt-out.fixture';
import { PARAPHRASE_REPLY_EXAMPLES } from '../../libs/providers/src/local-llm/classify/reply-paraphrase.fixture';
import { REALISTIC_REPLY_EXAMPLES } from '../../libs/providers/src/local-llm/classify/reply-realistic.fixture';
import { STYLED_REPLY_EXAMPLES } from '../../libs/providers/src/local-llm/classify/reply-styled.fixture';
import type { LabelledReply } from './split';

/** Smoothing and pruning of the stored model (chosen by cross-validation over the dev half). */
export const TRAIN_OPTIONS = { alpha: 0.1, minDocs: 2 };

/** The unit tests' examples with a definite label (the opt-out look-alikes marked only "not unsubscribe" are left out). */
export const HAND_WRITTEN_EXAMPLES: ReplyExample[] = [
  ...REPLY_EXAMPLES,
  ...HARD_REPLY_EXAMPLES,
  ...MULTILINGUAL_REPLY_EXAMPLES,
  ...STYLED_REPLY_EXAMPLES,
  ...REALISTIC_REPLY_EXAMPLES,
  ...PARAPHRASE_REPLY_EXAMPLES,
  ...[
    ...OPT_OUT_EXAMPLES,
    ...OPT_OUT_PATTERN_EXAMPLES,
    ...OPT_OUT_COMPOSED_EXAMPLES,
    ...OPT_OUT_FAMILY_EXAMPLES,
    ...OPT_OUT_PLAIN_ENGLISH_EXAMPLES,
  ].filter((e): e is [string, ReplyLabel] => e[1] !== 'not_unsub'),
].map(([text, label]) => ({ text, label }));

export function trainOn(replies: LabelledReply[], handWritten = HAND_WRITTEN_EXAMPLES): NaiveBayesModel {
  return trainReplyModel(
    [...replies.map((r) => ({ text: r.text, label: r.label })), ...handWritten],
    TRAIN_OPTIONS,
  );
}

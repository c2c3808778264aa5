import {
  CHASE_BOUNDARY_GUARDS,
  CHASE_BOUNDARY_OPT_OUT_SIGNALS,
  CHASE_BOUNDARY_SIGNALS,
} from './chase-boundary.signals';
import { CONTACT_SWAP_GUARDS } from './contact-swap.signals';
import { HOURS_LIMIT_GUARDS } from './hours-limit.signals';
import { OUT_OF_OFFICE_SIGNALS, WRONG_PERSON_SIGNALS } from './away.signals';
import {
  NUMBER_OWNER_GUARDS,
  NUMBER_OWNER_OPT_OUT_SIGNALS,
  NUMBER_OWNER_SIGNALS,
} from './number-owner.signals';
import { COMPLAINT_OPT_OUT_SIGNALS } from './opt-out-complaint.signals';
import { INTEREST_SIGNALS, REFUSAL_GUARDS, REFUSAL_SIGNALS } from './interest.signals';
import { MEETING_SIGNALS } from './meeting.signals';
import {
  MACHINE_REPLY_GUARDS,
  MACHINE_REPLY_OPT_OUT_SIGNALS,
  MACHINE_REPLY_SIGNALS,
} from './machine-replies.signals';
import { MORE_LANGUAGE_OPT_OUT_SIGNALS, MORE_LANGUAGE_SIGNALS } from './more-languages.signals';
import {
  PROBE32_LANGUAGE_GUARDS,
  PROBE32_LANGUAGE_OPT_OUT_SIGNALS,
  PROBE32_LANGUAGE_SIGNALS,
} from './probe32-languages.signals';
import {
  PROBE36_LANGUAGE_GUARDS,
  PROBE36_LANGUAGE_OPT_OUT_SIGNALS,
  PROBE36_LANGUAGE_SIGNALS,
} from './probe36-languages.signals';
import { BOUNDARY_OPT_OUT_GUARDS, BOUNDARY_OPT_OUT_SIGNALS } from './opt-out-boundary.signals';
import { ANNOYED_OPT_OUT_SIGNALS } from './opt-out-annoyance.signals';
import { CHAT_OPT_OUT_SIGNALS } from './opt-out-chat.signals';
import { HOUSEHOLD_OPT_OUT_SIGNALS } from './opt-out-household.signals';
import { COMPOSED_OPT_OUT_GUARDS, COMPOSED_OPT_OUT_SIGNALS } from './opt-out-composed.signals';
import { INDIRECT_OPT_OUT_GUARDS, INDIRECT_OPT_OUT_SIGNALS } from './opt-out-indirect.signals';
import { MIXED_INTENT_GUARDS } from './opt-out-mixed-intent.signals';
import { ENGLISH_INDIRECT_OPT_OUT_SIGNALS } from './opt-out-indirect-english.signals';
import { EMAIL_ENGLISH_OPT_OUT_GUARDS, EMAIL_ENGLISH_OPT_OUT_SIGNALS } from './opt-out-email-english.signals';
import { OBJECTION_OPT_OUT_SIGNALS } from './opt-out-objection-english.signals';
import {
  ENGLISH_LOOK_ALIKE_GUARDS,
  ENGLISH_LOOK_ALIKE_OPT_OUT_SIGNALS,
} from './opt-out-look-alikes-english.signals';
import { OPT_OUT_GUARDS, OPT_OUT_SIGNALS } from './opt-out.signals';
import { UNSTATED_OPT_OUT_GUARDS, UNSTATED_OPT_OUT_SIGNALS } from './opt-out-unstated.signals';
import { PLAIN_ENGLISH_OPT_OUT_SIGNALS } from './opt-out-plain-english.signals';
import {
  REGIONAL_ENGLISH_LOOK_ALIKE_GUARDS,
  REGIONAL_ENGLISH_OPT_OUT_SIGNALS,
} from './opt-out-regional-english.signals';
import {
  EUROPEAN_PARAPHRASE_GUARDS,
  EUROPEAN_PARAPHRASE_OPT_OUT_SIGNALS,
  EUROPEAN_PARAPHRASE_SIGNALS,
} from './european-paraphrase.signals';
import {
  EUROPEAN_PARAPHRASE_MORE_GUARDS,
  EUROPEAN_PARAPHRASE_MORE_SIGNALS,
} from './european-paraphrase-more.signals';
import { PROBE31_GUARDS, PROBE31_SIGNALS } from './probe31-email.signals';
import { PROBE37_STOP_WORD_GUARDS, PROBE37_STOP_WORD_SIGNALS } from './probe37-stop-words.signals';
import {
  PROBE39_SHORT_FORM_GUARDS,
  PROBE39_SHORT_FORM_OPT_OUT_SIGNALS,
  PROBE39_SHORT_FORM_SIGNALS,
} from './probe39-short-forms.signals';
import { PROBE38_GUARDS, PROBE38_SIGNALS } from './probe38-long-messages.signals';
import { PROBE40_LOOK_ALIKE_GUARDS, PROBE40_LOOK_ALIKE_SIGNALS } from './probe40-look-alikes.signals';
import { NEUTRAL_GUARDS, NEUTRAL_SIGNALS, QUESTION_SIGNALS } from './question.signals';
import type { Signal } from './signal';
import { TIMING_SIGNALS } from './timing.signals';

export { NEAR_TIME_SIGNALS } from './meeting.signals';
export {
  BARE_STOP,
  NEGATION_BEFORE,
  OPT_OUT_EMOJI,
  OPT_OUT_KEYWORD,
  TEMPORAL_AFTER,
} from './opt-out.signals';
export type { Signal } from './signal';

/** Guards first (look-alikes, negated interest), then every other signal. */
export const GUARD_SIGNALS: Signal[] = [
  ...PROBE40_LOOK_ALIKE_GUARDS,
  ...PROBE37_STOP_WORD_GUARDS,
  ...MACHINE_REPLY_GUARDS,
  ...NUMBER_OWNER_GUARDS,
  ...CONTACT_SWAP_GUARDS,
  ...HOURS_LIMIT_GUARDS,
  ...ENGLISH_LOOK_ALIKE_GUARDS,
  ...EMAIL_ENGLISH_OPT_OUT_GUARDS,
  ...REGIONAL_ENGLISH_LOOK_ALIKE_GUARDS,
  ...EUROPEAN_PARAPHRASE_GUARDS,
  ...BOUNDARY_OPT_OUT_GUARDS,
  ...OPT_OUT_GUARDS,
  ...COMPOSED_OPT_OUT_GUARDS,
  ...INDIRECT_OPT_OUT_GUARDS,
  ...MIXED_INTENT_GUARDS,
  ...REFUSAL_GUARDS,
  ...NEUTRAL_GUARDS,
  ...EUROPEAN_PARAPHRASE_MORE_GUARDS,
  ...UNSTATED_OPT_OUT_GUARDS,
  ...PROBE31_GUARDS,
  ...PROBE32_LANGUAGE_GUARDS,
  ...PROBE36_LANGUAGE_GUARDS,
  ...CHASE_BOUNDARY_GUARDS,
  ...PROBE39_SHORT_FORM_GUARDS,
  ...PROBE38_GUARDS,
];

export const SIGNALS: Signal[] = [
  ...OPT_OUT_SIGNALS,
  ...CHAT_OPT_OUT_SIGNALS,
  ...COMPOSED_OPT_OUT_SIGNALS,
  ...MORE_LANGUAGE_OPT_OUT_SIGNALS,
  ...PROBE32_LANGUAGE_OPT_OUT_SIGNALS,
  ...PROBE36_LANGUAGE_OPT_OUT_SIGNALS,
  ...MACHINE_REPLY_OPT_OUT_SIGNALS,
  ...INDIRECT_OPT_OUT_SIGNALS,
  ...ANNOYED_OPT_OUT_SIGNALS,
  ...HOUSEHOLD_OPT_OUT_SIGNALS,
  ...NUMBER_OWNER_OPT_OUT_SIGNALS,
  ...COMPLAINT_OPT_OUT_SIGNALS,
  ...PLAIN_ENGLISH_OPT_OUT_SIGNALS,
  ...ENGLISH_INDIRECT_OPT_OUT_SIGNALS,
  ...OBJECTION_OPT_OUT_SIGNALS,
  ...EMAIL_ENGLISH_OPT_OUT_SIGNALS,
  ...REGIONAL_ENGLISH_OPT_OUT_SIGNALS,
  ...EUROPEAN_PARAPHRASE_OPT_OUT_SIGNALS,
  ...ENGLISH_LOOK_ALIKE_OPT_OUT_SIGNALS,
  ...BOUNDARY_OPT_OUT_SIGNALS,
  ...EUROPEAN_PARAPHRASE_MORE_SIGNALS,
  ...UNSTATED_OPT_OUT_SIGNALS,
  ...PROBE31_SIGNALS,
  ...PROBE38_SIGNALS,
  ...CHASE_BOUNDARY_OPT_OUT_SIGNALS,
  ...PROBE37_STOP_WORD_SIGNALS,
  ...PROBE39_SHORT_FORM_OPT_OUT_SIGNALS,
  ...PROBE40_LOOK_ALIKE_SIGNALS,
  ...OUT_OF_OFFICE_SIGNALS,
  ...WRONG_PERSON_SIGNALS,
  ...NUMBER_OWNER_SIGNALS,
  ...MEETING_SIGNALS,
  ...TIMING_SIGNALS,
  ...EUROPEAN_PARAPHRASE_SIGNALS,
  ...REFUSAL_SIGNALS,
  ...INTEREST_SIGNALS,
  ...QUESTION_SIGNALS,
  ...NEUTRAL_SIGNALS,
  ...MORE_LANGUAGE_SIGNALS,
  ...PROBE32_LANGUAGE_SIGNALS,
  ...PROBE36_LANGUAGE_SIGNALS,
  ...MACHINE_REPLY_SIGNALS,
  ...CHASE_BOUNDARY_SIGNALS,
  ...PROBE39_SHORT_FORM_SIGNALS,
];

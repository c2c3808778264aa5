import type { ReplyLabel } from '../../llm/llm-tasks';
import type { SignalHit } from './match-signals';
import { ANSWERS_IN_PERSON, ASKS_WHAT_ABOUT, BARE_STOP, NEAR_TIME_SIGNALS, STANDS_IN } from './signals';

/**
 * How the label is chosen: the rules' precedence (an explicit opt-out first, then an away reply unless the person
 * left, wrong person, a timing objection, a meeting, a refusal, interest), firm when a signal of weight 3 or more
 * decides; otherwise (a bare question mark, weak cues, no intent at all) the trained model's probabilities and
 * the rule scores are weighed together. The model alone chooses `unsubscribe` only when it is sure (an opt-out
 * cue of the rules lets it decide at any probability), never `out_of_office` (away replies are formulaic and the rules read them; a guess from words such
 * as "autumn" or "Monday" would pause a sequence for nothing) nor `not_now` (a timing objection names its time,
 * which the rules read: a season or a month alone, "a haiku about autumn", is none).
 */
export interface Decision {
  label: ReplyLabel;
  rule: string;
  /** Decided by a confident rule (the model is not asked). */
  firm: boolean;
  /** The model's probability of the label, when it was consulted. */
  probability: number | null;
}

type Scores = Record<ReplyLabel, number>;

const firm = (label: ReplyLabel, rule: string): Decision => ({ label, rule, firm: true, probability: null });
const weak = (label: ReplyLabel, rule: string): Decision => ({ label, rule, firm: false, probability: null });

export function decideByRules(s: Scores, hits: SignalHit[]): Decision {
  const optOuts = hits.filter((h) => h.signal.label === 'unsubscribe' && h.signal.weight >= 3);
  // "Stop! This is exactly what we need", "Stop! Perfect timing, call me at 3" — an exclamation, not a request,
  // when nothing else asks to stop and the rest is keen.
  const onlyExclamation = optOuts.length === 1 && optOuts[0].signal.name === BARE_STOP;
  const keen = (s.interested >= 3 || s.meeting_request >= 3) && s.not_interested === 0;
  // "Let's talk Thursday. P.S. you can stop sending the follow-ups now, I'm here": the chasing is what should
  // stop, not the conversation, when the rest is keen.
  const onlyChasing = optOuts.length > 0 && optOuts.every((h) => CHASING.test(h.text));
  if (s.unsubscribe >= 3 && !((onlyExclamation || onlyChasing) && keen)) {
    return firm('unsubscribe', 'a request to stop contact');
  }
  if (s.neutral >= 5) return firm('neutral', 'a receipt or automatic acknowledgement');
  // "Wrong number, but I might be interested myself", "I left Orbis, now at Kessler: can we talk Tuesday?": the
  // writer is not the contact meant but wants it for themselves. Pointing to someone else still hands it over.
  const forThemselves =
    keen && hits.every((h) => h.signal.label !== 'wrong_person' || h.signal.weight <= 0 || aboutTheWriter(h));
  // "Left the company" / "not the right person" outweighs an away notice; a mere "please contact Jane" does not,
  // nor a colleague who left when the writer says they are the right contact ("he left, I'm your contact now").
  const strongWrongPerson =
    s.wrong_person >= 4 && hits.some((h) => h.signal.label === 'wrong_person' && h.signal.weight >= 4);
  // "Herr Braun ist im Urlaub, ich vertrete ihn. Worum geht es?": who stands in for an absent contact is not the
  // contact, unless they say what they want themselves ("… schicken Sie mir eine Preisliste", a question of their
  // own). "I'm on holiday but this looks great, send a proposal", "I'm going on leave, write in March": a writer
  // who answers in person about an absence is read by what else they say.
  const standsIn = hits.some((h) => h.signal.name === STANDS_IN);
  const ownIntent = Math.max(s.interested, s.meeting_request, s.not_interested, s.not_now) >= 3;
  if (standsIn && !ownIntent) {
    const ownQuestion = s.question >= 2 && !hits.some((h) => h.signal.name === ASKS_WHAT_ABOUT);
    return ownQuestion
      ? firm('question', 'a question from who stands in for an absent contact')
      : firm('wrong_person', 'stands in for an absent contact');
  }
  const answersAbsence = ownIntent && (standsIn || hits.some((h) => h.signal.name === ANSWERS_IN_PERSON));
  if (!forThemselves && !answersAbsence && strongWrongPerson) {
    return firm('wrong_person', 'the person left or is not the contact');
  }
  if (s.out_of_office >= 3 && !answersAbsence) return firm('out_of_office', 'an away reply');
  // "Forwarded this to my boss, we're keen. Send pricing": passed on internally by someone who wants it.
  const keenHandOver = s.interested >= 3 && s.interested >= s.wrong_person && s.not_interested === 0;
  if (s.wrong_person >= 3 && !keenHandOver && !forThemselves && !answersAbsence)
    return firm('wrong_person', 'points to someone else');
  const nearMeeting = hits.some(
    (h) => h.signal.label === 'meeting_request' && NEAR_TIME_SIGNALS.has(h.signal.name),
  );
  if (s.not_now >= 3 && s.not_now >= s.interested && !(nearMeeting && s.meeting_request >= s.not_now))
    return firm('not_now', 'a timing objection');
  if (s.meeting_request >= 3 && s.meeting_request > s.not_interested)
    return firm('meeting_request', 'about a call or meeting');
  if (s.not_interested >= 3 && s.not_interested >= s.interested) return firm('not_interested', 'a refusal');
  if (s.interested >= 3) return firm('interested', 'positive interest');
  if (s.question >= 2) return weak('question', 'a question without stated interest');
  if (s.interested >= 2) return weak('interested', 'mild positive interest');
  if (s.not_interested >= 2) return weak('not_interested', 'a refusal');
  if (s.meeting_request >= 2) return weak('meeting_request', 'about a call or meeting');
  if (s.not_now >= 2) return weak('not_now', 'a timing objection');
  if (s.question >= 1 && s.neutral === 0) return weak('question', 'a question without stated interest');
  return weak('neutral', s.neutral > 0 ? 'an acknowledgement' : 'no intent found');
}

/** What an opt-out phrase names when it is the automatic chasing that should stop ("stop the reminders"). */
const CHASING =
  /\b(follow ?ups?|reminders?|chasers?|chasing|nudges?|bumps?|check ins?|relances?|relancer|solleciti|sollecit[io]|sollecitarmi|recordatorios?|seguimientos?|lembretes?|cobrancas?|erinnerungen|nachfass\w*|nachhak\w*|herinneringen|opvolg\w*)\b/;

/**
 * A wrong-person cue about the writer alone (wrong number, not the right person, "I left", retired), not about
 * someone else ("he left in October", a relative answering for someone who died) nor a pointer to a colleague.
 */
function aboutTheWriter(hit: SignalHit): boolean {
  if (hit.signal.name === 'has left') return /^i\b/.test(hit.text);
  return hit.signal.weight >= 4 && hit.signal.name !== 'has died';
}

/** How much a rule score (capped at 3, scaled to 0..1) counts next to the model's probability. */
export const RULE_WEIGHT = 1;
/** Below this probability, a label no rule supports is not worth stating: the reply reads as neutral. */
export const MODEL_FLOOR = 0.3;

/**
 * How sure the model must be to state an opt-out that no rule cue supports, when the rules matched something (a
 * signal or a guard: a notice that tells its readers how to stop it, "Reply STOP if you do not want …", a
 * question about opting out): they read the opt-out words and set them aside, which a model at 0.9 does not undo.
 */
export const MODEL_OPT_OUT_ALONE = 0.95;

/**
 * The same when the rules matched nothing at all (nor set an opt-out phrase aside as somebody else's: "my wife
 * says please remove her from your list"): the reply is worded unlike anything they know, and the model is
 * its only reader ("Consider this my goodbye to your mailing list", "Retire this number from whatever this is").
 * Held out by source (npm run classify:dev -- --cv-by source, "as if no rule had fired"), 0.95 caught 49 of 249
 * opt-outs, 0.8 149, both with no false opt-out (0.75 169 with none, 0.7 187 with 2); in 5-fold cross-validation
 * 0.8 makes no false opt-out among the replies that reach the model with no rule match, 0.7 makes 2.
 */
export const MODEL_OPT_OUT_UNREAD = 0.8;

/**
 * The fewest words a reply needs for the model alone to read an opt-out in it: a short one no rule read gives the
 * model a word or two to go on, and a familiar word ("hello again": "again", as in "never contact me again") then
 * made it sure of an opt-out, which silences a lead for good. A short opt-out is said in words the rules know.
 */
export const MODEL_OPT_OUT_MIN_WORDS = 4;

/**
 * A weak rule decision weighed with the model: argmax of probability + RULE_WEIGHT × scaled rule score. An opt-out
 * is never reached that way: only when the model's own first choice is `unsubscribe`, and either the rules saw an
 * opt-out cue (a weak one: "never signed up", "this is a private number", a bare "stop") or the model is sure
 * (MODEL_OPT_OUT_ALONE, or MODEL_OPT_OUT_UNREAD when `unread`: no signal nor guard of the rules matched, no opt-out phrase set aside)
 * in a reply of `words` words at least MODEL_OPT_OUT_MIN_WORDS.
 */
export function combineWithModel(
  rules: Decision,
  s: Scores,
  probabilities: Record<ReplyLabel, number>,
  optOutCue: boolean,
  unread = false,
  words = MODEL_OPT_OUT_MIN_WORDS,
): Decision {
  const entries = Object.entries(probabilities) as Array<[ReplyLabel, number]>;
  const modelFirst = entries.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  const sure = unread ? MODEL_OPT_OUT_UNREAD : MODEL_OPT_OUT_ALONE;
  const modelSure = probabilities.unsubscribe >= sure && words >= MODEL_OPT_OUT_MIN_WORDS;
  if (modelFirst === 'unsubscribe' && (optOutCue || modelSure)) {
    return {
      label: 'unsubscribe',
      rule: optOutCue ? 'an opt-out cue the trained model confirms' : 'the trained model, sure of an opt-out',
      firm: false,
      probability: probabilities.unsubscribe,
    };
  }
  let best: ReplyLabel = rules.label;
  let bestValue = -Infinity;
  for (const [label, p] of entries) {
    if (label === 'unsubscribe' || ((label === 'out_of_office' || label === 'not_now') && s[label] <= 0))
      continue;
    // "Sandra left us, remove her address; I remain your contact": the writer said they are the right contact.
    if (label === 'wrong_person' && s[label] < 0) continue;
    const value = p + (RULE_WEIGHT * Math.min(Math.max(s[label], 0), 3)) / 3;
    if (value > bestValue) {
      best = label;
      bestValue = value;
    }
  }
  const probability = probabilities[best];
  if (best === rules.label) return { ...rules, probability };
  if (s[best] <= 0 && probability < MODEL_FLOOR) {
    return { label: 'neutral', rule: 'no intent found', firm: false, probability: probabilities.neutral };
  }
  return {
    label: best,
    rule:
      s[best] > 0 ? 'weak cues confirmed by the trained model' : 'the trained model, no rule was decisive',
    firm: false,
    probability,
  };
}

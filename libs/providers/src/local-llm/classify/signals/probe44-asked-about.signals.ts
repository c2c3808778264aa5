import { s, type Signal } from './signal';

/**
 * Opt-outs asked as "how do I …" questions that ARE requests (probe 44): the writer asks how to leave this list,
 * for themselves and for these messages ("hoe meld ik me af voor deze berichten", "How do I remove myself from this").
 * Questions about opting out that do not ask for it ("what happens to my data if I unsubscribe", "hoe melden jullie
 * klanten zich af", "wie melde ich mich ab falls nötig") are told apart in opt-out-scope (askedAboutNotRequested),
 * also when typed without their "?".
 */

/** Not a case the writer only foresees ("… als het nodig is", "… if needed", "… later"). */
const NOT_FORESEEN =
  '(?![^.!?\\n]{0,30}\\b(als|indien|wanneer|mocht|if|later|ooit|eventually|someday|voor het geval|in case|nodig|needed)\\b)';

export const PROBE44_ASKED_ABOUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'asks how to get off the list (nl)',
    new RegExp(
      `\\bhoe (meld|schrijf) ik (me|mij) (af|uit)\\b${NOT_FORESEEN}|\\bhoe (kom|raak) ik (van|uit) (deze|jullie|die|de|uw) ([a-z]+ )?(lijst|mailinglijst|nieuwsbrief|database|berichten|mails)\\b`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'asks how to remove themselves',
    new RegExp(
      `\\bhow (do|can|could) (i|we) (remove|delete|take) (myself|ourselves|my (number|email|e ?mail address|details))( (from|off) (this|these|your|the))?\\b${NOT_FORESEEN}`,
    ),
  ),
];

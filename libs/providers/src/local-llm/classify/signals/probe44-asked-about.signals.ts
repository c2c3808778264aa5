import { s, type Signal } from './signal';

/**
 * Opt-outs asked as "how do I …" questions that ARE requests (probe 44): the writer asks how to leave this list,
 * for themselves and for these messages ("hoe meld ik me af voor deze berichten", "How do I remove myself from this").
 * Questions about opting out that do not ask for it ("what happens to my data if I unsubscribe", "hoe melden jullie
 * klanten zich af", "wie melde ich mich ab falls nötig") are told apart in opt-out-scope (askedAboutNotRequested),
 * also when typed without their "?"; a one-line question about opting out typed without its "?" is still a question.
 */

/** Not a case the writer only foresees ("… als het nodig is", "… if needed", "… later"). */
const NOT_FORESEEN =
  '(?![^.!?\\n]{0,30}\\b(als|indien|wanneer|mocht|if|later|ooit|eventually|someday|voor het geval|in case|nodig|needed)\\b)';

/**
 * A one-line question about opting out typed without its "?" ("se eu parar o teste perco meus dados", "hay forma de
 * recibir menos correos", "als ik me afmeld krijg ik dan nog mijn facturen"): it opens like a question and names an
 * opt-out, a stop or fewer messages.
 */
const UNMARKED_OPT_OUT_QUESTION =
  /^\s*((hi|hey|hello|so|ok|hallo|hoi|bonjour|hola|ciao|oi|ola)\b[ ,]*)?(if|will|does|is there|wenn|falls|si|se|als|kan ik|hay forma|tem como|c e un modo|gibt es|y a t il)\b[^.!?\n]{0,80}\b(unsubscri\w*|opt out|stop|stoppe|parar|paro|cancel\w*|abmeld\w*|afmeld\w*|desinscri\w*|desabonn\w*|baja|disiscri\w*|descadastr\w*|menos|minder|weniger|moins|meno|fewer|less)\b[^.!?\n]{0,80}$/;

export const PROBE44_ASKED_ABOUT_SIGNALS: Signal[] = [
  s('question', 2, 'asks about opting out without a "?"', UNMARKED_OPT_OUT_QUESTION),
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

import { ANSWERS_IN_PERSON } from './probe47-colleague-away.signals';
import { s, type Signal } from './signal';

/**
 * Probe 51: opt-outs beside a clause with its own date, absence or schedule, and away notices with opt-out words.
 * "Remove me, I'm away until January anyway", "unsubscribe, and no, I won't be free next week", "I'm on leave till
 * the 3rd but I don't want this when I'm back either": the date belongs to the absence, not to the opt-out (see
 * opt-out-away-clause). A refusal that reaches past the writer's return is an opt-out of its own. Against them: an
 * away notice that tells the reader how to opt out of something ("to unsubscribe from service alerts, log in …",
 * "visit hartwell.com/unsubscribe"), and a person who asks to hold contact until a time ("pause the emails until
 * January, I'm away", "leave it till then") or answers before leaving ("kurz vorher: kein Bedarf"): a reply written in
 * person, read by what it says, not an away reply. Patterns read
 * the normalised text (lowercase, no accents, "don't" → "do not", "I'm" → "i am").
 */

/**
 * A refusal that reaches past the writer's return ("I don't want these when I'm back either", "je n'en veux pas à mon
 * retour non plus", "aber auch danach nicht", "después tampoco los quiero", "neanche dopo", "também não quero … quando
 * voltar", "ook daarna wil ik dit niet"): the absence does not limit it. A wish not to come back to a pile of mail
 * ("I don't want them piling up when I'm back") names no "either" and stays out.
 */
export const REFUSED_AFTER_RETURN = new RegExp(
  [
    '\\b(do not|will not|would not) (want|need) (these|them|this|it|any|any more|texts?|e ?mails?|messages?|msgs?|calls?|anything|to hear from you)( (either|then|now|thanks))?( [a-z]+)? (after|afterwards|after that|thereafter)( (that|either|too|as well))?\\b',
    '\\b(do not|will not|would not) (want|need|wish to (receive|get|hear))\\b[^.!?\\n]{0,40}\\b(when|once|after) (i am|i get|i come|i return|we are|we get)( back)?\\b[^.!?\\n]{0,25}\\b(either|too|as well)\\b',
    '\\b(when|once|after) (i am|i get|i come|we are|we get) back,? (i |we )?still (will not|do not|would not) (want|need)\\b',
    '\\bstill (will not|do not|would not) (want|need)\\b[^.!?\\n]{0,30}\\b(when|once|after) (i am|i get|we are) back\\b',
    '\\bje n en (veux|voudrai) (pas|plus) (a mon retour|apres|ensuite)( non plus)?\\b',
    '\\bje ne (veux|voudrai|souhaite) (rien|plus rien|plus|pas)( [a-z]+){0,3} (a mon retour|apres mon retour|au retour|ensuite)( non plus)?\\b',
    '\\bauch (danach|nach meiner ruckkehr|nach dem urlaub) (nicht|keine|nichts)\\b(?! ([a-z]+ )?(sofort|gleich|direkt|erreichbar|da|verfugbar|im buro)\\b)',
    '\\b(danach|nach meiner ruckkehr) (auch|ebenfalls) (nicht|keine|nichts|kein)\\b(?! ([a-z]+ )?(sofort|gleich|direkt|erreichbar|da|verfugbar|im buro)\\b)',
    '\\btampoco (los |las |lo |la )?(quiero|necesito|me interesa)\\b',
    '\\b(despues|a la vuelta|cuando vuelva),? tampoco\\b',
    '\\b(nemmeno|neanche|neppure) (dopo|al (mio )?rientro|al ritorno|in seguito)\\b',
    '\\b(tambem nao|nem) (quero|preciso|os quero|as quero|me interessa)\\b[^.!?\\n]{0,25}\\b(quando voltar|depois|no regresso|na volta)\\b',
    '\\b(depois|quando voltar|no regresso|na volta),? tambem nao\\b',
    '\\book daarna (wil ik|hoef ik|niet|geen)\\b',
    '\\bdaarna (wil|hoef) ik (het|dit|ze|deze|die) ook (niet|geen)\\b',
  ].join('|'),
);

/** An automatic reply says so: what a person writing in their own words does not open with. */
export const AUTO_REPLY_MARKER =
  '(automatic reply|auto ?reply|auto ?response|automatic response|out of (the )?office|thank you for your (e ?mail|message)|thanks for your (e ?mail|message)|abwesenheitsnotiz|automatische antwort|reponse automatique|message d absence|respuesta automatica|risposta automatica|resposta automatica|automatisch antwoord)';

/**
 * A person asking to hold contact until a time ("pause the emails until January", "can you not message me until
 * then?", "leave it till then", "bitte bis Mitte Januar keine Nachrichten", "mettez en pause jusqu'au 15", "podem
 * parar os emails até janeiro?"): not in an automatic reply, which states its own absence.
 */
const HOLD_UNTIL = new RegExp(
  `\\b(pause|hold off|leave it|stop|do not (e ?mail|message|text|contact|write to|send)|not (e ?mail|message|text|contact|write to|send) (me|us|anything)|no more (e ?mails|messages|texts)|pausieren|pausiert|mettez en pause|mettre en pause|arretez|pausar|pausad|paren|parar|parem|sospendere|sospendete|pauzeren)\\b(?<!\\b${AUTO_REPLY_MARKER}\\b[\\s\\S]*)(?![\\s\\S]*\\b${AUTO_REPLY_MARKER}\\b)[^.!?\\n]{0,40}?\\b(until|till|til|bis|jusqu|hasta|fino a|fino al|ate|tot)\\b(?! \\d{1,2} ?(am|pm|uhr|h)\\b)|\\bbis [^.!?\\n]{0,25}\\b(keine (weiteren )?(nachrichten|mails|e ?mails|sms|anrufe)|nichts mehr)\\b(?<!\\b${AUTO_REPLY_MARKER}\\b[\\s\\S]*)(?![\\s\\S]*\\b${AUTO_REPLY_MARKER}\\b)`,
);

// prettier-ignore
export const PROBE51_AWAY_CLAUSE_GUARDS: Signal[] = [
  s('neutral', 0, 'a link to opt out', /\b[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(\/[a-z0-9._-]+)*\/[a-z0-9._-]*(unsubscribe|unsub|optout|opt out|preferences|abmelden|desinscription|desabonnement|baja|disiscrizione|afmelden|descadastro)[a-z0-9._/-]*/, 'guard'),
  s('neutral', 0, 'how the reader opts out of something', /\b(to|if you (would like|want|wish|no longer wish|do not wish|would prefer not) to) (unsubscribe|opt out|stop receiving|remove yourself|manage your (preferences|subscriptions?))( from [^,.!?\n]{1,40})?,? (please )?(log in|login|sign in|visit|go to|change|update|manage|adjust|open|use|see|contact|e ?mail|write to|call|follow)\b[^.!?\n]*/, 'guard'),
];

// prettier-ignore
export const PROBE51_AWAY_CLAUSE_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'refuses contact after the absence too', REFUSED_AFTER_RETURN),
  s('unsubscribe', 4, 'wants the address removed', /\b(make sure|ensure|check) (that )?(my|our) (address|e ?mail( address)?|details|number|data|name|contact details) (is|are|gets|get|has been|have been) (removed|deleted|taken off|erased|unsubscribed)\b/),
];

// prettier-ignore
export const PROBE51_AWAY_CLAUSE_SIGNALS: Signal[] = [
  s('not_now', 3, 'asks to hold contact until a time', HOLD_UNTIL),
  // "could you pause my sequence until I'm back on the 9th?": the return is when contact may resume.
  s('not_now', 3, 'holds contact until the writer is back', /\b(until|till|til) (i am|we are|i get|i come) back\b|\buntil (i return|my return)\b/),
  s('out_of_office', 0, ANSWERS_IN_PERSON, HOLD_UNTIL),
  // "Bin ab morgen im Urlaub. Kurz vorher: kein Bedarf", "je pars en congé demain, avant de partir : non merci".
  s('out_of_office', 0, ANSWERS_IN_PERSON, /\b(before i (go|leave|head off)|kurz vorher|vorher noch|bevor ich (gehe|fahre)|avant de partir|antes de (irme|marcharme|ir)|prima di partire|voordat ik (ga|vertrek))\b/),
];

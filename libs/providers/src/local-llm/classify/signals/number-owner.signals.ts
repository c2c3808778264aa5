import { MONTHS, s, type Signal } from './signal';

/**
 * Who owns the number or the inbox now (probe 34): a recycled or reassigned number ("I got this number last month",
 * "Nowy numer, nie jestem Tomek"), the contact's number changed ("Stefan hat eine neue Nummer: …"), nobody of that
 * name on a family or office line, a switchboard that passes no sales messages, a number that is now a business.
 * Those are the wrong person; the same reply asking to stop or to remove the number stays an opt-out (its
 * signals outrank these). Look-alikes that are the contact themselves stay out: "Still me, just a new phone",
 * "This is Dave's new number, can we do Thursday?", "I took over this inbox when she left: what does it cost?".
 * Patterns read the normalised text (lowercase, no accents, "I've" → "i have", "there's" → "theres").
 */

/** A recent while: "since the summer", "last month", "a few weeks ago", "recently", "since October". */
const LATELY = `(since (the |last )?(summer|spring|autumn|fall|winter|${MONTHS}|last (week|month|year))|last (week|month|year|summer|spring|autumn|fall|winter)|(a|one|two|three|four|six|a few|a couple of|\\d+) (days|weeks|months)( ago)?|a (week|month) ago|recently|in (${MONTHS}|the summer|the spring)|only (a|since|for|recently)|for (a|two|three|a few|a couple of) (days|weeks|months))`;

/** The number (or phone, line, SIM) the message went to, in the languages read. */
const NUMBER_WORD =
  '(number|phone|sim|mobile|cell|numero|telefono|movil|celular|nummer|numer|numara|numarasi|numret|nummeret)';

/** New (or wrong), before or after the number word. */
const NEW = '(new|nuevo|novo|nouveau|neue|nuovo|nieuw|nowy|zly|yanlis|gresit|bagong|forkert|fel)';

/** "I am not Tomek" in the languages that name the person right after the negation. */
const NOT_THAT_NAME =
  '(no soy|nao sou( o| a)?|je ne suis pas|ich bin nicht|non sono|ik ben niet|nie jestem|jag ar inte|jeg er ikke|nu sunt|hindi (po )?ako si)';

// prettier-ignore
export const NUMBER_OWNER_GUARDS: Signal[] = [
  s('neutral', 0, 'the contact on a new phone', /\b(it is |its )?still me\b(,? (just|only) (a )?new (phone|handset|sim|mobile))?|\bnew (phone|handset|sim),? (but )?(the )?same number\b|\b(this is|its|it is|here is|heres) (my|[a-z]+s) new (number|phone|cell|mobile|whatsapp)\b/, 'guard'),
  s('neutral', 0, 'took over the inbox', /\b(i|we) (have |had )?(took|taken|take|taking) over (this|the|her|his|their) (inbox|mailbox|account|accounts|role|position|number|email|address|territory|job)( from [a-z]+)?( (when|after|since) (he|she|they) (left|retired|moved on))?/, 'guard'),
  s('wrong_person', 4, 'knows nobody of that name', /\b(i )?(do not|dont) know (anyone|anybody|any [a-z]+) (called|named|by that name)\b|\b(no|nao) (conozco|conheco) (a )?(ningun|ninguna|nadie|nenhum|nenhuma|ninguem)\b/, 'guard'),
];

// prettier-ignore
export const NUMBER_OWNER_SIGNALS: Signal[] = [
  s('wrong_person', 4, 'the number is newly the writer s', new RegExp(`\\b(i|we) (have |had |just |only )*(had|got|have|been given|was given|were given|bought) (this|the|that) (number|phone number|sim|mobile number|line)\\b[^.!?\\n]{0,20}\\b${LATELY}|\\b(carrier|network|provider|phone company|shop) (gave|assigned|issued) (me|us) (this|the) (number|sim)\\b|\\b(this|the) number (was|has been|got) (re ?assigned|recycled|given) to me\\b|\\bgot (this|the|a new) sim\\b|\\b(i|we) just got this phone\\b|\\bthink (it|this) used to be (someone elses|someone else s|somebody elses)\\b`)),
  s('wrong_person', 4, 'the number is newly the writer s (es/pt/fr/de/it/nl/sv)', /\b(este|ese) numero (me lo|me) (dieron|asignaron|dio|asigno)\b|\btengo este numero desde\b|\b(esse|este) numero e meu (ha|desde)\b|\btenho (esse|este) numero (ha|desde)\b|\bj ai ce numero depuis\b|\bce numero m a ete (attribue|donne)\b|\bich habe (diese|die) nummer (seit|erst seit|neu)\b|\b(diese|die) nummer gehort (jetzt|nun|inzwischen) mir\b|\bho questo numero da\b|\bmi hanno dato questo numero\b|\bik heb dit nummer (sinds|pas|nog maar)\b|\bhar haft (numret|det har numret) sedan\b/),
  s('wrong_person', 4, 'a new number and not that person', new RegExp(`\\b(${NEW} ${NUMBER_WORD}|${NUMBER_WORD} ${NEW})\\b[^\\n]{0,60}\\b${NOT_THAT_NAME} [a-z]+|\\b${NOT_THAT_NAME} [a-z]+\\b[^\\n]{0,60}\\b${NUMBER_WORD}\\b`)),
  s('wrong_person', 4, 'wrong number (pl/tr/da)', /\b(zly numer|pomylka numeru|yanlis numara|forkert nummer)\b/),
  s('wrong_person', 4, 'the contact changed number', /\b(he|she|they|[a-z]+) (has |have )?(changed|switched) (his|her|their) (number|phone|mobile|cell)\b|\b(his|her|their) new (one|number) is\b|\bcambio (de|su) (numero|telefono|movil)\b|\b(trocou|mudou) de (numero|telefone|celular)\b|\ba change de numero\b|\bhat (eine )?neue (nummer|handynummer)\b|\bhat (seine|ihre) nummer (gewechselt|geandert)\b|\bha cambiato (numero|cellulare)\b|\bheeft een nieuw nummer\b|\bis van nummer (veranderd|gewisseld)\b/),
  s('wrong_person', 4, 'nobody of that name here', /\b(nobody|no one|noone)( here| at this (number|address))? (called|named|by (that|the) name|with that name)\b|\btheres no (?!(need|point|way|rush|time|budget|interest|problem|room|use|one else|chance|hurry|pressure)\b)[a-z]+ here\b|\bil n y a pas de [a-z]+ ici\b|\bhier gibt es (keinen|keine|kein) [a-z]+\b|\bnao tem (nenhum|nenhuma) [a-z]+ aqui\b|\bqui non c e nessun[oa]?\b|\bhier (woont|werkt|is) geen [a-z]+\b|\baqui no (hay|vive|trabaja) (ningun|ninguna|nadie)\b/),
  s('wrong_person', 4, 'not who they are looking for', /\b(we are|i am|im) not who you are (looking for|after|trying to reach)\b|\b(i|we) (do not|dont) think (we are|i am|im) who you are (looking for|after|trying to reach)\b/),
  s('wrong_person', 4, 'the number is a business now', /\bthis is (a|an|the) [a-z]+( [a-z]+)? (shop|store|salon|restaurant|pizzeria|cafe|bakery|florist|business|office|clinic|practice|garage|pub|bar)( now|,? not)\b|\b(este|ese|el) numero (ahora )?es (ahora )?de (un|una)\b|\b(esse|este) numero agora e d(e|a|o)\b|\bce numero est (maintenant|desormais) celui d\b|\b(das|dies) ist (inzwischen|jetzt|mittlerweile|nun) die nummer (von|einer|eines)\b|\bquesto numero (ora|adesso) e di\b|\bdit nummer is (nu|tegenwoordig|inmiddels) van\b/),
  s('wrong_person', 3, 'a switchboard', /\b(this|you have reached|you are on|this number is|vous etes sur|esta es|este e|questo e|sie sind bei|u heeft) (the |our |le |la |il |der )?(main )?(switchboard|standard|centralita|centralino|zentrale|centrale)\b/),
  s('wrong_person', 3, 'passes on no sales messages', /\b(can not|cannot|do not|dont|will not) (pass on|forward|transfer|put through) (sales|marketing|commercial|unsolicited|cold)\b|\bnous ne transmettons pas (les )?(messages|appels|demandes) commerci|\bno (podemos )?pasa(r|mos) (mensajes|llamadas) comerciales\b|\bnon inoltriamo (messaggi|chiamate)? ?commerciali\b|\b(leiten|stellen) wir nicht (weiter|durch)\b|\bgeven (wij )?geen commerciele (berichten|gesprekken) door\b/),
];

/**
 * Stopping the messages to the number without naming who gets them (a relative's old phone, a number that changed
 * hands): "Por favor no escriban más", "Stop alsjeblieft met berichten sturen", "Bitte nehmen Sie sie (die Nummer)
 * aus dem Verteiler".
 */
// prettier-ignore
export const NUMBER_OWNER_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'no more messages to this number (es/nl/de)', /\b(por favor,? )?no (escriban|manden|envien|llamen) (mas|nada mas)\b(?! (de|que|tarde|temprano|largo)\b)|\bstop (alsjeblieft |aub |a u b |nu )?met (het )?(berichten|sms en|smsjes|appen|mailen|bellen)( (sturen|versturen|naar dit nummer))?\b|\bnehmen sie (sie|die nummer|diese nummer|es) (bitte )?aus (dem|ihrem) (verteiler|system|liste|datenbank)\b/),
];

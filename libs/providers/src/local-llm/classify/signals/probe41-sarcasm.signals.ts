import { s, type Signal } from './signal';

/**
 * Replies whose words and intent differ (probe 41: sarcasm, irony, emotional tone), seven languages:
 * - a refusal with a laugh or an oath and nothing else ("hell no", "jajaja no", "Scheiße, nein", "kkkk não");
 * - an idiom for never ("when pigs fly", "quand les poules auront des dents", "cuando las ranas críen pelo");
 * - a refusal repeated with a reminder that it was said before ("Per my last three emails: no.", "Como ya dije en mis
 *   tres últimos correos: no.", "Wie oft denn noch: NEIN."), and a bare "thanks for nothing";
 * - a bare "I pass" of the Romance languages ("Passo.", "Paso, gracias."), and an excited "yes I want in" after a
 *   "seriously??" that reads as a question;
 * - opt-outs behind the tone: an oath inside "stop messaging me" ("stop f***ing texting me"), a closing "please just
 *   stop", "merci de m'oublier" and the other languages' "forget me", and a whole rhetorical "do you ever stop?".
 * Look-alikes: "stop… being so good at this" (a compliment with a pause before it), "lol no worries", "haha no
 * problem", "do you ever stop by Leeds?" (a question, not a visit proposed), "does it ever stop syncing when the wifi
 * drops?", "ne m'oubliez pas", "vergeet me niet", and anger at something else: "I wish the rain would just
 * stop". Patterns read the normalised text (lowercase, no accents, "don't" → "do not").
 */

/** Laughter of the seven languages' chats. */
const LAUGH =
  '(lol|lool|lmao|lmfao|rofl|ha|hah|haha\\w*|hehe\\w*|hihi\\w*|jaja\\w*|jeje\\w*|kkk+|rs|rsrs\\w*|mdr|ptdr|ahah\\w*|ahaha\\w*|xd)';

/** Oaths and exclamations said before a no. */
const OATH =
  '((oh )?(god|hell|heck|christ|jesus|lord)|fuck|f\\*+k?|ugh|bloody hell|damn|scheisse|scheiss|verdammt|mist|ach gott|putain|merde|bordel|joder|hostia|mierda|cono|dios|ostia|cazzo|cavolo|porca miseria|madonna|porra|puta|godverdomme|verdomme|jezus|shit|kut)';

/** A bare no of the seven languages, with its emphatic forms. */
const BARE_NO =
  '(no|nope|nah|never|nein|nee|neen|non|nao|niet|jamais|nunca|mai|nooit|nie|no gracias|non merci|nein danke|nee dank je|nao obrigad[oa]|no grazie)';

/** An emoji with its skin tone, gender sign and joiners. */
const EMOJI = '(\\p{Extended_Pictographic}|\\u200d|\\ufe0f|\\u2640|\\u2642|[\\u{1F3FB}-\\u{1F3FF}])';

/** What may close a short chat reply: spaces, full stops, exclamation marks, ellipses and emoji. */
const TRAILING = `([\\s.!…]|${EMOJI})*`;

/** "As I said", "per my last three emails", in the seven languages (normalised, at most a short clause). */
const SAID_BEFORE = [
  'as i (already |have |had )?(said|told you|mentioned|wrote|explained|stated)( [a-z0-9 ]{0,40})?',
  'per my (last|previous|earlier)( [a-z0-9 ]{0,30})? (emails?|messages?|replies|reply|texts?|answers?)',
  'as (previously |already )?(mentioned|stated|said)( [a-z0-9 ]{0,30})?',
  'comme (je (vous |te )?l ai (deja )?(dit|indique|ecrit|explique)|(deja )?(dit|indique|mentionne|precise|ecrit))( [a-z0-9 ]{0,40})?',
  'wie (ich )?(bereits |schon )?([a-z0-9 ]{0,40} )?(gesagt|erwahnt|geschrieben|mitgeteilt)',
  'como (ya )?(le |te |les |lo )?(dije|he dicho|indique|comente|mencione|escribi|avise)( [a-z0-9 ]{0,40})?',
  'como (ja )?(lhe |te )?(disse|falei|mencionei|escrevi|informei|avisei)( [a-z0-9 ]{0,40})?',
  'come (gia )?(ho )?(gia )?(detto|scritto|indicato|spiegato)( [a-z0-9 ]{0,40})?',
  'zoals (ik )?(al |eerder |reeds )?(gezegd|zei|aangegeven|geschreven|gemeld)( [a-z0-9 ]{0,40})?',
  'zoals (al |eerder )?(in|uit) mijn [a-z0-9 ]{0,40}',
].join('|');

/** "How many times", exasperated, in the seven languages. */
const HOW_MANY_TIMES =
  '(how many (more )?times( (do|must|have|should) i [a-z ]{1,30})?|wie oft (denn )?(noch|eigentlich)|combien de fois( (faut il|dois je) [a-z ]{1,30})?|cuantas veces( (tengo que|hay que) [a-z ]{1,30})?|quantas vezes( (tenho que|preciso) [a-z ]{1,30})?|quante volte( (devo|bisogna) [a-z ]{1,30})?|hoe vaak (nog|moet ik [a-z ]{1,30}))';

/** A refusal that closes such a reminder. */
const REFUSAL_AGAIN =
  '(still )?(a )?(no|nope|nein|non|nee|nao|not interested|kein interesse|pas interesse[es]*|geen interesse|sem interesse|no me interesa|non mi interessa|no gracias|non merci|nein danke|nee dank je|nao obrigad[oa]|no grazie)';

/** Whole-message shape: the core (after a Spanish opening mark), then only punctuation and emoji. */
const whole = (core: string) => new RegExp(`^(?=[^\\n]{1,60}$)[¿¡\\s]*(${core})${TRAILING}$`, 'u');

// prettier-ignore
export const PROBE41_SARCASM_GUARDS: Signal[] = [
  s('question', 2, 'asks whether they ever come by', /\b(do|did|would) (you|u|y all|you guys|your (team|people|reps)) (ever|often|sometimes|usually|normally) (stop|come|pass|get|travel|drop|swing) (by|through|to|in|over|out to|up to|down to)\b(?=[^.!?\n]*\?)/, 'guard'),
  s('neutral', 0, 'something else stops (weather, noise, their own kit)', /\b(rain|snow|wind|storm|weather|noise|drilling|construction|building work|roadworks|traffic|printer|wifi|wi fi|internet|server|laptop|computer|cough|headache|baby|dog|kids)( [a-z]+){0,3} (would |will |to |should |could |needs to |has to |never )?(just |finally |ever )?stop(s|ped)?(?=\s*([.!?,;]|$|and\b|but\b|anyway\b|so\b|\p{Extended_Pictographic}))/u, 'guard'),
  s('neutral', 0, 'stop, a pause, then a compliment', /\bstop\s*(…|\.{2,}|-+|,)\s*(being (so |this |too )?(good|great|smart|clever|convincing|persuasive|tempting|helpful|right|reasonable|charming|funny|brilliant|amazing)|making (so much )?sense|reading my mind|tempting me)\b/, 'guard'),
];

// prettier-ignore
export const PROBE41_SARCASM_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'stop, with an oath, contacting me', /\bstop (with )?(the |these |your )?(f\*+k?(ing|in)?|fucking|fuckin|fking|fkn|effing|frigging|friggin|freaking|freakin|flipping|bloody|damn|damned|goddamn|god damn|sodding) (messag\w*|text\w*|e ?mail\w*|call\w*|contact\w*|spam\w*|sending\w*|writ\w*|bother\w*|pester\w*|harass\w*)\b/, 'negatable'),
  s('unsubscribe', 4, 'a closing please just stop', new RegExp(`(^|[.!?,;:…]\\s*|${EMOJI}\\s*|\\b(please|can you|could you|will you|would you|omg|ffs|seriously|ok|okay|so|now) )(please )?just stop( it| already| now| please| thanks)*${TRAILING}$`, 'u'), 'negatable'),
  s('unsubscribe', 4, 'asks to be forgotten (fr/es/it/de/nl/en)', /\b(merci de|priere de|veuillez|je vous prie de|pourriez vous|pouvez vous|vous pouvez) (bien vouloir )?(m|nous) oublier\b|\b(olvidenme|olvidense de (mi|nosotros)|olvidate de (mi|nosotros))\b|\b(dimenticatemi|dimenticatevi di me|scordatevi di me|scordatemi)\b|\b(vergessen sie mich|vergesst mich|vergiss mich)\b(?! nicht)|\bvergeet (me|mij)\b(?! niet)|\bforget (that )?i (ever )?exist(ed)?\b|(^|[.!?]\s*)(please |just |now )*forget (about )?me[.!]*$/, 'negatable'),
  s('unsubscribe', 4, 'asks whether they ever stop, and nothing else', whole('(do|will|would|can|does) (you|u|ya|you (guys|people|lot|folks|all)|y all|this|it|the spam|this spam) ever (stop|end|give up|quit|let up)( (texting|messaging|emailing|calling|spamming|writing)( (me|people|anyone))?)?[?!. ]*|(vous )?(n )?arretez (donc |vraiment )?jamais[?!. ]*|hort ihr (eigentlich |denn |nie )*(nie|niemals) auf[?!. ]*|houden jullie (nou |dan |eigenlijk )*nooit op[?!. ]*|(es que )?(ustedes )?nunca paran[?!. ]*|(ma )?non (vi stancate|la smettete|smettete) mai[?!. ]*|voces nunca param[?!. ]*'), 'whole'),
];

// prettier-ignore
export const PROBE41_SARCASM_SIGNALS: Signal[] = [
  s('not_interested', 4, 'laughs or swears, then no', whole(`((${LAUGH}|${OATH})(?![a-z0-9*])[ ,.!]*)+(${BARE_NO}(?![a-z])[ ,.!]*)+`), 'whole'),
  s('not_interested', 4, 'an idiom for never (en)', /\b(when|the day) pigs (fly|can fly|grow wings)\b|\bpigs might fly\b|\bwhen hell freezes over\b/),
  s('not_interested', 4, 'an idiom for never (fr)', /\bquand les poules auront des dents\b|\bla semaine des quatre jeudis\b|\bquand les cochons (voleront|auront des ailes)\b/),
  s('not_interested', 4, 'an idiom for never (de)', /\b(wenn|und) (die )?schweine (fliegen|fliegen konnen)\b|\bschweine konnen fliegen\b|\bam sankt nimmerleinstag\b/),
  s('not_interested', 4, 'an idiom for never (nl)', /\bals de (kalveren|koeien) op het ijs dansen\b|\bals (de )?varkens (kunnen )?vliegen\b|\bmet sint ?juttemis\b/),
  s('not_interested', 4, 'an idiom for never (es)', /\bcuando las ranas (crien|tengan) pelo\b|\bcuando (los cerdos|las vacas|los chanchos) vuelen\b/),
  s('not_interested', 4, 'an idiom for never (it)', /\bquando (gli asini|i maiali) (volano|voleranno)\b|\bquando (volano|voleranno) gli asini\b|\balle calende greche\b/),
  s('not_interested', 4, 'an idiom for never (pt)', /\bquando as galinhas (tiverem|criarem) dentes\b|\bquando (os porcos|as vacas) (voarem|tossirem)\b|\bno dia de sao nunca\b/),
  s('not_interested', 4, 'a refusal repeated as said before', new RegExp(`(^|[.!?\\n]\\s*)(${SAID_BEFORE})[:,.;! ]+${REFUSAL_AGAIN}[.! ]*$`)),
  s('not_interested', 4, 'how many times, no', whole(`((${BARE_NO}(?![a-z])[.!, ]+)+${HOW_MANY_TIMES}|${HOW_MANY_TIMES}[?!:,. ]+(${BARE_NO}(?![a-z])[.!, ]*)+)[?!. ]*`)),
  s('not_interested', 3, 'thanks for nothing', whole('(thanks|thank you) for nothing|merci pour rien|danke fur nichts|gracias por nada|obrigad[oa] por nada|bedankt voor (niets|niks)')),
  s('interested', 3, 'wants in', /\b(i|we) (really |so |totally |definitely )?want in\b/),
  s('not_interested', 4, 'passes (es/pt/it/fr)', /(^|[.!?]\s+)((eu|yo|io) )?(passo|paso|je passe mon tour)([ ,]+(obrigad[oa]|gracias|grazie|merci|valeu))?[.!]*$/),
];

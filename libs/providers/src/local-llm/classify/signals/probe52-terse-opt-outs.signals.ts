import { s, type Signal } from './signal';

/**
 * Opt-outs that read as neutral (probe 52): curt replies with no stop word, in en/de/fr/es/it/pt/nl/pl/sv/tr.
 * - "enough" said as the whole message ("Enough now.", "Jetzt reicht es aber.", "Adesso basta.", "Ya está bien.",
 *   "Dość tego.", "Zo is het wel genoeg.", "Yeter artık."), "I've had enough." closing a reply;
 * - "don't bother" said as the whole message ("Don't bother.", "Lassen Sie es einfach.", "Lasciate perdere.", "No
 *   insistan."), "Spare me.", "I'm done with these.", "I'm out." and "bin raus" alone, "Take the hint.";
 * - a goodbye made permanent ("bye forever 👋", "Adieu. Et pour de bon.", "Doei, voorgoed", "Hoşça kalın, bir daha
 *   görüşmemek üzere"), "never again" alone or after a no ("Nope. Never again."), "don't come back", "this is where
 *   it ends";
 * - "again?!" answered straight away with a goodbye or with being fed up ("not again 🙄 bye", "znowu?? mam dość");
 * - "Last warning." closing a reply, "that's the last one I'm reading", "forget me", "lose the number";
 * - where the number came from, then "don't use it" ("Hoe komen jullie aan dit nummer? Niet meer gebruiken.");
 * - never having signed up, in Dutch, Polish, Swedish and Turkish word orders the older patterns miss.
 * Look-alikes stay out because the short forms span the whole message or close it: "Enough info for now, thanks",
 * "Es reicht, wenn Sie mir die Rechnung schicken", "Basta così per oggi", "Ya está, ya rellené todo", "Laissez
 * tomber ma question d'hier", "No need to bother, I found it", "Bye for now", "Thanks again, bye!", "Not again! My
 * card was declined", "Again? Sure, send it, bye", "Tried a cheap dialer once. Never again.", "Do you ever take a
 * hint? We went with someone else" (a refusal in the dev half), "I've had enough of CRM migrations, we're staying
 * put", "a 'last warning' invoice". Guards keep "don't bother sending a paper copy" (a thing not to send) and "how do
 * you make sure texts aren't flagged as spam" (deliverability) from the opt-out patterns, and "bye for now" (a
 * sign-off) from the timing ones; a form reported sent is an acknowledgement. Patterns read the normalised text
 * (lowercase, no accents, "don't" → "do not", "I'm" → "i am").
 */

/** Sounds and words a curt reply wraps its point in ("ugh", "seriously", "ok", "bruh"), and its trailing please. */
const CURT =
  '(ugh+|urgh|sigh|seriously|honestly|ok|okay|k|right|well|omg|jeez|ffs|bruh|wow|alright|no|nope|nah|please|pls|plz|thanks|thx|already|now|mate|bitte|svp|por favor|per favore|alsjeblieft|aub|pfv|lutfen|prosze|tack)';
/** Emoji of annoyance, goodbye or refusal, with skin tones and variation selectors. */
const CURT_EMOJI =
  '(\\u{1F644}|\\u{1F612}|\\u{1F624}|\\u{1F621}|\\u{1F620}|\\u{1F44B}|\\u{1F6AB}|\\u274C|\\u{1F645}|\\u{1F44E}|\\u270B|\\u{1F3FB}|\\u{1F3FC}|\\u{1F3FD}|\\u{1F3FE}|\\u{1F3FF}|\\u200D|\\u2640|\\u2642|\\uFE0F)';

/** A whole message of at most 60 characters: the core, with only curt words, punctuation and such emoji around it. */
const whole = (core: string) => {
  const around = `([\\s.,!-]|${CURT}(?![a-z])|${CURT_EMOJI})*`;
  return new RegExp(`^(?=[^?]{1,60}$)${around}(${core})${around}$`, 'u');
};

/** "Enough", as a whole reply means the messages, in ten languages. */
const ENOUGH =
  '(enough( is enough)?( already| now| then)?|(that is|thats|that s) enough|(i have|ive|i ve) had enough|(jetzt |nun )?(reicht s|reichts|reicht es|es reicht)( (jetzt|aber|mir|wirklich|endgultig))*|schluss( (jetzt|damit|aus))*|jetzt ist schluss|ca suffit( (maintenant|comme ca))*|(j en ai|jen ai) (assez|marre)|ya (esta bien|basta)|(adesso|ora|e) basta|basta (adesso|ora|davvero)|mi avete stufato|chega( (ja|disso))?([ ,.]+ja deu)?|ja deu|(zo )?is het (wel |nu )?genoeg|het is (wel |nu )?genoeg|dosc( tego| juz)?|mam dosc( tego)?|nu racker det|det racker nu|nu far det vara nog|yeter( artik)?|biktim( artik)?)';

/** "Don't bother", as a whole reply: drop it, do not insist (de/fr/it/nl/es/pt). */
const DO_NOT_BOTHER =
  '((do not|dont|dnt) bother( (anymore|any more|again|seriously|trying|then))*|lassen sie (es|das)( (einfach|bitte|lieber))*( (bleiben|sein))?|(sparen sie sich|spar dir|spart euch) (die muhe|das|den aufwand)|laissez tomber|lasciate perdere|no (insistan|insistas|insista|insistais)|nao (insistam|insista|insistas))';

/** Spare me, I'm done with these, I'm out: whole replies. */
const SIGNS_OUT =
  '(spare me|verschonen sie mich( damit)?|(i am|im|i m|we are) (so |totally |officially )?(done|finished) (with|w) (this|these|all this|all of this|it all)|(so )?done (with|w) (this|these|all this|all of this)|((thats|that s|that is) it[ .,!]+)?(i am|im|i m) out( of here)?|(ich )?bin (dann )?raus|(ik )?ben er klaar mee)';

/** A goodbye word, in the ten languages and their chats. */
const GOODBYE =
  '(?<![a-z])(bye( bye)?|goodbye|good bye|farewell|so long|over and out|ciao|adieu|au revoir|adios|chao|chau|addio|arrivederci|tchau|adeus|doei|tschuss|tschau|auf wiedersehen|zegnam|zegnaj|nara|hej da|adjo|hosca kal(in|)|\\u{1F44B})(?![a-z])';
/** Made permanent: forever, for good, never to meet again. */
const FOR_GOOD =
  '(forever|for ever|for good|permanently|pour de bon|pour toujours|a jamais|para siempre|per sempre|pra sempre|para sempre|voorgoed|fur immer|auf nimmerwiedersehen|na zawsze|for gott|for alltid|bir daha gorusmemek uzere|sonsuza (dek|kadar))';
/** What may stand between a goodbye and its permanence ("Tschüss, und zwar für immer", "Adieu. Et pour de bon."). */
const JOIN = '[\\s.,!-]*((and|und( zwar)?|et|e|y|en|i|ve|och)[\\s.,!-]+)?';

/** "Again?!" opening its clause: not "thanks again". */
const AGAIN =
  '(^|[.!?,;]\\s*)((ugh+|oh|seriously|what|wow|omg|really|bruh|bon|ah|ach|och|nee|no) )?(not again|again|every (single )?day|(nicht )?schon wieder|encore|otra vez|de nuevo|de novo|outra vez|ancora|di nuovo|alweer|weer|znowu|igen|yine( mi)?)(?=\\s*[?!.]|\\s+\\u{1F644})';
/** Fed up: as the reply's other clause after an "again?!". */
const FED_UP =
  '(enough|(i am|im) (so )?done|(i have |ive )?had enough|(yo )?(ya )?me canse|(eu )?cansei|(io )?mi avete stufato|stufo|(ja )?mam dosc|dosc|(ben )?biktim|(ik )?(ben er )?klaar mee|(ich )?(hab |habe )?keinen bock( mehr)?|(j en ai|jen ai) (assez|marre)|marre|reicht|(jag ar )?klar med (det har|detta))';

/** Never signed up, in the word orders of Dutch, Polish, Swedish and Turkish (the older patterns miss these). */
const NEVER_SIGNED_UP =
  '\\bnooit (ergens |hiervoor |bij jullie |ook )*(voor )?(aangemeld|ingeschreven|opgegeven|geabonneerd)\\b|\\bnigdy (sie )?(na to |do tego |na nic |nigdzie |u was )*nie (zapisywal|zapisal|rejestrowal|zarejestrowal|subskrybowal)\\w*|\\b(jag )?(har )?aldrig (anmalt|registrerat|skrivit upp) mig\\b|\\b(buna |hicbir seye |size )?hic (kaydolmadim|kayit olmadim|uye olmadim|abone olmadim)\\b';

/** Where did they get the number (ten languages): said before "don't use it". */
const ORIGIN =
  '((where|how) (did|do) (you|u|ya) (get|find|obtain)|how (you|u) (get|got)|who gave (you|u)|woher (haben sie|hast du|habt ihr)|ou avez vous (eu|trouve|obtenu)|de donde (sacaron|sacaste|saco|han sacado)|como consiguieron|dove avete (preso|trovato)|onde (voces )?(conseguiram|pegaram|arrumaram)|hoe (komen jullie|kom je|komt u) aan|skad (macie|masz|pan ma)|var fick ni|nereden (buldunuz|aldiniz)|(nunca|jamas) (les |le |te |os )?di (permiso|mi))';
/** Do not use it (again). */
const DO_NOT_USE =
  '((do not|dont|never) use (it|this|that|this number|my number|my email|them)( again| anymore| any more| ever)?|stop using (it|this|that|my [a-z]+)|(nicht|nie) mehr (benutzen|verwenden|nutzen)|(benutzen|verwenden|nutzen) sie (sie|ihn|es|die|diese) nicht mehr|ne l utilisez plus|n utilisez plus|no (lo|la) (vuelvan|vuelvas|vuelva) a usar|(dejen|deja|dejad) de usar(lo|la)|non (usatelo|usatela|usarlo|lo usate) piu|nao (usem|use) mais|(parem|pare) de usar|niet meer gebruiken|gebruik (het|hem|dit) niet meer|(go |jej )?nie uzywac|nie uzywajcie (go|tego)|anvand (det|den) inte( igen| mer)?|bir daha kullanmayin|kullanmayin)(?! (for|to|on|in|with|as|when|before|after|during|until|unless)\\b)';

/** Not inside a question, no "but" turning it round. */
const NOT_ASKED = '(?![^.!\\n]*\\?)(?![^.!?\\n]*\\bbut\\b)';

// prettier-ignore
export const PROBE52_TERSE_GUARDS: Signal[] = [
  s('neutral', 0, 'a thing not worth sending', /\b(do not|dont|no need to) bother (sending|posting|printing|bringing|mailing|emailing) (me |us )?(a|an|the|over the|over a) (paper |printed |hard |physical |signed |second )?(copy|copies|pdf|invoice|contract|receipt|brochure|slides|deck|samples?|quote|agreement|form|document|catalogue|catalog|card|letter)\b/, 'guard'),
  s('neutral', 1, 'signs off for now', /\b(bye|ciao|cheers|thats all|that s all|that is all) for now\b/, 'guard'),
  s('question', 0, 'not flagged as spam (deliverability)', /\b(not|never|avoid|avoids|without|from|aren t|are not|is not|isn t|do not|does not|to not)( being| be| get| getting| ending up)? (flagged|marked|reported|filtered|treated|landing|landed|sent) (as|in|into|to) (spam|junk)\b/, 'guard'),
];

// prettier-ignore
export const PROBE52_TERSE_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'enough, said alone', whole(ENOUGH), 'whole'),
  s('unsubscribe', 4, 'do not bother, said alone', whole(DO_NOT_BOTHER), 'whole'),
  s('unsubscribe', 4, 'signs out, said alone', whole(SIGNS_OUT), 'whole'),
  s('unsubscribe', 4, 'had enough, closing the reply', /(^|[.!?]\s*)(i have|ive|i ve|we have|weve) (really )?had enough( of (this|these|it|you|them|your [a-z]+))?\s*[.!]*\s*$/),
  s('unsubscribe', 4, 'take the hint', /(^|[.!?,]\s*)(just |now |so )?take (a|the) hint( already| mate| pls| please)?\s*([.!]|$)/),
  s('unsubscribe', 4, 'a goodbye for good', new RegExp(`${GOODBYE}${JOIN}${FOR_GOOD}\\b|${FOR_GOOD}${JOIN}${GOODBYE}`, 'u')),
  s('unsubscribe', 4, 'never again, closing the reply', /(^\s*|(^|[.!?,]\s*)((just )?(no|nope|nah|hell no)[.!, ]+)+)(never again|nie wieder|plus jamais|nunca mas|mai piu|nunca mais|nooit meer|nigdy wiecej|aldrig mer|bir daha asla)( (please|pls|thanks|thx|bitte|svp|por favor|per favore|alsjeblieft|pfv))?\s*[.!]*\s*$/),
  s('unsubscribe', 4, 'do not come back', /\b(do not|dont|never) come back( again| here| ever)?\s*([.!,]|$|\u{1F44B})/u),
  s('unsubscribe', 4, 'a goodbye, and do not write back', new RegExp(`${GOODBYE}[^\\n]{0,40}\\b(do not|dont) (write|text|message|email|reply|answer)( back| again)?\\s*([.!]|$)`, 'u')),
  s('unsubscribe', 4, 'this is where it ends', /\b(this is where (it|this|we) (ends?|stops?)(?! up)|(it|this) (all )?ends (here|now)|(lets|let us) end (it|this) (here|now|there)|consider this (conversation|thread|chat|exchange) (over|closed|ended|finished)|this (conversation|thread|chat|exchange) is over)\b/),
  s('unsubscribe', 4, 'again, and fed up or a goodbye', new RegExp(`${AGAIN}([\\s?!.,;-]|${CURT}(?![a-z])|${CURT_EMOJI}|bon\\b)*(\\b${FED_UP}\\b|${GOODBYE})`, 'u'), 'whole'),
  s('unsubscribe', 4, 'last warning, closing the reply', /(^|[.!?]\s*)((this is|thats|that s|that is|consider this) (your|the|my|a) )?(last|final) warning\s*[.!]*\s*$|(^|[.!?]\s*)(letzte warnung|dernier avertissement|ultimo aviso|ultimo avviso|laatste waarschuwing|ostatnie ostrzezenie|sista varningen|son uyari)\s*[.!]*\s*$/),
  s('unsubscribe', 4, 'the last one they want', /\b(the|my) last (one|message|text|email|mail|thing) (from (you|u) |of yours )?(i|we) (want|wish|need|will|am going|are going)( to)? (see|get|receive|read)\b|\b(thats|that s|that is) the last (one|message|text|email) (i am|im|we are) (reading|opening|taking|answering)\b/),
  s('unsubscribe', 4, 'forget me', /(^|[.!?,;]\s*)(just |please |pls )?forget (about )?(me|(that )?i (exist|existed|exist here))\s*([.!,]|$)|\b(numarami|beni) unutun\b/, 'negatable'),
  s('unsubscribe', 4, 'lose the number', /(^|[.!?,;]\s*)(just |please |pls |so |now |and )?lose (the|this) (number|email|email address|address|contact)\b|\b(i would|i d|id) like (it|this number|my number|them|my details) (forgotten|erased|deleted|gone)\b/),
  s('unsubscribe', 4, 'would like not to get these', /\b(i|we) (would|d) (like|prefer|rather) (to )?not( to)? (get|receive|be getting|be sent) (these|them|any more|any of these|your [a-z]+)( (anymore|any more|again))?\b(?![^.!?\n]{0,40}\b(instead|by email|by text|by phone|via|over email|email me|text me|call me|rather than)\b)/),
  s('unsubscribe', 4, 'where did they get the number, do not use it', new RegExp(`\\b${ORIGIN}\\b[^\\n]{0,100}\\b${DO_NOT_USE}\\b`)),
  s('unsubscribe', 4, 'a private number, not for sales', /\b(number|phone|line|mobile|email|address|inbox) is (private|personal)\W{1,3}((it is|its) )?not (for|a) (sales|marketing|advertising|business|ads)\b/),
  s('unsubscribe', 3, 'never signed up (nl/pl/sv/tr)', new RegExp(`(${NEVER_SIGNED_UP})${NOT_ASKED}`)),
];

/** A form reported sent is an acknowledgement ("Fatto, modulo inviato", "formu gönderdim"). */
const FORM = '(form|forms|formulaire|modulo|formulario|formulier|formularz|formularet|formular|formu)';
const SENT =
  '(sent|submitted|uploaded|returned|filled in|inviato|inviata|compilato|enviado|enviei|mande|rellene|verstuurd|ingevuld|ingediend|wyslany|wyslalem|wyslalam|skickat|gonderdim|doldurdum|abgeschickt|ausgefullt|envoye|rempli)';

// prettier-ignore
export const PROBE52_TERSE_SIGNALS: Signal[] = [
  s('neutral', 2, 'reports a form sent', new RegExp(`\\b${FORM}( [a-z]+){0,2} ${SENT}\\b|\\b${SENT} (the |my |our |le |il |el |o |het |den |das )?${FORM}\\b`)),
];

import { s, type Signal } from './signal';

/**
 * Opt-outs that never name the action (probe30): the writer says why the messages have no business reaching them
 * and leaves "stop" unsaid. A number kept for family ("Este número es solo para mi familia", "Dit nummer is alleen
 * voor familie"); a private address that is "not for sales" or "not your sales channel"; contact they never gave
 * or allowed ("I never gave anyone this number", "não autorizei isso", "izin vermedim"), which with a question of
 * where the number came from makes "Who gave you this number? It's private" a complaint rather than a question;
 * consent revoked, an objection to processing, the CCPA's opt-out of the sale of their data; a preference register
 * named in its own language (Lista Robinson, Bloctel, Registro delle Opposizioni, Bel-me-niet, DND, İYS); blocking
 * the sender, sending it to spam or to the abuse desk; "make it the last", "I'm done with you", "nobody here should
 * be receiving these", "I want nothing to do with it"; a refusal beside "este teléfono es personal". Weaker cues
 * add up: not knowing the sender, never having been a customer, never having asked for it ("Não conheço vocês e
 * não pedi nada").
 * Look-alikes stay out: a number kept for work with another one to text ("This number is for work only, text my
 * personal after 6"), a plain or curious "who gave you my number?", "I never signed up for the webinar but ...",
 * any of these asked as a question ("When consent is withdrawn, does the sequence stop?"), "she gets enough email"
 * (about someone else), "remove me as the billing contact" (a role, not the list), "jangan telepon ya, chat aja"
 * and "I'd rather do this over email than text" (a channel preference: neutral, as the set has a bare change of
 * channel). Patterns read the normalised text (lowercase, no accents).
 */

/** Not inside a question ("When consent is withdrawn, does the sequence stop?"). */
const NOT_ASKED = '(?![^.!\\n]*\\?)';
/** No "but" turns it round ("I never asked for this, but it's great"). */
const NO_BUT = '(?![^.!?\\n]*\\bbut\\b)';

/** The writer's own channel (English). */
const MY_CHANNEL = '(phone|number|line|mobile|cell|whatsapp|account|e ?mail|email address|address|inbox)';
/** Reserved for family, in nine languages. */
const FAMILY_ONLY_ML =
  '(este|mi|esse|ese) (numero|telefono|movil|celular|whatsapp) es (solo|solamente|unicamente|exclusivamente) (para|de) (mi |la |uso )?(familia|amigos|personal)|(ce|mon) (numero|telephone|portable) est (reserve a|uniquement pour|seulement pour|pour) (ma |la )?famille|(questo|il mio) (numero|telefono|cellulare) e (solo|solamente|soltanto|riservato) (per|alla) (la |mia )?famiglia|(dit|mijn) nummer is (alleen|enkel|uitsluitend) (voor|bestemd voor) (de |mijn )?(familie|vrienden)|(esse|este|meu) numero e (so|somente|apenas|exclusivamente) (pra|para) (a |minha )?familia|(diese|meine) nummer ist (nur|ausschliesslich) fur (die |meine )?familie|bu numara sadece ailem|nomor ini (khusus|hanya untuk|cuma buat) keluarga|(ye|yeh) number (sirf|only) (meri )?family';
/**
 * Another way to reach them follows: a redirect, not an opt-out ("for family only, use my office line", "... but my
 * email is jo@x.com").
 */
const NO_REDIRECT =
  '(?![^\\n]{0,80}(@|\\d{3}|\\b(but|pero|mais|aber|ma|mas|maar)\\b)|[^\\n]{0,80}\\b(use|try|text|call|ring|email|e ?mail|reach|contact|write|usa|llama|escribe|appelez|ecrivez|chiama|scrivi|bel|mail|ligue|liga|rufen|schreiben)\\b[^\\n]{0,20}\\b(my|mi|mon|ma|mio|mijn|meu|minha|meine|meinen|at|on|instead|en|op|sur|auf|al|no)\\b)';

/** Where did you get my number (eleven languages): a question alone, a complaint with an objection beside it. */
const ORIGIN =
  '((who|which company) (gave|sold|passed|handed) (you|u|ya)|(where|how) did (you|u|ya) (get|find|obtain)|who (even )?are (you|u)|quien (les|te|le|os) (dio|paso|ha dado|ha pasado)|de donde (sacaron|sacaste|saco|han sacado)|woher (haben sie|hast du|habt ihr)|wer hat (ihnen|dir|euch)|qui vous a (donne|transmis|communique)|ou avez vous (eu|trouve|obtenu)|chi (vi|ti) ha dato|dove avete (preso|trovato)|quem (passou|deu)|onde (voces )?(conseguiram|pegaram|arrumaram)|hoe (komen jullie|kom je|komt u) aan|wie heeft (jullie|u)|skad (macie|masz|pan ma)|nereden (buldunuz|aldiniz)|kim verdi|dari mana|kisne diya|kahan se (mila|liya))';
/** They never gave it or allowed it: an opt-out on its own. */
const NEVER_ALLOWED =
  '(unlisted|ex ?directory|(never|not) (gave|given|handed|shared|passed) (it|that|this( [a-z]+)?|my [a-z]+) (out )?to (you|anyone|any company|a company|any business|anybody|any of you)|(never|not) (gave|given|handed|shared|passed) (you|anyone|any company|anybody) (my|this|that) (number|phone number|mobile|email|e ?mail|address|details|contact|info|information|permission|consent|data|whatsapp)|(never|not|did not|didnt) (authori[sz]ed|approved|allowed|agreed to) (this|that|it|you|any)|no lo autorice|nunca (lo|la) (di|he dado)|nao autorizei|non (l ho|lo ho) mai dato|nooit (aan jullie )?gegeven|izin vermedim|permission nahi di|nie podawal|tidak pernah kasih izin)';
/** Private: with a question of where the number came from. */
const PRIVATE =
  '((es|esta) privado|(ist|sind) privat|est prive|c est prive|e privato|e privado|(is|its|it is) (private|personal)|prywatny)';

/** A preference register, as a person on it says so in their own language. */
const ON_A_REGISTER =
  '((estoy|estamos|esta|este numero esta|mi numero esta) (inscrit|registrad|apuntad|dad)[oa]s?( de alta)? en (la )?lista robinson|(je suis|nous sommes|ce numero est|mon numero est) (inscrit|inscrite|inscrits|enregistre|enregistree) (sur|a|dans) (la liste )?bloctel|(sono|siamo|il mio numero e|questo numero e) (iscritt|registrat)[oaie] (al|nel) registro (pubblico )?(delle|dell)? ?opposizioni|(ik sta|wij staan|we staan|dit nummer staat|mijn nummer staat) (ingeschreven |geregistreerd )?(in|op) (het )?bel me niet|(ich bin|wir sind|diese nummer ist|meine nummer ist) (in|auf) der robinson ?liste|dnd (activate|activated|active|on hai|laga|lagaya|registered)|iys (uzerinden|ile|sisteminden) (ret|red))';

/** Moved the sender to spam themselves (not "my filter sent your email to junk", the filter's doing). */
const SENT_TO_SPAM =
  '(^|[.!?,]\\s*|\\b(i|we|i have|ive|we have|i just|we just|just|already|now) )sent (it |this |you |your [a-z]+ )?(to|into) (spam|junk)\\b';

/** Never signed up for this (not "for the webinar"), or never asked for it. */
const NEVER_SIGNED_UP_FOR_THIS =
  '\\b(never|did not|didnt|have not|havent) (opted in|opt in|subscribed|subscribe)(?=\\s*([.!]|$)| (to|for) (this|these|anything|any of (this|these|it)|your [a-z]+)\\b)|\\b(never|did not|didnt) (agreed|agree|consented|consent|gave (my |any )?(consent|permission)|give (my |any )?(consent|permission)) (to|for) (receive |receiving |get |getting )?(this|these|any of (this|these|it)|them|your (emails|e mails|texts|messages|calls|newsletters?|mailing list|list|marketing))\\b|\\b(never|did not|didnt|have not|havent) (signed|sign) (up|on) (for|to) (this|these|any of (this|these|it|that)|anything|it|that|your [a-z]+ (list|emails|texts|messages)|your (list|emails|texts|messages|newsletter))\\b|\\bnever (signed|sign) up(?=\\s*([.!]|$))|\\b(never|did not|didnt|have not|havent) (asked|ask) for (this|these|it|them|any of (this|these|it)|anything)(?=\\s*([.!,;]|$| and\\b))|\\bnergens (voor )?(aangemeld|ingeschreven)|\\bnigdy (sie )?(nigdzie )?nie (zapisywal|zapisal|rejestrowal)|\\bhicbir seye uye olmadim';

/** Their phone is private or personal, in seven languages. */
const PRIVATE_PHONE =
  '((this|my) (phone|number|line|mobile|cell) is (a )?(private|personal)|(this|it) is (a|my) (private|personal) (phone|number|line|mobile|cell)|(este|mi|esse|ese) (numero|telefono|movil|celular) es (personal|privado)|(ce|mon) numero est (personnel|prive)|(questo|il mio) (numero|telefono|cellulare) e (personale|privato)|(dit|mijn) nummer is prive|(diese|meine) nummer ist privat|(esse|este|meu) (numero|telefone|celular) e (pessoal|privado))';
/** A plain refusal, in seven languages. */
const REFUSAL =
  '(not interested|no thanks|no thank you|no me interesa|no gracias|kein interesse|nein danke|pas interesse|non merci|non mi interessa|no grazie|nao tenho interesse|nao me interessa|geen interesse|nee dank)';

// prettier-ignore
export const UNSTATED_OPT_OUT_GUARDS: Signal[] = [
  s('neutral', 0, 'someone else gets enough email', /\b(she|he|they|my [a-z]+) (gets?|has|have|receives?) enough (e ?mails?|emails|messages|texts|mail)\b/, 'guard'),
  s('neutral', 0, 'removed from a role, not the list', /\bremove (me|us) as (the |a |an |our |your )?((billing|primary|main|technical|account|admin|escalation|emergency|secondary|finance) (contact|admin|owner)|admin|administrator|owner|approver|signatory|signer|user|seat|attendee|organi[sz]er)\b/, 'guard'),
  s('neutral', 0, 'no calls, chat instead (id)', /\bjangan (telepon|telpon|nelpon|call)( ya| dong| saja| aja)?,? (chat|wa|whatsapp|email|sms) (aja|saja)\b/, 'guard'),
];

// prettier-ignore
export const UNSTATED_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'a number kept for family', new RegExp(`(\\b(this|my|that|the) ${MY_CHANNEL}( number| address)? is (strictly |only |just |reserved |exclusively |purely |meant )*(for|to) (my |the )?(family|friends|personal use|family and friends)\\b(?! (business|businesses|company|firm|shop|store|office|farm|practice|restaurant|hotel|clinic|owned|run|members? of))|\\b${FAMILY_ONLY_ML}\\b)${NO_REDIRECT}${NOT_ASKED}`)),
  s('unsubscribe', 4, 'a private address not for sales', new RegExp(`\\b${MY_CHANNEL}\\b[^.!?\\n]{0,12}\\bis not (for|your|a) (sales|marketing|advertising|business|commercial|promotional)\\b|\\b(private|personal) (number|phone|line|mobile|account|email)\\W{1,3}not (for )?(sales|marketing|business|advertising)\\b|\\b(do not|dont) accept (any )?(business|sales|marketing|commercial) (contact|calls|messages|approaches)\\b|\\b(ist|sind) privat und nicht fur (werbung|verkauf|marketing)\\b`)),
  s('unsubscribe', 3, 'never gave or allowed the contact', new RegExp(`\\b${NEVER_ALLOWED}\\b${NOT_ASKED}${NO_BUT}`)),
  s('unsubscribe', 4, 'asks where the number came from, and objects', new RegExp(`\\b${ORIGIN}\\b[^\\n]{0,120}\\b${PRIVATE}\\b`)),
  s('unsubscribe', 4, 'refuses, and the number is private', new RegExp(`\\b${REFUSAL}\\b[^\\n]{0,60}\\b${PRIVATE_PHONE}\\b|\\b${PRIVATE_PHONE}\\b[^\\n]{0,60}\\b${REFUSAL}\\b`), 'whole'),
  s('unsubscribe', 4, 'messages their private number', /\bwhy (is|are|would|does|do) [^.?!\n]{0,50}\b(messaging|texting|calling|emailing|contacting|whatsapping) my (personal|private) (number|phone|whatsapp|email|mobile|cell|line)\b/),
  s('unsubscribe', 4, 'consent revoked', new RegExp(`(^|[.!?,]\\s*|\\b(my|any|all|whatever)( [a-z]+){0,3} )(consent|permission)(( [a-z]+){0,6} (is|was|has been|are))? (hereby )?(withdrawn|revoked|rescinded|retracted)\\b${NOT_ASKED}|\\bconsider (it|that|my consent|any consent) (revoked|withdrawn|rescinded)\\b`)),
  s('unsubscribe', 4, 'objects to the processing of their data', /\bobject(ing)? to (you |your |the |any |further )?(processing|using|use of|holding|storing|keeping|handling) (of )?(my|our) (personal )?(data|details|information|info|number|email|contact details)\b(?![^.!\n]*\?)/),
  s('unsubscribe', 4, 'opts out of the sale of their data (CCPA)', /\bopt (me )?out of (the )?(sale|selling)( (and|or|&) (the )?(sharing|share))? of (my|our) (personal )?(information|data|info)\b/, 'whole'),
  s('unsubscribe', 4, 'is on a preference register (es/fr/it/nl/de/hi/tr)', new RegExp(`\\b${ON_A_REGISTER}\\b${NOT_ASKED}`)),
  s('unsubscribe', 4, 'has blocked the sender', /\b(blocking|have blocked|ive blocked|i blocked|i am blocking|im blocking|just blocked) (you|u|this number|your number|this sender|your (domain|company|emails|messages|texts|address))\b|\b(this|your) (number|domain|address|sender|email) is (now )?(blocked|on (my|our) (block ?list|blacklist|spam list))\b|\b(ja )?(bloquei|denunciei)\b/),
  s('unsubscribe', 3, 'sent it to spam or the abuse desk', new RegExp(`${SENT_TO_SPAM}|\\b(forward|forwarded|forwarding|report|reported|reporting|send|sent|sending|goes|going|go|flagged|escalated) [^.!?\\n]{0,60}\\b(abuse desk|abuse team|abuse department|abuse@)|\\b(laporkan|lapor|tandai) (sebagai |ke )?spam\\b`)),
  s('unsubscribe', 4, 'make it the last', /\b(make|let) (it|this|that) (be )?the last( one| message| email| text| time| of these)?\s*([.!]|$)/),
  s('unsubscribe', 3, 'done with the sender', /\b(i am|im|we are) (so |totally |completely )?done with (you|u|you people|you lot)( people| guys| lot)?\s*([.!]|$)|\b(i will not|i wont|i am not going to|not going to) (be )?(read|reading|open|opening) (anything|any more|anymore|any further|further|another|the rest)\b/),
  s('unsubscribe', 4, 'nobody here should get these', /\b(no one|nobody|none of us|noone)( else)? (at|in|here|on)\b[^.!?\n]{0,40}\b(should|needs to|wants to|is meant to) (be )?(receiving|receive|get|getting)\b/),
  s('unsubscribe', 4, 'wants nothing to do with it', /\bi want nothing (more )?to do with (you|u|it|this|that|them|these|your|any of (this|it|you))\b|\bno quiero saber nada (de|con)\b/),
  s('unsubscribe', 3, 'never signed up for this', new RegExp(`(${NEVER_SIGNED_UP_FOR_THIS})${NOT_ASKED}${NO_BUT}`)),
  s('unsubscribe', 2, 'does not know the sender', /\bnever heard of (you|u|your company|this company)\b|\b(i do not|i dont|dont|do not) know (you|u|who you are)\b|\b(no|nao) (conozco|conheco)\b|\bik ken jullie niet\b|\bje ne vous connais pas\b|\bnon vi conosco\b|\bich kenne (sie|euch) nicht\b/),
  s('unsubscribe', 3, 'never asked for it (es/pt/nl/fr/it/de/hi/id)', /(?<!\b(desinscrit|desabonne|retire|supprime|cancellat\w*|rimoss\w*|descadastrad\w*|removid\w*|de baja|afgemeld|abgemeldet|ausgetragen|unsubscribed|removed)\b[^\n]{0,40})\b((esto|eso) no lo (he )?pedi|no (he )?pedi (nada|esto|eso)|nao pedi (nada|isso|isto)|nergens om gevraagd|hier niet om gevraagd|n ai (jamais )?rien demande|non ho (mai )?chiesto (niente|nulla|questo)|(nie|nicht) (danach|darum) gefragt|(kabhi|kbhi) (bhi )?(sign ?up|register|subscribe) nahi|tidak pernah daftar)\b(?![^.!\n]*\?)(?![^.!?\n]*\b(pero|mas|mais|ma|aber|maar|but|mais)\b)/),
  s('neutral', 3, 'prefers one channel to another', /\b(i would rather|id rather|i had rather|i prefer|i would prefer|prefer|rather) (to )?((do|have|keep|continue) (this|it|things)|talk|chat|communicate|correspond|be contacted|hear from you|be reached)? ?(over|by|via|on|through)? ?(email|e ?mail|text|sms|whatsapp|phone|calls?|the phone) (than|over|instead of|rather than) (by |via |over )?(text|texts|texting|sms|whatsapp|email|e ?mail|calls?|phone|calling)\b/),
  s('unsubscribe', 2, 'never a customer', /\b(never been|never was) (a |your )?customer\b|\bi am not (a|your) customer, never\b/),
];

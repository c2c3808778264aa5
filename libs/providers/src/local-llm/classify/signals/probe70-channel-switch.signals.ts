import { s, type Signal } from './signal';

/**
 * Channel switches and time limits (probe 70), in the seven core languages ("not enough" look-alikes, "never enough
 * time", "can't get enough of your case studies", needed no rule):
 * - one channel stopped and another asked for in the same reply ("enough of the emails, just call me", "Chega de
 *   mensagens, me liga amanhã", "basta con los mensajes de voz, mejor escríbeme", "enough emails back and forth,
 *   let's just do a call"): the contact stays, no opt-out. The channel asked for is an order to the sender ("call
 *   me", "llámame", "rufen Sie mich an", "schreib mir"), never the writer's own plan ("I'll call you if I need
 *   you"), nor a negated one ("don't call me"). Messages in general ("mensajes", "Nachrichten") are the written
 *   channel, voice notes ("audios", "Sprachnachrichten", "vocali") a channel of their own;
 * - a refusal limited to some times ("don't call me on Mondays", "no me mandes mensajes a las 7 de la mañana",
 *   "don't call me at 7am again"), unless it says never or again;
 * - the length of the emails refused, not the emails ("stop with the long emails and give me the price", "deja de
 *   mandarme correos largos y dime cuánto cuesta");
 * - an away notice that answers on return in more wordings ("contesto a la vuelta", "vi ricontatto al rientro",
 *   "retorno quando voltar", "je vous recontacte au retour", "ich melde mich danach", "ik neem daarna contact op");
 * - a shared inbox refused for a direct address ("please stop sending to info@ … use my direct email: …");
 * - a time limit and then "not at all" ("niet appen na 21 uur. Eigenlijk helemaal niet appen"): an opt-out.
 * Patterns read the normalised text (lowercase, no accents, apostrophes as spaces, "don't" → "do not").
 */

/**
 * A negation right before an order ("do not call me", "no me llames", "non chiamatemi", "nicht anrufen"), or the
 * writer's wish against it ("I don't want you to call me").
 */
const NOT_BEFORE =
  '(?<!\\b(do not|dont|never|not|no|nao|non|niet|nicht|ne|pas|nunca|mai|nooit|nie|stop|quit|no more|if you|if u)\\s(\\w+\\s){0,2}|\\b(do not|dont|no longer) (want|wish) (you|u) to\\s)';

/**
 * Not an order when a negation or "any more" follows ("bel me alsjeblieft niet meer", "call or text me no more",
 * "ruf mich nie wieder an").
 */
const NOT_AFTER =
  '(?![^.!?,;\\n]{0,24}\\b(niet|nooit|nicht|nie|mehr|meer|no more|anymore|any more|again|ever|never|nunca|jamais|mai piu|nao)\\b)';

/** A call asked of the sender ("just call me", "llámame mañana", "rufen Sie mich einfach an", "let's do a call"). */
const CALL_ASKED = new RegExp(
  [
    `${NOT_BEFORE}\\b(call|ring|phone|bell) (me|us)\\b(?! (if|when|only if)\\b)`,
    `\\bgive (me|us) a (call|ring|bell|buzz)\\b`,
    `\\b(let s|lets|let us)( just)? (do|have|hop on|jump on|set up|book|get on) (a |an )?([a-z0-9]+ ){0,3}(call|phone call|video call|chat)\\b`,
    `\\b(rufen sie|ruf|ruft) (mich|uns)( [a-z0-9]+){0,4} an\\b`,
    `\\b(rufen sie|ruf) (lieber|doch|einfach|besser) an\\b`,
    `\\b(lassen sie uns|lass uns)( [a-z0-9]+){0,3} telefonieren\\b`,
    `${NOT_BEFORE}\\b(llamame|llameme|llamenme|llamadme|llamanos|marcame|me llamas)\\b`,
    `\\bhagamos una (llamada|videollamada|call)\\b`,
    `${NOT_BEFORE}\\b(appelez moi|appelle moi|appelez nous|rappelez moi|rappelle moi|telephonez moi)\\b`,
    `\\bfaisons un (point|appel|call)\\b`,
    `${NOT_BEFORE}\\b(chiamami|chiamatemi|telefonami|telefonatemi|mi chiami|mi chiamate)\\b`,
    `\\bfacciamo una (call|chiamata|telefonata)\\b`,
    `${NOT_BEFORE}\\b(bel me|bel mij|belt u mij|belt u me)\\b`,
    `\\b(gewoon|liever|even) bellen\\b`,
    `\\blaten we( [a-z0-9]+){0,3} bellen\\b`,
    `${NOT_BEFORE}\\b(me liga|me ligue|me liguem|liga me|ligue me|me telefona|pode ligar|podem ligar)\\b`,
    `\\bvamos fazer uma (call|chamada|ligacao|videochamada)\\b`,
    `${NOT_BEFORE}\\b(zadzwoncie|zadzwon|prosze zadzwonic|prosze dzwonic)( do mnie| do nas)?\\b`,
  ]
    .map((order) => `(${order})${NOT_AFTER}`)
    .join('|'),
  'g',
);

/** Writing asked by a channel named ("escríbanme al correo"): that channel is read elsewhere (opt-out-channel-swap). */
const CHANNEL_NAMED_AFTER =
  '(?!( (al|a|por|par|per|via|pelo|pela|on|by|to|at|an|auf|naar|op|in|en|sur|su))?( (mi|my|mon|ma|meu|minha|mio|mia|mijn|mein|meine|meinen|the|el|le|il|o|de))? (correo|e ?mail|email|mail|courriel|whatsapp|sms|linkedin)\\b)';

/** Writing asked of the sender ("write it down", "escríbeme", "schreib mir lieber", "text me a time"). */
const WRITING_ASKED = new RegExp(
  [
    `${NOT_BEFORE}\\b(write (to )?me|write it down|text me|message me|type it)\\b(?! (if|when|only if)\\b)`,
    `${NOT_BEFORE}\\b(escribeme|escribame|escribanme|escribidme|escribenos)\\b`,
    `${NOT_BEFORE}\\b(schreib mir|schreiben sie mir|schreibt mir)\\b`,
    `${NOT_BEFORE}\\b(ecrivez moi|ecris moi|ecrivez nous)\\b`,
    `${NOT_BEFORE}\\b(scrivimi|scrivetemi|mi scriva|mi scrivete)\\b`,
    `${NOT_BEFORE}\\b(schrijf me|schrijf mij|typ (het )?(even|maar)|typ even)\\b`,
    `${NOT_BEFORE}\\b(me escreve|me escreva|me escrevam|escreve me|escreva me)\\b`,
  ]
    .map((order) => `(${order})${NOT_AFTER}${CHANNEL_NAMED_AFTER}`)
    .join('|'),
  'g',
);

/** Voice notes: a channel of their own ("no more voice notes, write to me"). */
export const VOICE_NOTES =
  /\b(voice ?notes?|voice ?messages?|voicenotes?|audios?|notas de voz|mensajes de voz|mensagens de voz|sprachnachrichten|sprachnachricht|sprachmemos?|vocali|messaggi vocali|vocaux|messages vocaux|spraakberichten|spraakmemo s?|spraakberichtjes)\b/;
/** Messages in general, read as the written channel when no channel is named ("chega de mensagens, me liga"). */
export const MESSAGES_IN_GENERAL =
  /\b(messages|messaging|mensajes|mensagens|mensagem|messaggi|nachrichten|berichten|berichtjes|appjes|appen|wiadomosci|wiadomosciami|smsy|smsami)\b/;

/** The channels asked for instead, in the orders above. */
export function channelsAskedFor(text: string): Array<'call' | 'text'> {
  const out: Array<'call' | 'text'> = [];
  if (CALL_ASKED.test(text)) out.push('call');
  CALL_ASKED.lastIndex = 0;
  if (WRITING_ASKED.test(text)) out.push('text');
  WRITING_ASKED.lastIndex = 0;
  return out;
}

/**
 * Right after the refusal, some times only ("on Mondays", "at 7am", "a las 7 de la mañana", "at lunchtime",
 * "during work hours"), not all times ("again", "ever", "at all").
 */
/** A contact verb or channel in the refusal (not a bare "STOP", which a weekday after only dates). */
export const CONTACT_REFUSED =
  /\b(call|phone|ring|text|txt|e ?mail|mail|messag|writ|contact|sms|whatsapp|llam|mand|escrib|envi|appel|ecri|envoy|anruf|ruf|schreib|chiam|scriv|telefon|bel|app|lig|escrev|mensag|mensaj|messaggi|nachricht|bericht)\w*/;

export const SOME_TIMES_ONLY =
  /^(?![^.!?;\n]*\b(again|ever|anymore|any more|at all|nunca|jamais|mai piu|nooit|nie wieder|nunca mais|never)\b)[^.!?;,\n]{0,30}?\b((on|at|during|over) (the )?(mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|lunch ?time|lunch|work hours|working hours|office hours|the school run|dinner ?time)|on (a )?(monday|tuesday|wednesday|thursday|friday)s?\b|at \d{1,2}( ?(am|pm|o clock|in the morning|at night))?\b(?! (years?|yrs|months?))|(a las|alle|as) \d{1,2}\b(?! (anos|anni|anos|meses|mesi))|(a|om|um) \d{1,2}( ?h\b| uur| uhr| de la (manana|noche|tarde)| di (mattina|sera)| da (manha|noite)| du (matin|soir))|(los|le|il|am|op|nas|aos|de) (lunes|martes|miercoles|jueves|viernes|lundi|mardi|mercredi|jeudi|vendredi|montag|dienstag|mittwoch|donnerstag|freitag|lunedi|martedi|mercoledi|giovedi|venerdi|maandag|dinsdag|woensdag|donderdag|vrijdag|segundas?|tercas?|quartas?|quintas?|sextas?)\b|(montags|dienstags|mittwochs|donnerstags|freitags|maandags)\b)/;

/**
 * The mobile said as the line to use after the landline refused ("no me llamen al fijo, al móvil sí", "plutôt le
 * portable", "piuttosto il cellulare", "maar mijn mobiel").
 */
export const MOBILE_RATHER =
  /\b(al|op|sur le|sul|no|aufs|an das|naar) (movil|mobiel|portable|cellulare|celular|telemovel|handy|mobile)( [a-z]+)? (si|wel|oui|sim|ja|yes|gerne|graag)\b|\b(plutot|piuttosto|mas bien|liever|lieber|sondern|but|mais|ma|pero|mas|maar)( (sur|op|aufs|on|al|para))? (le |il |al |aufs |das |mijn |my |o |el |meu |mon |mio )?(portable|cellulare|movil|mobiel|handy|mobile|celular|telemovel)\b/;

/** More away notices that answer on return. */
export const ANSWERS_ON_RETURN_MORE =
  /\b(contesto|respondo|contestare|respondere) (a la vuelta|al volver|cuando vuelva)|\b(vi|ti|la|le) ricontatt\w* al (mio )?rientro|\bal rientro vi (ricontatto|rispondo)|\b(retorno|respondo|respondo|ligo|entro em contato) (quando (eu )?voltar|na volta|no (meu )?retorno)|\bje (vous|te) (recontacte|rappelle|reponds) (a|des) (mon )?retour|\b(ich melde mich|melde mich) (danach|nach (meiner|der) ruckkehr|wenn ich zuruck bin)|\bik neem daarna (contact|weer contact) op|\bik (bel|mail) (je|u) (daarna|na terugkomst)/;

/** A shared inbox as the address not to write to ("please stop sending to info@"). */
export const SHARED_INBOX_AFTER =
  /^[^.!?\n]{0,25}?\b(to|at|on|naar|an|a|al|para|sur|su|op)? ?(info|contact|contacto|contato|kontakt|sales|office|hello|admin|reception|ventas|vendas|vendite|verkoop|service)@/;
/** A direct address given instead ("use my direct email: d.hale@…", "escribid a mi correo directo"). */
export const DIRECT_ADDRESS =
  /\b(direct|personal|own|directo|directa|direto|direta|diretto|diretta|directe|direkte|direkten|persoonlijke|personnelle|directe)\b[^.!?\n]{0,40}[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+/;

export const PROBE70_CHANNEL_SWITCH_GUARDS: Signal[] = [
  s(
    'neutral',
    0,
    'the length of the emails refused, not the emails',
    /\b(stop|quit|enough|no more|deja de|dejen de|basta( con)?( las| los)?|chega de|hor(en sie)? auf mit( den)?|schluss mit( den)?|arretez|assez de|plus de|stop met|genoeg( met)?)( (sending|mandarme|mandar|enviar|me mandar|me enviar))?( (the|with the|de|les|des|die|met die|met de|mit den))? ?((long|lengthy|endless|langen|lange|endlos\w*|eindeloz\w*|longs|longues)( [a-z]+)? (e ?mails|mails|messages|nachrichten|berichten)|(e ?mails|mails|correos|messages|mensajes|mensagens|messaggi) (larg\w*|long\w*|lungh\w*|compri\w*|interminab\w*|kilometric\w*|enormes))\b/,
    'guard',
  ),
];

export const PROBE70_CHANNEL_SWITCH_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'no contact at all by that channel (nl)',
    /\b(helemaal|gewoon|echt) (niet|nooit) (meer )?(appen|bellen|mailen|sms en|smsen|berichten sturen|contact opnemen)\b/,
  ),
];

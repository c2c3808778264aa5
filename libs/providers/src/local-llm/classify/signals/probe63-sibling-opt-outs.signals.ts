import { s, type Signal } from './signal';

/**
 * Siblings of the opt-out boundary (probe 63): the older opt-outs and look-alikes told again in other words, which
 * the rules fitted to the first wording missed.
 * - no contact of any kind any more, where the older lists held only some languages ("no quiero ningún contacto
 *   más", "Não quero mais nenhum contato", "I don't want any further contact from you");
 * - no point contacting the writer, said as the whole clause ("no point texting me", "There's no use emailing us");
 * - the channels refused one after another ("no calls no texts", "keine Anrufe, keine Mails", "ni llamadas ni
 *   mensajes");
 * - an objection to the writer's data being used ("I object to my data being used for your marketing");
 * - "enough" said on its own beside a count of the messages ("Enough please. This is the fifth one this week"): each
 *   is a weak cue, both together an opt-out;
 * - how to stop receiving them, asked in Spanish ("cómo hago para dejar de recibir estos correos");
 * - never wanting them again, in the forms with "never" ("Je ne veux plus jamais recevoir", "Non voglio mai più
 *   ricevere", "I'd appreciate it if I never heard from you again"), and off everything ("Haal me overal uit").
 * Look-alikes kept out: whether replying STOP would unsubscribe the writer ("if I reply stop does that unsubscribe
 * me from emails too"), a question, not the request; "Ne me désinscrivez surtout pas"; a channel refused for
 * another ("no calls, no texts, email only"); no point calling today; a count of the writer's own messages ("this
 * is the third email I've sent about the invoice"). Patterns read the normalised text (lowercase, no accents, apostrophes as spaces).
 */

/** A channel by which they are contacted, singular or plural, in the seven languages. */
const CHANNEL =
  '(calls?|phone calls?|texts?|emails?|e mails?|mails?|messages?|sms|whatsapps?|voicemails?|anrufe|e ?mails|nachrichten|llamadas|mensajes|correos|appels|courriels|chiamate|messaggi|telefonate|ligacoes|mensagens|telefoontjes|berichten)';

/** What turns a refused channel into a preference or a time limit ("no calls, email only", "no texts before 9"). */
const ONLY_ANOTHER =
  '(?![^.!?\\n]{0,40}\\b(just|only|but|instead|except|rather|please use|use|works|is fine|are fine|before|after|until|till|during|at work|today|tonight|this week|nur|sondern|lieber|solo|sino|mejor|seulement|plutot|sauf|soltanto|invece|apenas|mas sim|alleen|liever|maar)\\b)';

export const PROBE63_SIBLING_GUARDS: Signal[] = [
  s(
    'neutral',
    0,
    'asks not to be unsubscribed, with an adverb (fr)',
    /\bne (me|nous) (desinscri\w*|desabonn\w*|retir\w*|supprim\w*|ray\w*|enlev\w*|effac\w*) (surtout|donc|svp|vraiment|absolument) (pas|jamais)\b/,
    'guard',
  ),
  s(
    'question',
    2,
    'asks whether replying would unsubscribe them',
    /\b(does|will|would|do|did) (that|this|it|replying|texting|sending|answering|a reply)( (with )?stop)? (also |automatically |then )?(unsubscribe|opt|remove|take) (me|us)( out| off)?\b[^.!?\n]*/,
    'guard',
  ),
];

export const PROBE63_SIBLING_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'wants no contact of any kind any more',
    /\bno (quiero|queremos|deseo|deseamos) (ningun|ninguna|ningun tipo de|mas) (contacto|comunicacion|comunicaciones)\b|\bnao (quero|queremos|desejo|desejamos) (mais )?(nenhum|qualquer) (contato|contacto|comunicacao)\b|\bnao (quero|queremos|desejo) mais (contato|contacto)\b|\b(i|we) (do not|no longer) (want|wish to have|need) any (more|further) (contact|communication|correspondence)\b|\b(i|we) (want|wish for) no (more|further) (contact|communication|correspondence)\b/,
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'never wants to receive them again',
    /\b(je|nous) ne (veux|voulons|souhaite|souhaitons|desire|desirons) (plus jamais|jamais plus) (rien )?(recevoir|avoir|entendre)\b|\bnon (voglio|vogliamo|desidero|desideriamo) mai piu (ricevere|avere|sentire)\b|\bno (quiero|queremos|deseo|deseamos) (volver a recibir|recibir nunca|recibir nunca mas|nunca mas recibir)\b|\bnao (quero|queremos|desejo|desejamos) (voltar a receber|receber nunca mais|nunca mais receber)\b|\b(will|mochte|wollen|mochten) (nie wieder|nie mehr|niemals wieder|niemals mehr) ([a-z]+ ){0,3}(erhalten|bekommen|horen|lesen)\b|\b(wil|willen|wens|wensen) (nooit meer|nooit weer) ([a-z]+ ){0,3}(ontvangen|krijgen|horen)\b|\b(i|we) (would|d)? ?(appreciate it|prefer it|prefer) if (i|we) never (heard|hear|got|received|get|receive) (from|anything from|anything more from) (you|your [a-z]+)\b|\b(i|we) never want to (hear from|receive anything from|get anything from) (you|your [a-z]+)( again)?\b/,
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'remove me from everything',
    /\b(haal|schrap|verwijder) (me|mij|ons) (overal|uit alles|uit al uw|uit al jullie|uit alle)\b|\b(take|remove|delete|drop) (me|us) (off|from) (everything|all of it|all your lists|every list)\b|\b(retirez|supprimez|rayez|enlevez)( moi| nous) de (tout|toutes vos listes|tous vos fichiers)\b|\b(quitenme|borrenme|eliminenme|sacadme|quitadme|borradme) de (todo|todas (las|sus|vuestras) listas)\b|\b(toglietemi|cancellatemi|rimuovetemi) da (tutto|tutte le (liste|vostre liste))\b|\b(tirem me|retirem me|removam me|excluam me) de (tudo|todas as listas)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'no point contacting the writer',
    /(^|[.!?,;]\s*|\b(there is|there s|theres|it s|its) )(no|zero) (point|use|sense) (in )?(texting|emailing|e mailing|mailing|calling|ringing|phoning|messaging|contacting|writing to|following up with|chasing) (me|us)( (again|any more|anymore|ever again))?\s*([.!]|$)/,
  ),
  s(
    'unsubscribe',
    4,
    'refuses the channels one after another',
    new RegExp(
      `(^|[.!?,;]\\s*)(no (more )?${CHANNEL},?( and| or)? no (more )?${CHANNEL}|keine ${CHANNEL},?( und| oder)? keine ${CHANNEL}|ni ${CHANNEL},? ni ${CHANNEL}|pas d ${CHANNEL},?( ni)? (pas de|d) ${CHANNEL}|(niente|nessuna|nessun) ${CHANNEL},? (niente|nessuna|nessun|ne) ${CHANNEL}|nem ${CHANNEL},? nem ${CHANNEL}|geen ${CHANNEL},?( en| of)? geen ${CHANNEL})\\b${ONLY_ANOTHER}`,
    ),
    'temporal',
  ),
  s(
    'unsubscribe',
    4,
    'objects to their data being used',
    /\b(i|we) (hereby |strongly |formally )?object to (my|our) (personal |contact )?(data|details|information|info|email address|email|number|phone number) being (used|processed|held|kept|stored|shared)\b(?![^.!\n]*\?)/,
  ),
  s(
    'unsubscribe',
    2,
    'enough, said on its own',
    /(^|[.!?]\s*)(ok |okay |right )?enough( (already|now|please|thanks|thank you))*(?=\s*([.!]|$))/,
  ),
  s(
    'unsubscribe',
    2,
    'counts the messages received',
    /\b(this is|that is|that s|thats|it is|it s|its) (the|my|your) (third|fourth|fifth|sixth|seventh|eighth|tenth|umpteenth|nth|\d+(st|nd|rd|th)) (one|email|e mail|mail|message|text|follow ?up|chaser)\b(?! (i|we) (have |ve )?(sent|written|asked))[^.!?\n]{0,30}([.!?]|$)/,
  ),
  s(
    'unsubscribe',
    4,
    'pregunta como dejar de recibirlos (es)',
    /\b(como|donde) (hago|puedo|se hace|hacer|se puede|podria) (para )?(dejar de recibir|no recibir mas|darme de baja|desuscribirme|desapuntarme|salir de (esta|la|su|vuestra|sus|vuestras) (lista|listas|newsletter|boletin)|que (me )?dejen de (escribir|mandar|enviar|llamar))\b(?![^.!?\n]{0,30}\b(mis|nuestros|a los|los) (clientes|contactos|usuarios|suscriptores)\b)/,
  ),
];

/**
 * The other labels of the siblings: a pause with what to stop between the verb and "for now" ("arrêtez les SMS pour
 * l'instant", "paren los mensajes por ahora"), or "today", "this week", "next month" ("stop texting me this week",
 * "hold off on the calls this month", "No me llames hoy", "Bel me vandaag niet"), not now; an automatic acknowledgement worded as the message reaching
 * a team, or its handling time ("Your message has reached the Purchasing team", "Requests are handled within 5
 * working days"), and a notice sent because a shared inbox was written to, neutral.
 */
export const PROBE63_SIBLING_SIGNALS: Signal[] = [
  s(
    'not_now',
    3,
    'stop for now, with what to stop in between',
    /\b(stop|pause|hold off( on)?|quit|arretez|suspendez|paren|parad|detengan|parem|fermate|sospendete|pausieren sie|stoppen sie|stop met|pauzeer) ([a-z]+ ){1,3}(for now|for the moment|for the time being|pour l instant|pour le moment|por ahora|por el momento|de momento|por enquanto|por agora|per ora|per il momento|per adesso|vorerst|erstmal|vorlaufig|voorlopig)\b/,
  ),
  s(
    'not_now',
    3,
    'stop or hold contact for today, this or next week or month',
    /\b(stop|pause|hold off( on)?|quit|no (more )?(calls?|texts?|e ?mails?|messages?|sms|contact)|(please )?do not (call|ring|text|e ?mail|message|contact|chase|ping|bother)|arretez|suspendez|paren|parad|detengan|parem|fermate|sospendete|pausieren sie|stoppen sie|keine (anrufe|nachrichten|e ?mails?|sms)|stop met|pauzeer) ((?!(one|ones|times?|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b)[a-z]+ ){0,3}((this|next|cette|la semaine|le mois|este|esta|diese|diesen|nachste|deze|volgende|questa|questo|il prossimo|la prossima) ?(week|month|semaine|mois|semana|mes|woche|monat|week|maand|settimana|mese)|today|tonight|this (morning|afternoon|evening))\b/,
  ),
  s(
    'not_now',
    3,
    'no contact today or this week (multilingual)',
    /\bne (me|m|nous) (appelez|ecrivez|contactez|relancez|envoyez rien) pas (aujourd hui|ce soir|ce matin|cet apres midi|cette semaine|demain)\b|\bno (me|nos) (llames|llamen|llame|escribas|escriban|escriba|contactes|contacten) (hoy|esta (noche|tarde|manana|semana)|manana)\b|\b(rufen sie (mich|uns)|ruf (mich|uns)) (bitte )?(heute|heute abend|morgen|diese woche) nicht an\b|\b(bel|mail|app) (me|ons) (vandaag|vanavond|morgen|deze week) niet\b|\bnon (mi |ci )?(chiamate|chiamarmi|chiamatemi|scrivetemi|scrivermi|contattatemi) (oggi|stasera|domani|questa settimana)\b|\bnao me (liguem|ligue|liga|escrevam|escreva|mandem) (hoje|amanha|esta (noite|semana))\b/,
  ),
  s(
    'neutral',
    5,
    'an automatic acknowledgement: reached the team, handled within days',
    /\byour (message|email|e mail|request|enquiry|inquiry|ticket) has (reached|arrived (at|with)|been (passed|delivered|routed) to) (the|our) ([a-z]+ ){0,3}(team|department|desk|office|mailbox|inbox)\b|\b(requests|emails|messages|enquiries|inquiries|tickets|invoices|orders) are (usually |normally |typically )?(handled|processed|answered|dealt with|reviewed|responded to) within \d+ (working |business )?(days|hours)\b|\bthis is an automatic (notice|notification|message|confirmation|reply) (because|as) you (wrote|emailed|sent|messaged|have written|have emailed)( an email| a message)?( to)? (a|our|the) (shared|group|team|generic|central)\b/,
  ),
];

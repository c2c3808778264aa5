import { MONTHS, s, type Signal } from './signal';

/**
 * Short SMS and WhatsApp replies in the seven core languages (probe 68), opt-outs and not:
 * - opt-outs without the keyword: "bitte nicht mehr", "nunca mais"; enough of the messages ("ça suffit les
 *   messages", "basta ya con los sms", "chega de mensagens"); "para ya con los sms"; a plural or polite order not to
 *   write, closing its clause ("…, no escriban"); a keyword and then exasperation ("basta! non ne posso più");
 *   stop bugging me ("para de encher o saco", "smettila di rompere", "hör auf mich zu nerven"); "🚫 sem mensagens";
 *   the keyword repeated ("STOP STOP STOP 😡", which a message in capitals reads as words);
 * - a bare "never" ("nunca", "jamais", "nooit") answers an offer: a refusal, not an opt-out;
 * - busy right now and coming back later ("estoy manejando, luego te escribo", "tô no trabalho, depois vejo"), and
 *   a later time that suits better ("Ende des Monats passt besser"): not now;
 * - a call asked for at a clock time beats the "not now" before it ("plus tard svp, rappelez-moi vers 18h", "non
 *   ora, chiamami alle 6"); "don't call before 10, after that yes" sets the time of a call; a Dutch weekday with a
 *   time ("do om 10u?"); a meeting cancelled for another day ("cancella l'appuntamento di lunedì, martedì va
 *   meglio"): meeting requests;
 * - asking how to pay or sign up ("lo quiero, ¿cómo pago?"): interest;
 * - one channel refused for the one the reply came by ("non mi scrivete più per email, qui su WhatsApp va
 *   benissimo"): no opt-out;
 * - "I don't work there any more" in the short wordings ("non lavoro più lì", "ik werk daar niet meer"): wrong person.
 * Patterns read the normalised text (lowercase, no accents, apostrophes as spaces, "nah" as "no").
 */

const POLITE =
  '(bitte|danke|aub|a u b|svp|stp|merci|por favor|porfa|pfv|pf|obg|obrigad[oa]|gracias|grazie|grz|please|pls|plz|thanks|thx)';

/** The messages themselves, in the seven languages and the chat words for them. */
const MESSAGES =
  '(messages|msgs?|sms|textos|mensajes|msjs?|mensagens|mensagem|msgs|messaggi|messaggini|nachrichten|berichten|appjes|texts|mails|e ?mails|emails|whatsapps?|correos|spam|pubs?|werbung|reclame|publicidad|publicidade|pubblicita)';

/** A call asked for right after ("enough of the emails, just call me"): the channel moves, the contact stays. */
const CALL_AFTER =
  '(?![^?]{0,60}\\b(call me|ring me|phone me|llamame|llamenme|me liga|me ligue|me llamas|appelez moi|appelle moi|chiamami|chiamatemi|ruf mich|rufen sie mich|bel me|bel mij)\\b)';

/** Voice messages refused, not the messages ("basta con los mensajes de voz, escríbeme"). */
const NOT_VOICE = '(?! (de voz|de audio|vocali|vocaux|de voix|audio|vocales|de voix))';

/** Busy right now: driving, at work, in a meeting. */
const BUSY_NOW =
  '(manejando|conduciendo|en (una )?reunion|en el trabajo|en la chamba|trabajando|ocupad[oa]|no trabalho|no trampo|dirigindo|em (uma )?reuniao|trabalhando|in riunione|al lavoro|in macchina|guidando|occupat[oa]|am fahren|im auto|unterwegs|im meeting|in (einem|nem) meeting|bei der arbeit|auf (der )?arbeit|beschaftigt|en reunion|au volant|en voiture|au travail|en rdv|in de auto|in een vergadering|in vergadering|op het werk|aan het werk|driving|at work|in a meeting|on the road|on a call)';

/** Coming back later. */
const LATER =
  '(luego|despues|mas tarde|ahorita|depois|mais tarde|dopo|piu tardi|spater|nachher|plus tard|apres|later|straks|l8r|ttyl|in a bit|ci sentiamo|te escribo|te aviso|te ligo|te falo|je reviens|reviens vers vous|kom erop terug|melde mich|meld mich)';

export const PROBE68_SHORT_REPLY_GUARDS: Signal[] = [
  s(
    'neutral',
    1,
    'email refused for the channel the reply came by (it/es/fr/de/nl/pt/en)',
    /\b(non|no|nao|ne|niet|nicht|not|do not|never)( [a-z]+){0,3}( (per|via|por|par|pelo|pela|by|over|op|en|con))? (e ?mails?|emails?|mails?|correos?|courriels?|posta)\b[,;. ]+(but |ma |pero |mas |mais |maar |aber |sondern )?(qui|qua|aqui|aca|ici|hier|here|(su|per|via|por|par|on|op|no|pelo|by|in|en) (whatsapp|sms|text|wa)|whatsapp|sms)( [a-z]+){0,3} (va bene|va benissimo|va meglio|e meglio|ok|esta bien|vale|mejor|ca va|c est bien|c est parfait|mieux|passt|gerne|gern|ist ok|ist gut|prima|is prima|is goed|kan wel|fine|is fine|works|is better|better|tudo bem|ta bom|esta bom|pode|melhor)\b/,
    'guard',
  ),
  s(
    'meeting_request',
    3,
    'no call before an hour, after it yes',
    /\b(no me llames|no me llamen|no llames|nao (me )?(liga|ligue|liguem)|niet bellen|bel (me |mij )?niet|ne m appelez pas|ne m appelle pas|non chiamarmi|non mi chiamare|non chiamatemi|ruf (mich )?nicht an|nicht anrufen|do not call( me)?)( (please|pls|por favor|porfa|pfv|svp|stp|bitte|aub|grz))? (antes de las|antes das|antes da|voor|avant|prima delle|prima di|vor|before) \d{1,2}( ?(u|uur|h|hs|uhr|am|pm|horas))?\b[,.;: ]+(pero |mas |mais |ma |maar |aber |but )?(despues|depois|daarna|apres|dopo|danach|after that|after|luego|dann)( (si|sim|pode|pode ser|prima|ok|oke|c est bon|ca va|va bene|gerne|gern|fine|is fine|works|jederzeit|any time|anytime|wel|gerust|sure|yes|yeah|claro|sure))\b|\bnicht vor \d{1,2}( uhr)? (an)?rufen\b[,.;: ]+(aber )?(danach|dann|spater)( (gerne|gern|ok|jederzeit|passt))\b/,
    'guard',
  ),
  s(
    'not_now',
    3,
    'busy right now, back later',
    new RegExp(
      `(^|[.!,]\\s*|\\b(estoy|toy|to|estou|sono|sto|ich bin|bin|je suis|suis|zit|ik zit|ben|ik ben|i m|im|i am|am) )((ahora|agora|adesso|ora|gerade|grad|nu|just|now|right now|rn|al momento|en ce moment|op dit moment) )?${BUSY_NOW}\\b[^?]{0,40}\\b${LATER}\\b`,
    ),
    'guard',
  ),
];

// prettier-ignore
export const PROBE68_SHORT_REPLY_OPT_OUT_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'no more, alone, with a please or for good', /^[^a-z0-9]*((bitte|aub|pls|please) (nicht mehr|nix mehr|nichts mehr|niet meer)|(nicht mehr|nix mehr|niet meer) (bitte|aub)|nunca mais|nunca mas|plus jamais|jamais plus|mai piu|never again)([ ,]+(bitte|danke|aub|a u b|svp|stp|merci|por favor|porfa|pfv|obg|obrigad[oa]|gracias|grazie|grz|please|pls|thanks|thx))?[^a-z0-9]*$/, 'whole'),
  s('unsubscribe', 4, 'enough of the messages', new RegExp(`(?<!\\b(pas|not|nicht|niet|no|non|nao|never) )\\b(ca suffit|c est assez|assez|y en a marre|j en ai marre|basta( ya)?|ya basta|chega|genug|es reicht|genoeg|enough|ya chole|ya estuvo)( (avec|con|de|des|mit|met|with|of|di|das|dos|da|do|del|coi|con i|van))?( (les|vos|tes|ces|los|tus|sus|esos|estos|i|tuoi|vostri|questi|sti|os|as|seus|suas|essas|esses|tantas|tantos|die|den|deinen|euren|ihren|diesen|de|je|jullie|the|your|these|those|all the|all these|all your|tanti|tante))? ?${MESSAGES}\\b${NOT_VOICE}${CALL_AFTER}`)),
  s('unsubscribe', 4, 'stop now with the messages (es/pt)', new RegExp(`\\b(para|paren|parad|pare|parem)( ya| de una vez)? con (los |tus |sus |tanto |tantos |tantas |esos |estos |las |tanta |os |as )?${MESSAGES}\\b${NOT_VOICE}${CALL_AFTER}`)),
  s('unsubscribe', 4, 'do not write, closing the clause (es/pt)', /(^|[,.!;]\s*)(y |e |pero |mas |ok |vale )?no (me |nos )?(escriban|escribas|escriba|manden|mandes|envien|envies|contacten|contactes|escrevam|mandem|enviem)( (mas|mais|nada|nunca|ya|mas nada|mais nada))*\s*([.!]|$)/, 'temporal'),
  s('unsubscribe', 4, 'a keyword, then exasperation', /\b(basta|chega|ya basta|genug|assez|enough|stop|stopp|hou op)\b[!.,: ]*(non ne posso piu|non ce la faccio piu|nao aguento mais|nao aguento|no aguanto mas|ya no aguanto|j en peux plus|je n en peux plus|ich kann nicht mehr|ich halte das nicht (mehr )?aus|ik word er gek van|i (cannot|can not|cant) take (it|this) (any ?more|no more))\b/),
  s('unsubscribe', 4, 'stop bugging me', /\b(para|parem|pare|deixa|deixe|deixem) de (me )?(encher o saco|encher|perturbar|incomodar|chatear|amolar|importunar|azucrinar)\b|\b(deja|dejen|deje|para|paren) de (molestar|fastidiar|joder|chingar|dar la lata|incordiar)(me|nos)?\b|\b(smettila|smettetela|smetti|smettete|finiscila|piantala|piantatela) di (rompere|scocciare|disturbare|stressare|importunare|tormentare)\b|\b(arrete|arretez) de (me |nous )?(harceler|saouler|souler|deranger|embeter|emmerder|casser les pieds|spammer)\b|\bhor(t)? (auf|endlich auf) (mich |uns )?(zu )?(nerven|belastigen|zuzuspammen|vollzuspammen|bedrangen)\b|\bhou (op|eens op) met (zeuren|spammen|lastigvallen|stalken)\b|\b(stop|quit) (bugging|pestering|harassing|hassling|spamming|stalking) (me|us)\b/),
  s('unsubscribe', 4, 'no messages, alone', new RegExp(`^[^a-z0-9]*(sem|sin|pas de|plus de|keine|geen|niente|nessun|no)( mais| mas| plus| mehr| meer| piu| more)? ${MESSAGES}( ${POLITE}| mehr| meer)*[^a-z0-9]*$`), 'whole'),
  s('unsubscribe', 4, 'the keyword repeated', /^[^a-z0-9]*(stop|stopp|basta|baja|chega|arrete|alto|pare|halt)([\s!.,]+(stop|stopp|basta|baja|chega|arrete|alto|pare|halt))+[^a-z0-9]*$/, 'whole'),
];

// prettier-ignore
export const PROBE68_SHORT_REPLY_SIGNALS: Signal[] = [
  s('not_interested', 3, 'a bare never', /^[^a-z0-9]*(never|never ever|nunca|jamais|jamas|mai|nooit|niemals|nie)[^a-z0-9]*$/, 'whole'),
  s('not_interested', 3, 'no, we are good', /^(no|nope)[,.! ]+(we re|were|we are|im|i m|i am) (good|fine|all good|sorted|covered|set)\b/, 'whole'),
  s('not_now', 3, 'a later time suits better', /\b((ende|anfang|mitte) (des |der |nachsten |naechsten )?(monats|jahres|woche|quartals)|nachste woche|nachsten monat|im neuen jahr|nach den feiertagen|nach weihnachten)( [a-z]+){0,2} (passt|ware|ist) (mir |uns )?(besser|eher)\b|\b(a finales de mes|a fin de mes|el mes que viene|el proximo mes|despues de (las fiestas|navidad|reyes))( [a-z]+){0,2} (me |nos )?(viene|va|iria|vendria) mejor\b|\b(a la |en )?(fin du mois|le mois prochain|apres les fetes)( [a-z]+){0,2} (ca )?(m |nous )?(arrange|arrangerait|irait|va) mieux\b|\b(a )?(fine mese|il mese prossimo|dopo le feste)( [a-z]+){0,2} (mi |ci )?(va|andrebbe|viene) meglio\b|\b(eind van de maand|eind deze maand|volgende maand|na de feestdagen)( [a-z]+){0,2} (komt|past|is) (me |mij |ons )?beter\b|\b(no )?(fim do mes|final do mes|mes que vem|proximo mes|depois das festas)( [a-z]+){0,2} (e |fica |seria |eh )?melhor\b/),
  s('meeting_request', 3, 'asks for a call at a clock time', new RegExp(`\\b(rappelez|rappelle|appelez|appelle|call|ring|phone|chiamami|chiamatemi|richiamami|richiamatemi|llamame|llamenme|marcame|me liga|me ligue|me liguem|ruf|rufen sie|bel|belt)( (moi|nous|me|mich|mij|uns|me back|back))? (vers|a|des|at|around|after|alle|verso le|dopo le|a las|sobre las|despues de las|as|pelas|depois das|um|gegen|nach|om|rond|na) \\d{1,2}( ?(h|u|uur|uhr|am|pm|hs|horas)( ?\\d\\d)?)?\\b(?! ?(%|weeks?|days?|months?|years?|semanas?|dias?|mois|jours|semaines|settimane|giorni|mesi|wochen|tagen?|monaten?|weken|dagen|maanden|min|mins|minutes?|minutos|minuti|minuten|ans|anos|anni|jahren?|jaar|${MONTHS}\\b)|[./-]\\d)`), 'negatable'),
  s('meeting_request', 3, 'a Dutch weekday and a time', /\b(ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag)( ochtend| middag| avond)? (om|rond) \d{1,2}(u|:\d\d| uur|\.\d\d)?\b|\b(ma|di|wo|do|vr|za|zo) \d{1,2}(u| uur)\b/),
  s('meeting_request', 3, 'a meeting cancelled for another day', /\b(cancel\w*|annul\w*|disdic\w*|sposta\w*|annuleer\w*|verzet\w*|desmarc\w*|supprim\w*|remarc\w*)( [a-z]+){0,3} (appuntamento|riunione|incontro|reunion|reuniao|cita|rdv|rendez vous|termin|afspraak|meeting|call|chiamata|llamada|appel)\b[^?]{0,40}\b(va meglio|mejor|melhor|mieux|besser|beter|works|better|kan wel|funziona|passt|conviene)\b|\btermin( [a-z]+){0,4} (absagen|verschieben)\b[^?]{0,40}\b(geht|passt) (besser|auch|gut)\b/),
  s('interested', 3, 'asks how to pay or sign up', /\b(como (pago|contrato|lo contrato|me apunto|me inscribo|compro|firmo|lo pago)|como (faco|faz) (pra|para) (contratar|assinar|pagar|comprar)|como (assino|contrato)|comment (je )?(paie|paye|m inscris|souscris|signe|commande)|come (pago|mi iscrivo|firmo|procedo|ordino)|wie (kann ich (bezahlen|bestellen|unterschreiben)|bezahle ich|bestelle ich)|waar (teken|betaal) ik|hoe (betaal|bestel|teken) ik|how (do|can) i (pay|sign up|buy|order|sign)|where do i sign)\b/),
  s('wrong_person', 4, 'does not work there any more, short wordings', /\bnon lavoro piu (li|la|qui|qua|da voi|con voi|per loro|in quella ditta|presso)\b|\bik werk (daar|er|hier) (al |sinds kort |inmiddels )?niet meer\b|\bnao trabalho mais (ai|la|aqui|nessa empresa|com eles|pra eles)\b|\bje (ne )?(suis|bosse|travaille) plus (chez eux|chez vous|la bas|la|dans cette boite)\b|\bich (arbeite|bin) (da|dort) nicht mehr\b|\bich hab(e)? da aufgehort\b/),
];

/**
 * After a capital STOP: a visit ("STOP by the office"), in any case, delight ("OMG STOP 😍 i need this") or a data
 * process named ("STOP THE IMPORT!!"): the keyword is not sent. Read on the text as written.
 */
const VISIT_AFTER = /^[-\s]+by\b/i;
const DELIGHT_BEFORE = /\b(omg|oh my (god|gosh)|wow|whoa|no way)\W*$/i;
const DELIGHT_AFTER =
  /^[\s!.,]*(\u{1F60D}|\u{1F929}|\u{1F970}|\u{1F63B}|\u2764|\u{1F4AF}|\u{1F64C}|(that'?s|this is|it'?s) (amazing|awesome|incredible|brilliant|perfect|genius|so good|exactly what))/iu;

/** After a capital STOP: a data process of the writer's account ("STOP THE IMPORT!! wrong csv"): probe 79. */
const PROCESS_AFTER =
  /^\s+((the|my|our|this|that)\s+)?(import|export|sync|upload|migration|importing|exporting|syncing|uploading|migrating)\b/i;

const WANTS_IT_AFTER =
  /^[\s!.,]*(\p{Extended_Pictographic}\s*)*(i|we) (need|want|love) (this|it|that)\b(?! to\b)/iu;

export function capitalStopLookAlike(body: string, index: number, length: number): boolean {
  const before = body.slice(0, index);
  const after = body.slice(index + length);
  return (
    VISIT_AFTER.test(after) ||
    PROCESS_AFTER.test(after) ||
    DELIGHT_AFTER.test(after) ||
    (DELIGHT_BEFORE.test(before) && WANTS_IT_AFTER.test(after))
  );
}

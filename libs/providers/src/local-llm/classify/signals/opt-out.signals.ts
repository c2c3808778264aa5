import { s, type Signal } from './signal';

/**
 * Requests to stop contact, in seven languages (issue 7: "unsubscribe from free text … opts the lead out exactly as
 * STOP does"). An opt-out needs a clear request to stop or to be removed; look-alikes are guarded first.
 */

/** What gets sent: messages in any form (English). */
const MESSAGE_NOUNS =
  '(e ?mails?|emails|mails|messages?|texts?|sms|sms es|whatsapps?|dms|calls|voicemails?|spam|junk|newsletters?|marketing|promos?|promotions?|offers|deals|adverts?|ads|mailers|flyers|updates|notifications?|alerts|reminders?|follow ups?|sequences?|campaigns?|solicitations?|communications?|correspondence|outreach|stuff|things)';
const SENT_THINGS = `(these|this|them|that|your|any|more|all|the|such|sales|automated|cold|appointment|promotional|marketing|${MESSAGE_NOUNS})`;
/** Ways to contact someone (English verbs, -ing and base forms). */
const CONTACT_BASE = `(contact|call|phone|ring|text|sms|whatsapp|dm|message|e ?mail|email|mail|write( to)?|reach out to|ping|spam|bother|pester|harass)`;
const CONTACT_VERB_EN = `(e ?mailing|emailing|mailing|messaging|message|texting|sms ing|smsing|whatsapping|dming|contacting|calling|ringing|phoning|writing|sending( me| us)?( ([a-z]+ )?${SENT_THINGS}\\b|\\s*[.!,]|\\s*$)|spamming|bugging|bothering|pestering|harassing|hounding|pinging|reaching out|following up|chasing|(all )?(contact|communications?|correspondence|outreach)( with (me|us))?|with the (e ?mails|emails|messages|texts|calls|spam|follow ups))`;
const UNSUB_WORDS =
  '(unsubscribe|opt out|disiscriv\\w*|darse de baja|darme de baja|baja|desinscri\\w*|desabonn\\w*|abmeld\\w*|austrag\\w*|descadastr\\w*|afmeld\\w*|uitschrijv\\w*)';
const BROKEN =
  '(broken|not work|does not work|is not working|doesnt work|404|error|errore|erreur|fehler|erro|fout|dead|missing|funziona|funciona|marche pas|fonctionne pas|geht nicht|funktioniert nicht|werkt niet|kaputt|rotto|quebrado)';

export const BARE_STOP = 'asks to stop (bare)';

// prettier-ignore
export const OPT_OUT_GUARDS: Signal[] = [
  s('question', 2, 'asks what cancelling involves', /\b(if|whether|what if|how (do|can|could|would) (i|we)|is it possible to) (i |we )?(ever )?(need to |have to |want to |must |decide to )?(cancel|reschedule|move|change|postpone)\b/, 'guard'),
  s('interested', 2, 'asks to keep receiving', /\b(do not|dont|never|please do not) (ever )?stop (sending|e ?mailing|emailing|writing|messaging|texting|these|them|the)\b/, 'guard'),
  s('interested', 2, 'asks to stay on the list', /\b(do not|dont|no need to|you do not have to|do not want to) (remove|unsubscribe|take) (me|us)\b/, 'guard'),
  s('meeting_request', 2, 'stop by', /\bstop(ping|ped|s)? (by|in|over|round|around|at (our|my|the))\b/, 'guard'),
  s('neutral', 0, 'stopped doing something', /\bstop(ped|s|ping)? (using|doing|working|selling|offering|making|being|worrying|wondering|paying|the (project|pilot|trial))\b/, 'guard'),
  s('meeting_request', 3, 'switches to a call', /\bstop (texting|e ?mailing|emailing|messaging|writing)( me| us)?,? (and )?(just )?(call|phone|ring|email|text|whatsapp|meet)\b/, 'guard'),
  s('meeting_request', 3, 'moves a call', /\b(cancel|move|push|shift|bump|reschedule|postpone|drop)( (my|our|the|tomorrows|todays|this|that|mondays|tuesdays|wednesdays|thursdays|fridays))? (\d{1,2}( ?(am|pm|h|uhr)|:\d\d)|call|meeting|demo|appointment|slot|session|chat|zoom|teams|meet|invite)\b/, 'guard'),
  s('meeting_request', 3, 'moves a call (es/fr/de/pt/it/nl)', /\b(cancela|cancelar|cancelemos|mueve|mover|pasa|pasala|cambia|cambiar|aplaza|aplazar|reprograma|reprogramar|remarca|remarcar|remarque|reagenda|reagendar|reagende|annuler|annulez|decaler|decalez|deplacer|deplacez|reporter|reportez|remarcar|adiar|mudar|annullare|annulla|spostare|sposta|spostiamo|rimandare|rimanda|rimandiamo|verschieben|verlegen|absagen|verzetten|verplaatsen|annuleren|afzeggen|verzet|verplaats|annuleer)( la| el| le| la| mi| mon| ma| notre| nuestra| den| das| meinen| unseren| unser| a| o| minha| meu| il| mio| mia| de| onze| mijn| het)? (llamada|reunion|cita|consulta|visita|reserva|demo|rdv|rendez vous|appel|call|point|reunion|seance|consultation|reservation|chamada|ligacao|reuniao|sessao|marcacao|chiamata|riunione|appuntamento|incontro|visita|prenotazione|termin|meeting|gesprach|telefonat|behandlung|afspraak|gesprek|consult|reservering)\b|\b(termin|call|meeting|gesprach|telefonat|afspraak|gesprek)( am \w+)? (absagen|verschieben|verlegen|verzetten|verplaatsen|annuleren|afzeggen)\b/, 'guard'),
  s('question', 2, 'asks about the unsubscribe link', new RegExp(`\\b(link|button|page|option|enlace|lien|bouton|knopf|botao|pulsante|knop)( to| para| pour| per| zum| om| de| di| da| van| des| do| zur| zum)? ${UNSUB_WORDS}[^.!?\\n]{0,50}${BROKEN}|\\b${UNSUB_WORDS} (link|button|page|option)[^.!?\\n]{0,40}${BROKEN}`), 'guard'),
  s('neutral', 0, 'quotes the opt-out instruction', /\b(reply|replying|text|send|type|respond)( with)? "?(stop|unsubscribe|end|quit|cancel|stopall)"? (to|and you will|and i will) (opt out|unsubscribe|stop|be removed|never hear)\b/, 'guard'),
  s('neutral', 0, 'a mailing footer', /\b(to unsubscribe|unsubscribe)( from [a-z ]{1,40}?)?,? (click|visit|go to|use|follow|reply|tap)\b|\bclick here to unsubscribe\b|\bif you (no longer wish|would prefer not|do not wish|would rather not) to receive (these |our |such |future )?(e ?mails|emails|messages|communications|updates|newsletters?)\b[^.\n]{0,40}(click|unsubscribe|visit|link|here)\b/, 'guard'),
  s('neutral', 0, 'redirects the messages', /\bstop (sending|texting|emailing|e ?mailing|calling|mailing)( [a-z]+){0,4} (to|at|on) (my|our|this|that|the|his|her) (old|previous|former|personal|work|other|home|office|private) (address|email|email address|number|phone|mobile|inbox|account)\b/, 'guard'),
  s('question', 1, 'about someone else on the list', /\b(remove|delete|take|drop|unsubscribe|erase|opt) (out )?(a|an|the|one|my|our|this|that|his|her|their|some|all) (patients?|clients?|customers?|guests?|students?|members?|users?|contacts?|colleagues?|employees?|staff|persons?|people|leads?|recipients?|subscribers?|kids?|child|children|son|daughter|wife|husband|partner|mother|father|mum|mom|dad|friends?)\b(?! (details|info|information|data|number|numbers|address|addresses|email|emails|record|records))/, 'guard'),
  s('meeting_request', 3, 'moves their slot', /\b(take|get|remove|move|switch) (me|us) (off|from|out of) (the |my |our |that |this )?(\d{1,2}(:\d\d)? ?(am|pm|h)?|[a-z]+day|morning|afternoon|evening|early|late|first|second)( (slot|appointment|session|class|shift|one|booking|call|meeting))?\b|\b(take|get|remove) (me|us) (off|from) [^.!?\n]{1,30}\band (put|book|move|add|switch|sign|schedule) (me|us)\b/, 'guard'),
  s('neutral', 0, 'asks not to be unsubscribed (fr)', /\bne (me |nous )?(desabonn|desinscri|retir|supprim|radi)\w* pas\b/, 'guard'),
  s('neutral', 0, 'asks for another format', /\bstop sending (me |us )?[a-z ]{1,30}?,? (just |and |instead |but )?(send|use|share|give|email|text|attach|link) (me |us )?(the |a |an |it|them|link|links)/, 'guard'),
  s('neutral', 0, 'a compound with stop', /\b(one|non|pit|bus|full|truck) stop\b|\bstop (shop|sign|light|gap|motion|watch|loss|word|words|list)\b/, 'guard'),
  s('neutral', 0, 'prefers another channel', /\b(stop|do not|dont|please do not) (calling|texting|emailing|messaging|ringing|call|text|email|message|ring)( me| us)?\b[^.!?\n]{0,40}\b(email|e ?mail|text|message|call|whatsapp|slack|linkedin|ring)( me| us)? (instead|rather)\b|\b(prefer|rather|better) (email|e ?mail|text|whatsapp|a call|calls|phone)\b/, 'guard'),
  s('wrong_person', 3, 'asks to be swapped on the thread', /\b(remove|take|drop) (me|us) (off|from) (the |this )?(cc|thread|chain|email chain|loop)\b[^.!?\n]{0,60}\b(add|loop in|cc|include|copy)\b/, 'guard'),
  s('neutral', 0, 'flagged by mistake', /\b(marked|reported|flagged|moved) [^.!?\n]{0,30}\bspam (by accident|by mistake|accidentally)|\baccidentally (marked|reported|flagged|moved)\b[^.!?\n]{0,30}\bspam\b/, 'guard'),
  s('question', 2, 'asks how others unsubscribe', /\b(do|can|could|would|will|should|let|allow|help|lets|allows|enable) (your |our |my |the |their )?(customers|clients|users|patients|subscribers|contacts|people|recipients|members|leads|guests|they|them|someone|somebody|anyone|everyone) (to )?(unsubscribe|opt out|stop (the )?[a-z]+|remove themselves)\b|\b(customers|clients|users|patients|subscribers|contacts|recipients|members|leads|guests) (can |could |will |to |who |that )?(unsubscribe|opt out)\b/, 'guard'),
  s('neutral', 0, 'no need to stop', /\bno need to (stop|cancel|remove|unsubscribe|worry|apologi[sz]e|reply|respond|change|reschedule|chase)\b/, 'guard'),
  s('question', 1, 'talks about their customers unsubscribing', new RegExp(`\\b${UNSUB_WORDS}\\b[^.!?\\n]{0,15}\\b(of|de|des|der|dos|dei|van|for|para|pour|fur|per|voor) (our|nos|vos|unsere|unserer|nossos|nostri|onze|los|les|the|their|your) (clients|customers|users|contacts|leads|subscribers|utilisateurs|kunden|clientes|utenti|klanten|contactos|usuarios|abonnes|members)\\b`), 'guard'),
  s('question', 1, 'talks about unsubscribe handling', /\b(unsubscribe|opt out|opt outs) (requests?|rates?|process(es|ing)?|handling|management|compliance|flows?|logic|rules|laws?|regulations|tracking|events?|webhooks?|footers?)\b|\b(handle|handles|handling|manage|process|track|honou?r|respect) (unsubscribes|unsubscribe requests|opt outs)\b/, 'guard'),
  s('question', 1, 'asks how to remove something', /\b(how|where|can) (do|can|could|i|we) (i |we )?(remove|delete|unsubscribe) (a |an |the )?(user|seat|member|contact|lead|item|file|account|person|colleague|employee|customer|recipient|subscriber|them|someone|people)s?\b/, 'guard'),
  s('question', 1, 'opts out of a feature', /\bopt(ed|ing)? (me |us )?out of (the |this |that |a |an |some |certain |our |their |his |her )?(?!(list|lists|emails?|e ?mails?|messages?|communications?|contact|mailing|newsletters?|sequence|campaign|outreach|marketing|future|further|all|any|these|texts?|sms|calls?|your)\b)[a-z]+/, 'guard'),
  s('meeting_request', 3, 'changes who attends', /\b(remove|take|drop|delete|add|swap|replace)\b[^.!?\n]{0,30}\b(from|to|off|on|in) (the |my |our |this |that |your )?(booking|invite|invitation|meeting|call|calendar|appointment|reservation|event|session|demo|webinar|waitlist|waiting list|wait list|guest list|attendee list|class)\b/, 'guard'),
  s('question', 2, 'asks about an opt-out feature', /\b(opt outs?|unsubscribes?|stop) (keywords?|links?|buttons?|options?|features?|settings?|footers?|messages?|texts?|language|compliance|handling|replies|requests?|rates?|management)\b(?![^.!?\n]{0,40}\b(broken|not work|does not work|404|error)\b)/, 'guard'),
  s('neutral', 0, 'a rhetorical "unsubscribe? no"', /\b(unsubscribe|opt out|stop|remove me)\s*\?\s*(no|nope|never|no way|hell no|not a chance|why would i)\b/, 'guard'),
  s('neutral', 0, 'asks not to stop (es/fr/de/pt/it/nl)', /\b(niet|nicht|no|nao|non|ne|n) (stoppen|aufhoren|paren|pares|pare|dejen|dejes|deje|parem|smettete|smettere|smetti|arretez|arrete|cessez)\b/, 'guard'),
  s('out_of_office', 3, 'on leave (es)', /\b(estoy|estare|esta|encuentro) de baja( (por|de) (maternidad|paternidad|enfermedad)| medica)?\b/, 'guard'),
];

// prettier-ignore
export const OPT_OUT_SIGNALS: Signal[] = [
  // English
  s('unsubscribe', 4, 'asks to unsubscribe', /\bunsubscribe\b/, 'negatable'),
  s('unsubscribe', 4, 'says they unsubscribed', /\b(already|i|we|have|had) (already )?unsubscribed\b/),
  s('unsubscribe', 4, 'asks to opt out', /\bopt(ed|ing)? (me |us )?out\b/, 'negatable'),
  s('unsubscribe', 4, 'asks to be removed', /\b(remove|delete) (me|us|this (number|email|email address|address|phone)|my (email|email address|address|name|number|phone number|details|data|info|information|contact( details| info)?))\b/, 'negatable'),
  s('unsubscribe', 4, 'asks to be taken off the list', /(?<!\b(did|do|does|you|u|could|would) )\b(take|get|drop|strike|delete|scrub|erase|cross|pull) (me|us|my (email|address|name|number|details|data)) (off|from|out of)\b/, 'negatable'),
  s('unsubscribe', 4, 'asks to be removed from the list', /\b(remove|delete|erase|take|drop|unsubscribe)\b[^.!?\n]{0,30}\b(from|off) (your|the|this|all|any|every|these) ([a-z]+ ){0,2}(list|lists|mailing|database|db|distribution|contacts|crm|system|sequence|sequences|campaign|campaigns|newsletter|records|emails)\b/, 'negatable'),
  s('unsubscribe', 4, 'asks to stop contact', new RegExp(`\\b(stop|quit|cease|end|discontinue|halt) ${CONTACT_VERB_EN}`, 'm'), 'negatable'),
  s('unsubscribe', 4, 'asks to stop the messages', /\bstop (sending|all|these|this|the|your) ([a-z]+ )?(e ?mails|emails|messages|texts|sms|calls|spam|newsletters|marketing|outreach|communications?|sequence|sequences|campaign|cadence|drip|follow ups|reminders|series|automation)\b/, 'negatable'),
  s('unsubscribe', 4, 'asks not to be contacted', new RegExp(`\\b(do not|dont|never|please do not|do not ever|(can|could|would|will) you (please )?not) (ever )?${CONTACT_BASE}(,? (or|and|nor) ${CONTACT_BASE})*( me| us| this (number|phone|address|email|mobile|line)| my (number|phone|mobile|email|address)| here| anything| again| anymore| any more)\\b`), 'temporal'),
  s('unsubscribe', 4, 'asks not to be sent messages', new RegExp(`\\b(do not|dont|never|please do not|do not ever|(can|could|would|will) you (please )?not) (ever )?send( me| us| this (number|address|email))? (anything|any more|anymore|([a-z]+ ){0,2}${MESSAGE_NOUNS})\\b`), 'temporal'),
  s('unsubscribe', 4, 'says not to bother following up', /\b(do not|dont|no need to|please do not) bother (following up|reaching out|contacting|calling|texting|emailing|e ?mailing|writing|sending|messaging|chasing|replying|trying)\b/),
  s('unsubscribe', 4, 'would rather not be contacted', new RegExp(`\\b(would|i would|we would|id) (rather|prefer|appreciate it if) (you|u|that you) (did not|didnt|do not|dont|not|never|stopped|stop|no longer|would stop|would not)( to)? (${CONTACT_BASE}|contacting|calling|texting|messaging|e ?mailing|emailing|writing|sending)|\\b(i|we) (would )?prefer not to (be (contacted|called|texted|emailed|messaged)|receive|get)\\b`)),
  s('unsubscribe', 4, 'cancels the subscription', /\b(cancel|end|terminate) (my|our|this|the) (subscription|membership)\b(?! (plan|fee|payment|invoice|renewal|upgrade))/, 'negatable'),
  s('unsubscribe', 4, 'wants their details gone', /\bwant (it|this|that|them|me|us|my (email|email address|address|number|details|data|info|name)) (gone|removed|deleted|erased|wiped|off (your|the|this|that))\b/),
  s('unsubscribe', 4, 'asks how to get off the list', /\bhow (do|can|could|would|should) (i|we) (get (off|out of|taken off|removed)|unsubscribe|opt out|stop (these|this|them|receiving|getting|the (e ?mails|emails|texts|messages|calls|reminders)))\b|\bget (me |us )?(off|out of) (this|that|your|the|these) (thing|list|lists|mailing|system|database|texts|emails|messages|whatsapp|spam|service|programme|program)\b/),
  s('unsubscribe', 4, 'does not want any more of them', new RegExp(`\\b(do not|dont|no longer) (want|need|wish) (to (get|receive|hear) )?(any more|anymore|more|further|any|these|them|this|your|such)( of)? (these|this|them|your [a-z]+|${MESSAGE_NOUNS})\\b`)),
  s('unsubscribe', 4, 'asks for no more messages', new RegExp(`\\bno (more|further) (of (these|this|them|your [a-z]+)|(automated |marketing |sales |promotional |appointment )?(${MESSAGE_NOUNS}|contact))\\b`)),
  s('unsubscribe', 4, 'does not want messages', /\b(i|we) (do not|dont|no longer) (want|wish|need|care) to (receive|get|hear from|be contacted|be emailed|be on)/),
  s('unsubscribe', 4, 'does not want the messages', /\b(do not|dont) want (your|these|any( more)?|more|further) (e ?mails|emails|messages|texts|calls|spam|newsletters)\b/),
  s('unsubscribe', 4, 'wants to be removed', /\b(i|we) (would like|want|wish|need) to (be )?(removed|unsubscribed|taken off|opted out|opt out|unsubscribe)\b/),
  s('unsubscribe', 4, 'asks to be left alone', /\bleave (me|us) alone\b/),
  s('unsubscribe', 4, 'wants out of the list', /\b(want|get|take|let) (me |us )?(out of|off) (this|your|the|these|that) ([a-z]+ )?(list|lists|mailing|database|sequence|campaign|emails|loop|texts|messages)\b|\b(i|we) want out\b/, 'negatable'),
  s('unsubscribe', 4, 'asks to be removed (bare)', /(^|[.!?,;]\s*)(please|pls|kindly|just|so) (remove|delete|unsubscribe|remove me|delete me|remove us)( it| this| my (email|number|details))?( now| asap| immediately| thanks| thank you)?\s*[.!]*$/),
  s('unsubscribe', 2, 'complains of repeat contact', /\b(i|we) (have )?(told|asked) you (\w+ )?(times|before|already|twice|repeatedly|more than once|again)\b/),
  s('unsubscribe', 4, 'asks for no more', /(^|[.!?,]\s*)(please,? |so |just )?no more( please| thanks| thank you)?\s*[.!]*$/),
  s('unsubscribe', 4, 'do not contact', /\b(do not (contact|call|email|text) (list|registry|register|service)|dnc (list|registry)|do not contact(?! (my|our|his|her|their|the|anyone|anybody) )|telephone preference service|robinson ?list\w*)\b/),
  s('unsubscribe', 4, 'asks to delete their data', /\b(delete|erase|remove|purge) (all )?(of )?(my|our) (personal )?(data|information|details|contact (details|info|information)|email address|number|records?)\b/),
  s('unsubscribe', 4, 'invokes data erasure', /\b(right to (erasure|be forgotten|object)|(gdpr|ccpa|dsgvo|rgpd|lgpd)\b[^.\n]{0,60}(delete|erase|erasure|remove|removal|object|stop))/),
  s('unsubscribe', 4, 'asks not to be contacted again', /\b(not|never) (to )?(be )?contact(ed)? (me )?(again|ever again|anymore)\b|\b(contact|e ?mail|email|message|text|call|write to|bother|spam) (me|us) (ever )?again\b(?! (next|in|after|later|when|soon|on|tomorrow|monday|tuesday|wednesday|thursday|friday|around|at))/),
  s('unsubscribe', 4, 'no longer wishes to hear', /\bno longer (wish|want|like) to (receive|be contacted|hear|get)/),
  s('unsubscribe', 4, BARE_STOP, /(^|[.!?,:;\n-]\s*)(please |just |ok |so |now )?stop( it| this| now| already| please| thanks| thank you| immediately| asap| right now)*\s*([.!]|$)/m),
  s('unsubscribe', 3, 'asks to stop', /\bplease (stop|cease)\b/, 'negatable'),
  s('unsubscribe', 3, 'fed up with the messages', /\b(enough|tired of|sick of|fed up with|done with)\b[^.\n]{0,20}\b(e ?mails|emails|messages|texts|spam|calls|spamming)\b/),
  s('unsubscribe', 4, 'asks to lose their details', /\b(lose|delete|forget|bin|wipe|erase|scrub|shred|destroy) (my|this|our) (phone )?(number|email|email address|address|contact|contact details|details|info|information|data|mobile|cell)\b/),
  s('unsubscribe', 3, 'reports it as spam', /\b(this is spam|(report|reported|reporting|mark|marked|marking|flag|flagged|flagging) (you |this |it |these |your (company|number|messages|e ?mails|emails|texts) )?(as|for|to) (spam|the (ico|ftc|fcc|authorities|regulator|police))|stop spamming)\b/),
  s('unsubscribe', 3, 'threatens to block them', /\b(i will|ill|i am going to|going to|about to|will) (block|report) (you|this number|your number|this sender|your (company|emails|e ?mails|messages|texts))\b/),
  s('unsubscribe', 2, 'never signed up', /\b(never|did not|didnt|have not|havent|did not ever) (signed|sign|subscribed|subscribe|opted|opt|agreed|consented|(gave|give|given) (you )?(my|permission|consent|you permission))( up| in| to)?\b|\bwithout (my )?(consent|permission)\b/),
  s('unsubscribe', 2, 'a private number', /\b(this|that|it) is (a )?(private|personal) (number|phone|line|mobile|email|address)\b|\b(private|personal) (number|phone|line|mobile),? (not|no) (for )?(business|sales|marketing)\b/),
  s('unsubscribe', 2, 'too many messages', new RegExp(`\\b(too many|so many|way too many|\\d+|ten|five|six) (of (these|them|your [a-z]+)|${MESSAGE_NOUNS})( a| per| every)? (day|week|month)?\\b(?! (ago|before|earlier))|\\b(getting|receiving|get|receive) (way )?too many\\b`)),
  s('unsubscribe', 1, 'mentions stopping', /\bstop\b/),
  // Spanish
  s('unsubscribe', 4, 'pide la baja (es)', /\b(darme|darnos|denme|dame|danos|dadme|me doy|nos damos|darse|darte) de baja\b|\b(dar|solicito|solicitar|quiero|pido|tramitar|tramiten|gestionar|gestionen)( la)? (de )?baja (de|en) (la|su|tu|vuestra|esta|sus|los|vuestros|vuestras|estas|estos) (lista|listas|base|correos|envios|emails|mensajes|comunicaciones|newsletter|boletin|mailing)\b|\bsolicito (la )?baja\b/, 'negatable'),
  s('unsubscribe', 4, 'pide no ser contactado (es)', /\b(no|nunca) (me|nos) (vuelv(a|as|an) a )?(escrib|contact|envi|mand|llam|molest)\w*( mas| nunca)?\b/, 'temporal'),
  s('unsubscribe', 4, 'pide que no vuelvan (es)', /\b(no|nunca) (me |nos )?(vuelv(a|as|an|ais)|volver) a (escribir|contactar|llamar|enviar|mandar|molestar|escribi|contacta|llama|envia|manda|molesta)\w*/),
  s('unsubscribe', 4, 'pide no recibir (es)', /\bno (enviar|escribir|contactar|llamar|mandar|molestar)(me|nos)\b/, 'temporal'),
  s('unsubscribe', 4, 'pide dejar de escribir (es)', /\bdej(a|e|en|ad|ar) de (escribir|contactar|enviar|mandar|llamar|molestar|spamear)/, 'negatable'),
  s('unsubscribe', 4, 'pide ser eliminado (es)', /\b(eliminen|eliminame|elimineme|eliminadme|borren|borrame|borreme|borradme|saquen|sacame|saqueme|sacadme|quiten|quitame|quiteme|retiren|retirame|retireme)(me|nos)?\b|\b(elimin|borr|quit|sac|retir|remuev|remov|excl)\w*( me| nos)? (de|del) (su|tu|vuestra|la|sus|esta|el|vuestras) (lista|base|listado|mailing|envios|boletin|newsletter|registro|bbdd)/, 'negatable'),
  s('unsubscribe', 4, 'no quiere recibir mas (es)', /\bno (quiero|deseo|queremos|deseamos) (recibir|seguir recibiendo|mas)( mas)? ?(correos|mensajes|emails|informacion|comunicaciones|publicidad|llamadas|nada)?/),
  s('unsubscribe', 4, 'pide desuscribirse (es)', /\b(desuscrib\w*|desinscrib\w*|cancelar (mi )?suscripcion|anular (mi )?suscripcion)\b/, 'negatable'),
  s('unsubscribe', 4, 'basta de mensajes (es)', /\bbasta( ya)?( de| con)? (estos |estas |tus |sus |los |las |tantos |tantas )?(correos|mensajes|emails|e ?mails|llamadas|spam|whatsapps|sms)\b|\bno mas (correos|mensajes|emails|llamadas|whatsapps|sms)\b/),
  // French
  s('unsubscribe', 4, 'demande la desinscription (fr)', /\b(desabonn|desinscri|desincri|desabon)\w*/, 'negatable'),
  s('unsubscribe', 4, 'demande de ne plus etre contacte (fr)', /\bne (plus |jamais )?(me|m|nous) (plus )?(contactez|contacter|ecrivez|ecrire|envoyez|envoyer|appelez|appeler|sollicitez|solliciter|relancez|relancer|spammez|recontactez|recontacter)\b/, 'temporal'),
  s('unsubscribe', 4, 'arretez les messages (fr)', /\b(arretez|arrete|stoppez|cessez|stop a|stop aux|assez de|marre de|marre des) (les |vos |ces |tous ces |de |d |des )?(sms|mails|e ?mails|emails|courriels|messages|appels|relances|newsletters|notifications|rappels|pubs|publicites|spams?)\b/, 'negatable'),
  s('unsubscribe', 4, 'demande d arreter (fr)', /\b(arretez|arrete|arreter|cessez|cesser|stoppez|stopper) (de |d )?(me |m |nous )?(contacter|ecrire|envoyer|appeler|solliciter|relancer|spammer|harceler|importuner)/, 'negatable'),
  s('unsubscribe', 4, 'demande a etre retire (fr)', /\b(retirez|supprimez|enlevez|effacez|rayez|retire|supprime|enleve) (moi|nous|mon (adresse|email|contact|nom|numero)|mes (coordonnees|donnees))\b|\b(me|nous) (retirer|supprimer|enlever|rayer|effacer) (de|des|du)\b|\b(retirer|supprimer|enlever|effacer|rayer) (mes (coordonnees|donnees|informations|infos)|mon (adresse|email|mail|numero|contact|nom))\b/, 'negatable'),
  s('unsubscribe', 4, 'ne veut plus recevoir (fr)', /\b(je|nous) ne (souhaite|souhaitons|veux|voulons|desire|desirons) plus (recevoir|etre (contacte|sollicite|relance)|de (mails|messages|emails))/),
  s('unsubscribe', 4, 'ne veut plus rien recevoir (fr)', /\b(ne (plus|jamais) (rien )?recevoir|ne (veux|voulons|souhaite|souhaitons) plus rien (recevoir|de (vous|votre part)))\b/),
  s('unsubscribe', 3, 'plus de messages (fr)', /\bplus (de|d) (mails|emails|messages|courriels|sms|appels|relances|sollicitations)\b/),
  // German
  s('unsubscribe', 4, 'bittet um Abmeldung (de)', /\b(abmelden|abmeldung|abbestellen|abbestellung|austragen|austragung|melden sie (mich|uns)[^.\n]{0,20}ab|meldet (mich|uns) ab|melde mich ab)\b/, 'negatable'),
  s('unsubscribe', 4, 'bittet um Austragung (de)', /\b(tragen sie|trage|tragt) (mich|uns) [^.\n]{0,40}\baus\b/),
  s('unsubscribe', 4, 'keine E-Mails mehr (de)', /\bkeine (weiteren |weitere )?(e ?mails|emails|nachrichten|mails|werbung|werbemails|anrufe|kontaktaufnahmen?|zusendungen|newsletter|sms)\b|\bkeine (email|mail|nachricht|kontaktaufnahme) mehr\b/),
  s('unsubscribe', 4, 'nicht mehr kontaktieren (de)', /\bnicht (mehr|weiter) (zu )?(kontaktieren|anschreiben|schreiben|anrufen|mailen|kontaktiert|angeschrieben|angerufen|belastigen|zu kontaktieren|anzuschreiben)|\b(kontaktieren|schreiben|mailen|anrufen|senden|schicken|belastigen)( sie)? (mir|mich|uns)( keine[a-z]*)?[^.\n]{0,25}\bnicht mehr\b/),
  s('unsubscribe', 4, 'hoeren Sie auf (de)', /\b(horen sie|hor|hort|horen) (bitte )?auf[^.\n]{0,30}(schreiben|mailen|kontaktieren|senden|anzurufen|anrufen|belastigen|schicken)/),
  s('unsubscribe', 4, 'bittet um Loeschung (de)', /\b(entfernen|loschen|streichen|nehmen) sie (mich|uns|meine (daten|adresse|e ?mail|emailadresse|kontaktdaten|nummer))\b|\b(mich|uns|meine (daten|adresse|e ?mail adresse|emailadresse|kontaktdaten))\b[^.\n]{0,40}\b(entfernen|loschen|streichen|herausnehmen|rausnehmen|austragen)\b/, 'negatable'),
  s('unsubscribe', 4, 'will nichts mehr erhalten (de)', /\b(mochte|mochten|will|wollen) (von ihnen )?(nichts|keine [a-z]+) mehr (von ihnen )?(erhalten|bekommen|zugeschickt|horen)\b/),
  s('unsubscribe', 4, 'widerspricht der Werbung (de)', /\b(widerspreche|widerspruch)\b[^.\n]{0,80}(werbung|verarbeitung|nutzung|daten|kontakt)/),
  s('unsubscribe', 3, 'unterlassen (de)', /\bunterlassen sie\b|\bsie (diese|solche) (e ?mails|emails|nachrichten) (bitte )?unterlassen\b/),
  // Portuguese
  s('unsubscribe', 4, 'pede descadastro (pt)', /\b(descadastr\w*|desinscrev\w*|cancelar (a |minha )?inscricao|cancelar (a |minha )?assinatura)\b/, 'negatable'),
  s('unsubscribe', 4, 'pede remocao (pt)', /\b(me remova|me removam|me tire|me tirem|me exclua|me excluam|me retire|me retirem|remova me|removam me|tire me|tirem me|exclua me|excluam me|retirem me)\b|\b(remov|exclu|tir|retir|apag)\w*( me| o)?( meu (email|e mail|contato|nome|numero))? (dessa|desta|da|de|do|das|dos)( sua| tua| vossa)? (lista|base|mailing|cadastro|contatos|seus)\b/, 'negatable'),
  s('unsubscribe', 4, 'pede para parar (pt)', /\b(pare|parem|para|deixe|deixem|deixa|parar) de (me )?(enviar|mandar|contactar|contatar|ligar|escrever|incomodar|importunar)/, 'negatable'),
  s('unsubscribe', 4, 'pede nao ser contatado (pt)', /\bnao me (envie|enviem|mande|mandem|contate|contatem|contacte|contactem|ligue|liguem|escreva|escrevam|incomode|incomodem|procure|procurem)\w*\b|\bnao (envie|enviem|mande|mandem|contate|contatem|ligue|liguem|escreva|escrevam) mais\b/, 'temporal'),
  s('unsubscribe', 4, 'pede para nao enviar (pt)', /\bnao me (enviar|mandar|contactar|contatar|ligar|escrever|incomodar)\b/, 'temporal'),
  s('unsubscribe', 4, 'nao quer receber (pt)', /\bnao (quero|desejo|queremos|desejamos) (mais )?receber\b/),
  s('unsubscribe', 4, 'chega de mensagens (pt)', /\bchega de (emails|mensagens|e mails|ligacoes|spam)\b/),
  // Italian
  s('unsubscribe', 4, 'chiede la disiscrizione (it)', /\b(disiscriv\w*|disiscrizion\w*|cancellami|cancellatemi|rimuovetemi|rimuovimi|toglietemi|toglimi|eliminatemi|eliminami|cancellarmi|rimuovermi|togliermi)\b/, 'negatable'),
  s('unsubscribe', 4, 'chiede la rimozione (it)', /\b(rimuover|cancellar|toglier|eliminar|rimuov|cancell|togli|elimin)\w*( il mio (indirizzo|nominativo|contatto|numero)| i miei dati)?[^.\n]{0,20}(dalla|dalle|dai|dal) (vostra|vostre|vostro|vostri|lista|mailing|database|newsletter|elenco|indirizzario)/, 'negatable'),
  s('unsubscribe', 4, 'chiede di non essere contattato (it)', /\bnon (mi|ci) (contatt|scriv|mand|invi|chiam|disturb|cerc)\w*\b|\bnon (contattatemi|scrivetemi|chiamatemi|mandatemi|inviatemi|cercatemi)\b/, 'temporal'),
  s('unsubscribe', 4, 'chiede di non ricevere (it)', /\bnon (inviar|mandar|scriver|contattar|chiamar|disturbar|spedir)(mi|ci)\b/, 'temporal'),
  s('unsubscribe', 4, 'chiede di smettere (it)', /\bsmett(ete|i|a|etela|ila|ere) di (contattar|scriver|mandar|inviar|chiamar|disturbar)\w*/, 'negatable'),
  s('unsubscribe', 4, 'non vuole ricevere (it)', /\bnon (voglio|desidero|vogliamo|desideriamo) (piu )?(ricevere|essere contattat)/),
  s('unsubscribe', 4, 'basta messaggi (it)', /\bbasta (con )?(le |i |questi |queste |vostri |vostre |tutti questi |tutte queste )?(email|e ?mail|mail|messaggi|chiamate|spam|sms|telefonate|newsletter)\b/),
  // Dutch
  s('unsubscribe', 4, 'vraagt afmelding (nl)', /\b(afmelden|afmelding|uitschrijven|uitschrijving|schrijf (me|mij|ons) uit|meld (me|mij|ons) af)\b/, 'negatable'),
  s('unsubscribe', 4, 'vraagt verwijdering (nl)', /\b(haal|verwijder|schrap)( me| mij| ons| mijn (gegevens|adres|e ?mailadres|emailadres|nummer))?\b[^.\n]{0,30}\b(van|uit) (de|jullie|uw|je|het|deze) (lijst|mailinglijst|bestand|database|verzendlijst|systeem|adressenlijst)|\bverwijder (me|mij|ons|mijn gegevens)\b/, 'negatable'),
  s('unsubscribe', 4, 'wil verwijderd worden (nl)', /\b(me|mij|ons|mijn (gegevens|adres|e ?mailadres|emailadres|nummer)) (uit|van) (de|jullie|uw|je|het|deze) ([a-z]+ )?(lijst|mailinglijst|bestand|database|verzendlijst|systeem|adressenlijst) (verwijderen|halen|schrappen|afhalen|afhaalt|verwijdert|haalt)\b/),
  s('unsubscribe', 4, 'vraagt te stoppen (nl)', /\b(stop|stopt|stoppen|hou|houd) (aub |alstublieft |nu |dan |toch )?(met|op met) (het )?(mailen|e ?mailen|emailen|bellen|berichten|sturen|contact|benaderen|spammen|mij|me|sms en|smsen|sms|appen|whatsappen|texten|appjes|sms jes|mails|e ?mails)/, 'negatable'),
  s('unsubscribe', 4, 'wil niets meer ontvangen (nl)', /\b(wil|willen) (hier )?(niks|niets|geen [a-z]+) (meer )?(van )?(ontvangen|krijgen|horen)\b|\bniks meer (ontvangen|krijgen)\b/),
  s('unsubscribe', 4, 'geen mails meer (nl)', /\b(geen|niet) (e ?mails|emails|mails|berichten|telefoontjes|contact|nieuwsbrieven|herinneringen|sms jes|smsjes|sms|appjes|reclame|notificaties|meldingen|aanbiedingen|mailtjes)( meer)\b|\bstuur (mij|me|ons) (geen|niets|niks)\b/),
  s('unsubscribe', 4, 'niet meer benaderen (nl)', /\bniet meer (mailen|e ?mailen|bellen|benaderen|contacteren|benaderd|gemaild|gebeld|berichten|te benaderen|te mailen)|\b(benader|bel|mail|contacteer|e ?mail) (me|mij|ons) niet( meer)?\b/),
  s('unsubscribe', 4, 'neem geen contact op (nl)', /\bneem (geen|nooit|niet) (meer )?contact\b/),
  s('unsubscribe', 4, 'laat mij met rust (nl)', /\b(laat|laten) (me|mij|ons) (met rust|gerust)\b/),
];

/** A whole message that is only an opt-out keyword ("STOP", "Baja", "Abmelden", "Stop please"). */
export const OPT_OUT_KEYWORD =
  /^(please )?(stop|stopall|stop all|unsubscribe|end|quit|cancel|remove|remove me|opt out|optout|baja|alto|arret|arrete|stoppez|parar|pare|basta|stoppen|afmelden|abmelden|desinscription|desabonner|descadastrar|sair|cancelar|cancella|rimuovi)( please| thanks| thank you| now)?[\s.!]*$/;

/** Negations that turn a request around when they stand right before it ("don't unsubscribe me"). */
export const NEGATION_BEFORE =
  /\b(do not|dont|does not|doesnt|never|not|no need to|did not|didnt|will not|wont|would not|should not|cannot|why would (i|you|we)|nicht|nao|non|niet|nunca|jamais|nie|nooit|mai|nao precisa|nao precisam|no hace falta|no es necesario|pas besoin de|pas la peine de|nicht notig|non serve|non c e bisogno di|niet nodig om|hoeft niet)( (ever|really|yet|please|just|you|want to|need to|have to|me|te|mi|mich|que me|que|di))?\s*$/;

/** After "don't contact me", what makes it temporal rather than an opt-out ("don't call me before 10"). */
export const TEMPORAL_AFTER =
  /^[^.!?\n]{0,25}\b(until|till|til|before|while|during|after|today|this week|bis|vor|wahrend|jusqu|avant|pendant|hasta|antes|durante|ate|fino|prima|tot|voordat|tijdens)\b/;

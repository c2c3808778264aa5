import { s, type Signal } from './signal';

/**
 * Requests to stop contact, in seven languages (issue 7: "unsubscribe from free text … opts the lead out exactly as
 * STOP does"). An opt-out needs a clear request to stop or to be removed; look-alikes are guarded first.
 */

const SENT_THINGS =
  '(these|this|them|that|your|any|more|all|the|such|marketing|sales|automated|cold|spam|follow ups?|e ?mails?|emails|messages?|texts?|sms|stuff|junk|things|newsletters?|offers|promotions)';
const CONTACT_VERB_EN = `(e ?mailing|emailing|mailing|messaging|message|texting|contacting|calling|ringing|writing|sending( me| us)?( ${SENT_THINGS}\\b|\\s*[.!,]|\\s*$)|spamming|bugging|bothering|pestering|harassing|hounding|pinging|reaching out|following up|chasing|(all )?(contact|communications?|correspondence|outreach)( with (me|us))?|with the (e ?mails|emails|messages|texts|calls|spam|follow ups))`;
const UNSUB_WORDS =
  '(unsubscribe|opt out|disiscriv\\w*|darse de baja|darme de baja|baja|desinscri\\w*|desabonn\\w*|abmeld\\w*|austrag\\w*|descadastr\\w*|afmeld\\w*|uitschrijv\\w*)';
const BROKEN =
  '(broken|not work|does not work|is not working|doesnt work|404|error|errore|erreur|fehler|erro|fout|dead|missing|funziona|funciona|marche pas|fonctionne pas|geht nicht|funktioniert nicht|werkt niet|kaputt|rotto|quebrado)';

export const BARE_STOP = 'asks to stop (bare)';

// prettier-ignore
export const OPT_OUT_GUARDS: Signal[] = [
  s('interested', 2, 'asks to keep receiving', /\b(do not|dont|never|please do not) (ever )?stop (sending|e ?mailing|emailing|writing|messaging|texting|these|them|the)\b/, 'guard'),
  s('interested', 2, 'asks to stay on the list', /\b(do not|dont|no need to|you do not have to|do not want to) (remove|unsubscribe|take) (me|us)\b/, 'guard'),
  s('meeting_request', 2, 'stop by', /\bstop(ping|ped|s)? (by|in|over|round|around|at (our|my|the))\b/, 'guard'),
  s('neutral', 0, 'stopped doing something', /\bstop(ped|s|ping)? (using|doing|working|selling|offering|making|being|worrying|wondering|paying|the (project|pilot|trial))\b/, 'guard'),
  s('meeting_request', 3, 'switches to a call', /\bstop (texting|e ?mailing|emailing|messaging|writing)( me| us)?,? (and )?(just )?(call|phone|ring|email|text|whatsapp|meet)\b/, 'guard'),
  s('meeting_request', 3, 'moves a call', /\b(cancel|move|push|shift|bump|reschedule|postpone|drop)( (my|our|the|tomorrows|todays|this|that|mondays|tuesdays|wednesdays|thursdays|fridays))? (\d{1,2}( ?(am|pm|h|uhr)|:\d\d)|call|meeting|demo|appointment|slot|session|chat|zoom|teams|meet|invite)\b/, 'guard'),
  s('meeting_request', 3, 'moves a call (es/fr/de/pt/it/nl)', /\b(cancela|cancelar|cancelemos|mueve|mover|pasa|pasala|cambia|cambiar|aplaza|aplazar|reprograma|reprogramar|annuler|annulez|decaler|decalez|deplacer|deplacez|reporter|reportez|remarcar|adiar|mudar|annullare|annulla|spostare|sposta|spostiamo|rimandare|rimanda|rimandiamo|verschieben|verlegen|absagen|verzetten|verplaatsen|annuleren|afzeggen|verzet|verplaats|annuleer)( la| el| le| la| notre| nuestra| den| das| unseren| unser| a| o| il| de| onze| het)? (llamada|reunion|cita|demo|rdv|rendez vous|appel|call|point|reunion|chamada|ligacao|reuniao|chiamata|riunione|appuntamento|incontro|termin|meeting|gesprach|telefonat|afspraak|gesprek)\b|\b(termin|call|meeting|gesprach|telefonat|afspraak|gesprek)( am \w+)? (absagen|verschieben|verlegen|verzetten|verplaatsen|annuleren|afzeggen)\b/, 'guard'),
  s('question', 2, 'asks about the unsubscribe link', new RegExp(`\\b(link|button|page|option|enlace|lien|bouton|knopf|botao|pulsante|knop)( to| para| pour| per| zum| om| de| di| da| van| des| do| zur| zum)? ${UNSUB_WORDS}[^.!?\\n]{0,50}${BROKEN}|\\b${UNSUB_WORDS} (link|button|page|option)[^.!?\\n]{0,40}${BROKEN}`), 'guard'),
  s('neutral', 0, 'quotes the opt-out instruction', /\b(reply|replying|text|send|type|respond)( with)? "?(stop|unsubscribe|end|quit|cancel|stopall)"? (to|and you will|and i will) (opt out|unsubscribe|stop|be removed|never hear)\b/, 'guard'),
  s('neutral', 0, 'a mailing footer', /\b(to unsubscribe|unsubscribe)( from [a-z ]{1,40}?)?,? (click|visit|go to|use|follow|reply|tap)\b|\bclick here to unsubscribe\b|\bif you (no longer wish|would prefer not|do not wish|would rather not) to receive (these |our |such |future )?(e ?mails|emails|messages|communications|updates|newsletters?)\b[^.\n]{0,40}(click|unsubscribe|visit|link|here)\b/, 'guard'),
  s('neutral', 0, 'prefers another channel', /\b(stop|do not|dont|please do not) (calling|texting|emailing|messaging|ringing|call|text|email|message|ring)( me| us)?\b[^.!?\n]{0,40}\b(email|e ?mail|text|message|call|whatsapp|slack|linkedin|ring)( me| us)? (instead|rather)\b|\b(prefer|rather|better) (email|e ?mail|text|whatsapp|a call|calls|phone)\b/, 'guard'),
  s('wrong_person', 3, 'asks to be swapped on the thread', /\b(remove|take|drop) (me|us) (off|from) (the |this )?(cc|thread|chain|email chain|loop)\b[^.!?\n]{0,60}\b(add|loop in|cc|include|copy)\b/, 'guard'),
  s('neutral', 0, 'flagged by mistake', /\b(marked|reported|flagged|moved) [^.!?\n]{0,30}\bspam (by accident|by mistake|accidentally)|\baccidentally (marked|reported|flagged|moved)\b[^.!?\n]{0,30}\bspam\b/, 'guard'),
  s('question', 1, 'talks about their customers unsubscribing', new RegExp(`\\b${UNSUB_WORDS}\\b[^.!?\\n]{0,15}\\b(of|de|des|der|dos|dei|van|for|para|pour|fur|per|voor) (our|nos|vos|unsere|unserer|nossos|nostri|onze|los|les|the|their|your) (clients|customers|users|contacts|leads|subscribers|utilisateurs|kunden|clientes|utenti|klanten|contactos|usuarios|abonnes|members)\\b`), 'guard'),
  s('question', 1, 'talks about unsubscribe handling', /\b(unsubscribe|opt out|opt outs) (requests?|rates?|process(es|ing)?|handling|management|compliance|flows?|logic|rules|laws?|regulations|tracking|events?|webhooks?|footers?)\b|\b(handle|handles|handling|manage|process|track|honou?r|respect) (unsubscribes|unsubscribe requests|opt outs)\b/, 'guard'),
  s('question', 1, 'asks how to remove something', /\b(how|where|can) (do|can|could|i|we) (i |we )?(remove|delete|unsubscribe) (a |an |the )?(user|seat|member|contact|lead|item|file|account|person|colleague|employee|customer|recipient|subscriber|them|someone|people)s?\b/, 'guard'),
  s('question', 1, 'opts out of a feature', /\bopt(ed|ing)? (me |us )?out of (the |this |that |a |an |some |certain |our |their |his |her )?(?!(list|lists|emails?|e ?mails?|messages?|communications?|contact|mailing|newsletters?|sequence|campaign|outreach|marketing|future|further|all|any|these|texts?|sms|calls?|your)\b)[a-z]+/, 'guard'),
  s('out_of_office', 3, 'on leave (es)', /\b(estoy|estare|esta|encuentro) de baja( (por|de) (maternidad|paternidad|enfermedad)| medica)?\b/, 'guard'),
];

// prettier-ignore
export const OPT_OUT_SIGNALS: Signal[] = [
  // English
  s('unsubscribe', 4, 'asks to unsubscribe', /\bunsubscribe\b/, 'negatable'),
  s('unsubscribe', 4, 'says they unsubscribed', /\b(already|i|we|have|had) (already )?unsubscribed\b/),
  s('unsubscribe', 4, 'asks to opt out', /\bopt(ed|ing)? (me |us )?out\b/, 'negatable'),
  s('unsubscribe', 4, 'asks to be removed', /\b(remove|delete) (me|us|my (email|email address|address|name|number|phone number|details|data|info|information|contact( details| info)?))\b/, 'negatable'),
  s('unsubscribe', 4, 'asks to be taken off the list', /\b(take|get|drop|strike|delete|scrub|erase|cross|pull) (me|us|my (email|address|name|number|details|data)) (off|from|out of)\b/, 'negatable'),
  s('unsubscribe', 4, 'asks to be removed from the list', /\b(remove|delete|erase|take|drop|unsubscribe)\b[^.!?\n]{0,30}\b(from|off) (your|the|this|all|any|every|these) ([a-z]+ ){0,2}(list|lists|mailing|database|db|distribution|contacts|crm|system|sequence|sequences|campaign|campaigns|newsletter|records|emails)\b/, 'negatable'),
  s('unsubscribe', 4, 'asks to stop contact', new RegExp(`\\b(stop|quit|cease|end|discontinue|halt) ${CONTACT_VERB_EN}`, 'm'), 'negatable'),
  s('unsubscribe', 4, 'asks to stop the messages', /\bstop (sending|all|these|this|the|your) ([a-z]+ )?(e ?mails|emails|messages|texts|sms|calls|spam|newsletters|marketing|outreach|communications?|sequence|sequences|campaign|cadence|drip|follow ups|reminders|series|automation)\b/, 'negatable'),
  s('unsubscribe', 4, 'asks not to be contacted', /\b(do not|dont|never|please do not|do not ever) (ever )?(contact|e ?mail|email|message|text|call|write|write to|reach out to|ping|spam|bother|send)( me| us| this (number|address|email)| anything)\b/, 'temporal'),
  s('unsubscribe', 4, 'asks for no more messages', /\bno (more|further) (e ?mails|emails|messages|texts|sms|calls|contact|communications?|marketing|spam|outreach|follow ups|newsletters|solicitations?)\b/),
  s('unsubscribe', 4, 'does not want messages', /\b(i|we) (do not|dont|no longer) (want|wish|need|care) to (receive|get|hear from|be contacted|be emailed|be on)/),
  s('unsubscribe', 4, 'does not want the messages', /\b(do not|dont) want (your|these|any( more)?|more|further) (e ?mails|emails|messages|texts|calls|spam|newsletters)\b/),
  s('unsubscribe', 4, 'wants to be removed', /\b(i|we) (would like|want|wish|need) to (be )?(removed|unsubscribed|taken off|opted out|opt out|unsubscribe)\b/),
  s('unsubscribe', 4, 'asks to be left alone', /\bleave (me|us) alone\b/),
  s('unsubscribe', 4, 'wants out of the list', /\b(want|get|take|let) (me |us )?out of (this|your|the|these|that) ([a-z]+ )?(list|mailing|database|sequence|campaign|emails|loop)\b|\b(i|we) want out\b/, 'negatable'),
  s('unsubscribe', 4, 'asks for no more', /(^|[.!?,]\s*)(please,? |so |just )?no more( please| thanks| thank you)?\s*[.!]*$/),
  s('unsubscribe', 4, 'do not contact', /\b(do not (contact|call|email) list|dnc list|do not contact)\b/),
  s('unsubscribe', 4, 'asks to delete their data', /\b(delete|erase|remove|purge) (all )?(of )?(my|our) (personal )?(data|information|details|contact (details|info|information)|email address|number|records?)\b/),
  s('unsubscribe', 4, 'invokes data erasure', /\b(right to (erasure|be forgotten|object)|(gdpr|ccpa|dsgvo|rgpd|lgpd)\b[^.\n]{0,60}(delete|erase|erasure|remove|removal|object|stop))/),
  s('unsubscribe', 4, 'asks not to be contacted again', /\b(not|never) (to )?(be )?contact(ed)? (me )?(again|ever again|anymore)\b|\b(contact|e ?mail|email|message|text|call|write to|bother|spam) (me|us) (ever )?again\b(?! (next|in|after|later|when|soon|on|tomorrow|monday|tuesday|wednesday|thursday|friday|around|at))/),
  s('unsubscribe', 4, 'no longer wishes to hear', /\bno longer (wish|want|like) to (receive|be contacted|hear|get)/),
  s('unsubscribe', 4, BARE_STOP, /(^|[.!?,:;\n-]\s*)(please |just |ok |so |now )?stop( it| this| now| already| please| thanks| thank you| immediately| asap| right now)*\s*([.!]|$)/m),
  s('unsubscribe', 3, 'asks to stop', /\bplease (stop|cease)\b/, 'negatable'),
  s('unsubscribe', 3, 'fed up with the messages', /\b(enough|tired of|sick of|fed up with|done with)\b[^.\n]{0,20}\b(e ?mails|emails|messages|texts|spam|calls|spamming)\b/),
  s('unsubscribe', 4, 'asks to lose their details', /\b(lose|delete|forget) (my|this) (number|email|address|contact)\b/),
  s('unsubscribe', 3, 'reports it as spam', /\b(this is spam|(report|reported|reporting|mark|marked|marking|flag|flagged|flagging) (you |this |it |these )?(as|for|to) spam|stop spamming)\b/),
  // Spanish
  s('unsubscribe', 4, 'pide la baja (es)', /\b(darme|darnos|denme|dame|danos|dadme|me doy|nos damos|darse|darte) de baja\b|\b(dar|solicito|solicitar|quiero|pido|tramitar|tramiten|gestionar|gestionen)( la)? (de )?baja (de|en) (la|su|tu|vuestra|esta|sus|los|vuestros|vuestras|estas|estos) (lista|listas|base|correos|envios|emails|mensajes|comunicaciones|newsletter|boletin|mailing)\b|\bsolicito (la )?baja\b/, 'negatable'),
  s('unsubscribe', 4, 'pide no ser contactado (es)', /\b(no|nunca) (me|nos) (vuelv(a|as|an) a )?(escrib|contact|envi|mand|llam|molest)\w*( mas| nunca)?\b/, 'temporal'),
  s('unsubscribe', 4, 'pide no recibir (es)', /\bno (enviar|escribir|contactar|llamar|mandar|molestar)(me|nos)\b/, 'temporal'),
  s('unsubscribe', 4, 'pide dejar de escribir (es)', /\bdej(a|e|en|ad|ar) de (escribir|contactar|enviar|mandar|llamar|molestar|spamear)/, 'negatable'),
  s('unsubscribe', 4, 'pide ser eliminado (es)', /\b(eliminen|eliminame|elimineme|eliminadme|borren|borrame|borreme|borradme|saquen|sacame|saqueme|sacadme|quiten|quitame|quiteme|retiren|retirame|retireme)(me|nos)?\b|\b(elimin|borr|quit|sac|retir|remuev|remov|excl)\w*( me| nos)? (de|del) (su|tu|vuestra|la|sus|esta|el|vuestras) (lista|base|listado|mailing|envios|boletin|newsletter|registro|bbdd)/, 'negatable'),
  s('unsubscribe', 4, 'no quiere recibir mas (es)', /\bno (quiero|deseo|queremos|deseamos) (recibir|seguir recibiendo|mas)( mas)? ?(correos|mensajes|emails|informacion|comunicaciones|publicidad|llamadas|nada)?/),
  s('unsubscribe', 4, 'pide desuscribirse (es)', /\b(desuscrib\w*|desinscrib\w*|cancelar (mi )?suscripcion|anular (mi )?suscripcion)\b/, 'negatable'),
  s('unsubscribe', 4, 'basta de mensajes (es)', /\bbasta( ya)?( de)? (correos|mensajes|emails|llamadas|spam)\b|\bno mas (correos|mensajes|emails|llamadas)\b/),
  // French
  s('unsubscribe', 4, 'demande la desinscription (fr)', /\b(desabonn|desinscri|desincri|desabon)\w*/, 'negatable'),
  s('unsubscribe', 4, 'demande de ne plus etre contacte (fr)', /\bne (plus |jamais )?(me|m|nous) (plus )?(contactez|contacter|ecrivez|ecrire|envoyez|envoyer|appelez|appeler|sollicitez|solliciter|relancez|relancer|spammez|recontactez|recontacter)\b/, 'temporal'),
  s('unsubscribe', 4, 'demande d arreter (fr)', /\b(arretez|arrete|arreter|cessez|cesser|stoppez|stopper) (de |d )?(me |m |nous )?(contacter|ecrire|envoyer|appeler|solliciter|relancer|spammer|harceler|importuner)/, 'negatable'),
  s('unsubscribe', 4, 'demande a etre retire (fr)', /\b(retirez|supprimez|enlevez|effacez|rayez|retire|supprime|enleve) (moi|nous|mon (adresse|email|contact|nom|numero)|mes (coordonnees|donnees))\b|\b(me|nous) (retirer|supprimer|enlever|rayer|effacer) (de|des|du)\b/, 'negatable'),
  s('unsubscribe', 4, 'ne veut plus recevoir (fr)', /\b(je|nous) ne (souhaite|souhaitons|veux|voulons|desire|desirons) plus (recevoir|etre (contacte|sollicite|relance)|de (mails|messages|emails))/),
  s('unsubscribe', 3, 'plus de messages (fr)', /\bplus (de|d) (mails|emails|messages|courriels|sms|appels|relances|sollicitations)\b/),
  // German
  s('unsubscribe', 4, 'bittet um Abmeldung (de)', /\b(abmelden|abmeldung|abbestellen|abbestellung|austragen|austragung|melden sie (mich|uns)[^.\n]{0,20}ab|meldet (mich|uns) ab|melde mich ab)\b/, 'negatable'),
  s('unsubscribe', 4, 'bittet um Austragung (de)', /\b(tragen sie|trage|tragt) (mich|uns) [^.\n]{0,40}\baus\b/),
  s('unsubscribe', 4, 'keine E-Mails mehr (de)', /\bkeine (weiteren |weitere )?(e ?mails|emails|nachrichten|mails|werbung|werbemails|anrufe|kontaktaufnahmen?|zusendungen|newsletter|sms)\b|\bkeine (email|mail|nachricht|kontaktaufnahme) mehr\b/),
  s('unsubscribe', 4, 'nicht mehr kontaktieren (de)', /\bnicht (mehr|weiter) (zu )?(kontaktieren|anschreiben|schreiben|anrufen|mailen|kontaktiert|angeschrieben|angerufen|belastigen|zu kontaktieren|anzuschreiben)|\b(kontaktieren|schreiben|mailen|anrufen|senden|schicken|belastigen)( sie)? (mir|mich|uns)( keine[a-z]*)?[^.\n]{0,25}\bnicht mehr\b/),
  s('unsubscribe', 4, 'hoeren Sie auf (de)', /\b(horen sie|hor|hort|horen) (bitte )?auf[^.\n]{0,30}(schreiben|mailen|kontaktieren|senden|anzurufen|anrufen|belastigen|schicken)/),
  s('unsubscribe', 4, 'bittet um Loeschung (de)', /\b(entfernen|loschen|streichen|nehmen) sie (mich|uns|meine (daten|adresse|e ?mail|emailadresse|kontaktdaten|nummer))\b|\b(mich|uns|meine (daten|adresse|e ?mail adresse|emailadresse|kontaktdaten))\b[^.\n]{0,40}\b(entfernen|loschen|streichen|herausnehmen|rausnehmen|austragen)\b/, 'negatable'),
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
  s('unsubscribe', 4, 'basta messaggi (it)', /\bbasta (con le |con )?(email|mail|messaggi|chiamate|spam)\b/),
  // Dutch
  s('unsubscribe', 4, 'vraagt afmelding (nl)', /\b(afmelden|afmelding|uitschrijven|uitschrijving|schrijf (me|mij|ons) uit|meld (me|mij|ons) af)\b/, 'negatable'),
  s('unsubscribe', 4, 'vraagt verwijdering (nl)', /\b(haal|verwijder|schrap)( me| mij| ons| mijn (gegevens|adres|e ?mailadres|emailadres|nummer))?\b[^.\n]{0,30}\b(van|uit) (de|jullie|uw|je|het|deze) (lijst|mailinglijst|bestand|database|verzendlijst|systeem|adressenlijst)|\bverwijder (me|mij|ons|mijn gegevens)\b/, 'negatable'),
  s('unsubscribe', 4, 'vraagt te stoppen (nl)', /\b(stop|stopt|stoppen|hou|houd) (aub |alstublieft |nu |dan )?(met|op met) (mailen|e ?mailen|emailen|bellen|berichten|sturen|contact|benaderen|spammen|mij|me)/, 'negatable'),
  s('unsubscribe', 4, 'geen mails meer (nl)', /\b(geen|niet) (e ?mails|emails|mails|berichten|telefoontjes|contact|nieuwsbrieven)( meer)\b/),
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

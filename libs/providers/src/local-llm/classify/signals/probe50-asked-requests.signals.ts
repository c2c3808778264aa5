import { s, type Signal } from './signal';

/**
 * Opt-outs phrased as questions (probe 50): a request asked politely ("¿Me pueden dar de baja?", "¿Puedo dejar de
 * recibir estos mensajes?", "Is it possible to be removed…?"), asked as how-to ("Wo kann ich mich hier abmelden?",
 * "what do I type to make these stop"), or a complaint asked as a question ("Combien de fois faut-il vous dire
 * d'arrêter ?", "¿Por qué sigo recibiendo esto si ya me di de baja?", "Did you not get my unsubscribe request?").
 * Questions that only contain opt-out words (opt-out rates, other people's opt-outs, "tell me whether unsubscribing
 * deletes my account") are told apart in opt-out-scope; a narrowed or foreseen one ("… y seguir con las facturas",
 * "… if needed") stays a question there too.
 */

/** Not a case the writer only foresees ("… if needed", "… más adelante", "… als het nodig is"). */
const NOT_FORESEEN =
  '(?![^.!?\\n]{0,30}\\b(if|in case|later|someday|eventually|needed|si (hace falta|fuera necesario)|mas adelante|en el futuro|se (necessario|precisar)|in futuro|als|indien|ooit|falls|wenn|spater)\\b)';

/** A stop or opt-out word earlier in the reply, for a wish that names no messages ("… ? No quiero nada más."). */
const AFTER_A_STOP_WORD =
  '(?<=\\b(stop|stopp|stoppen|stops|parar|param|parem|pare|sair|baja|arreter|arretent|aufhoren|horen|smettere|smettete|unsubscrib\\w*|opt out|abmeld\\w*|afmeld\\w*|desinscri\\w*|descadastr\\w*|disiscri\\w*)\\b[^]{0,120})';

/** The writer's own opt-out, already done ("ya me di de baja", "I replied STOP", "ich habe mich abgemeldet"). */
const ALREADY_OPTED_OUT =
  '(\\b(i|we) (have |ve |had )?(already |just )?(unsubscribed|opted out|replied stop|texted stop|sent stop|said stop)|\\bya (me di|me he dado|nos dimos|pedi la|solicite la) (de )?baja|\\b(mi sono|ci siamo|mi ero) (gia )?disiscritt[oaie]|\\b(ik heb|we hebben) (me|mij|ons) (al )?(afgemeld|uitgeschreven)|\\b(ik|we) (me|mij|ons) (al )?(heb|hebben) (afgemeld|uitgeschreven)|\\b(je me suis|on s est|nous nous sommes) (deja )?(desinscrit|desabonne)e?s?|\\b(ich habe|wir haben) (mich|uns) (doch )?(schon |bereits )?(abgemeldet|ausgetragen)|\\b(ich|wir) (mich|uns) (doch )?(schon |bereits )?(abgemeldet|ausgetragen) (habe|haben)|\\b(eu )?ja (me|nos) descadastr\\w*)';

/** Messages still arriving ("still getting these", "sigo recibiendo", "continuo a ricevere", "krijg ik dit nog steeds"). */
const STILL_ARRIVING =
  '(\\bstill (getting|receiving|get|receive)|\\b(sigo|seguimos) recibiendo|\\bcontinuo a ricevere|\\b(ricevo|riceviamo) ancora|\\b(krijg|ontvang) (ik|we) [a-z ]{0,20}nog steeds|\\bnog steeds (berichten|mails|sms)|\\b(je )?re[cç]oi[st]? (encore|toujours)|\\b(bekomme|erhalte|kriege) (ich )?[a-z ]{0,20}(immer noch|weiterhin|noch immer)|\\bainda (recebo|recebemos)|\\bcontinuo (a )?receb\\w*)';

/**
 * Whether opting out would also cancel a booking or an order ("Will replying STOP cancel my appointment on Tuesday?",
 * "si respondo BAJA, ¿se cancela mi cita?", "als ik STOP antwoord, vervalt dan mijn afspraak?"): a question about the
 * consequence, not a meeting moved. And the writer's own ending after a period ("if we stop using it after 3 months,
 * can we export …?"): when they would stop, not a later time asked for.
 */
export const PROBE50_ASKED_REQUEST_GUARDS: Signal[] = [
  s(
    'question',
    2,
    'asks whether opting out cancels a booking',
    /\b(will|would|does|do|could)( (replying|texting|sending|answering|unsubscribing|opting out|it|that|this))?( stop| unsubscribe)? (also )?(cancel|delete|remove|affect)( my| our| the)? (appointments?|bookings?|reservations?|orders?|account)\b|\bsi (respondo|contesto|pongo|envio|mando|me doy de baja)\b[^.!?\n]{0,30}\b(se )?(cancela|anula|borra)( (tambien|igual))? (mi|la|mis|las) (cita|citas|reserva|reservas|pedido|pedidos)\b|\bsi (je reponds|je me desinscris|je me desabonne|j envoie)\b[^.!?\n]{0,30}\b(annule|supprime)( aussi)? (mon|mes|le|les) (rendez vous|reservations?|commandes?)\b|\b(wenn|falls) ich\b[^.!?\n]{0,30}\b(wird|werden) (mein|meine|der|die) (termin|termine|buchung|bestellung)( [a-z]+)? (storniert|abgesagt|geloscht)\b|\bse (rispondo|mi disiscrivo|invio)\b[^.!?\n]{0,30}\b(si )?(annulla|cancella)( anche)? (il mio|l|la mia|i miei) (appuntamento|appuntamenti|prenotazione|ordine)\b|\bse (eu )?(responder|mandar|me descadastrar)\b[^.!?\n]{0,30}\b(cancela|desmarca|apaga)( tambem)? (a minha|minha|meu|o meu|a) (consulta|reserva|pedido|agendamento)\b|\bals ik\b[^.!?\n]{0,30}\b(vervalt|wordt|annuleer|annuleert)( dan)? (mijn|de) (afspraak|boeking|reservering|bestelling)\b/,
    'guard',
  ),
  s(
    'question',
    2,
    'asks about ending it after a period',
    /\b(if|once|when|suppose|say) (we|i) (cancel|stop|quit|leave|end|terminate|drop|stop using( it| the [a-z]+| your [a-z]+)?) (after|at the end of|within) (the (first |free )?(trial|pilot|month|year|quarter)|\d+ (days?|weeks?|months?|years?)|(a|one|two|three|six|twelve) (days?|weeks?|months?|years?))\b/,
    'guard',
  ),
];

export const PROBE50_ASKED_REQUEST_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'asks to be removed, as a question (es)',
    /\bme (pueden|puede|podeis|podrian|podria|puedes|podrias)( (por favor|porfa))? (dar de baja|borrar|quitar|eliminar|sacar|retirar)\b|\bme (borrais|borran|quitais|quitan|sacais|sacan|eliminais|eliminan) de (la|su|vuestra|esta|sus|vuestras) (lista|listas|base)\b/,
    'negatable',
  ),
  s(
    'unsubscribe',
    4,
    'asks whether they can stop getting these (es/it/pt/nl)',
    new RegExp(
      `\\b(puedo|podria) dejar de recibir (estos|estas|sus|vuestros|vuestras|los|las|tus)\\b${NOT_FORESEEN}|\\b(posso|potrei) (smettere di|non) ricevere (piu )?(questi|queste|i vostri|le vostre|i tuoi|le tue)\\b${NOT_FORESEEN}|\\b(posso|poderia) (deixar|parar) de receber (essas|estas|esses|estes|as|os|suas|seus)\\b${NOT_FORESEEN}|\\bkan ik (deze|jullie|die|uw) [a-z]+ (ergens |ook |gewoon )?(uitzetten|stopzetten|stoppen|afzeggen|afbestellen)\\b${NOT_FORESEEN}` +
        // How to turn these messages off, in the seven languages (probe 79: "how do I turn these off", "¿Cómo desactivo estos
        // mensajes?", "Come si fa a disattivare questi messaggi?"); not a feature of the writer's account ("the push notification").
        `|\\bhow (do|can|would) (i|we) (turn|switch|shut) (these|those|them|these (texts|messages|emails|e mails)|your (texts|messages|emails|e mails)) off\\b|\\bhow (do|can|would) (i|we) (turn|switch|shut) off (these|those|your) (texts|messages|emails|e mails|whatsapps|sms|calls)\\b|\\bcomo (desactivo|bloqueo|apago|puedo desactivar|puedo bloquear|hago para desactivar|se desactivan) (estos|estas|sus|vuestros|vuestras) (mensajes|correos|emails|e mails|sms|notificaciones|whatsapps|llamadas)\\b|\\bcomo (desativo|desligo|bloqueio|posso desativar|faco (pra|para) desativar) (essas|estas|esses|estes|suas|seus) (mensagens|message|messages|emails|e mails|sms|notificacoes|ligacoes)\\b|(?<=\\b(come (si fa a|faccio a|posso)|posso) )(disattivare|bloccare|fermare) (questi|queste|i vostri|le vostre) (messaggi|email|e mail|mail|sms|notifiche|chiamate)\\b|\\bcomment (desactiver|bloquer|couper|arreter|je desactive|je bloque|je coupe) (ces|vos) (messages|sms|mails|e mails|emails|appels|relances)\\b|\\bwie (stelle|schalte|kann) ich (diese|ihre|eure) (nachrichten|mails|e mails|emails|sms|anrufe|benachrichtigungen) (ab|aus|abstellen|abschalten|deaktivieren)\\b|\\bhoe (zet|kan) ik (deze|jullie|uw) (berichten|mails|e mails|sms jes|smsjes|appjes|meldingen) (uit|uitzetten|stopzetten)\\b`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'asks where to sign off (de)',
    new RegExp(
      `\\b(wo|wie) (kann|konnen) (ich|wir) (mich|uns) (hier |da |dort )?(abmelden|austragen)\\b${NOT_FORESEEN}`,
    ),
    'whole',
  ),
  s(
    'unsubscribe',
    4,
    'asks to take it away (nl)',
    /\bhaal (het|dat|hem|mij|me|mijn [a-z]+)( (alsjeblieft|aub|a u b|even|maar|gewoon|dan|snel))* (weg|eraf|er af|van (de|jullie|uw|deze|die) [a-z]*lijst)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'wants all of it to stop',
    new RegExp(
      `\\b(i|we) (want|would like|d like) (all of it|it all|everything|both|all of them|them all|all of this) (to stop|gone|stopped)\\b|${AFTER_A_STOP_WORD}(\\bnao (quero|queremos) mais nada\\b|\\bno (quiero|queremos) nada mas\\b|\\bje ne veux plus rien\\b|\\b(ich will|ich mochte|wir wollen) (gar |uberhaupt )?nichts mehr\\b|\\bnon (voglio|vogliamo) piu (niente|nulla)\\b|\\b(ik wil|we willen) (helemaal )?niets meer\\b)`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'asks how many times to say stop (multilingual)',
    /\b(how many times|combien de fois|cuantas veces|quantas vezes|quante volte|wie oft|hoe vaak)\b[^.!?\n]{0,50}\b(say|ask|tell|write|reply|dire|demander|ecrire|decir|pedir|escribir|dizer|escrever|dire|chiedere|scrivere|sagen|bitten|schreiben|zeggen|vragen|sturen|schrijven)\b[^.!?\n]{0,40}\b(stop\w*|arret\w*|baja|parar|parem|sair|smett\w*|basta|aufhor\w*|abmeld\w*|afmeld\w*|unsubscri\w*|remove|retir\w*|list|lista|liste|lijst)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'still getting them after opting out',
    new RegExp(
      `${ALREADY_OPTED_OUT}[^]{0,80}${STILL_ARRIVING}|${STILL_ARRIVING}[^]{0,80}${ALREADY_OPTED_OUT}`,
    ),
    'whole',
  ),
  s(
    'unsubscribe',
    4,
    'refers to their own opt-out request',
    /\b(my|our) (unsubscribe|opt out|removal) (request|email|message)\b|\b(mi|nuestra) (solicitud|peticion) de baja\b|\b(meu|nosso) pedido de (descadastro|remocao|cancelamento da inscricao)\b|\b(la mia|la nostra) richiesta di (disiscrizione|cancellazione)\b|\b(ma|notre) demande de (desinscription|desabonnement)\b|\b(meine|unsere) (abmeldung|austragung)\b|\b(mijn|onze) (afmelding|uitschrijving)\b/,
    'negatable',
  ),
  s(
    'unsubscribe',
    4,
    'asks what to send to stop these',
    new RegExp(
      `\\bwhat (do|should|must) (i|we) (need to |have to )?(type|reply|text|send|write|say|do)( back)? to (make (these|this|them|it|the [a-z]+) stop|stop (these|this|them|getting|receiving)|get off|unsubscribe|opt out|be removed)\\b${NOT_FORESEEN}|\\b(do|should|can) (i|we) (just )?(reply|text|send|type|say|write) ["']?stop["']? to (get off|unsubscribe|opt out|be removed|make (these|this|them|it) stop|stop (these|this|them))\\b${NOT_FORESEEN}`,
    ),
    'whole',
  ),
  s(
    'unsubscribe',
    4,
    'asks whether it is possible to be removed',
    new RegExp(
      `\\b(is it|would it be|is that) possible (for (me|us) )?to (be (removed|taken off|unsubscribed)|unsubscribe|opt out|get off|stop (these|the|your|getting|receiving))\\b${NOT_FORESEEN}|\\b(any chance|is there any chance) (you could|you can|you might|u could) (stop|remove (me|us|my)|take (me|us|my [a-z]+) off|unsubscribe (me|us))\\b`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'asks where the opt-out link is',
    /\b(where s|where is|wheres) (the|your|an|this) (unsubscribe|opt out) (link|button)\b(?![^.!?\n]{0,40}\b(template|templates|editor|builder|dashboard|settings|app|account|campaigns?)\b)|\bou (est|se trouve) le lien (de|pour) (desinscription|desabonnement|se desinscrire|se desabonner|me desinscrire|me desabonner)\b(?![^.!?\n]{0,40}\b(modele|modeles|editeur|tableau de bord|parametres|campagnes?)\b)|\bdonde esta el (enlace|link|boton) (de|para) (baja|darme de baja|darse de baja|desuscribirme)\b(?![^.!?\n]{0,40}\b(plantillas?|editor|panel|ajustes|campanas?)\b)|\bwo ist (der|ein) (abmeldelink|abmelde link|abmeldeknopf|link zum abmelden)\b(?![^.!?\n]{0,40}\b(vorlagen?|editor|dashboard|einstellungen|kampagnen?)\b)|\bdove (e|si trova) il (link|collegamento|pulsante) (per|di) (disiscrivermi|disiscriversi|disiscrizione|cancellarmi)\b(?![^.!?\n]{0,40}\b(modell[io]|editor|pannello|impostazioni|campagne)\b)|\bonde (esta|fica) o (link|botao) (de|para) (descadastro|descadastrar|me descadastrar|sair)\b(?![^.!?\n]{0,40}\b(modelos?|editor|painel|configuracoes|campanhas?)\b)|\bis er (ergens |ook )?een (afmeldlink|afmeldknop|uitschrijflink|uitschrijfknop) (voor|in|onder|bij) (deze|die) [a-z]+\b|\bis there (an?|any) (unsubscribe|opt out) (link|button|option) (for|on|in) (these|this|those)( [a-z]+)?\b|\bwaar (is|staat) de (afmeldlink|afmeldknop|link om (me )?af te melden)\b(?![^.!?\n]{0,40}\b(sjablonen|sjabloon|editor|dashboard|instellingen|campagnes?)\b)/,
    'whole',
  ),
];

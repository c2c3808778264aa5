import { s, type Signal } from './signal';

/**
 * Opt-outs asked as questions, as requests about procedure or on someone's behalf (probe 61), in the seven
 * languages: this reply counted as the opt-out ("Can you treat this as an unsubscribe request?", "¿Pueden tomar este
 * mensaje como una solicitud de baja?"), how many times the writer must ask, where to click so these stop, whether
 * there is a way not to get these any more, the writer's earlier request (made by an assistant) followed up, the
 * writer added to a colleague's opt-out ("potete togliere anche me?"), someone's wish relayed by who answers for them
 * ("Escrevo em nome do Dr. Almeida: removam-no da lista", "Sou a esposa do Carlos. Ele … não quer mais receber
 * mensagens"). Look-alikes: the keyword as the subject of a question ("STOP arrête aussi les e-mails ?"), opt-outs as a
 * topic ("not the right person for opt-out questions"), someone else taken off while the writer stays ("… je reste
 * abonné"), someone else refusing while the writer is keen ("… isn't interested, but I am").
 */

/** What the writer wants to stop or be taken off, as a word stem of the seven languages. */
const OPT_OUT_STEM =
  '(removed|remove me|unsubscrib\\w*|taken off|take me off|opt(ed)? out|stop\\w*|leave (me|us) alone|abmeld\\w*|austrag\\w*|entfern\\w*|streich\\w*|desinscri\\w*|desabonn\\w*|retir\\w*|supprim\\w*|baja|borr\\w*|quit\\w*|elimin\\w*|cancellat\\w*|disiscri\\w*|togli\\w*|rimuov\\w*|smett\\w*|descadastr\\w*|remov\\w*|tirar\\w*|sair|parar|afmeld\\w*|afgemeld\\w*|uitschrij\\w*|uitgeschreven|verwijder\\w*)';

/** This reply, message or email ("this reply", "diese Antwort", "ce message", "este mensaje", "questa risposta", "esta mensagem", "deze mail"). */
const THIS_REPLY =
  '(this|my|diese|meine|ce|cette|mon|ma|este|esta|mi|questa|questo|la mia|il mio|essa|esse|a minha|o meu|minha|meu|deze|dit|mijn)( (reply|message|email|e mail|mail|text|response|note|answer|antwort|nachricht|reponse|courriel|mensaje|correo|respuesta|risposta|messaggio|mensagem|resposta|bericht|antwoord|reactie))?';

/** An opt-out as what a reply may count as ("an unsubscribe request", "Abmeldung", "demande de désinscription", "solicitud de baja"). */
const AS_AN_OPT_OUT =
  '(a |an |my |the |me |eine |meine |une |ma |la |una |mi |la mia |um |uma |o meu |a minha |een |mijn )?((formal|official|proper|formelle|formale|formal) )?((request|requesting|asking|demande|solicitud|peticion|richiesta|pedido|solicitacao|verzoek)( (to|that i|for me to|de|di|tot|da|do))?( be)? )?(opt out|opting out|unsubscribe|unsubscribing|unsubscription|removal|taken off|removed|unsubscribed|abmeldung|austragung|desinscription|desabonnement|baja|desuscripcion|disiscrizione|cancellazione|rimozione|descadastro|descadastramento|remocao|afmelding|uitschrijving)';

/** What the keyword STOP does, asked about ("stop the emails", "arrête", "detiene", "ferma", "para", "stoppt"). */
const KEYWORD_VERB =
  '(stop|stops|cover|covers|block|blocks|end|ends|apply|applies|work|works|arrete|arretent|bloque|couvre|detiene|bloquea|cubre|ferma|blocca|copre|para|bloqueia|cobre|stoppt|blockiert|gilt|stopt|blokkeert|geldt|werkt|funciona|funziona|fonctionne|marche)';
const KEYWORD_ADVERB =
  '(also|too|even|only|aussi|seulement|tambien|solo|ook|alleen|tambem|apenas|anche|auch|nur)';

/** Someone else of the writer's side taken off ("unsubscribe my colleague Tom", "retirer ma collègue Anne", "remove hers"). */
const SOMEONE_ELSE_REMOVED =
  '\\b(remove|unsubscribe|take|delete|drop|retirer|retirez|supprimer|desinscrire|den de baja a|dar de baja a|quiten|quitar a|borren|tirem|removam|retirem|descadastrem|togliete|rimuovete|cancellate|disiscrivete|melden sie|austragen|streichen|nehmen sie|verwijder|afmelden|uitschrijven)\\b[^.!?\\n]{0,20}\\b((a|the|my|our|ma|mon|mi|o meu|a minha|meu|minha|il mio|la mia|meinen|meine|mijn|onze)( [a-z]+)? (colleague|coworker|husband|wife|partner|son|daughter|collegue|companero|companera|colega|collega|kollegen|kollegin|man|vrouw|marido|mujer|esposa|mari|femme|moglie|marito)s?|hers|his)\\b|\\b(mijn|onze) (collega|man|vrouw) [a-z]+ (afmelden|uitschrijven|verwijderen)\\b';
/** The writer keeps receiving ("I'll keep getting them", "keep mine", "je reste abonné", "eu continuo a receber"). */
const WRITER_KEEPS =
  '\\b(i (ll|will) keep (getting|receiving)|i (m|am) (fine|happy|ok|okay) to keep (getting|receiving)|keep mine|keep me (on|subscribed)|not mine|i (ll|will) keep an eye on|ich (selbst )?bleibe (gern |gerne )?(im verteiler|auf der liste|dabei)|je reste (abonne|abonnee|inscrit|inscrite|sur la liste)|(yo )?sigo recibiendo\\w*|continuo a receber|continuo a ricevere|ik blijf (graag )?(op de lijst|ingeschreven|abonnee))\\b';

export const PROBE61_ASKED_GUARDS: Signal[] = [
  // "Please unsubscribe my colleague Jan, he's left. I'm fine to keep receiving them": someone else is taken off, the
  // writer stays; neither a hand-over nor the writer's opt-out (probe 61, as pr13-161 of the data).
  s(
    'neutral',
    5,
    'someone else taken off, the writer stays',
    new RegExp(`(${SOMEONE_ELSE_REMOVED})[^]{0,160}${WRITER_KEEPS}`),
    'guard',
  ),
  // "I'm not the right person for opt-out or compliance questions - that's our DPO": the opt-out is a topic.
  s(
    'question',
    0,
    'opt-outs as a topic someone handles',
    /\bfor (opt out|opt outs|unsubscribe|unsubscribes|unsubscribing|opting out|gdpr|privacy)( (or|and) [a-z]+)? (questions|queries|requests|matters|issues|topics)\b/,
    'guard',
  ),
  // "Does STOP also stop the emails, or only texts?", "STOP arrête aussi les e-mails ?", "¿STOP también detiene los
  // correos?", "Stopt STOP ook de e-mails?", "O STOP também para os e-mails?", "STOP ferma anche le email?": the keyword
  // is the subject asked about.
  s(
    'question',
    0,
    'the keyword as the subject of a question',
    new RegExp(
      `(\\b(does|do|will|would|est ce que) stop (${KEYWORD_ADVERB} )?${KEYWORD_VERB}|\\bstop (${KEYWORD_ADVERB} ${KEYWORD_VERB}|${KEYWORD_VERB} ${KEYWORD_ADVERB})|\\bstopt stop (ook|alleen))\\b(?=[^.!?\\n]{0,60}\\?)`,
    ),
    'guard',
  ),
  // "My business partner isn't interested and opted out, but I am": someone else refuses, the writer is keen.
  s(
    'interested',
    3,
    'someone else refuses, the writer is interested',
    /\b(my|our|the) ((business )?(colleague|coworker|partner|boss|manager|husband|wife|team|co founder|cofounder))( [a-z]+)? (is not|are not|was not|were not) interested\b[^.!?\n]{0,60}\bbut (i|we) (am|are|m|re)\b|\bno (le|les) interesa[^.!?\n]{0,60}\bpero a (mi|nosotros) si\b|\b(hat|haben) kein interesse[^.!?\n]{0,60}\baber ich (schon|sehr wohl|habe)\b/,
    'guard',
  ),
];

export const PROBE61_ASKED_OPT_OUT_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'asks that this reply count as the opt-out',
    new RegExp(
      [
        `\\b(treat|count|take|consider|regard|accept|log|record|process|read|handle|use)( (it|this))? ${THIS_REPLY} as ${AS_AN_OPT_OUT}\\b`,
        `\\b${THIS_REPLY} (serve|count|do|work|stand|suffice|qualify) as ${AS_AN_OPT_OUT}\\b`,
        `\\b(does|will|would|can) (this|it|my reply|this reply|this message) (count|work|do|serve) as ${AS_AN_OPT_OUT}\\b`,
        `\\bor (does|will) (this|that) (count|do|work|suffice)\\b`,
        `\\b${THIS_REPLY} (bitte |einfach )?(als|wie) ${AS_AN_OPT_OUT}( (werten|betrachten|ansehen|behandeln|verstehen|auffassen|nehmen|gelten lassen))?\\b`,
        `\\b(considerer|prendre|traiter|compter|prendre en compte) ${THIS_REPLY} comme ${AS_AN_OPT_OUT}\\b`,
        `\\b(tomar|considerar|tratar|contar|tomen|consideren|traten) ${THIS_REPLY} como ${AS_AN_OPT_OUT}\\b`,
        `\\b(considerare|trattare|prendere|contare|considerate|trattate|prendete) ${THIS_REPLY} come ${AS_AN_OPT_OUT}\\b`,
        `\\b(considerar|tratar|tomar|contar|considerem|tratem) ${THIS_REPLY} como ${AS_AN_OPT_OUT}\\b`,
        `\\b${THIS_REPLY}( (opvatten|beschouwen|zien|rekenen|tellen|behandelen|verwerken))? als ${AS_AN_OPT_OUT}\\b`,
      ].join('|'),
    ),
    'whole',
  ),
  s(
    'unsubscribe',
    4,
    'asks how many times they must ask',
    new RegExp(
      `\\b(how many (more )?times|wie oft|combien de fois|cuantas veces|quante volte|quantas vezes|hoe vaak)\\b[^.!?\\n]{0,50}\\b${OPT_OUT_STEM}`,
    ),
  ),
  s(
    'unsubscribe',
    4,
    'asks where to click so these stop',
    /\b(where|wo|ou|donde|onde|dove|waar)\b[^.!?\n]{0,25}\b(click|klicken|cliquer|clic|clico|hago clic|clicco|cliccare|klikken|klik|tap|press)\b[^.!?\n]{0,10}\b(to make|to get|so|damit|pour que|para que|perche|per far|om|zodat|pra|para)\b[^.!?\n]{0,30}\b(stop|end|go away|aufhoren|aufhort|enden|s arretent|cessent|paren|dejen|acaben|parem|parar|acabem|finiscano|smettano|ophouden|stoppen)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'asks for a way not to get these any more (de/es/nl/fr)',
    /\bgibt es (eine |irgendeine |keine )?(moglichkeit|weg|option),? (diese|ihre|eure|deine) [a-z ]{1,20} nicht mehr zu (bekommen|erhalten|kriegen)\b|\bhay (alguna |una )?(forma|manera|modo|opcion) de (no recibir mas|dejar de recibir) (estos|estas|sus|vuestros|vuestras|esos|esas)\b|\bis er (een |enige |geen )?(manier|mogelijkheid|optie) om (deze|jullie|uw|die) [a-z']+ niet meer te (ontvangen|krijgen)\b|\by a t il (un |une )?(moyen|facon|possibilite) de ne plus recevoir (ces|vos)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'asks how to get off this list (es)',
    /\bcomo (me )?(salgo|salirme|quito|quitarme|borro|borrarme) de (esta|la|su|vuestra|esa|sus|vuestras|estas) (lista|listas)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'asks them to take the writer off, by hand (it/pt)',
    /\bmi (potete|potreste|puoi|potresti|puo) (togliere|cancellare|rimuovere|disiscrivere|eliminare)\b|\b(conseguem|conseguiriam|podem|poderiam|pode|podia|podiam) (me (remover|tirar|descadastrar|excluir|retirar)|(remover|tirar|descadastrar|excluir|retirar) me)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'the writer added to an opt-out done for someone else',
    /\b(togliere|cancellare|rimuovere|disiscrivere) anche me\b|\bme (retirer|desinscrire|supprimer|enlever|desabonner) aussi\b|\bdar(me)? de baja a mi tambien\b|\b(mich|uns) (auch|ebenfalls) (abmelden|austragen|entfernen|streichen|rausnehmen)\b|\bme (tirar|remover|descadastrar|retirar) tambem\b|\b(mij|me) ook (uitschrijven|afmelden|verwijderen)\b|(?<=\b(stop\w*|unsubscri\w*|remov\w*|opt\w* out|take (him|her|them) off)\b[^]{0,120})\b(do the same|the same) for me\b/,
    'whole',
  ),
  s(
    'unsubscribe',
    4,
    'wants out of it all',
    /\bi (just |simply |only |really )?want (out|off)( of (all of )?(it|this|these|everything|all this|your lists?)| (the|this|your) (list|mailing list))?\s*([.!]|$)/,
  ),
  s(
    'unsubscribe',
    4,
    'asks to confirm the writer was removed',
    /\b(can|could|would|will) you (please |kindly |just )?(confirm|check|verify|make sure|ensure)( that)? (i|i ve|i have|i am|i m|my (address|email|number|details|data)( has| have| is| are)?)( been)? (removed|unsubscribed|taken off|deleted|opted out|off (your|the) list)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'the writer`s earlier request, by them or for them, followed up',
    /\b(following up on|further to|chasing|regarding|re) my (earlier |previous |last |recent )?(email|message|request|note|reply)\b[^.?!\n]{0,40}\b(asking|requesting|asked) (to be|that i be|you to) (removed|unsubscribed|taken off|deleted|remove me|unsubscribe me|take me off)\b|\b(chiesto|domandato)\b[^.!?\n]{0,40}\bdi (togliermi|cancellarmi|rimuovermi|disiscrivermi)\b|\b(gebeten|aufgefordert),? mich\b[^.!?\n]{0,40}\bzu (nehmen|streichen|entfernen|austragen|loschen)\b|\b(demande|ecrit) (de|pour) me (retirer|desinscrire|supprimer|desabonner)\b|\b(pidio|pidieron|ha pedido|han pedido|pidio) que me (quitaran|quiten|borraran|borren|dieran de baja|den de baja|eliminaran|eliminen)\b|\bpediu (para|pra) (me )?(retirarem|tirarem|removerem|descadastrarem|excluirem)\b|\bgevraagd om (mij|me) (van|uit)\b[^.!?\n]{0,30}\bte (halen|verwijderen|schrappen)\b/,
    'whole',
  ),
  s(
    'unsubscribe',
    4,
    'relays that the contact does not want these (on their behalf)',
    new RegExp(
      [
        '\\b(he|she) (does not|no longer|do not) (want|wish) (to (receive|get) (these|your|any (more )?(calls|texts|emails|messages|marketing))|to hear from you|any more (calls|texts|emails|messages)|these|your (calls|texts|emails|messages|marketing)|calls|texts|emails|messages|marketing|sales (calls|emails))\\b',
        '\\b(er|sie) (mochte|will|wunscht) (keine (weiteren )?(nachrichten|mails|e mails|anrufe|sms|werbung|kontaktaufnahme)|nicht mehr (kontaktiert|angerufen|angeschrieben)|(diese|ihre) (nachrichten|mails|e mails|sms|anrufe) nicht)\\b',
        '\\b(il|elle) ne (veut|souhaite|desire) (plus|pas) (recevoir (vos|ces|de (mails|messages|sms|appels|courriels|sollicitations|publicite))|etre (contacte|contactee|appele|appelee|sollicite|sollicitee))\\b',
        '\\b(el|ella) no (quiere|desea) (recibir )?(mas )?(estos|estas|sus|vuestros|vuestras|mensajes|correos|llamadas)\\b',
        '\\bnon vuole (piu )?(ricevere (questi|queste|i vostri|le vostre|messaggi|email|mail|chiamate|sms)|questi|queste|i vostri|le vostre|essere (contattat|disturbat)\\w*)\\b',
        '\\bnao quer (mais )?(receber (essas|esses|estes|estas|as suas|os seus|suas|seus|mensagens|e mails|emails|ligacoes|sms)|essas|esses|estes|estas|ser (contactad|contatad|incomodad)\\w*)',
        '\\b(hij|zij|ze) wil (deze (berichten|mails|sms|e mails)|geen (berichten|mails|sms|e mails|telefoontjes|reclame)|niet meer (gebeld|gemaild|benaderd|ge sms t))\\b',
      ].join('|'),
    ),
  ),
  s(
    'unsubscribe',
    4,
    'asks on someone`s behalf to take them off',
    /\b(em nome d[oa]|de la part d[eu]|im auftrag von|im namen von|en nombre de[l]?|per conto d[ie]l?|a nome d[ie]l?|namens|on behalf of|writing for|replying for)\b[^!?\n]{0,60}\b(removam (no|na|nos|nas)|retirem (no|na)|tirem (no|na)|la retirer|le retirer|les retirer|la desinscrire|le desinscrire|la supprimer|le supprimer|eliminenlo|eliminenla|quitenlo|quitenla|borrenlo|borrenla|darlo de baja|darla de baja|rimuoverlo|rimuoverla|toglierlo|toglierla|cancellarlo|cancellarla|ihn (aus|von)|sie (aus|von) (ihrem|dem|der|ihrer)|hem (uit|van)|haar (uit|van)|remove (him|her)|take (him|her) off|unsubscribe (him|her)|not (to )?be contacted)\b/,
    'whole',
  ),
  s(
    'unsubscribe',
    4,
    'asked not to be contacted, relayed',
    /\b(he|she|they) (has |have )?(asked|requested)( (me|us))?( (to (tell|ask|let) you))?( that (he|she|they) (is|are))? not (to )?be (contacted|emailed|called|texted|messaged)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'looks for the opt-out link and cannot find it',
    /\b(unsubscribe|opt out) (link|option|button)\b[^!\n]{0,40}\bi (cannot|can not|could not|do not) (see|find|locate) (one|it|any)\b/,
    'whole',
  ),
  s(
    'unsubscribe',
    4,
    'neither of us wants these',
    /\b(neither|none) of us (wants?|needs?) (these|them|this|your)\b/,
  ),
];

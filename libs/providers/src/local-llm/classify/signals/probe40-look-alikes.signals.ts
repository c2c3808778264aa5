import { s, type Signal } from './signal';

/**
 * Words of stopping, cancelling, removing, unsubscribing and blocking in nl, fr, de, es, it and pt (probe 40).
 * Look-alikes, each read with what makes it one:
 * - a colleague taken off the cc or this thread, with why ("haal Pieter uit de cc, hij zit niet meer op dit
 *   project", "quitad a Javier de la copia, ya no lleva este tema"): the writer stays, no wrong person;
 * - how to unsubscribe someone else ("comment puis-je le désinscrire ?", "¿cómo doy de baja a una compañera que ya
 *   no trabaja aquí?", "hoe meld ik mijn oud-collega af? Hij werkt hier niet meer"): a question;
 * - a forward handed to a colleague by "this is yours" ("isto é contigo", "questa è roba tua", "dit is meer iets
 *   voor jou", "jij doet de inkoop"): wrong person, as "das ist eher dein Thema" already was;
 * - "ne vous arrêtez pas" (don't stop, with "vous" between), and "how soon can we start": interest;
 * - a project stopped, so "kein Bedarf mehr": a refusal, not a later.
 * Opt-outs without the obvious keywords, or with them among other words: cancelling one's subscription to the
 * messages ("annulez mon inscription à vos SMS", "cancelen mi suscripción a sus correos"), a threat to block the
 * number or the sender ("encore un message et je vous bloque"), leaving the sender's list ("je veux sortir de
 * votre liste"), no more use of one's address or number ("veuillez ne plus utiliser cette adresse"), a bare "don't
 * write (here) any more" ("non scrivete più", "schreiben Sie hier nicht mehr hin"), no contact at all any more
 * ("je ne veux plus aucun contact", "nooit meer contact opnemen", "no deseo que su empresa vuelva a contactarme").
 * Conditions, questions and a new address given in the reply keep them out ("si j'annule mon inscription à la
 * newsletter, …?", "je bloque jeudi 11h pour vous", "n'utilisez plus cette adresse, écrivez à …@…").
 * Patterns read the normalised text (lowercase, no accents, "m'écrire" → "m ecrire").
 */

/** What the sender sends: the messages, the newsletter, the list. */
const SENT =
  '(newsletters?|nieuwsbrief|mailings?|mailinglijst|emails|sms|sms jes|smsjes|berichten|berichtjes|appjes|whatsapps?|messages|courriels|mensajes|mensagens|messaggi|correos|comunicaciones|comunicacoes|comunicazioni|communications|nachrichten|werbe ?(mails|emails|sms)|werbung|publicidad|publicite|pubblicita|publicidade|promos?|promocionales|promocionais|promozionali|promo|liste|lista|list|verteiler|mailing ?list)';

/** A subscription or registration of the writer's. */
const MY_SUBSCRIPTION =
  '(mijn|mon|ma|mi|la mia|il mio|a minha|minha|o meu|meu|meine|meinen|mein) (inschrijving|aanmelding|abonnement|abo|inscription|suscripcion|inscripcion|iscrizione|abbonamento|subscricao|inscricao|assinatura|anmeldung|registrierung|eintragung)';

/** Cancelling, in the six languages, as an order or a wish. */
const CANCEL =
  '(annuleer|annuleren|opzeggen|zeg|beeindig|beeindigen|annulez|annuler|resiliez|cancela|cancelad|cancelen|cancelar|cancele|anula|anulad|anulen|annullate|annulla|annullare|cancellate|cancelem|cancelar|cancele|stornieren|storniere|kundigen|kundige|beenden|loschen)';

/** If, whether, how, when: the sentence asks about it instead of asking for it. */
const NOT_ASKED_FOR =
  '(?<![^.!?\\n]*\\b(si|se|wenn|falls|als|if|comment|como|come|wie|hoe|how|quand|cuando|quando|wann|wanneer|puis je|posso|puedo|kann ich|kan ik)\\b[^.!?\\n]*)';

/** The number, the sender or "you", as what is blocked. */
const BLOCKED =
  '(jullie|je|u|dit nummer|het nummer|deze afzender|vous|te|ce numero|le numero|votre numero|l expediteur|sie|euch|dich|die nummer|diese nummer|ihre nummer|den absender|los|las|les|lo|la|te|este numero|el numero|su numero|vi|ti|questo numero|il numero|il vostro numero|voces|vos|o numero|este numero|esse numero|o vosso numero|o seu numero)';

/** To block, first person present or future. */
const BLOCK =
  '(blokkeer|ga [a-z ]{0,20}blokkeren|bloque|vais [a-z ]{0,20}bloquer|blockiere|werde [a-z ]{0,20}blockieren|bloqueo|voy a [a-z ]{0,20}bloquear|blocco|vado a [a-z ]{0,20}bloccare|bloqueio|vou [a-z ]{0,20}bloquear)';

/** One more message, if you write again: what the block is a threat on. */
const ONE_MORE =
  '(nog (een|1|eentje|een keer)|als (er )?(nog|jullie|u|je) |encore un|un (message|sms) de plus|si (je recois|vous (m ecrivez|continuez|insistez|recommencez))|noch (eine?|ein|einmal)|wenn (sie|ihr) (noch|weiter|nochmal|wieder)|otro (mensaje|sms|whatsapp|correo)|si (me )?(vuelven|siguen|llega|escriben)|como me llegue|un altro|se (mi )?(scrivete|arriva|continuate|ricevo)|ancora (un|una)|mais (uma|um|alguma)|se (chegar|continuarem|mandarem|voltarem)|one more|if (you|i get|another))';

/** Leaving the sender's list, as a wish. */
const WANT =
  '(quiero|quero|voglio|je veux|je voudrais|ich (will|mochte|wurde gern)|ik wil|wil ik|gostaria de|me gustaria|vorrei|queremos|vogliamo|nous voulons)';
const THEIR_LIST =
  '(vuestra|su|sua|vossa|vostra|votre|vos|ihrer|ihrem|eurer|jullie|uw|tu|la vostra|a vossa|a sua) (lista|liste|listes|list|fichier|fichiers|base|base de datos|base de donnees|banco de dados|database|datenbank|verteiler|bestand|mailinglijst|adressenbestand|mailing ?list)';

/** The writer's address or number, as what should no longer be used. */
const MY_ADDRESS =
  '(mon|ma|cette|ce|mes|mi|este|esta|mis|il mio|la mia|questo|questa|i miei|o meu|a minha|meu|minha|este|esse|mijn|dit|deze|meine|meinen|diese|diesen) (adresse|adresse email|adresse mail|numero|coordonnees|email|courriel|correo|direccion|telefono|movil|datos|indirizzo|cellulare|dati|endereco|contacto|contato|telemovel|nummer|adres|emailadres|telefoonnummer|gegevens|email ?adresse|handynummer|daten)';

/** A new address or number in the reply: the old one is dropped for it, no opt-out. */
const NO_NEW_ADDRESS = '(?![^\\n]{0,140}(@[a-z0-9-]+\\.[a-z]|\\d[\\d ()-]{6,}\\d))';

/** A colleague or a user, as someone other than the writer. */
const SOMEONE_ELSE =
  '(collega|collegue|companer[oa]|kolleg(e|in|en)|mitarbeiter(in)?|colega|funcionari[oa]|stagiaire|stagista|praktikant(in)?|medewerker|werknemer|employe|emplead[oa]|dipendente|utente|usuari[oa]|gebruiker|benutzer|utilisateur|user|klant|client|cliente|kunden?)';

/** Unsubscribing someone, with the person as its object: "le désinscrire", "darla de baja", "hem afmelden". */
const UNSUBSCRIBE_THEM =
  '((le|la|les|l) (desinscrire|desabonner|retirer)|(lo|la|le) (disiscrivo|disiscrivere|cancello|cancellare)|disiscriverl[oa]|dar(lo|la|le) de baja|(ihn|sie) (abmelden|austragen)|(hem|haar) (afmelden|uitschrijven)|descadastr(a|ar)(-| )?(lo|la)|desinscrev(e|er)(-| )?(lo|la))';
const UNSUBSCRIBE_VERB =
  '(afmelden|af|uit|uitschrijven|desinscrire|desabonner|dar de baja|doy de baja|abmelden|austragen|disiscrivere|descadastrar|desinscrever)';

/** Someone written to by "tu", told the forward is theirs. */
const YOURS =
  '(dit is (meer |eerder )?(iets )?voor jou|jij (doet|gaat over|regelt) (de |het )?[a-z]+|c est (plutot )?pour toi|c est ton (domaine|rayon|sujet)|esto es (mas )?(tuyo|cosa tuya|para ti)|(questa|questo) e (roba|cosa) tua|e (roba|cosa) tua|isto e (contigo|para ti|teu)|e contigo)';

// prettier-ignore
export const PROBE40_LOOK_ALIKE_GUARDS: Signal[] = [
  s('neutral', 3, 'takes a colleague off the cc or the thread', /(^|[.!?;\n]\s*)[^.!?\n]{0,30}\b(haal|neem|zet|nehmen sie|nimm|nehmt|streichen sie|retirez|enlevez|retirer|enlever|supprimez|quitad|quiten|quita|quitar|sacad|saquen|saca|togliete|togli|rimuovete|levate|tirem|tira|tirar|retirem|removam|remova) (maar |bitte |pure |also |svp |ya |por favor |per favore |alsjeblieft |aub )?(a |o |de |la |het |den |die )?(?!(me|mich|moi|mij|mi|uns|nous|ons|nos|us|m)\b)[a-z]+( [a-z]+)? (maar |bitte |pure |ook |auch )?(uit de|uit het|aus dem|aus der|de la|de|del|dalla|dal|da|from) (cc|kopie|copie|copia|verteiler dieses threads|verteiler dieser (e ?mail|mail|nachricht)|thread|draad|fil|hilo|conversa)\b([^.!?\n]{0,10}[,;:]\s*(hij|zij|ze|er|sie|il|elle|el|ella|lui|lei|ele|ela|he|she|ya|non|no|nao|niet|nicht|ne)\b[^.!?\n]{0,80})?/, 'guard'),
  s('question', 2, 'how to unsubscribe someone else', new RegExp(`(^|[.!?\\n]\\s*)¿?(hoe|comment|como|wie|come)\\b[^.!?\\n]{0,60}(\\b${SOMEONE_ELSE}\\b[^.!?\\n]{0,60}\\b${UNSUBSCRIBE_VERB}\\b|\\b${UNSUBSCRIBE_VERB}\\b[^.!?\\n]{0,30}\\b${SOMEONE_ELSE}\\b|\\b${UNSUBSCRIBE_THEM}\\b)[^?\\n]{0,80}(?=\\s*\\?)(\\s*\\?\\s*(hij|zij|ze|er|sie|il|elle|el|ella|lui|lei|ele|ela|he|she)\\b[^.!?\\n]{0,80})?`), 'guard'),
  s('not_interested', 4, 'a project stopped, no need any more (de)', /\b(aktuell|derzeit|momentan|jetzt) (kein(en)? bedarf|keine verwendung) mehr\b/, 'guard'),
];

// prettier-ignore
export const PROBE40_LOOK_ALIKE_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'cancels their subscription to the messages', new RegExp(`${NOT_ASKED_FOR}\\b(${CANCEL}\\b[^.!?\\n]{0,15}\\b${MY_SUBSCRIPTION}\\b(?=[^.!?\\n]{0,30}\\b${SENT}\\b)|${MY_SUBSCRIPTION}\\b[^.!?\\n]{0,40}\\b${SENT}\\b[^.!?\\n]{0,10}\\b${CANCEL}\\b)(?![^.!?\\n]*\\?)`)),
  s('unsubscribe', 4, 'threatens to block the number or the sender', new RegExp(`\\b${ONE_MORE}[^.!?\\n]{0,60}\\b(ik |je |ich |eu |yo |io )?(${BLOCKED} )?${BLOCK}\\b( ${BLOCKED}\\b)?(?![^.!?\\n]{0,25}\\b(creneau|slot|date|agenda|horario|hueco|tijd|tijdslot|termin|datum|giorno|data|dia|rendez vous|afspraak|appuntamento|agenda|kalender|calendario|ora|uur|uhr)\\b)|\\b${BLOCK} ${BLOCKED}\\b[^.!?\\n]{0,10}\\b(si|se|wenn|als|if)\\b[^.!?\\n]{0,40}\\b(encore|noch|nog|otra vez|de nuevo|ancora|again|outra vez|mais)\\b`)),
  s('unsubscribe', 4, 'wants off the sender\'s list', new RegExp(`${NOT_ASKED_FOR}\\b${WANT} ([a-z]+ )?((salir|sair|uscire|sortir|eruit|raus|weg) (de|da|dalla|dal|du|de la|aus|uit) ${THEIR_LIST}|(aus|uit) ${THEIR_LIST} (raus|eruit|weg|gestrichen|geschrapt)|uit ${THEIR_LIST}\\s*([.!]|$))`)),
  s('unsubscribe', 4, 'no more use of their address or number', new RegExp(`\\b(ne plus (utiliser|employer)|n utilisez plus|no (vuelvan a|vuelvas a|volvais a) (usar|utilizar)|no (usen|utilicen|useis) mas|non (usate|utilizzate|adoperate) piu|nao (voltem a|volte a) (usar|utilizar)|nao (usem|utilizem) mais)( (a u b|aub|svp|bitte|por favor|per favore))? ${MY_ADDRESS}\\b${NO_NEW_ADDRESS}|\\b(gebruik|verwenden sie|nutzen sie|benutzen sie)( (a u b|aub|bitte))? ${MY_ADDRESS} (niet meer|nicht mehr|nie wieder|nooit meer)\\b${NO_NEW_ADDRESS}`)),
  s('unsubscribe', 4, 'a bare do not write any more', new RegExp(`(^|[.!?,;\\n]\\s*)(non (scrivete|scrivetemi|mandate|mandatemi) piu|schreiben sie (mir |uns )?(hier )?nicht mehr( hin)?|schreibt (mir |uns )?(hier )?nicht mehr( hin)?|stuur (hier |mij |me )?(niks|niets) meer( naartoe)?|no (escriban|escribais|me escriban) mas|nao (escrevam|me escrevam) mais)(?= *([.!]|$|(por favor|per favore|bitte|aub|obrigad[oa]|gracias|grazie|danke)\\b))${NO_NEW_ADDRESS}`)),
  s('unsubscribe', 4, 'no contact at all any more', /\b(je ne (veux|souhaite|desire) plus (aucun|le moindre) contact|nooit meer (contact( opnemen)?|benaderen|bellen|mailen|appen)\b(?! (met|tot|voor|na)\b)|geen (enkel )?contact meer|non voglio piu (nessun|alcun) contatto|no (deseo|quiero|queremos) que [a-z ]{0,30}\b(vuelva|vuelvan|vuelvas) a (contactar|escribir|llamar)\w*|nao (desejo|quero|queremos) voltar a ser (contactad|contatad)\w*|\bich (will|mochte|wunsche) (nicht|keinesfalls|auf keinen fall) (kontaktiert|angeschrieben|angerufen) (zu )?werden)/, 'temporal'),
  s('wrong_person', 3, 'hands the forward to a colleague: this is yours', new RegExp(`\\b${YOURS}\\b`)),
  s('interested', 2, 'asks not to stop (fr, with vous)', /\bne vous arretez (surtout |jamais )?pas\b/),
  s('interested', 3, 'asks how soon they can start', /\b(wie schnell konnen wir (starten|loslegen|anfangen|beginnen)|hoe snel kunnen we (starten|beginnen)|cuando podemos (empezar|arrancar|comenzar)|quand (pouvons nous|peut on|est ce qu on peut) (commencer|demarrer)|(em quanto tempo|quando) (conseguimos|podemos) (comecar|arrancar)|quando possiamo (partire|iniziare|cominciare))\b/),
];

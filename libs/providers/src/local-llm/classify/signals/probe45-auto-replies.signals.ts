import { s, type Signal } from './signal';

/**
 * Machine-written replies of probe 45 and the human replies that mention them. A notice telling its own readers how
 * to stop its notifications ("Reply STOP if you no longer want to receive updates", "Um keine Benachrichtigungen
 * mehr zu erhalten, antworten Sie mit STOP", "To unsubscribe from ticket updates, change your settings") asks
 * nothing of us. A human who mentions an away notice (was on leave, back from leave, saw your auto-reply, sorry for
 * the out-of-office) is no longer away: what else they say decides. A mailbox no longer read, outside English
 * ("cette adresse n'est plus consultée", "deze mailbox wordt niet meer gelezen") is a wrong person. Opening hours
 * ("our hours are 11am-10pm"), a German away notice that reads no email ("lese keine E-Mails") and a fax number to drop are not a meeting or an opt-out. Patterns read the
 * normalised text (lowercase, no accents, "don't" → "do not").
 */

/** Verbs a notice uses to tell its readers what to send or do (seven languages). */
const NOTICE_VERB =
  '(reply|text|respond|send|type|antworten sie|antworte|senden sie|schicken sie|repondez|envoyez|responda|responde|envie|escriba|rispondi|rispondete|risponda|invia|antwoord|stuur)';

/** What the reader would stop: a notice's purpose clause, after its instruction. */
const STOP_PURPOSE =
  '(to (stop|unsubscribe|opt out|end)|if you (no longer|do not|dont) (want|wish)|um (keine|sich)|damit sie keine|pour (ne plus|vous desinscrire|vous desabonner|arreter)|para (dejar|deixar|no recibir|nao receber|darse de baja|cancelar)|per (non ricevere|disiscriverti|annullare)|om (geen|je af|u af|af te))';

/** The same purpose clause leading a sentence, before the instruction. */
const LEADING_PURPOSE =
  '(to (unsubscribe|opt out|stop receiving)|if you (no longer|do not|dont) (want|wish) to (receive|get)|um keine [a-z]+ mehr zu (erhalten|bekommen)|pour ne plus recevoir|para (dejar de|no) recibir|para deixar de receber|per non ricevere piu|om geen [a-z]+ meer te (ontvangen|krijgen))';

/** What a notice then tells its reader to do. */
const INSTRUCTION =
  '(reply|text|respond|send|click|tap|change|update|visit|use|go to|manage|adjust|antworten sie|antworte|senden sie|klicken sie|andern sie|repondez|envoyez|cliquez|modifiez|responda|responde|envie|haga clic|clique|rispondi|risponda|clicca|modifica|antwoord|stuur|klik|wijzig)';

/** An away notice named as a thing said before (en, es, pt, fr, de, it, nl). */
const AWAY_NOTICE =
  '(auto ?reply|auto ?responder|automatic reply|out of (the )?office( reply| message| notice)?|ooo( reply| message)?|away message|respuesta automatica|resposta automatica|reponse automatique|message d absence|abwesenheitsnotiz|automatische antwort|risposta automatica|automatisch antwoord|afwezigheidsmelding)';

/** A leave or holiday a human says they are back from (seven languages). */
const BACK_FROM_LEAVE =
  '((i am |im |just |finally )?(back|returned) from (my )?((parental|maternity|paternity|annual|sick) )?(leave|holiday|holidays|vacation|sabbatical)|(i )?was (on|away on) ((parental|maternity|paternity|annual|sick) )?(leave|holiday|vacation|sabbatical)|(aus|von) (der|dem|meiner|meinem) (elternzeit|urlaub|mutterschutz|sabbatical) zuruck|de retour de (conges?|vacances|conge maternite|conge parental)|(he vuelto|volvi|acabo de volver) de (vacaciones|la baja|mi baja)|(voltei|regressei) de (ferias|licenca)|terug (van|uit) (verlof|vakantie|ouderschapsverlof)|rientrat[oa] (dalle ferie|dal congedo))';

// prettier-ignore
export const PROBE45_AUTO_REPLY_GUARDS: Signal[] = [
  s('neutral', 0, 'a notice tells its readers how to stop it', new RegExp(`\\b${NOTICE_VERB} (with |mit |avec |con |com |met )?"?[a-z]{2,11}"? ${STOP_PURPOSE}\\b[^.!?\\n]*`), 'guard'),
  s('neutral', 0, 'a notice s purpose clause, then its instruction', new RegExp(`(^|[.!?\\n]\\s*)${LEADING_PURPOSE}\\b[^.!?\\n]{0,60}, ?(please )?${INSTRUCTION}\\b[^.!?\\n]*`), 'guard'),
  s('neutral', 0, 'mentions an away notice already sent', new RegExp(`\\b(after|ignore|disregard|about|for|saw|got|received|read|(vi|recibi|he recibido|recebi) (su|tu|la|a sua|a tua)|(j ai vu|j ai recu) (votre|ta|la)|(ho visto|ho ricevuto) la (sua|tua)|(ihre|deine) abwesenheitsnotiz hat mich|(uw|je) (automatisch antwoord|afwezigheidsmelding) (heb ik|ontvangen))( my| your| the| his| her| that)? ${AWAY_NOTICE}( spam)?\\b`), 'guard'),
  s('neutral', 0, 'back from a leave', new RegExp(`\\b${BACK_FROM_LEAVE}\\b`), 'guard'),
  s('neutral', 0, 'reads no email while away (de)', /\b(ich )?(lese|bearbeite|beantworte|prufe|checke|rufe)( ich)?( in dieser zeit| wahrend (dieser zeit|meiner abwesenheit))? keine (e ?mails?|mails|nachrichten)( ab)?\b/, 'guard'),
  s('neutral', 0, 'states opening hours (our hours are)', /\b(our|opening|business|office) hours are (from )?\d{1,2}([:.]\d\d)? ?(am|pm|h)? ?(-|to|until) ?\d{1,2}([:.]\d\d)? ?(am|pm|h)?\b/, 'guard'),
  s('neutral', 0, 'a fax number to drop', /\b(remove|delete|drop) (our|the|my|this) fax( number| no)?\b[^.!?\n]*/, 'guard'),
  s('neutral', 0, 'a mail server s own address', /\b(postmaster|mailer daemon|mailer-daemon)@[a-z0-9.-]+/, 'guard'),
];

// prettier-ignore
export const PROBE45_AUTO_REPLY_SIGNALS: Signal[] = [
  s('wrong_person', 4, 'a mailbox no longer read (fr/es/it/pt/nl/de)', /\b((cette|mon|ma) (adresse( e ?mail)?|boite( mail| aux lettres)?|messagerie) n est plus (consultee|utilisee|active|lue|surveillee|suivie)|(este|mi) (buzon|correo|email|direccion)( de correo)? ya no (esta en uso|esta activ[oa]|se (usa|utiliza|revisa|consulta|lee))|(questa|questo) (casella( di posta)?|indirizzo( email)?) non e piu (monitorat[oa]|attiv[oa]|in uso|controllat[oa]|utilizzat[oa]|lett[oa])|(esta|este) (caixa( de correio)?|endereco( de email)?|email) (ja nao e|nao e mais) (monitorizad[oa]|monitorad[oa]|usad[oa]|utilizad[oa]|lid[oa]|consultad[oa])|(deze|dit) (mailbox|inbox|e ?mailadres|adres) wordt niet (meer|langer) (gelezen|gebruikt|bekeken|gecontroleerd)|(dieses|mein) (postfach|e ?mail ?postfach) wird nicht mehr (betreut|gelesen|genutzt|abgerufen))\b/),
];

import { s, type Signal } from './signal';

/**
 * Annoyed, sarcastic and suspicious replies in the seven core languages (probe 66), opt-outs and not:
 * - a conditional threat worded as a full clause ("If I receive one more of these I will be filing a complaint with
 *   the ICO"), and "consider this your notice to stop": opt-outs;
 * - sarcasm aimed at the way out: "is your unsubscribe button just for decoration?", "or do I need to block you?",
 *   "unsubscribing you from my life";
 * - Dutch infinitive orders to delete the number or address ("Nummer wissen graag", "Gegevens verwijderen aub"):
 *   opt-outs;
 * - a wrong addressee in wordings the older lists missed ("Erreur de numéro", "he had this number before me", "ik
 *   werk al een jaar niet meer bij …"): wrong_person.
 * Look-alikes kept out:
 * - a data-access request ("Welche Daten haben Sie über mich gespeichert?", "what info do you have on me"), with no
 *   erasure asked: a question;
 * - the unsubscribe link reported broken in the European word order ("Su enlace para darse de baja no funciona,
 *   por cierto"), with no question in it: a note, as its English twin already is;
 * - weariness of cold emails in general ("just tired of cold emails in general, nothing personal"), not of these;
 * - "never heard of you" followed by asking where the address came from: the question decides, not the stranger.
 * Patterns read the normalised text (lowercase, no accents, apostrophes as spaces).
 */

const UNSUB_WORDS =
  '(unsubscribe|opt out|disiscriv\\w*|darse de baja|darme de baja|baja|desinscri\\w*|desabonn\\w*|abmeld\\w*|austrag\\w*|descadastr\\w*|afmeld\\w*|uitschrijv\\w*|cancelar (a )?(subscricao|inscricao))';
const BROKEN =
  '(kaputt|rotto|quebrado|404|fehler|erreur|errore|erro|error|fout|no funciona|nao funciona|non funziona|ne marche pas|ne fonctionne pas|marche pas|fonctionne pas|funktioniert nicht|geht nicht|werkt niet|doet het niet)';

export const PROBE66_ANNOYED_GUARDS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'asks whether they must block the sender',
    /\bor (do|should|will|must) (i|we) (just |simply )?(need to |have to |got to |gotta )?(just )?block (you|u|ya|this number|your number|you guys|you people|your (number|address|domain|e ?mails?|emails?|messages|texts))\b/,
    'guard',
  ),
  s(
    'unsubscribe',
    4,
    'the unsubscribe link mocked as a dummy',
    /\b(unsubscribe|opt out|optout) (button|link|option)s? (is |are )?(just |only |purely )?(for decoration|decorative|for show|a joke|fake|a placebo|a prop|a dummy)\b/,
    'guard',
  ),
  s(
    'neutral',
    2,
    'reports the unsubscribe link broken (es/fr/de/it/nl/pt)',
    new RegExp(
      `(?<!\\?[^]*)\\b((link|enlace|lien|bouton|knopf|botao|pulsante|knop)( para| pour| per| zum| zur| om| de| di| da| van| des| do)? ${UNSUB_WORDS}|(link|knop) om (je|u|jezelf|zich|me|mij) af te melden|abmeldelink|abmeldeknopf|afmeldlink|afmeldingslink|lien de desinscription|lien de desabonnement)\\b[^.!?\\n]{0,50}${BROKEN}(?![^?]*\\?)`,
    ),
    'guard',
  ),
  s(
    'neutral',
    1,
    'tired of cold messages in general, not of these',
    /\b(tired|sick|weary|fed up)( of| with) ([a-z]+ ){0,2}(e ?mails|emails|calls|messages|texts|pitches|outreach|sales stuff)( [a-z]+){0,2} (in general|generally|as a whole|across the board|from everyone|from everybody)\b/,
    'guard',
  ),
  s(
    'question',
    1,
    'never heard of the sender, asks where the address came from',
    /\bnever heard of (you|u|your company|this company)\b(?=[^]{0,80}\b(how|where) did (you|u) (get|find|obtain)\b[^?]*\?)/,
    'guard',
  ),
];

export const PROBE66_ANNOYED_SIGNALS: Signal[] = [
  s(
    'unsubscribe',
    4,
    'unsubscribes the sender from their life',
    /\bunsubscrib(e|ed|ing) (you|u|you guys|you people) from my (life|inbox|phone|world|existence)\b/,
  ),
  s(
    'question',
    3,
    'asks what personal data is held on them',
    /\bwhat( personal| exactly| else)? (data|info|information|details|personal data|personal information)( exactly)? ((do|does) )?(you|u|your company|your firm) (have|hold|store|keep|process)( exactly)? (on|about|of) (me|us)\b|\bwelche( personenbezogenen| personlichen)? daten (sie|ihr|haben sie|habt ihr)( [a-z]+){0,3} (uber|von|zu) (mir|mich|uns)\b|\b(auskunft|auskunftsersuchen) (nach|gemass|gem|gema) (art|artikel) 15\b|\bque datos( personales)? (tienen|guardan|almacenan|conservan|tratan)( ustedes)? (sobre|de) (mi|nosotros)\b|\bquelles (donnees|informations)( personnelles)? (vous )?(detenez|avez|conservez|stockez|traitez)( vous)? (sur|de|a propos de) (moi|nous)\b|\bquali (dati|informazioni)( personali)? (conservate|avete|detenete|trattate|tenete) (su|di) (me|noi)\b|\bwelke (persoonsgegevens|gegevens)( hebben| bewaren| verwerken) (jullie|u) (van|over) (mij|ons)\b|\binzageverzoek\b|\bque (dados|informacoes)( pessoais)? (tem|teem|guardam|possuem|armazenam|tratam)( voces| vos)? (sobre|de) (mim|nos)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'threatens a complaint if another message comes, in a full clause',
    /\bif (i|we) (receive|get|see|am sent|are sent) (one|any|another|a single)( more)?( of (these|those|your [a-z]+)| (e ?mail|email|message|text|call|follow up)s?)( from (you|u|your [a-z]+))?,? (i|we) (will |shall |am going to |are going to |ll |am |are |m |re )?(be )?(report|reporting|file|filing|lodge|lodging|complain|complaining|forward|forwarding|escalate|escalating|block|blocking|take legal|taking legal|contact the|involve)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'consider this your notice to stop',
    /\bconsider this (your|a|my) ((last|final|formal|only|one and only) )?(notice|warning)( to (stop|cease|desist))?\b(?! (period|of (my|our) (absence|leave|resignation|departure)))/,
  ),
  s(
    'wrong_person',
    4,
    'wrong number or addressee, other wordings (fr/en/nl)',
    /\berreur de (numero|destinataire|personne)\b|\bvous vous etes trompee?s? de (numero|personne|destinataire)\b|\b(he|she|they) (had|used to have|owned) (this|the|that) (number|phone number|email|address)( [a-z]+){0,2} (before me|before|previously)\b|\b(ik )?(werk|werkt) (al|sinds|per|vanaf|inmiddels|sowieso) ([a-z0-9]+ ){0,3}niet meer (bij|voor)\b/,
  ),
  s(
    'unsubscribe',
    4,
    'delete the number or address, an infinitive order (nl)',
    /(^|[.!?]\s*)(mijn |het |dit |m n )?(nummer|telefoonnummer|06 nummer|mailadres|e ?mailadres|emailadres|adres|gegevens) (graag |aub |even |direct |meteen |nu |maar )*(wissen|verwijderen|schrappen)( graag| aub| alstublieft| svp| a u b| dank je| bedankt)?\s*([.!]|$)/,
  ),
];

import { s, type Signal } from './signal';

/**
 * Email replies of probe31: a line or two above quoted history or a legal footer, on the boundaries between an
 * opt-out, a refusal and a timing objection. Opt-outs the other families missed: "no further follow-up" outside
 * English ("no hagan más seguimiento", "geen verdere follow-up"), a third party saying the contact does not wish
 * to receive more ("non desidera ricevere altre comunicazioni", "ele pediu para não receber mais"), a removal asked
 * in the Portuguese subjunctive ("peço que removam o endereço dele", which beside "faleceu" is the dev half's
 * opt-out for someone who died, not a wrong person), "take her off" for a household member's own address, and
 * having IT block the sender. Timing: "stop for now" and "after the merger" in six languages, "not this year" and a
 * named quarter in Dutch. A refusal: "we're covered on this front". A receipt: a request logged under a ticket or
 * case number outside English, which says nothing about an absence ("Risposta automatica: abbiamo ricevuto la sua
 * richiesta (ticket 55102)"). An assistant arranging a demo for the person meant is about a meeting, not a hand-off.
 * Patterns read the normalised text (lowercase, no accents, "don't" → "do not").
 */

/**
 * Not when what follows makes it something else: no more needed ("keine weiteren Nachfragen nötig, wir
 * unterschreiben morgen"), another channel or only one ("pediu para não receber mais ligações, só e-mail", "geen
 * follow-up meer per telefoon": a channel preference, neutral in the dev half), or paper invoices.
 */
const NOT_NEEDED_OR_ANOTHER_CHANNEL =
  '(?![^.!?\\n]{0,40}\\b(notig|notwendig|erforderlich|necesario|necessario|necessaire|nodig|per (telefoon|telefono|telefon|telephone|sms)|por (telefono|telefone|correo|email|whatsapp|sms)|par (telephone|sms|courrier)|telefonisch|so|solo|apenas|somente|seulement|uniquement|nur|alleen|enkel|mejor|melhor|plutot|lieber|liever|factur[a-z]*|fatur[a-z]*|fattur[a-z]*|rechnung[a-z]*|papier|papel|carta)\\b)';

/** "No further follow-up" (es, pt, it, fr, de, nl): the dev half labels "please don't follow up" an opt-out. */
const NO_FURTHER_FOLLOW_UP = new RegExp(
  `\\b(no (hagan|haga|hagas|hacer) (mas|ningun) seguimiento|no (me )?(sigan|sigas) (haciendo )?seguimiento|nao (facam|faca|fazer) mais (follow ?up|acompanhamento)|non (fate|fare|faccia|fatemi) (altri|piu|ulteriori) (follow ?up|solleciti)|(inutile|pas la peine|merci de ne pas) (de )?me relancer|ne me relancez plus|keine (weiteren|weitere) (nachfragen|follow ?ups?|nachfassaktionen)|geen (verdere|verder|nieuwe) (follow ?ups?|opvolging)|geen follow ?up meer)\\b`.concat(
    NOT_NEEDED_OR_ANOTHER_CHANNEL,
  ),
);

/** Someone else does not wish to receive more (third person, six languages). */
const THEY_WANT_NO_MORE = new RegExp(
  `\\b((el|ella) no (desea|quiere) recibir (mas|ningun|ninguna)|(il|elle) ne (souhaite|veut|desire) plus recevoir|(er|sie) (mochte|will|wunscht) keine [a-z]+( [a-z]+)? mehr (erhalten|bekommen)|non (desidera|vuole) (piu ricevere|ricevere (altre|altri|ulteriori|piu))|(ele|ela) (pediu|pede|quer|deseja) (para )?nao receber mais|(hij|zij|ze) wil geen [a-z]+( [a-z]+)? meer (ontvangen|krijgen))\\b`.concat(
    NOT_NEEDED_OR_ANOTHER_CHANNEL,
  ),
);

/** A removal of an address or a person asked in the Portuguese subjunctive (not "peço que removam o anexo"). */
const PT_REMOVAL_REQUEST =
  /\b(peco|pedimos|solicito|solicitamos) que (removam|retirem|apaguem|excluam|tirem|deletem)\b(?=[^.!?\n]{0,30}\b(endereco|e ?mail|emails|numero|contato|cadastro|dados|lista|dele|dela|me|nos)\b)/;

/** The address belongs to a household member, and the writer asks for them to be taken off. */
const HOUSEHOLD_ADDRESS_TAKE_OFF =
  /\b(my|our) (wifes|husbands|mums|moms|mothers|fathers|dads|sons|daughters|partners) (email|e ?mail|email address|address|number|phone|inbox|account)\b[^\n]{0,100}\b(take (her|him|them) off|remove (her|him|them|it))\b/;

/** Had IT block the sender ("forwarded this to IT to block your domain"). */
const IT_TO_BLOCK =
  /\b(forwarded|sent|passed|reported|escalated) (this|it|your (email|emails|message|messages)) to (it|security|our it( team)?|our security( team)?|the it team) to (block|blacklist|blocklist|filter out) (you|your|this|the)\b/;

/** "Stop for now" (es, pt, it, fr, de, nl): a pause, not an opt-out. */
const STOP_FOR_NOW =
  /\b((paren|pare|parad|detengan|paremos) (por ahora|por el momento|de momento)|(parem|pare|paremos|parar) por (enquanto|agora|ora)|(fermatevi|fermiamoci|fermate|sospendete|sospendiamo) (per ora|per il momento|per adesso)|(arretez|arretons|suspendez|mettez (ca|cela|tout ca)? ?en pause) (pour l instant|pour le moment|jusqu)|(pausieren|stoppen|pausiert|stoppt) sie (das|es|dies)? ?(bis|vorerst|erstmal|vorlaufig)|(bitte )?pausieren (bis|vorerst|erstmal)|(zet|leg) (het|dit|dat) (even |maar |maar even |nog even )?(stop|stil|on hold|in de wacht) (tot|voorlopig|even))/;

/** After the merger (es, pt, it, fr, de, nl). */
const AFTER_THE_MERGER =
  /\b(despues de la (fusion|adquisicion)|depois da (fusao|aquisicao)|dopo la (fusione|acquisizione)|apres la (fusion|acquisition)|nach der (fusion|ubernahme)|(tot )?na de (fusie|overname))\b/;

/** Dutch: "not this year (any more)" and a named quarter. */
const DUTCH_NOT_THIS_YEAR =
  /\bdit jaar (niet|niet meer|geen)\b|\b(in|na) het (eerste|tweede|derde|vierde) kwartaal\b/;

/** A receipt under a ticket or case number (es, pt, it, fr, de, nl). */
const LOGGED_UNDER_A_NUMBER =
  /\b(hemos recibido su (mensaje|solicitud|consulta)|recebemos (sua|a sua) (mensagem|solicitacao)|abbiamo ricevuto la (sua|tua|vostra) (richiesta|email|mail|segnalazione)|votre (demande|message) (n \d+ )?a (bien )?ete (enregistre|recu)|ihre anfrage wurde (unter|mit)|uw (melding|aanvraag|vraag) is geregistreerd)\b[^\n]{0,80}\b(ticket|incidencia|caso|protocolo|pratica|numero|nummer|ticketnummer|n \d+|\d{4,})/;

/** An assistant arranging a time for the person meant: a meeting, not a hand-off. */
const ASSISTANT_BOOKS_A_TIME =
  /\b(i am|im|this is) [a-z]+s (assistant|pa|ea|executive assistant)\b(?=[^\n]{0,60}\b(find|book|set up|schedule|arrange) (a )?(time|slot|call|meeting|demo)\b)/;

export const PROBE31_GUARDS: Signal[] = [
  s('meeting_request', 1, 'an assistant arranges a time', ASSISTANT_BOOKS_A_TIME, 'guard'),
];

export const PROBE31_SIGNALS: Signal[] = [
  s('unsubscribe', 4, 'no further follow-up (es/pt/it/fr/de/nl)', NO_FURTHER_FOLLOW_UP, 'temporal'),
  s('unsubscribe', 4, 'they do not wish to receive more', THEY_WANT_NO_MORE),
  s('unsubscribe', 4, 'asks removal (pt subjunctive)', PT_REMOVAL_REQUEST),
  s('unsubscribe', 4, 'take a household member off', HOUSEHOLD_ADDRESS_TAKE_OFF),
  s('unsubscribe', 4, 'has IT block the sender', IT_TO_BLOCK),
  s('not_now', 3, 'stop for now (es/pt/it/fr/de/nl)', STOP_FOR_NOW),
  s('not_now', 3, 'after the merger (es/pt/it/fr/de/nl)', AFTER_THE_MERGER),
  s('not_now', 3, 'not this year (nl)', DUTCH_NOT_THIS_YEAR),
  s(
    'not_interested',
    3,
    'covered already',
    /\b(we are|were|we re) (already )?(covered|sorted) (on|for) (this|that|the [a-z]+) (front|side)\b|\b(we are|were) (already )?covered there\b/,
  ),
  s('neutral', 5, 'logged under a number (es/pt/it/fr/de/nl)', LOGGED_UNDER_A_NUMBER),
];

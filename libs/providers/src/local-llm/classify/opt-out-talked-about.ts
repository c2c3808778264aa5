import { asksAQuestion } from './opt-out-asked-about';
import { SERVED_PEOPLE } from './served-people';

/**
 * An opt-out word that a prospect of the outreach tool talks about rather than asks for (probe 59, see
 * opt-out-scope): a colleague or a contact who opted out ("Ma collègue Claire s'est désinscrite …", "Minha colega
 * Ana se descadastrou …"), the contacts who opt out in a relative clause ("Kontakte, die sich per E-Mail abmelden",
 * "contatos que pediram descadastro"), someone who would be opted out ("Ele é descadastrado de todos os canais?"),
 * the opt-out as a feature ("das automatische Abmelden", "Le lien de désinscription peut-il …?") or as what a pause
 * replaces ("une pause plutôt qu'une désinscription totale"), and what a phrase is counted as ("… como descadastro
 * ou só a palavra SAIR?", "… of alleen het woord STOP?"), and a condition about someone else ("if a lead asks to be
 * deleted (right to erasure), does Reachline delete them …?"). Normalised text.
 */

/**
 * Someone else by role, then up to seven words (a name, "herr bauer", a reflexive, an auxiliary, a time) in the same
 * clause up to the phrase.
 */
const SOMEONE_ELSE_BEFORE =
  /\b(colleague|coworker|co worker|boss|manager|customer|client|contact|collegue|associe|associee|patron|companer[oa]|colega|jefe|jefa|cliente|contacto|kollegin|kollege|chef|chefin|kunde|kundin|kontakt|collega|capo|contatto|baas|klant|contactpersoon|chefe|contato)(?<between>( [a-z]+){0,7})\s*$/;
/** Nothing of the writer between the person and the phrase ("my colleague and I unsubscribed"). */
const WRITER_IN_BETWEEN =
  /\b(i|me|we|us|ich|mich|wir|uns|je|moi|nous|yo|nosotros|io|noi|ik|mij|wij|eu|nos)\b/;
/** The phrase as something done: a past form or a participle, in the seven languages. */
const DONE_PHRASE =
  /^(unsubscribed|opted out|desinscrit\w*|desabonne\w*|desinscri(vit|virent)|descadastr(ou|aram|ado|ada|ados|adas)|dio de baja|dieron de baja|disiscritt[oaie]|disiscris(se|sero)|abgemeldet|ausgetragen|afgemeld|uitgeschreven)\b/;
/** Those who opt out named in a relative clause ("Kontakte, die sich …", "contatos que …", "i contatti che …"). */
const WHO_OPT_OUT_BEFORE = new RegExp(
  `\\b${SERVED_PEOPLE},? (die|welche|who|that|which|qui|que|che|wie)( [a-z]+){0,4}\\s*$`,
);

/** A third person made the subject of a passive opt-out ("ele é descadastrado", "wird er ausgetragen"). */
const THIRD_PERSON_PASSIVE =
  /\b((ele|ela|eles|elas) (e|sao|fica|ficam)|(il|elle|ils|elles) (est|sont)|(el|ella|ellos|ellas) (es|son|queda|quedan)|(lui|lei|loro) (e|viene|vengono|sono)|(he|she|they) (is|are|gets|get)|(hij|zij|ze) (wordt|worden|is)|(wird|werden) (er|sie))( (dann|alors|automaticamente|automatically|automatisch|entonces|allora|dan|also|aussi|tambem|anche|ook|auch|immediately|sofort|direct|subito))*\s*$/;
const PASSIVE_PHRASE =
  /^(unsubscribed|opted out|removed|desinscrit\w*|desabonne\w*|descadastrad[oa]s?|dado de baja|dada de baja|disiscritt[oaie]|abgemeldet|ausgetragen|afgemeld|uitgeschreven)\b/;

/**
 * The opt-out as an automatic or manual feature, with its article ("das automatische Abmelden", "la désinscription
 * automatique"); not one asked for the writer ("a manual unsubscribe for me").
 */
const AS_A_FEATURE_BEFORE =
  /\b(the|das|die|der|den|la|le|l|el|il|lo|o|het|de)( [a-z]+)? (automatic|automated|manual|automatische[ns]?|manuelle[ns]?|automatique|manuelle|automatic[oa]|automatizad[oa]|manuale|automatisch|handmatige?)\s*$/;
/** What follows the opt-out noun when it is a feature or a setting ("opt-out management", "opt out verwaltung"). */
const FEATURE_AFTER =
  /^ ?(automatique|automatica|automatico|automatisch|automatic|automated|automatizad[oa]|manuelle|manual|manuale|management|handling|settings?|tracking|features?|functionality|logic|rules?|rate|rates|line|lines|wording|footer|footers|copy|notice|instructions?|templates?|keywords?|process|policy|flow|mechanism|compliance|verwaltung|funktion|einstellungen?|logik|beheer|instellingen?|gestion|gestione|gestao|funcion\w*|funzion\w*|fonction\w*)\b/;
const OPT_OUT_NOUN_PHRASE =
  /^(opt ?outs?|unsubscribes?|abmelden|abmeldung|austragen|desinscription|desabonnement|baja|bajas|descadastro|disiscrizione|afmelden|afmelding)$/;

/** A link or button of the opt-out, as the subject of a question ("Le lien de désinscription peut-il …?"). */
const LINK_OF =
  /\b(the|le|el|il|o|der|den|de|het|this|ce|este|questo|dieser|deze)( [a-z]+)? (link|lien|enlace|collegamento|botao|bouton|boton|knop|knopf|pulsante|button|linkje)( (de|di|da|du|des|do|del|d|voor|zum|zur|for|to|per|para|pour|om))?\s*$/;
/** Asking where the link is asks for it: not a link talked about. */
const WHERE = /\b(where|wheres|ou|donde|wo|dove|onde|waar)\b/;

/** The opt-out as what something else replaces ("une pause plutôt qu'une désinscription", "instead of a full unsubscribe"). */
const INSTEAD_OF_BEFORE =
  /\b(plutot qu|plutot que|au lieu d|au lieu de|instead of|rather than|statt|anstatt|anstelle|invece d|invece di|piuttosto che|en vez de|en lugar de|em vez de|ao inves de|in plaats van|i p v)( (a|an|une?|una|uno|um|uma|een|eine?|einer|la|le|el|il|the|de|het|die|der|o))?( (full|total|complete|totale|komplette[nr]?|volledige|completa|completo|vollstandige[nr]?))?\s*$/;

/** What a phrase is counted as, in a question ("… riconosce X come disiscrizione …?", "… als afmelding, of …?"). */
const COUNTED_AS_BEFORE = /\b(as|als|comme|como|come)( (an?|une?|una|uno|um|uma|een|eine?))?\s*$/;
/** "¿Cómo me doy de baja …?", "Come mi disiscrivo …?": the same word asking how, at the clause's start. */
const HOW_ASKED =
  /^\W*((and|y|e|et|und|en|so|also|pues|alors|allora|dus) )?(como|come|comme|as|als)( (an?|une?|una|uno|um|uma|een|eine?))?\s*$/;
/** A verb with its pronoun ("me doy de baja", "mi disiscrivo"), not an opt-out named as a noun. */
const REFLEXIVE_VERB = /^(me|mi|nos|ci|te|ti|se|si|mich|uns|m|je)\b/;

/**
 * The writer's own message as what is counted ("Can you treat this as an unsubscribe?", "Kunt u dit als afmelding
 * beschouwen?", "considérer ce message comme une désinscription"): a request after all.
 */
const THIS_MESSAGE_COUNTED =
  /\b(this|that|dit|dat|ce|cela|ceci|este|esto|esta|questo|questa|isso|isto|dies|das|diese|my|mijn|mon|ma|mi|mio|mia|meu|minha|mein|meine)( (message|mail|email|reply|answer|text|sms|bericht|antwort|nachricht|reponse|mensaje|respuesta|messaggio|risposta|mensagem|resposta))? (as|als|comme|como|come)( (an?|une?|una|uno|um|uma|een|eine?))?\s*$/;

/** The keyword named as a word ("… ou seulement le mot STOP ?", "… of alleen het woord STOP?", "the keyword stop"). */
const NAMED_AS_A_WORD =
  /\b(word|keyword|woord|trefwoord|wort|schlusselwort|stichwort|parola|parola chiave|palabra|palabra clave|mot|mot cle|palavra|palavra chave)\s*$/;

/**
 * A condition about someone else earlier in the clause ("if a lead asks to be deleted (right to erasure), does
 * Reachline delete them …?", "si un client se désinscrit, …", "wenn ein Kunde sich abmeldet, …"): what happens to
 * other people, asked about.
 */
const CONDITION_ON_SOMEONE_ELSE =
  /\b(if|when|once|whenever|si|se|wenn|falls|sobald|als|zodra|quand|lorsque|cuando|quando)( (a|an|the|one of (our|the|my|your)|any|some|un|une|uno|una|um|uma|ein|eine|einer|een|ons|onze|nos|nuestro|nuestra|il|la|le|el|o|der|die|de|het))?( [a-z]+)? (lead|contact|customer|client|patient|user|subscriber|member|recipient|prospect|someone|somebody|anyone|person|leads|contacts|customers|clients|patients|users|subscribers|members|recipients|prospects|people|cliente|clientes|contacto|contato|contatto|kunde|kunden|kontakt|klant|klanten|contactpersoon|utente|utilisateur|usuario|paciente|abonne|abonnee|iemand|jemand|quelqu un|alguien|alguem|qualcuno)\b/;

/** Asked for the writer, right after the phrase ("… for me", "… for my number", "… pour moi"). */
const FOR_THE_WRITER_AFTER =
  /^[^.!?,;:\n]{0,25}\b(for|fur|pour|para|per|voor|of|de|di|van) (me|us|mich|uns|moi|nous|mi|mij|ons|my|meine?[nrs]?|ma|mon|mes|mis|mio|mia|miei|mijn|meu|minha)\b/;
/** The writer as what is removed ("… can you remove me from your list?"): their own request after all. */
const WRITER_AS_OBJECT = /\b(me|us|mich|uns|moi|nous|mi|nos|mij|ons)\b/;

/**
 * Why the opt-out phrase at `index` (of `length` characters) in the normalised `text` is talked about rather than
 * asked for, or null. `before` is the clause from `clauseStart` up to the phrase, `phrase` the phrase, `after` the
 * rest of the clause.
 */
export function talkedAboutNotAsked(
  text: string,
  index: number,
  length: number,
  before: string,
  phrase: string,
  after: string,
  clauseStart: number,
): string | null {
  const person = SOMEONE_ELSE_BEFORE.exec(before);
  if (person && DONE_PHRASE.test(phrase) && !WRITER_IN_BETWEEN.test(person.groups?.between ?? ''))
    return 'somebody else opted out';
  if (WHO_OPT_OUT_BEFORE.test(before)) return 'the contacts who opt out';
  if (THIRD_PERSON_PASSIVE.test(before) && PASSIVE_PHRASE.test(phrase))
    return 'somebody else would be opted out';
  const forTheWriter = FOR_THE_WRITER_AFTER.test(after);
  if (AS_A_FEATURE_BEFORE.test(before) && !forTheWriter) return 'the opt-out as a feature';
  if (OPT_OUT_NOUN_PHRASE.test(phrase.trim()) && FEATURE_AFTER.test(after) && !forTheWriter)
    return 'the opt-out as a feature';
  if (NAMED_AS_A_WORD.test(before)) return 'the keyword named as a word';
  const asked = asksAQuestion(text, clauseStart, index + length);
  if (asked && LINK_OF.test(before) && !WHERE.test(before)) return 'the opt-out link asked about';
  if (asked && INSTEAD_OF_BEFORE.test(before)) return 'what a pause replaces';
  if (
    asked &&
    COUNTED_AS_BEFORE.test(before) &&
    !THIS_MESSAGE_COUNTED.test(before) &&
    !HOW_ASKED.test(before) &&
    !REFLEXIVE_VERB.test(phrase)
  )
    return 'what a reply is counted as';
  if (asked && CONDITION_ON_SOMEONE_ELSE.test(before) && !WRITER_AS_OBJECT.test(phrase))
    return 'a condition about someone else, asked about';
  return null;
}

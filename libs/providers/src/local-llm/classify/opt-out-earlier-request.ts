import { DENIED_ASKING_WORDS } from './signals/denied-asking';

/**
 * The writer's own earlier or given-up opt-out (see opt-out-scope): one they deny asking for, one conceded and
 * turned from ("I know I said remove me, but our situation changed"), or an intention given up ("I wanted to
 * unsubscribe, but …"). Normalised text.
 */

/**
 * An earlier opt-out conceded before the phrase ("I know I said remove me last month, but …", "I know our former
 * director told you to stop contacting us. He has retired"), in the seven languages: what was asked then, which the
 * writer turns from (see RECALL_TURN), unless they complain the messages went on (see STILL_SENT).
 */
export const CONCEDED_EARLIER =
  /\b((i|we) (know|realise|realize|understand|am aware|are aware|appreciate)|granted|admittedly|(i|we) admit)( that)?( [a-z]+){1,4} (said|told you|asked you|asked|wrote|replied|requested|wanted)( (you|me|us))?( to| that)?( (be|you|please))?\s*$|\b(ich weiss|wir wissen|ich weiss schon|zugegeben)( dass| ,)?( [a-z]+){1,4} (gesagt|geschrieben|gebeten|verlangt)( habe| hatte| hat| haben)?( (sie|euch))?( sollen| zu)?\s*$|\b(se|sabemos|ya se) que( [a-z]+){1,4} (dije|dijo|pedi|pidio|escribi|escribio|dijimos|pedimos)( que)?\s*$|\b(je sais|nous savons|on sait|certes)( bien)? qu?( [a-z]+){1,4} (dit|demande|ecrit)( de| qu)?\s*$|\b(so|sappiamo|lo so)( bene)? che( [a-z]+){1,4} (detto|chiesto|scritto)( di)?\s*$|\b(sei|sabemos|eu sei)( bem)? que( [a-z]+){1,4} (disse|pedi|pediu|escrevi|escreveu|dissemos|pedimos)( para| que)?\s*$|\b(ik weet|we weten|wij weten)( wel)? dat( [a-z]+){1,4} (zei|vroeg|schreef|heb gezegd|heb gevraagd|heeft gezegd|heeft gevraagd)( om)?\s*$/;
/** The concession alone, when the phrase itself reports the earlier request ("I know [I said remove me]"). */
export const CONCEDED =
  /\b((i|we) (know|realise|realize|understand|am aware|are aware|admit)|granted|admittedly)( that)?( (i|we))?\s*$/;
export const REPORTS_EARLIER = /^((i|we) )?(have |had )?(already )?(said|asked|told|requested|wrote)\b/;
/**
 * What has changed since a conceded opt-out: the situation, the mind, the person in the role ("… but our situation
 * changed", "He has retired and I run the practice now", "se ha jubilado", "ich habe es mir anders überlegt"). A bare
 * "but" is not enough: "I know I said stop, but I mean it now" still asks for it.
 */
export const RECALL_TURN =
  /^[^\n]{0,200}?\b(changed|change of heart|changed (my|our) minds?|retired|has left|have left|new (in|to) (the|this) (role|job|position)|taken over|took over|since then|things are different|geandert|anders uberlegt|umentschieden|im ruhestand|in rente|cambiado|cambio de opinion|jubilado|jubilo|change d avis|a change|ont change|retraite|cambiato idea|e cambiato|sono cambiate|in pensione|mudou|mudaram|mudei de ideia|aposentou|aposentado|veranderd|van gedachten veranderd|met pensioen)\b/;
/** The messages went on regardless ("… but you still keep emailing"): a complaint, the opt-out stands. */
export const STILL_SENT =
  /\b(still|keep|keeps|kept|continue|continued|again|yet)\b[^.!?\n]{0,20}\b(get|getting|receive|receiving|email|emailing|send|sending|contact|contacting|text|texting|call|calling|message|messaging|writing)\b|\b(immer noch|weiterhin|trotzdem|sigo|seguimos|todavia|siguen|encore|toujours|continuez|ancora|continuate|continuo|ainda|continuam|nog steeds|blijven|blijft)\b/;
/**
 * The writer denying they asked for it ("I did NOT ask to be unsubscribed", "Non ho chiesto io la disiscrizione",
 * "Je n'ai jamais demandé à être désinscrit", "No pedí la baja", "Não pedi para sair", "Ik heb nooit gevraagd om
 * afgemeld te worden"): somebody else, or a click by mistake.
 */
export const DENIED_ASKING = new RegExp(`(${DENIED_ASKING_WORDS})\\s*$`);
/**
 * The same with the verb after the opt-out, as German and Dutch put it ("Ich habe nie um Abmeldung gebeten", "Ik heb
 * nooit om een afmelding gevraagd"): the denial before, the participle right after (probe 79).
 */
export const DENIED_BEFORE_NOUN =
  /\b(nie|niemals|nicht|nooit|niet)( selbst| zelf)? om( een| de)?\s*$|\b(nie|niemals|nicht)( selbst)? um( eine| die)?\s*$/;
export const ASKED_AFTER_NOUN =
  /^\s*(gebeten|beantragt|verlangt|angefordert|ersucht|gevraagd|verzocht|aangevraagd)\b/;
/** What the writer never asked for is the contact itself ("I never asked to be on your list"): a complaint. */
export const CONTACT_NOT_ASKED_FOR =
  /^(to )?(be )?(on|in|added|put|signed|subscribed|contacted|called|emailed|texted|messaged|these|this|your|any)\b/;

/**
 * A past intention the writer then turns from ("I wanted to unsubscribe but …", "I was going to ask you to remove me,
 * then …"); without the "but" it is a request.
 */
export const PAST_INTENT = new RegExp(
  [
    '\\b(i|we) (wanted|was going|were going|meant|intended|planned|was planning|were planning|had planned|was tempted|were tempted) to( (ask|tell|request)( (you|u))?( to)?)?\\s*$',
    '\\b(i|we) (was|were) ((just )?about|close|this close|so close|one click away|a click away|seconds away|one step away)( from| to)?\\s*$',
    '\\b(j allais|je voulais|j ai failli|nous allions|on allait|nous voulions|je comptais)( (me|nous|vous|m))?\\s*$',
    '\\b(ich wollte|wir wollten|ich war kurz davor|wir waren kurz davor)( (mich|uns))?( (schon|eigentlich|gerade))*\\s*$',
    '\\b(iba a|ibamos a|queria|estuve a punto de|estaba a punto de|estaba por)( (darme|darnos|me|nos))?\\s*$',
    '\\b(stavo per|volevo|stavamo per|ero sul punto di|ho quasi)( (mi|ci))?\\s*$',
    '\\b(eu ia|a gente ia|ia|queria|estava quase|estava prestes a)( (me|nos))?\\s*$',
    '\\b(ik wilde|ik ging|ik stond op het punt|we wilden|we stonden op het punt)( (me|mij|ons))?( (al|net))?\\s*$',
  ].join('|'),
);
export const TURNED_FROM =
  /^[^.!?\n]{0,80}\b(but|however|then|until|mais|puis|aber|dann|doch|pero|luego|ma|poi|mas|depois|maar|toen)\b|^[^\n]{0,80}?[.!]\s*(but|however|then|mais|aber|pero|ma|mas|maar)\b/;

/**
 * The writer's own earlier request reported right before the phrase, in a past tense ("I asked your team to", "je
 * vous avais demandé de me", "ik had in het voorjaar gevraagd om", "le avevo chiesto di", "eu tinha pedido para"):
 * an opt-out told as a story, which stands unless the writer now wants the messages (NOW_WANTS_IT, probe 80).
 */
export const EARLIER_OWN_REQUEST = new RegExp(
  [
    '\\b(i|we) (had |did )?(asked|told|requested|emailed|wrote to)( (you|u|you guys|your [a-z]+( [a-z]+)?))?( (back )?(in|last|this|earlier|a few|some|months|weeks|a while) [a-z]+( ago)?)? (to|that)( (please|you|be))?\\s*$',
    '\\b(je|nous|on) (vous |t )?(avais|avions|ai|avons|avait|a) ((deja|bien) )?(demande|dit|ecrit)( [a-z]+){0,3} (de|d|qu)( (me|nous|m))?\\s*$',
    '\\b(ik|we|wij) (had|hadden|heb|hebben)( [a-z]+){0,4} (gevraagd|gezegd)( om)?\\s*$',
    '\\b(le |vi |ti )?(avevo|avevamo|ho|abbiamo)( [a-z]+){0,3} (chiesto|detto|scritto) di\\s*$',
    '\\b(eu )?(tinha|tinhamos|havia|haviamos) (pedido|dito)( [a-z]+){0,3} (para|pra|que)( me| nos)?\\s*$',
    '\\b(ich|wir) (hatte|hatten|habe|haben) (sie|euch|dich)( [a-z]+){0,3} (gebeten|aufgefordert)\\s*,?\\s*$',
  ].join('|'),
);

/**
 * What the writer wants now, after telling of their earlier opt-out ("now I'd actually like to hear more",
 * "maintenant ça m'intéresse", "nu heb ik wel interesse", "ahora sí me interesa", "ora mi interessa", "agora tenho
 * interesse", "jetzt interessiert es mich"): the request is over. Without it ("I asked you to remove me and since then
 * got five more") the report is a complaint and stands.
 */
export const NOW_WANTS_IT =
  /\b(now|but now|maintenant|desormais|nu|jetzt|nun|ahora|ora|adesso|agora)\b([^.!?\n]{0,40}\b(interested|interest|interesse|interessiert|interesa|interessa|aktuell|keen)\b(?! ((in|to|zu|a|de|di|em|te) )?(know|hear|understand|learn|wissen|erfahren|savoir|saber|sapere|weten)? ?(why|how|what|pourquoi|comment|warum|wieso|por que|porque|perche|waarom|hoe))|( [a-z]+){0,4} (like|want|love|keen) to (hear more|learn more|see (a|the|it|how|more)|try|talk|get started|give it a)\b)/;

/**
 * The earlier request told before the phrase, or opening it ("je vous avais [demandé de me désinscrire]"): tried on
 * the text before the phrase and on it with each of the phrase's first words.
 */
export function earlierOwnRequest(before: string, phrase: string): boolean {
  if (EARLIER_OWN_REQUEST.test(before) || REPORTS_EARLIER.test(phrase)) return true;
  for (let at = phrase.indexOf(' ', 1); at > 0 && at < 40; at = phrase.indexOf(' ', at + 1)) {
    if (EARLIER_OWN_REQUEST.test(`${before}${phrase.slice(0, at + 1)}`)) return true;
  }
  return false;
}

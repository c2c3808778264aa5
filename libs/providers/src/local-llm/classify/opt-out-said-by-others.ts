import { SERVED_PEOPLE } from './served-people';

/**
 * An opt-out phrase in somebody else's words or doing (see opt-out-scope): somebody at the writer's side reporting
 * what the writer should do ("my boss told me to unsubscribe"), people reporting or doing it ("customers report that
 * replying STOP …", "when they hit unsubscribe"), or those who did it ("a report of who opted out"). Normalised text.
 */

/** A verb of saying or deciding and what the writer should do, up to the phrase ("… told me to", "… has asked us to"). */
const SAID_TO_THE_WRITER =
  '(has |have |had |just |all )?(voted|decided|agreed|told|tells|asked|asks|wants|wanted|said|says|advised|advises|suggested|suggests|requires|required|instructed|insisted|ordered|mandated|recommended|keeps telling|keep telling)( (me|us|everyone|everybody|all of us|all staff|the whole team|people))?( (to|that (i|we|everyone)( should| must)?))?( (just|please|all))?\\s*$';

/**
 * Somebody at the writer's side reporting what the writer should do, right before the phrase ("my boss told me to",
 * "the team voted to", "IT asked all of us to", "mi jefe me pidió que", "o TI pediu para", "mon patron m'a demandé de",
 * "meine Kollegin meinte, ich soll", "il mio capo mi ha detto di", "mijn baas zei dat"), in the seven languages.
 */
export const THIRD_PARTY_SAID = new RegExp(
  [
    `\\b((the|our|my) ([a-z]+ )?)?(it|legal|compliance|procurement|security|finance|hr|management|leadership|the board|board|team|office|company|family|kids|son|daughter|wife|husband|partner|boss|manager|supervisor|colleague|colleagues|coworker|coworkers|ceo|cfo|cto|coo|director|assistant|policy|lawyer|department)( team| department| dept)? ${SAID_TO_THE_WRITER}`,
    '\\b(un|una|mi|el|la|nuestro|nuestra) (companero|companera|colega|hijo|hija|jefe|jefa|marido|mujer|esposa|director|directora|equipo|empresa|abogado)( de [a-z]+)? (me|nos) (dijo|ha dicho|pidio|ha pedido|pide|dice|aconsejo|recomendo)( que)?\\b[^.!?;\\n]{0,40}$',
    '\\b(o ti|a ti|o juridico|o rh|a diretoria|a direcao|(meu|minha|nosso|nossa) (colega|filho|filha|chefe|gerente|diretor|diretora|equipe|esposa|marido|empresa|advogado))( (me|nos))? (pediu|mandou|disse|falou|exigiu|recomendou) (para|que|pra)( (todo mundo|todos|eu|nos|a gente))?\\b[^.!?;\\n]{0,20}$',
    '\\b(mon|ma|notre) (collegue|associe|associee|fils|fille|responsable|service [a-z]+|direction|patron|patronne|chef|manager|directeur|directrice|equipe|femme|mari|entreprise|societe|avocat)( [a-z]+)? (m|nous) (a|avait) (dit|demande|conseille|recommande)( (de|que))?\\b[^.!?;\\n]{0,40}$',
    '\\b(mein|meine|unser|unsere|die|der|das)( [a-z]+)? (kollegin|kollege|kollegen|sohn|tochter|it|rechtsabteilung|geschaftsfuhrung|compliance|chef|chefin|vorgesetzter|vorgesetzte|frau|mann|team|firma|anwalt)( [a-z]+)? (meinte|meint|sagt|sagte|hat|hatte|will|wollte|riet|bat)\\b[^.!?;\\n]{0,50}$',
    '\\b(l ufficio [a-z]+|l it|il legale|la direzione|il team|(il |la )?(mio|mia|nostro|nostra) (collega|figlio|figlia|moglie|marito|capo|responsabile|direttore|direttrice|team|azienda|avvocato)) (mi|ci) (ha|hanno) (detto|chiesto|consigliato|imposto) (di|che)\\b[^.!?;\\n]{0,20}$',
    '\\b(it|juridische zaken|legal|de directie|(mijn|onze) (collega|zoon|dochter|baas|manager|chef|directeur|team|vrouw|man|bedrijf|advocaat))( heeft)? (gevraagd|gezegd|vroeg|zei|wil|wilde)( (dat|om))?( (iedereen|we|ik))?\\b[^.!?;\\n]{0,30}$',
  ].join('|'),
);
/** The same said by somebody unnamed ("she has asked me to", "they told us to"). */
export const SOMEONE_SAID = new RegExp(
  `\\b(he|she|they|someone|somebody|everyone|people) ${SAID_TO_THE_WRITER}`,
);

/**
 * Someone else's words or doing, right before the phrase: a report ("Customer reports that replying STOP did not end
 * the reminders"), the people it is about ("remove people who report your emails as spam") or the people doing it
 * ("when they hit unsubscribe …", "how do people usually get off your list"); a report in the other languages ("Un
 * cliente nuestro dice que sigue recibiendo mensajes después de darse de baja", "Un nostro cliente dice che…", "Ein
 * Kunde sagt, dass…", "Une cliente nous dit que…", "Een klant meldt dat…", "Um cliente diz que…": probe 77).
 */
export const OTHERS_REPORT_OR_ACTION =
  /\b(clientes?|clienti|client|clients|clientes|kunden?|kundin|kundinnen|klanten?|pacientes?|pazienti|paziente|patienten?|patients?|contactos?|contatti|contatto|contatos?|usuarios?|utenti|utilisateurs?|gebruikers?|nutzer)( (nuestros?|nuestras?|nostr[oi]|nostra|nostre|nossos?|nossas?|de nosotros|von uns|van ons|de chez nous))? ((nos |ci |uns |ons |me |mi |mir )?(dice|dicen|reporta|reportan|comenta|comentan|se queja|se quejan|escribe|escriben|dit|disent|signale|signalent|se plaint|se plaignent|ecrit|ecrivent|sagt|sagen|meldet|melden|schreibt|schreiben|beschwert sich|beschweren sich|zegt|zeggen|meldt|melden|klaagt|klagen|schrijft|schrijven|diz|dizem|relata|relatam|reclama|reclamam|escreve|escrevem|segnala|segnalano|scrive|scrivono|lamenta|lamentano|dicono))( (que|che|dass|of|dat))?\b[^.!?\n]{0,60}$|\b(customers?|clients?|users?|callers?|patients?|leads?|contacts?|subscribers?|recipients?|members?|people|someone|somebody|anyone|those) ((reports?|reported|says|said|complains?|complained|claims?|claimed|wrote|writes|mentioned|mentions)( that)?\b[^.!?\n]{0,60}|(who|that) ([a-z]+ ){0,3})$|\b(customers?|clients?|users?|patients?|leads?|contacts?|subscribers?|recipients?|people|they|he|she)( (usually|normally|typically|generally|actually|then|just))?( (click|clicks|hit|hits|press|presses|tap|taps|reply|replies|text|texts|type|types|send|sends|say|says)( on)?)?\s*$/;
/**
 * People made, let or asked to do it, right before the phrase ("our current provider makes people sign in to opt out",
 * "it forces customers to log in before they can unsubscribe", "we let members opt out by text"): how a process treats
 * them, not the writer's request (probe 79). Not who is asked or wanted to do it for the writer ("I want someone to remove
 * me", "let someone take me off").
 */
export const PEOPLE_MADE_TO = new RegExp(
  `\\b(makes?|made|making|lets?|letting|forces?|forced|forcing|requires?|required|requiring|allows?|allowed|allowing|expects?|expected) (people|everyone|everybody|recipients|contacts|leads|prospects|readers|${SERVED_PEOPLE.slice(1, -1)})( [a-z]+){0,4}?( (to|before (they|he|she) (can|could)))?\\s*$`,
);
/**
 * A third person who may do it themselves ("Jen can unsubscribe herself if she wants", "he can opt out himself"):
 * the pronoun before or the reflexive after (probe 79).
 */
export const THIRD_PERSON_MAY_BEFORE =
  /\b(she|he|they)( (can|could|may|might|will|should|is able to|are able to|is free to|are free to))( (just|easily|always|still))?\s*$/;
export const THIRD_PERSON_SELF_AFTER = /^\s*(herself|himself|themselves)\b/;
/** Those who did it ("a report of who opted out"), with the phrase in the past (not "the one person who never wants …"). */
export const WHO_DID_IT = /\b(who|whoever|those who|anyone who)( (has|have|had|already|ever|recently))*\s*$/;
export const DONE = /^(opted|unsubscribed|removed|asked|stopped|cancell?ed|replied|texted|clicked|hit)\b/;
/**
 * The people it is about as the subject right before the phrase ("damit abgemeldete Kontakte nicht mehr angeschrieben
 * werden", "dass Kunden nicht mehr …"): a list of them, not the writer.
 */
export const OTHER_PEOPLE_BEFORE = new RegExp(
  `\\b${SERVED_PEOPLE}( (abgemeldeten|abgemeldete|afgemelde|desinscritos|descadastrados|disiscritti))?\\s*$`,
);

import { THIRD_PARTY_SAID } from './opt-out-said-by-others';
import { sentenceAround } from './sentence-bounds';
import { SERVED_PEOPLE } from './served-people';

/**
 * Opt-out words that are not aimed at our messages (probe 48), read on the normalised text (lowercase, no accents,
 * "I'll" → "i will") in the seven languages of the classifier: a cancellation or a block the writer did to another
 * vendor ("désabonnés de l'autre outil", "me descadastrei de quase todas as newsletters, a de vocês eu mantenho"),
 * what the writer told another company ("we told their rep to stop calling us"), what the writer's own customers ask
 * ("nuestros pacientes nos piden poder darse de baja"), a third party's report that opens the phrase itself (the
 * report before it, "the team voted to unsubscribe from all the AI newsletters", is read first: see
 * opt-out-said-by-others), and a hypothetical of the writer's ("if it ever gets too much I'll opt out", "si un jour
 * ça devient trop, je me désinscrirai"). A phrase aimed at the writer ("remove me", "take us off") and a threat ("if
 * you text me again I'll block you") stay opt-outs.
 */

/** The writer (or their people) as the object right after the phrase: "remove me", "unsubscribe us", "take my number". */
const AIMED_AT_WRITER =
  /^\s*(me|us|myself|ourselves|my|our (team|company|office|address|number|email|details|staff)|moi|nous|mich|uns|mij|ons|mi|ci|nos|a mim|a nos)\b/;

/**
 * An old address named in the clause in the other languages, before or after the phrase ("het oude adres info@
 * afmelden", "dad de baja el correo de facturación antiguo", "désinscrivez l'ancienne adresse", "die alte Adresse
 * austragen", "il vecchio indirizzo", "o endereço antigo").
 */
export const OLD_ADDRESS_OTHER_LANGUAGES =
  /\b(het|de|mijn|ons|onze|l|mon|ma|notre|die|meine|unsere|den|il|mio|mia|nostro|o|a|meu|minha|nosso|el|la|mi|nuestro)( [a-z]+)? (oude|vorige|ancienne|ancien|alte|alten|vecchio|vecchia|vecchi|antigo|antiga|velho|velha|antiguo|antigua|viejo|vieja) (adres|e ?mailadres|nummer|adresse|e ?mail|mail|nummer|numero|indirizzo|endereco|correo|direccion)\b|\b(adresse|e ?mail|mail|numero|nummer|indirizzo|endereco|correo|direccion|direccion de correo)( [a-z0-9._@-]+){0,3} (antiguo|antigua|viejo|vieja|ancienne|ancien|vecchio|vecchia|antigo|antiga|velho|velha)\b/;

/** The writer or the reader named inside the phrase ("… if you removed me from your list", "stop calling us"). */
const WRITER_IN_PHRASE = /\b(me|us|my|our|myself|ourselves|you|u|your|moi|mich|uns|mij|ons)\b/;

/** Our own messages or lists named right after the phrase ("… from your list", "… de vos e-mails"). */
const FROM_US =
  /^[^.!?;\n]{0,30}\b(your|yours|you|this|these|vos|vous|votre|ihr|ihre|ihren|ihrem|ihrer|euch|eure|euren|vuestr[oa]s?|vosotros|sus|vostr[aoie]|voi|de voces|voces|seu|sua|seus|suas|jullie|uw|je)\b/;

/**
 * The other party the phrase is aimed at, named right after it: another, the last or the old vendor, a competitor,
 * or nearly all the other lists ("… from the other tool", "… de quase todas as newsletters", "… bei der Konkurrenz").
 */
const OTHER_PARTY_AFTER = new RegExp(
  [
    '^[^.!?;,\\n]{0,25}?\\b(from|with|at|de|des|du|d|chez|von|vom|bei|beim|mit|del|con|da|dal|dalla|dai|dalle|dallo|dell|do|dos|das|com|van|bij|met)( [a-z]+){0,2} (other|another|last|previous|former|old|autre|autres|ancien|ancienne|anciens|anderen|andere|alten|vorigen|bisherigen|otro|otra|otros|otras|anterior|antiguo|antigua|outro|outra|outros|outras|antigo|antiga|altro|altra|altri|altre|precedente|vecchio|vecchia|vorige|oude|competitors?|competitor s|concurrents?|concurrente|konkurrenz|konkurrenten|competencia|competidores?|concorrentes?|concorrenza)\\b',
    '^[^.!?;,\\n]{0,20}?\\b(almost|nearly|pretty much|most of|quase|casi|presque|fast|quasi|bijna)( de| di)? (all|every|todas|todos|toutes|tous|allen|alle|tutte|tutti|les|the)\\b',
  ].join('|'),
);

/**
 * A plural article right before a phrase that reads as a plural noun: the people who opted out, named ("… d'écrire aux
 * désinscrits", "the unsubscribed", "die Abgemeldeten"); not a pronoun before a verb ("y los denuncio por spam").
 */
const PLURAL_ARTICLE = /\b(aux|les|des|ces|los|las|esos|esas|the|those|die|den|gli|aos|os|as)\s*$/;
const PLURAL_NOUN = /(s|ed|ten|nen|ti|te)\s*$/;

/** The writer's own list or customers as the object ("we had to unsubscribe our whole list from …"). */
const OWN_LIST_AFTER =
  /^\s*(our|all our|all of our|nuestra|nuestros|notre|nos|unsere|onze|la nostra|i nostri|a nossa|os nossos)( (whole|entire|full|complete|own|toda|tota|gesamte|hele|intera|inteira))? (list|lists|mailing list|customer list|database|customers|clients|subscribers|patients|members|users|lista|liste|clientes|pacientes|kunden|klanten|clienti|contacts list)\b/;

/** "… also", "… too", "… as well": more of our lists, not another party's. */
const TOO = /\b(too|also|as well|aussi|egalement|auch|ebenfalls|tambien|tambem|anche|pure|ook)\b/;

/** The writer keeps our messages ("but I'm keeping yours", "a de vocês eu mantenho", "Ihren behalte ich"). */
const KEEPS_OURS = new RegExp(
  [
    '\\b(but|except|apart from|other than|not|save)( for)? (yours|you guys|this one|these ones|your ones)\\b',
    '\\b(keeping|keep|keeps|stay on|staying on) (yours|this one|your (emails|newsletter|messages|updates|list|texts))\\b',
    '\\b(yours|this one)( i| we)? (stays|stay|i keep|i will keep|is a keeper)\\b',
    '\\b(la|le) (votre|vostra|vostro|vuestra|vuestro) (je|la|lo|le|io|yo|me|mi|sigue|reste|rimane|resta)\\b',
    '\\b(a|o|as|os) de voces (eu )?(mantenho|fico|continua|sigo)\\b',
    '\\b(ihren|ihre|euren|eure) (behalte|lasse|will|mochte) ich\\b',
    '\\b(die|de) van jullie (houd|hou|blijf|wil) ik\\b',
    '\\b(la|el|lo) (vuestra|vuestro) (la|lo) (mantengo|sigo|guardo|dejo)\\b',
    '\\b(la|il) (vostra|vostro) (la|lo) (tengo|mantengo|lascio)\\b',
  ].join('|'),
);

/**
 * The writer told or asked another party (not the reader) to stop: "we told their rep to", "I asked the old vendor
 * to", "wir haben dem alten Anbieter gesagt, er soll", "le hemos dicho a nuestro proveedor que", "abbiamo detto al
 * vecchio fornitore di", "dissemos ao fornecedor para", "we hebben onze leverancier gevraagd om".
 */
const WRITER_TOLD_OTHERS = new RegExp(
  [
    '\\b((i|we) (have |had |just |already |finally )?|and (then )?)(told|asked|instructed|informed|emailed|wrote to|called) (their|the|that|those|our|my|his|her|them|him|every|all|a|another|the other) ((?!you|your)[a-z]+ ){0,4}(to|that)( (they|he|she|it) (should|must|need to|had to))?\\s*$',
    '\\b(wir haben|ich habe|haben wir|habe ich) (dem|der|den|unserem|unserer|unseren|ihrem|ihrer) ([a-z]+ ){0,3}(gesagt|mitgeteilt|geschrieben|erklart)\\b[^.!?;\\n]{0,40}$',
    // "… gekündigt und ihn gebeten, uns nichts mehr zu schicken": "ihn", "ihm" and "unseren alten …" are never the
    // reader (who is "Sie", "Ihnen").
    '\\b((ihn|ihm)|(unseren|unserem|unsere|unserer|den alten|dem alten|den bisherigen|dem bisherigen)( [a-z]+){0,3})( (auch|schon|bereits|ausdrucklich|mehrfach|deutlich))? (gebeten|aufgefordert|gesagt|mitgeteilt|angewiesen)\\b[^.!?;\\n]{0,40}$',
    '\\b(le|les) (hemos|he|habiamos|dijimos|pedimos|dije|pedi)( (dicho|pedido|escrito))? a (nuestro|nuestra|nuestros|el|la|los|su|sus|ese|esa) ([a-z]+ ){0,3}que\\b[^.!?;\\n]{0,30}$',
    '\\b(nous avons|on a|j ai)( (deja|enfin))? (dit|demande|ecrit) a (notre|nos|leur|leurs|l|la|le|ce|cet|cette) ([a-z]+ ){0,3}(de|d|qu)\\b[^.!?;\\n]{0,20}$',
    // "… et de leur demander d'arrêter tout envoi", "je lui ai dit de": "leur" and "lui" are never the reader (vous).
    '\\b(leur|lui) ((avons|ai|avions|avais|a|ont|avait) )?((deja|bien|clairement|aussi|alors|donc) )?(dit|demande|ecrit|signifie|dire|demander|ecrire|signifier) (de|d|qu)\\b[^.!?;\\n]{0,20}$',
    '\\b(abbiamo|ho)( gia)? (detto|chiesto|scritto) (al|alla|ai|allo|a) ([a-z]+ ){0,3}(di|che)\\b[^.!?;\\n]{0,20}$',
    // "gli abbiamo chiesto di non mandarci più niente": "gli" is never the reader ("Le" is, and "Le ho chiesto" stands).
    '\\bgli (abbiamo|ho|avevamo|avevo|hanno)( (gia|anche|espressamente|chiaramente))? (detto|chiesto|scritto|intimato) (di|che)\\b[^.!?;\\n]{0,20}$',
    '\\b(dissemos|pedimos|falamos|eu disse|eu pedi|disse|pedi) (ao|a|aos|as|para o|para a) ([a-z]+ ){0,3}(para|que)\\b[^.!?;\\n]{0,20}$',
    '\\b(we hebben|ik heb|hebben we|heb ik) (onze|ons|de|hun|die|het) ([a-z]+ ){0,3}(gezegd|gevraagd|laten weten|gemaild)\\b[^.!?;\\n]{0,30}$',
    '\\b(we hebben|ik heb|hebben we|heb ik) (ze|hen|hem)( (ook|al|nog|duidelijk))? (gezegd|gevraagd|laten weten|gemaild)\\b[^.!?;\\n]{0,30}$',
  ].join('|'),
);

/**
 * The writer's own customers, patients or members as the subject ("we help our clients unsubscribe from …",
 * "nuestros pacientes nos piden poder darse de baja", "unsere Kunden sollen sich abmelden können").
 */
const THEIR_PEOPLE = new RegExp(
  `\\b(our|my|nuestros|nuestras|mis|nos|mes|nossos|nossas|meus|minhas|unsere|meine|onze|mijn|i nostri|le nostre|i miei|le mie)( [a-z]+)? ${SERVED_PEOPLE}\\b[^.!?;\\n]{0,60}$`,
);

/**
 * A condition that makes the phrase hypothetical ("if it ever gets too much", "si un jour", "se mai", "falls es mir
 * zu viel wird", "als het ooit", "should I ever"), in the sentence before or after the phrase. "als" after "consider
 * this" is "as", not "if" ("Beschouw dit als mijn laatste antwoord: …").
 */
const CONDITION =
  /\b(if|should (i|we|it|they|this|that)|in case|si|se|wenn|falls|(?<!\b(beschouw|beschouwt|zie|ziet|behandel|neem|neemt|betrachten sie|betrachte|betrachtet|sehen sie|nehmen sie|werten sie)( (dit|dat|het|deze|das|dies|es|diese))? )als|indien|mocht|caso|au cas ou|nel caso|por si)\b/;
/** What makes a condition a threat about the messages going on ("if you text me again", "if this keeps up"). */
const THREAT =
  /\b(again|one more|once more|another (one|email|e ?mail|text|message|call)|keep|keeps|kept|keep on|continue|continues|still|anymore|any more|(you|u) (do not|dont|will not|wont|cannot) stop|wieder|nochmal|noch (einmal|eine|ein)|weiter\w*|encore|a nouveau|continu\w*|de nuevo|otra vez|otro (mensaje|correo)|segu\w*|sigue\w*|di nuovo|ancora|un altr[oa]|de novo|outra vez|mais uma|nog (een|eens)|opnieuw|weer|blijf\w*)\b/;
/** The writer's own later act right before the phrase ("I'll just", "je me", "mi", "ya os"), not a request to the reader. */
const WRITERS_LATER_ACT =
  /(\b(i|we)( will| would| shall| can| could| might| may)?( (just|simply|then|probably|happily|gladly|definitely|certainly|surely|ever|eventually|always|quickly|still))*( (have to|need to|go and))?|\b(je|nous|on)( (me|m|nous))?|\b(ya )?(me|nos|os)|\b(io )?(mi|ci)|\b(eu|nos) (me|peco|pedirei|vou)( (pra|para))?|\b(ik|we)( (me|mij|ons))?( (wel|gewoon|dan))?)\s*$/;

/** A condition of possibility or a "please": a polite request ("if possible, …", "si podéis, …", "wenn möglich"). */
const POLITE_CONDITION =
  /\b(please|pls|por favor|bitte|s il vous plait|merci de|per favore|alsjeblieft|aub|(if|si|se|wenn|falls|als|indien)( (it|es|c|het|that))?( (is|est|e|ist|s))? (possible|posible|possibile|possivel|moglich|mogelijk|kan|podeis|puede|puedes|pueden|potete|puo|puoi|pouvez|peux|konnen|konnten|puder|puderem|podem|you (can|could|would|do not|dont)|ok|okay|not too much))\b/;

/**
 * A phrase read by its parts over a whole clause may open with the report itself ("un compañero me dijo que si
 * respondo BAJA dejáis de escribir"): the report is looked for before each word of the phrase.
 */
function reportedInsidePhrase(phrase: string, before: string): boolean {
  for (let at = phrase.indexOf(' ', 1); at > 0 && at < 160; at = phrase.indexOf(' ', at + 1)) {
    const upTo = `${before}${phrase.slice(0, at + 1)}`;
    if (THIRD_PARTY_SAID.test(upTo) || WRITER_TOLD_OTHERS.test(upTo)) return true;
  }
  return false;
}

/**
 * Why the opt-out phrase at `index` (of `length` characters) is aimed at something other than our messages or is
 * only hypothetical, or null. `before` and `after` are the phrase's clause on either side.
 */
export function aimedElsewhere(
  text: string,
  index: number,
  length: number,
  before: string,
  after: string,
  whole: string,
): string | null {
  const atWriter = AIMED_AT_WRITER.test(after) || WRITER_IN_PHRASE.test(text.slice(index, index + length));
  if (reportedInsidePhrase(text.slice(index, index + length), before)) return 'a report opens the clause';
  if (WRITER_TOLD_OTHERS.test(before)) return 'the writer told another party';
  if (PLURAL_ARTICLE.test(before) && PLURAL_NOUN.test(text.slice(index, index + length)))
    return 'people who opted out, named';
  if (OWN_LIST_AFTER.test(after)) return 'the writer’s own list';
  if (!atWriter && THEIR_PEOPLE.test(before)) return 'the writer’s own customers';
  if (!atWriter && !FROM_US.test(after) && OTHER_PARTY_AFTER.test(after) && !TOO.test(after))
    return 'another vendor or list';
  if (!atWriter && KEEPS_OURS.test(whole)) return 'the writer keeps our messages';
  const [start, end] = sentenceAround(text, index, length);
  const sentenceBefore = text.slice(start, index);
  const sentence = text.slice(start, end);
  if (
    WRITERS_LATER_ACT.test(sentenceBefore) &&
    CONDITION.test(sentence) &&
    !THREAT.test(sentence) &&
    !POLITE_CONDITION.test(sentence) &&
    !atWriter
  )
    return 'a hypothetical of the writer’s';
  return null;
}

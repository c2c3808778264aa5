import { MONTHS, s, type Signal } from './signal';

/**
 * Email replies of probe42 (HTML bodies, quoted history without ">" marks). Most of that family is read once the
 * HTML is text and the history is cut (isolate-reply.ts, html-entities.ts); what remains is a reply that tells of a
 * colleague who left or is off the cc while the writer says they are the right contact themselves ("take Mark off
 * the cc, he left in October - I'm the right person: what does it cost?"): no wrong person, and the month of a
 * past move no later period.
 * Seven languages; patterns read the normalised text (lowercase, no accents, "I'm" → "i am").
 */

/**
 * "I'm the right person", "I am your new contact", "I'm your contact now", or the one who stays when a colleague
 * left: "I remain your contact", "I'm still reading these" (probe 80).
 */
const RIGHT_CONTACT_EN =
  /(?<!\b(sure|unsure|certain|wonder|wondering|if|whether|unless|doubt|know|think|believe|guess|suppose)( that)? )\bi am (now |actually |indeed |definitely |also |still )?((the|your) (right|correct|best|new|relevant|appropriate) (person|contact|one|point of contact|decision maker)|your (main |primary )?(contact|point of contact))\b|\bi (am still|remain|stay) (your|the) (main |primary )?(contact|point of contact|person)\b|\bi am still (reading|getting|receiving) (these|them|your (e ?mails|emails|messages))\b/;

/** "Ich bin der richtige Ansprechpartner", "ich bin jetzt zuständig", "ich bin hierfür zuständig". */
const RIGHT_CONTACT_DE =
  /\bich bin (jetzt |nun |hier |ab sofort |dafur |hierfur |auch )*((der|die) (richtige|zustandige|neue) (ansprechpartner|ansprechpartnerin|person|kontakt|kontaktperson)|zustandig)\b|\bich bleibe (ihre|ihr|eure|euer|der|die) (ansprechpartnerin|ansprechpartner|kontaktperson|kontakt)\b/;

/** "Je suis la bonne personne", "je suis votre nouvel interlocuteur", "c'est moi qui gère". */
const RIGHT_CONTACT_FR =
  /(?<!\bpas )\b(je suis (bien |maintenant |desormais )?(la bonne personne|le bon interlocuteur|la bonne interlocutrice|le bon contact|votre (nouvel |nouvelle )?(interlocuteur|interlocutrice|contact)|la personne en charge|le responsable|la responsable)|c est (bien )?moi qui (gere|m occupe)|je reste (votre|ton|le|la) (contact|interlocuteur|interlocutrice|referent|referente))\b/;

/** "Soy la persona adecuada", "yo soy el responsable", not "no soy la persona adecuada". */
const RIGHT_CONTACT_ES =
  /(?<!\bno (yo )?)\bsoy (yo )?(la persona (adecuada|indicada|correcta)|el responsable|la responsable|su (nuevo |nueva )?contacto)\b|\b(yo )?sigo siendo (vuestro|vuestra|su|tu|el) (contacto|interlocutor|interlocutora|referente)\b/;

/** "Sono io la persona giusta", "sono il referente", not "non sono la persona giusta". */
const RIGHT_CONTACT_IT =
  /(?<!\bnon )\bsono (io )?(la persona giusta|il referente|la referente|il responsabile|la responsabile|il vostro (nuovo )?referente)\b|\bresto (io )?(il vostro|la vostra|il suo|il) (riferimento|referente|contatto)\b/;

/** "Ik ben de juiste persoon", "ik ben nu het aanspreekpunt". */
const RIGHT_CONTACT_NL =
  /\bik ben (wel |nu |juist )*(de juiste persoon|het aanspreekpunt|de contactpersoon|uw (nieuwe )?contactpersoon|verantwoordelijk)\b|\bik blijf (jullie|uw|je|de) (contactpersoon|aanspreekpunt)\b/;

/** "Sou eu a pessoa certa", "sou o responsável", not "não sou a pessoa certa". */
const RIGHT_CONTACT_PT =
  /(?<!\bnao (eu )?)\bsou (eu )?(a pessoa (certa|indicada|correta)|o responsavel|a responsavel|o seu (novo )?(contacto|contato))\b|\bcontinuo (a ser|sendo) (o|a) (vosso|vossa|seu|sua) (contacto|contato|interlocutor|interlocutora)\b/;

/**
 * "Priya left in October", "we switched to HubSpot in June": the month of something done, not a time to come back.
 * Leaving or joining is past whoever did it; a switch or a start only after its doer ("let's get started in May").
 */
const PAST_MOVE_MONTH = new RegExp(
  `(?<=(\\b(he|she|they|who|i|we) (has |had |have |just |already )?(moved|switched|started|hired|launched|signed up|changed)|\\b(left|joined|retired|quit|departed|took over))( [a-z]+){0,3} )in ${MONTHS}\\b`,
);

/**
 * A season of something already done: "back in the spring", "ich hatte Sie im Frühjahr gebeten", "wir hatten im
 * Sommer telefoniert" (a German perfect: its auxiliary before the season, its participle after), not a time to come
 * back (probe 80). "Wir haben im Herbst wieder Budget" has no participle and stays one.
 */
const PAST_SEASON =
  /\bback in the (spring|summer|fall|autumn|winter)\b|(?<=\b(hatte|hatten|habe|haben|hat|war|waren)\b[^.!?\n]{0,30})\bim (fruhjahr|fruhling|sommer|herbst|winter)\b(?=[^.!?\n]{0,40}\b(ge[a-z]+(t|en)|[a-z]+iert)\b)/;

export const PROBE42_GUARDS: Signal[] = [
  s('neutral', 0, 'names the month of a past move', PAST_MOVE_MONTH, 'guard'),
  s('neutral', 0, 'names the season of something past', PAST_SEASON, 'guard'),
];

export const PROBE42_SIGNALS: Signal[] = [
  s('wrong_person', -6, 'says they are the right contact', RIGHT_CONTACT_EN),
  s('wrong_person', -6, 'says they are the right contact (de)', RIGHT_CONTACT_DE),
  s('wrong_person', -6, 'says they are the right contact (fr)', RIGHT_CONTACT_FR),
  s('wrong_person', -6, 'says they are the right contact (es)', RIGHT_CONTACT_ES),
  s('wrong_person', -6, 'says they are the right contact (it)', RIGHT_CONTACT_IT),
  s('wrong_person', -6, 'says they are the right contact (nl)', RIGHT_CONTACT_NL),
  s('wrong_person', -6, 'says they are the right contact (pt)', RIGHT_CONTACT_PT),
];

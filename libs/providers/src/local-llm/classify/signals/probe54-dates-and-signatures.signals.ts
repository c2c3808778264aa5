import { MONTHS, s, WEEKDAYS, type Signal } from './signal';
import { ANSWERS_IN_PERSON } from './probe47-colleague-away.signals';

/**
 * Probe 54: away replies whose return is a day alone or a weekday and a day ("estoy fuera, vuelvo el miércoles 9",
 * "je suis en arrêt jusqu'au 9", "sono in trasferta fino al 17", "ik ben tot maandag 14 december niet bereikbaar",
 * "ik ben er weer op de 4e"), and their look-alikes: a timing objection that names a date without any absence
 * ("pas avant le 4 janvier", "mi richiami dopo il 7 gennaio", "vor dem 14. wird das nix", "na de 15e hebben we weer
 * lucht"), a writer back on a day who plans a meeting in the same breath ("ik ben terug op de 11e; plan maar iets
 * in op woensdag 13 januari"). Also the Scandinavian "det er ikke mig" and "inget intresse".
 */

const UNTIL = '(hasta|ate|fino|tot|t m|bis|jusqu|till|until)';
/** A day: a weekday or a day number, not a time ("14h", "14:00", "14 uhr"). */
const DAY = `(${WEEKDAYS}|\\d{1,2}(e|o|th|st|nd|rd)?\\b(?!\\s*(h|uhr|u|uur|am|pm|heures?|horas?|ore)\\b|[:.]\\d))`;
/** Away on a course, a trade fair, a seminar. */
const TRAINING =
  '(auf (einer )?(schulung|fortbildung|messe)|auf (einem )?seminar|en formation|en seminaire|in formazione|a un corso|en un curso|de formacion|em formacao|op cursus|op training|op een beurs)';
const ARTICLES = '((el|il|le|la|na|no|o|a|dia|op|de|do|da|del|du|am|on|the|l|dem|den|zum)\\s+)*';

// prettier-ignore
export const PROBE54_DATE_GUARDS: Signal[] = [
  // "Inget intresse, tack", "ikke interesseret": a refusal, whose "interesse" the interest signals would read.
  s('not_interested', 4, 'no interest (sv/da/nb)', /\b(inget|ingen|ikke|inte) (intresse|interesse|interesseret|interessert|intresserad|intresserade)\b/),
];

// prettier-ignore
export const PROBE54_DATE_SIGNALS: Signal[] = [
  s('out_of_office', 3, 'away until a day (es/pt/fr/it/nl/de)', new RegExp(`\\b(absence du bureau|en arret( maladie| de travail)?|in trasferta|in malattia|de folga|estoy fuera|estou fora|sono via|in het buitenland|im ausland|niet bereikbaar|nicht erreichbar|${TRAINING})\\b[^.!?\\n]{0,30}\\b${UNTIL}\\b|\\b(ik ben|ik zit|ich bin|je suis|je serai|estoy|estare|estou|estarei|sono|saro) ${UNTIL} ([^.!?\\n]|(?<=\\d|inkl)\\.){1,40}\\b(niet bereikbaar|nicht erreichbar|afwezig|abwesend|absente?|weg|in het buitenland|im ausland|fuera|fora|ausente|assente|op reis|unterwegs|niet op kantoor|nicht im buro|${TRAINING})\\b`)),
  s('out_of_office', 3, 'back at the office (nl/es/pt/it)', /\b(weer op (kantoor|het werk|de zaak)|de vuelta en la oficina|de volta ao escritorio|di nuovo in ufficio)\b/),
  s('out_of_office', 3, 'back on a day (es/pt/fr/it/nl/de)', new RegExp(`\\b(vuelvo|volto|rientro|torno|je reviens|je rentre|(ik )?ben (er )?weer|ik ben terug|zuruck am|de vuelta el)\\s+${ARTICLES}${DAY}`)),
  // "Ik ben terug op de 11e; plan maar iets in op woensdag 13 januari": back on a day, and a meeting after it.
  s('out_of_office', 0, ANSWERS_IN_PERSON, /\b(terug|back|de retour|de vuelta|de volta|di ritorno|zuruck)\b[^.!?\n]{0,25}[;:,.-]+\s*(plan|zullen we|kunnen we|let s|shall we|can we|on peut|pouvons nous|podemos|possiamo|konnen wir|wollen wir)\b/),
  s('meeting_request', 3, 'plan something in (nl)', /\bplan (maar |gerust |even |dan )?(iets|een (afspraak|gesprek|call|demo|belletje|meeting)) in\b/),
  s('not_now', 3, 'not before a date', new RegExp(`\\b(pas avant|non prima|nicht vor|vor dem|niet voor|no antes|nao antes|not before)\\b\\s+${ARTICLES}(${DAY}|${MONTHS})`)),
  s('not_now', 3, 'contact me after a date', new RegExp(`\\b(rappel\\w*|recontact\\w*|revenir vers moi|reprenez contact|reparle\\w*|richiam\\w*|ricontatt\\w*|risentiamo|riparliamo|chama|chame|liga|ligue|fale|fala|falamos|melde\\w*|meld|bel|stuur|escrib\\w*|llam\\w*|hablamos)\\b[^.!?\\n]{0,25}\\b(apres|dopo|depois|nach|na|despues)\\b\\s+${ARTICLES}(${DAY}|${MONTHS}|epifania|natale|navidad|reyes|noel|weihnachten|kerst)|\\b(apres|dopo|depois|nach|na|despues)\\s+${ARTICLES}${DAY}[^.!?\\n]{0,40}\\b(stuur|bel|meld|chama|liga|scriv\\w*|escrib\\w*|rappel\\w*|recontact\\w*|contact\\w*)\\b`)),
  s('not_now', 3, 'busy until a date', new RegExp(`\\b${UNTIL}\\b([^.!?\\n]|(?<=\\d)\\.){0,30}\\b(no tengo (ni un minuto|tiempo)|nao consigo|nao tenho tempo|pas le temps|non ho tempo|keine zeit|geen tijd|(haben|hebben) wir inventur|inventur|inventaire|inventario)\\b|\\b(on boucle l annee|siamo sotto|wird das nix|hebben we weer lucht)\\b`)),
  s('wrong_person', 4, 'the wrong one for this (de)', /\b(bin ich|ich bin) (hier |da |dafur |leider |wohl )*(die|der) (falsche|falscher)( ansprechpartner(in)?| person)?\b/),
  s('wrong_person', 3, 'not something I look after', /\bnot something (i|we) (look after|deal with|handle|cover|do|manage|work on)\b/),
  s('wrong_person', 4, 'not me (da/sv/nb)', /^(det er ikke mig|det ar inte jag|det er ikke meg)\b|\b(fel|forkert|feil) (person|nummer)\b/),
];

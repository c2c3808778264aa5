import { LATER_TIME, UNTIL } from './opt-out-away-clause';
import { sentenceAround } from './sentence-bounds';
import { ONLY_IF_NEEDED, WRITER_COMES_BACK } from './signals/chase-boundary.signals';

/**
 * An opt-out that only asks for a pause (see opt-out-scope): limited to a while or to this period, or beside the
 * writer's promise to come back; a removal, a complaint or "never again" asks for more. Normalised text.
 */

/**
 * What asks for more than a pause: a removal (from a list, a database, a number or address deleted), a complaint
 * or "never again". A promise to come back does not soften these.
 */
export const MORE_THAN_A_PAUSE =
  /\b(remove|removed|removing|delete|deleted|unsubscribe|unsubscribed|take (me|us) off|off (your|the|this|that|my) [a-z ]{0,15}list|lists?|database|opt (me |us )?out|erase|scrub|retir\w*|supprim\w*|desinscri\w*|desabonn\w*|effac\w*|cancell\w*|togli\w*|rimuov\w*|elimin\w*|borr\w*|quit[ae]\w*|sac(a|ar|ad)\w*|saqu\w*|baja|remov\w*|apag\w*|exclu\w*|descadastr\w*|tir(a|e|em|ar)|losch\w*|entfern\w*|austrag\w*|abmeld\w*|streich\w*|verwijder\w*|haal|uitschrijv\w*|afmeld\w*|schrap\w*|numbers?|numeros?|nummers?|gegevens|daten|donnees|datos|dados|dati|coordonnees|address|adresse|block\w*|spam\w*|report\w*|denunc\w*|signal\w*|ever|never|jamais|nie|nunca|nooit|mai piu)\b/;

/**
 * The writer will come back themselves ("ne me relancez pas, je reviendrai vers vous", "no need to chase, I'll be in
 * touch once legal signs off", "ich melde mich nach Ostern, bitte nicht nachhaken"): a promise near the phrase, in
 * a sentence that does not make it depend on a need ("I'll reach out if we ever need you" closes the door).
 */
export function writerComesBack(text: string, index: number, length: number): boolean {
  const from = Math.max(0, index - 200);
  const near = text.slice(from, index + length + 200);
  for (const m of near.matchAll(new RegExp(WRITER_COMES_BACK.source, 'g'))) {
    const [start, end] = sentenceAround(text, from + (m.index ?? 0), m[0].length);
    if (!ONLY_IF_NEEDED.test(text.slice(start, end))) return true;
  }
  return false;
}

/**
 * Only for a while ("… until January", "till after the holidays", "for now", "hasta marzo", "bis nach Ostern", "tot na
 * de jaarwisseling"); group 1 holds the words before the limit (see limitedToAWhile).
 */
export const FOR_A_WHILE = new RegExp(
  `^([^.!?;\\n]{0,40}?)\\b(${UNTIL} ${LATER_TIME}|for (now|a while|a bit|a few (weeks|months)|the (moment|time being))|(this|next) (week|month|quarter)|por ahora|de momento|pour l instant|pour le moment|vorerst|im moment|por enquanto|per ora|per il momento|voorlopig)\\b`,
);

/**
 * A count of messages before "this week" or "this month" ("unsubscribe me, this is the fifth one this month", "stop
 * texting me, you've sent four this week", "third time this week", "so many emails this month"): how often they
 * came, a complaint, not a limit. A count of something else stays a limit ("I'm out 2 days this week").
 */
const NUMBER =
  '(\\d+|\\d+(st|nd|rd|th)|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|many|several)';
const COUNTED = new RegExp(
  `\\b(${NUMBER} (one|ones|times?|messages?|texts?|e ?mails?|mails?|calls?|sms)|sent( (me|us))? ${NUMBER})\\b`,
);

/**
 * "Never" or "ever again" said with the period ("stop calling me, never again, not this week not ever", "don't
 * call me this week or ever again"): the period is not a limit. EVER_BEFORE looks at the words between the phrase
 * and the period, EVER_AFTER right after the period.
 */
const EVER_BEFORE = /\b(never|forever|not ever|ever again|jamais|nunca|nooit|nie wieder|mai piu)\b/;
export const EVER_AFTER =
  /^[\s,.!-]*(or|and|nor|not|ni|ou|o|oder|en|of|e)( (even|at all))? (ever|forever|never|jamais|nunca|nooit|nie|mai)\b/;

/**
 * FOR_A_WHILE's match on what follows the phrase, unless the period there counts messages (COUNTED) or comes with
 * "never" / "or ever again".
 */
export function forAWhileAfter(after: string): RegExpExecArray | null {
  const limit = FOR_A_WHILE.exec(after);
  if (!limit) return null;
  if (/^this /.test(limit[2]) && COUNTED.test(limit[1])) return null;
  if (EVER_BEFORE.test(limit[1]) || EVER_AFTER.test(after.slice(limit[0].length))) return null;
  return limit;
}

/**
 * Only this week, month or year, right beside the phrase ("pas la peine de me relancer cette semaine", "no me
 * escriban más este año"); not "arrêtez les SMS, c'est la troisième fois cette semaine".
 */
const THIS_PERIOD =
  '(this|este|esta|cette|ce|questo|questa|quest|diese|dieses|diesen|deze|dit) (year|ano|annee|anno|jahr|jaar|week|semana|semaine|settimana|woche|month|mes|mois|mese|monat|maand)';
export const THIS_PERIOD_ENDS_PHRASE = new RegExp(`\\b${THIS_PERIOD}$`);
const THIS_PERIOD_FOLLOWS = new RegExp(`^\\s*${THIS_PERIOD}\\b`);

/** This week, month or year right after the phrase ("stop the texts this week"), unless "or ever again" follows. */
export function thisPeriodFollows(after: string): boolean {
  const period = THIS_PERIOD_FOLLOWS.exec(after);
  return !!period && !EVER_AFTER.test(after.slice(period[0].length));
}

import { MONTHS, WEEKDAYS } from './signals/signal';

/**
 * An opt-out beside a clause that has its own date, absence or schedule (probe 51): "take me off your list, I'm on
 * holiday until Christmas anyway", "unsubscribe me, and no, I'm not free next week". The date there limits the
 * absence, not the opt-out; a pause keeps its limit ("stop the emails until then", "bis Mitte Januar keine
 * Nachrichten"). Works on the normalised text (lowercase, no accents, see normalise-text).
 */

/** A later time named after "until" ("January", "mid-January", "the holidays", "the 14th", "next week"). */
export const LATER_TIME = `(after |despues de |apres |nach |dopo |na )?(the |next |mid |early |late |end of |mitte |ende |anfang |fin |debut |mediados de |finales de |principios de |meta |fine |inizio |meados de |fim de |inicio de |half |eind |begin |el |la |les |le |den |die |de |o |a |il )?(${MONTHS}|${WEEKDAYS}|holidays|new year|christmas|easter|q[1-4]|spring|summer|autumn|fall|winter|next (week|month|quarter|year)|navidad|verano|noel|vacances|weihnachten|ostern|sommer|natale|estate|kerst|zomer|jaarwisseling|feestdagen|jahreswechsel|feiertagen|fiestas|fetes|feste|festas|semana santa|pascua|paques|pasqua|pasen|pascoa|\\d)`;

/** "Until", in the seven languages. */
export const UNTIL = '(until|till|til|untill|hasta|jusqu a|jusqu en|bis|fino a|tot|ate)';

/** "Until I'm back", "until then", "jusqu'à mon retour", "bis ich zurück bin": a limit set by the writer's return. */
const UNTIL_RETURN =
  /^([^.!?;\n]{0,40}?)\b((until|till|til) (then|(i am|we are|i get|i come) back|i return|my return)|jusqu a (mon|notre) retour|bis (ich|wir) (zuruck|wieder da)|hasta (que (vuelva|regrese)|mi (vuelta|regreso))|fino al (mio )?rientro|ate (eu voltar|ao meu regresso|a minha volta)|tot (ik|we) (weer )?terug)\b/;

/** A limit right before the phrase, in its clause ("bitte bis Mitte Januar keine weiteren Nachrichten"). */
const LIMITED_BEFORE = new RegExp(
  `\\b${UNTIL} ${LATER_TIME}\\b(?:(?! (and|but|so|und|aber|et|mais|y|pero|e|ma|mas|en|maar)\\b)[^.!?;,\\n]){0,12}$`,
);

/** What opens a clause of the writer's own after the phrase: a subject, a verb "to be" or an absence. */
const OWN_CLAUSE =
  /\b(i|we|ich|wir|je|nous|yo|io|ik|wij|eu|am|bin|ben|sono|estoy|estou|suis|away|off|out|leave|holidays?|vacation|travell?ing|abroad|urlaub|elternzeit|weg|conges?|vacances|absente?|vacaciones|fuera|ferie|ferias|vakantie|verlof)\b/;
/** The date given as beside the point ("… anyway", "… de toute façon", "… sowieso"). */
const INCIDENTAL =
  /\b(anyway|anyhow|regardless|in any case|either way|de toute facon|de toutes facons|sowieso|ohnehin|eh|de todas formas|de todos modos|comunque|in ogni caso|de qualquer forma|de qualquer maneira|hoe dan ook|toch al)\b/;

/** A limit after the phrase limits it unless it sits in a clause of the writer's own that does not bind it. */
const limitsThePhrase = (limit: RegExpExecArray, after: string, removal: boolean) =>
  !(OWN_CLAUSE.test(limit[1]) && (removal || INCIDENTAL.test(after)));

/**
 * Whether the opt-out phrase is limited to a while by a time in its clause: `limitAfter` is FOR_A_WHILE's match on
 * what follows the phrase (group 1: the words before the limit), else a limit by the writer's return is looked for
 * after the phrase, or a limit right before it. A limit inside a
 * clause of the writer's own ("…, I'm away until January") does not limit a removal, nor anything the writer calls
 * beside the point ("anyway").
 */
export function limitedToAWhile(
  limitAfter: RegExpExecArray | null,
  before: string,
  after: string,
  removal: boolean,
): boolean {
  const limit = limitAfter ?? UNTIL_RETURN.exec(after);
  if (limit) return limitsThePhrase(limit, after, removal);
  return LIMITED_BEFORE.test(before);
}

/** Whether a limit by the writer's return follows the phrase, outside a clause of the writer's own ("until I'm back"). */
export function untilTheWriterReturns(after: string, removal: boolean): boolean {
  const limit = UNTIL_RETURN.exec(after);
  return !!limit && limitsThePhrase(limit, after, removal);
}

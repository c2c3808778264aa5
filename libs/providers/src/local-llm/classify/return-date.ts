import { lazyPackage } from '@app/common';
import type * as chrono from 'chrono-node';
import { HUNGARIAN_MONTHS, OTHER_MONTHS } from './return-date-months';

/**
 * The first day back of an away reply (issue 7 contract): "back on X" → X; "out until X" → X; "until X inclusive"
 * ("bis einschließlich", "jusqu'au X inclus", "tot en met", "through") → the day after; a range "2-9 Dec" → the day
 * after it ends. Relative dates resolve from received_at in the lead's time zone. YYYY-MM-DD or null.
 * chrono-node reads the dates in the reply's language; short numeric dates ("14.12.", "12/07") and bare ordinals
 * ("back on the 14th"), which it leaves out, are read here, each resolved to its nearest future occurrence.
 */

type Parser = Pick<chrono.Chrono, 'parse'>;

/**
 * chrono-node (~270 modules) is loaded by the first out-of-office reply to read, not when the API or worker starts:
 * only the classification of such a reply needs it.
 */
const chronoParsers = lazyPackage(async (): Promise<Record<string, Parser>> => {
  const c = await import('chrono-node');
  return {
    en: c.en.casual,
    de: c.de.casual,
    fr: c.fr.casual,
    es: c.es.casual,
    pt: c.pt.casual,
    it: c.it.casual,
    nl: c.nl.casual,
  };
});

/** "from" starts a return ("back from the 7th"), not "away from the office on the 3rd and 4th" (probe 67). */
const RETURN_CUE =
  /\b(back|return|returning|returns|reachable|available again|in the office|zur[üu]ck|wieder|ab dem|ab|retour|de vuelta|de regreso|regreso|regresar[ée]|volver[ée]|vuelvo|reincorpor\w*|volta|retorno|retornarei|retornaremos|voltarei|voltaremos|volto|regresso|rientr\w*|ritorno|torner[òo]|torno|terug|weer|vanaf|from(?! (the |my |our )?(office|desk|work|computer|laptop|inbox|e-?mail)\b)|à partir d[ue]|a partir d[eo]l?|starting|rentre|rentrerai|reviens|reviendrai|tillbaka|åter|tilbage|tilbake|r[ée]ouverture|riapertura|reabertura|reapertura|heropening|wiederer[öo]ffnung)(?!\w)[^.!?\n]{0,25}$/i;
/**
 * "from" after the absence it starts ("off on sabbatical from 10 December, back 1 February", "in Urlaub ab dem 21.12.",
 * "out of the office from 18 December"): the first day away, not the day back.
 */
const AWAY_FROM =
  /\b(off|away|leave|sabbatical|holidays?|vacation|absent|out of (the )?office|ooo|urlaub|ferien|elternzeit|vacances|conge|congé|ferie|vacaciones|ferias|vakantie|verlof)\b[^.!?\n,;]{0,25}\b(from|vanaf|ab|ab dem|a partir d[eo]l?|à partir d[ue])(?!\w)[^.!?\n]{0,6}$/i;
/**
 * The absence said right after a "from" date ("ab dem 21.12. im Urlaub und ab dem 7. Januar wieder erreichbar",
 * "vanaf 21 december op vakantie"): the first day away, not the day back (probe 65).
 */
const AWAY_AFTER =
  /^[\s.,]{0,3}((bin|ist|sind|ich|wir|ben|is|zijn|ik|we|i'?m|i am|i'?ll be|i will be|we'?re|we are|je suis|je serai|sono|sar[òo]|estoy|estar[ée]|estou|estarei) ){0,2}((im|in|in den|auf) (urlaub|ferien|elternzeit|mutterschutz|kur|reha)|nicht (im b(u|ü|ue)ro|im hause|erreichbar|im office)|abwesend|au(ß|ss)er haus|op vakantie|met (vakantie|verlof)|afwezig|niet (op kantoor|bereikbaar)|on (holiday|leave|vacation|sabbatical)|out of (the )?office|away|en cong[ée]s?|en vacances|absente?|de vacaciones|fuera de la oficina|de f[ée]rias|ausente|in ferie|assente|fuori ufficio)\b/i;
/** A return said right after the date ("ab 14.12. wieder da", "from the 14th back in the office"). */
const BACK_AFTER =
  /^[\s.]{0,3}((bin|ist|sind|ich|er|sie|i am|i m|i will be|i ll be|ben ik|is|sono|estoy|je suis|je serai|estou) ){0,2}(wieder|zur[üu]ck|back|terug|weer|de retour|de vuelta|di nuovo|rientr\w*|de volta)\b/i;
/** A return said right after a date in Japanese, Chinese or Korean ("12月14日より順次対応", "14日回来上班", "4일에 복귀"). */
const CJK_BACK_AFTER =
  /^\s*(?:より|から|以降|以后|之后|起|에|부터)?\s*(?:に|は)?\s*(?:出社|復帰|戻|順次|回来|返回|回到|上班|返岗|복귀|출근|돌아)/;
const UNTIL_CUE =
  /\b(until|till|til|untill|bis|jusqu'?\s?(au|à|a)?|hasta( el)?|at[ée]( (o|a) )?( dia)?|fino (al|a)|tot)\b[^.!?\n]{0,12}$/i;
const INCLUSIVE_BEFORE =
  /\b(through|thru|up to and including|until and including|bis einschlie(ß|ss)lich|bis und mit|einschlie(ß|ss)lich|tot en met|t\/m|t\.m\.|till och med|til og med|t\.o\.m)\b[^.!?\n]{0,12}$|\b(bis )?(inkl\.?|inklusive)(?!\w)[^.!?\n]{0,12}$/i;
const INCLUSIVE_AFTER =
  /^\s*\)?\s*,?\s*\(?(inclusive|inclusief|included|incl\.?|inclus[e]?|incluid[oa]|inclus[oa]|inclu[íi]d[oa]|compres[oa]|compres[ie]|inbegrepen|einschlie(ß|ss)lich)\b/i;
const NEXT_WEEK =
  /\b(next week|n[äa]chste woche|semaine prochaine|pr[óo]xima semana|prossima settimana|volgende week)\b/i;
/** The start of a month's name in the languages read here ("enero", "janv.", "Dez", "mrt", "stycznia"). */
const MONTH_WORD =
  '(?:jan|feb|f[ée]v|m[aä]r|mrt|apr|avr|abr|mai|may|mag|mei|maj|jun|juin|giu|jul|juil|lug|aug|ago|ao[uû]|sep|set|o[ck]t|ott|out|nov|de[cz]|d[ée]c|dic|ene|gen|stycz|grud)';
/** "14.12.", "14/12", "12/07/2026", "7-12" — day-first outside English, either way in English. */
const SHORT_NUMERIC = /(?<![\d./-])(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?\.?(?![\d/-]|\.\d)/g;
/** "the 14th", "on the 3rd" (no month named after it). */
const BARE_ORDINAL =
  /\b(?:the )?(\d{1,2})(?:st|nd|rd|th)\b(?!\s*(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/gi;

/** Ordinals spelled out, as speech-to-text writes them ("monday the fourteenth", "the twenty first"), 1 to 19. */
const ORDINAL_WORDS = (
  'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth ' +
  'fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth'
).split(' ');
/**
 * A spelled day of the month after "the" or a weekday, not an ordinal counting something else ("the first week",
 * "the second half", "the first thing").
 */
const SPELLED_ORDINAL = new RegExp(
  `\\b(the|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\\s+(?:(twenty|thirty)[\\s-]?)?(${ORDINAL_WORDS.join('|')}|twentieth|thirtieth)\\b(?!\\s+(week|weekend|half|quarter|thing|time|few|couple|one|part|day|days|round|step|option|person|call|email|message)s?\\b)`,
  'gi',
);

/** "monday the fourteenth" → "monday the 14th", for the day-of-month readers below. */
function digitOrdinals(text: string): string {
  return text.replace(SPELLED_ORDINAL, (whole, before: string, tens: string | undefined, word: string) => {
    const w = word.toLowerCase();
    const unit = w === 'twentieth' ? 20 : w === 'thirtieth' ? 30 : ORDINAL_WORDS.indexOf(w) + 1;
    if (tens && unit > 9) return whole;
    const day = (tens ? (tens.toLowerCase() === 'thirty' ? 30 : 20) : 0) + unit;
    const suffix = ['th', 'st', 'nd', 'rd'][day % 10 > 3 || Math.floor(day / 10) === 1 ? 0 : day % 10];
    return `${before} ${day}${suffix}`;
  });
}

/** A weekday written as its abbreviation only ("Mon", "wed."). */
const WEEKDAY_ABBREVIATION = /^\s*[a-z]{2,4}\.?\s*$/i;

const NUMERIC_ONLY = /^\d{1,2}[./-]\d{1,2}([./-]\d{2,4})?\.?$/;
/** Two short numeric dates as a range ("21/12 to 04/01", "12/21 - 1/4"): read below, each in the writer's order. */
const NUMERIC_RANGE =
  /^\d{1,2}[./-]\d{1,2}([./-]\d{2,4})?\.?\s*(-|–|—|to|till|until|through|thru)\s*\d{1,2}[./-]\d{1,2}([./-]\d{2,4})?\.?$/i;

/**
 * Which way round a short numeric date ("04/01") is written. Such dates are read here, not by chrono-node, whose
 * English reads "04/01" month first even in a range that starts "21/12" (a return in April from an Irish away notice,
 * probe 70). Outside English, day first. In English, by the lead's zone: month first in the United States, day first
 * in Europe (and in Australia and New Zealand); elsewhere, or with no zone, what the reply's own dates show ("21/12"
 * can only be day first), else either way (the nearest date).
 */
export type NumericOrder = 'day' | 'month' | 'either';
const MONTH_FIRST_ZONE =
  /^(America\/(New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Adak|Boise|Detroit|Juneau|Sitka|Yakutat|Nome|Metlakatla|Menominee|Indianapolis|Louisville|Indiana\/\w+|Kentucky\/\w+|North_Dakota\/\w+)|Pacific\/Honolulu|US\/[\w-]+|EST5EDT|CST6CDT|MST7MDT|PST8PDT)$/i;
const DAY_FIRST_ZONE =
  /^(Europe\/[\w-]+|Atlantic\/(Reykjavik|Canary|Madeira|Azores|Faroe|Faeroe)|Arctic\/Longyearbyen|GB|GB-Eire|Eire|Portugal|Poland|Iceland|Turkey|Australia\/[\w-]+|Pacific\/Auckland|NZ)$/i;

export function numericOrder(language: string | null, timezone?: string | null): NumericOrder {
  if (language !== 'en' && language !== null) return 'day';
  const zone = timezone?.trim() ?? '';
  if (MONTH_FIRST_ZONE.test(zone)) return 'month';
  if (DAY_FIRST_ZONE.test(zone)) return 'day';
  return 'either';
}

/** The order the reply's own numeric dates show: one with a day past 12 on one side settles it. */
function orderShown(text: string): NumericOrder {
  for (const m of text.matchAll(SHORT_NUMERIC)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && a <= 31 && b >= 1 && b <= 12) return 'day';
    if (b > 12 && b <= 31 && a >= 1 && a <= 12) return 'month';
  }
  return 'either';
}

/** A weekday followed by a day of the month ("Monday the 14th", "lunes 14"): the day decides. */
const WEEKDAY_DAY =
  /\b(?:mon|tue|wed|thu|fri|sat|sun|lun|mar|mi[eé]|jue|vie|mer|jeu|ven|mo|di|mi|do|fr|seg|ter|qua|qui|sex|gio|ma|wo|vr)[a-zà-ÿ]*\.?,?\s+(?:the\s+|el\s+|le\s+|den\s+|der\s+|il\s+|de\s+|dia\s+)?(\d{1,2})(?:st|nd|rd|th|º|°)?(?![\d:/-]|\.\d|\.?\s*(?:of\s+)?[a-zà-ÿ]{3,}\b(?<!\b(?:and|und|et|y|e|en|to|and)\b)(?<![.!?]\s*[a-zà-ÿ]+))/gi;
/**
 * A day of the month alone after "until" or "back" ("hasta el 14", "jusqu'au 9", "fino al 6 compreso", "até o dia 4",
 * "bis zum 8.", "tot de 14e", "je rentre le 28", "volto dia 10", "weer op de 4e"): the month is the next one that has
 * it. Not a day that a month name, a time or another number follows ("hasta el 14 de enero", "bis 14 Uhr").
 */
const DAY_ALONE = new RegExp(
  `(?<![\\p{L}'’])(?:until|till|til|through|thru|bis|jusqu['’]?\\s?(?:au|à)|hasta|fino (?:al|a)|at[ée]|tot|t\\/m|till och med|til og med|back|de retour|retour prévu|rentre|reviens|vuelvo|regreso|volto|regresso|rientro|torno|zur[üu]ck|wieder|weer|terug)(?:\\s+(?:zum|zu|am|dem|den|on|the|el|le|il|l['’]|o|a|al|dia|día|de|op|en met))*\\s+(\\d{1,2})(?:e|ste|º|°|st|nd|rd|th)?(?![\\d:/-]|[.,]\\d|\\s*(?:h\\b|uhr|u\\b|am\\b|pm\\b|hrs?\\b|heures?\\b|horas?\\b|ore\\b|o['’]?clock|today|tonight|tomorrow|this\\b)|\\.?\\s*(?:de\\s+|of\\s+|d['’]\\s*)?${MONTH_WORD})`,
  'giu',
);
/** Between two dates, what makes them a range ("2 - 9", "de 30/11 a 4/12", "vom 1. bis 11."). */
const RANGE_JOIN =
  /^\s*(?:-|–|—|~|〜|～|to|till|until|through|thru|a|au|al|bis|tot|tot en met|t\/m|at[ée]|hasta|fino al|fino a|から|부터|至|到)\s*$/i;
const OTHER_MONTH_RES = OTHER_MONTHS.map((names) => new RegExp(`^(${names.join('|')})$`, 'i'));
/** "10 grudnia", "10 Aralık'a", "14 Desember", "11 декабря", "10 ديسمبر". */
const DAY_MONTH_OTHER_LANGUAGES = new RegExp(
  `(?<![\\d.])(\\d{1,2})\\.?\\s+(${OTHER_MONTHS.flat().join('|')})(?![a-zа-яё\\u0620-\\u064a\\u066e-\\u06d3])`,
  'gi',
);
/** "január 4-ig", "december 14-én" (Hungarian: the month first, a case ending after the day). */
const HUNGARIAN_MONTH_RES = HUNGARIAN_MONTHS.map((name) => new RegExp(`^${name}$`, 'i'));
const HUNGARIAN_MONTH_DAY = new RegExp(
  `(?<![\\p{L}])(${HUNGARIAN_MONTHS.join('|')})\\s+(\\d{1,2})(?![\\d:])`,
  'giu',
);
/** "12月14日" (Japanese, Chinese), "12월 9일" (Korean): month then day, each with its counter. */
const CJK_MONTH_DAY = /(?<!\d)(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]/g;
/** "10 tareekh tak", "10 तारीख तक": a day of the month in Hindi, the month left to context. */
const HINDI_DAY = /(?<![\d.])(\d{1,2})\s*(?:tareekh|tarikh|taarikh|तारीख़?)(?![a-z])/gi;
function monthOfOtherLanguage(name: string): number | null {
  const at = OTHER_MONTH_RES.findIndex((re) => re.test(name));
  return at >= 0 ? at + 1 : null;
}

/** A month named vaguely ("mid-December", "end of January"): no day to return on. */
const VAGUE_BEFORE =
  /\b(mid|early|late|end of|beginning of|start of|sometime in|mitte|anfang|ende|fin|d[ée]but|mi|finales de|principios de|mediados de|meados de|inizio|fine|met[àa]|half|begin|eind)[\s-]*$/i;

/** A date found in the text: where, how long, its first day and (for a range) its last. */
interface Found {
  index: number;
  length: number;
  start: string;
  end: string | null;
  weekdayOnly?: boolean;
  monthOnly?: boolean;
}

interface Candidate {
  date: string;
  rank: number;
  index: number;
  weekdayOnly?: boolean;
}

export async function extractReturnDate(
  written: string,
  language: string | null,
  receivedAt: string,
  timezone?: string | null,
): Promise<string | null> {
  const text = digitOrdinals(written);
  const instant = new Date(receivedAt);
  if (Number.isNaN(instant.getTime())) return null;
  const offset = zoneOffsetMinutes(timezone, instant);
  const today = new Date(instant.getTime() + offset * 60_000).toISOString().slice(0, 10);
  const horizon = addDays(today, 400);
  const parsers = await chronoParsers.load();
  let order = numericOrder(language, timezone);
  if (order === 'either') order = orderShown(text);
  let found = chronoDates(parsers, text, language, instant, offset, today);
  // A date written in English inside a reply read as another language ("main 12 December tak chutti pe hoon"), or
  // in a language the short reply was not recognised as ("… Retornaremos em 4 de janeiro" read as Spanish): English
  // first, then the others. Not a weekday abbreviation alone, which is a word there: French "mon" (my), Dutch
  // "wed", Spanish "sun"; from the other languages, only a day of a month named ("4 de janeiro"), as their short
  // words are everyday words elsewhere.
  for (const other of ['en', ...Object.keys(parsers)]) {
    if (found.length || !language || other === language) continue;
    found = chronoDates(parsers, text, other, instant, offset, today).filter((f) =>
      other === 'en'
        ? !(f.weekdayOnly && WEEKDAY_ABBREVIATION.test(text.slice(f.index, f.index + f.length)))
        : !f.weekdayOnly && !f.monthOnly,
    );
  }
  for (const extra of numericDates(text, order, today)) {
    // A day number read here refines a weekday chrono-node read alone ("lunes 14").
    const clash = found.filter((f) => overlaps(f, extra));
    if (clash.every((f) => f.weekdayOnly)) found = [...found.filter((f) => !clash.includes(f)), extra];
  }
  found = joinRanges(text, dropVagueWeekdays(text, found));
  const candidates = found
    .map((f) => rankDate(text, f))
    .filter((c) => c.date >= today && c.date <= horizon)
    .sort((a, b) => b.rank - a.rank || (a.rank >= 2 ? a.index - b.index : b.date.localeCompare(a.date)));
  return candidates.length ? afterTheAbsence(candidates) : null;
}

function chronoDates(
  parsers: Record<string, Parser>,
  text: string,
  language: string | null,
  instant: Date,
  offset: number,
  today: string,
): Found[] {
  let results: chrono.ParsedResult[];
  try {
    results = (parsers[language ?? 'en'] ?? parsers.en).parse(
      text,
      { instant, timezone: offset },
      { forwardDate: true },
    );
  } catch {
    return [];
  }
  const out: Found[] = [];
  for (const r of results) {
    if (NUMERIC_ONLY.test(r.text.trim()) || NUMERIC_RANGE.test(r.text.trim())) continue; // read below, in order
    const nextWeek = NEXT_WEEK.test(r.text);
    const dayKnown = r.start.isCertain('day') || r.start.isCertain('weekday') || nextWeek;
    const monthOnly = !dayKnown && r.start.isCertain('month');
    let start = componentsDate(r.start);
    if (!start || (!dayKnown && !monthOnly)) continue;
    if (monthOnly) start = `${start.slice(0, 8)}01`;
    if (nextWeek) {
      const dow = new Date(`${today}T00:00:00Z`).getUTCDay();
      start = addDays(today, (8 - dow) % 7 || 7);
    } else if (r.start.isCertain('weekday') && !r.start.isCertain('day') && start === today) {
      start = addDays(start, 7);
    }
    let end = r.end ? componentsDate(r.end) : null;
    // forwardDate moves a range that began before today to next year; one still running ends this year.
    if (end && !r.start.isCertain('year') && yearBefore(start) <= today && yearBefore(end) >= today) {
      start = yearBefore(start);
      end = yearBefore(end);
    }
    out.push({
      index: r.index,
      length: r.text.length,
      start,
      end: end && end >= start ? end : null,
      weekdayOnly: r.start.isCertain('weekday') && !r.start.isCertain('day'),
      monthOnly,
    });
  }
  return out;
}

function numericDates(text: string, order: NumericOrder, today: string): Found[] {
  const out: Found[] = [];
  for (const m of text.matchAll(SHORT_NUMERIC)) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const year = m[3] ? (m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])) : null;
    const dayFirst = dateOf(year, b, a, today);
    const monthFirst = dateOf(year, a, b, today);
    // The writer's order when it gives a date ("25/12" in a US zone can only be day first), else either.
    const readings =
      order === 'day'
        ? [dayFirst ?? monthFirst]
        : order === 'month'
          ? [monthFirst ?? dayFirst]
          : [dayFirst, monthFirst];
    const dates = readings.filter((d): d is string => d !== null).sort();
    const future = dates.find((d) => d >= today) ?? dates[0];
    if (future) out.push({ index: m.index ?? 0, length: m[0].length, start: future, end: null });
  }
  for (const m of text.matchAll(WEEKDAY_DAY)) {
    const digits = m[0].search(/\d/);
    const date = nextDayOfMonth(Number(m[1]), today);
    if (date)
      out.push({ index: (m.index ?? 0) + digits, length: m[0].length - digits, start: date, end: null });
  }
  for (const m of text.matchAll(DAY_ALONE)) {
    const digits = m[0].lastIndexOf(m[1]);
    const date = nextDayOfMonth(Number(m[1]), today);
    if (date)
      out.push({ index: (m.index ?? 0) + digits, length: m[0].length - digits, start: date, end: null });
  }
  for (const m of text.matchAll(DAY_MONTH_OTHER_LANGUAGES)) {
    const month = monthOfOtherLanguage(m[2]);
    const date = month ? dateOf(null, month, Number(m[1]), today) : null;
    if (date) out.push({ index: m.index ?? 0, length: m[0].length, start: date, end: null });
  }
  for (const m of text.matchAll(HUNGARIAN_MONTH_DAY)) {
    const month = HUNGARIAN_MONTH_RES.findIndex((re) => re.test(m[1])) + 1;
    const date = month ? dateOf(null, month, Number(m[2]), today) : null;
    if (date) out.push({ index: m.index ?? 0, length: m[0].length, start: date, end: null });
  }
  for (const m of text.matchAll(CJK_MONTH_DAY)) {
    const date = dateOf(null, Number(m[1]), Number(m[2]), today);
    if (date) out.push({ index: m.index ?? 0, length: m[0].length, start: date, end: null });
  }
  for (const m of text.matchAll(HINDI_DAY)) {
    const date = nextDayOfMonth(Number(m[1]), today);
    if (date) out.push({ index: m.index ?? 0, length: m[0].length, start: date, end: null });
  }
  for (const m of text.matchAll(BARE_ORDINAL)) {
    const day = Number(m[1]);
    const [y, mo] = today.split('-').map(Number);
    const thisMonth = dateOf(y, mo, day, today);
    const date =
      thisMonth && thisMonth >= today
        ? thisMonth
        : dateOf(mo === 12 ? y + 1 : y, mo === 12 ? 1 : mo + 1, day, today);
    if (date) out.push({ index: m.index ?? 0, length: m[0].length, start: date, end: null });
  }
  return out;
}

/** The next date (from today) falling on day `day` of a month. */
function nextDayOfMonth(day: number, today: string): string | null {
  const [y, mo] = today.split('-').map(Number);
  for (let k = 0; k < 3; k++) {
    const month = ((mo - 1 + k) % 12) + 1;
    const date = dateOf(y + Math.floor((mo - 1 + k) / 12), month, day, today);
    if (date && date >= today) return date;
  }
  return null;
}

/** Day `day` of month `month` in `year`, or (no year) of its next occurrence from today; null when invalid. */
function dateOf(year: number | null, month: number, day: number, today: string): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const y = year ?? Number(today.slice(0, 4));
  let date = ymd(y, month, day);
  if (Number(date.slice(8, 10)) !== day) return null;
  if (year === null && date < today) date = ymd(y + 1, month, day);
  return date;
}

/** Drops a weekday that a day number right after it makes precise, and months named only vaguely. */
function dropVagueWeekdays(text: string, found: Found[]): Found[] {
  return found.filter((f) => {
    const vague = f.monthOnly && VAGUE_BEFORE.test(text.slice(Math.max(0, f.index - 20), f.index));
    const refined =
      f.weekdayOnly && found.some((g) => g !== f && g.index > f.index && g.index - (f.index + f.length) <= 6);
    return !vague && !refined;
  });
}

/** Two dates joined by "-", "to", "a", "bis"… become one range (its end decides). */
function joinRanges(text: string, found: Found[]): Found[] {
  const sorted = [...found].sort((a, b) => a.index - b.index);
  const out: Found[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    const b = sorted[i + 1];
    // A first day read as next year's when it is past ("vom 30.11. bis 4.12." on 3 December) began this year.
    const start = b && b.start < a.start && yearBefore(a.start) <= b.start ? yearBefore(a.start) : a.start;
    if (b && !a.end && RANGE_JOIN.test(text.slice(a.index + a.length, b.index)) && b.start >= start) {
      out.push({
        index: a.index,
        length: b.index + b.length - a.index,
        start,
        end: b.end ?? b.start,
      });
      i++;
    } else out.push(a);
  }
  return out;
}

/**
 * The best candidate's date; a weekday alone ("vanaf maandag weer op kantoor") is the first such day on or after the
 * absence another date ends ("ik zit tot vrijdag 18 december in het buitenland"), not the next one from today.
 */
function afterTheAbsence(candidates: Candidate[]): string {
  const [best, ...others] = candidates;
  const until = others.filter((c) => c.rank >= 3 && c.date > best.date).map((c) => c.date);
  if (!best.weekdayOnly || !until.length) return best.date;
  const end = until.sort()[until.length - 1];
  let date = best.date;
  while (date < end) date = addDays(date, 7);
  return date;
}

/**
 * What starts on a date that is not the writer's return: a new address or number to use ("from January please use
 * @harlowgroup.com", "ab 1.1. bitte an j.wolf@… schreiben", "vanaf januari ben ik bereikbaar op s.devries@…"): the day a
 * change takes effect (probe 76).
 */
const CHANGE_STARTS_AFTER =
  /^[\s,]*(on(wards)?[\s,]*)?(please |kindly |bitte |merci de |por favor |per favore |graag )?(use|write to|email|e-mail|send|contact (me|us) (at|on|via)|reach me (at|on)|my new|our new|the new|this address|(mail|schreib)\w* (bitte )?an|an (meine|unsere) neue|an \S+@|op \S+@|ben ik bereikbaar op|utilisez|utilice|usa|use o|use a)\b/i;

/** A return said before the date ("back from 4 January, please email me then"): the change is the return. */
const BACK_BEFORE =
  /\b(back|return\w*|zur[üu]ck|wieder|terug|weer|retour|de vuelta|de regreso|de volta|rientr\w*)\b[^.!?\n]{0,25}$/i;

function rankDate(text: string, f: Found): Candidate {
  const before = text.slice(Math.max(0, f.index - 60), f.index);
  const after = text.slice(f.index + f.length, f.index + f.length + 30);
  if (f.end) return { date: addDays(f.end, 1), rank: 2, index: f.index };
  if (INCLUSIVE_BEFORE.test(before) || INCLUSIVE_AFTER.test(after)) {
    return { date: addDays(f.start, 1), rank: 3, index: f.index };
  }
  if ((AWAY_FROM.test(before) || AWAY_AFTER.test(after)) && !BACK_AFTER.test(after))
    return { date: f.start, rank: 1, index: f.index };
  if (CHANGE_STARTS_AFTER.test(after) && !BACK_BEFORE.test(before))
    return { date: f.start, rank: 0, index: f.index };
  if (RETURN_CUE.test(before) || CJK_BACK_AFTER.test(after))
    return { date: f.start, rank: 4, index: f.index, weekdayOnly: f.weekdayOnly };
  if (UNTIL_CUE.test(before)) return { date: f.start, rank: 3, index: f.index };
  return { date: f.start, rank: 1, index: f.index };
}

const overlaps = (a: Found, b: Found) => a.index < b.index + b.length && b.index < a.index + a.length;

/** The UTC offset (minutes) of an IANA zone at an instant; 0 when the zone is unknown. */
export function zoneOffsetMinutes(timeZone: string | null | undefined, at: Date): number {
  if (!timeZone) return 0;
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    }).formatToParts(at);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
    return Math.round((local - Math.floor(at.getTime() / 60000) * 60000) / 60000);
  } catch {
    return 0;
  }
}

const ymd = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const yearBefore = (date: string) =>
  ymd(Number(date.slice(0, 4)) - 1, Number(date.slice(5, 7)), Number(date.slice(8, 10)));
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function componentsDate(c: chrono.ParsedComponents): string | null {
  const y = c.get('year');
  const m = c.get('month');
  const d = c.get('day');
  return y && m && d ? ymd(y, m, d) : null;
}

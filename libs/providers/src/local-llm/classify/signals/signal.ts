import type { ReplyLabel } from '../../../llm/llm-tasks';

/**
 * One weighted pattern over the normalised text (lowercase, no accents, "don't" → "do not"). `guard` patterns run
 * first and hide what they match from the others (look-alikes such as "don't stop sending", "stop by", "not
 * interested"); `negatable` patterns are dropped when a negation stands right before them; `temporal` ones when a
 * time limit follows ("don't call me before 10"); `whole` ones read the text before the guards blanked anything
 * (a pattern anchored on the whole message must not match what is left of "Danke, kein Interesse"). A negative
 * weight lowers its label (hedges).
 */
export interface Signal {
  label: ReplyLabel;
  weight: number;
  name: string;
  re: RegExp;
  guard?: boolean;
  negatable?: boolean;
  temporal?: boolean;
  whole?: boolean;
}

type Flags = 'guard' | 'negatable' | 'temporal' | 'whole' | '';

/** `s('unsubscribe', 4, 'asks to be removed', /…/, 'negatable')` */
export function s(label: ReplyLabel, weight: number, name: string, re: RegExp, ...flags: Flags[]): Signal {
  return {
    label,
    weight,
    name,
    re,
    guard: flags.includes('guard'),
    negatable: flags.includes('negatable'),
    temporal: flags.includes('temporal'),
    whole: flags.includes('whole'),
  };
}

/** Weekday names of the seven languages, normalised. */
export const WEEKDAYS =
  '(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|lunes|martes|miercoles|jueves|viernes|lundi|mardi|mercredi|jeudi|vendredi|montag|dienstag|mittwoch|donnerstag|freitag|segunda|terca|quarta|quinta|sexta|lunedi|martedi|mercoledi|giovedi|venerdi|maandag|dinsdag|woensdag|donderdag|vrijdag)';

/** Month names of the seven languages, normalised. */
export const MONTHS =
  '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|januar|janner|jaenner|februar|feber|marz|juni|juli|oktober|dezember|janeiro|fevereiro|marco|maio|junho|julho|setembro|outubro|novembro|dezembro|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januari|februari|maart|mei|augustus)';

/** A clock time: "3pm", "15:00", "14.00 uur", "10h30", "9 uhr". */
export const CLOCK =
  '(\\d{1,2}(:\\d\\d)? ?(am|pm|a m|p m)\\b|\\d{1,2}[:.]\\d\\d( ?(uur|uhr|h|hs|hrs))?\\b|\\d{1,2} ?h( ?\\d\\d)?\\b|\\d{1,2} ?(uhr|uur)\\b|noon|midday|mittag)';

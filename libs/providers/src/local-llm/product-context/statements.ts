import { cutText } from '@app/common';
import { clean } from '../text-utils';
import { findIndustries } from './industries';

/** What one user message states about the product. */
export interface Statements {
  product: string | null;
  description: string | null;
  valuePropositions: string[];
  industries: string[];
  /** "We pivoted to X" / "now we only serve X": the industries that replace the old ones. */
  pivotIndustries: string[] | null;
  /** "We no longer serve X" (lowercase canonical names). */
  droppedIndustries: string[];
  idealCustomer: string | null;
  tone: string | null;
}

/** A lowercase alternation that also matches capitalised at the start of a sentence. */
const w = (words: string) => words.replace(/\b([a-z])/g, (c) => `[${c.toUpperCase()}${c}]`);
const NAME_WORD = "[A-Z0-9][\\w&'’+-]*(?:\\.[A-Za-z]{2,})?";
const NAME = `(${NAME_WORD}(?:\\s+${NAME_WORD}){0,3})`;
const STOP =
  /(?=[.;!?\n]|,\s*(?:and\s+)?(?:we|our|it|the|which|targeting|for|tone)\b|\s+(?:that|which|who|so that)\s|\s+and\s+(?:we|our|it)\b|$)/;

const PRODUCT_PATTERNS = [
  new RegExp(
    `\\b(?:${w('our|my|the')}) (?:product|platform|tool|app|software|service|solution|company) is (?:now )?(?:called |named )?${NAME}`,
  ),
  new RegExp(`\\b(?:${w("it's|its|it is|we are|we're")}) (?:called |named )${NAME}`),
  new RegExp(`\\b[Pp]roduct(?: name)?\\s*:\\s*${NAME}`),
  new RegExp(
    `\\b${w('we')} (?:sell|make|build|offer|run|created|launched|are building) ${NAME}(?=,|\\s+(?:—|-|–|which|a|an|the)\\b)`,
  ),
  new RegExp(`^${NAME}(?=\\s+(?:is|are)\\s+(?:a|an|the)\\s)`),
  new RegExp(
    `\\b(?:${w('nuestro producto|notre produit|unser produkt|nosso produto|il nostro prodotto|ons product')}) (?:es|se llama|est|s'appelle|ist|heißt|heisst|é|se chama|è|si chiama|is|heet) ${NAME}`,
  ),
];
const DESCRIPTION_PATTERNS = [
  /,\s*(an? (?:[\w-]+ ){0,5}(?:tool|platform|app|software|service|solution|system|crm|marketplace|api|assistant|product)\b[^.;!?\n]*)/i,
  /\b(?:is|are) (an? (?:[\w-]+ ){0,5}(?:tool|platform|app|software|service|solution|system|crm|marketplace|api|assistant|product)\b[^.;!?\n]*)/i,
  /\b(?:it|we) (helps?|lets|allows|enables|automates|makes it easy)\b([^.;!?\n]*)/i,
  /\bdescription\s*:\s*([^.;!?\n]+)/i,
];
const LISTED_VALUE =
  /\b(?:value propositions?|benefits?|advantages?|key points?|selling points?|usps?)\s*(?:are|is|:)\s*([^.!?\n]+)/gi;
const STATED_VALUE =
  /\b(?:it|we|our (?:product|platform|tool)) (saves?|reduces?|cuts?|increases?|boosts?|improves?|doubles?|halves?|eliminates?|removes?|speeds? up|automates?|gets?|gives?)\b([^.;!?\n]*)/gi;
const BULLET = /^\s*[-•*]\s+(.+)$/gm;
const IDEAL_PATTERNS = [
  /\b(?:our )?ideal customers? (?:is|are|would be)\s+([^.;!?\n]+)/i,
  /\bour (?:customers|clients|buyers|users) are\s+([^.;!?\n]+)/i,
  /\b(?:targeting|we target|we sell to|we work with|aimed at|designed for|built for|made for)\s+([^.;!?\n]+)/i,
  /\b(?:tool|platform|app|software|service|solution|product) for\s+([^.;!?\n]+)/i,
];
const TONE_WORDS =
  'formal|friendly|casual|professional|playful|enthusiastic|direct|warm|informal|conversational|concise|witty|serious|relaxed|upbeat|polite';
const TONES = `((?:${TONE_WORDS})(?:(?:,\\s*|\\s+and\\s+|\\s+but\\s+)(?:${TONE_WORDS}))*)`;
const TONE_PATTERNS = [
  new RegExp(`\\btone\\s*(?:is|should be|:|of voice is|of voice should be)?\\s*${TONES}`, 'i'),
  new RegExp(`\\b(?:keep it|be|sound|write in an?|use an?|make it)\\s+${TONES}`, 'i'),
  new RegExp(`\\b${TONES}\\s+tone\\b`, 'i'),
];
const PIVOT =
  /\b(?:we (?:pivoted|switched|moved|shifted|changed focus|refocused) (?:to|towards|into)|now we (?:only )?(?:focus on|serve|sell to|target)|we now (?:only )?(?:focus on|serve|sell to|target))\s+([^.;!?\n]+)/i;
const DROP =
  /\b(?:we no longer|we don'?t|we do not|we stopped) (?:serve|sell to|target|work with)\s+([^.;!?\n]+)/i;

export function extractStatements(message: string): Statements {
  const text = message.replace(/\r/g, '');
  const pivot = PIVOT.exec(text);
  const drop = DROP.exec(text);
  const ideal = firstGroup(IDEAL_PATTERNS, text);
  return {
    product: tidyName(firstGroup(PRODUCT_PATTERNS, text)),
    description: description(text),
    valuePropositions: valuePropositions(text),
    industries: findIndustries(text.replace(PIVOT, ' ').replace(DROP, ' ')),
    pivotIndustries: pivot ? findIndustries(pivot[1]) : null,
    droppedIndustries: drop ? findIndustries(drop[1]).map((i) => i.toLowerCase()) : [],
    idealCustomer: ideal ? tidyPhrase(ideal) : null,
    tone: firstGroup(TONE_PATTERNS, text)?.toLowerCase() ?? null,
  };
}

function firstGroup(patterns: RegExp[], text: string): string | null {
  for (const re of patterns) {
    const m = re.exec(text);
    if (m) return clean(m[m.length - 1]);
  }
  return null;
}

function tidyName(name: string | null): string | null {
  const n = clean(name).replace(/[,.;:!?]+$/, '');
  return n && !/^(a|an|the|it|we|our)$/i.test(n) ? n : null;
}

function tidyPhrase(phrase: string): string | null {
  const p = clean(phrase.split(STOP)[0]).replace(/[,.;:]+$/, '');
  return p.length >= 3 ? p : null;
}

function description(text: string): string | null {
  for (const re of DESCRIPTION_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const d = clean(m.slice(1).join(' ')).replace(/[,.;:]+$/, '');
    if (d.length >= 8) return d.length > 200 ? `${cutText(d, 199)}…` : d;
  }
  return null;
}

function valuePropositions(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(LISTED_VALUE)) found.push(...m[1].split(/\s*(?:[,;]|\band\b)\s*/));
  for (const m of text.matchAll(STATED_VALUE)) {
    // "it saves 5 hours and doubles reply rates" → two propositions.
    found.push(...`${m[1]}${m[2]}`.split(/(?:,\s*|\s+and\s+)(?=(?:it\s+|we\s+)?[a-z]+s\b)/));
  }
  for (const m of text.matchAll(BULLET)) found.push(m[1]);
  const out: string[] = [];
  for (const item of found) {
    const v = clean(item)
      .replace(/^(to|that|it|we)\s+/i, '')
      .replace(/[,.;:]+$/, '');
    if (v.length >= 6 && !out.some((o) => o.toLowerCase() === v.toLowerCase())) {
      out.push(v.length > 140 ? `${cutText(v, 139)}…` : v);
    }
  }
  return out.slice(0, 6);
}

/**
 * Surface changes that must not change a reply's label (issue 7: the test half's missed and false opt-outs are
 * replies that differ from dev ones in form, not in meaning). Each is applied deterministically to a reply.
 * The typo never falls in a word some rule matched (a signal's hit, or a reply that is a keyword alone): a typo
 * there is a different question — reading a misspelt "abmelden" or "unsubscribe" needs that misspelling in
 * normalise-text.ts's table, one seen spelling at a time, since a fuzzy match on opt-out words would make false
 * opt-outs — while a typo in a word no rule reads must change nothing the rules decide.
 */
import { readSignals } from '../../libs/providers/src/local-llm/classify/match-signals';
import { normaliseText } from '../../libs/providers/src/local-llm/classify/normalise-text';
import { prepareReply } from '../../libs/providers/src/local-llm/classify/prepare-reply';
import { OPT_OUT_KEYWORD } from '../../libs/providers/src/local-llm/classify/signals';
import type { LabelledReply } from './split';

export interface Perturbation {
  name: string;
  /**
   * The reply's text changed, or null when the change does not apply to it (left out of the counts). `plain`:
   * the reply has no quoted part, forward or signature of its own (isolate-reply cuts nothing).
   */
  apply: (reply: LabelledReply, plain: boolean) => string | null;
}

const GREETING: Record<string, string> = {
  en: 'Hi Dana,',
  fr: 'Bonjour,',
  de: 'Hallo,',
  es: 'Hola,',
  pt: 'Olá,',
  it: 'Ciao,',
  nl: 'Hallo,',
  pl: 'Dzień dobry,',
  tr: 'Merhaba,',
  id: 'Halo,',
  ru: 'Здравствуйте,',
  sv: 'Hej,',
  da: 'Hej,',
  nb: 'Hei,',
  ro: 'Bună ziua,',
  cs: 'Dobrý den,',
};

const SIGN_OFF: Record<string, string> = {
  en: 'Thanks,\nMark',
  fr: 'Cordialement\nM. Dupont',
  de: 'Viele Grüße\nJonas Becker',
  es: 'Saludos,\nLucía Romero',
  pt: 'Obrigado,\nJoão Silva',
  it: 'Cordiali saluti\nMarco Rossi',
  nl: 'Met vriendelijke groet,\nSanne de Vries',
};

const NEGATIVE = new Set(['unsubscribe', 'not_interested', 'wrong_person']);

const LETTER = /\p{L}/u;

/** The words some rule matched in the reply (its signals' hits), or null when the whole reply is a keyword. */
function wordsTheRulesRead(text: string): string | null {
  const prepared = prepareReply({ text });
  if (OPT_OUT_KEYWORD.test(prepared.normalised) || OPT_OUT_KEYWORD.test(prepared.core)) return null;
  return readSignals(prepared)
    .hits.map((h) => h.text)
    .join(' ');
}

/** One keystroke: the middle letter of the longest word of 8+ letters that no rule matched, dropped. */
function typo(text: string): string | null {
  const read = wordsTheRulesRead(text);
  if (read === null) return null;
  const words = [...text.matchAll(/\p{L}{8,}/gu)].filter((m) => !read.includes(normaliseText(m[0])));
  if (words.length === 0) return null;
  const longest = words.reduce((a, b) => (b[0].length > a[0].length ? b : a));
  const at = (longest.index ?? 0) + Math.floor(longest[0].length / 2);
  return LETTER.test(text[at]) ? text.slice(0, at) + text.slice(at + 1) : null;
}

const FINAL_PUNCTUATION = /[.!?。！？]+(\s*)$/u;

export const SURFACE_PERTURBATIONS: Perturbation[] = [
  { name: 'ALL CAPS', apply: (r) => r.text.toUpperCase() },
  { name: 'all lowercase', apply: (r) => r.text.toLowerCase() },
  {
    name: 'accents stripped',
    apply: (r) =>
      r.text
        .normalize('NFD')
        .replace(/([A-Za-z])[\u0300-\u036f]+/g, '$1')
        .normalize('NFC'),
  },
  {
    name: 'final punctuation removed',
    apply: (r) => (FINAL_PUNCTUATION.test(r.text) ? r.text.replace(FINAL_PUNCTUATION, '$1') : null),
  },
  {
    name: 'final punctuation doubled',
    apply: (r) => {
      const end = r.text.trimEnd();
      if (end.endsWith('?')) return `${end}?`;
      return /[.!]$/.test(end) ? end.replace(/[.!]+$/, '!!') : null;
    },
  },
  {
    name: "greeting in the reply's language",
    apply: (r) => (GREETING[r.lang] ? `${GREETING[r.lang]}\n${r.text}` : null),
  },
  {
    name: "sign-off and name in the reply's language",
    apply: (r) => `${r.text}\n\n${SIGN_OFF[r.lang] ?? SIGN_OFF.en}`,
  },
  { name: 'Sent from my iPhone', apply: (r) => `${r.text}\n\nSent from my iPhone` },
  { name: 'typo in a long word (no keyword)', apply: (r) => typo(r.text) },
  { name: '"pls" added', apply: (r) => `${r.text.trimEnd()} pls` },
  { name: '"thx" added', apply: (r) => `${r.text.trimEnd()} thx` },
  {
    name: '👍 appended (labels not negative)',
    apply: (r) => (NEGATIVE.has(r.label) ? null : `${r.text.trimEnd()} 👍`),
  },
  {
    name: 'line breaks → spaces',
    apply: (r, plain) => (plain && r.text.includes('\n') ? r.text.replace(/\s*\n\s*/g, ' ') : null),
  },
  {
    name: 'sentences → lines',
    apply: (r) => (/[.!?] +\p{L}/u.test(r.text) ? r.text.replace(/([.!?]) +(?=\p{L})/gu, '$1\n') : null),
  },
];

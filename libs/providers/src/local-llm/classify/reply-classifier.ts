import type { ClassifyReplyInput, ReplyClassification, ReplyLabel } from '../../llm/llm-tasks';
import { readBesideAbsence } from './absence-aside';
import { combineWithModel, decideByRules, type Decision } from './decide-label';
import { readSignals, type SignalHit } from './match-signals';
import { builtInReplyModel } from './model/built-in-model';
import type { ReplyModel } from './model/reply-model';
import { prepareReply } from './prepare-reply';
import { extractReferral } from './referral';
import { completeReferral, referralBelow } from './referral-below';
import { keywordNotSent } from './keyword-talked-about';
import { extractReturnDate } from './return-date';
import { OPT_OUT_EMOJI, OPT_OUT_KEYWORD, capitalStopLookAlike } from './signals';

/**
 * The local reply classifier (issue 7): the new text is isolated (quotes, forwards, signatures cut), normalised
 * and scored by weighted multilingual signals; precedence rules pick the label when a signal is confident (an
 * explicit opt-out first, then an away reply unless the person left, wrong person, a timing objection, a meeting,
 * a refusal, interest). Otherwise — a bare question mark, weak cues, no intent at all — the trained fallback
 * (naive Bayes, model/) is weighed with the rule scores; it decides an opt-out alone only when sure of it, and
 * what it decides alone carries a confidence of 0.55 at most. Deterministic, no network.
 */

const AUTO_SUBJECT =
  /\b(automatic reply|auto[- ]?reply|autoreply|out of (the )?office|abwesenheit|automatische antwort|r[ée]ponse automatique|absence|respuesta autom[áa]tica|fuera de la oficina|resposta autom[áa]tica|risposta automatica|fuori ufficio|automatisch antwoord|afwezig)\b/i;
/** A letter or digit of the normalised text: Latin, Greek, Cyrillic, Hebrew, Arabic, Devanagari, Thai, kana, CJK or Hangul (a reply without one has no words). */
const WORD_CHARACTER =
  /[a-z0-9\u0370-\u03ff\u0400-\u04ff\u05d0-\u05ea\u0600-\u06ff\u0904-\u0939\u0958-\u0961\u0966-\u096f\u0e01-\u0e30\u0e32\u0e33\u0e40-\u0e46\u0e50-\u0e59\u3041-\u30ff\u4e00-\u9fff\uac00-\ud7af]/;
/**
 * "STOP" written in capitals, not "DON'T STOP", "STOP BY" nor the keyword named ("STOP replies", "a STOP request",
 * "Is STOP handling automatic?", "STOP, UNSUBSCRIBE and CANCEL keywords", "STOP/END", "les STOP reçus", "als een
 * klant STOP antwoordt": a verb or participle of the others after it), nor asked about ("STOP WHAT"), nor a word of a
 * compound ("a STOP-START-CONTINUE retro", "STOP-LOSS orders").
 */
const CAPITAL_STOP =
  /(?<!(DON'?T|DO NOT|NEVER|PLEASE DON'?T)\s+)(?<![-\w])STOP(ALL)?\b(?!-[A-Za-z])(?![-\s]+(BY|IN|OVER|AT|SHOP)\b)(?!\s+WHAT\b[\s?!.]*$)(?!\s+([Ww]as|[Ww]ere|[Hh]as been|[Ii]s (received|detected|sent|on file)|[Ww]orks?|[Kk]eywords?|[Cc]ommands?|[Dd]oes|[Rr]epl(y|ies)|[Rr]equests?|[Ww]ords?|[Ll]inks?|[Bb]uttons?|[Oo]ptions?|[Ss]igns?|[Hh]andling|[Mm]essages?|[Tt]exts?|[Cc]ompliance|[Rr]ates?|[Ff]eatures?|[Ss]ettings?|[Ss]upport|[Pp]rocessing|[Ll]ogic)\b)(?!\s+(re[çc]us?|re[çc]ues?|recibid[oa]s?|ricevut[ie]|recebid[oa]s?|erhaltenen?|ontvangen|antwoordt|stuurt|schrijft|antwortet|schreibt|sendet|schickt|r[ée]pond|envoie|[ée]crit|responde|contesta|env[ií]a|escribe|risponde|scrive|invia|escreve|manda)\b)(?!\s*(,|\/|\bor\b|\band\b)\s*["'“‘]?(UNSUBSCRIBE|CANCEL|END|QUIT|STOPALL|OPT[- ]?OUT|HELP|START|UNSTOP)\b)/;

/**
 * A reply written all in capitals ("CAN YOU STOP THE RECORDING?", "STOP FOR NOW, TRY AGAIN IN MARCH"): its STOP
 * stands out from nothing, so it is read as the same words in lower case would be; at least four in five of its
 * cased letters are capitals.
 */
function writtenInCapitals(body: string): boolean {
  const upper = body.match(/\p{Lu}/gu)?.length ?? 0;
  const lower = body.match(/\p{Ll}/gu)?.length ?? 0;
  return upper >= 4 * lower;
}

/**
 * The keyword of another language in capitals as the reply's first sentence, more following ("BAJA. Y decídselo
 * también a vuestra empresa asociada", "PARE. e avisem a empresa parceira", "STOPP! Und löschen Sie …").
 */
const LEADING_CAPITAL_KEYWORD = /^\s*(BAJA|PARE|STOPP|ARR[ÊE]T|ARR[ÊE]TEZ|ABMELDEN|AFMELDEN)\s*[.!]+(\s|$)/;

function capitalStop(body: string): boolean {
  if (LEADING_CAPITAL_KEYWORD.test(body) && !writtenInCapitals(body)) return true;
  if (writtenInCapitals(body)) return false;
  const m = CAPITAL_STOP.exec(body);
  return (
    m !== null &&
    !keywordNotSent(body, m.index, m[0].length) &&
    !capitalStopLookAlike(body, m.index, m[0].length)
  );
}

/** The reply classified, with the first day back of an out-of-office reply (which loads chrono-node: see return-date). */
export async function classifyReplyText(
  input: ClassifyReplyInput,
  model: ReplyModel | null = builtInReplyModel(),
): Promise<ReplyClassification> {
  const { classification, body } = decide(input, model);
  if (classification.label !== 'out_of_office') return classification;
  const returnDate = await extractReturnDate(
    body,
    classification.language,
    input.received_at,
    input.timezone,
  );
  return { ...classification, return_date: returnDate };
}

/**
 * The reply classified without its return date (always null), synchronously: for those that read only the label,
 * confidence and reason (the local agent, a raw prompt's verdict).
 */
export function labelReplyText(
  input: ClassifyReplyInput,
  model: ReplyModel | null = builtInReplyModel(),
): ReplyClassification {
  return decide(input, model).classification;
}

function decide(
  input: ClassifyReplyInput,
  model: ReplyModel | null,
): { classification: ReplyClassification; body: string } {
  const prepared = prepareReply(input);
  const { isolated, body, normalised, language } = prepared;
  const result = (label: ReplyLabel, confidence: number, reason: string) => ({
    body,
    classification: {
      label,
      confidence: Math.round(confidence * 100) / 100,
      reason,
      return_date: null,
      referral:
        label === 'wrong_person'
          ? completeReferral(extractReferral(body), referralBelow(isolated, body))
          : null,
      language,
    },
  });

  if (/^\?+$/.test(normalised)) return result('question', 0.45, 'Question: a bare question mark.');
  const subjectOptOut = () =>
    result('unsubscribe', 0.9, `Unsubscribe: the subject asks it ("${(input.subject ?? '').slice(0, 40)}").`);
  if (!WORD_CHARACTER.test(normalised)) {
    if (asksToStopInSubject(input.subject)) return subjectOptOut();
    if (OPT_OUT_EMOJI.test(body))
      return result('unsubscribe', 0.9, 'Unsubscribe: only stop-sign emoji, the keyword without words.');
    const subjectOnly = input.subject && AUTO_SUBJECT.test(input.subject);
    if (subjectOnly)
      return result('out_of_office', 0.7, 'Out of office: the subject says it is an automatic reply.');
    const nothing = isolated.cuts.some((c) => c === 'quote' || c === 'forward')
      ? 'Neutral: no new text above the quoted history.'
      : 'Neutral: nothing written besides a signature.';
    return result('neutral', 0.6, body ? 'Neutral: only emoji or punctuation.' : nothing);
  }
  const { core } = prepared;
  if (!WORD_CHARACTER.test(core) && OPT_OUT_EMOJI.test(core))
    return result('unsubscribe', 0.9, 'Unsubscribe: only stop-sign emoji besides a greeting or thanks.');
  if (OPT_OUT_KEYWORD.test(normalised) || OPT_OUT_KEYWORD.test(core) || capitalStop(body)) {
    return result('unsubscribe', 0.97, `Unsubscribe: an opt-out keyword ("${body.trim().slice(0, 40)}").`);
  }

  const autoSubject = Boolean(input.subject && AUTO_SUBJECT.test(input.subject));
  const read = readSignals(prepared);
  const { scores, hits, optOutSetAside } = autoSubject ? read : readBesideAbsence(prepared, read);
  if (autoSubject) scores.out_of_office += 3;
  const ruled = decideByRules(scores, hits);
  if (ruled.label === 'neutral' && asksToStopInSubject(input.subject)) return subjectOptOut();
  const optOutCue = scores.unsubscribe > 0;
  const decision =
    ruled.firm || !model
      ? ruled
      : combineWithModel(
          ruled,
          scores,
          model.probabilities(normalised, hits),
          optOutCue,
          hits.length === 0 && !optOutSetAside,
          wordCount(normalised),
        );
  const confidence = confidenceOf(decision, scores);
  return result(decision.label, confidence, reasonFor(decision, hits, isolated.cuts));
}

/** Words of a normalised text: runs of letters and digits, each Chinese or Japanese character one. */
function wordCount(normalised: string): number {
  return (normalised.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+/gu) ?? [])
    .length;
}

/** "Re:", "AW:", "Fwd:"…: the subject of the message answered, which the writer did not choose. */
const ANSWERED_SUBJECT = /^\s*(re|aw|sv|vs|ref|rif|antw|fw|fwd|wg|tr|rv|enc|i)\s*(\[\d+\]|\(\d+\))?\s*:/i;

/**
 * A subject of the writer's own ("Unsubscribe me", "Please remove", "STOP emailing me") that asks to stop, above
 * a body that says nothing else ("Hi", only a signature). A subject answered with "Re:" is ours echoed ("Re:
 * stop wasting time on bad leads") and an automatic reply's is not a person's.
 */
function asksToStopInSubject(subject: string | null | undefined): boolean {
  if (!subject || ANSWERED_SUBJECT.test(subject) || AUTO_SUBJECT.test(subject)) return false;
  const prepared = prepareReply({ text: subject });
  return (
    OPT_OUT_KEYWORD.test(prepared.normalised) ||
    capitalStop(prepared.body) ||
    readSignals(prepared).scores.unsubscribe >= 3
  );
}

const LABEL_TEXT: Record<ReplyLabel, string> = {
  interested: 'Interested',
  meeting_request: 'Meeting request',
  question: 'Question',
  not_now: 'Not now',
  not_interested: 'Not interested',
  out_of_office: 'Out of office',
  wrong_person: 'Wrong person',
  unsubscribe: 'Unsubscribe',
  neutral: 'Neutral',
};

function reasonFor(decision: Decision, hits: SignalHit[], cuts: string[]): string {
  const hit = hits
    .filter((h) => h.signal.label === decision.label && h.signal.weight > 0)
    .sort((a, b) => b.signal.weight - a.signal.weight)[0];
  const model = decision.probability === null ? '' : `, model ${decision.probability.toFixed(2)}`;
  const evidence = `${hit ? `${hit.signal.name} ("${hit.text.slice(0, 50)}")` : decision.rule}${model}`;
  const scope = cuts.includes('bottom-posted')
    ? ' in the new text below the quoted part'
    : cuts.some((c) => c === 'quote' || c === 'forward')
      ? ' in the new text above the quoted part'
      : '';
  return `${LABEL_TEXT[decision.label]}: ${evidence}${scope}.`;
}

/**
 * A firm rule: from the winning score and the runner-up. A weak cue the model confirms: up to 0.85. The model
 * alone, or a neutral answer without an acknowledgement: at most 0.55 (low information; downstream the AI does
 * not auto-reply below 0.6).
 */
function confidenceOf(decision: Decision, scores: Record<ReplyLabel, number>): number {
  const win = scores[decision.label];
  const second = Math.max(
    ...Object.entries(scores)
      .filter(([l]) => l !== decision.label)
      .map(([, v]) => v),
  );
  if (decision.firm) return clamp(0.45 + 0.1 * Math.min(win, 5) - 0.06 * Math.min(second, 5), 0.3, 0.97);
  const p = decision.probability ?? 0.5;
  if (win <= 0 || (decision.label === 'neutral' && win < 2)) return clamp(0.2 + 0.4 * p, 0.2, 0.55);
  return clamp(0.4 + 0.1 * Math.min(win, 3) + 0.2 * p - 0.05 * Math.min(second, 3), 0.3, 0.85);
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

import type { ClassifyReplyInput, ReplyClassification, ReplyLabel } from '../../llm/llm-tasks';
import { detectLanguage } from './detect-language';
import { isolateReply } from './isolate-reply';
import { matchSignals, type SignalHit } from './match-signals';
import { normaliseText, words } from './normalise-text';
import { extractReferral } from './referral';
import { extractReturnDate } from './return-date';
import { BARE_STOP, NEAR_TIME_SIGNALS, OPT_OUT_KEYWORD } from './signals';

/**
 * The local reply classifier (issue 7): the new text is isolated (quotes, forwards, signatures cut), normalised
 * and scored by weighted multilingual signals; precedence rules pick the label: an explicit opt-out first, then an
 * away reply (unless the person left), wrong person, a timing objection, a meeting, a refusal, interest, a
 * question, else neutral. Deterministic, no network.
 */

const AUTO_SUBJECT =
  /\b(automatic reply|auto[- ]?reply|autoreply|out of (the )?office|abwesenheit|automatische antwort|r[ée]ponse automatique|absence|respuesta autom[áa]tica|fuera de la oficina|resposta autom[áa]tica|risposta automatica|fuori ufficio|automatisch antwoord|afwezig)\b/i;
/** "STOP" written in capitals, not "DON'T STOP" nor "STOP BY". */
const CAPITAL_STOP =
  /(?<!(DON'?T|DO NOT|NEVER|PLEASE DON'?T)\s+)(?<![-\w])STOP(ALL)?\b(?![-\s]+(BY|IN|OVER|AT|SHOP)\b)/;
/** "Your email said reply STOP to opt out, but…": the keyword is mentioned, not sent. */
const KEYWORD_MENTIONED = /\b(reply|replied|text|send|type|say|said|write|with|word)\s*["'“‘]?$/i;

function capitalStop(body: string): boolean {
  const m = CAPITAL_STOP.exec(body);
  return m !== null && !KEYWORD_MENTIONED.test(body.slice(Math.max(0, m.index - 12), m.index));
}

type Decision = { label: ReplyLabel; rule: string };

const MAX_BODY = 20_000;
const MAX_NEW_TEXT = 4_000;

export function classifyReplyText(input: ClassifyReplyInput): ReplyClassification {
  // Bounded work on any input: the new text of a reply is short; what lies beyond is history or noise.
  const isolated = isolateReply((input.text ?? '').slice(0, MAX_BODY));
  const body = (isolated.text || isolated.forwarded || '').slice(0, MAX_NEW_TEXT);
  const normalised = normaliseText(body);
  const language = detectLanguage(body, words(normalised));
  const result = (label: ReplyLabel, confidence: number, reason: string): ReplyClassification => ({
    label,
    confidence: Math.round(confidence * 100) / 100,
    reason,
    return_date:
      label === 'out_of_office' ? extractReturnDate(body, language, input.received_at, input.timezone) : null,
    referral: label === 'wrong_person' ? extractReferral(body) : null,
    language,
  });

  if (!/[a-z0-9]/.test(normalised)) {
    const subjectOnly = input.subject && AUTO_SUBJECT.test(input.subject);
    if (subjectOnly)
      return result('out_of_office', 0.7, 'Out of office: the subject says it is an automatic reply.');
    const nothing = isolated.cuts.some((c) => c === 'quote' || c === 'forward')
      ? 'Neutral: no new text above the quoted history.'
      : 'Neutral: nothing written besides a signature.';
    return result('neutral', 0.6, body ? 'Neutral: only emoji or punctuation.' : nothing);
  }
  if (OPT_OUT_KEYWORD.test(normalised) || capitalStop(body)) {
    return result('unsubscribe', 0.97, `Unsubscribe: an opt-out keyword ("${body.trim().slice(0, 40)}").`);
  }

  const { scores, hits } = matchSignals(maskQuotations(normalised));
  if (input.subject && AUTO_SUBJECT.test(input.subject)) scores.out_of_office += 3;
  const decision = decide(scores, hits);
  const win = scores[decision.label];
  const second = Math.max(
    ...Object.entries(scores)
      .filter(([l]) => l !== decision.label)
      .map(([, v]) => v),
  );
  const confidence =
    decision.label === 'neutral' && win === 0
      ? 0.5
      : clamp(0.45 + 0.1 * Math.min(win, 5) - 0.06 * Math.min(second, 5), 0.3, 0.97);
  return result(decision.label, confidence, reasonFor(decision, hits, isolated.cuts));
}

function decide(s: Record<ReplyLabel, number>, hits: SignalHit[]): Decision {
  const optOuts = hits.filter((h) => h.signal.label === 'unsubscribe' && h.signal.weight >= 3);
  // "Stop! This is exactly what we need" — an exclamation, not a request, when nothing else asks to stop.
  const onlyExclamation = optOuts.length === 1 && optOuts[0].signal.name === BARE_STOP;
  if (s.unsubscribe >= 3 && !(onlyExclamation && s.interested >= 3 && s.not_interested === 0)) {
    return { label: 'unsubscribe', rule: 'a request to stop contact' };
  }
  if (s.neutral >= 5) return { label: 'neutral', rule: 'a receipt or automatic acknowledgement' };
  // "Left the company" / "not the right person" outweighs an away notice; a mere "please contact Jane" does not.
  if (hits.some((h) => h.signal.label === 'wrong_person' && h.signal.weight >= 4)) {
    return { label: 'wrong_person', rule: 'the person left or is not the contact' };
  }
  if (s.out_of_office >= 3) return { label: 'out_of_office', rule: 'an away reply' };
  if (s.wrong_person >= 3) return { label: 'wrong_person', rule: 'points to someone else' };
  const nearMeeting = hits.some(
    (h) => h.signal.label === 'meeting_request' && NEAR_TIME_SIGNALS.has(h.signal.name),
  );
  if (s.not_now >= 3 && s.not_now >= s.interested && !(nearMeeting && s.meeting_request >= s.not_now))
    return { label: 'not_now', rule: 'a timing objection' };
  if (s.meeting_request >= 3 && s.meeting_request > s.not_interested)
    return { label: 'meeting_request', rule: 'about a call or meeting' };
  if (s.not_interested >= 3 && s.not_interested >= s.interested)
    return { label: 'not_interested', rule: 'a refusal' };
  if (s.interested >= 3) return { label: 'interested', rule: 'positive interest' };
  if (s.question >= 2) return { label: 'question', rule: 'a question without stated interest' };
  if (s.interested >= 2) return { label: 'interested', rule: 'mild positive interest' };
  if (s.not_interested >= 2) return { label: 'not_interested', rule: 'a refusal' };
  if (s.meeting_request >= 2) return { label: 'meeting_request', rule: 'about a call or meeting' };
  if (s.not_now >= 2) return { label: 'not_now', rule: 'a timing objection' };
  if (s.question >= 1 && s.neutral === 0)
    return { label: 'question', rule: 'a question without stated interest' };
  return { label: 'neutral', rule: s.neutral > 0 ? 'an acknowledgement' : 'no intent found' };
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
  const evidence = hit ? `${hit.signal.name} ("${hit.text.slice(0, 50)}")` : decision.rule;
  const scope = cuts.some((c) => c === 'quote' || c === 'forward')
    ? ' in the new text above the quoted part'
    : '';
  return `${LABEL_TEXT[decision.label]}: ${evidence}${scope}.`;
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/**
 * Words inside quotation marks are mentioned, not meant ('our reps read "not interested" all day'): they are
 * blanked before matching (the marks stay), unless the quotation is the whole message.
 */
function maskQuotations(text: string): string {
  const masked = text.replace(/"([^"\n]{1,120})"/g, (_, inner: string) => `"${' '.repeat(inner.length)}"`);
  return /[a-z]/.test(masked) ? masked : text;
}

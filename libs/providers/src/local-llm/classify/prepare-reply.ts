import type { ClassifyReplyInput } from '../../llm/llm-tasks';
import { detectLanguage } from './detect-language';
import { isolateReply, type IsolatedReply } from './isolate-reply';
import { normaliseText, words } from './normalise-text';

/** What the classifier reads of a reply: its new text (quotes, forwards, signatures cut), normalised. */
export interface PreparedReply {
  isolated: IsolatedReply;
  /** The new text as written (or the forwarded message when the note on top is empty). */
  body: string;
  /** `body` lowercased, without accents, contractions spelled out, typos fixed (see normalise-text). */
  normalised: string;
  /** `normalised` with quoted words blanked: what the rules match. */
  matchable: string;
  language: string | null;
}

const MAX_BODY = 20_000;
const MAX_NEW_TEXT = 4_000;

/** Bounded work on any input: the new text of a reply is short; what lies beyond is history or noise. */
export function prepareReply(input: Pick<ClassifyReplyInput, 'text'>): PreparedReply {
  const isolated = isolateReply((input.text ?? '').slice(0, MAX_BODY));
  const body = (isolated.text || isolated.forwarded || '').slice(0, MAX_NEW_TEXT);
  const normalised = normaliseText(body);
  return {
    isolated,
    body,
    normalised,
    matchable: maskQuotations(normalised),
    language: detectLanguage(body, words(normalised)),
  };
}

/**
 * Words inside quotation marks are mentioned, not meant ('our reps read "not interested" all day'): they are
 * blanked before matching (the marks stay), unless the quotation is the whole message.
 */
function maskQuotations(text: string): string {
  const masked = text.replace(/"([^"\n]{1,120})"/g, (_, inner: string) => `"${' '.repeat(inner.length)}"`);
  return /[a-z]/.test(masked) ? masked : text;
}

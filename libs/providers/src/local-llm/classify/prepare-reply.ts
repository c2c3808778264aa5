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
    matchable: maskQuotations(normaliseText(nameOthers(body))),
    language: detectLanguage(body, words(normalised)),
  };
}

/** A capitalised word that is a pronoun, a determiner or a courtesy after "remove", not somebody's name. */
const NOT_A_NAME =
  /^(Me|Us|My|Our|This|That|The|These|Those|All|Any|It|Them|Your|You|Everyone|Everybody|Anyone|Off|From|Out|Please|Pls|Now|Immediately|Asap|Myself)$/;
const NAMED_OBJECT =
  /\b(remove|delete|take|drop|unsubscribe|erase|scrub|strike|cross)\s+([A-Z][a-z]+)((?:\s+[A-Z][a-z]+)?)(?=\s+(from|off)\b)/g;

/** "stop emailing Jack, he left": a name right after a contact verb, then the clause ends or goes on about them. */
const NAMED_CONTACTED =
  /\b(emailing|e-mailing|calling|texting|contacting|messaging|ringing|bothering|pestering|chasing|writing to)\s+([A-Z][a-z]+)((?:\s+[A-Z][a-z]+)?)(?=\s*([,.;!?]|$)|\s+(he|she|they|who|as|since|because|from now|about)\b)/gm;
const CALENDAR_WORD =
  /^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Again|Anymore|Already|Everyone|Today|Tonight|Tomorrow|Thanks|Thank)$/;

/**
 * A person named as the one to remove ("remove Ben from the list", "take Anna Klein off") or as the one to stop
 * contacting ("stop emailing Jack, he left") is somebody else, not the writer: the rules read "a colleague" there,
 * which the look-alike guards know.
 */
function nameOthers(body: string): string {
  return body
    .replace(NAMED_OBJECT, (whole, verb: string, first: string) =>
      NOT_A_NAME.test(first) ? whole : `${verb} a colleague`,
    )
    .replace(NAMED_CONTACTED, (whole, verb: string, first: string) =>
      NOT_A_NAME.test(first) || CALENDAR_WORD.test(first) ? whole : `${verb} a colleague`,
    );
}

/**
 * Words inside quotation marks are mentioned, not meant ('our reps read "not interested" all day'): they are
 * blanked before matching (the marks stay), unless the quotation is the whole message.
 */
function maskQuotations(text: string): string {
  const masked = text.replace(/"([^"\n]{1,120})"/g, (_, inner: string) => `"${' '.repeat(inner.length)}"`);
  return /[a-z]/.test(masked) ? masked : text;
}

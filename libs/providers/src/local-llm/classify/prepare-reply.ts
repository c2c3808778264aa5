import type { ClassifyReplyInput } from '../../llm/llm-tasks';
import { detectLanguage } from './detect-language';
import { dropCourtesies } from './courtesy-words';
import { isolateReply, type IsolatedReply } from './isolate-reply';
import { normaliseText, words } from './normalise-text';
import { optOutBelowSignature } from './opt-out-below-signature';

/** What the classifier reads of a reply: its new text (quotes, forwards, signatures cut), normalised. */
export interface PreparedReply {
  isolated: IsolatedReply;
  /** The new text as written (or the forwarded message when the note on top is empty). */
  body: string;
  /** `body` lowercased, without accents, contractions spelled out, typos fixed (see normalise-text). */
  normalised: string;
  /**
   * `normalised` without a first line that only greets ("Hi Dana,") or a closing "thx" (courtesy-words): what the
   * whole-message keywords match.
   */
  core: string;
  /** `core` with quoted words blanked and others' names read as "a colleague": what the rules match. */
  matchable: string;
  language: string | null;
}

const MAX_BODY = 20_000;
const MAX_NEW_TEXT = 4_000;

/** Bounded work on any input: the new text of a reply is short; what lies beyond is history or noise. */
export function prepareReply(input: Pick<ClassifyReplyInput, 'text'>): PreparedReply {
  const isolated = isolateReply((input.text ?? '').slice(0, MAX_BODY));
  const body = withOwnLineBelow(
    (isolated.text || isolated.forwarded || '').slice(0, MAX_NEW_TEXT),
    isolated.signature,
  );
  const normalised = normaliseText(body);
  const core = dropCourtesies(body);
  return {
    isolated,
    body,
    normalised,
    core: core === body ? normalised : normaliseText(core),
    matchable: maskQuotations(normaliseText(nameOthers(core))),
    language: detectLanguage(body, words(normalised)),
  };
}

/** The new text and, under it, an opt-out the writer wrote below their signature (opt-out-below-signature). */
function withOwnLineBelow(text: string, signature: string): string {
  const own = signature ? optOutBelowSignature(signature) : null;
  return own && !text.includes(own) ? `${text}\n\n${own}`.trim() : text;
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
 * The same in a reply with no capitals to tell a name by (all in lower case or all in capitals: "stop emailing
 * jack, he left", "STOP CALLING ANNA, SHE'S RETIRED"): any word, when the clause then says what he, she or they
 * is, did or does.
 */
const UNCASED_NAMED_CONTACTED =
  /\b(emailing|e-mailing|calling|texting|contacting|messaging|ringing|bothering|pestering|chasing|writing to)\s+([a-z]+)(?=\s*[,;]?\s+(he|she|they|who)(['’](s|d|re)\b|\s+(is|was|has|had|left|moved|retired|no longer|does not|doesn't|isn't|works|handles|looks)\b))/gi;
const NOT_A_NAME_UNCASED = /^(him|her|his|here|there|people|folks|someone|somebody|us|me|them)$/i;

/** No capitals to tell a name by: the whole reply in lower case or in capitals. */
const uncased = (body: string) => !/\p{Lu}/u.test(body) || !/\p{Ll}/u.test(body);

/**
 * A person named as the one to remove ("remove Ben from the list", "take Anna Klein off") or as the one to stop
 * contacting ("stop emailing Jack, he left") is somebody else, not the writer: the rules read "a colleague" there,
 * which the look-alike guards know.
 */
function nameOthers(body: string): string {
  const named = uncased(body)
    ? body.replace(UNCASED_NAMED_CONTACTED, (whole, verb: string, first: string) => {
        const word = first[0].toUpperCase() + first.slice(1).toLowerCase();
        return NOT_A_NAME.test(word) || CALENDAR_WORD.test(word) || NOT_A_NAME_UNCASED.test(word)
          ? whole
          : `${verb} a colleague`;
      })
    : body;
  return named
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

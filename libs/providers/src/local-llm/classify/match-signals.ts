import type { ReplyLabel } from '../../llm/llm-tasks';
import { EVER_AFTER } from './opt-out-pause';
import { notTheWritersOptOut } from './opt-out-scope';
import type { PreparedReply } from './prepare-reply';
import { handedOverTo } from './referral';
import { handoverInSignature } from './referral-below';
import { GUARD_SIGNALS, NEGATION_BEFORE, SIGNALS, TEMPORAL_AFTER, type Signal } from './signals';
import { s } from './signals/signal';

export interface SignalHit {
  signal: Signal;
  /** The matched words, for the reason. */
  text: string;
}

export interface SignalScores {
  scores: Record<ReplyLabel, number>;
  hits: SignalHit[];
  /** An opt-out phrase matched and was set aside as not the writer's own request (opt-out-scope): no hit of it. */
  optOutSetAside?: boolean;
}

const emptyScores = (): Record<ReplyLabel, number> => ({
  interested: 0,
  meeting_request: 0,
  question: 0,
  not_now: 0,
  not_interested: 0,
  out_of_office: 0,
  wrong_person: 0,
  unsubscribe: 0,
  neutral: 0,
});

const globalCache = new WeakMap<RegExp, RegExp>();
function globalOf(re: RegExp): RegExp {
  let g = globalCache.get(re);
  if (!g) {
    g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    globalCache.set(re, g);
  }
  g.lastIndex = 0;
  return g;
}

/** Words that say when a request starts ("from today", "a partir de hoje"), before a time word. */
const STARTING = /\b(from|starting|as of|effective|a partir de|des|ab|vanaf|a partire da|desde)\s*$/;

/**
 * After "don't contact me", a limit in time ("before 10", "this week": TEMPORAL_AFTER), unless "or ever again"
 * follows it ("don't call me this week or ever again") or it says when the request starts ("from today").
 */
function limitedInTime(after: string): boolean {
  const limit = TEMPORAL_AFTER.exec(after);
  if (!limit) return false;
  if (STARTING.test(limit[0].slice(0, limit[0].length - limit[1].length))) return false;
  return !EVER_AFTER.test(after.slice(limit[0].length));
}

/**
 * Scores every label over the normalised text: guards run first and blank out what they match, then each signal
 * counts once (its first match that is neither negated nor, for temporal ones, limited in time); an opt-out phrase
 * counts only where it is the writer's own request (opt-out-scope).
 */
export function matchSignals(normalised: string): SignalScores {
  const scores = emptyScores();
  const hits: SignalHit[] = [];
  let optOutSetAside = false;
  let text = normalised;
  for (const guard of GUARD_SIGNALS) {
    const re = globalOf(guard.re);
    let matched = false;
    text = text.replace(re, (m) => {
      if (!matched) hits.push({ signal: guard, text: m.trim() });
      matched = true;
      return ' '.repeat(m.length);
    });
    if (matched) scores[guard.label] += guard.weight;
  }
  for (const sig of SIGNALS) {
    const re = globalOf(sig.re);
    const subject = sig.whole ? normalised : text;
    let m: RegExpExecArray | null;
    while ((m = re.exec(subject)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const before = subject.slice(Math.max(0, m.index - 40), m.index);
      const after = subject.slice(m.index + m[0].length, m.index + m[0].length + 60);
      if (sig.negatable && NEGATION_BEFORE.test(before)) continue;
      if (sig.temporal && limitedInTime(after)) continue;
      if (
        sig.label === 'unsubscribe' &&
        sig.weight > 0 &&
        notTheWritersOptOut(subject, m.index, m[0].length, normalised)
      ) {
        optOutSetAside = true;
        continue;
      }
      scores[sig.label] += sig.weight;
      hits.push({ signal: sig, text: m[0].trim() });
      break;
    }
  }
  return { scores, hits, optOutSetAside };
}

/** A hand-over to a named person, read on the text as written (names keep their capitals): a weak cue alone. */
const NAMED_HANDOVER = s('wrong_person', 2, 'hands over to a named person', /$^/);

/**
 * A hand-over line of the signature cut under the new text ("Not my department. -- Laura Bennett / Reception / New
 * business & partnerships: Tom Reid – tom.reid@…"): a weak cue alone, as a hand-over in the new text is.
 */
const HANDOVER_IN_SIGNATURE = s('wrong_person', 2, 'hands over in the signature', /$^/);
/** "This isn't for me" beside a hand-over: the subject belongs to someone else, it is not refused. */
const NOT_FOR_ME_HANDED_OVER = s('wrong_person', 1, 'not for me, handed over', /$^/);
const NOT_FOR_ME = /\b(not|isnt|is not) (really |quite )?for me\b/;

/**
 * Every rule signal of a prepared reply: the patterns over its normalised text, then the named hand-over (in the
 * new text, else in the signature under it).
 */
export function readSignals(
  reply: Pick<PreparedReply, 'matchable' | 'body'> & {
    isolated?: Pick<PreparedReply['isolated'], 'signature'>;
  },
): SignalScores {
  const result = matchSignals(reply.matchable);
  const name = handedOverTo(reply.body);
  const below = !name && reply.isolated ? handoverInSignature(reply.isolated.signature) : null;
  if (name) {
    result.scores.wrong_person += NAMED_HANDOVER.weight;
    result.hits.push({ signal: NAMED_HANDOVER, text: name });
  } else if (below) {
    result.scores.wrong_person += HANDOVER_IN_SIGNATURE.weight;
    result.hits.push({ signal: HANDOVER_IN_SIGNATURE, text: below.name ?? below.email ?? below.phone ?? '' });
  }
  if ((name || below) && NOT_FOR_ME.test(reply.matchable)) {
    result.scores.wrong_person += NOT_FOR_ME_HANDED_OVER.weight;
    result.hits.push({ signal: NOT_FOR_ME_HANDED_OVER, text: 'not for me' });
  }
  return result;
}

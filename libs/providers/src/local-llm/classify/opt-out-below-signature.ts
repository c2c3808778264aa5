import { matchSignals } from './match-signals';
import { normaliseText } from './normalise-text';

/**
 * The writer's own opt-out written under their signature or disclaimer ("-- / and please remove me from this list",
 * "… intended solely for the addressee. / Please remove me from future mailings."): their words again, as a
 * postscript is (isolate-reply). Only a line that asks it for the writer ("remove me", "take me off your list",
 * "stop emailing me"): a footer's notice speaks to its readers ("To unsubscribe, reply STOP", "If you are not the
 * intended recipient, please delete it", "Afmelden voor onze nieuwsbrief") and names nobody as "me".
 */

/** The writer named in the matched request or right after it ("unsubscribe me"). */
const THE_WRITER = /\b(me|my|myself|mich|mir|mij|moi)\b/;

/** A footer's notice to its readers: a condition, the reader's subscription, a link. */
const NOTICE =
  /\b(if you|you are receiving|you received|you have received|you receive|recipient|addressee|click|to (unsubscribe|opt out|stop receiving))\b/;

/** The line under the signature where the writer asks to be left alone, or null. */
export function optOutBelowSignature(signature: string): string | null {
  for (const line of signature.split('\n')) {
    const text = normaliseText(line);
    // Most signature lines name nobody as "me": they are not worth reading for signals.
    if (!THE_WRITER.test(text) || NOTICE.test(text)) continue;
    const { hits } = matchSignals(text);
    const own = hits.some(
      (h) =>
        h.signal.label === 'unsubscribe' &&
        h.signal.weight >= 3 &&
        THE_WRITER.test(text.slice(text.indexOf(h.text), text.indexOf(h.text) + h.text.length + 12)),
    );
    if (own) return line.trim();
  }
  return null;
}

/** A sentence's end: its punctuation, closing quotes or brackets, then a space or the end of the text. */
const SENTENCE_END = /[.!?…]+["'”’»)\]]*(?=\s|$)/g;

/** A sentence end this far into the limit (or further) is kept rather than a longer cut between words. */
const SENTENCE_FLOOR = 0.6;

/** Left at the end of a cut between words before the ellipsis: a dangling comma, colon or dash. */
const DANGLING = /[\s,;:–—-]+$/;

/**
 * A message body cut to fit `max` characters, never inside a word: at the last sentence end within the limit when
 * one is in its last 40%, else at the last word boundary, closed by "…" unless the cut ends a sentence. Null when
 * nothing readable fits (the first word alone is longer than the limit). A body within the limit is returned as is.
 */
export function fitBody(body: string, max: number): string | null {
  if (body.length <= max) return body;
  let sentenceEnd = 0;
  for (const match of body.matchAll(SENTENCE_END)) {
    const end = (match.index ?? 0) + match[0].length;
    if (end > max) break;
    sentenceEnd = end;
  }
  if (sentenceEnd >= max * SENTENCE_FLOOR) return body.slice(0, sentenceEnd);
  // Between words: the last space at or before the limit after which the words kept and the ellipsis still fit.
  for (let end = max + 1; end > 0;) {
    const space = body.slice(0, end).search(/\s\S*$/);
    const words = space > 0 ? body.slice(0, space).replace(DANGLING, '') : '';
    if (!words) break;
    if (words.length === sentenceEnd) return words;
    if (words.length < max) return `${words}…`;
    end = space;
  }
  return null;
}

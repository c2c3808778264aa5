/** Sentence ends: a full stop, a question or exclamation mark, or a line break. */
export const SENTENCE_END = /[.!?\n]/;
/** Clause ends: a sentence end, a semicolon or a colon. */
export const CLAUSE_END = /[.!?;:\n]/;

/** Where the sentence (or, with CLAUSE_END, the clause) holding `index` starts. */
export function sentenceStart(text: string, index: number, ends: RegExp = SENTENCE_END): number {
  let start = index;
  while (start > 0 && !ends.test(text[start - 1])) start--;
  return start;
}

/** The sentence (or, with CLAUSE_END, the clause) around the `length` characters at `index`: its start and end. */
export function sentenceAround(
  text: string,
  index: number,
  length: number,
  ends: RegExp = SENTENCE_END,
): [number, number] {
  let end = index + length;
  while (end < text.length && !ends.test(text[end])) end++;
  return [sentenceStart(text, index, ends), end];
}

/**
 * A call transcript with speaker tags ("Agent: Hi, is this the practice manager?\nLead: no that'd be sandra"): the
 * classifier reads what the other side said, not our agent's questions and offers.
 */

/** Our side of the call. */
const OUR_SPEAKER =
  /^\s*\[?(agent|agente|rep|sales rep|representative|operator|sdr|bdr|asesor|comercial|conseiller|berater|vertriebler|verkoper|consulente|operatore)\]?\s*:/i;
/** Any speaker tag: one to three words, or "Speaker 2", before a colon at the start of a line. */
const SPEAKER_TAG = /^\s*\[?(\p{L}[\p{L}'.-]*( \p{L}[\p{L}'.-]*){0,2}|speaker \d)\]?\s*:\s*/iu;
/** Header lines of other kinds that look like a tag. */
const NOT_A_SPEAKER =
  /^\s*(from|to|cc|sent|date|subject|re|fw|fwd|tel|phone|mobile|email|e-mail|web|ps|p\.s|note|nb|von|an|de|para|asunto|objet|betreff|oggetto|onderwerp|aan|van)\s*:/i;

/** The other side's words of a tagged transcript with our agent in it, or null when the text is not one. */
export function callersWords(text: string): string | null {
  const lines = text.split('\n');
  if (!lines.some((l) => OUR_SPEAKER.test(l))) return null;
  const theirs = lines.filter((l) => SPEAKER_TAG.test(l) && !OUR_SPEAKER.test(l) && !NOT_A_SPEAKER.test(l));
  if (theirs.length === 0) return null;
  const kept: string[] = [];
  let ours = false;
  for (const line of lines) {
    if (OUR_SPEAKER.test(line)) {
      ours = true;
      continue;
    }
    if (SPEAKER_TAG.test(line) && !NOT_A_SPEAKER.test(line)) {
      ours = false;
      const words = line.replace(SPEAKER_TAG, '');
      if (words.trim()) kept.push(words);
      continue;
    }
    if (!ours) kept.push(line);
  }
  return kept.join('\n');
}

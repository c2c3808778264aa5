/**
 * An opt-out phrase held by a clause that is not the writer's request (see opt-out-scope): a subordinate clause or a
 * reluctance ("before you take me off", "I would hate to"), or somebody else's possible wish ("if you no longer wish
 * to receive …"). Normalised text.
 */

/** A subordinate clause or a reluctance that holds the phrase ("before you take me off", "I would hate to"). */
export const SUBORDINATE =
  /\b(before (you|u|i|we|they|he|she|anyone|someone)|in case|even if|instead of|rather than|en (vez|lugar) de|au lieu de|plutot que( de)?|invece di|anziche|em vez de|ao inves de|em lugar de|in plaats van|(an)?statt|whether (to|i should|we should)|(hate|loath|reluctant|hesitant|sad)( for (you|u|them))? to|antes de( que)?|avant (de|que)|bevor|prima (di|che)|voordat)\b[^.!?;:\n,]{0,30}$/;

/** Someone else's possible wish ("if you're trying to unsubscribe, this isn't the right address"). */
export const SOMEONE_ELSES_WISH =
  /\bif (you|u|they|someone|somebody|anyone|anybody|people)( are| is)?( (just|ever))? (trying|want|wants|wanting|wish|wishes|need|needs|looking|would like|decide|decides) to\s*$/;

/** "If you no longer wish to receive …": the reader's wish, not the writer's. */
export const readersWish = (before: string, phrase: string) =>
  /\bif (you|u|they|anyone|someone|people)\s*$/.test(before) &&
  /^(no longer|do not|would rather not|would prefer not)\b/.test(phrase);

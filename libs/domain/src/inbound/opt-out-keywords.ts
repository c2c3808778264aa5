/** DESIGN §7.1: these words, alone in a message (any case, trimmed), opt the sender out of the channel. */
export const OPT_OUT_KEYWORDS = [
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'REVOKE',
  'OPTOUT',
] as const;

/** And these opt the sender back in. */
export const OPT_IN_KEYWORDS = ['START', 'UNSTOP'] as const;

export type OptKeyword =
  | { kind: 'opt_out'; keyword: (typeof OPT_OUT_KEYWORDS)[number] }
  | { kind: 'opt_in'; keyword: (typeof OPT_IN_KEYWORDS)[number] };

/**
 * The opt-out or opt-in a message's body asks for, or undefined. Only the keyword alone counts ("Stop", " stop\n",
 * "STOP." do; "please stop calling" does not: a classifier handles phrasing, DESIGN §7.1).
 */
export function optKeyword(body: string | null | undefined): OptKeyword | undefined {
  const word = (body ?? '')
    .trim()
    .replace(/[.!]+$/, '')
    .toUpperCase();
  const out = OPT_OUT_KEYWORDS.find((k) => k === word);
  if (out) return { kind: 'opt_out', keyword: out };
  const back = OPT_IN_KEYWORDS.find((k) => k === word);
  return back ? { kind: 'opt_in', keyword: back } : undefined;
}

/** The one confirmation an opt-out gets. */
export const OPT_OUT_CONFIRMATION =
  'You have been unsubscribed and will receive no more messages on this channel. Reply START to resubscribe.';

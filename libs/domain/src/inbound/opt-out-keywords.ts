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
 * The opt-out or opt-in a message's body asks for, or undefined. Only the keyword alone counts, as a person types
 * it: any case, within quotes or brackets, with trailing punctuation ("Stop", " stop\n", "STOP.", "Stop?", '"STOP"'),
 * as a Telegram command ("/stop", "/stop@ClinicBot"), and "STOP ALL" for STOPALL; "please stop calling" does not
 * (a classifier handles phrasing, DESIGN §7.1).
 */
export function optKeyword(body: string | null | undefined): OptKeyword | undefined {
  const word = (body ?? '')
    .trim()
    .replace(/^["'“‘«([¡¿]+/u, '')
    .replace(/["'”’»)\].!?,;:]+$/u, '')
    .replace(/^\/([a-z]+)(@\w+)?$/i, '$1')
    .replace(/^stop\s+all$/i, 'STOPALL')
    .trim()
    .toUpperCase();
  const out = OPT_OUT_KEYWORDS.find((k) => k === word);
  if (out) return { kind: 'opt_out', keyword: out };
  const back = OPT_IN_KEYWORDS.find((k) => k === word);
  return back ? { kind: 'opt_in', keyword: back } : undefined;
}

/**
 * A lead's message's opt-out or opt-in: the provider's word when it recognised one itself (Twilio's Advanced
 * Opt-Out reports custom and localised keywords, which it then enforces, as OptOutType), else its body's keyword.
 */
export function messageOptKeyword(message: {
  body?: string | null;
  provider_opt?: 'opt_out' | 'opt_in';
}): OptKeyword | undefined {
  const own = optKeyword(message.body);
  if (!message.provider_opt || own?.kind === message.provider_opt) return own;
  return message.provider_opt === 'opt_out'
    ? { kind: 'opt_out', keyword: 'STOP' }
    : { kind: 'opt_in', keyword: 'START' };
}

/** The one confirmation an opt-out gets. */
export const OPT_OUT_CONFIRMATION =
  'You have been unsubscribed and will receive no more messages on this channel. Reply START to resubscribe.';
